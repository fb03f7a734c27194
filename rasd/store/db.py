"""The embedded DuckDB store: one file, schema migrations, one transaction per batch.

Only the driver process writes. Each batch (its articles, mentions, events and their parts) is inserted
in one transaction through Arrow tables, so a run killed at any moment leaves every earlier batch whole
and nothing of the batch in flight; the next run skips what is stored and goes on.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from rasd import __version__
from rasd.model import ArticleResult
from rasd.store.schema import MIGRATIONS


class StoreError(Exception):
    """The database cannot be opened or used (one line, naming the file)."""


@dataclass(slots=True)
class StoredArticle:
    """What the store must know about an article beyond the pipeline's result."""

    result: ArticleResult
    extracted: bool
    update_only: bool = False  # already stored by `rasd ingest`: only its extraction is new
    minhash: bytes | None = None
    band_keys: list[int] = field(default_factory=list)
    duplicate_similarity: float | None = None


_S = pa.string()
_I = pa.int32()
_SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", _S), ("title", _S), ("text", _S), ("published", pa.date32()), ("outlet", _S), ("url", _S),
        ("source", _S), ("tags", pa.list_(_S)), ("text_hash", _S), ("duplicate_of", _S),
        ("duplicate_similarity", pa.float64()), ("minhash", pa.binary()), ("extracted", pa.bool_()),
        ("run_id", _S), ("ingested_at", pa.timestamp("us")),
    ]),
    "article_bands": pa.schema([("band_key", pa.int64()), ("article_id", _S)]),
    "mentions": pa.schema([("article_id", _S), ("start_char", _I), ("end_char", _I), ("text", _S),
                           ("label", _S), ("ref", _S)]),
    "places": pa.schema([("id", _S), ("name", _S), ("name_en", _S), ("geonameid", pa.int64()),
                         ("lat", pa.float64()), ("lon", pa.float64()), ("admin1", _S), ("admin2", _S),
                         ("country", _S)]),
    "actors": pa.schema([("id", _S), ("name_en", _S), ("name_ar", _S), ("type", _S), ("inter", _I),
                         ("affiliation", _S)]),
    "events": pa.schema([
        ("id", _S), ("article_id", _S), ("seq", _I), ("kind", _S), ("event_type", _S), ("sub_event_type", _S),
        ("place_id", _S), ("location_name", _S), ("location_precision", _I), ("date_start", pa.date32()),
        ("date_end", pa.date32()), ("date_precision", _S), ("polarity", _S), ("certainty", _S),
        ("genericity", _S), ("fatalities", _I), ("trigger", _S), ("record", _S),
    ]),
    "event_counts": pa.schema([("event_id", _S), ("what", _S), ("low", _I), ("best", _I), ("high", _I)]),
    "event_actors": pa.schema([("event_id", _S), ("seq", _I), ("role", _S), ("name", _S), ("name_en", _S),
                               ("actor_id", _S)]),
    "event_sources": pa.schema([("event_id", _S), ("seq", _I), ("speaker", _S), ("role", _S),
                                ("organization", _S), ("actor_id", _S), ("stance", _S), ("quote", _S)]),
}
#: Tables whose rows are shared between articles: insert only what is not there yet.
_SHARED = {"places", "actors"}


def _date(s: str | None) -> Any:
    if not s:
        return None
    try:
        return datetime.strptime(s[:10], "%Y-%m-%d").date()
    except ValueError:
        return None


