"""Exports an analyst can load: one row per canonical event (or per report), the same fields in every format.

The fields are ACLED's columns in ACLED's order (``disorder_type``, ``civilian_targeting``, ``region``,
``iso``, countries as ACLED writes them, ``notes`` an English one-line summary built from the record,
``source`` the attributed voices and outlets, ``source_scale``), then UCDP-style ``low``/``best``/``high``
fatalities, Rasd's ``confidence`` (0-1, the extractor's calibrated probability: a report's own, a canonical
event's the highest of its reports'), ``precision``, ``grade`` and ``contested`` with its reasons, and the
article ids and URLs. They are declared once (:data:`EXPORT`) and written as CSV, JSON lines, GeoJSON (a
feature per row; rows without coordinates have a null geometry) or Parquet (typed by the declaration).

Filters are :class:`rasd.aggregate.filters.EventFilters`, the same as the CLI's and the API's. Reports
that say an event did not happen never become rows of their own: a canonical event that only such reports
describe, or such a report at ``--level report``, is written only with ``include_negated``. A minimum
confidence applies to what a row is: a canonical event's confidence, or at ``--level report`` (and in
``records``) each report's own; rows without a confidence never pass it. Every file is written next to its
target and renamed into place, so a failed export leaves nothing half-written.
"""

from __future__ import annotations

import csv
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson

from rasd import paths
from rasd.aggregate.areas import country as country_info
from rasd.aggregate.filters import EventFilters
from rasd.store.tables import Column, Table

FORMATS = ("acled-csv", "jsonl", "geojson", "parquet", "records")
LEVELS = ("canonical", "report")
OUTLETS = paths.OUTLETS


def _c(name: str, type_: str = "text", doc: str = "") -> Column:
    return Column(name, type_, True, None, doc)


#: ACLED's columns, in ACLED's order.
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
_TYPES = {"event_date": "date", "year": "int", "time_precision": "int", "inter1": "int", "inter2": "int",
          "interaction": "int", "iso": "int", "latitude": "double", "longitude": "double", "geo_precision": "int",
          "fatalities": "int", "timestamp": "bigint"}
EXPORT = Table("export", (
    *(_c(n, _TYPES.get(n, "text")) for n in ACLED_COLUMNS),
    _c("low", "int", "UCDP-style fatalities: lowest credible"), _c("best", "int", "median of the reported bests"),
    _c("high", "int", "highest reported"),
    _c("confidence", "double", "0-1: calibrated probability that the report describes an event that took place "
                               "(a canonical event: the highest of its reports'); empty for rules-only reports"),
    _c("precision", doc="reading precision: high / medium / low (docs/grading.md)"),
    _c("grade", doc="confirmed / fair / weak / contested / discounted (docs/grading.md)"), _c("grade_reason"),
    _c("contested", "bool"), _c("contested_reasons", doc="'; '-separated: denied, downplayed, negated_report, "
                                                       "counts_differ"),
    _c("polarity"), _c("kind"), _c("rasd_id", doc="canonical event id, or the report's event id"),
    _c("canonical_id"), _c("n_reports", "int"), _c("n_articles", "int"), _c("n_outlets", "int"),
    _c("n_independent", "int"), _c("article_ids", doc="'; '-separated"), _c("urls", doc="'; '-separated"),
))
COLUMNS = EXPORT.column_names

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Protests": "Demonstrations",
             "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
_SUB_DISORDER = {"Mob violence": "Political violence",
                 "Excessive force against protesters": "Political violence; Demonstrations"}
_CIVILIANS = 7  # ACLED inter code


