"""The Rasd store: runs, articles and their extraction, written one transaction per batch.

Only the driver process writes. Each batch (its articles, mentions, events and their parts) is inserted
in one transaction through Arrow tables, so a run killed at any moment leaves every earlier batch whole
and nothing of the batch in flight; the next run skips what is stored and goes on. Every method opens
the file for its own work and closes it (:mod:`rasd.store.connection`), so other processes can use the
database between batches.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from rasd import __version__
from rasd.actors.kb import get_actor
from rasd.model import ArticleResult, ordered_count
from rasd.store import tables as T
from rasd.store.connection import Database, StoreError, applied_version

__all__ = ["Database", "Store", "StoreError", "StoredArticle"]


@dataclass(slots=True)
class StoredArticle:
    """What the store must know about an article beyond the pipeline's result."""

    result: ArticleResult
    extracted: bool
    update_only: bool = False  # already stored by `rasd ingest`: only its extraction is new
    minhash: bytes | None = None
    band_keys: list[int] = field(default_factory=list)
    duplicate_similarity: float | None = None


#: The tables one batch writes, in insert order.
_BATCH_TABLES = ("articles", "article_bands", "mentions", "places", "actors", "events", "event_counts",
                 "event_actors", "event_sources")
#: Tables whose rows are shared between articles: insert only what is not there yet.
_SHARED = {"places", "actors"}
#: Rows per insert: a book-length article's 280,000 mentions go to the database in slices, each one
#: Arrow table freed before the next is built, not as one table beside its Python rows.
ROWS_PER_INSERT = 2_000
#: DuckDB's memory while it writes one batch (the largest article text the readers accept is 50 MB).
WRITE_MEMORY_MB = 160


def _date(s: str | None) -> Any:
    if not s:
        return None
    try:
        return datetime.strptime(s[:10], "%Y-%m-%d").date()
    except ValueError:
        return None


