"""The analysed document that later stages read (``analyze`` is their only entry to the language layer)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rasd.model import Mention, Span


@dataclass(slots=True)
class Document:
    text: str
    published: str | None = None
    sentences: list[Span] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)


def analyze(text: str, published: str | None = None) -> Document:
    """Analyse ``text``; offsets in everything returned point into ``text`` itself."""
    return Document(text=text, published=published)
