"""The watcher end to end in this process: real local sites, the real pipeline, a real DuckDB file."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

import duckdb
import pytest

from rasd.aggregate import build
from rasd.store.connection import Database
from rasd.watch import state
from rasd.watch.alerts import AlertSpec, DeliveryPolicy, add_alert
from rasd.watch.fetcher import FetchConfig
from rasd.watch.sources import parse_source
from rasd.watch.watcher import WatchConfig, Watcher
from tests.conftest import SAMPLE
from tests.watch.local_sites import Article, Receiver, Site, serve_receiver, serve_site


def _slug(i: int) -> str:
    return f"c{i}-{1000 + i}"  # like news sites' article paths: a story id in it


def _corpus(n: int) -> list[Article]:
    out = []
    with open(SAMPLE / "corpus.jsonl", encoding="utf-8") as fh:
        for i, line in zip(range(n), fh, strict=False):
            r = json.loads(line)
            out.append(Article(_slug(i), r.get("title") or r["text"][:60], r["text"], r.get("published") or "2020-01-01"))
    return out


def _seed() -> Article:
    r = json.loads((SAMPLE / "seed.jsonl").read_text(encoding="utf-8").splitlines()[0])
    return Article("seed-2024", "فرار العناصر المحلية من الميليشيات في دير الزور", r["text"], "2024-05-01")


def _config(**kw) -> WatchConfig:
    return WatchConfig(every=0.3, fetch=FetchConfig(host_interval=0.0, timeout=2.0, retries=0, backoff=0.05),
                       delivery=DeliveryPolicy(retry_base=0.2, timeout=2.0), **kw)


def _cycles(w: Watcher, n: int = 1) -> None:
    asyncio.run(w.run(threading.Event(), max_cycles=n))


def _wait_due(seconds: float = 0.35) -> None:
    time.sleep(seconds)  # let the next poll fall due (the poll interval is 0.3 s here)


def _rows(db: Path, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.fixture
def site():
    s = Site()
    for a in _corpus(3):
        s.add(a)
    with serve_site(s):
        yield s


def test_feed_gains_items_and_a_restart_fetches_nothing_twice(tmp_path: Path, site: Site) -> None:
    db = tmp_path / "w.duckdb"
    feed = site.url("/feed.xml")
    logs: list[str] = []
    w = Watcher(str(db), [parse_source(feed, outlet="عنب بلدي", language="ar")], _config(), log=logs.append)
    _cycles(w)
    assert {r[0] for r in _rows(db, "SELECT id FROM articles")} == {site.url(f"/news/{_slug(i)}") for i in range(3)}
    assert _rows(db, "SELECT DISTINCT outlet FROM articles") == [("عنب بلدي",)]
    site.add(_seed())
    _wait_due()
    _cycles(w)
    assert site.url("/news/seed-2024") in {r[0] for r in _rows(db, "SELECT id FROM articles")}
    assert _rows(db, "SELECT count(*) FROM events WHERE article_id = ?", [site.url("/news/seed-2024")])[0][0] > 0
    # the canonical events were refreshed incrementally: the same rows as a full rebuild
    with duckdb.connect(str(db)) as con:
        live = [con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in build.TABLES]
        build.rebuild(con)
        assert live == [con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in build.TABLES]
    # a new watcher on the same database (a restart): conditional GET, no page fetched again
    pages_before = {p: site.hits(p) for p in [f"/news/{_slug(i)}" for i in range(3)] + ["/news/seed-2024"]}
    assert set(pages_before.values()) == {1}
    _wait_due()
    w2 = Watcher(str(db), [parse_source(feed)], _config(), log=logs.append)
    _cycles(w2)
    assert [s for _, p, s in site.requests if p == "/feed.xml"][-1] == 304
    assert {p: site.hits(p) for p in pages_before} == pages_before
    site.add(Article("late-2024", "خبر لاحق", _corpus(5)[4].text, "2024-05-02"))
    _wait_due()
    _cycles(w2)
    assert site.hits("/news/late-2024") == 1 and {p: site.hits(p) for p in pages_before} == pages_before
    with Database(db).read() as con:
        (src,) = state.list_sources(con)
    assert src["kind"] == "feed" and src["items"] == 5 and src["articles"] == 5 and src["errors"] == 0
    assert src["last_status"] == "ok" and src["language"] == "ar"


def test_failing_sources_are_reported_and_do_not_stop_the_others(tmp_path: Path, site: Site) -> None:
    site.flaky_failures = 1
    site.slow_seconds = 4.0
    site.robots = "User-agent: *\nDisallow: /private/\n"
    urls = {name: site.url(path) for name, path in (
        ("good", "/feed.xml"), ("flaky", "/flaky.xml"), ("slow", "/slow.xml"), ("notxml", "/not-xml.xml"),
        ("huge", "/huge.xml"), ("loop", "/loop-a"), ("robots", "/private/feed.xml"))}
    logs: list[str] = []
    cfg = _config()
    cfg.fetch.timeout = 1.0
    cfg.fetch.max_bytes = 1_000_000
    w = Watcher(str(tmp_path / "f.duckdb"), [parse_source(u) for u in urls.values()], cfg, log=logs.append)
    _cycles(w)
    with Database(tmp_path / "f.duckdb").read() as con:
        by_url = {r["url"]: r for r in state.list_sources(con)}
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert stored == 3  # the good feed's articles (the flaky feed lists the same ones: not fetched twice)
    assert by_url[urls["good"]]["last_status"] == "ok"
    expected = {"flaky": "HTTP 500", "slow": "timed out", "notxml": "neither an RSS/Atom feed nor an HTML page",
                "huge": "larger than the limit", "loop": "redirect loop", "robots": "forbidden by robots.txt"}
    for name, message in expected.items():
        row = by_url[urls[name]]
        assert row["last_status"] == "error" and message in row["last_error"], (name, row)
        assert any(urls[name] in line and message in line for line in logs), name
    assert site.hits("/private/feed.xml") == 0
    # the flaky feed is polled again later and recovers; its items are already stored, so nothing is fetched
    pages = site.hits(f"/news/{_slug(0)}")
    time.sleep(cfg.every + 0.1)
    asyncio.run(w.cycle())
    with Database(tmp_path / "f.duckdb").read() as con:
        flaky = {r["url"]: r for r in state.list_sources(con)}[urls["flaky"]]
    assert flaky["last_status"] == "ok" and flaky["consecutive_errors"] == 0 and flaky["errors"] == 1
    assert site.hits(f"/news/{_slug(0)}") == pages


def test_section_page_and_folder_sources(tmp_path: Path, site: Site) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    db = tmp_path / "s.duckdb"
    w = Watcher(str(db), [parse_source(site.url("/section/syria")), parse_source(str(folder))], _config())
    _cycles(w)
    assert {r[0] for r in _rows(db, "SELECT id FROM articles")} == {site.url(f"/news/{_slug(i)}") for i in range(3)}
    assert site.hits("/section/iraq") == 0 and site.hits("/about") == 0  # navigation links are not articles
    seed = json.loads((SAMPLE / "seed.jsonl").read_text(encoding="utf-8").splitlines()[0])
    path = folder / "seed.jsonl"
    path.write_text(json.dumps(seed, ensure_ascii=False) + "\n", encoding="utf-8")
    old = time.time() - 5
    import os

    os.utime(path, (old, old))  # settled: not being written any more
    _wait_due()
    _cycles(w)
    assert ("seed",) in _rows(db, "SELECT id FROM articles")
    _wait_due()
    _cycles(w)
    assert _rows(db, "SELECT count(*) FROM watch_items WHERE item_key LIKE 'file:%'") == [(1,)]


def test_alerts_fire_once_for_matching_events_and_failed_webhooks_are_retried(tmp_path: Path, site: Site) -> None:
    db = tmp_path / "a.duckdb"
    matching, other = Receiver(fail_first=2), Receiver()
    with serve_receiver(matching) as rm, serve_receiver(other) as ro:
        with Database(db).write() as con:
            hit = add_alert(con, AlertSpec(webhook=rm.base + "/hook", kinds=["defection"], country="SY",
                                           admin1="Deir ez-Zor"), state.utcnow())
            add_alert(con, AlertSpec(webhook=ro.base + "/hook", kinds=["protest"], country="EG"), state.utcnow())
        w = Watcher(str(db), [parse_source(site.url("/feed.xml"))], _config())
        _cycles(w)
        site.add(_seed())
        _wait_due()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            _cycles(w)
            with Database(db).read() as s2:
                pending = s2.execute("SELECT count(*) FROM alert_deliveries WHERE status = 'pending'").fetchone()[0]
            if matching.received and not pending:
                break
            time.sleep(0.25)
        with Database(db).read() as s2:
            expected = s2.execute(
                "SELECT id FROM canonical_events WHERE kind = 'defection' AND country = 'SY' "
                "AND regexp_replace(lower(admin1), '[^a-z]', '', 'g') = 'deirezzor'").fetchall()
            log = state.list_deliveries(s2, hit["id"])
    assert expected, "the seed article's defections in Deir ez-Zor were extracted"
    got = [d["event"]["id"] for d in matching.received]
    assert sorted(got) == sorted(r[0] for r in expected)  # each matching event once
    assert all(d["event"]["kind"] == "defection" and d["changes"] == ["new"] for d in matching.received)
    assert other.received == [] and other.attempts == []
    assert len(matching.attempts) == len(got) + 2  # two refused POSTs, retried
    assert all(d["status"] == "delivered" for d in log) and sum(d["attempts"] for d in log) == len(got) + 2
