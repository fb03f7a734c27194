"""``rasd bench watch``: latency and throughput of ``rasd serve --watch`` on local feeds (not a test).

N feeds are served from local sites on 127.0.0.1 (ten feeds a site); items (articles of a JSONL corpus)
appear in random feeds at a steady rate; the server watches every feed and a poller asks ``GET /events``
twice a second. An item's latency is the time from its appearing in a feed to ``GET /events`` returning a
canonical event with its report (items from which nothing is extracted are not counted). Then a burst of
items lands at once and the time to store them all gives the throughput the watcher sustains.
"""

from __future__ import annotations

import html
import json
import random
import socket
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS_PER_SITE = 10


@dataclass
class _Sites:
    feeds: dict[str, list[dict]] = field(default_factory=dict)  # "host:port/feed/j" -> items, newest first
    pages: dict[str, bytes] = field(default_factory=dict)  # path -> page
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: int = 0


def _serve(sites: _Sites, n_sites: int) -> tuple[list[str], list[ThreadingHTTPServer]]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            key = f"{self.headers.get('Host')}{self.path}"
            with sites.lock:
                sites.requests += 1
                items = sites.feeds.get(key)
                page = sites.pages.get(self.path)
            if items is not None:
                body = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>bench</title>"
                        + "".join(f"<item><title>{html.escape(i['title'])}</title><link>{i['url']}</link></item>"
                                  for i in items[:30]) + "</channel></rss>").encode()
                etag = f'"{len(items)}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self._send(200, body, "application/rss+xml", etag)
            elif page is not None:
                self._send(200, page, "text/html; charset=utf-8")
            else:
                self._send(404, b"", "text/plain")

        def _send(self, status: int, body: bytes, ctype: str, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    bases, servers = [], []
    for _ in range(n_sites):
        srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        bases.append(f"127.0.0.1:{srv.server_address[1]}")
    return bases, servers


def _page(rec: dict) -> bytes:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in rec["text"].split("\n") if p.strip())
    title = html.escape(rec.get("title") or rec["text"][:60])
    pub = rec.get("published") or "2020-01-01"
    return (f"<!doctype html><html lang='ar'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='{pub}'></head><body><article><h1>{title}</h1>"
            f"{paras}</article></body></html>").encode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class WatchBench:
    feeds: int
    every: float
    items: int
    eventful: int
    seen: int
    p50: float
    p95: float
    max: float
    burst: int
    burst_seconds: float  # the watcher's busy time on the cycles that read the burst
    burst_all: float  # from the burst appearing to its last article stored (polls included)
    polls: int
    requests: int
    seconds: float

    def lines(self) -> list[str]:
        return [
            f"{self.feeds} feeds, poll every {self.every:g} s, {self.items} items at a steady rate "
            f"({self.eventful} with events, {self.seen} of them seen in GET /events)",
            f"latency feed item -> GET /events: p50 {self.p50:.1f} s, p95 {self.p95:.1f} s, max {self.max:.1f} s",
            f"burst: {self.burst} items all stored {self.burst_all:.1f} s after they appeared; "
            f"{self.burst / max(self.burst_seconds, 1e-9):.1f} articles/s fetched, stored, extracted and merged "
            f"({self.burst_seconds:.1f} s of poll cycles)",
            f"{self.polls} feed polls, {self.requests} HTTP requests served in {self.seconds:.0f} s "
            f"({self.polls / self.seconds:.1f} polls/s)",
        ]


