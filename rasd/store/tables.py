"""Every table of a Rasd database, declared once: columns, types, nullability, keys and indexes.

The DuckDB DDL (:meth:`Table.ddl`) and the Arrow schema used for bulk inserts and Parquet exports
(:meth:`Table.arrow_schema`) are both generated from these declarations, so a column is written down in
one place only. :mod:`rasd.store.schema` builds the versioned migrations from them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

#: Column type -> (DuckDB type, Arrow type). JSON is stored as DuckDB JSON and travels as text.
TYPES: dict[str, tuple[str, pa.DataType]] = {
    "text": ("VARCHAR", pa.string()),
    "int": ("INTEGER", pa.int32()),
    "bigint": ("BIGINT", pa.int64()),
    "double": ("DOUBLE", pa.float64()),
    "bool": ("BOOLEAN", pa.bool_()),
    "date": ("DATE", pa.date32()),
    "timestamp": ("TIMESTAMP", pa.timestamp("us")),
    "blob": ("BLOB", pa.binary()),
    "json": ("JSON", pa.string()),
    "text[]": ("VARCHAR[]", pa.list_(pa.string())),
}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    nullable: bool = True
    default: str | None = None  # an SQL literal
    doc: str = ""

    def ddl(self, primary_key: bool = False) -> str:
        sql = f"{self.name} {TYPES[self.type][0]}"
        if primary_key:
            sql += " PRIMARY KEY"
        elif not self.nullable:
            sql += " NOT NULL"
        if self.default is not None:
            sql += f" DEFAULT {self.default}"
        return sql


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: str | None = None
    indexes: tuple[tuple[str, str], ...] = ()  # (index name, column)
    derived: bool = False  # rebuilt from other tables (canonical events): may be dropped and recreated
    doc: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def ddl(self) -> str:
        """CREATE TABLE (if it does not exist) and its indexes."""
        cols = ",\n    ".join(c.ddl(c.name == self.primary_key) for c in self.columns)
        out = [f"CREATE TABLE IF NOT EXISTS {self.name} (\n    {cols}\n)"]
        out += [f"CREATE INDEX IF NOT EXISTS {ix} ON {self.name} ({col})" for ix, col in self.indexes]
        return ";\n".join(out)

    def arrow_schema(self, names: list[str] | None = None) -> pa.Schema:
        """The Arrow schema of the table (or of the named columns, in that order)."""
        cols = self.columns if names is None else [self.column(n) for n in names]
        return pa.schema([pa.field(c.name, TYPES[c.type][1], nullable=c.nullable) for c in cols])


def C(name: str, type_: str = "text", nullable: bool = True, default: str | None = None, doc: str = "") -> Column:
    return Column(name, type_, nullable, default, doc)


RUNS = Table("runs", (
    C("id"), C("started_at", "timestamp", False), C("finished_at", "timestamp"),
    C("status", nullable=False, doc="running / completed / failed / interrupted"), C("command"), C("engine"),
    C("workers", "int"), C("inputs", "text[]"), C("articles_read", "bigint", default="0"),
    C("articles_stored", "bigint", default="0"), C("already_stored", "bigint", default="0"),
    C("exact_duplicates", "bigint", default="0"), C("near_duplicates", "bigint", default="0"),
    C("rejected", "bigint", default="0"), C("events", "bigint", default="0"), C("rasd_version"),
    C("pid", "int", doc="the process that runs it: a run whose process is gone was interrupted"),
), primary_key="id")

ARTICLES = Table("articles", (
    C("id"), C("title"), C("text", nullable=False), C("published", "date"), C("outlet"), C("url"), C("source"),
    C("tags", "text[]"), C("text_hash", nullable=False),
    C("duplicate_of", doc="near-duplicate (syndicated copy) of this earlier article"),
    C("duplicate_similarity", "double"), C("minhash", "blob"),
    C("extracted", "bool", False, doc="false: ingested only, extraction still to run"), C("run_id"),
    C("ingested_at", "timestamp", False),
), primary_key="id", indexes=(("articles_text_hash", "text_hash"),))

ARTICLE_BANDS = Table("article_bands", (C("band_key", "bigint", False), C("article_id", nullable=False)),
                      indexes=(("article_bands_key", "band_key"),))

MENTIONS = Table("mentions", (
    C("article_id", nullable=False), C("start_char", "int", False), C("end_char", "int", False),
    C("text", nullable=False), C("label", nullable=False), C("ref"),
), indexes=(("mentions_article", "article_id"),))

PLACES = Table("places", (
    C("id"), C("name"), C("name_en"), C("geonameid", "bigint"), C("lat", "double"), C("lon", "double"),
    C("admin1"), C("admin2"), C("country"),
), primary_key="id")

ACTORS = Table("actors", (
    C("id"), C("name_en"), C("name_ar"), C("type"), C("inter", "int"), C("affiliation"),
), primary_key="id")

EVENTS = Table("events", (
    C("id"), C("article_id", nullable=False), C("seq", "int", False), C("kind", nullable=False),
    C("event_type", nullable=False), C("sub_event_type", nullable=False), C("place_id"), C("location_name"),
    C("location_precision", "int"), C("date_start", "date"), C("date_end", "date"), C("date_precision"),
    C("polarity", nullable=False), C("certainty", nullable=False), C("genericity", nullable=False),
    C("fatalities", "int", doc="best fatality count, for quick filtering"), C("trigger"),
    C("record", "json", False, doc="the full FORMAT.md event record"),
    C("confidence", "double", doc="0-1: the extractor's calibrated probability that the report describes an "
                                  "event that took place (rasd/learn/); null for a rules-only report"),
), primary_key="id", indexes=(("events_article", "article_id"),))

EVENT_COUNTS = Table("event_counts", (
    C("event_id", nullable=False), C("what", nullable=False), C("low", "int"), C("best", "int"), C("high", "int"),
))

EVENT_ACTORS = Table("event_actors", (
    C("event_id", nullable=False), C("seq", "int", False), C("role", nullable=False), C("name", nullable=False),
    C("name_en"), C("actor_id"),
    C("inferred", "bool", doc="true: no sentence of the report names this side; Rasd supplied it (ACLED's generic "
                              "side, the article's attacker, the attacker's usual adversary)"),
))

EVENT_SOURCES = Table("event_sources", (
    C("event_id", nullable=False), C("seq", "int", False), C("speaker"), C("role"), C("organization"),
    C("actor_id"), C("stance", nullable=False), C("quote"),
))

CANONICAL_EVENTS = Table("canonical_events", (
    C("id", doc="ce_ + hash of the founding report's event id"), C("kind", nullable=False),
    C("event_type", nullable=False), C("sub_event_type", nullable=False), C("date_start", "date"),
    C("date_end", "date"), C("date_precision"), C("place_id"), C("location_name"), C("location_name_en"),
    C("geonameid", "bigint"), C("lat", "double"), C("lon", "double"), C("admin1"), C("admin2"), C("country"),
    C("location_precision", "int"),
    C("place_search", doc="|name|name|…: folded names of the place, admin2, admin1 and country"),
    C("admin1_search", doc="|name|…: folded names of the admin1 area"),
    C("admin2_search", doc="|name|…: folded names of the admin2 area"),
    C("admin1_ar"), C("admin2_ar"), C("country_name"),
    C("polarity", nullable=False), C("certainty", nullable=False), C("genericity", nullable=False),
    C("contested", "bool", False), C("contested_reasons", "text[]"),
    C("contested_detail", "json", doc="[{reason, …}]: who denies, which report negates, which counts differ"),
    C("grade", nullable=False, doc="confirmed / fair / weak / contested / discounted (docs/grading.md)"),
    C("grade_reason", doc="one English line saying why the grade"),
    C("precision", nullable=False, doc="reading precision: high / medium / low (docs/grading.md)"),
    C("confidence", "double", doc="0-1: the highest confidence among its reports; null when none has one"),
    C("fatalities", "bigint", doc="merged best fatality count"), C("defectors", "bigint"),
    C("n_reports", "int", False), C("n_articles", "int", False, doc="syndicated copies counted once"),
    C("n_outlets", "int", False), C("n_sources", "int", False),
    C("n_independent", "int", False, doc="independent sources (docs/grading.md)"),
    C("confirms", "int", False), C("denies", "int", False), C("downplays", "int", False),
    C("reports", "int", False), C("first_published", "date"),
    C("actors", "json", doc="[{role, name, name_en, id}]"), C("counts", "json", doc="{what: {low, best, high}}"),
), primary_key="id", derived=True)

CANONICAL_MEMBERS = Table("canonical_members", (
    C("event_id"), C("canonical_id", nullable=False), C("article_id", nullable=False),
    C("root_article_id", nullable=False, doc="the article this one is a syndicated copy of (or itself)"),
), primary_key="event_id", indexes=(("canonical_members_cid", "canonical_id"),), derived=True)

CANONICAL_COUNTS = Table("canonical_counts", (
    C("canonical_id", nullable=False), C("what", nullable=False), C("low", "bigint"), C("best", "bigint"),
    C("high", "bigint"),
), derived=True)

CANONICAL_ACTORS = Table("canonical_actors", (
    C("canonical_id", nullable=False), C("seq", "int", False), C("role", nullable=False), C("name"), C("name_en"),
    C("actor_id"), C("search", doc="folded Arabic and English names"),
), indexes=(("canonical_actors_cid", "canonical_id"),), derived=True)

# -- live monitoring (rasd watch / rasd serve --watch) --------------------------------------------------
WATCH_SOURCES = Table("watch_sources", (
    C("url", doc="feed or page URL, or a folder's absolute path"), C("kind", nullable=False, doc="feed / page / folder"),
    C("outlet", doc="given in the sources list, else the feed's title"), C("language"),
    C("added_at", "timestamp", False), C("etag", doc="validators for the next conditional GET"),
    C("last_modified"), C("last_polled_at", "timestamp"), C("last_ok_at", "timestamp"),
    C("last_new_at", "timestamp", doc="when a new item was last seen"), C("next_poll_at", "timestamp"),
    C("last_status", doc="ok / not_modified / error"), C("last_error"),
    C("consecutive_errors", "int", False, "0"), C("errors", "int", False, "0"), C("polls", "int", False, "0"),
    C("items", "int", False, "0", doc="new items seen"), C("articles", "int", False, "0", doc="articles stored"),
), primary_key="url")

WATCH_ITEMS = Table("watch_items", (
    C("item_key", doc="feed guid, else the page URL; a file: path, size, mtime"),
    C("source_url", nullable=False, doc="the source that listed it first"), C("url"), C("title"), C("published"),
    C("summary", doc="the feed's text, used when the page cannot be had"),
    C("state", nullable=False, doc="pending / done / failed"), C("attempts", "int", False, "0"), C("last_error"),
    C("next_attempt_at", "timestamp"), C("article_id"), C("first_seen_at", "timestamp", False),
    C("done_at", "timestamp"),
), primary_key="item_key", indexes=(("watch_items_url", "url"),))

ALERTS = Table("alerts", (
    C("id"), C("name"), C("kinds", "text[]"), C("country", doc="ISO 3166-1 alpha-2"), C("admin1"),
    C("place", doc="as the events filter: GeoNames id or a name"), C("actor"), C("contested", "bool"),
    C("webhook", nullable=False), C("active", "bool", False), C("created_at", "timestamp", False),
), primary_key="id")

ALERT_DELIVERIES = Table("alert_deliveries", (
    C("id"), C("alert_id", nullable=False), C("canonical_id", nullable=False),
    C("changes", "text[]", False, doc="new / new_source / count_changed / became_contested"),
    C("payload", "json", False), C("status", nullable=False, doc="pending / delivered / failed"),
    C("attempts", "int", False, "0"), C("last_status", "int", doc="the webhook's last HTTP status"),
    C("last_error"), C("created_at", "timestamp", False), C("next_attempt_at", "timestamp", False),
    C("delivered_at", "timestamp"),
), primary_key="id", indexes=(("alert_deliveries_status", "status"),))

ALL: tuple[Table, ...] = (RUNS, ARTICLES, ARTICLE_BANDS, MENTIONS, PLACES, ACTORS, EVENTS, EVENT_COUNTS,
                          EVENT_ACTORS, EVENT_SOURCES, CANONICAL_EVENTS, CANONICAL_MEMBERS, CANONICAL_COUNTS,
                          CANONICAL_ACTORS, WATCH_SOURCES, WATCH_ITEMS, ALERTS, ALERT_DELIVERIES)
BY_NAME: dict[str, Table] = {t.name: t for t in ALL}
DERIVED: tuple[Table, ...] = tuple(t for t in ALL if t.derived)
