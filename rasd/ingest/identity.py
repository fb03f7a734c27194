"""Stable article identity: the given id, else a hash of the normalised text.

The text hash is computed on the matching form (folded, punctuation-free), so the same story saved with
other diacritics, spacing or punctuation is still the same article.
"""

from __future__ import annotations

import hashlib
import re

from rasd.lang.normalize import normalize_for_matching

#: Texts longer than this are normalised a piece at a time (cut at whitespace: the same key).
_PIECE_CHARS = 1 << 20
_SPACE = re.compile(r"\s")  # what str.split() splits on


def matching_key(text: str) -> str:
    """``normalize_for_matching(text)`` in bounded memory: the whole-text form splits a 50 MB document
    into millions of word strings at once (half a gigabyte), pieces cut at whitespace give the same key."""
    if len(text) <= _PIECE_CHARS:
        return normalize_for_matching(text)
    keys, start = [], 0
    while start < len(text):
        space = _SPACE.search(text, min(len(text), start + _PIECE_CHARS))
        end = space.start() if space else len(text)
        keys.append(normalize_for_matching(text[start:end]))
        start = end
    return " ".join(k for k in keys if k)


def key_hash(key: str) -> str:
    """Hash of a matching key (``normalize_for_matching`` output)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    return key_hash(matching_key(text))


def article_id(given: str | None, hashed: str) -> str:
    return given if given else f"h{hashed[:16]}"
