"""POST /articles: ingest and extract posted articles through the same runner as ``rasd run``.

The posted records are written to a temporary JSONL file and handed to :func:`rasd.runner.run` with the
in-process engine, so cleaning, ids, duplicate decisions, extraction and the one-transaction-per-batch
store are exactly those of the command line; then the canonical events of the (kind, country) blocks
that the new events fall in are recomputed (the same rows a full rebuild would give).
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

import orjson

from rasd.aggregate.build import rebuild
from rasd.ingest.errors import InputRejected
from rasd.ingest.prepare import prepare
from rasd.ingest.record import RawArticle


def _expected_id(rec: dict[str, Any]) -> str | None:
    """The id the runner will give this record (given id, else the hash of its cleaned text)."""
    text = rec.get("text")
    if not text:
        return rec.get("id")
    p = prepare(RawArticle(text=text, path="<post>", id=rec.get("id"), title=rec.get("title")),
                with_signature=False)
    return None if isinstance(p, InputRejected) else p.article.id


def ingest_records(db: Any, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Store and extract ``records`` (FORMAT.md input objects) into ``db`` (a
    :class:`~rasd.store.connection.Database`); the caller holds the server's write lock."""
    from rasd.runner import Hooks, run

    problems: list[str] = []
    fd, tmp = tempfile.mkstemp(prefix="rasd-post-", suffix=".jsonl")
    try:
        with os.fdopen(fd, "wb") as fh:
            for rec in records:
                fh.write(orjson.dumps({k: v for k, v in rec.items() if v is not None}) + b"\n")
        stats = run([tmp], db.path, engine_name="local", workers=1, hooks=Hooks(on_reject=problems.append),
                    command="api")
    finally:
        os.unlink(tmp)
    ids = [_expected_id(r) for r in records]
    with db.write() as con:
        agg = rebuild(con, article_ids=[i for i in ids if i])  # only the (kind, country) blocks these touch
    return {
        "stored": stats.articles_stored,
        "duplicates": stats.exact_duplicates + stats.already_stored,
        "near_duplicates": stats.near_duplicates,
        "rejected": stats.rejected,
        "events": stats.events,
        "canonical_events": agg.canonical_events,
        "ids": ids,
        "problems": [p.replace(tmp, "<post>") for p in problems],
    }
