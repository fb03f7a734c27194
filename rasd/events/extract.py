"""Event extraction from an analysed document.

The detectors (trigger lexicons, argument attachment, claims) arrive with the events issue; until then
this stage returns no events, and everything downstream already handles the final shape.
"""

from __future__ import annotations

from rasd.lang.document import Document
from rasd.model import Article, Event


def extract_events(doc: Document, article: Article) -> list[Event]:
    return []
