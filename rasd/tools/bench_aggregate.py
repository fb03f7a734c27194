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
    "INSERT INTO event_actors SELECT event_id || '~' || $k, seq, role, name, name_en, actor_id FROM event_actors "
    "WHERE event_id NOT LIKE '%~%'",
    "INSERT INTO event_sources SELECT event_id || '~' || $k, seq, speaker, role, organization, actor_id, stance, "
    "quote FROM event_sources WHERE event_id NOT LIKE '%~%'",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", required=True, help="a database written by `rasd run` (it is copied, not changed)")
    ap.add_argument("--copies", type=int, default=10)
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
        con.close()
    print(f"events={stats.events} canonical_events={stats.canonical_events} contested={stats.contested} "
          f"rebuild_s={wall:.2f} events_per_s={stats.events / wall:,.0f}")


if __name__ == "__main__":
    main()
