"""One declaration per table, migrations from an older file, and the connection model (open, work, close).

Real DuckDB files throughout; the "busy" case is a real write connection held by this process while a
real `rasd` subprocess tries to use the file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from rasd.aggregate.build import ensure_canonical
from rasd.store import tables as T
from rasd.store.connection import Database, DatabaseBusy, StoreError
from rasd.store.db import Store
from rasd.store.schema import SCHEMA_VERSION
from tests.aggregate.agg_builders import aleppo_hospital_strike
from tests.conftest import run_rasd

OLD_SCHEMA = Path(__file__).parent / "data" / "schema_v2.sql"
#: A database made by Rasd at schema v4 (scripts/schema_fixture.py): categorical canonical confidence,
#: the reports' confidence only inside their FORMAT.md records.
V4_DATABASE = Path(__file__).parent / "data" / "schema_v4.sql"


def _columns(db: Path) -> dict[str, list[tuple[str, str, str]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
                           "WHERE table_name <> 'schema_migrations' ORDER BY table_name, ordinal_position").fetchall()
    out: dict[str, list[tuple[str, str, str]]] = {}
    for table, col, typ, nullable in rows:
        out.setdefault(table, []).append((col, typ, nullable))
    return out


def _declared(table: T.Table) -> list[tuple[str, str, str]]:
    return [(c.name, T.TYPES[c.type][0], "NO" if (not c.nullable or c.name == table.primary_key) else "YES")
            for c in table.columns]


def test_a_new_database_has_exactly_the_declared_tables(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    Store(db)
    found = _columns(db)
    assert set(found) == {t.name for t in T.ALL}
    for table in T.ALL:
        assert found[table.name] == _declared(table), table.name


def test_the_arrow_schema_and_the_ddl_come_from_one_declaration() -> None:
    for table in T.ALL:
        schema = table.arrow_schema()
        assert schema.names == table.column_names
        ddl = table.ddl()
        for c in table.columns:
            assert f"{c.name} {T.TYPES[c.type][0]}" in ddl
            assert schema.field(c.name).nullable == c.nullable


def test_a_database_made_by_the_previous_schema_opens_migrates_and_is_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(OLD_SCHEMA.read_text(encoding="utf-8"))
        con.execute("INSERT INTO runs (id, started_at, status) VALUES ('r1', now(), 'completed')")
    # events written as the old Rasd wrote them: through the same batch layout, into the old tables
    store = Store(db)  # opening for writing migrates
    assert store.applied_version() == SCHEMA_VERSION
    found = _columns(db)
    for table in T.ALL:
        if table.derived:  # recreated from today's declaration
            assert found[table.name] == _declared(table), table.name
        else:  # the old columns, in the old order, plus what migrations added
            assert [c[0] for c in found[table.name]] == table.column_names, table.name
    from tests.aggregate.agg_builders import write

    write(db, aleppo_hospital_strike())
    stats = ensure_canonical(Database(db))
    assert stats is not None and stats.canonical_events > 0
    assert ensure_canonical(Database(db)) is None  # nothing stale any more
    with duckdb.connect(str(db), read_only=True) as con:
        grades = {g for (g,) in con.execute("SELECT DISTINCT grade FROM canonical_events").fetchall()}
        assert con.execute("SELECT status FROM runs WHERE id = 'r1'").fetchone()[0] == "completed"
    assert grades and grades <= {"confirmed", "fair", "weak", "contested", "discounted"}


def test_a_database_made_by_schema_v4_gets_the_reports_confidence_and_the_precision(tmp_path: Path) -> None:
    import orjson

    db = tmp_path / "v4.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(V4_DATABASE.read_text(encoding="utf-8"))
        before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
                  for t in ("articles", "events", "event_sources", "runs", "canonical_events")}
        records = dict(con.execute("SELECT id, record FROM events").fetchall())
    assert before["canonical_events"] > 0 and before["events"] > before["canonical_events"]
    Store(db)  # opening for writing migrates
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION
        for t, n in before.items():
            if t != "canonical_events":
                assert con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == n, t  # noqa: S608
        stored = dict(con.execute("SELECT id, confidence FROM events").fetchall())
    # each report's confidence comes out of the record it was stored with; rules-only reports have none
    expected = {eid: orjson.loads(rec).get("confidence") for eid, rec in records.items()}
    assert stored == expected
    assert any(v is None for v in expected.values()) and any(v is not None for v in expected.values())
    assert [c[0] for c in _columns(db)["events"]] == T.EVENTS.column_names
    # the report actors say whether the text names them: none did then (their records carry no "inferred")
    assert [c[0] for c in _columns(db)["event_actors"]] == T.EVENT_ACTORS.column_names
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*), count(*) FILTER (WHERE inferred = false) FROM event_actors").fetchone() \
            == (con.execute("SELECT count(*) FROM event_actors").fetchone()[0],) * 2

    stats = ensure_canonical(Database(db))  # the canonical tables were recreated: rebuilt on first use
    assert stats is not None and stats.canonical_events == before["canonical_events"]
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT c.id, c.precision, c.confidence, list(e.confidence) FROM canonical_events c "
                           "JOIN canonical_members m ON m.canonical_id = c.id JOIN events e ON e.id = m.event_id "
                           "GROUP BY ALL").fetchall()
    assert {p for _, p, _, _ in rows} <= {"high", "medium", "low"}
    for cid, _, conf, reports in rows:
        known = [x for x in reports if x is not None]
        assert conf == (max(known) if known else None), cid
    assert any(None in reports and conf is not None for _, _, conf, reports in rows)  # a rules-only member


def test_nothing_stays_open_between_pieces_of_work(tmp_path: Path) -> None:
    from tests.aggregate.agg_builders import write

    db = write(tmp_path / "open.duckdb", aleppo_hospital_strike())
    database = Database(db)
    with database.read() as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    # another "process" (a separate write connection here) can take the file right away
    with duckdb.connect(str(db)) as other:
        other.execute("SELECT 1")


def test_a_write_is_one_transaction(tmp_path: Path) -> None:
    database = Database(tmp_path / "tx.duckdb")
    with pytest.raises(RuntimeError), database.write() as con:
        con.execute("INSERT INTO runs (id, started_at, status) VALUES ('x', now(), 'running')")
        raise RuntimeError("fails half-way")
    with database.read() as con:
        assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 0


def test_readers_wait_for_a_writer_in_another_process_and_go_on(tmp_path: Path) -> None:
    db = tmp_path / "wait.duckdb"
    Store(db)
    ready, released = tmp_path / "holding", tmp_path / "released"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, pathlib, sys, time; con = duckdb.connect(sys.argv[1]); "
        "pathlib.Path(sys.argv[2]).touch(); time.sleep(1.5); pathlib.Path(sys.argv[3]).touch(); con.close()"),
        str(db), str(ready), str(released)])
    try:
        deadline = time.monotonic() + 30
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists()
        with Database(db, wait=30).read() as con:  # waits for the holder, then reads
            assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
        assert released.exists()  # it could only read once the other process had let go
    finally:
        holder.wait(30)


def test_a_busy_database_is_a_one_line_message_naming_the_holder(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    Store(db)
    holder = duckdb.connect(str(db))  # this test process holds the file for writing
    try:
        out = run_rasd("stats", "--db", str(db), env_extra={"RASD_DB_WAIT": "1"})
    finally:
        holder.close()
    err = out.stderr.decode()
    assert out.returncode == 2
    assert err.count("\n") == 1, err
    assert "busy" in err and str(db) in err and f"process {os.getpid()}" in err


def test_database_busy_is_a_store_error() -> None:
    assert issubclass(DatabaseBusy, StoreError)
