"""Exports of stored events: ACLED-style CSV, FORMAT.md JSONL, GeoJSON, Parquet.

Every export is written to a temporary file next to the target and renamed into place at the end, so a
failed export never leaves a half-written file behind. Filters are bound parameters, never SQL text.
"""

from __future__ import annotations

import csv
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from rasd.store.db import Store

FORMATS = ("acled-csv", "jsonl", "geojson", "parquet")

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "iso", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}


@dataclass(slots=True)
class Filters:
    kind: str | None = None
    since: date | None = None
    until: date | None = None

    def sql(self) -> tuple[str, list[Any]]:
        """A WHERE clause on events ``e`` joined with articles ``a`` (event date, else publication date)."""
        return (
            "(?::VARCHAR IS NULL OR e.kind = ?) "
            "AND (?::DATE IS NULL OR coalesce(e.date_end, e.date_start, a.published) >= ?) "
            "AND (?::DATE IS NULL OR coalesce(e.date_start, e.date_end, a.published) <= ?)",
            [self.kind, self.kind, self.since, self.since, self.until, self.until],
        )

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.kind, self.since, self.until))


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


def export(store: Store, fmt: str, output: str, filters: Filters | None = None) -> int:
    """Write the events that pass ``filters`` to ``output``; returns how many records were written."""
    filters = filters or Filters()
    if fmt == "acled-csv":
        return _acled_csv(store, output, filters)
    if fmt == "jsonl":
        return _jsonl(store, output, filters)
    if fmt == "geojson":
        return _geojson(store, output, filters)
    if fmt == "parquet":
        return _parquet(store, output, filters)
    raise ValueError(f"unknown export format {fmt!r} (choose one of {', '.join(FORMATS)})")


_EVENT_SQL = """
SELECT e.id, e.article_id, e.kind, e.event_type, e.sub_event_type, e.date_start, e.date_end,
       e.date_precision, e.location_name, e.location_precision, e.polarity, e.certainty, e.genericity,
       e.fatalities, e.trigger, p.name_en AS place_en, p.geonameid, p.lat, p.lon, p.admin1, p.admin2,
       p.country, a.outlet, a.url, a.title, a.published, a.ingested_at, a.duplicate_of, e.record
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.id = e.place_id
WHERE {where}
ORDER BY {order}
"""
_BY_DATE = "coalesce(e.date_start, a.published), e.article_id, e.seq"
_BY_ARTICLE = "e.article_id, e.seq"


def _events(store: Store, filters: Filters, order: str = _BY_DATE) -> Iterator[dict[str, Any]]:
    where, params = filters.sql()
    cur = store.con.execute(_EVENT_SQL.format(where=where, order=order), params)
    names = [d[0] for d in cur.description]
    while rows := cur.fetchmany(2048):
        for row in rows:
            yield dict(zip(names, row, strict=True))


def _actors_by_event(store: Store, filters: Filters) -> dict[str, list[dict[str, Any]]]:
    where, params = filters.sql()
    rows = store.con.execute(
        f"""SELECT ea.event_id, ea.role, ea.name, ea.name_en, ac.inter
            FROM event_actors ea JOIN events e ON e.id = ea.event_id JOIN articles a ON a.id = e.article_id
            LEFT JOIN actors ac ON ac.id = ea.actor_id WHERE {where} ORDER BY ea.event_id, ea.seq""",
        params,
    ).fetchall()
    out: dict[str, list[dict[str, Any]]] = {}
    for eid, role, name, name_en, inter in rows:
        out.setdefault(eid, []).append({"role": role, "name": name_en or name, "inter": inter})
    return out


def _country(alpha2: str | None) -> tuple[str, str, str]:
    """(alpha-3, numeric, English name) for an ISO alpha-2 code."""
    if not alpha2:
        return "", "", ""
    import pycountry

    c = pycountry.countries.get(alpha_2=alpha2.upper())
    if c is None:
        return alpha2.upper(), "", ""
    return c.alpha_3, str(int(c.numeric)), getattr(c, "common_name", None) or c.name


