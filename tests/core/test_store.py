"""The DuckDB store: schema, idempotent re-runs, duplicates, transactional batches, SIGKILL recovery."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from rasd.ingest.prepare import prepare
from rasd.ingest.record import RawArticle
from rasd.model import ArticleResult
from rasd.store.db import Store, StoredArticle
from rasd.store.schema import SCHEMA_VERSION
from tests.conftest import SAMPLE, run_rasd, write_jsonl


def _q(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_new_database_has_every_table_and_schema_version(tmp_path):
    with Store(tmp_path / "x.duckdb") as store:
        assert store.applied_version() == SCHEMA_VERSION
    tables = {r[0] for r in _q(tmp_path / "x.duckdb", "SELECT table_name FROM information_schema.tables")}
    assert {"articles", "mentions", "places", "actors", "events", "event_actors", "event_sources", "runs",
            "schema_migrations"} <= tables
    with Store(tmp_path / "x.duckdb") as store:  # reopening applies nothing twice
        assert store.applied_version() == SCHEMA_VERSION


def test_running_twice_on_the_sample_adds_nothing(tmp_path):
    db = tmp_path / "r.duckdb"
    first = run_rasd("run", str(SAMPLE), "--db", str(db), "--engine", "local", "-q")
    assert first.returncode == 0, first.stderr
    n = _q(db, "SELECT count(*) FROM articles")[0][0]
    assert n >= 290
    labels = dict(_q(db, "SELECT label, count(*) FROM mentions GROUP BY label"))
    assert {"PER", "ORG", "LOC", "ACTOR", "PLACE"} <= set(labels)
    mentions = sum(labels.values())
    second = run_rasd("run", str(SAMPLE), "--db", str(db), "--engine", "local")
    assert second.returncode == 0
    assert _q(db, "SELECT count(*) FROM articles")[0][0] == n
    assert "already stored" in second.stdout.decode()
    assert _q(db, "SELECT count(*) FROM mentions")[0][0] == mentions
    runs = _q(db, "SELECT status, articles_stored, already_stored FROM runs ORDER BY started_at")
    assert runs == [("completed", n, 0), ("completed", 0, n)]


def test_exact_duplicate_skipped_and_near_duplicate_marked(tmp_path, sample_records):
    base = [r for r in sample_records if len(r["text"]) > 3000][:2]
    copy = {**base[0], "id": "copy-of-0", "outlet": "syndicator"}
    lines = base[0]["text"].split("\n")
    rewrite = {**base[0], "id": "edited-0",
               "text": "\n".join(lines[:-1] + ["وأضاف المصدر أن التحقيقات ما زالت جارية لمعرفة ملابسات الحادث."])}
    db = tmp_path / "d.duckdb"
    src = write_jsonl(tmp_path / "c.jsonl", [base[0], base[1], copy, rewrite])
    out = run_rasd("run", str(src), "--db", str(db), "--engine", "local", "-q")
    assert out.returncode == 0, out.stderr
    rows = dict((r[0], r[1:]) for r in _q(db, "SELECT id, duplicate_of, duplicate_similarity FROM articles"))
    assert set(rows) == {base[0]["id"], base[1]["id"], "edited-0"}  # the exact copy is skipped
    assert rows["edited-0"][0] == base[0]["id"] and rows["edited-0"][1] >= 0.8
    assert rows[base[1]["id"]][0] is None
    assert _q(db, "SELECT exact_duplicates, near_duplicates FROM runs")[0] == (1, 1)
    # A later run finds duplicates of what is already stored, too.
    again = {**rewrite, "id": "edited-again", "text": rewrite["text"] + "\nوتعهدت السلطات بمحاسبة المسؤولين."}
    later = write_jsonl(tmp_path / "later.jsonl", [again])
    assert run_rasd("run", str(later), "--db", str(db), "--engine", "local", "-q").returncode == 0
    assert _q(db, "SELECT duplicate_of FROM articles WHERE id = 'edited-again'")[0][0] in {base[0]["id"], "edited-0"}


def test_failed_batch_leaves_nothing_half_written(tmp_path, sample_records):
    db = tmp_path / "t.duckdb"
    prepared = [prepare(RawArticle(text=r["text"], path="x", id=r["id"])).article for r in sample_records[:3]]
    with Store(db) as store:
        run_id = store.begin_run("test", "local", 1, [])
        store.write_batch([StoredArticle(ArticleResult(prepared[0]), extracted=True)], run_id, {})
        bad = [StoredArticle(ArticleResult(prepared[1]), extracted=True),
               StoredArticle(ArticleResult(prepared[0]), extracted=True)]  # repeats a stored id: must fail
        with pytest.raises(duckdb.Error):
            store.write_batch(bad, run_id, {})
        assert store.count("articles") == 1
        assert store.stored_ids([prepared[1].id]) == {}


def test_a_batch_goes_in_in_slices_with_the_same_rows(tmp_path, sample_records, monkeypatch):
    from rasd.pipeline import process_batch
    from rasd.store import db as store_db

    articles = [prepare(RawArticle(text=r["text"], path="x", id=r["id"])).article for r in sample_records[:12]]
    items = [StoredArticle(r, extracted=True) for r in process_batch(articles)]
    assert sum(len(it.result.mentions) for it in items) > 30

    def written(name):
        with Store(tmp_path / name) as store:
            store.write_batch(items, store.begin_run("test", "local", 1, []), {})
        tables = ("mentions", "events", "places", "actors", "event_actors", "event_sources", "event_counts")
        rows = {t: _q(tmp_path / name, f"SELECT * FROM {t}") for t in tables}
        rows["articles"] = _q(tmp_path / name, "SELECT * EXCLUDE (run_id, ingested_at) FROM articles")
        return {t: sorted(map(repr, r)) for t, r in rows.items()}

    whole = written("whole.duckdb")
    monkeypatch.setattr(store_db, "ROWS_PER_INSERT", 3)  # every table in many slices
    sliced = written("sliced.duckdb")
    assert sliced == whole and whole["events"] and whole["places"]
    assert len(set(whole["places"])) == len(whole["places"])  # a place in two slices is stored once


def _big_corpus(path, records, copies):
    """Distinct short articles (real openings, each with its own id and first sentence): none is a duplicate."""
    out = []
    for c in range(copies):
        for r in records:
            out.append({**r, "id": f"{r['id']}-{c}",
                        "text": f"نسخة رقم {c} من المادة {r['id']}.\n{r['text'][:300]}"})
    return write_jsonl(path, out), len(out)


@pytest.mark.slow
def test_sigkill_mid_run_keeps_committed_batches_and_next_run_resumes(tmp_path, sample_records):
    src, total = _big_corpus(tmp_path / "big.jsonl", sample_records, 8)
    db = tmp_path / "k.duckdb"
    cmd = [sys.executable, "-m", "rasd", "run", str(src), "--db", str(db), "--engine", "local",
           "--batch-size", "50", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wal = db.with_name(db.name + ".wal")
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        try:
            if wal.stat().st_size > 200_000:
                break  # several batches are committed (the write-ahead log holds them until a checkpoint)
        except FileNotFoundError:
            pass  # no log yet, or a checkpoint just folded it into the database
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed; make the corpus bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _q(db, "SELECT count(*) FROM articles")[0][0]
    assert 0 < stored < total
    assert stored % 50 == 0  # only whole batches
    assert _q(db, "SELECT status FROM runs")[0][0] == "running"
    out = run_rasd("run", str(src), "--db", str(db), "--engine", "local", "--batch-size", "50", "-q")
    assert out.returncode == 0, out.stderr
    assert _q(db, "SELECT count(*), count(DISTINCT id) FROM articles")[0] == (total, total)
    runs = _q(db, "SELECT status, already_stored, articles_stored FROM runs ORDER BY started_at")
    assert runs[0][0] == "interrupted"
    assert runs[1] == ("completed", stored, total - stored)


def test_extract_seed_prints_one_valid_line(tmp_path):
    out = run_rasd("extract", str(SAMPLE / "seed.jsonl"), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.decode().splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert rec["id"] == "seed" and isinstance(rec["events"], list)


def test_the_actor_registry_keeps_the_knowledge_bases_names_not_a_reports(tmp_path):
    from rasd.model import Article
    from rasd.pipeline import process_batch

    # (the strikes a protest condemns are no event: the Turkish army strikes in a sentence of its own)
    text = "وتظاهر مئات الأشخاص في بروكسل السبت . وقصف الجيش التركي مواقع لحزب العمال الكردستاني في شمال العراق ."
    items = [StoredArticle(r, extracted=True) for r in process_batch([Article(id="a", text=text,
                                                                                published="2017-02-21")])]
    with Store(tmp_path / "r.duckdb") as store:
        store.write_batch(items, store.begin_run("test", "local", 1, []), {})
    db = tmp_path / "r.duckdb"
    assert ("protesters", "Protesters (Belgium)") in _q(db, "SELECT actor_id, name_en FROM event_actors")
    assert _q(db, "SELECT name_en, name_ar FROM actors WHERE id = 'protesters'") == [("Protesters", "المتظاهرون")]
    # the protesters no sentence names are supplied (ACLED's generic side), and the store says so
    assert _q(db, "SELECT actor_id, inferred FROM event_actors WHERE actor_id = 'protesters'") == [("protesters", True)]
    assert _q(db, "SELECT inferred FROM event_actors WHERE actor_id = 'turkey_military'") == [(False,)]
