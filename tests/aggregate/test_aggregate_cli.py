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
