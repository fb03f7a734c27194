"""The analyst's view of the bundled sample, through the real `rasd run`, `rasd export` and `rasd query`.

Expectations are relations (one row per event, the same events for the same place named differently),
never stored outputs.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from rasd.aggregate.export import ACLED_COLUMNS
from tests.conftest import SAMPLE, run_rasd

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("product") / "sample.duckdb"
    done = run_rasd("run", str(SAMPLE), "--db", str(db), "-q")
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    return db


def _query(db: Path, *args: str) -> dict:
    out = run_rasd("query", "events", "--db", str(db), "--format", "json", "--limit", "1000", *args)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _ids(db: Path, *args: str) -> set[str]:
    page = _query(db, *args)
    assert page["total"] <= 1000
    return {e["id"] for e in page["events"]}


def test_the_canonical_csv_has_one_row_per_event_and_loads_into_pandas(sample_db: Path, tmp_path: Path) -> None:
    import pandas as pd

    out = run_rasd("export", "--db", str(sample_db), "--format", "acled-csv", "-o", str(tmp_path / "e.csv"))
    assert out.returncode == 0, out.stderr
    with open(tmp_path / "e.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    total = _query(sample_db, "--limit", "0")["total"]
    assert len(rows) == total > 0
    assert len({r["rasd_id"] for r in rows}) == len(rows)  # every event once
    df = pd.read_csv(tmp_path / "e.csv", parse_dates=["event_date"])
    assert list(df.columns[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert pd.api.types.is_datetime64_any_dtype(df["event_date"])
    for col in ("year", "time_precision", "iso", "latitude", "longitude", "geo_precision", "fatalities",
                "timestamp", "inter1", "interaction"):
        assert pd.api.types.is_numeric_dtype(df[col]), col
    assert pd.api.types.is_integer_dtype(df["fatalities"])
    assert set(df["disorder_type"].dropna()) <= {"Political violence", "Demonstrations", "Strategic developments",
                                                 "Political violence; Demonstrations"}
    assert set(df["grade"]) <= {"confirmed", "fair", "weak", "contested", "discounted"}
    assert not df["country"].isin(["Palestine, State of", "Russian Federation", "Türkiye"]).any()
    # no denial is a row of its own: the negated reports are inside the rows of what they deny
    assert "negated" not in set(df["polarity"])


def test_a_country_and_a_province_by_any_of_their_names_give_the_same_events(sample_db: Path) -> None:
    syria = _ids(sample_db, "--country", "SY")
    assert syria and syria == _ids(sample_db, "--place", "Syria") == _ids(sample_db, "--place", "سوريا")
    idlib = _ids(sample_db, "--admin1", "Idlib")
    assert idlib and idlib < syria
    for name in ("إدلب", "Idleb", "Idlib", "ادلب"):
        assert _ids(sample_db, "--place", name) == idlib, name
    assert _ids(sample_db, "--admin1", "Idleb") == _ids(sample_db, "--admin1", "إدلب") == idlib
    groups = run_rasd("query", "events", "--db", str(sample_db), "--group-by", "admin1", "--country", "SY",
                      "--format", "json")
    by_admin1 = {g["group"]: g["events"] for g in json.loads(groups.stdout)["groups"]}
    assert sum(by_admin1.values()) == len(syria)
    assert len([k for k in by_admin1 if "idl" in k.lower()]) == 1  # one province, one name


def test_counts_keep_their_order_in_the_store(sample_db: Path) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        for table in ("event_counts", "canonical_counts"):
            bad = con.execute(f"SELECT count(*) FROM {table} WHERE low > best OR best > high OR low > high").fetchone()
            assert bad[0] == 0, table


def test_contested_events_say_why(sample_db: Path) -> None:
    page = _query(sample_db, "--contested")
    assert page["total"] > 0
    for e in page["events"]:
        assert e["contested_detail"] and {d["reason"] for d in e["contested_detail"]} == set(e["contested_reasons"])
        for d in e["contested_detail"]:
            if d["reason"] in ("denied", "downplayed"):
                assert d.get("speaker") or d.get("organization") or d.get("outlet")
