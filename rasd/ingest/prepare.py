"""From a raw record to a clean, identified :class:`Article` (the part of ingestion that needs no store)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rasd.ingest.clean import clean_text
from rasd.ingest.encoding import without_surrogates
from rasd.ingest.errors import InputRejected
from rasd.ingest.identity import article_id, key_hash, matching_key
from rasd.ingest.minhash import signature_of_key
from rasd.ingest.record import RawArticle
from rasd.model import Article


@dataclass(slots=True)
class Prepared:
    article: Article
    signature: np.ndarray | None  # MinHash, for near-duplicate detection


def prepare(raw: RawArticle, with_signature: bool = True) -> Prepared | InputRejected:
    """Clean the text, give the article its id and hash; reject what has no text left.

    Surrogate code points (from JSON or character-reference escapes) cannot be written as UTF-8 to the
    store or hashed: pairs are joined, lone ones become U+FFFD, in every field.
    """
    cleaned = clean_text(without_surrogates(raw.text), _valid(raw.title), plain=raw.plain)
    if not cleaned.text:
        return InputRejected(raw.path, "empty text", raw.line)
    key = matching_key(cleaned.text)
    digest = key_hash(key)
    article = Article(
        id=article_id(_valid(raw.id), digest),
        text=cleaned.text,
        title=cleaned.title,
        published=raw.published,
        outlet=_valid(raw.outlet),
        url=_valid(raw.url),
        source=raw.source,
        tags=cleaned.tags,
        text_hash=digest,
    )
    return Prepared(article, signature_of_key(key) if with_signature else None)


def _valid(field: str | None) -> str | None:
    return without_surrogates(field) if field else field


def prepare_checked(raw: RawArticle, with_signature: bool = True) -> Prepared | InputRejected:
    """:func:`prepare`, with anything it raises reported as that record's problem."""
    try:
        return prepare(raw, with_signature)
    except Exception as e:  # noqa: BLE001 - one record must not sink its batch or the run
        return InputRejected(raw.path, f"cannot clean the text ({type(e).__name__}: {str(e)[:160]})", raw.line)


def prepare_batch(raws: list[RawArticle]) -> list[Prepared | InputRejected]:
    """Prepare a chunk of records; a top-level function so that any engine can run it in a worker."""
    return [prepare_checked(raw) for raw in raws]
