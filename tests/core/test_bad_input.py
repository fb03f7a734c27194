"""Bad inputs: one clear line each, the rest still processed, non-zero exit, nothing stored is lost."""

from __future__ import annotations

import os
import resource

import duckdb
import pytest

from tests.conftest import SAMPLE, run_rasd, write_jsonl


def _count(db) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    finally:
        con.close()


@pytest.fixture
def stored_db(tmp_path):
    db = tmp_path / "r.duckdb"
    out = run_rasd("run", str(SAMPLE / "seed.jsonl"), "--db", str(db), "--engine", "local", "-q")
    assert out.returncode == 0, out.stderr
    return db


def test_each_bad_input_gets_one_line_and_good_ones_still_go_in(tmp_path, stored_db, sample_records):
    good = write_jsonl(tmp_path / "good.jsonl", sample_records[:3])
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text('{"id": "ok-1", "text": "' + sample_records[3]["text"].replace('"', "'").replace("\n", " ")
                        + '"}\n{"id": "broken", "text": \n[1, 2]\n{"id": "e", "text": "   "}\n', encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    unknown = tmp_path / "notes.docx"
    unknown.write_bytes(b"PK\x03\x04")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n ")
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)  # unreadable: opening it fails (even for root)
    bad_gz = tmp_path / "corrupt.jsonl.gz"
    bad_gz.write_bytes(b"\x1f\x8b\x08\x00garbage-not-deflate")
    missing = tmp_path / "missing.jsonl"

    before = _count(stored_db)
    out = run_rasd("run", str(good), str(bad_json), str(binary), str(unknown), str(empty), str(loop),
                   str(bad_gz), str(missing), "--db", str(stored_db), "--engine", "local", "-q")
    assert out.returncode == 1
    lines = out.stderr.decode().strip().splitlines()
    expected = {
        f"{bad_json}:2": "invalid JSON", f"{bad_json}:3": "must be an object", f"{bad_json}:4": "empty text",
        str(binary): "binary", str(unknown): "unknown format", str(empty): "empty text",
        str(loop): "cannot read", str(bad_gz): "cannot read", str(missing): "no such file",
    }
    assert len(lines) == len(expected), lines
    for where, problem in expected.items():
        hits = [ln for ln in lines if f": {where}: " in ln or ln.startswith(f"rasd: error: {where}: ")]
        assert len(hits) == 1 and problem in hits[0], (where, lines)
    assert _count(stored_db) == before + 4  # three good records and the good line of bad.jsonl


def test_several_gigabyte_file_is_streamed_not_read_whole(tmp_path, sample_records):
    big = tmp_path / "big.jsonl"
    write_jsonl(big, sample_records[:5])
    with open(big, "r+b") as fh:  # a sparse 3 GB hole: one giant line, never to be loaded
        fh.seek(0, os.SEEK_END)
        fh.seek(3 * 2**30, os.SEEK_CUR)
        fh.write(b"\n")
    with open(big, "a", encoding="utf-8") as fh:
        import json

        fh.write(json.dumps(sample_records[5], ensure_ascii=False) + "\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = run_rasd("ingest", str(big), "--db", str(tmp_path / "b.duckdb"), "-q")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert out.returncode == 1
    (line,) = out.stderr.decode().strip().splitlines()
    assert f"{big}:6: line longer than" in line
    assert _count(tmp_path / "b.duckdb") == 6  # the records before and after the giant line
    assert max(peak_kb, before) < 1_000_000  # well under the 3 GB the line would take


def test_huge_single_document_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.write("تقرير".encode())
        fh.truncate(2 * 2**30)
    out = run_rasd("ingest", str(big), "-o", str(tmp_path / "x.jsonl"))
    assert out.returncode == 1
    assert "too large for one document" in out.stderr.decode()


def test_database_that_is_not_duckdb_is_refused_and_left_alone(tmp_path, sample_records):
    db = tmp_path / "notes.duckdb"
    db.write_text("my notes, not a database")
    out = run_rasd("run", str(write_jsonl(tmp_path / "a.jsonl", sample_records[:1])), "--db", str(db), "-q",
                   "--engine", "local")
    assert out.returncode == 2
    assert out.stderr.decode().count("\n") == 1 and str(db) in out.stderr.decode()
    assert db.read_text() == "my notes, not a database"
