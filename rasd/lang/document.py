"""The analysed document that later stages read (``analyze`` is their only entry to the language layer)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rasd.lang.dates import DateMention, find_dates
from rasd.lang.numbers import NumberMention, find_numbers
from rasd.lang.sentences import split_sentences
from rasd.lang.tokens import Token, tokenize
from rasd.model import Mention, Span

try:  # the NER lands separately; the layer works without it
    from rasd.lang.ner import extract_entities as _extract_entities
except ImportError:  # pragma: no cover - depends on which parts of the tree are installed
    _extract_entities = None


_NOT_NEWLINE = re.compile(r"[^\n]")


@dataclass(slots=True)
class Document:
    """Everything the language layer knows about one text; every offset points into ``text``."""

    text: str
    published: str | None = None
    sentences: list[Span] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)


def analyze(text: str, published: str | None = None, entities: bool = True) -> Document:
    """Analyse ``text``; offsets in everything returned point into ``text`` itself.

    Numbers that lie inside a date (``25 شباط 2021``) are dropped: a day or a year is not a count.
    ``entities=False`` skips the named-entity tagger (the slowest part) for callers that do not need it.
    """
    tokens = tokenize(text)
    dates = find_dates(tokens, published, text)
    numbers = find_numbers(tokens, text)
    if dates and numbers:
        numbers = [n for n in numbers if not _inside_any(n.number_start, n.number_end, dates)]
    found = _extract_entities(text) if entities and _extract_entities is not None else []
    return Document(
        text=text,
        published=published,
        sentences=split_sentences(text),
        entities=found,
        tokens=tokens,
        numbers=numbers,
        dates=dates,
    )


def tag_entities(text: str, keep: list[tuple[int, int]]) -> list[Mention]:
    """Named entities of the ``keep`` stretches of ``text`` only, with offsets into ``text``.

    The tagger is the costliest step of the layer and most sentences of an article name nothing a later
    stage needs; the rest of the text is blanked (same length, so every offset stays valid) rather than cut.
    """
    if _extract_entities is None or not keep:
        return []
    pieces, pos = [], 0
    for start, end in sorted(keep):
        start = max(start, pos)
        if end <= start:
            continue
        pieces.append(_NOT_NEWLINE.sub(" ", text[pos:start]))
        pieces.append(text[start:end])
        pos = end
    pieces.append(_NOT_NEWLINE.sub(" ", text[pos:]))
    return _extract_entities("".join(pieces))


def _inside_any(start: int, end: int, dates: list[DateMention]) -> bool:
    return any(d.start <= start and end <= d.end for d in dates)
