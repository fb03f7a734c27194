"""Inputs a hostile or careless user sends: each is one line or is read; none stops the run.

Bad numeric character references in feeds, UTF-16 files, empty files and header-only CSVs sit between
valid inputs in one real `rasd run`; every valid article must be stored and the canonical events rebuilt.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import duckdb

from rasd.ingest.errors import InputRejected
from rasd.ingest.prepare import prepare
from rasd.ingest.readers import read_inputs
from rasd.ingest.record import RawArticle
from tests.conftest import run_rasd, write_jsonl

#: Numeric character references feedparser cannot take (and what each should read as).
BAD_REFERENCES = {
    "lone-surrogate": ("&#xD800;", "\ufffd"),
    "surrogate-pair": ("&#xD83D;&#xDE00;", "\U0001f600"),
    "beyond-unicode": ("&#x110000;", "\ufffd"),
    "huge-decimal": ("&#" + "9" * 5000 + ";", "\ufffd"),
}


def _feed(record: dict, reference: str) -> str:
    paragraphs = [p for p in record["text"].split("\n") if p.strip()][:4]
    body = html.escape("".join(f"<p>{p}</p>" for p in paragraphs)).replace("&lt;/p&gt;", f" {reference}&lt;/p&gt;", 1)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>منفذ</title>'
            f"<item><title>{html.escape(record['title'] or 'خبر')} {reference}</title><link>{record['url']}</link>"
            f"<guid>{record['id']}</guid><pubDate>Mon, 01 Jan 2018 10:00:00 GMT</pubDate>"
            f"<description>{body}</description></item></channel></rss>")


def _db_rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_bad_feeds_utf16_and_empty_files_between_valid_inputs(tmp_path, sample_records):
    recs = [r for r in sample_records if r.get("url")]
    inputs: list[Path] = [write_jsonl(tmp_path / "a-first.jsonl", recs[:3])]
    feed_ids = []
    for i, (name, (reference, _)) in enumerate(BAD_REFERENCES.items()):
        rec = recs[3 + i]
        feed_ids.append(rec["id"])
        path = tmp_path / f"b-{name}.rss"
        path.write_text(_feed(rec, reference), encoding="utf-8")
        inputs += [path, write_jsonl(tmp_path / f"c-{name}-then.jsonl", [recs[10 + i]])]
    utf16_le = tmp_path / "d-utf16.jsonl"
    utf16_le.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs[20:22]).encode("utf-16"))
    utf16_text = tmp_path / "d-utf16-no-bom.txt"
    utf16_text.write_bytes(recs[22]["text"].encode("utf-16-le"))
    utf16_csv = tmp_path / "d-utf16-be.csv"
    utf16_csv.write_bytes(("id,text\n" + f'{recs[23]["id"]},"{recs[23]["text"].replace(chr(34), "")}"\n')
                          .encode("utf-16-be"))
    empty_jsonl = tmp_path / "e-empty.jsonl"
    empty_jsonl.write_bytes(b"")
    header_only = tmp_path / "e-header-only.csv"
    header_only.write_text("id,text,title\n", encoding="utf-8")
    inputs += [utf16_le, utf16_text, utf16_csv, empty_jsonl, header_only,
               write_jsonl(tmp_path / "f-last.jsonl", recs[24:26])]
    db = tmp_path / "h.duckdb"

    out = run_rasd("run", *map(str, inputs), "--db", str(db), "--engine", "local", "--batch-size", "2", "-q")

    problems = out.stderr.decode().strip().splitlines()
    assert out.returncode == 1  # the empty files are reported
    assert len(problems) == 2, problems
    assert any(str(empty_jsonl) in p and "empty file" in p for p in problems)
    assert any(str(header_only) in p and "no records" in p for p in problems)
    ids = {row[0] for row in _db_rows(db, "SELECT id FROM articles")}
    expected = {r["id"] for r in recs[:3] + recs[10:14] + recs[20:22] + [recs[23]] + recs[24:26]} | set(feed_ids)
    assert expected <= ids
    assert len(ids) == len(expected) + 1  # and the UTF-16 text file, under its text hash
    utf16_article = _db_rows(db, "SELECT text FROM articles WHERE id NOT IN ({})".format(
        ",".join(f"'{i}'" for i in expected)))[0][0]
    assert recs[22]["text"].split("\n")[-1][:40] in utf16_article
    for rid, (_, read_as) in zip(feed_ids, BAD_REFERENCES.values(), strict=True):
        (title,) = _db_rows(db, f"SELECT title FROM articles WHERE id = '{rid}'")[0]
        assert title.endswith(read_as), (rid, title)
    runs = _db_rows(db, "SELECT status FROM runs")
    assert runs == [("completed",)]
    (events, members) = _db_rows(db, "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM canonical_members)")[0]
    assert events > 0 and members == events  # canonical events rebuilt over every stored event


def test_lone_surrogates_are_cleaned_not_raised():
    raw = RawArticle(text="قصف \ud800 على المدينة \ud83d\ude00 اليوم", path="x.jsonl", line=1, id="a\udc00b",
                     title="عنوان \udfff", outlet="\ud800")
    p = prepare(raw)
    assert not isinstance(p, InputRejected)
    a = p.article
    assert "\ufffd" in a.text and "\U0001f600" in a.text and a.id == "a\ufffdb" and a.title == "عنوان \ufffd"
    for field in (a.text, a.id, a.title, a.outlet):
        field.encode("utf-8")


def test_a_json_line_with_a_lone_surrogate_escape_is_one_problem(tmp_path, sample_records):
    path = tmp_path / "s.jsonl"
    good = json.dumps(sample_records[0], ensure_ascii=False)
    path.write_text(good + '\n{"id": "s", "text": "نص \\ud800 هنا"}\n' + good.replace(sample_records[0]["id"], "z")
                    + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["RawArticle", "InputRejected", "RawArticle"]
    assert "s.jsonl:2: invalid JSON" in str(items[1])


def test_utf16_html_and_feed_are_decoded(tmp_path, sample_records):
    rec = next(r for r in sample_records if r.get("url"))
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in rec["text"].split("\n") if len(p) > 60)
    page = f"<html><head><title>t</title></head><body><article>{paragraphs}</article></body></html>"
    (tmp_path / "p.html").write_bytes(page.encode("utf-16"))
    (tmp_path / "f.rss").write_bytes(_feed(rec, "").replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16"))
    items = list(read_inputs([str(tmp_path / "p.html"), str(tmp_path / "f.rss")]))
    assert all(isinstance(i, RawArticle) for i in items), [str(i) for i in items]
    first_paragraph = next(p for p in rec["text"].split("\n") if len(p) > 60)
    assert first_paragraph[:40] in items[0].text and first_paragraph[:40] in items[1].text
    assert items[1].id == rec["id"]


def test_binary_with_nul_bytes_is_still_refused(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(256)) * 64)
    (item,) = read_inputs([str(path)])
    assert isinstance(item, InputRejected) and "binary" in item.problem
