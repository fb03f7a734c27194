"""POST /articles: ingest and extract posted articles through the same runner as ``rasd run``.

The posted records are written to a temporary JSONL file and handed to :func:`rasd.runner.run` with the
in-process engine, so cleaning, ids, duplicate decisions, extraction and the one-transaction-per-batch
store are exactly those of the command line; then the canonical events of the (kind, country) blocks
that the new events fall in are recomputed (the same rows a full rebuild would give).

A POST that brings nothing new costs no run: when every record's id is stored and extracted, the answer
comes from two look-ups; when the run stores no event, nothing is re-aggregated; and a run that writes
nothing leaves no ``runs`` row.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

import orjson

from rasd import caches, settings
from rasd.aggregate.build import rebuild
from rasd.ingest.errors import InputRejected
from rasd.ingest.prepare import prepare_checked
from rasd.ingest.record import RawArticle


def _expected_id(rec: dict[str, Any]) -> str | None:
    """The id the runner will give this record (given id, else the hash of its cleaned text)."""
    text = rec.get("text")
    if not text:
        return rec.get("id")
    p = prepare_checked(RawArticle(text=text, path="<post>", id=rec.get("id"), title=rec.get("title")),
                with_signature=False)
    return None if isinstance(p, InputRejected) else p.article.id


def ingest_records(db: Any, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Store and extract ``records`` (FORMAT.md input objects) into ``db`` (a
    :class:`~rasd.store.connection.Database`); the caller holds the server's write lock."""
    from rasd.runner import Hooks, run

    ids = [_expected_id(r) for r in records]
    if all(ids):
        with db.read() as con:
            if _all_extracted(con, ids):
                return _answer(len(records), 0, 0, 0, 0, _canonical_count(con), ids, [])
    problems: list[str] = []
    fd, tmp = tempfile.mkstemp(prefix="rasd-post-", suffix=".jsonl")
    try:
        with os.fdopen(fd, "wb") as fh:
            for rec in records:
                fh.write(orjson.dumps({k: v for k, v in rec.items() if v is not None}) + b"\n")
        stats = run([tmp], db.path, engine_name="local", workers=1, hooks=Hooks(on_reject=problems.append),
                    command="api", record_empty=False)
    finally:
        os.unlink(tmp)
    caches.trim(settings.CACHE_TRIM_ENTRIES)  # a long-lived server keeps its memory flat
    if stats.events:  # only the (kind, country) blocks these touch
        with db.write() as con:
            canonical = rebuild(con, article_ids=[i for i in ids if i]).canonical_events
    else:
        with db.read() as con:
            canonical = _canonical_count(con)
    return _answer(stats.exact_duplicates + stats.already_stored, stats.articles_stored, stats.near_duplicates,
                   stats.rejected, stats.events, canonical, ids, [p.replace(tmp, "<post>") for p in problems])


def _all_extracted(con: Any, ids: list[str]) -> bool:
    rows = con.execute("SELECT count(*) FROM articles WHERE extracted AND id IN (SELECT unnest(?::VARCHAR[]))",
                       [sorted(set(ids))]).fetchall()
    return rows[0][0] == len(set(ids))


def _canonical_count(con: Any) -> int:
    return con.execute("SELECT count(*) FROM canonical_events").fetchall()[0][0]


def _answer(duplicates: int, stored: int, near: int, rejected: int, events: int, canonical: int,
            ids: list[str | None], problems: list[str]) -> dict[str, Any]:
    return {"stored": stored, "duplicates": duplicates, "near_duplicates": near, "rejected": rejected,
            "events": events, "canonical_events": canonical, "ids": ids, "problems": problems}
