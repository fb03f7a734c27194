"""From a raw record to a clean, identified :class:`Article` (the part of ingestion that needs no store)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rasd.ingest.clean import clean_text
from rasd.ingest.errors import InputRejected
from rasd.ingest.identity import article_id, key_hash
from rasd.ingest.minhash import signature_of_key
from rasd.ingest.record import RawArticle
from rasd.lang.normalize import normalize_for_matching
from rasd.model import Article


@dataclass(slots=True)
class Prepared:
    article: Article
    signature: np.ndarray | None  # MinHash, for near-duplicate detection


def prepare(raw: RawArticle, with_signature: bool = True) -> Prepared | InputRejected:
    """Clean the text, give the article its id and hash; reject what has no text left."""
    cleaned = clean_text(raw.text, raw.title, plain=raw.plain)
    if not cleaned.text:
        return InputRejected(raw.path, "empty text", raw.line)
    key = normalize_for_matching(cleaned.text)
    digest = key_hash(key)
    article = Article(
        id=article_id(raw.id, digest),
        text=cleaned.text,
        title=cleaned.title,
        published=raw.published,
        outlet=raw.outlet,
        url=raw.url,
        source=raw.source,
        tags=cleaned.tags,
        text_hash=digest,
    )
    return Prepared(article, signature_of_key(key) if with_signature else None)


def prepare_batch(raws: list[RawArticle]) -> list[Prepared | InputRejected]:
    """Prepare a chunk of records; a top-level function so that any engine can run it in a worker."""
    return [prepare(raw) for raw in raws]
