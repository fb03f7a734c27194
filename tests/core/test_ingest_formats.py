"""Every input format is read into clean articles with the right metadata."""

from __future__ import annotations

import gzip
import html
import json
from pathlib import Path

import pytest

from rasd.ingest.errors import InputRejected
from rasd.ingest.prepare import prepare
from rasd.ingest.readers import read_inputs
from rasd.ingest.record import RawArticle
from tests.conftest import run_rasd, write_jsonl


def _articles(*paths: Path | str):
    items = list(read_inputs([str(p) for p in paths]))
    rejected = [i for i in items if isinstance(i, InputRejected)]
    assert not rejected, [str(r) for r in rejected]
    return [prepare(i).article for i in items]  # type: ignore[union-attr]


def _paragraphs(record: dict, n: int = 3) -> list[str]:
    return [p for p in record["text"].split("\n") if len(p) > 80][:n]


def test_plain_text_utf8_bom_and_windows_1256_read_the_same(tmp_path, seed_record):
    body = seed_record["text"]
    (tmp_path / "utf8.txt").write_text(body, encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    # Windows-1256 has no typographic quotes or every mark of the original: keep what it can encode.
    cp_text = body.encode("cp1256", errors="ignore").decode("cp1256")
    (tmp_path / "cp.txt").write_bytes(cp_text.encode("cp1256"))
    utf8, bom, cp = _articles(tmp_path / "utf8.txt", tmp_path / "bom.txt", tmp_path / "cp.txt")
    assert utf8.text == bom.text
    assert utf8.title == bom.title and utf8.title.startswith("بعد تكثيف القصف")
    assert "دير الزور" in cp.text and "الميليشيات" not in cp.title  # decoded as Arabic, not mojibake
    assert cp.title.startswith("بعد تكثيف القصف")
    assert utf8.id == bom.id and utf8.id.startswith("h")  # no given id: a hash of the text


def test_title_repeated_at_top_of_plain_text_is_dropped_from_body(tmp_path, seed_record):
    (tmp_path / "a.txt").write_text(seed_record["text"], encoding="utf-8")
    (art,) = _articles(tmp_path / "a.txt")
    assert art.title is not None
    assert art.title not in art.text  # neither copy of the headline stays in the body
    assert art.text.startswith("تتلقى المجموعات المسلّحة")


def test_html_page_main_text_title_date_outlet(tmp_path, sample_records):
    rec = next(r for r in sample_records if r["id"].startswith("may-"))
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(rec))
    page = f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
    <title>{html.escape(rec['title'])} | الميادين</title>
    <meta property="og:site_name" content="الميادين">
    <meta property="article:published_time" content="{rec['published']}T09:30:00+03:00">
    </head><body>
    <nav><a href="/">الرئيسية</a> <a href="/news">أخبار</a> <a href="/sport">رياضة</a></nav>
    <article><h1>{html.escape(rec['title'])}</h1>{paras}</article>
    <div class="newsletter">اشترك في نشرتنا البريدية ليصلك كل جديد</div>
    <div id="cookies">يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك</div>
    <footer>© 2024 جميع الحقوق محفوظة</footer></body></html>"""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (art,) = _articles(tmp_path / "page.html")
    assert art.published == rec["published"]
    assert art.outlet == "الميادين"
    assert art.title and art.title.startswith(rec["title"][:20])
    assert _paragraphs(rec)[0][:60] in art.text
    assert not art.text.startswith(rec["title"])  # the h1 repeated at the top is gone
    for boiler in ("نشرتنا البريدية", "ملفات تعريف الارتباط", "جميع الحقوق محفوظة", "الرئيسية"):
        assert boiler not in art.text


def test_html_copyright_year_is_not_taken_as_publication_date(tmp_path, sample_records):
    rec = sample_records[0]
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(rec))
    page = f"<html><head><title>t</title></head><body><article>{paras}</article><footer>© 2019</footer></body></html>"
    (tmp_path / "nodate.htm").write_text(page, encoding="utf-8")
    (art,) = _articles(tmp_path / "nodate.htm")
    assert art.published is None


def test_jsonl_gz_and_csv_keep_ids_and_metadata(tmp_path, sample_records):
    recs = sample_records[:5]
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    import csv

    with open(tmp_path / "c.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "title", "text", "published", "outlet", "url"])
        w.writeheader()
        for r in recs:
            w.writerow({k: r.get(k) or "" for k in w.fieldnames})
    from_gz = _articles(tmp_path / "c.jsonl.gz")
    from_csv = _articles(tmp_path / "c.csv")
    assert [a.id for a in from_gz] == [r["id"] for r in recs] == [a.id for a in from_csv]
    assert [a.published for a in from_gz] == [r["published"] for r in recs]
    assert [a.text for a in from_gz] == [a.text for a in from_csv]
    assert from_csv[0].url == recs[0]["url"] and from_csv[0].outlet == recs[0]["outlet"]


def test_jsonl_record_with_html_only(tmp_path, sample_records):
    rec = sample_records[1]
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(rec))
    write_jsonl(tmp_path / "h.jsonl", [{"id": "page-1", "html": f"<html><body><article>{paras}</article></body></html>",
                                        "published": rec["published"]}])
    (art,) = _articles(tmp_path / "h.jsonl")
    assert art.id == "page-1" and _paragraphs(rec)[0][:50] in art.text


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_give_one_article_per_item(tmp_path, sample_records, kind):
    recs = [r for r in sample_records if r["id"].startswith("ufc-")][:3]
    if kind == "rss":
        items = "".join(
            f"<item><title>{html.escape(r['title'] or 'خبر')}</title><link>{html.escape(r['url'])}</link>"
            f"<guid>{r['id']}</guid><pubDate>Mon, 01 Jan 2018 10:00:00 GMT</pubDate>"
            f"<description>{html.escape(''.join(f'<p>{p}</p>' for p in _paragraphs(r)))}</description></item>"
            for r in recs)
        doc = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>عنب بلدي</title>{items}</channel></rss>'
    else:
        items = "".join(
            f"<entry><title>{html.escape(r['title'] or 'خبر')}</title><id>{r['id']}</id>"
            f"<link href=\"{html.escape(r['url'])}\"/><updated>2018-01-01T10:00:00Z</updated>"
            f"<content type=\"html\">{html.escape(''.join(f'<p>{p}</p>' for p in _paragraphs(r)))}</content></entry>"
            for r in recs)
        doc = f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>عنب بلدي</title>{items}</feed>'
    (tmp_path / f"feed.{kind}").write_text(doc, encoding="utf-8")
    arts = _articles(tmp_path / f"feed.{kind}")
    assert [a.id for a in arts] == [r["id"] for r in recs]
    assert all(a.outlet == "عنب بلدي" and a.published == "2018-01-01" for a in arts)
    assert _paragraphs(recs[0])[1][:50] in arts[0].text
    assert "<p>" not in arts[0].text


def test_directory_is_walked_recursively_and_other_files_ignored(tmp_path, sample_records):
    (tmp_path / "a" / "b").mkdir(parents=True)
    write_jsonl(tmp_path / "a" / "one.jsonl", sample_records[:2])
    write_jsonl(tmp_path / "a" / "b" / "two.jsonl", sample_records[2:4])
    (tmp_path / "a" / "README.md").write_text("not an article")
    (tmp_path / "a" / ".hidden.jsonl").write_text("{broken")
    arts = _articles(tmp_path / "a")
    assert sorted(a.id for a in arts) == sorted(r["id"] for r in sample_records[:4])


def test_stdin_is_sniffed_as_jsonl_or_text(sample_records):
    line = (json.dumps(sample_records[0], ensure_ascii=False) + "\n").encode()
    out = run_rasd("extract", "-", input=line)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["id"] == sample_records[0]["id"]
    out = run_rasd("ingest", "-", "-o", "-", input=sample_records[1]["text"].encode())
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["id"].startswith("h") and rec["text"][:30] in sample_records[1]["text"]


def test_raw_article_source_names_file_and_line():
    raw = RawArticle(text="x", path="corpus.jsonl", line=7)
    assert raw.source == "corpus.jsonl:7"


def test_windows_1256_corpora_and_pages(tmp_path, sample_records):
    rec = [r for r in sample_records if r["id"].startswith("may-")][2]
    text = rec["text"].encode("cp1256", errors="ignore").decode("cp1256")
    line = json.dumps({"id": rec["id"], "text": text, "published": rec["published"]}, ensure_ascii=False)
    (tmp_path / "c.jsonl").write_bytes((line + "\n").encode("cp1256"))
    (tmp_path / "c.csv").write_bytes(("id,text\n" + f'{rec["id"]},"{text.replace(chr(34), chr(39))}"\n').encode("cp1256"))
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if len(p) > 80)
    page = f'<html><head><meta charset="windows-1256"><title>t</title></head><body><article>{paras}</article></body></html>'
    (tmp_path / "p.html").write_bytes(page.encode("cp1256"))
    from_jsonl, from_csv, from_html = _articles(tmp_path / "c.jsonl", tmp_path / "c.csv", tmp_path / "p.html")
    first = next(p for p in text.split("\n") if len(p) > 80)[:40]
    for art in (from_jsonl, from_csv, from_html):
        assert first in art.text
    assert from_jsonl.id == from_csv.id == rec["id"]
