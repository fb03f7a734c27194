"""Incremental canonical events: re-merging only the date chains around new reports gives the rows of a
full rebuild, reads fewer events, and reports what changed (for alerts)."""

from __future__ import annotations

import random
from pathlib import Path

import duckdb
import pytest

from rasd.aggregate import build
from rasd.aggregate.incremental import chains_around, refresh, unmerged_articles
from rasd.model import ArticleResult
from rasd.runner import extract_stream
from rasd.store.connection import Database
from rasd.store.db import Store, StoredArticle
from tests.aggregate.agg_builders import aleppo_hospital_strike, deir_ez_zor_defections, write
from tests.conftest import SAMPLE


def _tables(con) -> list[list[tuple]]:
    return [con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in build.TABLES]


@pytest.fixture(scope="module")
def sample_results() -> list[ArticleResult]:
    """The real pipeline's output on the bundled sample corpus (no database)."""
    return [r for r in extract_stream([str(SAMPLE / "corpus.jsonl")], engine_name="local") if r.events]


def test_refreshing_in_random_batches_equals_a_full_rebuild(tmp_path: Path, sample_results) -> None:
    results = sample_results[:]
    random.Random(14).shuffle(results)
    db = tmp_path / "inc.duckdb"
    merged_each_time, events_each_time = [], []
    store, database = Store(db), Database(db)
    i = 0
    while i < len(results):
        batch = results[i:i + random.Random(i).randint(1, 25)]
        i += len(batch)
        store.write_batch([StoredArticle(result=r, extracted=True) for r in batch], "test", {})
        with database.write() as con:
            r = refresh(con, [x.article.id for x in batch])
        merged_each_time.append(r.reports_merged)
        events_each_time.append(r.stats.events)
    with database.write() as con:
        incremental = _tables(con)
        build.rebuild(con)
        full = _tables(con)
    assert incremental == full
    assert len(full[0]) > 50
    # Only the chains around the new reports are read: later batches read far fewer than all events.
    assert sum(merged_each_time[-5:]) < sum(events_each_time[-5:]) / 2


def test_changes_say_what_is_new_and_what_was_updated(tmp_path: Path) -> None:
    strike = aleppo_hospital_strike()
    db = write(tmp_path / "changes.duckdb", strike[:1])
    with duckdb.connect(str(db)) as con:
        first = refresh(con, [strike[0].article.id])
        assert [c.reasons for c in first.changes] == [["new"]] * len(first.changes) and first.changes
        new_ids = {c.canonical_id for c in first.changes}
        write(db, strike[1:2])  # a second outlet reports the same strike, with another toll
        second = refresh(con, [strike[1].article.id])
        updated = [c for c in second.changes if c.canonical_id in new_ids or c.previous_id in new_ids]
        assert updated and all("new" not in c.reasons for c in updated)
        assert any("new_source" in c.reasons for c in updated)
        again = refresh(con, [strike[1].article.id])  # nothing new: nothing changed
        assert again.changes == []
        incremental = _tables(con)
        build.rebuild(con)
        assert incremental == _tables(con)


def test_chains_leave_out_events_whose_dates_do_not_overlap(tmp_path: Path) -> None:
    results = aleppo_hospital_strike() + deir_ez_zor_defections()
    db = write(tmp_path / "chains.duckdb", results)
    with duckdb.connect(str(db)) as con:
        build.rebuild(con)
        aid = results[-1].article.id
        ids, blocks = chains_around(con, [aid])
        assert ids and blocks >= 1
        assert all(i.split("#")[0] != "aj-1" for i in ids)  # 2016 strikes are not near 2023 defections
        assert unmerged_articles(con) == []
        con.execute("DELETE FROM canonical_members WHERE article_id = ?", [aid])
        assert unmerged_articles(con) == [aid]