def acled_row(ev: dict[str, Any], actors: list[dict[str, Any]]) -> dict[str, Any]:
    """One ACLED-codebook row for a stored event (actor names in English where resolved)."""
    a1 = [a for a in actors if a["role"] == "actor1"]
    a2 = [a for a in actors if a["role"] == "actor2"]
    assoc = [a for a in actors if a["role"] == "assoc"]
    inter1 = a1[0]["inter"] if a1 else None
    inter2 = a2[0]["inter"] if a2 else None
    if inter1 and inter2:
        interaction = 10 * min(inter1, inter2) + max(inter1, inter2)
    else:
        interaction = 10 * inter1 if inter1 else (10 * inter2 if inter2 else "")
    iso3, numeric, country = _country(ev["country"])
    d: date | None = ev["date_start"]
    precision = ev["location_precision"]
    tags = [t for t, on in (("negated", ev["polarity"] == "negated"), ("hedged", ev["certainty"] == "hedged"),
                            ("recurring", ev["genericity"] == "recurring"),
                            ("syndicated copy", ev["duplicate_of"] is not None)) if on]
    ingested: datetime | None = ev["ingested_at"]
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{int(hashlib.sha1(ev['id'].encode()).hexdigest()[:12], 16) % 10**9:09d}",
        "event_date": d.isoformat() if d else "",
        "year": d.year if d else "",
        "time_precision": _TIME_PRECISION.get(ev["date_precision"] or "unknown", 3),
        "event_type": ev["event_type"],
        "sub_event_type": ev["sub_event_type"],
        "actor1": a1[0]["name"] if a1 else "",
        "assoc_actor_1": "; ".join(a["name"] for a in a1[1:] + assoc),
        "inter1": inter1 or "",
        "actor2": a2[0]["name"] if a2 else "",
        "assoc_actor_2": "; ".join(a["name"] for a in a2[1:]),
        "inter2": inter2 or "",
        "interaction": interaction,
        "iso": numeric,
        "country": country,
        "admin1": ev["admin1"] or "",
        "admin2": ev["admin2"] or "",
        "admin3": "",
        "location": ev["place_en"] or ev["location_name"] or "",
        "latitude": ev["lat"] if ev["lat"] is not None else "",
        "longitude": ev["lon"] if ev["lon"] is not None else "",
        "geo_precision": min(precision, 3) if precision else "",
        "source": ev["outlet"] or "",
        "source_scale": "",
        "notes": ev["title"] or "",
        "fatalities": ev["fatalities"] or 0,
        "tags": "; ".join(tags),
        "timestamp": int(ingested.timestamp()) if ingested else "",
    }


def _acled_csv(store: Store, output: str, filters: Filters) -> int:
    actors = _actors_by_event(store, filters)
    n = 0
    with _atomic(output) as fh:
        writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for ev in _events(store, filters):
            writer.writerow(acled_row(ev, actors.get(ev["id"], [])))
            n += 1
    return n


def _jsonl(store: Store, output: str, filters: Filters) -> int:
    """FORMAT.md output lines, one per article (so the file can be scored against gold)."""
    by_article: dict[str, list[Any]] = {}
    for ev in _events(store, filters, _BY_ARTICLE):
        by_article.setdefault(ev["article_id"], []).append(orjson.loads(ev["record"]))
    ids = list(by_article) if filters.active else [
        r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY published, id").fetchall()]
    with _atomic(output, "wb") as fh:
        for aid in ids:
            fh.write(orjson.dumps({"id": aid, "events": by_article.get(aid, [])}) + b"\n")
    return len(ids)


def _geojson(store: Store, output: str, filters: Filters) -> int:
    actors = _actors_by_event(store, filters)
    features = []
    for ev in _events(store, filters):
        if ev["lat"] is None or ev["lon"] is None:
            continue
        props = {k: ev[k] for k in ("id", "article_id", "kind", "event_type", "sub_event_type", "date_precision",
                                    "location_name", "location_precision", "polarity", "certainty", "genericity",
                                    "fatalities", "geonameid", "admin1", "admin2", "country", "outlet", "url")}
        props["date_start"] = ev["date_start"].isoformat() if ev["date_start"] else None
        props["date_end"] = ev["date_end"].isoformat() if ev["date_end"] else None
        props["actors"] = actors.get(ev["id"], [])
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [ev["lon"], ev["lat"]]},
                         "properties": props})
    with _atomic(output, "wb") as fh:
        fh.write(orjson.dumps({"type": "FeatureCollection", "features": features}))
    return len(features)


def _parquet(store: Store, output: str, filters: Filters) -> int:
    import pyarrow.parquet as pq

    where, params = filters.sql()
    table = store.con.sql(_EVENT_SQL.format(where=where, order=_BY_DATE), params=params).to_arrow_table()
    with _atomic(output, "wb") as fh:
        pq.write_table(table, fh)
    return table.num_rows