@lru_cache(maxsize=1)
def outlet_scales() -> dict[str, str]:
    out = {}
    with open(OUTLETS, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                name, scale = line.rstrip("\n").split("\t")
                out[name] = scale
    return out


def disorder_type(event_type: str, sub_event_type: str) -> str:
    return _SUB_DISORDER.get(sub_event_type) or _DISORDER.get(event_type, "")


@contextmanager
def _atomic(path: str, mode: str = "w") -> Iterator[Any]:
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, mode, **({"encoding": "utf-8", "newline": ""} if "b" not in mode else {})) as fh:
            yield fh
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600 files; an export is an ordinary file
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- reading what a row needs ---------------------------------------------------------------------------
_CANON_SQL = """
SELECT c.id, c.id AS canonical_id, c.kind, c.event_type, c.sub_event_type, c.date_start, c.date_end,
       c.date_precision, c.first_published, c.location_name, c.location_name_en, c.lat, c.lon, c.admin1,
       c.admin2, c.country, c.location_precision, c.polarity, c.certainty, c.genericity, c.contested,
       c.contested_reasons, c.grade, c.grade_reason, c.precision, c.confidence, c.n_reports, c.n_articles,
       c.n_outlets, c.n_independent, c.actors, c.counts
FROM canonical_events c WHERE {where}
ORDER BY coalesce(c.date_start, c.first_published) NULLS LAST, c.id
"""
_REPORT_SQL = """
SELECT e.id, c.id AS canonical_id, e.kind, e.event_type, e.sub_event_type, e.date_start, e.date_end,
       e.date_precision, a.published AS first_published, p.name AS location_name, p.name_en AS location_name_en,
       p.lat, p.lon, c.admin1, c.admin2, p.country, e.location_precision, e.polarity, e.certainty, e.genericity,
       c.contested, c.contested_reasons, c.grade, c.grade_reason, c.precision, e.confidence, 1 AS n_reports,
       1 AS n_articles, 1 AS n_outlets, c.n_independent, NULL AS actors, NULL AS counts
FROM events e
JOIN canonical_members m ON m.event_id = e.id
JOIN canonical_events c ON c.id = m.canonical_id
JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.id = e.place_id
WHERE {where} AND (? OR e.polarity <> 'negated')
ORDER BY coalesce(e.date_start, a.published) NULLS LAST, e.article_id, e.seq
"""


