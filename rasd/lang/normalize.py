"""Arabic normalisation for matching and hashing.

Matching folds the variation that carries no meaning in news text (diacritics, tatweel, alef/hamza
seats, alef maqsura, ta marbuta, Arabic-Indic and Persian digits, invisible direction marks).

Performance note (measured on Al Mayadeen articles): ``str.translate`` with a dict table costs ~500 us
per article because every non-ASCII character goes through a dict lookup; one regex deletion plus a few
``str.replace`` calls costs ~50 us. Keep this implementation shape on this hot path.
"""

from __future__ import annotations

import re

_REMOVE = re.compile("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+")
_REPLACE = (
    ("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"), ("ئ", "ي"),
    ("ک", "ك"), ("ی", "ي"), ("ھ", "ه"),
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_HAS_EASTERN_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
# ASCII and Arabic punctuation (an explicit class: far faster than [^\w] on Arabic text).
_PUNCT = re.compile(
    r"[!-/:-@\[-`{-~\u00ab\u00bb\u060c\u061b\u061f\u2026\u201c\u201d\u201e\u2018\u2019\u2013\u2014"
    r"\u066a-\u066d\u06d4\u00b7\u2022]+"
)


def fold(text: str) -> str:
    """Fold orthographic variants. Only deletions change the length (diacritics, tatweel, marks)."""
    text = _REMOVE.sub("", text)
    for a, b in _REPLACE:
        if a in text:
            text = text.replace(a, b)
    if _HAS_EASTERN_DIGIT.search(text):
        text = text.translate(_DIGITS)
    return text


def normalize_for_matching(text: str) -> str:
    """Folded, lower-cased words separated by single spaces, without punctuation: the key for ids and dedup."""
    return " ".join(_PUNCT.sub(" ", fold(text)).lower().split())


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` plus, for every folded character, its offset in ``text`` (and one past the end).

    Every span the system reports must point into the original text, but matching runs on folded text;
    ``offsets[i]`` maps folded position ``i`` back, so a folded span ``[s, e)`` is
    ``text[offsets[s]:offsets[e - 1] + 1]``, or simply ``text[offsets[s]:offsets[e]]`` when the deleted
    marks that follow the span may be included. Folding only deletes characters (the rest is one to one),
    so the map is built from the deletion runs alone.
    """
    runs = [m.span() for m in _REMOVE.finditer(text)]
    if not runs:
        return fold(text), list(range(len(text) + 1))
    offsets: list[int] = []
    pieces: list[str] = []
    pos = 0
    for start, end in runs:
        offsets.extend(range(pos, start))
        pieces.append(text[pos:start])
        pos = end
    offsets.extend(range(pos, len(text)))
    pieces.append(text[pos:])
    offsets.append(len(text))
    return fold("".join(pieces)), offsets


def original_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """The original ``(start, end)`` of folded span ``[start, end)``: trailing deleted marks stay out."""
    if end <= start:
        return offsets[start], offsets[start]
    return offsets[start], offsets[end - 1] + 1


def with_elided_article(text: str, start: int, word: str) -> str:
    """``word`` (written at ``text[start:]``) with the article back where a ل of its own swallowed its alef:
    ``للجيش`` read from its second letter as ``لجيش`` is ``الجيش``; any other word stays as it is."""
    if start > 0 and text[start - 1] == "ل" and word.startswith("ل") and not word.startswith("ال"):
        return "ال" + word[1:]
    return word
