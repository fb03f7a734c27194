"""Load the stored events, merge them, and rewrite the canonical tables in one transaction.

The full rebuild derives every canonical row again from the stored events, so re-running it gives the same
rows, and a reader never sees half of it: DuckDB readers see the old tables until COMMIT. After new
articles, :mod:`rasd.aggregate.incremental` re-merges only the events near theirs, with the same result.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import orjson
import pyarrow as pa

from rasd.aggregate.merge import Canonical, Report, merge
from rasd.lang.normalize import fold
from rasd.model import KINDS

TABLES = ("canonical_events", "canonical_members", "canonical_counts", "canonical_actors")
_EPOCH = date(1970, 1, 1).toordinal()


@dataclass(slots=True)
class AggregateStats:
    events: int  # stored events (all of them, also after a partial refresh)
    canonical_events: int
    contested: int
    seconds: float
    blocks: int | None = None  # (kind, country) blocks recomputed; None: all


def _ord(d: date | None) -> int | None:
    return d.toordinal() if d is not None else None


def _date(o: int | None) -> date | None:
    return date.fromordinal(o) if o is not None else None


@lru_cache(maxsize=65536)
def _folded(name: str) -> str:
    return fold(name).lower()


def search_text(*names: str | None) -> str:
    """Folded Arabic and lower-cased Latin names joined by '|', for parameterised substring filters."""
    return "|".join(_folded(n) for n in names if n)


_BLOCK_OF_EVENT = "(e.kind || '|' || coalesce(p.country, ''))"
_WHICH_EVENTS = ("(?::VARCHAR[] IS NULL OR " + _BLOCK_OF_EVENT + " IN (SELECT unnest(?::VARCHAR[]))) "
                 "AND (?::VARCHAR[] IS NULL OR e.id IN (SELECT unnest(?::VARCHAR[])))")


def _which_params(blocks: Sequence[str] | None, event_ids: Sequence[str] | None) -> list[Any]:
    b = None if blocks is None else list(blocks)
    e = None if event_ids is None else list(event_ids)
    return [b, b, e, e]


def blocks_of_articles(con: Any, article_ids: Sequence[str]) -> list[str]:
    """The (kind, country) blocks that the events of these articles fall in, as 'kind|CC' keys."""
    if not article_ids:
        return []
    rows = con.execute(
        f"SELECT DISTINCT {_BLOCK_OF_EVENT} FROM events e LEFT JOIN places p ON p.id = e.place_id "
        "WHERE e.article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY 1", [list(article_ids)]).fetchall()
    return [r[0] for r in rows]


def load_reports(con: Any, blocks: Sequence[str] | None = None,
                 event_ids: Sequence[str] | None = None) -> list[Report]:
    """Stored events (those of ``blocks`` only, or only ``event_ids``, when given) as :class:`Report` s.

    Four column-wise queries, no per-row SQL.
    """
    roots = dict(con.execute("SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL").fetchall())

    def root(aid: str) -> str:
        seen = 0
        while aid in roots and seen < 50:  # a chain of copies: follow it to the original
            aid, seen = roots[aid], seen + 1
        return aid

    rows = con.execute(
        """
        SELECT e.id, e.article_id, e.kind, a.published, a.outlet, e.genericity, e.polarity, e.certainty,
               e.place_id, p.name, p.name_en, p.geonameid, p.lat, p.lon, p.admin1, p.admin2, p.country,
               e.location_precision, e.date_start, e.date_end, e.date_precision
        FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN places p ON p.id = e.place_id
        WHERE """ + _WHICH_EVENTS + """
        ORDER BY e.id
        """,
        _which_params(blocks, event_ids),
    ).fetchall()
    reports: dict[str, Report] = {}
    for (eid, aid, kind, pub, outlet, gen, pol, cert, pid, pname, pname_en, gid, lat, lon, a1, a2, cc, prec,
         ds, de, dp) in rows:
        reports[eid] = Report(
            event_id=eid, article_id=aid, kind=kind, root_article_id=root(aid), published=_ord(pub),
            outlet=outlet, genericity=gen, polarity=pol, certainty=cert, place_id=pid, place_name=pname,
            place_name_en=pname_en, geonameid=gid, lat=lat, lon=lon, admin1=a1, admin2=a2, country=cc,
            place_precision=prec, date_start=_ord(ds), date_end=_ord(de), date_precision=dp or "unknown",
        )
    if not reports:
        return []
    # the parts of those events: joined on the same filter, so a partial refresh reads only its blocks
    part = ("FROM {t} x JOIN events e ON e.id = x.event_id LEFT JOIN places p ON p.id = e.place_id "
            "WHERE " + _WHICH_EVENTS + " ")
    params = _which_params(blocks, event_ids)
    for eid, role, name, name_en, actor_id in con.execute(
            "SELECT x.event_id, x.role, x.name, x.name_en, x.actor_id " + part.format(t="event_actors")
            + "ORDER BY x.event_id, x.seq", params).fetchall():
        reports[eid].actors.append((role, name, name_en, actor_id))
    for eid, what, low, best, high in con.execute(
            "SELECT x.event_id, x.what, x.low, x.best, x.high " + part.format(t="event_counts")
            + "ORDER BY x.event_id, x.what", params).fetchall():
        reports[eid].counts[what] = (low, best, high)
    for eid, speaker, org, stance in con.execute(
            "SELECT x.event_id, x.speaker, x.organization, x.stance " + part.format(t="event_sources")
            + "ORDER BY x.event_id, x.seq", params).fetchall():
        reports[eid].sources.append((speaker, org, stance))
    return list(reports.values())


def _tables(canon: list[Canonical]) -> dict[str, pa.Table]:
    ev: dict[str, list] = {k: [] for k in (
        "id", "kind", "event_type", "sub_event_type", "date_start", "date_end", "date_precision", "place_id",
        "location_name", "location_name_en", "geonameid", "lat", "lon", "admin1", "admin2", "country",
        "location_precision", "place_search", "polarity", "certainty", "genericity", "contested",
        "contested_reasons", "fatalities", "defectors", "n_reports", "n_articles", "n_outlets", "n_sources",
        "confirms", "denies", "downplays", "reports", "first_published", "actors", "counts")}
    mem: dict[str, list] = {k: [] for k in ("event_id", "canonical_id", "article_id", "root_article_id")}
    cnt: dict[str, list] = {k: [] for k in ("canonical_id", "what", "low", "best", "high")}
    act: dict[str, list] = {k: [] for k in ("canonical_id", "seq", "role", "name", "name_en", "actor_id", "search")}
    for c in canon:
        p = c.place
        has_place = p.place_id is not None or p.country is not None
        etype, subtype = KINDS.get(c.kind, KINDS["other"])
        actors_json = [{k: v for k, v in (("role", r), ("name", n), ("name_en", en), ("id", i)) if v is not None}
                       for r, n, en, i in c.actors]
        counts_json = {w: {"low": lo, "best": b, "high": hi} for w, (lo, b, hi) in c.counts.items()}
        for k, v in (
            ("id", c.id), ("kind", c.kind), ("event_type", etype), ("sub_event_type", subtype),
            ("date_start", _date(c.date_start)), ("date_end", _date(c.date_end)),
            ("date_precision", c.date_precision), ("place_id", p.place_id if has_place else None),
            ("location_name", p.place_name), ("location_name_en", p.place_name_en), ("geonameid", p.geonameid),
            ("lat", p.lat), ("lon", p.lon), ("admin1", p.admin1), ("admin2", p.admin2), ("country", p.country),
            ("location_precision", p.place_precision if has_place else None),
            ("place_search", search_text(p.place_name, p.place_name_en, p.admin1, p.admin2)),
            ("polarity", c.polarity), ("certainty", c.certainty), ("genericity", c.genericity),
            ("contested", c.contested), ("contested_reasons", c.contested_reasons),
            ("fatalities", c.counts.get("fatalities", (None, None, None))[1]),
            ("defectors", c.counts.get("defectors", (None, None, None))[1]),
            ("n_reports", len(c.members)), ("n_articles", c.n_articles), ("n_outlets", c.n_outlets),
            ("n_sources", c.n_sources), ("confirms", c.stances["confirms"]), ("denies", c.stances["denies"]),
            ("downplays", c.stances["downplays"]), ("reports", c.stances["reports"]),
            ("first_published", _date(c.first_published)),
            ("actors", orjson.dumps(actors_json).decode()), ("counts", orjson.dumps(counts_json).decode()),
        ):
            ev[k].append(v)
        for r in c.members:
            mem["event_id"].append(r.event_id)
            mem["canonical_id"].append(c.id)
            mem["article_id"].append(r.article_id)
            mem["root_article_id"].append(r.root_article_id)
        for w, (lo, b, hi) in c.counts.items():
            for k, v in (("canonical_id", c.id), ("what", w), ("low", lo), ("best", b), ("high", hi)):
                cnt[k].append(v)
        for i, (role, name, name_en, aid) in enumerate(c.actors):
            for k, v in (("canonical_id", c.id), ("seq", i), ("role", role), ("name", name), ("name_en", name_en),
                         ("actor_id", aid), ("search", search_text(name, name_en, aid))):
                act[k].append(v)
    i32, s = pa.int32(), pa.string()
    ev_schema = pa.schema([
        ("id", s), ("kind", s), ("event_type", s), ("sub_event_type", s), ("date_start", pa.date32()),
        ("date_end", pa.date32()), ("date_precision", s), ("place_id", s), ("location_name", s),
        ("location_name_en", s), ("geonameid", pa.int64()), ("lat", pa.float64()), ("lon", pa.float64()),
        ("admin1", s), ("admin2", s), ("country", s), ("location_precision", i32), ("place_search", s),
        ("polarity", s), ("certainty", s), ("genericity", s), ("contested", pa.bool_()),
        ("contested_reasons", pa.list_(s)), ("fatalities", pa.int64()), ("defectors", pa.int64()),
        ("n_reports", i32), ("n_articles", i32), ("n_outlets", i32), ("n_sources", i32), ("confirms", i32),
        ("denies", i32), ("downplays", i32), ("reports", i32), ("first_published", pa.date32()), ("actors", s),
        ("counts", s),
    ])
    return {
        "canonical_events": pa.table(ev, schema=ev_schema),
        "canonical_members": pa.table(mem, schema=pa.schema([(k, s) for k in mem])),
        "canonical_counts": pa.table(cnt, schema=pa.schema([("canonical_id", s), ("what", s), ("low", pa.int64()),
                                                            ("best", pa.int64()), ("high", pa.int64())])),
        "canonical_actors": pa.table(act, schema=pa.schema([("canonical_id", s), ("seq", i32), ("role", s),
                                                            ("name", s), ("name_en", s), ("actor_id", s),
                                                            ("search", s)])),
    }


def rebuild(con: Any, article_ids: Sequence[str] | None = None) -> AggregateStats:
    """Recompute the canonical events from the stored events; one transaction, all or nothing.

    With ``article_ids`` (articles just stored), only the events near theirs are re-merged
    (:func:`rasd.aggregate.incremental.refresh`), giving exactly the rows of a full rebuild. ``con`` is a
    DuckDB connection (or cursor) on a migrated Rasd database that may write.
    """
    if article_ids is not None:
        from rasd.aggregate.incremental import refresh

        return refresh(con, article_ids).stats
    t0 = time.perf_counter()
    reports = load_reports(con)
    canon = merge(reports)
    con.execute("BEGIN TRANSACTION")
    try:
        for name in TABLES:
            con.execute(f"DELETE FROM {name}")  # noqa: S608 - fixed table names, no input
        insert(con, canon)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return AggregateStats(events=len(reports), canonical_events=len(canon),
                          contested=sum(1 for c in canon if c.contested), seconds=time.perf_counter() - t0)


def insert(con: Any, canon: list[Canonical]) -> None:
    """Insert canonical events and their parts (inside the caller's transaction)."""
    tables = _tables(canon)
    for name in TABLES:
        if not tables[name].num_rows:
            continue
        con.register("_canon_batch", tables[name])
        cols = ", ".join(tables[name].column_names)
        con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _canon_batch")  # noqa: S608
        con.unregister("_canon_batch")


def rebuild_file(db_path: str) -> AggregateStats:
    """Open the database for writing (migrating it), rebuild, close."""
    from rasd.store.db import Store

    with Store(db_path) as store:
        return rebuild(store.con)
