"""Cross-article merging on real DuckDB files written by the real store (see agg_builders.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from rasd.aggregate import build
from rasd.aggregate.build import rebuild_file
from rasd.aggregate.merge import Report, merge, merge_counts
from tests.aggregate.agg_builders import (
    AL_BAB,
    ALEPPO,
    ALEPPO_PROVINCE,
    CONTINUED_SHELLING,
    MSF_CONFIRMS,
    STATE_TV_DENIES,
    SYRIAN_AIR_FORCE,
    aleppo_hospital_strike,
    article,
    day,
    deir_ez_zor_defections,
    event,
    write,
)


def _canon_of(db: Path) -> dict[str, str]:
    """event id -> canonical id."""
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("SELECT event_id, canonical_id FROM canonical_members").fetchall())


def _row(db: Path, cid: str) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        cur = con.execute("SELECT * FROM canonical_events WHERE id = ?", [cid])
        names = [d[0] for d in cur.description]
        return dict(zip(names, cur.fetchone(), strict=True))


@pytest.fixture()
def strike_db(tmp_path: Path) -> Path:
    db = write(tmp_path / "agg.duckdb", aleppo_hospital_strike() + deir_ez_zor_defections())
    rebuild_file(str(db))
    return db


def test_one_strike_told_by_four_articles_is_one_event(strike_db: Path) -> None:
    canon = _canon_of(strike_db)
    cid = canon["aj-1#0"]
    assert canon["orient-1#0"] == canon["copy-1#0"] == canon["sana-1#0"] == cid
    row = _row(strike_db, cid)
    assert row["n_reports"] == 4
    assert row["n_articles"] == 3  # the syndicated copy counts once
    assert row["n_outlets"] == 4
    assert row["location_name_en"] == "Aleppo"
    assert str(row["date_start"]) == "2016-04-27" and str(row["date_end"]) == "2016-04-28"


def test_reports_that_differ_stay_apart(strike_db: Path) -> None:
    canon = _canon_of(strike_db)
    hospital = canon["aj-1#0"]
    for eid, why in (("rt-1#0", "conflicting actor1"), ("bab-1#0", "37 km away, other district"),
                     ("aj-2#0", "ten days later"), ("aj-3#0", "a recurring pattern"),
                     ("aj-1#1", "same article, another town")):
        assert canon[eid] != hospital, why
    assert len(set(canon.values())) == len(canon) - 3  # only the three other reports joined the hospital strike


def test_contested_reasons_and_count_merge(strike_db: Path) -> None:
    canon = _canon_of(strike_db)
    row = _row(strike_db, canon["aj-1#0"])
    assert row["contested"] is True
    assert set(row["contested_reasons"]) == {"denied", "counts_differ"}  # 14 vs 45 dead, state TV denies
    assert row["denies"] == 1
    assert row["confirms"] == 2  # MSF, and the medic quoted by an article and its syndicated copy: once
    with duckdb.connect(str(strike_db), read_only=True) as con:
        low, best, high = con.execute("SELECT low, best, high FROM canonical_counts WHERE canonical_id = ? "
                                      "AND what = 'fatalities'", [canon["aj-1#0"]]).fetchone()
    assert (low, high) == (14, 45)
    assert best in (14, 45)
    defection = _row(strike_db, canon["seed-like#0"])
    assert defection["contested_reasons"] == ["downplayed"]
    quiet = _row(strike_db, canon["aj-2#0"])
    assert quiet["contested"] is False and quiet["contested_reasons"] == []


def test_rebuild_is_idempotent_and_ids_are_stable(strike_db: Path) -> None:
    def dump() -> list:
        with duckdb.connect(str(strike_db), read_only=True) as con:
            return [con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in build.TABLES]

    first = dump()
    assert first[0], "no canonical events were built"
    again = rebuild_file(str(strike_db))
    assert dump() == first
    assert again.canonical_events == len(first[0])


def test_failed_rebuild_leaves_the_previous_tables_whole(strike_db: Path, monkeypatch) -> None:
    with duckdb.connect(str(strike_db), read_only=True) as con:
        before = con.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    real = build._tables

    def broken(canon):
        tables = real(canon)
        tables["canonical_actors"] = tables["canonical_actors"].drop(["search"]).append_column(
            "nonexistent_column", tables["canonical_actors"]["search"])
        return tables

    monkeypatch.setattr(build, "_tables", broken)
    with pytest.raises(duckdb.Error):
        rebuild_file(str(strike_db))
    with duckdb.connect(str(strike_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM canonical_events").fetchone()[0] == before
        assert con.execute("SELECT count(*) FROM canonical_actors").fetchone()[0] > 0


def test_a_vague_report_attaches_only_when_one_precise_event_fits(tmp_path: Path) -> None:
    precise = article("p-1", "aljazeera.net", "2016-04-28", [
        event("airstrike", MSF_CONFIRMS, ALEPPO, day("2016-04-27"), actors=[SYRIAN_AIR_FORCE])])
    vague = article("v-1", "sana.sy", "2016-04-28", [
        event("airstrike", STATE_TV_DENIES, ALEPPO_PROVINCE, day("2016-04-28"))])
    db = write(tmp_path / "one.duckdb", [precise, vague])
    rebuild_file(str(db))
    canon = _canon_of(db)
    assert canon["v-1#0"] == canon["p-1#0"]
    assert _row(db, canon["p-1#0"])["location_name_en"] == "Aleppo"  # the merged event keeps the precise place

    other = article("p-2", "enabbaladi.net", "2016-04-28", [
        event("airstrike", CONTINUED_SHELLING, AL_BAB, day("2016-04-27"), actors=[SYRIAN_AIR_FORCE])])
    db2 = write(tmp_path / "two.duckdb", [precise, vague, other])
    rebuild_file(str(db2))
    canon2 = _canon_of(db2)
    assert canon2["v-1#0"] not in (canon2["p-1#0"], canon2["p-2#0"])  # two towns fit: it stays vague


def test_day_precision_may_be_a_day_off_but_not_three(tmp_path: Path) -> None:
    results = [
        article("d-1", "a.example", "2016-04-28", [event("airstrike", MSF_CONFIRMS, ALEPPO, day("2016-04-27"))]),
        article("d-2", "b.example", "2016-04-29", [event("airstrike", MSF_CONFIRMS, ALEPPO, day("2016-04-28"))]),
        article("d-3", "c.example", "2016-05-02", [event("airstrike", MSF_CONFIRMS, ALEPPO, day("2016-05-01"))]),
    ]
    db = write(tmp_path / "days.duckdb", results)
    rebuild_file(str(db))
    canon = _canon_of(db)
    assert canon["d-1#0"] == canon["d-2#0"]
    assert canon["d-3#0"] != canon["d-1#0"]


def test_a_negated_report_makes_the_event_contested(tmp_path: Path) -> None:
    results = [
        article("n-1", "a.example", "2016-04-28", [event("airstrike", MSF_CONFIRMS, ALEPPO, day("2016-04-27"),
                                                         counts={"fatalities": (14, 14, 14)})]),
        article("n-2", "sana.sy", "2016-04-28", [event("airstrike", STATE_TV_DENIES, ALEPPO, day("2016-04-27"),
                                                       polarity="negated", counts={"fatalities": (0, 0, 0)})]),
    ]
    db = write(tmp_path / "neg.duckdb", results)
    rebuild_file(str(db))
    canon = _canon_of(db)
    assert canon["n-1#0"] == canon["n-2#0"]
    row = _row(db, canon["n-1#0"])
    assert "negated_report" in row["contested_reasons"]
    assert row["polarity"] == "asserted"
    assert row["fatalities"] == 14  # a denial's figure is not a credible toll


def test_merge_counts_is_ucdp_like_and_skips_syndicated_copies() -> None:
    def rep(eid: str, aid: str, counts, root=None, polarity="asserted", published=1) -> Report:
        return Report(event_id=eid, article_id=aid, kind="airstrike", root_article_id=root, published=published,
                      counts=counts, polarity=polarity)

    merged = merge_counts([
        rep("a#0", "a", {"fatalities": (10, 12, 15)}),
        rep("b#0", "b", {"fatalities": (30, 30, 30)}),
        rep("c#0", "c", {"fatalities": (30, 30, 30)}, root="b", published=2),  # a copy of b
        rep("d#0", "d", {"fatalities": (20, 20, 20), "injured": (5, None, 9)}),
        rep("e#0", "e", {"fatalities": (0, 0, 0)}, polarity="negated"),
    ])
    assert merged["fatalities"] == (10, 20, 30)  # lowest low, median of 12/30/20, highest high
    assert merged["injured"] == (5, None, 9)


def test_merge_is_independent_of_input_order() -> None:
    import random

    reports = []
    for i in range(40):
        reports.append(Report(event_id=f"x{i:02d}#0", article_id=f"x{i:02d}", kind="shelling",
                              geonameid=170063 if i % 2 else 169389, lat=36.2 if i % 2 else 35.93,
                              lon=37.16 if i % 2 else 36.63, country="SY", place_precision=1,
                              date_start=738000 + i // 4, date_end=738000 + i // 4, date_precision="day",
                              published=738001 + i // 4))
    ref = [(c.id, [m.event_id for m in c.members]) for c in merge(reports)]
    shuffled = reports[:]
    random.Random(7).shuffle(shuffled)
    assert [(c.id, [m.event_id for m in c.members]) for c in merge(shuffled)] == ref
    assert 2 <= len(ref) < 40


def test_refreshing_the_blocks_of_new_articles_equals_a_full_rebuild(tmp_path: Path) -> None:
    results = aleppo_hospital_strike() + deir_ez_zor_defections()
    first, later = results[:3], results[3:]
    db = write(tmp_path / "inc.duckdb", first)
    rebuild_file(str(db))
    write(db, later)
    with duckdb.connect(str(db)) as con:
        stats = build.rebuild(con, article_ids=[r.article.id for r in later])
        assert stats.blocks == 2  # (airstrike, SY) and (defection, SY)
        partial = [con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in build.TABLES]
        build.rebuild(con)
        full = [con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in build.TABLES]
        assert build.rebuild(con, article_ids=[]).blocks == 0  # nothing new: nothing touched
        unchanged = [con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in build.TABLES]
    assert partial == full == unchanged
    assert stats.canonical_events == len(full[0])
