"""Sentence splitting for news text, with offsets into the original text.

A sentence ends at ``.``, ``!``, ``?``, ``؟``, ``…`` (and runs of them) and at every line break; the
Arabic comma ``،`` and semicolon ``؛`` join clauses and never end a sentence. A quotation in «» or “”
is kept whole (a spokesman's statement stays with its ``قال``) as long as it closes on the same line.
A full stop between digits (``2.5``) or after a one-letter abbreviation (``د.``) is not an ending.
The corpora's tokenised punctuation (``word . Next``) is handled like ordinary punctuation.
"""

from __future__ import annotations

import re

from rasd.model import Span

#: Candidate boundaries and quote marks, found in one pass; the state machine only sees these.
_MARKS = re.compile(r"[.!?\u061f\u2026\u06d4]+|\n|[\u00ab\u00bb\u201c\u201d]")
_OPEN = {"\u00ab": "\u00bb", "\u201c": "\u201d"}
_CLOSE = frozenset(_OPEN.values())
#: A mark that closes a quote right after a sentence end belongs to that sentence.
_TRAILING_CLOSERS = re.compile(r"[\u00bb\u201d\")\]]*")


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` as spans (whitespace trimmed, empty stretches dropped)."""
    spans: list[Span] = []
    start = 0
    open_quote: str | None = None  # the closer we wait for
    open_line_end = -1
    for m in _MARKS.finditer(text):
        mark = m.group()
        pos = m.start()
        if open_quote is not None and pos > open_line_end:
            open_quote = None  # the quote never closed on its line: forget it
        if mark in _OPEN and open_quote is None:
            open_quote = _OPEN[mark]
            nl = text.find("\n", pos)
            open_line_end = nl if nl >= 0 else len(text)
            if open_line_end <= pos or text.find(open_quote, pos + 1, open_line_end) < 0:
                open_quote = None
            continue
        if mark in _CLOSE:
            if mark == open_quote:
                open_quote = None
            continue
        if mark == "\n":
            _add(text, start, pos, spans)
            start = pos + 1
            open_quote = None
            continue
        if open_quote is not None:
            continue
        if mark == "." and (_is_decimal(text, m.start(), m.end()) or _is_abbreviation(text, pos)):
            continue
        end = m.end()
        end = _TRAILING_CLOSERS.match(text, end).end()
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _is_abbreviation(text: str, pos: int) -> bool:
    """A lone letter before the full stop (``د.``, ``م.``) abbreviates a title or a unit."""
    return pos > 0 and text[pos - 1].isalpha() and (pos == 1 or text[pos - 2].isspace())


def _is_decimal(text: str, start: int, end: int) -> bool:
    return end - start == 1 and 0 < start and end < len(text) and text[start - 1].isdigit() and text[end].isdigit()


#: The longest sentence kept whole. No sentence of the 22,854 corpus articles is longer than 3,745
#: characters; a longer run without an ending (a dump, a list, garbage) is cut at spaces, so that what later
#: stages do per mention over its sentence stays bounded (one 28,000-character "sentence" cost 10 s).
MAX_SENTENCE_CHARS = 4_000


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    start, end = _trimmed(text, start, end)
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        space = max(text.rfind(" ", start, limit), text.rfind("\t", start, limit))
        cut = space if space > start + MAX_SENTENCE_CHARS // 2 else limit
        _append(text, start, cut, spans)
        start, end = _trimmed(text, cut, end)
    _append(text, start, end, spans)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _append(text: str, start: int, end: int, spans: list[Span]) -> None:
    start, end = _trimmed(text, start, end)
    if end > start and not _only_punctuation(text[start:end]):
        spans.append(Span(start, end, text[start:end]))


_WORDLIKE = re.compile(r"\w")


def _only_punctuation(s: str) -> bool:
    return _WORDLIKE.search(s) is None
