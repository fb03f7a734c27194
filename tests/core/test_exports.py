"""Exports: one row per canonical event in ACLED's columns then Rasd's, the same fields in every format."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from rasd.aggregate.export import ACLED_COLUMNS, COLUMNS
from rasd.ingest.prepare import prepare
from rasd.ingest.record import RawArticle
from rasd.model import ActorRef, ArticleResult, Count, DateSpan, Event, Place, Source
from rasd.store.db import Store, StoredArticle
from tests.conftest import run_rasd

STRIKE_CONFIDENCE = 0.84
ABU_KAMAL = Place(name="البوكمال", name_en="Abu Kamal", geonameid=174448, lat=34.45226, lon=40.91854,
                  admin1="Deir ez-Zor", country="SY", precision=1)


def _events() -> list[Event]:
    strike = Event(
        kind="airstrike",
        actors=[ActorRef("actor1", "الولايات المتحدة", "United States", "usa_military", inter=8),
                ActorRef("actor2", "الميليشيات الموالية لإيران", "Iran-backed militias", "iran_backed_militias",
                         inter=3, inferred=True)],
        location=ABU_KAMAL, date=DateSpan("2021-02-25", "2021-02-25", "day"),
        counts={"fatalities": Count(22, 22, 22)},
        sources=[Source("محمد الجبوري", "confirms", role="الناطق الرسمي", organization="مجلس دير الزور العسكري")],
        confidence=STRIKE_CONFIDENCE,
    )
    defection = Event(
        kind="defection",
        actors=[ActorRef("actor1", "لواء القدس", "Liwa al-Quds")],
        location=Place(name="دير الزور", country="SY", precision=3),
        date=DateSpan("2021-02-01", "2021-02-28", "month"),
        counts={"defectors": Count(8, 10, 12)}, genericity="recurring",
        sources=[Source("عامر أحمد", "downplays", quote="حالات فردية")],
    )  # found by the rules alone: no confidence
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


def _csv(path):
    with open(path, encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


def _export(db, tmp_path, fmt, name, *args):
    out = run_rasd("export", "--db", str(db), "--format", fmt, "-o", str(tmp_path / name), *args)
    assert out.returncode == 0, out.stderr
    return tmp_path / name


def test_acled_csv_has_acled_columns_in_order_then_rasds(db, tmp_path):
    header, rows = _csv(_export(db, tmp_path, "acled-csv", "x.csv"))
    assert header[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert header == COLUMNS
    assert {"disorder_type", "civilian_targeting", "region", "iso", "low", "best", "high", "confidence",
            "precision", "grade", "contested", "contested_reasons", "article_ids", "urls"} <= set(header)
    strike = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["disorder_type"] == "Political violence"
    assert strike["event_id_cnty"].startswith("SYR")
    assert (strike["event_date"], strike["year"], strike["time_precision"]) == ("2021-02-25", "2021", "1")
    assert (strike["actor1"], strike["actor2"]) == ("United States", "Iran-backed militias")
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("8", "3", "38")
    assert (strike["iso"], strike["country"], strike["region"]) == ("760", "Syria", "Middle East")
    assert strike["location"] == "Abu Kamal" and strike["admin1"]
    assert float(strike["latitude"]) == pytest.approx(34.45226) and strike["geo_precision"] == "1"
    assert strike["fatalities"] == "22" and (strike["low"], strike["best"], strike["high"]) == ("22", "22", "22")
    assert "محمد الجبوري" in strike["source"] and "الحل نت" in strike["source"]
    assert strike["notes"].isascii() and "air/drone strike" in strike["notes"] and "Abu Kamal" in strike["notes"]
    # a side no report names (Rasd supplied it) is said so
    assert "no report names Iran-backed militias: inferred" in strike["notes"]
    assert strike["article_ids"] == "seed" and strike["grade"] in ("weak", "fair", "confirmed")
    defection = next(r for r in rows if r["sub_event_type"] == "Change to group/activity")
    assert defection["time_precision"] == "3" and "recurring" in defection["tags"]
    assert defection["geo_precision"] == "3" and defection["fatalities"] == "0"
    assert defection["contested"] == "True" and defection["contested_reasons"] == "downplayed"
    assert defection["disorder_type"] == "Strategic developments"


def test_every_format_carries_the_same_rows_and_fields(db, tmp_path):
    _, rows = _csv(_export(db, tmp_path, "acled-csv", "x.csv"))
    lines = [json.loads(x) for x in _export(db, tmp_path, "jsonl", "x.jsonl").read_text(encoding="utf-8").splitlines()]
    fc = json.loads(_export(db, tmp_path, "geojson", "x.geojson").read_text(encoding="utf-8"))
    table = pq.read_table(_export(db, tmp_path, "parquet", "x.parquet"))
    assert len(rows) == len(lines) == len(fc["features"]) == table.num_rows == 2
    assert [list(x) for x in lines] == [COLUMNS, COLUMNS]
    assert table.column_names == COLUMNS
    assert all(list(f["properties"]) == COLUMNS for f in fc["features"])
    by_id = {r["rasd_id"]: r for r in rows}
    for line in lines:
        assert str(line["fatalities"]) == by_id[line["rasd_id"]]["fatalities"]
        assert line["grade"] == by_id[line["rasd_id"]]["grade"]
    located = [f for f in fc["features"] if f["geometry"]]
    assert [f["geometry"]["coordinates"] for f in located] == [[40.91854, 34.45226]]  # the defection has none
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert str(table.schema.field("fatalities").type) == "int32"


def test_every_format_and_level_carries_the_confidence_and_the_precision(db, tmp_path):
    for level in ("canonical", "report"):
        _, rows = _csv(_export(db, tmp_path, "acled-csv", f"{level}.csv", "--level", level))
        lines = [json.loads(x) for x in _export(db, tmp_path, "jsonl", f"{level}.jsonl", "--level", level)
                 .read_text(encoding="utf-8").splitlines()]
        fc = json.loads(_export(db, tmp_path, "geojson", f"{level}.geojson", "--level", level).read_text("utf-8"))
        table = pq.read_table(_export(db, tmp_path, "parquet", f"{level}.parquet", "--level", level))
        assert str(table.schema.field("confidence").type) == "double"
        assert str(table.schema.field("precision").type) == "string"
        parquet = {r["rasd_id"]: r for r in table.to_pylist()}
        geo = {f["properties"]["rasd_id"]: f["properties"] for f in fc["features"]}
        csv_rows = {r["rasd_id"]: r for r in rows}
        kinds = {r["rasd_id"]: r["kind"] for r in lines}
        assert sorted(kinds.values()) == ["airstrike", "defection"], level
        for line in lines:
            rid = line["rasd_id"]
            expected = STRIKE_CONFIDENCE if line["kind"] == "airstrike" else None  # the defection: rules only
            assert line["confidence"] == parquet[rid]["confidence"] == geo[rid]["confidence"] == expected, level
            assert csv_rows[rid]["confidence"] == ("" if expected is None else str(expected))
            assert line["precision"] in ("high", "medium", "low")
            assert line["precision"] == parquet[rid]["precision"] == geo[rid]["precision"] == \
                csv_rows[rid]["precision"]
    # `rasd extract`'s records keep the report's confidence where they always had it
    seed = next(json.loads(x) for x in _export(db, tmp_path, "records", "r.jsonl").read_text("utf-8").splitlines()
                if json.loads(x)["id"] == "seed")
    assert [e.get("confidence") for e in seed["events"]] == [STRIKE_CONFIDENCE, None]


def test_min_confidence_filters_every_export(db, tmp_path):
    def kinds(fmt, *args):
        path = _export(db, tmp_path, fmt, f"m.{fmt}", *args)
        if fmt == "acled-csv":
            return sorted(r["kind"] for r in _csv(path)[1])
        if fmt == "parquet":
            return sorted(pq.read_table(path).column("kind").to_pylist())
        if fmt == "records":
            return sorted(e["kind"] for x in path.read_text("utf-8").splitlines() for e in json.loads(x)["events"])
        return sorted(json.loads(x)["kind"] for x in path.read_text("utf-8").splitlines())

    for fmt in ("acled-csv", "jsonl", "parquet"):
        for level in ("canonical", "report"):
            assert kinds(fmt, "--level", level) == ["airstrike", "defection"]
            assert kinds(fmt, "--level", level, "--min-confidence", str(STRIKE_CONFIDENCE)) == ["airstrike"]
            assert kinds(fmt, "--level", level, "--min-confidence", "0") == ["airstrike"]  # none: left out
            assert kinds(fmt, "--level", level, "--min-confidence", "0.85") == []
    assert kinds("records", "--min-confidence", "0.5") == ["airstrike"]
    out = run_rasd("export", "--db", str(db), "--format", "geojson", "--min-confidence", "0.5",
                   "-o", str(tmp_path / "m.geojson"))
    assert out.returncode == 0 and "wrote 1 " in out.stderr.decode()
    out = run_rasd("export", "--db", str(db), "--format", "jsonl", "--min-confidence", "very", "-o",
                   str(tmp_path / "bad.jsonl"))
    assert out.returncode == 2 and out.stderr.decode().count("\n") == 1 and b"min_confidence" in out.stderr
    assert not (tmp_path / "bad.jsonl").exists()


def test_report_rows_carry_their_own_confidence_and_are_filtered_by_it(tmp_path):
    from tests.aggregate.agg_builders import aleppo_hospital_strike, write

    results = aleppo_hospital_strike()
    given = {f"{r.article.id}#{i}": e.confidence for r in results for i, e in enumerate(r.events)}
    db = write(tmp_path / "rep.duckdb", results)
    _, canonical = _csv(_export(db, tmp_path, "acled-csv", "c.csv"))
    _, reports = _csv(_export(db, tmp_path, "acled-csv", "r.csv", "--level", "report"))
    assert {r["rasd_id"]: r["confidence"] for r in reports} == {
        k: "" if v is None else str(v) for k, v in given.items()}
    by_canonical: dict[str, list[float]] = {}
    for r in reports:
        if r["confidence"]:
            by_canonical.setdefault(r["canonical_id"], []).append(float(r["confidence"]))
    merged = [r for r in canonical if int(r["n_reports"]) > 1]
    assert merged
    for r in canonical:
        expected = max(by_canonical[r["rasd_id"]]) if r["rasd_id"] in by_canonical else None
        assert (float(r["confidence"]) if r["confidence"] else None) == expected, r["rasd_id"]
    # at report level the threshold is on each report; at canonical level on the event's (its highest)
    threshold = 0.6
    _, high = _csv(_export(db, tmp_path, "acled-csv", "rh.csv", "--level", "report", "--min-confidence",
                           str(threshold)))
    assert {r["rasd_id"] for r in high} == {k for k, v in given.items() if v is not None and v >= threshold}
    _, high_events = _csv(_export(db, tmp_path, "acled-csv", "ch.csv", "--min-confidence", str(threshold)))
    assert {r["rasd_id"] for r in high_events} == {r["rasd_id"] for r in canonical
                                                   if r["confidence"] and float(r["confidence"]) >= threshold}
    hospital = next(r for r in canonical if r["n_reports"] == "4")
    assert hospital["rasd_id"] in {r["rasd_id"] for r in high_events}
    assert any(r["canonical_id"] == hospital["rasd_id"] for r in reports if r["rasd_id"] not in
               {x["rasd_id"] for x in high})  # a report of it below the threshold is left out on its own


def test_records_are_format_md_per_article(db, tmp_path):
    lines = [json.loads(x) for x in _export(db, tmp_path, "records", "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2
    seed = next(x for x in lines if x["id"] == "seed")
    assert [e["kind"] for e in seed["events"]] == ["airstrike", "defection"]
    assert seed["events"][0]["counts"]["fatalities"] == {"low": 22, "best": 22, "high": 22}
    assert seed["events"][1]["sources"][0]["stance"] == "downplays"


def test_filters_by_kind_and_dates(db, tmp_path):
    def rows(*args):
        return [r["sub_event_type"] for r in _csv(_export(db, tmp_path, "acled-csv", "f.csv", *args))[1]]

    assert rows("--kind", "defection") == ["Change to group/activity"]
    assert rows("--since", "2021-02-20") == ["Change to group/activity", "Air/drone strike"]  # by date; month overlaps
    assert rows("--until", "2021-01-31") == []
    assert rows("--since", "2021-02-26", "--until", "2021-03-31") == ["Change to group/activity"]
    assert rows("--country", "Syria") == rows("--country", "SY") == rows()


def test_negated_reports_are_rows_only_when_asked(tmp_path):
    from tests.aggregate.agg_builders import ALEPPO, MSF_CONFIRMS, STATE_TV_DENIES, article, day, event, write

    db = write(tmp_path / "neg.duckdb", [
        article("n-1", "a.example", "2016-04-28", [event("airstrike", MSF_CONFIRMS, ALEPPO, day("2016-04-27"),
                                                         counts={"fatalities": (14, 14, 14)})]),
        article("n-2", "sana.sy", "2016-04-28", [event("airstrike", STATE_TV_DENIES, ALEPPO, day("2016-04-27"),
                                                       polarity="negated")]),
        article("n-3", "sana.sy", "2016-06-01", [event("shelling", STATE_TV_DENIES, ALEPPO, day("2016-05-30"),
                                                       polarity="negated")]),
    ])
    _, canonical = _csv(_export(db, tmp_path, "acled-csv", "c.csv"))
    assert [(r["sub_event_type"], r["contested_reasons"], r["n_reports"]) for r in canonical] == [
        ("Air/drone strike", "negated_report", "2")]  # one row for the strike and its denial
    _, with_negated = _csv(_export(db, tmp_path, "acled-csv", "cn.csv", "--include-negated"))
    assert sorted(r["polarity"] for r in with_negated) == ["asserted", "negated"]
    _, reports = _csv(_export(db, tmp_path, "acled-csv", "r.csv", "--level", "report"))
    assert [r["rasd_id"] for r in reports] == ["n-1#0"]
    _, all_reports = _csv(_export(db, tmp_path, "acled-csv", "ra.csv", "--level", "report", "--include-negated"))
    assert sorted(r["rasd_id"] for r in all_reports) == ["n-1#0", "n-2#0", "n-3#0"]
    assert {r["canonical_id"] for r in all_reports if r["rasd_id"] != "n-3#0"} == {canonical[0]["rasd_id"]}


def test_export_errors_are_one_line(db, tmp_path):
    out = run_rasd("export", "--db", str(db), "--format", "acled-csv", "--kind", "picnic", "-o", str(tmp_path / "a"))
    assert out.returncode == 2 and b"picnic" in out.stderr and not (tmp_path / "a").exists()
    out = run_rasd("export", "--db", str(tmp_path / "none.duckdb"), "--format", "jsonl", "-o", str(tmp_path / "b"))
    assert out.returncode == 2 and out.stderr.decode().count("\n") == 1
    out = run_rasd("export", "--db", str(db), "--format", "jsonl", "-o", str(tmp_path / "no" / "dir" / "c"))
    assert out.returncode == 2 and out.stderr.decode().count("\n") == 1
    out = run_rasd("export", "--db", str(db), "--format", "jsonl", "--country", "Atlantis", "-o", str(tmp_path / "d"))
    assert out.returncode == 2 and b"Atlantis" in out.stderr


def test_stats_counts_by_outlet_month_kind(db):
    out = run_rasd("stats", "--db", str(db), "--json")
    assert out.returncode == 0, out.stderr
    stats = json.loads(out.stdout)
    assert stats["articles"] == 2 and stats["events"] == 2 and stats["canonical_events"] == 2
    assert {"kind": "airstrike", "events": 1, "fatalities": 22} in stats["by_kind"]
    assert {"outlet": "الحل نت", "articles": 1, "events": 2} in stats["by_outlet"]
    assert {"month": "2021-03", "articles": 1, "events": 2} in stats["by_month"]


def test_a_side_no_report_names_is_said_to_be_inferred_at_both_levels(db, tmp_path):
    for level in ("canonical", "report"):
        _, rows = _csv(_export(db, tmp_path, "acled-csv", f"{level}.csv", "--level", level))
        strike = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
        defection = next(r for r in rows if r["sub_event_type"] == "Change to group/activity")
        assert "no report names Iran-backed militias: inferred" in strike["notes"], level
        assert "inferred" not in defection["notes"], level
