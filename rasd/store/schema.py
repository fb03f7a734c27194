"""The versioned schema: an ordered list of migrations, each a list of steps built from the declarations.

A database records the migrations it has applied (``schema_migrations``); opening it for writing applies
the missing ones in one transaction, so a file made by an older Rasd is upgraded in place and a new one is
created by the same list. Steps are written so that running them on a newer shape is harmless
(``CREATE TABLE IF NOT EXISTS`` from today's declaration), which is what lets every column be declared
once, in :mod:`rasd.store.tables`. Derived tables (canonical events) are dropped and recreated when their
shape changes: they are rebuilt from the stored events (see :func:`rasd.aggregate.build.ensure_canonical`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rasd.store import tables as T


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    steps: tuple[Callable[[], str], ...]

    def sql(self) -> list[str]:
        return [s for step in self.steps for s in step().split(";\n") if s.strip()]


def create(*tables: T.Table) -> Callable[[], str]:
    return lambda: ";\n".join(t.ddl() for t in tables)


def recreate(*tables: T.Table) -> Callable[[], str]:
    """Drop and create again (derived tables only: their rows are rebuilt, never lost)."""
    assert all(t.derived for t in tables)
    return lambda: ";\n".join([f"DROP TABLE IF EXISTS {t.name}" for t in tables] + [t.ddl() for t in tables])


def fill(sql: str) -> Callable[[], str]:
    """Values a new column takes from what is already stored (one UPDATE; nothing to do on a new file)."""
    return lambda: sql


def add_columns(table: T.Table, *names: str) -> Callable[[], str]:
    """Columns a table gained, as declared (a no-op where the table was created with them)."""
    return lambda: ";\n".join(f"ALTER TABLE {table.name} ADD COLUMN IF NOT EXISTS {table.column(n).ddl()}"
                              for n in names)


MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", (create(T.RUNS, T.ARTICLES, T.ARTICLE_BANDS, T.MENTIONS, T.PLACES, T.ACTORS,
                                           T.EVENTS, T.EVENT_COUNTS, T.EVENT_ACTORS, T.EVENT_SOURCES),)),
    Migration(2, "canonical events (cross-article merging)", (create(*T.DERIVED),)),
    Migration(3, "live monitoring: watched sources, their items, alerts and webhook deliveries",
              (create(T.WATCH_SOURCES, T.WATCH_ITEMS, T.ALERTS, T.ALERT_DELIVERIES),)),
    Migration(4, "canonical events: grade, confidence, contested detail, administrative areas",
              (recreate(*T.DERIVED), add_columns(T.RUNS, "pid"))),
    Migration(5, "reports' confidence (0-1) stored; canonical events: reading precision, highest report confidence",
              (add_columns(T.EVENTS, "confidence"),
               fill("UPDATE events SET confidence = TRY_CAST(json_extract_string(record, '$.confidence') AS DOUBLE) "
                    "WHERE confidence IS NULL AND json_extract_string(record, '$.confidence') IS NOT NULL"),
               recreate(*T.DERIVED))),
    Migration(6, "report actors: whether a side is named in the text or supplied (inferred)",
              (add_columns(T.EVENT_ACTORS, "inferred"),
               fill("UPDATE event_actors SET inferred = coalesce(TRY_CAST(json_extract_string(e.record, "
                    "'$.actors[' || event_actors.seq || '].inferred') AS BOOLEAN), false) FROM events e "
                    "WHERE e.id = event_actors.event_id AND event_actors.inferred IS NULL"),
               recreate(*T.DERIVED))),
]

SCHEMA_VERSION = MIGRATIONS[-1].version
