"""Event detection: who did what to whom, where, when, how many (kinds and ACLED types in rasd.model)."""

__all__ = ["extract_events"]


def __getattr__(name: str):
    # loaded on first use: the claims stage reads this package's lexicon, and the events' steps read claims
    if name == "extract_events":
        from rasd.events.extract import extract_events

        return extract_events
    raise AttributeError(name)
