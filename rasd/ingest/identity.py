"""Stable article identity: the given id, else a hash of the normalised text.

The text hash is computed on the matching form (folded, punctuation-free), so the same story saved with
other diacritics, spacing or punctuation is still the same article.
"""

from __future__ import annotations

import hashlib

from rasd.lang.normalize import normalize_for_matching


def key_hash(key: str) -> str:
    """Hash of a matching key (``normalize_for_matching`` output)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    return key_hash(normalize_for_matching(text))


def article_id(given: str | None, hashed: str) -> str:
    return given if given else f"h{hashed[:16]}"
