"""Load the stored events, merge them, grade them, and rewrite the canonical tables in one transaction.

The full rebuild derives every canonical row again from the stored events, so re-running it gives the same
rows, and a reader never sees half of it: it runs inside the caller's write transaction
(:meth:`rasd.store.connection.Database.write`), and readers see the old tables until COMMIT. After new
articles, :mod:`rasd.aggregate.incremental` re-merges only the events near theirs, with the same result.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson
import pyarrow as pa

from rasd.aggregate.areas import areas_of, search_key
from rasd.aggregate.grade import grade, precision
from rasd.aggregate.merge import Canonical, Report, merge
from rasd.model import KINDS
from rasd.store import tables as T

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


def search_text(*names: str | None) -> str:
    """Folded names (Arabic, Latin without diacritics) as ``|a|b|``, for parameterised substring filters."""
    return search_key(names)


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
               e.location_precision, e.date_start, e.date_end, e.date_precision, e.confidence
        FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN places p ON p.id = e.place_id
        WHERE """ + _WHICH_EVENTS + """
        ORDER BY e.id
        """,
        _which_params(blocks, event_ids),
    ).fetchall()
    reports: dict[str, Report] = {}
    for (eid, aid, kind, pub, outlet, gen, pol, cert, pid, pname, pname_en, gid, lat, lon, a1, a2, cc, prec,
         ds, de, dp, conf) in rows:
        reports[eid] = Report(
            event_id=eid, article_id=aid, kind=kind, root_article_id=root(aid), published=_ord(pub),
            outlet=outlet, genericity=gen, polarity=pol, certainty=cert, place_id=pid, place_name=pname,
            place_name_en=pname_en, geonameid=gid, lat=lat, lon=lon, admin1=a1, admin2=a2, country=cc,
            place_precision=prec, date_start=_ord(ds), date_end=_ord(de), date_precision=dp or "unknown",
            confidence=conf,
        )
    if not reports:
        return []
    # the parts of those events: joined on the same filter, so a partial refresh reads only its blocks
    part = ("FROM {t} x JOIN events e ON e.id = x.event_id LEFT JOIN places p ON p.id = e.place_id "
            "WHERE " + _WHICH_EVENTS + " ")
    params = _which_params(blocks, event_ids)
    for eid, role, name, name_en, actor_id, inferred in con.execute(
            "SELECT x.event_id, x.role, x.name, x.name_en, x.actor_id, coalesce(x.inferred, false) "
            + part.format(t="event_actors") + "ORDER BY x.event_id, x.seq", params).fetchall():
        reports[eid].actors.append((role, name, name_en, actor_id, bool(inferred)))
    for eid, what, low, best, high in con.execute(
            "SELECT x.event_id, x.what, x.low, x.best, x.high " + part.format(t="event_counts")
            + "ORDER BY x.event_id, x.what", params).fetchall():
        reports[eid].counts[what] = (low, best, high)
    for eid, speaker, org, stance, actor_id, quote in con.execute(
            "SELECT x.event_id, x.speaker, x.organization, x.stance, x.actor_id, x.quote "
            + part.format(t="event_sources") + "ORDER BY x.event_id, x.seq", params).fetchall():
        reports[eid].sources.append((speaker, org, stance, actor_id, quote))
    return list(reports.values())


def _columns(table: T.Table) -> dict[str, list]:
    return {c: [] for c in table.column_names}