def _dicts(cur: Any) -> Iterator[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    while rows := cur.fetchmany(2048):
        for row in rows:
            yield dict(zip(names, row, strict=True))


def _by_key(rows: list[tuple]) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for key, *rest in rows:
        out.setdefault(key, []).append(tuple(rest))
    return out


def _parts(con: Any, level: str, ids: list[str]) -> dict[str, dict[str, list[tuple]]]:
    """Articles, sources (and at report level actors and counts) of the rows, by row id."""
    if level == "canonical":
        member = "SELECT m.canonical_id AS k, m.event_id, m.article_id FROM canonical_members m " \
                 "WHERE m.canonical_id IN (SELECT unnest(?::VARCHAR[]))"
    else:
        member = "SELECT m.event_id AS k, m.event_id, m.article_id FROM canonical_members m " \
                 "WHERE m.event_id IN (SELECT unnest(?::VARCHAR[]))"
    arts = con.execute(
        f"SELECT x.k, a.id, a.url, a.outlet, a.ingested_at, a.duplicate_of, a.published FROM ({member}) x "
        f"JOIN articles a ON a.id = x.article_id ORDER BY x.k, a.published NULLS LAST, a.id", [ids]).fetchall()
    srcs = con.execute(
        f"SELECT x.k, s.speaker, s.organization, s.stance FROM ({member}) x "
        f"JOIN event_sources s ON s.event_id = x.event_id ORDER BY x.k, x.event_id, s.seq", [ids]).fetchall()
    out = {"articles": _by_key(arts), "sources": _by_key(srcs)}
    if level == "report":
        out["actors"] = _by_key(con.execute(
            "SELECT event_id, role, name, name_en, actor_id, coalesce(inferred, false) FROM event_actors "
            "WHERE event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY event_id, seq", [ids]).fetchall())
        out["counts"] = _by_key(con.execute(
            "SELECT event_id, what, low, best, high FROM event_counts "
            "WHERE event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY event_id, what", [ids]).fetchall())
    return out


def rows(con: Any, filters: EventFilters | None = None, level: str = "canonical") -> Iterator[dict[str, Any]]:
    """The export rows (dicts keyed by :data:`COLUMNS`) of the events that pass ``filters``."""
    if level not in LEVELS:
        raise ValueError(f"level: one of {', '.join(LEVELS)}")
    f = filters or EventFilters()
    where, params = f.where()
    inter = dict(con.execute("SELECT id, inter FROM actors WHERE inter IS NOT NULL").fetchall())
    if level == "canonical":
        cur = con.execute(_CANON_SQL.format(where=where), params)
    else:
        where, params = replace(f, include_negated=True).where(report_level=True)
        cur = con.execute(_REPORT_SQL.format(where=where), [*params, f.include_negated])
    batch: list[dict[str, Any]] = []
    for ev in _dicts(cur):
        batch.append(ev)
        if len(batch) >= 1024:
            yield from _rows_of(con, level, batch, inter)
            batch = []
    if batch:
        yield from _rows_of(con, level, batch, inter)


def _rows_of(con: Any, level: str, batch: list[dict[str, Any]], inter: dict[str, int]
             ) -> Iterator[dict[str, Any]]:
    parts = _parts(con, level, [ev["id"] for ev in batch])
    for ev in batch:
        if level == "canonical":
            actors = [(a.get("role"), a.get("name"), a.get("name_en"), a.get("id"), bool(a.get("inferred")))
                      for a in orjson.loads(ev["actors"] or "[]")]
            counts = {w: (c.get("low"), c.get("best"), c.get("high"))
                      for w, c in orjson.loads(ev["counts"] or "{}").items()}
        else:
            actors = parts["actors"].get(ev["id"], [])
            counts = {w: (lo, b, hi) for w, lo, b, hi in parts["counts"].get(ev["id"], [])}
        yield export_row(ev, actors, counts, parts["articles"].get(ev["id"], []),
                         parts["sources"].get(ev["id"], []), inter)


# -- one row -------------------------------------------------------------------------------------------
def _uniq(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for x in items:
        if x and x not in seen:
            seen[x] = None
    return list(seen)


def _actor_name(a: tuple) -> str:
    return a[2] or a[1] or a[3] or ""


def _count_phrase(counts: dict[str, tuple]) -> str:
    words = {"fatalities": "killed", "injured": "injured", "defectors": "defected", "displaced": "displaced",
             "arrested": "arrested", "abducted": "abducted"}
    parts = []
    for what, (lo, best, hi) in counts.items():
        if best is not None and (lo in (None, best)) and (hi in (None, best)):
            parts.append(f"{best} {words.get(what, what)}")
        elif lo is not None or hi is not None:
            rng = f"{lo if lo is not None else '?'}-{hi if hi is not None else '?'}"
            parts.append(f"{rng} {words.get(what, what)}" + (f" (best {best})" if best is not None else ""))
    return ", ".join(parts)


def notes(ev: dict[str, Any], actors: list[tuple], counts: dict[str, tuple], n_articles: int, n_outlets: int,
          when: str) -> str:
    """An English one-line summary of the record (never the Arabic headline)."""
    a1 = [_actor_name(a) for a in actors if a[0] == "actor1"]
    a2 = [_actor_name(a) for a in actors if a[0] == "actor2"]
    what = (ev["sub_event_type"] or ev["kind"]).lower()
    info = country_info(ev.get("country"))
    place = ev.get("location_name_en") or ev.get("location_name") if ev.get("lat") else None
    where = ", ".join(x for x in (place, ev.get("admin1"), info.name if info else None) if x)
    s = f"{when or 'Undated'}: {what}"
    if a1:
        s += f" by {' and '.join(_uniq(a1))}"
    if a2:
        s += f" against {' and '.join(_uniq(a2))}"
    if where:
        s += f" in {where}"
    c = _count_phrase(counts)
    if c:
        s += f"; {c}"
    supplied = _uniq([_actor_name(a) for a in actors if len(a) > 4 and a[4] and a[0] in ("actor1", "actor2")])
    if supplied:
        s += f"; no report names {' or '.join(supplied)}: inferred"
    if ev.get("polarity") == "negated":
        s += "; reported as not having happened"
    elif ev.get("certainty") == "hedged":
        s += "; reported with hedging"
    s += f". {n_articles} article{'s' if n_articles != 1 else ''} from {n_outlets} outlet{'s' if n_outlets != 1 else ''}"
    s += f"; grade {ev.get('grade')} ({ev.get('grade_reason')})."
    return " ".join(s.split())


def export_row(ev: dict[str, Any], actors: list[tuple], counts: dict[str, tuple], articles: list[tuple],
               sources: list[tuple], inter: dict[str, int]) -> dict[str, Any]:
    """One row for an event: ``ev`` the canonical (or report) columns, ``actors`` (role, name, name_en, id,
    inferred),
    ``counts`` what -> (low, best, high), ``articles`` (id, url, outlet, ingested_at, duplicate_of,
    published), ``sources`` (speaker, organization, stance)."""
    a1 = [a for a in actors if a[0] == "actor1"]
    a2 = [a for a in actors if a[0] == "actor2"]
    assoc = [a for a in actors if a[0] not in ("actor1", "actor2")]
    i1 = inter.get(a1[0][3]) if a1 and a1[0][3] else None
    i2 = inter.get(a2[0][3]) if a2 and a2[0][3] else None
    interaction = 10 * min(i1, i2) + max(i1, i2) if i1 and i2 else (10 * (i1 or i2) if (i1 or i2) else None)
    info = country_info(ev.get("country"))
    d: date | None = ev.get("date_start")
    tags = []
    if d is None and ev.get("first_published") is not None:
        d = ev["first_published"]
        tags.append("date from publication")
    precision = ev.get("location_precision")
    fat = counts.get("fatalities", (None, None, None))
    best = fat[1] if fat[1] is not None else fat[0]
    tags += [t for t, on in (("negated", ev.get("polarity") == "negated"), ("hedged", ev.get("certainty") == "hedged"),
                             ("recurring", ev.get("genericity") == "recurring"),
                             ("contested", bool(ev.get("contested")))) if on]
    originals = [a for a in articles if not a[4]] or articles
    voices = _uniq([s[0] or s[1] or "" for s in sources if s[2] != "reports" and (s[0] or s[1])])
    outlets = _uniq([a[2] or "" for a in originals])
    scales = sorted({outlet_scales().get(o, "") for o in outlets} - {""})
    ingested = [a[3] for a in articles if isinstance(a[3], datetime)]
    civilian = (ev["event_type"] == "Violence against civilians"
                or ev["sub_event_type"] == "Excessive force against protesters"
                or (ev["event_type"] == "Explosions/Remote violence" and i2 == _CIVILIANS))
    n_articles = int(ev.get("n_articles") or len({a[0] for a in originals}))
    n_outlets = int(ev.get("n_outlets") or len(outlets))
    iso3 = info.alpha3 if info else "XXX"
    when = d.isoformat() if d else ""
    row = {
        "event_id_cnty": f"{iso3}{int(hashlib.sha1(ev['id'].encode()).hexdigest()[:12], 16) % 10**9:09d}",
        "event_date": d, "year": d.year if d else None,
        "time_precision": _TIME_PRECISION.get(ev.get("date_precision") or "unknown", 3) if ev.get("date_start")
        else 3,
        "disorder_type": disorder_type(ev["event_type"], ev["sub_event_type"]),
        "event_type": ev["event_type"], "sub_event_type": ev["sub_event_type"],
        "actor1": _actor_name(a1[0]) if a1 else "",
        "assoc_actor_1": "; ".join(_uniq([_actor_name(a) for a in a1[1:] + assoc])),
        "inter1": i1, "actor2": _actor_name(a2[0]) if a2 else "",
        "assoc_actor_2": "; ".join(_uniq([_actor_name(a) for a in a2[1:]])), "inter2": i2,
        "interaction": interaction, "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": int(info.numeric) if info else None, "region": info.region if info else "",
        "country": info.name if info else "", "admin1": ev.get("admin1") or "", "admin2": ev.get("admin2") or "",
        "admin3": "",
        "location": (ev.get("location_name_en") or ev.get("location_name") or ev.get("admin1")
                     or (info.name if info else "")),
        "latitude": ev.get("lat"), "longitude": ev.get("lon"),
        "geo_precision": min(int(precision), 3) if precision else None,
        "source": "; ".join(voices + outlets), "source_scale": "-".join(scales),
        "notes": notes(ev, actors, counts, n_articles, n_outlets, when),
        "fatalities": int(best or 0), "tags": "; ".join(tags),
        "timestamp": int(max(ingested).timestamp()) if ingested else None,
        "low": fat[0], "best": fat[1], "high": fat[2],
        "confidence": ev.get("confidence"), "precision": ev.get("precision"), "grade": ev.get("grade"),
        "grade_reason": ev.get("grade_reason"),
        "contested": bool(ev.get("contested")), "contested_reasons": "; ".join(ev.get("contested_reasons") or []),
        "polarity": ev.get("polarity"), "kind": ev["kind"], "rasd_id": ev["id"], "canonical_id": ev["canonical_id"],
        "n_reports": int(ev.get("n_reports") or 1), "n_articles": n_articles, "n_outlets": n_outlets,
        "n_independent": ev.get("n_independent"),
        "article_ids": "; ".join(_uniq([a[0] for a in articles])),
        "urls": "; ".join(_uniq([a[1] or "" for a in articles])),
    }
    return row


# -- writers -------------------------------------------------------------------------------------------
def _text(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, date):
        return v.isoformat()
    return v


def write_csv(rs: Iterator[dict[str, Any]], output: str, columns: list[str] | None = None) -> int:
    n = 0
    with _atomic(output) as fh:
        w = csv.DictWriter(fh, fieldnames=columns or COLUMNS, extrasaction="ignore")
        w.writeheader()
        for r in rs:
            w.writerow({k: _text(v) for k, v in r.items()})
            n += 1
    return n


def write_jsonl(rs: Iterator[dict[str, Any]], output: str) -> int:
    n = 0
    with _atomic(output, "wb") as fh:
        for r in rs:
            fh.write(orjson.dumps(r) + b"\n")
            n += 1
    return n


def write_geojson(rs: Iterator[dict[str, Any]], output: str) -> int:
    features = []
    for r in rs:
        geometry = ({"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}
                    if r["latitude"] is not None and r["longitude"] is not None else None)
        features.append({"type": "Feature", "id": r["rasd_id"], "geometry": geometry, "properties": r})
    with _atomic(output, "wb") as fh:
        fh.write(orjson.dumps({"type": "FeatureCollection", "features": features}))
    return len(features)


def write_parquet(rs: Iterator[dict[str, Any]], output: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = EXPORT.arrow_schema()
    cols: dict[str, list] = {c: [] for c in COLUMNS}
    for r in rs:
        for c in COLUMNS:
            cols[c].append(r[c])
    table = pa.table(cols, schema=schema)
    with _atomic(output, "wb") as fh:
        pq.write_table(table, fh)
    return table.num_rows


def _records(con: Any, output: str, filters: EventFilters) -> int:
    """FORMAT.md output lines, one per article (to score a database against gold); a confidence threshold
    applies to each report."""
    where, params = filters.where(report_level=True)
    by_article: dict[str, list[Any]] = {}
    for aid, record in con.execute(
            f"SELECT e.article_id, e.record FROM events e JOIN canonical_members m ON m.event_id = e.id "
            f"JOIN canonical_events c ON c.id = m.canonical_id WHERE {where} AND (? OR e.polarity <> 'negated') "
            f"ORDER BY e.article_id, e.seq", [*params, filters.include_negated]).fetchall():
        by_article.setdefault(aid, []).append(orjson.loads(record))
    ids = list(by_article) if filters.active else [
        r[0] for r in con.execute("SELECT id FROM articles ORDER BY published, id").fetchall()]
    with _atomic(output, "wb") as fh:
        for aid in ids:
            fh.write(orjson.dumps({"id": aid, "events": by_article.get(aid, [])}) + b"\n")
    return len(ids)


def export(con: Any, fmt: str, output: str, filters: EventFilters | None = None, level: str = "canonical") -> int:
    """Write the rows that pass ``filters`` to ``output``; returns how many were written (articles for
    ``records``)."""
    filters = filters or EventFilters()
    if fmt == "records":
        return _records(con, output, filters)
    rs = rows(con, filters, level)
    if fmt == "acled-csv":
        return write_csv(rs, output)
    if fmt == "jsonl":
        return write_jsonl(({k: _text(v) if isinstance(v, date) else v for k, v in r.items()} for r in rs), output)
    if fmt == "geojson":
        return write_geojson(({k: _text(v) if isinstance(v, date) else v for k, v in r.items()} for r in rs),
                             output)
    if fmt == "parquet":
        return write_parquet(rs, output)
    raise ValueError(f"unknown export format {fmt!r} (choose one of {', '.join(FORMATS)})")
