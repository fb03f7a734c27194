"""Event detection: who did what to whom, where, when, how many (kinds and ACLED types in rasd.model)."""

from rasd.events.extract import extract_events

__all__ = ["extract_events"]
