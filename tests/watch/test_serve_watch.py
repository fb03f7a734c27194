"""`rasd serve --watch` as a user runs it: a real server process watching a local feed, the HTTP API, and
the dashboard in a real browser picking up a new item's event without a reload."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, SAMPLE
from tests.watch.local_sites import Article, Receiver, Site, serve_receiver, serve_site

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "watch"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _article(i: int) -> Article:
    with open(SAMPLE / "corpus.jsonl", encoding="utf-8") as fh:
        r = json.loads(fh.readlines()[i])
    return Article(f"story-{1000 + i}", r.get("title") or r["text"][:60], r["text"], r.get("published") or "2020-01-01")


def _seed() -> Article:
    r = json.loads((SAMPLE / "seed.jsonl").read_text(encoding="utf-8").splitlines()[0])
    return Article("seed-2024", "فرار العناصر المحلية من الميليشيات في دير الزور", r["text"], "2024-05-01")


@pytest.fixture(scope="module")
def watched(tmp_path_factory) -> Iterator[dict]:
    site = Site()
    for i in range(2):
        site.add(_article(i))
    receiver = Receiver()
    with serve_site(site), serve_receiver(receiver) as hook:
        db = tmp_path_factory.mktemp("serve-watch") / "live.duckdb"
        port, key = _free_port(), secrets.token_hex(8)
        env = {**os.environ, "RASD_API_KEY": key, "PYTHONIOENCODING": "utf-8"}
        env.pop("RASD_REQUIRE_KEY", None)
        log_path = db.with_suffix(".log")
        log = open(log_path, "wb")  # noqa: SIM115 - closed below
        proc = subprocess.Popen([sys.executable, "-m", "rasd", "serve", "--db", str(db), "--port", str(port),
                                 "--watch", site.url("/feed.xml"), "--every", "2", "--host-interval", "0"],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        api = httpx.Client(base_url=base, timeout=30)
        try:
            deadline = time.monotonic() + 90
            while True:  # up, and the feed's first items are stored
                assert proc.poll() is None, log_path.read_text(errors="replace")[-3000:]
                try:
                    if api.get("/health").json().get("articles", 0) >= 2:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline, log_path.read_text(errors="replace")[-3000:]
                time.sleep(0.3)
            yield {"site": site, "api": api, "base": base, "key": key, "db": db, "receiver": receiver,
                   "hook": hook.base, "log": log_path}
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()


def _event_ids(api: httpx.Client) -> set[str]:
    return {e["id"] for e in api.get("/events", params={"limit": 1000}).json()["events"]}


def _events_of_article(api: httpx.Client, article_url: str) -> set[str]:
    out = set()
    for eid in _event_ids(api):
        detail = api.get(f"/events/{eid}").json()
        if any(r["article_id"] == article_url for r in detail.get("reports", [])):
            out.add(eid)
    return out


def test_alerts_and_sources_over_the_api(watched: dict) -> None:
    api, key = watched["api"], watched["key"]
    assert api.post("/alerts", json={"webhook": watched["hook"], "kind": ["defection"]}).status_code == 401
    bad = api.post("/alerts", headers={"X-API-Key": key}, json={"webhook": "ftp://x", "kind": ["defection"]})
    assert bad.status_code == 422 and "webhook" in bad.json()["error"]["message"]
    made = api.post("/alerts", headers={"X-API-Key": key}, json={
        "webhook": watched["hook"], "kind": ["defection"], "country": "SY", "admin1": "Deir ez-Zor"})
    assert made.status_code == 201
    alert_id = made.json()["id"]
    assert alert_id in {a["id"] for a in api.get("/alerts").json()["alerts"]}
    (src,) = api.get("/sources").json()["sources"]
    assert src["url"] == watched["site"].url("/feed.xml") and src["kind"] == "feed" and src["articles"] >= 2
    watched["alert_id"] = alert_id


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium")
def test_a_new_feed_item_reaches_the_api_and_the_open_dashboard_without_a_reload(watched: dict) -> None:
    from playwright.sync_api import sync_playwright

    api, site = watched["api"], watched["site"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True).new_page()
        page.set_default_timeout(60_000)
        page.goto(watched["base"] + "/")
        page.wait_for_selector("body[data-state=ready]")
        page.wait_for_selector("[data-testid=live]:not([hidden])")
        page.evaluate("window.__sameDocument = true")
        before_total = page.inner_text("[data-testid=events-total]")
        before_ids = _event_ids(api)

        site.add(_seed())
        added = time.monotonic()
        new_ids: set[str] = set()
        while not new_ids:
            assert time.monotonic() - added < 120, watched["log"].read_text(errors="replace")[-3000:]
            time.sleep(0.25)
            new_ids = _events_of_article(api, site.url("/news/seed-2024")) - before_ids
        latency = time.monotonic() - added
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "latency.txt").write_text(f"feed item -> GET /events: {latency:.1f} s (--every 2)\n")

        page.wait_for_selector("[data-testid=live-badge]:not([hidden])")
        page.wait_for_function("t => document.querySelector('[data-testid=events-total]').textContent !== t",
                               arg=before_total)
        assert page.evaluate("window.__sameDocument === true")  # no reload happened
        badge = int(page.get_attribute("[data-testid=live-badge]", "data-count"))
        assert badge == len(_event_ids(api)) - len(before_ids) > 0
        page.wait_for_function("() => document.body.dataset.state === 'ready'")
        page.screenshot(path=str(ARTIFACTS / "live.png"), full_page=True)
        browser.close()

    # the alert saved before the item appeared fired for the matching new event(s), once each
    receiver: Receiver = watched["receiver"]
    deadline = time.monotonic() + 60
    while not receiver.received and time.monotonic() < deadline:
        time.sleep(0.25)
    matching = {e["id"] for e in api.get("/events", params={"kind": "defection", "limit": 1000}).json()["events"]
                if (e["location"] or {}).get("admin1") == "Deir-ez-Zor"}
    assert matching and {d["event"]["id"] for d in receiver.received} == matching
    assert len(receiver.received) == len(matching)
    log = api.get(f"/alerts/{watched['alert_id']}/deliveries").json()["deliveries"]
    assert {d["status"] for d in log} == {"delivered"}
