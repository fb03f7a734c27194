"""Write a small database made by this Rasd as one SQL file: the tables as DuckDB stored them, then every row.

Run it with the Rasd whose schema you are about to change, *before* changing it, so the test that a
database made by that Rasd opens, migrates and keeps its rows (tests/core/test_schema_and_connections.py)
has a real one to load:

    python scripts/schema_fixture.py tests/core/data/schema_v4.sql

The events are the aggregation tests' (tests/aggregate/agg_builders.py: real sentences, hand-made events),
written by the real store, some with the extractor's confidence and some without (rules only); the
canonical events are built by the real builder. DuckDB's own DDL is dumped (``duckdb_tables().sql``), not
today's declarations, so the file is what that Rasd left on disk.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: The extractor's confidence given to the events in order (None: a rules-only report, no confidence).
CONFIDENCES = (0.91, 0.62, None, 0.35, 0.78)


def literal(v: Any) -> str:
    """A DuckDB SQL literal for a value read back from DuckDB."""
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, datetime):
        return f"TIMESTAMP '{v.isoformat(sep=' ')}'"
    if isinstance(v, date):
        return f"DATE '{v.isoformat()}'"
    if isinstance(v, bytes | bytearray | memoryview):
        return f"unhex('{bytes(v).hex()}')"
    if isinstance(v, list):
        return "[" + ", ".join(literal(x) for x in v) + "]"
    return "'" + str(v).replace("'", "''") + "'"


def build(db: Path) -> None:
    from rasd.aggregate.build import ensure_canonical
    from rasd.store.connection import Database
    from rasd.store.db import Store, StoredArticle
    from tests.aggregate.agg_builders import aleppo_hospital_strike, deir_ez_zor_defections

    results = aleppo_hospital_strike() + deir_ez_zor_defections()
    for i, e in enumerate(e for r in results for e in r.events):
        e.confidence = CONFIDENCES[i % len(CONFIDENCES)]
    store = Store(db)
    run_id = store.begin_run("run fixture", "local", 1, ["fixture"])
    store.write_batch([StoredArticle(result=r, extracted=True) for r in results], run_id,
                      {"articles_stored": len(results)})
    store.finish_run(run_id, "completed", {})
    ensure_canonical(Database(db))


def dump(db: Path) -> str:
    import duckdb

    from rasd.store.connection import applied_version

    out: list[str] = []
    with duckdb.connect(str(db), read_only=True) as con:
        version = applied_version(con)
        out.append(f"-- A database made by Rasd at schema version {version} (scripts/schema_fixture.py): "
                   f"its tables as DuckDB stored them, then every row.")
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name").fetchall()]
        for name in tables:
            out.append(con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0])
            out += [sql.rstrip(";") + ";" for (sql,) in con.execute(
                "SELECT sql FROM duckdb_indexes() WHERE table_name = ? ORDER BY index_name", [name]).fetchall()]
        for name in tables:
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [name]).fetchall()]
            rows = con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()  # noqa: S608
            for row in rows:
                out.append(f"INSERT INTO {name} ({', '.join(cols)}) VALUES "
                           f"({', '.join(literal(v) for v in row)});")
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "fixture.duckdb"
        build(db)
        args.output.write_text(dump(db), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