def bench_watch(corpus: Path, feeds: int = 200, every: float = 30.0, items: int = 120, rate: float = 0.5,
                burst: int = 100, seed: int = 14) -> WatchBench:
    import httpx
    import uvicorn

    from rasd.serve.app import create_app
    from rasd.watch.fetcher import FetchConfig
    from rasd.watch.sources import parse_source
    from rasd.watch.watcher import WatchConfig, Watcher

    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(seed)
    rng.shuffle(records)
    records = records[: items + burst]
    sites = _Sites()
    bases, servers = _serve(sites, max(1, (feeds + FEEDS_PER_SITE - 1) // FEEDS_PER_SITE))
    feed_keys = [f"{bases[j // FEEDS_PER_SITE]}/feed/{j}" for j in range(feeds)]
    for k in feed_keys:
        sites.feeds[k] = []
    added: dict[str, float] = {}

    def publish(i: int, rec: dict) -> None:
        key = rng.choice(feed_keys)
        path = f"/news/{i}-{abs(hash(rec['id'])) % 10**8}"
        url = f"http://{key.split('/')[0]}{path}"
        with sites.lock:
            sites.pages[path] = _page(rec)
            sites.feeds[key].insert(0, {"url": url, "title": rec.get("title") or rec["text"][:60]})
            added[url] = time.monotonic()

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        watcher = Watcher(db, [parse_source("http://" + k) for k in feed_keys],
                          WatchConfig(every=every, fetch=FetchConfig(host_interval=0.05, per_host=4)),
                          log=lambda m: None)
        cycles: list[tuple[float, int, float]] = []  # (when it ended, items read, seconds) of busy cycles
        watcher.on_change = lambda rep: cycles.append((time.monotonic(), rep.pages, rep.seconds))
        app = create_app(db, watcher=watcher)
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        api = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
        while True:
            try:
                if api.get("/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        visible: dict[str, float] = {}
        reports: dict[str, int] = {}
        stop = threading.Event()

        def poll() -> None:
            while not stop.is_set():
                t = time.monotonic()
                try:
                    page = api.get("/events", params={"limit": 1000, "sort": "-date"}).json()["events"]
                    for ev in page:
                        if reports.get(ev["id"]) != ev["n_reports"]:
                            reports[ev["id"]] = ev["n_reports"]
                            for r in api.get(f"/events/{ev['id']}").json().get("reports", []):
                                visible.setdefault(r["article_id"], t)
                except httpx.HTTPError:
                    pass
                stop.wait(0.5)

        t0 = time.monotonic()
        time.sleep(every + 2)  # every feed polled once (empty), validators stored
        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        for i, rec in enumerate(records[:items]):
            publish(i, rec)
            time.sleep(rng.expovariate(rate))
        time.sleep(2 * every + 10)

        # the burst: many items at once, timed until all are stored
        n_before = api.get("/health").json()["articles"]
        burst_start = time.monotonic()
        for i, rec in enumerate(records[items:], start=items):
            publish(i, rec)
        target = n_before + len(records[items:])
        while api.get("/health").json()["articles"] < target and time.monotonic() - burst_start < 20 * every:
            time.sleep(0.25)
        reached = time.monotonic()
        burst_all = reached - burst_start
        while not any(end >= reached for end, _, _ in cycles) and time.monotonic() - reached < 10 * every:
            time.sleep(0.1)  # the last cycle stores, then merges and alerts: wait for its report
        busy = [(n, sec) for end, n, sec in cycles if end >= burst_start]
        burst_seconds = sum(sec for _, sec in busy)  # the watcher's own time on the burst's cycles
        stop.set()
        poller.join()
        import duckdb

        server.should_exit = True
        time.sleep(3)
        con = duckdb.connect(db, read_only=True)
        eventful = {r[0] for r in con.execute("SELECT DISTINCT article_id FROM events").fetchall()}
        polls = con.execute("SELECT sum(polls) FROM watch_sources").fetchone()[0]
        con.close()
    for s in servers:
        s.shutdown()
    steady = [u for u in list(added)[:items] if u in eventful]
    lat = sorted(visible[u] - added[u] for u in steady if u in visible)
    q = statistics.quantiles(lat, n=20, method="inclusive") if len(lat) >= 2 else lat * 19
    return WatchBench(feeds=feeds, every=every, items=items, eventful=len(steady), seen=len(lat),
                      p50=statistics.median(lat) if lat else float("nan"), p95=q[18] if q else float("nan"),
                      max=max(lat) if lat else float("nan"), burst=len(records[items:]), burst_seconds=burst_seconds,
                      burst_all=burst_all,
                      polls=polls or 0, requests=sites.requests, seconds=time.monotonic() - t0)