class Store:
    """A Rasd database file for runs: each method opens the file, does its work and closes it again.

    Use as a context manager (kept for callers that scope their work; it holds nothing open).
    """

    def __init__(self, path: str | Path, read_only: bool = False, wait: float | None = None) -> None:
        self.db = Database(path, wait)
        self.path = self.db.path
        if read_only:
            with self.db.read():
                pass
        else:
            with self.db.write():
                pass

    # -- lifecycle --------------------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to close: no connection outlives one method."""

    def applied_version(self) -> int:
        with self.db.read() as con:
            return applied_version(con)

    # -- runs -------------------------------------------------------------------------------------------
    def begin_run(self, command: str, engine: str | None, workers: int | None, inputs: Sequence[str]) -> str:
        import os

        import psutil

        run_id = uuid.uuid4().hex[:12]
        with self.db.write() as con:
            running = con.execute("SELECT id, pid FROM runs WHERE status = 'running'").fetchall()
            gone = [rid for rid, pid in running if pid is None or not psutil.pid_exists(pid)]
            if gone:  # their process died (killed, or the machine stopped): another run may be live
                con.execute("UPDATE runs SET status = 'interrupted' WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                            [gone])
            con.execute(
                "INSERT INTO runs (id, started_at, status, command, engine, workers, inputs, rasd_version, pid) "
                "VALUES (?, now(), 'running', ?, ?, ?, ?, ?, ?)",
                [run_id, command, engine, workers, list(inputs), __version__, os.getpid()],
            )
        return run_id

    def finish_run(self, run_id: str, status: str, counters: dict[str, int]) -> None:
        cols = ", ".join(f"{k} = ?" for k in counters)
        with self.db.write() as con:
            con.execute(
                f"UPDATE runs SET status = ?, finished_at = now(){', ' + cols if cols else ''} WHERE id = ?",
                [status, *counters.values(), run_id],
            )

    # -- look-ups for identity and duplicates -------------------------------------------------------------
    def stored_ids(self, ids: Sequence[str]) -> dict[str, bool]:
        """id -> extracted, for the ids already stored."""
        if not ids:
            return {}
        with self.db.read() as con:
            rows = con.execute(
                "SELECT id, extracted FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
            ).fetchall()
        return dict(rows)

    def stored_hashes(self, hashes: Sequence[str]) -> dict[str, str]:
        """text hash -> id of the stored article with that text."""
        if not hashes:
            return {}
        with self.db.read() as con:
            rows = con.execute(
                "SELECT text_hash, min(id) FROM articles WHERE text_hash IN (SELECT unnest(?::VARCHAR[])) "
                "GROUP BY text_hash",
                [list(hashes)],
            ).fetchall()
        return dict(rows)

    def band_candidates(self, keys: Iterable[int]) -> list[tuple[int, str, bytes]]:
        """(band key, article id, minhash) of stored articles sharing an LSH band key."""
        keys = list(set(keys))
        if not keys:
            return []
        with self.db.read() as con:
            return con.execute(
                "SELECT b.band_key, b.article_id, a.minhash FROM article_bands b "
                "JOIN articles a ON a.id = b.article_id "
                "WHERE b.band_key IN (SELECT unnest(?::BIGINT[])) ORDER BY a.ingested_at, a.id",
                [keys],
            ).fetchall()

    # -- writing ----------------------------------------------------------------------------------------
    def write_batch(self, items: Sequence[StoredArticle], run_id: str, counters: dict[str, int]) -> None:
        """Store one batch, and the run's counters so far, in one transaction."""
        with self.db.write() as con:
            # One thread and a memory limit (DuckDB spills the rest to its temporary directory): a
            # book-length article's rows would otherwise take 500 MB of buffers; a batch of news needs few.
            con.execute(f"SET threads = 1; SET memory_limit = '{WRITE_MEMORY_MB}MB'")
            for table, cols in _rows(items, run_id):
                arrow = _arrow(table, cols)
                con.register("_batch", arrow)
                names = ", ".join(f'"{c}"' for c in cols)
                if table in _SHARED:
                    con.execute(
                        f"INSERT INTO {table} ({names}) SELECT DISTINCT ON (id) {names} FROM _batch "
                        f"WHERE id NOT IN (SELECT id FROM {table})"
                    )
                else:
                    con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _batch")
                con.unregister("_batch")
                del arrow
            updated = [it.result.article.id for it in items if it.update_only]
            if updated:
                con.execute(
                    "UPDATE articles SET extracted = true WHERE id IN (SELECT unnest(?::VARCHAR[]))", [updated]
                )
            if counters:
                cols = ", ".join(f"{k} = ?" for k in counters)
                con.execute(f"UPDATE runs SET {cols} WHERE id = ?", [*counters.values(), run_id])

    # -- reading ----------------------------------------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in T.BY_NAME:
            raise ValueError(table)
        with self.db.read() as con:
            return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _arrow(table: str, cols: dict[str, list]) -> pa.Table:
    """The Arrow table of some rows; text goes in as UTF-8 bytes made here and dropped after the insert.

    Arrow would otherwise read each string's UTF-8 form through the cache Python keeps inside the string
    itself, for as long as the string lives: 100 MB more for a book-length article's text and mentions.
    """
    schema = T.BY_NAME[table].arrow_schema(list(cols))
    return pa.table([pa.array([v.encode() if isinstance(v, str) else v for v in cols[f.name]], f.type)
                     if f.type == pa.string() else cols[f.name] for f in schema], schema=schema)


class _Columns:
    """One table's rows of a batch, column by column, handed to the database in slices."""

    __slots__ = ("cols", "table")

    def __init__(self, table: str) -> None:
        self.table = table
        self.cols: dict[str, list] = {c: [] for c in T.BY_NAME[table].column_names}

    def add(self, **row: Any) -> None:
        for k, v in row.items():
            self.cols[k].append(v)

    def __len__(self) -> int:
        return len(self.cols[next(iter(self.cols))])

    def full(self) -> bool:
        return len(self) >= ROWS_PER_INSERT

    def take(self) -> tuple[str, dict[str, list]]:
        """The rows so far (and an empty table for the next ones)."""
        cols, self.cols = self.cols, {c: [] for c in self.cols}
        return self.table, cols


def _rows(items: Sequence[StoredArticle], run_id: str) -> Iterator[tuple[str, dict[str, list]]]:
    """``(table, column lists)`` slices of one batch's rows, each of at most about ``ROWS_PER_INSERT`` rows."""
    tables = {t: _Columns(t) for t in _BATCH_TABLES}
    now = datetime.now()
    art, bands, men = tables["articles"], tables["article_bands"], tables["mentions"]
    places, actors, ev = tables["places"], tables["actors"], tables["events"]
    counts, eact, esrc = tables["event_counts"], tables["event_actors"], tables["event_sources"]
    for it in items:
        a = it.result.article
        if not it.update_only:
            art.add(id=a.id, title=a.title, text=a.text, published=_date(a.published), outlet=a.outlet, url=a.url,
                    source=a.source, tags=a.tags, text_hash=a.text_hash, duplicate_of=a.duplicate_of,
                    duplicate_similarity=it.duplicate_similarity, minhash=it.minhash, extracted=it.extracted,
                    run_id=run_id, ingested_at=now)
            for key in it.band_keys:
                bands.add(band_key=key, article_id=a.id)
        for m in it.result.mentions:
            men.add(article_id=a.id, start_char=m.start, end_char=m.end, text=m.text, label=m.label, ref=m.ref)
            if men.full():
                yield men.take()
        for seq, e in enumerate(it.result.events):
            eid = f"{a.id}#{seq}"
            loc = e.location
            place_id = None
            if loc is not None and (loc.geonameid is not None or loc.name or loc.name_en or loc.country):
                place_id = loc.key()
                places.add(id=place_id, **{k: getattr(loc, k) for k in
                                           ("name", "name_en", "geonameid", "lat", "lon", "admin1", "admin2",
                                            "country")})
            fat = e.counts.get("fatalities")
            record = e.to_dict()
            for c in record["counts"].values():
                c["low"], c["best"], c["high"] = ordered_count(c["low"], c["best"], c["high"])
            ev.add(id=eid, article_id=a.id, seq=seq, kind=e.kind, event_type=e.acled_event_type,
                   sub_event_type=e.acled_sub_event_type, place_id=place_id,
                   location_name=loc.name or loc.name_en if loc else None,
                   location_precision=loc.precision if loc else None,
                   date_start=_date(e.date.start) if e.date else None,
                   date_end=_date(e.date.end) if e.date else None,
                   date_precision=e.date.precision if e.date else "unknown",
                   polarity=e.polarity, certainty=e.certainty, genericity=e.genericity,
                   fatalities=fat.best if fat else None, trigger=e.trigger,
                   record=orjson.dumps(record), confidence=e.confidence)
            for what, c in e.counts.items():
                lo, best, hi = ordered_count(c.low, c.best, c.high)  # the contract holds in the store too
                counts.add(event_id=eid, what=what, low=lo, best=best, high=hi)
            for i, ar in enumerate(e.actors):
                eact.add(event_id=eid, seq=i, role=ar.role, name=ar.name, name_en=ar.name_en, actor_id=ar.id,
                         inferred=bool(ar.inferred))
                if ar.id:
                    # the registry keeps the knowledge base's names, not one report's (``Protesters (Morocco)``)
                    known = get_actor(ar.id)
                    actors.add(id=ar.id, name_en=known.name_en if known else ar.name_en,
                               name_ar=known.name_ar if known else ar.name, type=ar.type, inter=ar.inter,
                               affiliation=ar.affiliation)
            for i, s in enumerate(e.sources):
                esrc.add(event_id=eid, seq=i, speaker=s.speaker, role=s.role, organization=s.organization,
                         actor_id=s.actor_id, stance=s.stance, quote=s.quote)
            yield from (t.take() for t in tables.values() if t.full())
    for t in tables.values():
        if len(t):
            yield t.take()
