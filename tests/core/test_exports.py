"""Exports carry stored events faithfully: ACLED columns, FORMAT.md lines, GeoJSON, Parquet; filters work."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from rasd.ingest.prepare import prepare
from rasd.ingest.record import RawArticle
from rasd.model import ActorRef, ArticleResult, Count, DateSpan, Event, Place, Source
from rasd.store.db import Store, StoredArticle
from rasd.store.export import ACLED_COLUMNS
from tests.conftest import run_rasd

ABU_KAMAL = Place(name="البوكمال", name_en="Abu Kamal", geonameid=174448, lat=34.45226, lon=40.91854,
                  admin1="Deir ez-Zor", country="SY", precision=1)


def _events() -> list[Event]:
    strike = Event(
        kind="airstrike",
        actors=[ActorRef("actor1", "الولايات المتحدة", "United States", "usa_military", inter=8),
                ActorRef("actor2", "الميليشيات الموالية لإيران", "Iran-backed militias", "iran_backed_militias",
                         inter=3)],
        location=ABU_KAMAL, date=DateSpan("2021-02-25", "2021-02-25", "day"),
        counts={"fatalities": Count(22, 22, 22)},
        sources=[Source("محمد الجبوري", "confirms", role="الناطق الرسمي", organization="مجلس دير الزور العسكري")],
    )
    defection = Event(
        kind="defection",
        actors=[ActorRef("actor1", "لواء القدس", "Liwa al-Quds")],
        location=Place(name="دير الزور", country="SY", precision=3),
        date=DateSpan("2021-02-01", "2021-02-28", "month"),
        counts={"defectors": Count(8, 10, 12)}, genericity="recurring",
        sources=[Source("عامر أحمد", "downplays", quote="حالات فردية")],
    )
    return [strike, defection]


@pytest.fixture
def db(tmp_path, seed_record, sample_records):
    path = tmp_path / "e.duckdb"
    seed = prepare(RawArticle(text=seed_record["text"], path="seed", id="seed", published="2021-03-01",
                              outlet="الحل نت")).article
    other = prepare(RawArticle(text=sample_records[0]["text"], path="c", id=sample_records[0]["id"],
                               published=sample_records[0]["published"])).article
    with Store(path) as store:
        run_id = store.begin_run("test", "local", 1, [])
        store.write_batch([StoredArticle(ArticleResult(seed, events=_events()), extracted=True),
                           StoredArticle(ArticleResult(other), extracted=True)], run_id, {})
    return path


def test_acled_csv_has_acled_columns_and_values(db, tmp_path):
    out = run_rasd("export", "--db", str(db), "--format", "acled-csv", "-o", str(tmp_path / "x.csv"))
    assert out.returncode == 0, out.stderr
    with open(tmp_path / "x.csv", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == ACLED_COLUMNS
    strike = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["event_id_cnty"].startswith("SYR")
    assert (strike["event_date"], strike["year"], strike["time_precision"]) == ("2021-02-25", "2021", "1")
    assert (strike["actor1"], strike["actor2"]) == ("United States", "Iran-backed militias")
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("8", "3", "38")
    assert (strike["iso"], strike["country"], strike["location"]) == ("760", "Syria", "Abu Kamal")
    assert float(strike["latitude"]) == pytest.approx(34.45226) and strike["geo_precision"] == "1"
    assert strike["fatalities"] == "22" and strike["source"] == "الحل نت"
    defection = next(r for r in rows if r["sub_event_type"] == "Change to group/activity")
    assert defection["time_precision"] == "3" and "recurring" in defection["tags"]
    assert defection["geo_precision"] == "3" and defection["fatalities"] == "0"


def test_jsonl_is_format_md_per_article(db, tmp_path):
    assert run_rasd("export", "--db", str(db), "--format", "jsonl", "-o", str(tmp_path / "x.jsonl")).returncode == 0
    lines = [json.loads(x) for x in (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2
    seed = next(x for x in lines if x["id"] == "seed")
    assert [e["kind"] for e in seed["events"]] == ["airstrike", "defection"]
    assert seed["events"][0]["counts"]["fatalities"] == {"low": 22, "best": 22, "high": 22}
    assert seed["events"][1]["sources"][0]["stance"] == "downplays"


def test_geojson_and_parquet(db, tmp_path):
    assert run_rasd("export", "--db", str(db), "--format", "geojson", "-o", str(tmp_path / "x.geojson")).returncode == 0
    fc = json.loads((tmp_path / "x.geojson").read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    (feat,) = fc["features"]  # the defection has no coordinates
    assert feat["geometry"]["coordinates"] == [40.91854, 34.45226]
    assert feat["properties"]["kind"] == "airstrike" and feat["properties"]["fatalities"] == 22
    assert run_rasd("export", "--db", str(db), "--format", "parquet", "-o", str(tmp_path / "x.parquet")).returncode == 0
    table = pq.read_table(tmp_path / "x.parquet")
    assert table.num_rows == 2 and {"kind", "lat", "lon", "date_start"} <= set(table.column_names)


def test_filters_by_kind_and_dates(db, tmp_path):
    def rows(*args):
        out = run_rasd("export", "--db", str(db), "--format", "acled-csv", "-o", str(tmp_path / "f.csv"), *args)
        assert out.returncode == 0, out.stderr
        with open(tmp_path / "f.csv", encoding="utf-8") as fh:
            return [r["sub_event_type"] for r in csv.DictReader(fh)]

    assert rows("--kind", "defection") == ["Change to group/activity"]
    assert rows("--since", "2021-02-20") == ["Change to group/activity", "Air/drone strike"]  # by date; month overlaps
    assert rows("--until", "2021-01-31") == []
    assert rows("--since", "2021-02-26", "--until", "2021-03-31") == ["Change to group/activity"]


def test_export_errors_are_one_line(db, tmp_path):
    out = run_rasd("export", "--db", str(db), "--format", "acled-csv", "--kind", "picnic", "-o", str(tmp_path / "a"))
    assert out.returncode == 2 and b"picnic" in out.stderr and not (tmp_path / "a").exists()
    out = run_rasd("export", "--db", str(tmp_path / "none.duckdb"), "--format", "jsonl", "-o", str(tmp_path / "b"))
    assert out.returncode == 2 and out.stderr.decode().count("\n") == 1
    out = run_rasd("export", "--db", str(db), "--format", "jsonl", "-o", str(tmp_path / "no" / "dir" / "c"))
    assert out.returncode == 2 and out.stderr.decode().count("\n") == 1


def test_stats_counts_by_outlet_month_kind(db):
    out = run_rasd("stats", "--db", str(db), "--json")
    assert out.returncode == 0, out.stderr
    stats = json.loads(out.stdout)
    assert stats["articles"] == 2 and stats["events"] == 2
    assert {"kind": "airstrike", "events": 1, "fatalities": 22} in stats["by_kind"]
    assert {"outlet": "الحل نت", "articles": 1, "events": 2} in stats["by_outlet"]
    assert {"month": "2021-03", "articles": 1, "events": 2} in stats["by_month"]
