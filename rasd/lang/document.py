"""The language layer's part of the ``Document``: tokens, sentences, paragraphs, numbers, dates, entities.

``analyze`` is the layer's entry for tools and tests; the pipeline calls ``add_language`` on its document.
"""

from __future__ import annotations

import re

from rasd.document import Document
from rasd.lang.dates import DateMention, find_dates
from rasd.lang.numbers import find_numbers
from rasd.lang.sentences import split_sentences
from rasd.lang.tokens import tokenize
from rasd.model import Mention

try:  # the NER lands separately; the layer works without it
    from rasd.lang.ner import extract_entities as _extract_entities
except ImportError:  # pragma: no cover - depends on which parts of the tree are installed
    _extract_entities = None


_NOT_NEWLINE = re.compile(r"[^\n]")
_NEWLINE = re.compile(r"\n")


def analyze(text: str, published: str | None = None, entities: bool = True) -> Document:
    """Analyse ``text``; offsets in everything returned point into ``text`` itself.

    ``entities=False`` skips the named-entity tagger (the slowest part) for callers that do not need it.
    """
    doc = Document.of(text, published)
    add_language(doc)
    if entities and _extract_entities is not None:
        doc.entities = _extract_entities(text)
    return doc


def add_language(doc: Document) -> None:
    """Tokens, dates, numbers, sentences and paragraphs of ``doc``.

    Numbers that lie inside a date (``25 شباط 2021``) are dropped: a day or a year is not a count.
    """
    text = doc.text
    doc.tokens = tokenize(text, (doc.folded, doc.offsets))
    doc.dates = find_dates(doc.tokens, doc.published, text)
    numbers = find_numbers(doc.tokens, text)
    if doc.dates and numbers:
        numbers = [n for n in numbers if not _inside_any(n.number_start, n.number_end, doc.dates)]
    doc.numbers = numbers
    doc.sentences = split_sentences(text)
    doc.paragraphs = paragraphs_of(text)


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: the stretches between line breaks."""
    out, start = [], 0
    for m in _NEWLINE.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


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
