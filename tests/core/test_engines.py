"""The local, process and Ray engines store exactly the same thing for the same input."""

from __future__ import annotations

import duckdb
import pytest

from rasd.scale.engines import LocalEngine, ProcessEngine, _chunks
from tests.conftest import SAMPLE, run_rasd, write_jsonl

_DUMPS = {
    "articles": "SELECT id, title, text, published, outlet, url, tags, text_hash, duplicate_of, "
                "duplicate_similarity, minhash, extracted FROM articles ORDER BY id",
    "events": "SELECT * EXCLUDE (record), record::VARCHAR FROM events ORDER BY id",
    "event_actors": "SELECT * FROM event_actors ORDER BY event_id, seq",
    "event_sources": "SELECT * FROM event_sources ORDER BY event_id, seq",
    "event_counts": "SELECT * FROM event_counts ORDER BY event_id, what",
    "mentions": "SELECT * FROM mentions ORDER BY article_id, start_char, end_char, label",
    "places": "SELECT * FROM places ORDER BY id",
    "actors": "SELECT * FROM actors ORDER BY id",
}


def _dump(db) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(sql).fetchall() for t, sql in _DUMPS.items()}
    finally:
        con.close()


def _double(x: list[int]) -> list[int]:
    return [2 * v for v in x]


def test_chunks_cover_the_batch_in_order():
    batch = list(range(10))
    assert sum(_chunks(batch, 4), []) == batch
    assert len(_chunks(batch, 4)) == 4


def test_rejections_survive_the_trip_back_from_workers():
    import pickle

    from rasd.ingest.errors import InputRejected

    back = pickle.loads(pickle.dumps(InputRejected("a.jsonl", "empty text", 3)))
    assert str(back) == "a.jsonl:3: empty text" and back.line == 3


def test_engines_keep_order_with_work_in_flight():
    batches = [list(range(i * 7, i * 7 + 7)) for i in range(9)] + [[]]
    want = [_double(b) for b in batches]
    assert list(LocalEngine().map_batches(_double, batches)) == want
    engine = ProcessEngine(2)
    try:
        assert list(engine.map_batches(_double, iter(batches))) == want
    finally:
        engine.close()


@pytest.mark.slow
def test_three_engines_give_identical_databases_and_extractions(tmp_path, sample_records, seed_record):
    src = write_jsonl(tmp_path / "in.jsonl", [seed_record] + sample_records[:20] + [
        {**sample_records[0], "id": "syndicated-copy", "text": sample_records[0]["text"] + "\nالمصدر: وكالات."},
        {"id": "empty-after-cleaning", "text": "اشترك في نشرتنا البريدية"}])  # rejected inside a worker
    dumps, extractions = {}, {}
    for engine in ("local", "process", "ray"):
        db = tmp_path / f"{engine}.duckdb"
        out = run_rasd("run", str(src), "--db", str(db), "--engine", engine, "--workers", "2",
                       "--batch-size", "16", "-q")
        assert out.returncode == 1, (engine, out.stderr.decode()[-2000:])
        assert out.stderr.decode().count("empty text") == 1
        dumps[engine] = _dump(db)
        ext = run_rasd("extract", str(src), "--engine", engine, "--workers", "2")
        assert ext.returncode == 1, (engine, ext.stderr.decode()[-2000:])
        extractions[engine] = ext.stdout
    assert len(dumps["local"]["articles"]) == 22
    assert any(row[8] == sample_records[0]["id"] for row in dumps["local"]["articles"])  # duplicate_of set
    assert dumps["process"] == dumps["local"]
    assert dumps["ray"] == dumps["local"]
    assert extractions["process"] == extractions["local"] == extractions["ray"]
    assert extractions["local"].count(b"\n") == 22


def test_unknown_engine_is_refused(tmp_path):
    out = run_rasd("run", str(SAMPLE / "seed.jsonl"), "--db", str(tmp_path / "x.duckdb"), "--engine", "spark")
    assert out.returncode == 2 and b"spark" in out.stderr