class Store:
    """A Rasd database file. Use as a context manager."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database (run `rasd run INPUT --db {self.path}` first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as e:
            msg = str(e).splitlines()[0]
            if "lock" in msg.lower():
                msg = "the database is in use by another process"
            raise StoreError(f"{self.path}: cannot open database: {msg}") from None
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: not a Rasd/DuckDB database ({str(e).splitlines()[0]})") from None
        if not read_only:
            self.migrate()
        else:
            self._check_version()

    # -- lifecycle --------------------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def applied_version(self) -> int:
        has = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchall()[0][0]
        if not has:
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[0][0]

    def _check_version(self) -> None:
        if self.applied_version() < MIGRATIONS[-1][0]:
            raise StoreError(f"{self.path}: database schema is older than this Rasd; open it once for writing")

    def migrate(self) -> None:
        """Apply the migrations this file lacks, all in one transaction."""
        current = self.applied_version()
        pending = [m for m in MIGRATIONS if m[0] > current]
        if not pending:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
            )
            for version, name, sql in pending:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    # -- runs -------------------------------------------------------------------------------------------
    def begin_run(self, command: str, engine: str | None, workers: int | None, inputs: Sequence[str]) -> str:
        self.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        run_id = uuid.uuid4().hex[:12]
        self.con.execute(
            "INSERT INTO runs (id, started_at, status, command, engine, workers, inputs, rasd_version) "
            "VALUES (?, now(), 'running', ?, ?, ?, ?, ?)",
            [run_id, command, engine, workers, list(inputs), __version__],
        )
        return run_id

    def finish_run(self, run_id: str, status: str, counters: dict[str, int]) -> None:
        cols = ", ".join(f"{k} = ?" for k in counters)
        self.con.execute(
            f"UPDATE runs SET status = ?, finished_at = now(){', ' + cols if cols else ''} WHERE id = ?",
            [status, *counters.values(), run_id],
        )

    # -- look-ups for identity and duplicates -------------------------------------------------------------
    def stored_ids(self, ids: Sequence[str]) -> dict[str, bool]:
        """id -> extracted, for the ids already stored."""
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, extracted FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
        ).fetchall()
        return dict(rows)

    def stored_hashes(self, hashes: Sequence[str]) -> dict[str, str]:
        """text hash -> id of the stored article with that text."""
        if not hashes:
            return {}
        rows = self.con.execute(
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
        return self.con.execute(
            "SELECT b.band_key, b.article_id, a.minhash FROM article_bands b "
            "JOIN articles a ON a.id = b.article_id "
            "WHERE b.band_key IN (SELECT unnest(?::BIGINT[])) ORDER BY a.ingested_at, a.id",
            [keys],
        ).fetchall()

    # -- writing ----------------------------------------------------------------------------------------
    def write_batch(self, items: Sequence[StoredArticle], run_id: str, counters: dict[str, int]) -> None:
        """Store one batch, and the run's counters so far, in one transaction."""
        rows = _rows(items, run_id)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, cols in rows.items():
                if not cols[next(iter(cols))]:
                    continue
                arrow = pa.table(cols, schema=_SCHEMAS[table])
                self.con.register("_batch", arrow)
                names = ", ".join(f'"{c}"' for c in cols)
                if table in _SHARED:
                    self.con.execute(
                        f"INSERT INTO {table} ({names}) SELECT DISTINCT ON (id) {names} FROM _batch "
                        f"WHERE id NOT IN (SELECT id FROM {table})"
                    )
                else:
                    self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _batch")
                self.con.unregister("_batch")
            updated = [it.result.article.id for it in items if it.update_only]
            if updated:
                self.con.execute(
                    "UPDATE articles SET extracted = true WHERE id IN (SELECT unnest(?::VARCHAR[]))", [updated]
                )
            if counters:
                cols = ", ".join(f"{k} = ?" for k in counters)
                self.con.execute(f"UPDATE runs SET {cols} WHERE id = ?", [*counters.values(), run_id])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    # -- reading ----------------------------------------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in _SCHEMAS and table != "runs":
            raise ValueError(table)
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def _rows(items: Sequence[StoredArticle], run_id: str) -> dict[str, dict[str, list]]:
    """Column lists per table for one batch."""
    out = {t: {f.name: [] for f in s} for t, s in _SCHEMAS.items()}
    now = datetime.now()
    art, bands, men = out["articles"], out["article_bands"], out["mentions"]
    places, actors, ev = out["places"], out["actors"], out["events"]
    counts, eact, esrc = out["event_counts"], out["event_actors"], out["event_sources"]
    for it in items:
        a = it.result.article
        if not it.update_only:
            for k, v in (("id", a.id), ("title", a.title), ("text", a.text), ("published", _date(a.published)),
                         ("outlet", a.outlet), ("url", a.url), ("source", a.source), ("tags", a.tags),
                         ("text_hash", a.text_hash), ("duplicate_of", a.duplicate_of),
                         ("duplicate_similarity", it.duplicate_similarity), ("minhash", it.minhash),
                         ("extracted", it.extracted), ("run_id", run_id), ("ingested_at", now)):
                art[k].append(v)
            for key in it.band_keys:
                bands["band_key"].append(key)
                bands["article_id"].append(a.id)
        for m in it.result.mentions:
            for k, v in (("article_id", a.id), ("start_char", m.start), ("end_char", m.end), ("text", m.text),
                         ("label", m.label), ("ref", m.ref)):
                men[k].append(v)
        for seq, e in enumerate(it.result.events):
            eid = f"{a.id}#{seq}"
            loc = e.location
            place_id = None
            if loc is not None and (loc.geonameid is not None or loc.name or loc.name_en or loc.country):
                place_id = loc.key()
                for k in ("name", "name_en", "geonameid", "lat", "lon", "admin1", "admin2", "country"):
                    places[k].append(getattr(loc, k))
                places["id"].append(place_id)
            fat = e.counts.get("fatalities")
            record = e.to_dict()
            for k, v in (("id", eid), ("article_id", a.id), ("seq", seq), ("kind", e.kind),
                         ("event_type", e.acled_event_type), ("sub_event_type", e.acled_sub_event_type),
                         ("place_id", place_id), ("location_name", loc.name or loc.name_en if loc else None),
                         ("location_precision", loc.precision if loc else None),
                         ("date_start", _date(e.date.start) if e.date else None),
                         ("date_end", _date(e.date.end) if e.date else None),
                         ("date_precision", e.date.precision if e.date else "unknown"),
                         ("polarity", e.polarity), ("certainty", e.certainty), ("genericity", e.genericity),
                         ("fatalities", fat.best if fat else None), ("trigger", e.trigger),
                         ("record", orjson.dumps(record).decode())):
                ev[k].append(v)
            for what, c in e.counts.items():
                for k, v in (("event_id", eid), ("what", what), ("low", c.low), ("best", c.best),
                             ("high", c.high)):
                    counts[k].append(v)
            for i, ar in enumerate(e.actors):
                for k, v in (("event_id", eid), ("seq", i), ("role", ar.role), ("name", ar.name),
                             ("name_en", ar.name_en), ("actor_id", ar.id)):
                    eact[k].append(v)
                if ar.id:
                    for k, v in (("id", ar.id), ("name_en", ar.name_en), ("name_ar", ar.name), ("type", ar.type),
                                 ("inter", ar.inter), ("affiliation", ar.affiliation)):
                        actors[k].append(v)
            for i, s in enumerate(e.sources):
                for k, v in (("event_id", eid), ("seq", i), ("speaker", s.speaker), ("role", s.role),
                             ("organization", s.organization), ("actor_id", s.actor_id), ("stance", s.stance),
                             ("quote", s.quote)):
                    esrc[k].append(v)
    return out
