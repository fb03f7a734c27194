"""Measure the canonical rebuild on a larger copy of a real database (not a test; see docs/bench/aggregate.md).

``python -m rasd.tools.bench_aggregate --db SAMPLE.duckdb --copies 10`` copies the database, clones its articles
and events ``copies`` times (each clone shifted by 45 days and 2 km, so clones are near but mostly distinct
occurrences), then times ``rebuild`` and reports events, canonical events and seconds.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from rasd.aggregate.build import rebuild

_CLONE_SQL = [
    "INSERT INTO articles SELECT id || '~' || $k, title, text, published + CAST($k * 45 AS INTEGER), outlet, url, "
    "source, tags, text_hash || '~' || $k, CASE WHEN duplicate_of IS NULL THEN NULL ELSE duplicate_of || '~' || $k "
    "END, duplicate_similarity, NULL, extracted, run_id, ingested_at FROM articles WHERE id NOT LIKE '%~%'",
    "INSERT INTO places SELECT id || '~' || $k, name, name_en, NULL, lat + 0.018 * $k, lon, admin1, admin2, country "
    "FROM places WHERE id NOT LIKE '%~%'",
    "INSERT INTO events SELECT id || '~' || $k, article_id || '~' || $k, seq, kind, event_type, sub_event_type, "
    "CASE WHEN place_id IS NULL THEN NULL ELSE place_id || '~' || $k END, location_name, location_precision, "
    "date_start + CAST($k * 45 AS INTEGER), date_end + CAST($k * 45 AS INTEGER), date_precision, polarity, "
    "certainty, genericity, fatalities, trigger, record FROM events WHERE id NOT LIKE '%~%'",
    "INSERT INTO event_counts SELECT event_id || '~' || $k, what, low, best, high FROM event_counts "
    "WHERE event_id NOT LIKE '%~%'",
    "INSERT INTO event_actors SELECT event_id || '~' || $k, seq, role, name, name_en, actor_id, inferred "
    "FROM event_actors "
    "WHERE event_id NOT LIKE '%~%'",
    "INSERT INTO event_sources SELECT event_id || '~' || $k, seq, speaker, role, organization, actor_id, stance, "
    "quote FROM event_sources WHERE event_id NOT LIKE '%~%'",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", required=True, help="a database written by `rasd run` (it is copied, not changed)")
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--refresh", type=int, default=0,
                    help="then time the incremental refresh after each of this many random articles")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        shutil.copy(args.db, db)
        con = duckdb.connect(str(db))
        for k in range(1, args.copies + 1):
            for sql in _CLONE_SQL:
                con.execute(sql, {"k": k})
        t0 = time.perf_counter()
        stats = rebuild(con)
        wall = time.perf_counter() - t0
        refreshes = _time_refreshes(con, args.refresh) if args.refresh else []
        con.close()
    print(f"events={stats.events} canonical_events={stats.canonical_events} contested={stats.contested} "
          f"rebuild_s={wall:.2f} events_per_s={stats.events / wall:,.0f}")
    if refreshes:
        secs = sorted(r[0] for r in refreshes)
        merged = sorted(r[1] for r in refreshes)
        print(f"incremental refresh after one article ({len(secs)} articles): median {secs[len(secs) // 2]:.3f} s, "
              f"max {secs[-1]:.3f} s; events re-merged: median {merged[len(merged) // 2]}, max {merged[-1]}")


def _time_refreshes(con, n: int) -> list[tuple[float, int]]:
    """What the watcher does after storing one article: re-merge the date chains around its events."""
    import random

    from rasd.aggregate.incremental import refresh

    ids = [r[0] for r in con.execute("SELECT DISTINCT article_id FROM events ORDER BY 1").fetchall()]
    out = []
    for aid in random.Random(14).sample(ids, min(n, len(ids))):
        t0 = time.perf_counter()
        r = refresh(con, [aid])
        out.append((time.perf_counter() - t0, r.reports_merged))
    return out


if __name__ == "__main__":
    main()
