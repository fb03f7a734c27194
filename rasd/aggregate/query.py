"""Read canonical events: lists, details, time series, ledgers, facets and grouped counts.

Every function takes a DuckDB connection or cursor and returns plain JSON-ready dicts (the shapes of
docs/api.md), so the CLI and the HTTP API print and serve exactly the same thing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson

from rasd.aggregate.areas import country
from rasd.aggregate.filters import EventFilters
from rasd.aggregate.merge import source_key

MAX_LIMIT = 1000
SORTS = {  # fixed ORDER BY clauses: the user picks a key, never text
    "date": "coalesce(c.date_start, c.first_published) ASC NULLS LAST, c.id",
    "-date": "coalesce(c.date_start, c.first_published) DESC NULLS LAST, c.id",
    "fatalities": "c.fatalities DESC NULLS LAST, coalesce(c.date_start, c.first_published) DESC NULLS LAST, c.id",
}
GROUPS = ("month", "week", "place", "actor", "kind", "country", "admin1", "admin2", "grade")
_STANCE_ORDER = {"confirms": 0, "reports": 1, "downplays": 2, "denies": 3}

_SUMMARY_COLS = (
    "c.id, c.kind, c.event_type, c.sub_event_type, c.date_start, c.date_end, c.date_precision, "
    "c.location_name, c.location_name_en, c.geonameid, c.lat, c.lon, c.admin1, c.admin2, c.country, "
    "c.location_precision, c.actors, c.counts, c.polarity, c.certainty, c.genericity, c.contested, "
    "c.contested_reasons, c.n_reports, c.n_articles, c.n_outlets, c.n_sources, c.confirms, c.denies, "
    "c.downplays, c.reports, c.place_id, c.admin1_ar, c.admin2_ar, c.country_name, c.grade, c.grade_reason, "
    "c.precision, c.confidence, c.contested_detail, c.n_independent"
)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _summary(row: tuple) -> dict[str, Any]:
    (cid, kind, etype, subtype, ds, de, dp, name, name_en, gid, lat, lon, a1, a2, cc, prec, actors, counts, pol,
     cert, gen, contested, reasons, n_rep, n_art, n_out, n_src, conf, den, down, rep, place_id, a1_ar, a2_ar,
     country_name, grade, grade_reason, precision, confidence, detail, n_ind) = row
    location = None
    if place_id is not None or cc is not None:
        location = {"name": name, "name_en": name_en, "geonameid": gid, "lat": lat, "lon": lon, "admin1": a1,
                    "admin1_ar": a1_ar, "admin2": a2, "admin2_ar": a2_ar, "country": cc,
                    "country_name": country_name, "precision": prec}
    return {
        "id": cid, "kind": kind, "event_type": etype, "sub_event_type": subtype,
        "date": {"start": _iso(ds), "end": _iso(de), "precision": dp},
        "location": location,
        "actors": orjson.loads(actors) if actors else [],
        "counts": orjson.loads(counts) if counts else {},
        "polarity": pol, "certainty": cert, "genericity": gen,
        "contested": bool(contested), "contested_reasons": list(reasons or []),
        "contested_detail": orjson.loads(detail) if detail else [],
        "grade": grade, "grade_reason": grade_reason, "precision": precision, "confidence": confidence,
        "n_reports": n_rep, "n_articles": n_art, "n_outlets": n_out, "n_sources": n_src, "n_independent": n_ind,
        "stances": {"confirms": conf, "denies": den, "downplays": down, "reports": rep},
    }


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def count_events(con: Any, f: EventFilters) -> int:
    where, params = f.where()
    return con.execute(f"SELECT count(*) FROM canonical_events c WHERE {where}", params).fetchone()[0]


def list_events(con: Any, f: EventFilters, limit: int = 100, offset: int = 0, sort: str = "-date"
                ) -> dict[str, Any]:
    """``{"total", "limit", "offset", "events": [summary]}``."""
    limit, offset = _clamp(limit, offset)
    where, params = f.where()
    order = SORTS.get(sort, SORTS["-date"])
    rows = con.execute(
        f"SELECT {_SUMMARY_COLS} FROM canonical_events c WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return {"total": count_events(con, f), "limit": limit, "offset": offset, "events": [_summary(r) for r in rows]}


def summaries(con: Any, ids: list[str], where: str = "TRUE", params: list[Any] | None = None
              ) -> list[dict[str, Any]]:
    """Summaries of the canonical events ``ids`` that also satisfy ``where`` (a condition on ``c`` from
    :meth:`EventFilters.where` or another fixed fragment), ordered by id."""
    if not ids:
        return []
    rows = con.execute(
        f"SELECT {_SUMMARY_COLS} FROM canonical_events c WHERE c.id IN (SELECT unnest(?::VARCHAR[])) AND ({where}) "
        "ORDER BY c.id", [list(ids), *(params or [])]).fetchall()
    return [_summary(r) for r in rows]


def events_geojson(con: Any, f: EventFilters, limit: int = 100, offset: int = 0, sort: str = "-date"
                   ) -> dict[str, Any]:
    """A FeatureCollection of the page; events without coordinates are counted, not drawn."""
    page = list_events(con, f, limit, offset, sort)
    features, without = [], 0
    for ev in page["events"]:
        loc = ev.get("location") or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            without += 1
            continue
        props = dict(ev)
        props["location"] = {k: v for k, v in loc.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "id": ev["id"],
                         "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features, "total": page["total"], "limit": page["limit"],
            "offset": page["offset"], "without_coordinates": without}


def _evidence(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"start": s.get("start"), "end": s.get("end"), "text": s.get("text")}
            for s in record.get("evidence") or []]


def sources_of(con: Any, canonical_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """canonical id -> its distinct sources (a syndicated copy repeats its original: shown once)."""
    if not canonical_ids:
        return {}
    rows = con.execute(
        """
        SELECT m.canonical_id, m.root_article_id, s.speaker, s.role, s.organization, s.actor_id, s.stance,
               s.quote, m.article_id, a.outlet, a.published, m.event_id, s.seq
        FROM canonical_members m
        JOIN event_sources s ON s.event_id = m.event_id
        JOIN articles a ON a.id = m.article_id
        WHERE m.canonical_id IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY m.canonical_id, a.published NULLS LAST, m.article_id, s.seq
        """,
        [canonical_ids],
    ).fetchall()
    out: dict[str, list[dict[str, Any]]] = {cid: [] for cid in canonical_ids}
    seen: set[tuple] = set()
    for cid, root, speaker, role, org, actor_id, stance, quote, aid, outlet, pub, eid, _ in rows:
        key = (cid, root, *source_key(speaker, org, stance, root))
        if key in seen:
            continue
        seen.add(key)
        out[cid].append({"speaker": speaker, "role": role, "organization": org, "actor_id": actor_id,
                         "stance": stance, "quote": quote, "article_id": aid, "outlet": outlet,
                         "published": _iso(pub), "event_id": eid})
    for lst in out.values():
        lst.sort(key=lambda s: _STANCE_ORDER.get(s["stance"], 9))
    return out


def event_detail(con: Any, canonical_id: str) -> dict[str, Any] | None:
    """The summary plus its reports (with evidence sentences) and sources; None when unknown."""
    row = con.execute(f"SELECT {_SUMMARY_COLS} FROM canonical_events c WHERE c.id = ?", [canonical_id]).fetchone()
    if row is None:
        return None
    ev = _summary(row)
    reports = []
    for eid, aid, title, outlet, pub, url, dup, trigger, record, confidence in con.execute(
        """
        SELECT e.id, e.article_id, a.title, a.outlet, a.published, a.url, a.duplicate_of, e.trigger, e.record,
               e.confidence
        FROM canonical_members m JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = e.article_id
        WHERE m.canonical_id = ? ORDER BY a.published NULLS LAST, e.id
        """,
        [canonical_id],
    ).fetchall():
        rec = orjson.loads(record) if record else {}
        reports.append({"event_id": eid, "article_id": aid, "title": title, "outlet": outlet,
                        "published": _iso(pub), "url": url, "duplicate_of": dup, "trigger": trigger,
                        "evidence": _evidence(rec), "counts": rec.get("counts") or {}, "date": rec.get("date"),
                        "location": rec.get("location"), "polarity": rec.get("polarity"),
                        "certainty": rec.get("certainty"), "confidence": confidence})
    ev["reports"] = reports
    ev["sources"] = sources_of(con, [canonical_id])[canonical_id]
    return ev


def article_detail(con: Any, article_id: str) -> dict[str, Any] | None:
    row = con.execute("SELECT id, title, text, published, outlet, url, duplicate_of FROM articles WHERE id = ?",
                      [article_id]).fetchone()
    if row is None:
        return None
    aid, title, text, pub, outlet, url, dup = row
    mentions = [{"start": s, "end": e, "text": t, "label": lab, "ref": ref} for s, e, t, lab, ref in con.execute(
        "SELECT start_char, end_char, text, label, ref FROM mentions WHERE article_id = ? "
        "ORDER BY start_char, end_char", [aid]).fetchall()]
    events = []
    for eid, cid, kind, trigger, record in con.execute(
        "SELECT e.id, m.canonical_id, e.kind, e.trigger, e.record FROM events e "
        "LEFT JOIN canonical_members m ON m.event_id = e.id WHERE e.article_id = ? ORDER BY e.seq", [aid]
    ).fetchall():
        rec = orjson.loads(record) if record else {}
        events.append({"event_id": eid, "canonical_id": cid, "kind": kind, "trigger": trigger,
                       "evidence": _evidence(rec)})
    return {"id": aid, "title": title, "text": text, "published": _iso(pub), "outlet": outlet, "url": url,
            "duplicate_of": dup, "mentions": mentions, "events": events}


def _period(d: date | None, interval: str) -> str | None:
    if d is None:
        return None
    if interval == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    return f"{d.year}-{d.month:02d}"


def timeseries(con: Any, f: EventFilters, interval: str = "month") -> dict[str, Any]:
    """Canonical events and fatalities per period and kind (by the start of the event's date range)."""
    where, params = f.where()
    rows = con.execute(
        f"SELECT coalesce(c.date_start, c.first_published) AS d, c.kind, c.fatalities, c.defectors "
        f"FROM canonical_events c WHERE {where}", params).fetchall()
    agg: dict[tuple[str, str], list[int]] = {}
    undated = 0
    for d, kind, fat, dfc in rows:
        p = _period(d, interval)
        if p is None:
            undated += 1
            continue
        a = agg.setdefault((p, kind), [0, 0, 0])
        a[0] += 1
        a[1] += fat or 0
        a[2] += dfc or 0
    series = [{"period": p, "kind": k, "events": v[0], "fatalities": v[1], "defectors": v[2]}
              for (p, k), v in sorted(agg.items())]
    return {"interval": interval, "kinds": sorted({k for _, k in agg}), "series": series, "undated": undated}


def ledger(con: Any, f: EventFilters, limit: int = 100, offset: int = 0, sort: str = "-date") -> dict[str, Any]:
    """Each canonical event of the page with its sources (confirming, reporting, downplaying, denying)."""
    page = list_events(con, f, limit, offset, sort)
    srcs = sources_of(con, [e["id"] for e in page["events"]])
    for e in page["events"]:
        e["sources"] = srcs.get(e["id"], [])
    return {"total": page["total"], "limit": page["limit"], "offset": page["offset"], "events": page["events"]}


def facets(con: Any, f: EventFilters) -> dict[str, Any]:
    """What the filter widgets can offer, for the events that pass ``f``."""
    where, params = f.where()
    sub = f"SELECT c.id FROM canonical_events c WHERE {where}"
    kinds = [{"kind": k, "n": n} for k, n in con.execute(
        f"SELECT c.kind, count(*) n FROM canonical_events c WHERE {where} GROUP BY 1 ORDER BY n DESC, 1",
        params).fetchall()]
    actors = [{"id": i, "name": nm, "name_en": en, "n": n} for i, nm, en, n in con.execute(
        f"SELECT ca.actor_id, min(ca.name), min(ca.name_en), count(DISTINCT ca.canonical_id) n "
        f"FROM canonical_actors ca WHERE ca.actor_id IS NOT NULL AND ca.canonical_id IN ({sub}) "
        f"GROUP BY 1 ORDER BY n DESC, 1 LIMIT 200", params).fetchall()]
    places = [{"geonameid": g, "name": nm, "name_en": en, "n": n} for g, nm, en, n in con.execute(
        f"SELECT c.geonameid, min(c.location_name), min(c.location_name_en), count(*) n FROM canonical_events c "
        f"WHERE {where} AND c.geonameid IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 200", params).fetchall()]
    countries = [{"country": cc, "name": nm, "name_ar": c.name_ar if (c := country(cc)) else None, "n": n}
                 for cc, nm, n in con.execute(
        f"SELECT c.country, min(c.country_name), count(*) n FROM canonical_events c WHERE {where} "
        f"AND c.country IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1", params).fetchall()]
    admin1 = [{"country": cc, "admin1": a1, "name": ar, "name_en": a1, "n": n} for cc, a1, ar, n in con.execute(
        f"SELECT c.country, c.admin1, min(c.admin1_ar), count(*) n FROM canonical_events c WHERE {where} "
        f"AND c.admin1 IS NOT NULL GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 300", params).fetchall()]
    grades = [{"grade": g, "n": n} for g, n in con.execute(
        f"SELECT c.grade, count(*) n FROM canonical_events c WHERE {where} GROUP BY 1 ORDER BY n DESC, 1",
        params).fetchall()]
    outlets = [{"outlet": o, "n": n} for o, n in con.execute(
        f"SELECT a.outlet, count(DISTINCT m.canonical_id) n FROM canonical_members m "
        f"JOIN articles a ON a.id = m.article_id WHERE a.outlet IS NOT NULL AND m.canonical_id IN ({sub}) "
        f"GROUP BY 1 ORDER BY n DESC, 1", params).fetchall()]
    dmin, dmax, total = con.execute(
        f"SELECT min(coalesce(c.date_start, c.first_published)), max(coalesce(c.date_end, c.first_published)), "
        f"count(*) FROM canonical_events c WHERE {where}", params).fetchone()
    return {"kinds": kinds, "actors": actors, "places": places, "countries": countries, "admin1": admin1,
            "grades": grades, "outlets": outlets, "date_min": _iso(dmin), "date_max": _iso(dmax), "total": total}


def group_counts(con: Any, f: EventFilters, group_by: str) -> list[dict[str, Any]]:
    """Canonical events, fatalities and defectors per month, week, place, actor or kind."""
    if group_by not in GROUPS:
        raise ValueError(f"group_by: one of {', '.join(GROUPS)}")
    where, params = f.where()
    if group_by in ("month", "week"):
        ts = timeseries(con, f, group_by)
        agg: dict[str, list[int]] = {}
        for s in ts["series"]:
            a = agg.setdefault(s["period"], [0, 0, 0])
            a[0] += s["events"]
            a[1] += s["fatalities"]
            a[2] += s["defectors"]
        out = [{"group": p, "events": v[0], "fatalities": v[1], "defectors": v[2]} for p, v in sorted(agg.items())]
        if ts["undated"]:  # neither an event date nor a publication date: shown, not dropped
            n, fat, dfc = con.execute(
                f"SELECT count(*), sum(c.fatalities), sum(c.defectors) FROM canonical_events c WHERE {where} "
                f"AND c.date_start IS NULL AND c.first_published IS NULL", params).fetchone()
            out.append({"group": "(undated)", "events": n, "fatalities": int(fat or 0), "defectors": int(dfc or 0)})
        return out
    if group_by == "actor":
        sql = (f"SELECT coalesce(ca.actor_id, ca.name) g, min(ca.name), min(ca.name_en), ca.role, "
               f"count(DISTINCT c.id), sum(c.fatalities), sum(c.defectors) "
               f"FROM canonical_events c JOIN canonical_actors ca ON ca.canonical_id = c.id "
               f"WHERE {where} AND ca.role IN ('actor1', 'actor2') GROUP BY g, ca.role ORDER BY 5 DESC, 1, 4")
        return [{"group": nm or en or g, "group_en": en, "id": g, "role": role, "events": n,
                 "fatalities": int(fat or 0), "defectors": int(dfc or 0)}
                for g, nm, en, role, n, fat, dfc in con.execute(sql, params).fetchall()]
    if group_by == "place":
        sql = (f"SELECT coalesce(c.place_id, c.country, '') g, min(c.location_name), min(c.location_name_en), "
               f"min(c.admin1), count(*), sum(c.fatalities), sum(c.defectors) FROM canonical_events c "
               f"WHERE {where} GROUP BY g ORDER BY 5 DESC, 1")
        return [{"group": nm or en or g or "(no place)", "group_en": en, "admin1": a1, "events": n,
                 "fatalities": int(fat or 0), "defectors": int(dfc or 0)}
                for g, nm, en, a1, n, fat, dfc in con.execute(sql, params).fetchall()]
    if group_by in ("country", "admin1", "admin2"):
        cols = {"country": ("c.country", "min(c.country_name)", "NULL"),
                "admin1": ("c.country || '|' || c.admin1", "min(c.admin1)", "min(c.admin1_ar)"),
                "admin2": ("c.country || '|' || c.admin1 || '|' || c.admin2", "min(c.admin2)", "min(c.admin2_ar)")}
        key, en, ar = cols[group_by]
        sql = (f"SELECT {key} g, {en}, {ar}, min(c.country), min(c.admin1), count(*), sum(c.fatalities), "
               f"sum(c.defectors) FROM canonical_events c WHERE {where} GROUP BY g ORDER BY 6 DESC, 1")
        return [{"group": en_name or "(none)", "group_ar": ar_name, "country": cc,
                 **({"admin1": a1} if group_by == "admin2" else {}), "events": n, "fatalities": int(fat or 0),
                 "defectors": int(dfc or 0)}
                for _, en_name, ar_name, cc, a1, n, fat, dfc in con.execute(sql, params).fetchall()]
    col = "c.grade" if group_by == "grade" else "c.kind"
    sql = (f"SELECT {col}, count(*), sum(c.fatalities), sum(c.defectors) FROM canonical_events c WHERE {where} "
           f"GROUP BY 1 ORDER BY 2 DESC, 1")
    return [{"group": k, "events": n, "fatalities": int(fat or 0), "defectors": int(dfc or 0)}
            for k, n, fat, dfc in con.execute(sql, params).fetchall()]


def health(con: Any) -> dict[str, Any]:
    """Counts; ``canonical_events`` are those the default filters show (not every report negated)."""
    a, e, c, n = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM canonical_events WHERE polarity <> 'negated'), "
        "(SELECT count(*) FROM canonical_events WHERE polarity = 'negated')").fetchone()
    return {"status": "ok", "articles": a, "events": e, "canonical_events": c, "negated_events": n}

