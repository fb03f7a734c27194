"""`rasd aggregate`, `rasd query events` and `rasd ledger`, run as a user runs them (real subprocesses)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.aggregate.agg_builders import aleppo_hospital_strike, deir_ez_zor_defections, write
from tests.conftest import ROOT


def rasd(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "rasd", *args], capture_output=True, cwd=ROOT, env=env, timeout=120)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = write(tmp_path_factory.mktemp("aggcli") / "cli.duckdb", aleppo_hospital_strike() + deir_ez_zor_defections())
    done = rasd("aggregate", "--db", str(path))
    assert done.returncode == 0, done.stderr.decode()
    assert "canonical events" in done.stderr.decode()
    return str(path)


def test_monthly_defection_counts_as_json(db: str) -> None:
    done = rasd("query", "events", "--kind", "defection", "--group-by", "month", "--format", "json", "--db", db)
    assert done.returncode == 0, done.stderr.decode()
    out = json.loads(done.stdout)
    groups = {g["group"]: g for g in out["groups"]}
    assert set(groups) == {"2021-01", "2021-03"}
    assert groups["2021-01"]["events"] == 1 and groups["2021-01"]["defectors"] == 10
    assert groups["2021-03"]["defectors"] == 5


def test_table_shows_arabic_as_is_and_filters_apply(db: str) -> None:
    done = rasd("query", "events", "--place", "حلب", "--kind", "airstrike", "--db", db)
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode()
    assert "حلب" in text and "دير الزور" not in text
    assert "denied" in text  # the contested hospital strike is listed with its reasons


def test_group_by_actor_and_csv(db: str) -> None:
    done = rasd("query", "events", "--group-by", "actor", "--format", "csv", "--db", db)
    assert done.returncode == 0, done.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode())))
    by_id = {(r["id"], r["role"]): r for r in rows}
    assert int(by_id[("iran_backed_militias", "actor1")]["defectors"]) == 15
    assert int(by_id[("syria_air_force", "actor1")]["events"]) >= 4


def test_outlet_filter_uses_every_report(db: str) -> None:
    done = rasd("query", "events", "--outlet", "sana.sy", "--format", "json", "--db", db)
    events = json.loads(done.stdout)["events"]
    assert len(events) == 1 and events[0]["n_reports"] == 4


def test_ledger_puts_confirming_and_downplaying_side_by_side(db: str) -> None:
    done = rasd("ledger", "--kind", "defection", "--contested", "--db", db)
    assert done.returncode == 0, done.stderr.decode()
    lines = done.stdout.decode().splitlines()
    assert any("محمد الجبوري" in ln and "عامر أحمد" in ln for ln in lines), "\n".join(lines)
    js = json.loads(rasd("ledger", "--kind", "defection", "--contested", "--format", "json", "--db", db).stdout)
    stances = {s["speaker"]: s["stance"] for e in js["events"] for s in e["sources"]}
    assert stances == {"محمد الجبوري": "confirms", "عامر أحمد": "downplays"}
    assert all(s["quote"] for e in js["events"] for s in e["sources"])


def test_bad_filters_are_one_line_errors(db: str) -> None:
    for args in (("--kind", "bogus"), ("--since", "2021-02-30"), ("--until", "yesterday")):
        done = rasd("query", "events", *args, "--db", db)
        assert done.returncode == 2
        err = done.stderr.decode().strip()
        assert err.startswith("rasd: error:") and "Traceback" not in err


def test_sql_in_a_filter_is_only_text(db: str, tmp_path: Path) -> None:
    done = rasd("query", "events", "--actor", "x' OR 1=1; DROP TABLE canonical_events; --", "--format", "json",
                "--db", db)
    assert done.returncode == 0
    assert json.loads(done.stdout)["total"] == 0
    assert json.loads(rasd("query", "events", "--format", "json", "--db", db).stdout)["total"] > 0


def _events(db: str, *args: str) -> list[dict]:
    done = rasd("query", "events", "--format", "json", "--limit", "1000", *args, "--db", db)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)["events"]


def test_each_event_carries_the_highest_confidence_of_its_reports(db: str) -> None:
    given = {f"{r.article.id}#{i}": e.confidence for r in aleppo_hospital_strike() + deir_ez_zor_defections()
             for i, e in enumerate(r.events)}
    events = _events(db)
    assert {e["precision"] for e in events} <= {"high", "medium", "low"}
    detail = json.loads(rasd("ledger", "--format", "json", "--limit", "1000", "--db", db).stdout)
    import duckdb

    with duckdb.connect(db, read_only=True) as con:
        members = dict(con.execute("SELECT canonical_id, list(event_id) FROM canonical_members GROUP BY 1").fetchall())
    for e in events:
        known = [given[x] for x in members[e["id"]] if given[x] is not None]
        assert e["confidence"] == (max(known) if known else None), e["id"]
    assert any(e["confidence"] is None for e in events) and any(e["confidence"] is not None for e in events)
    hospital = next(e for e in events if e["n_reports"] == 4)
    assert hospital["confidence"] == max(given[x] for x in members[hospital["id"]] if given[x] is not None)
    ledger = {e["id"]: e["confidence"] for e in detail["events"]}
    assert ledger == {e["id"]: e["confidence"] for e in events}


def test_min_confidence_filters_query_and_ledger(db: str) -> None:
    events = _events(db)
    for threshold in ("0.6", "0.9", "0"):
        expected = {e["id"] for e in events if e["confidence"] is not None and e["confidence"] >= float(threshold)}
        assert {e["id"] for e in _events(db, "--min-confidence", threshold)} == expected, threshold
        led = json.loads(rasd("ledger", "--format", "json", "--limit", "1000", "--min-confidence", threshold,
                              "--db", db).stdout)
        assert {e["id"] for e in led["events"]} == expected, threshold
    some = {e["id"] for e in _events(db, "--min-confidence", "0.6")}
    assert some and some < {e["id"] for e in events if e["confidence"] is not None}
    # the events without a confidence are left out even by a threshold of 0
    assert {e["id"] for e in _events(db, "--min-confidence", "0")} == {e["id"] for e in events
                                                                       if e["confidence"] is not None}
    # with other filters, and in the grouped counts
    defections = _events(db, "--kind", "defection", "--min-confidence", "0.6")
    assert defections and all(e["kind"] == "defection" and e["confidence"] >= 0.6 for e in defections)
    done = rasd("query", "events", "--group-by", "kind", "--format", "json", "--min-confidence", "0.6", "--db", db)
    groups = {g["group"]: g["events"] for g in json.loads(done.stdout)["groups"]}
    assert sum(groups.values()) == len(some)


def test_the_confidence_in_the_table_and_the_csv(db: str) -> None:
    best = max((e for e in _events(db) if e["confidence"] is not None), key=lambda e: e["confidence"])
    table = rasd("query", "events", "--min-confidence", str(best["confidence"]), "--db", db).stdout.decode()
    assert "confidence" in table and f"{best['confidence']:.2f}" in table and best["id"] in table
    done = rasd("query", "events", "--format", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode())))
    by_id = {r["id"]: r for r in rows}
    for e in _events(db):
        assert by_id[e["id"]]["confidence"] == ("" if e["confidence"] is None else str(e["confidence"]))
        assert by_id[e["id"]]["precision"] == e["precision"]


def test_a_bad_min_confidence_is_a_one_line_error(db: str) -> None:
    for value in ("1.5", "-0.1", "high", "nan"):
        for command in (("query", "events"), ("ledger",)):
            done = rasd(*command, "--min-confidence", value, "--db", db)
            err = done.stderr.decode()
            assert done.returncode == 2, (command, value)
            assert err.count("\n") == 1 and "min_confidence" in err and "0 to 1" in err, err