def _tables(canon: list[Canonical]) -> dict[str, pa.Table]:
    ev, mem = _columns(T.CANONICAL_EVENTS), _columns(T.CANONICAL_MEMBERS)
    cnt, act = _columns(T.CANONICAL_COUNTS), _columns(T.CANONICAL_ACTORS)
    for c in canon:
        p = c.place
        has_place = p.place_id is not None or p.country is not None
        etype, subtype = KINDS.get(c.kind, KINDS["other"])
        actors_json = [{k: v for k, v in (("role", r), ("name", n), ("name_en", en), ("id", i),
                                          ("inferred", True if inf else None)) if v is not None}
                       for r, n, en, i, inf in c.actors]
        areas = areas_of(p.country, p.admin1, p.admin2, p.geonameid, p.place_name, p.place_name_en)
        g = grade(c)
        row = {
            "id": c.id, "kind": c.kind, "event_type": etype, "sub_event_type": subtype,
            "date_start": _date(c.date_start), "date_end": _date(c.date_end), "date_precision": c.date_precision,
            "place_id": p.place_id if has_place else None, "location_name": p.place_name,
            "location_name_en": p.place_name_en, "geonameid": p.geonameid, "lat": p.lat, "lon": p.lon,
            "admin1": areas.admin1, "admin2": areas.admin2, "country": p.country,
            "location_precision": p.place_precision if has_place else None,
            "place_search": areas.place_search, "admin1_search": areas.admin1_search,
            "admin2_search": areas.admin2_search, "admin1_ar": areas.admin1_ar, "admin2_ar": areas.admin2_ar,
            "country_name": areas.country_name,
            "polarity": c.polarity, "certainty": c.certainty, "genericity": c.genericity,
            "contested": c.contested, "contested_reasons": c.contested_reasons,
            "contested_detail": orjson.dumps(c.contested_detail).decode(),
            "grade": g.grade, "grade_reason": g.reason, "precision": precision(c), "confidence": c.confidence,
            "fatalities": c.counts.get("fatalities", (None, None, None))[1],
            "defectors": c.counts.get("defectors", (None, None, None))[1],
            "n_reports": len(c.members), "n_articles": c.n_articles, "n_outlets": c.n_outlets,
            "n_sources": c.n_sources, "n_independent": g.independent, "confirms": c.stances["confirms"],
            "denies": c.stances["denies"], "downplays": c.stances["downplays"], "reports": c.stances["reports"],
            "first_published": _date(c.first_published),
            "actors": orjson.dumps(actors_json).decode(), "counts": orjson.dumps(c.counts_json()).decode(),
        }
        for k, v in row.items():
            ev[k].append(v)
        for r in c.members:
            mem["event_id"].append(r.event_id)
            mem["canonical_id"].append(c.id)
            mem["article_id"].append(r.article_id)
            mem["root_article_id"].append(r.root_article_id)
        for w, (lo, b, hi) in c.counts.items():
            for k, v in (("canonical_id", c.id), ("what", w), ("low", lo), ("best", b), ("high", hi)):
                cnt[k].append(v)
        for i, (role, name, name_en, aid, _inferred) in enumerate(c.actors):
            for k, v in (("canonical_id", c.id), ("seq", i), ("role", role), ("name", name), ("name_en", name_en),
                         ("actor_id", aid), ("search", search_text(name, name_en, aid))):
                act[k].append(v)
    return {t.name: pa.table(cols, schema=t.arrow_schema())
            for t, cols in ((T.CANONICAL_EVENTS, ev), (T.CANONICAL_MEMBERS, mem), (T.CANONICAL_COUNTS, cnt),
                            (T.CANONICAL_ACTORS, act))}


def rebuild(con: Any, article_ids: Sequence[str] | None = None) -> AggregateStats:
    """Recompute the canonical events from the stored events; one transaction, all or nothing.

    With ``article_ids`` (articles just stored), only the events near theirs are re-merged
    (:func:`rasd.aggregate.incremental.refresh`), giving exactly the rows of a full rebuild. ``con`` is a
    writing connection on a migrated Rasd database, inside the caller's transaction (``Database.write()``):
    the rebuild is then all or nothing.
    """
    if article_ids is not None:
        from rasd.aggregate.incremental import refresh

        return refresh(con, article_ids).stats
    t0 = time.perf_counter()
    reports = load_reports(con)
    canon = merge(reports)
    for name in TABLES:
        con.execute(f"DELETE FROM {name}")  # noqa: S608 - fixed table names, no input
    insert(con, canon)
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
    """Open the database for writing (migrating it), rebuild in one transaction, close."""
    from rasd.store.connection import Database

    with Database(db_path).write() as con:
        return rebuild(con)


def is_stale(con: Any) -> bool:
    """Are there stored events the canonical tables do not account for (or the other way round)?"""
    return bool(con.execute(
        "SELECT (SELECT count(*) FROM events) <> (SELECT count(*) FROM canonical_members)").fetchone()[0])


def ensure_canonical(db: Any) -> AggregateStats | None:
    """Rebuild the canonical events of ``db`` (a :class:`~rasd.store.connection.Database`) when they are
    stale: a database stored before merging existed, just migrated, or written by a tool that does not
    aggregate. Returns None when nothing was to do."""
    with db.read() as con:
        if not is_stale(con):
            return None
    with db.write() as con:
        return rebuild(con) if is_stale(con) else None
