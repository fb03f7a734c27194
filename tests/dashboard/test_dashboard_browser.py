"""The dashboard in a real browser (Debian chromium, driven by Playwright) against the real `rasd serve`.

The database is built by the real `rasd run` from the bundled sample corpus; every expectation is read
from the HTTP API at test time, so the tests check that the page shows what the API says, not fixed
outputs. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest

from tests.conftest import ROOT, SAMPLE, run_rasd

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STATIC = ROOT / "rasd" / "serve" / "static"
ARTIFACTS = ROOT / "test-artifacts" / "dashboard"
STANCES = ("confirms", "denies", "downplays", "reports")
WAIT_MS = 20_000


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (`make test` installs it)")
    if not (STATIC / "vendor" / "leaflet.js").exists():
        pytest.fail("front-end libraries are not vendored: run `make web` (npm ci in web/, then web/build.mjs)")
    return CHROMIUM


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Path:
    db = tmp_path_factory.mktemp("dashboard") / "sample.duckdb"
    done = run_rasd("run", str(SAMPLE), "--db", str(db))
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    return db


@pytest.fixture(scope="module")
def server(sample_db: Path) -> Iterator[dict]:
    """The real server on a free local port, with a write key for the ingestion test."""
    port = _free_port()
    key = secrets.token_hex(16)
    env = {**os.environ, "RASD_API_KEY": key, "PYTHONIOENCODING": "utf-8"}
    env.pop("RASD_REQUIRE_KEY", None)
    log = open(sample_db.with_suffix(".server.log"), "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-m", "rasd", "serve", "--db", str(sample_db), "--host", "127.0.0.1",
                             "--port", str(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if proc.poll() is not None:
                log.flush()
                pytest.fail(f"rasd serve exited with {proc.returncode}: "
                            f"{sample_db.with_suffix('.server.log').read_text(errors='replace')[-3000:]}")
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("rasd serve did not answer /health within 60 s")
            time.sleep(0.2)
        yield {"base": base, "key": key, "api": httpx.Client(base_url=base, timeout=30)}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(chromium_path: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """What a page did: every request it made, dialogs it opened, and script errors it raised."""

    def __init__(self, page, base: str) -> None:
        self.base = base
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(d) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)

    def assert_only_local(self) -> None:
        origin = urlsplit(self.base)
        elsewhere = [u for u in self.requests
                     if not u.startswith("data:")
                     and (urlsplit(u).hostname, urlsplit(u).port) != (origin.hostname, origin.port)]
        assert self.requests, "the page made no requests at all"
        assert not elsewhere, f"requests left the machine: {elsewhere[:5]}"


@pytest.fixture
def page(browser, server: dict):
    # bypass_csp: the page's Content-Security-Policy forbids eval, which Playwright's wait_for_function
    # needs; it also means the escaping test below proves escaping on its own, without the CSP's help.
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    pg.watch = Watch(pg, server["base"])
    yield pg
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _get(server: dict, path: str, **params) -> dict:
    r = server["api"].get(path, params=params)
    assert r.status_code == 200, f"{path}: {r.status_code} {r.text[:300]}"
    return r.json()


# For each character of the shown article text: is it inside an entity span / an evidence mark?
COVERAGE_JS = """el => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let ent = "", evd = "";
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const a = n.parentElement.closest("[data-testid=entity]") ? "1" : "0";
    const b = n.parentElement.closest("[data-testid=evidence]") ? "1" : "0";
    ent += a.repeat(n.data.length); evd += b.repeat(n.data.length);
  }
  return [ent, evd];
}"""


def _mask(text: str, spans: list[dict]) -> str:
    """The expected coverage, in UTF-16 units as the browser counts them (offsets are code points)."""
    units = [len(ch.encode("utf-16-le")) // 2 for ch in text]
    mask = [0] * len(text)
    for s in spans:
        if 0 <= s["start"] < s["end"] <= len(text):
            mask[s["start"]:s["end"]] = [1] * (s["end"] - s["start"])
    return "".join(str(m) * u for m, u in zip(mask, units, strict=True))


def _open_overview(page, server: dict) -> None:
    page.goto(f"{server['base']}/#/")
    page.wait_for_selector("body[data-state=ready]")


def test_dashboard_sample_flow_defections_ledger_article_language(page, server: dict) -> None:
    everything = _get(server, "/events", limit=1)
    assert everything["total"] > 0, "the sample corpus produced no canonical events"
    defections = _get(server, "/events", kind="defection", limit=1000)
    assert defections["total"] > 0, "the sample corpus yields no canonical defection events"

    # Overview: table, map and timeline are filled from the API.
    _open_overview(page, server)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("[data-testid=event-row]").count() == min(everything["total"], 50)
    assert str(everything["total"]) in page.inner_text("[data-testid=events-total]")
    page.wait_for_selector("#map .leaflet-overlay-pane path, [data-testid=map-cluster]", state="attached")
    assert int(page.get_attribute("[data-testid=timeline]", "data-periods")) > 0
    _shot(page, "01-overview-ar")

    # Filter to defections: the hash carries the filter and every row is a defection.
    page.check("[data-testid=filter-kind-defection]")
    page.wait_for_function(
        "() => { const rows = [...document.querySelectorAll('[data-testid=event-row]')];"
        " return rows.length > 0 && rows.every(r => r.dataset.kind === 'defection'); }")
    assert "kind=defection" in page.evaluate("location.hash")
    page.wait_for_selector("body[data-state=ready]")
    assert page.locator("[data-testid=event-row]").count() == min(defections["total"], 50)
    assert page.get_attribute("[data-testid=timeline]", "data-kinds") == "defection"
    _shot(page, "02-defections")

    # Open the defection event with the most sources from the table (or by its link when paged out).
    best = max(defections["events"], key=lambda e: (e.get("n_sources") or 0, e["id"]))
    row_link = page.locator(f"[data-testid=event-row][data-event-id='{best['id']}'] [data-testid=event-link]")
    if row_link.count():
        row_link.click()
    else:
        page.goto(f"{server['base']}/#/event/{best['id']}")
    page.wait_for_selector(f"[data-testid=event-head][data-event-id='{best['id']}']")
    detail = _get(server, f"/events/{best['id']}")
    assert detail["sources"], "the richest defection event has no sources"
    for stance in STANCES:
        expected = [s.get("speaker") or "" for s in detail["sources"] if s["stance"] == stance]
        col = page.locator(f"[data-testid=ledger-col-{stance}] [data-testid=source-speaker]")
        shown = col.all_inner_texts()
        assert len(shown) == len(expected), (stance, shown, expected)
        for speaker in expected:
            if speaker:
                assert speaker in shown, (stance, speaker, shown)
    quotes = page.eval_on_selector_all("[data-testid=source-quote]", "els => els.map(e => e.textContent)")
    assert sorted(quotes) == sorted(s["quote"] for s in detail["sources"] if s.get("quote"))
    assert page.locator("[data-testid=report]").count() == len(detail["reports"])
    _shot(page, "03-event-ledger")

    # Article view: text shown whole and as text, evidence of this event marked, entities highlighted.
    report = detail["reports"][0]
    page.locator(f"[data-testid=report][data-article-id='{report['article_id']}'] "
                 "[data-testid=report-article-link]").first.click()
    page.wait_for_selector("[data-testid=article-text]")
    article = _get(server, f"/articles/{report['article_id']}")
    assert page.eval_on_selector("[data-testid=article-text]", "el => el.textContent") == article["text"]
    assert page.get_attribute("[data-testid=article-text]", "dir") == "rtl"
    mine = [e for e in article["events"] if e.get("canonical_id") == best["id"] and e.get("evidence")]
    if mine:
        focused = page.locator("mark.evidence.focus")
        assert focused.count() > 0
        focused_text = "".join(focused.all_text_contents())
        for ev in mine[0]["evidence"]:
            assert article["text"][ev["start"]:ev["end"]] in focused_text
    n_evidence = sum(len(e.get("evidence") or []) for e in article["events"])
    assert (page.locator("[data-testid=evidence]").count() > 0) == (n_evidence > 0)
    entity_mask, evidence_mask = page.eval_on_selector("[data-testid=article-text]", COVERAGE_JS)
    assert entity_mask == _mask(article["text"], article["mentions"])
    assert evidence_mask == _mask(article["text"], [ev for e in article["events"] for ev in e.get("evidence") or []])
    _shot(page, "04-article")

    # English: direction, strings and English names; the choice survives a reload.
    page.click("[data-testid=lang-toggle]")
    page.wait_for_selector("html[dir=ltr][lang=en]")
    assert page.inner_text("#filters-title") == "Filters"
    assert page.get_attribute("[data-testid=article-text]", "dir") == "rtl"
    page.goto(f"{server['base']}/#/event/{best['id']}")
    page.reload()
    page.wait_for_selector(f"[data-testid=event-head][data-event-id='{best['id']}']")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.inner_text("[data-testid=ledger-col-confirms] h4").startswith("Confirms")
    actors_text = page.inner_text("[data-testid=event-actors]")
    for actor in detail["actors"]:
        assert (actor.get("name_en") or actor["name"]) in actors_text
    _shot(page, "05-event-en")
    page.click("[data-testid=lang-toggle]")
    page.wait_for_selector("html[dir=rtl][lang=ar]")
    assert page.inner_text("#filters-title") == "التصفية"

    page.watch.assert_only_local()
    assert not page.watch.errors, page.watch.errors
    assert not page.watch.dialogs


HOSTILE_TITLE = '<img src=x onerror="window.__pwned=\'title\'">بيان <b>عاجل</b>'
HOSTILE_TEXT = (
    "قال مصدر في دير الزور إن عشرة عناصر من لواء القدس انشقوا عن الميليشيات الموالية لإيران يوم الأحد.\n"
    "<script>window.__pwned = 'script'; alert('pwned')</script>\n"
    "وأضاف المصدر أن <img src=x onerror=\"window.__pwned='img'; alert(1)\"> القصف على مقرات الميليشيات "
    "في البوكمال أدى إلى مقتل خمسة عناصر.\n"
    '<a href="javascript:window.__pwned=\'link\'" onclick="window.__pwned=\'click\'">رابط</a> '
    "<svg onload=\"window.__pwned='svg'\"></svg> <iframe srcdoc=\"<script>parent.__pwned='frame'</script>\"></iframe>"
)


def test_dashboard_shows_hostile_article_markup_as_text(page, server: dict) -> None:
    posted = server["api"].post("/articles", headers={"X-API-Key": server["key"]}, json={
        "id": "hostile-markup-probe", "title": HOSTILE_TITLE, "text": HOSTILE_TEXT,
        "published": "2021-03-07", "outlet": "probe.example"})
    assert posted.status_code in (200, 201), posted.text[:500]
    article_id = (posted.json().get("ids") or ["hostile-markup-probe"])[0]

    page.goto(f"{server['base']}/#/article/{article_id}")
    page.wait_for_selector("[data-testid=article-text]")
    shown = page.eval_on_selector("[data-testid=article-text]", "el => el.textContent")
    stored = _get(server, f"/articles/{article_id}")
    assert shown == stored["text"]
    assert "<script>" in shown and "onerror=" in page.inner_text("[data-testid=article-text]")
    assert page.inner_text("[data-testid=article-title]") == stored["title"]
    injected = page.eval_on_selector(
        "[data-testid=view-article]", "el => el.querySelectorAll('script, img, iframe, svg, b, [onerror], [onload], [onclick]').length")
    assert injected == 0

    # The same strings reach the event view (report titles, evidence) when an event was extracted.
    canonical = [e["canonical_id"] for e in stored["events"] if e.get("canonical_id")]
    if canonical:
        page.goto(f"{server['base']}/#/event/{canonical[0]}")
        page.wait_for_selector("[data-testid=ledger], [data-testid=report]")
        injected = page.eval_on_selector(
            "[data-testid=view-event]", "el => el.querySelectorAll('script, img, iframe, svg, b, [onerror]').length")
        assert injected == 0
    _shot(page, "06-hostile-article")

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not page.watch.dialogs
    assert not any(re.search(r"/x$", u) for u in page.watch.requests), "an injected <img src=x> was loaded"
    page.watch.assert_only_local()


def test_dashboard_works_under_its_own_content_security_policy(browser, server: dict) -> None:
    """With the policy enforced (no bypass), the map, timeline and table still load and nothing is blocked."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        pg = context.new_page()
        pg.set_default_timeout(WAIT_MS)
        watch = Watch(pg, server["base"])
        violations: list[str] = []
        pg.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        pg.goto(f"{server['base']}/#/?kind=defection")
        pg.wait_for_selector("[data-testid=event-row][data-kind=defection]")
        pg.wait_for_selector("#map .leaflet-overlay-pane path, [data-testid=map-cluster]", state="attached")
        pg.wait_for_selector("[data-testid=timeline][data-periods]")
        assert not violations, violations
        assert not watch.errors, watch.errors
        watch.assert_only_local()
    finally:
        context.close()


def test_dashboard_sets_a_strict_content_security_policy() -> None:
    """Defence in depth behind the escaping: no inline or foreign scripts, no foreign connections."""
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy"\s+content="([^"]+)"', html)
    assert policy, "index.html has no Content-Security-Policy"
    directives = dict(d.strip().split(" ", 1) for d in policy.group(1).split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write",
                         (STATIC / "app.js").read_text(encoding="utf-8"))


# -- what an analyst checks: extent, time axis, languages, grades, places, the table's CSV -------------------
NO_ARABIC_OUTSIDE_SOURCE_TEXT = """root => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const bad = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!/[\\u0600-\\u06ff]/.test(n.data)) continue;
    const el = n.parentElement;
    if (el.closest("[lang=ar]:not(html)") || el.closest("[hidden]") || el.closest("script")) continue;
    bad.push(n.data.trim().slice(0, 60));
  }
  return bad;
}"""


def _total(page) -> int:
    return int(re.sub(r"\D", "", page.inner_text("[data-testid=events-total]")))


def _months(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    out = []
    while f"{y}-{m:02d}" <= last:
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def test_map_opens_on_the_data_and_the_time_axis_is_continuous(page, server: dict) -> None:
    _open_overview(page, server)
    page.wait_for_selector("#map[data-view]", state="attached")
    geo = _get(server, "/events", format="geojson", limit=1000)
    lats = sorted(f["geometry"]["coordinates"][1] for f in geo["features"])
    lons = sorted(f["geometry"]["coordinates"][0] for f in geo["features"])
    k = int(len(lats) * 0.05)  # the middle 90 % of the points, in each direction
    expected = [lats[k], lons[k], lats[-1 - k], lons[-1 - k]]
    extent = [float(x) for x in page.get_attribute("#map", "data-extent").split(",")]
    assert extent == pytest.approx(expected, abs=1e-3)
    s, w, n, e = (float(x) for x in page.get_attribute("#map", "data-view").split(","))
    assert s <= expected[0] and w <= expected[1] and n >= expected[2] and e >= expected[3]
    zoom, fitting = page.evaluate(
        f"() => [rasdMap.getZoom(), rasdMap.getBoundsZoom(L.latLngBounds([{expected[0]}, {expected[1]}], "
        f"[{expected[2]}, {expected[3]}]).pad(0.1))]")
    assert zoom == min(fitting, 8), "the map is not on the data's extent"
    assert e - w < 180, "the map opened on (nearly) the whole world"

    ts = _get(server, "/stats/timeseries", interval="month")
    periods = sorted({x["period"] for x in ts["series"]})
    months = _months(periods[0], periods[-1])
    box = "[data-testid=timeline]"
    assert (page.get_attribute(box, "data-first"), page.get_attribute(box, "data-last")) == (periods[0], periods[-1])
    assert int(page.get_attribute(box, "data-periods")) == len(months)
    empty = len(months) - len(periods)
    assert empty > 0, "the sample has months without events; the axis must show them"
    assert int(page.get_attribute(box, "data-empty")) == empty
    _shot(page, "07-extent-and-timeline")


def test_pop_ups_show_actors_counts_grade_and_sources(page, server: dict) -> None:
    _open_overview(page, server)
    page.wait_for_selector("#map[data-view]", state="attached")
    events = _get(server, "/events", format="geojson", limit=1000, sort="fatalities")["features"]
    shown = set(page.evaluate("() => rasdMarkers.getLayers().map(l => l.options.eventId)"))
    target = next(f for f in events if f["properties"]["actors"] and f["properties"]["counts"]
                  and f["properties"]["id"] in shown)
    props = target["properties"]
    page.evaluate("""id => { const m = rasdMarkers.getLayers().find(l => l.options.eventId === id);
                             rasdMarkers.zoomToShowLayer(m, () => m.openPopup()); }""", props["id"])
    found = page.locator(f"[data-testid=map-popup]:has(a[href='#/event/{props['id']}'])")
    found.wait_for()
    assert found.locator("[data-testid=grade]").get_attribute("data-grade") == props["grade"]
    actors = found.inner_text()
    for a in props["actors"]:
        assert (a.get("name") or a.get("name_en") or a["id"]) in actors
    assert str(props["counts"]["fatalities"]["best"] or props["counts"]["fatalities"]["low"]) in \
        found.locator("[data-testid=popup-counts]").inner_text()
    assert str(props["n_reports"]) in found.locator("[data-testid=popup-sources]").inner_text()
    _shot(page, "08-popup")


def test_english_mode_shows_no_arabic_labels_and_grades_show(page, server: dict) -> None:
    _open_overview(page, server)
    page.click("[data-testid=lang-toggle]")
    page.wait_for_selector("html[dir=ltr][lang=en]")
    page.wait_for_selector("body[data-state=ready]")
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=event-row]')].length > 0 && "
                           "document.querySelector('th').textContent === 'Date'")
    assert page.eval_on_selector("body", NO_ARABIC_OUTSIDE_SOURCE_TEXT) == []
    api_page = _get(server, "/events", limit=50)
    rows = page.locator("[data-testid=event-row]")
    for i, ev in enumerate(api_page["events"]):
        row = rows.nth(i)
        assert row.get_attribute("data-event-id") == ev["id"]
        assert row.locator("[data-testid=grade]").get_attribute("data-grade") == ev["grade"]
        assert row.locator("[data-testid=grade]").inner_text() == ev["grade"]
        loc = ev["location"] or {}
        if loc.get("name_en"):
            assert row.locator("[data-testid=place]").inner_text().startswith(loc["name_en"])
    _shot(page, "09-overview-en")

    contested = _get(server, "/events", contested="true", limit=1000)["events"]
    why = next(e for e in contested if any(d["reason"] == "negated_report" for d in e["contested_detail"])) \
        if any(d["reason"] == "negated_report" for e in contested for d in e["contested_detail"]) else contested[0]
    page.goto(f"{server['base']}/#/event/{why['id']}")
    page.wait_for_selector(f"[data-testid=event-head][data-event-id='{why['id']}']")
    assert page.eval_on_selector("body", NO_ARABIC_OUTSIDE_SOURCE_TEXT) == []
    assert page.locator("[data-testid=event-grade] [data-testid=grade]").get_attribute("data-grade") == why["grade"]
    items = page.locator("[data-testid=contested-why] li")
    assert items.count() == len(why["contested_detail"])
    assert sorted(items.evaluate_all("els => els.map(e => e.dataset.reason)")) == \
        sorted(d["reason"] for d in why["contested_detail"])
    assert "reason." not in page.inner_text("body") and "why." not in page.inner_text("body")
    _shot(page, "10-contested-en")
    # and back in Arabic, no English keys or labels leak into the page's own strings
    page.click("[data-testid=lang-toggle]")
    page.wait_for_selector("html[dir=rtl][lang=ar]")
    page.wait_for_selector(f"[data-testid=event-head][data-event-id='{why['id']}']")
    facts = page.inner_text("[data-testid=event-grade]") + page.inner_text("[data-testid=contested-why]")
    assert not re.search(r"\b(confirmed|fair|weak|contested|discounted|denied by|negated)\b", facts), facts
    assert not page.watch.errors, page.watch.errors


def test_a_province_by_any_name_gives_the_same_events_in_the_dashboard(page, server: dict) -> None:
    expected = _get(server, "/events", admin1="Idlib", limit=0)["total"]
    assert expected > 0
    for query in ("admin1=Idlib", "place=إدلب", "place=Idleb", "place=Idlib"):
        page.goto(f"{server['base']}/#/?{query}")
        page.wait_for_selector("body[data-state=ready]")
        page.wait_for_function(f"() => location.hash.includes('{query.split('=')[0]}=')")
        assert _total(page) == expected, query
    syria = _get(server, "/events", country="SY", limit=0)["total"]
    for query in ("country=SY", "place=Syria"):
        page.goto(f"{server['base']}/#/?{query}")
        page.wait_for_selector("body[data-state=ready]")
        assert _total(page) == syria, query
    # the province list offers Idlib once, whatever its spellings
    options = page.locator("[data-testid=filter-admin1] option").all_inner_texts()
    assert len([o for o in options if "Idl" in o or "إدلب" in o]) == 1, options


def test_the_table_exports_what_it_shows_and_the_csv_export_matches_the_dashboard(page, server: dict,
                                                                                  sample_db: Path,
                                                                                  tmp_path: Path) -> None:
    import csv

    page.goto(f"{server['base']}/#/?kind=airstrike")
    page.wait_for_selector("body[data-state=ready]")
    shown = _total(page)
    with page.expect_download() as dl:
        page.click("[data-testid=export-csv]")
    path = tmp_path / "table.csv"
    dl.value.save_as(path)
    with open(path, encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) - 1 == shown
    api_ids = {e["id"] for e in _get(server, "/events", kind="airstrike", limit=1000)["events"]}
    assert {r[0] for r in rows[1:]} == api_ids
    first_row_date = page.locator("[data-testid=event-row]").first.locator("td").first.inner_text()
    assert rows[1][1] == first_row_date  # same order, same values as the table

    # `rasd export` on the file the server is using: one row per event the dashboard shows
    _open_overview(page, server)
    out = run_rasd("export", "--db", str(sample_db), "--format", "acled-csv", "-o", str(tmp_path / "all.csv"))
    assert out.returncode == 0, out.stderr.decode()
    with open(tmp_path / "all.csv", encoding="utf-8") as fh:
        exported = list(csv.DictReader(fh))
    assert len(exported) == _total(page) == len({r["rasd_id"] for r in exported})


def _shown_confidence(node) -> float | None:
    """The value a confidence element stands for, after checking that its text says the same."""
    value = node.get_attribute("data-confidence")
    text = node.inner_text().strip()
    if value == "":
        assert text == "—", text
        return None
    assert text == _to_fixed(float(value)), (text, value)
    return float(value)


def _to_fixed(x: float) -> str:
    """JavaScript's ``toFixed(2)``: the binary value rounded half up (Python's format rounds 0.625 to 0.62)."""
    return str(Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_the_confidence_shows_in_the_table_the_pop_ups_and_the_event_page(page, server: dict) -> None:
    api_page = _get(server, "/events", limit=50)
    assert any(e["confidence"] is not None for e in api_page["events"]), "the sample has no learned confidence"

    # the table: one column, the API's value in every row, in both languages
    _open_overview(page, server)
    rows = page.locator("[data-testid=event-row]")
    assert rows.count() == len(api_page["events"])
    for i, ev in enumerate(api_page["events"]):
        row = rows.nth(i)
        assert row.get_attribute("data-event-id") == ev["id"]
        assert _shown_confidence(row.locator("[data-testid=confidence]")) == ev["confidence"], ev["id"]
    headers = page.locator("table.events th").all_inner_texts()
    assert "الثقة" in headers
    page.click("[data-testid=lang-toggle]")
    page.wait_for_selector("html[dir=ltr][lang=en]")
    page.wait_for_function("() => [...document.querySelectorAll('table.events th')]"
                           ".some(th => th.textContent === 'Confidence')")
    page.wait_for_selector("body[data-state=ready]")
    _shot(page, "11-confidence-column-en")

    # the pop-up of the most confident event on the map
    features = _get(server, "/events", format="geojson", limit=1000)["features"]
    shown = set(page.evaluate("() => rasdMarkers.getLayers().map(l => l.options.eventId)"))
    target = max((f for f in features if f["properties"]["confidence"] is not None and f["id"] in shown),
                 key=lambda f: (f["properties"]["confidence"], f["id"]))["properties"]
    page.evaluate("""id => { const m = rasdMarkers.getLayers().find(l => l.options.eventId === id);
                             rasdMarkers.zoomToShowLayer(m, () => m.openPopup()); }""", target["id"])
    popup = page.locator(f"[data-testid=map-popup]:has(a[href='#/event/{target['id']}'])")
    popup.wait_for()
    line = popup.locator("[data-testid=popup-confidence]")
    assert line.inner_text().startswith("confidence:")
    assert _shown_confidence(line.locator("[data-testid=confidence]")) == target["confidence"]
    _shot(page, "12-confidence-popup")

    # the event page: the event's confidence, its reading precision and each report's own confidence
    page.goto(f"{server['base']}/#/event/{target['id']}")
    page.wait_for_selector(f"[data-testid=event-head][data-event-id='{target['id']}']")
    detail = _get(server, f"/events/{target['id']}")
    assert _shown_confidence(page.locator("[data-testid=event-confidence] [data-testid=confidence]")) == \
        detail["confidence"]
    assert page.get_attribute("[data-testid=event-precision]", "data-precision") == detail["precision"]
    assert page.inner_text("[data-testid=event-precision]").startswith(detail["precision"])
    shown = [_shown_confidence(n) for n in page.locator("[data-testid=report-confidence]").all()]
    assert shown == [r["confidence"] for r in detail["reports"]]
    assert detail["confidence"] == max(c for c in shown if c is not None)
    assert page.eval_on_selector("body", NO_ARABIC_OUTSIDE_SOURCE_TEXT) == []
    _shot(page, "13-confidence-event-en")
    page.click("[data-testid=lang-toggle]")
    page.wait_for_selector("html[dir=rtl][lang=ar]")
    page.wait_for_selector(f"[data-testid=event-head][data-event-id='{target['id']}']")
    assert "high" not in page.inner_text("[data-testid=event-precision]")
    assert not page.watch.errors, page.watch.errors


def test_the_minimum_confidence_filter_gives_what_the_api_gives(page, server: dict) -> None:
    _open_overview(page, server)
    everything = _total(page)
    page.select_option("[data-testid=filter-min-confidence]", "0.7")
    page.wait_for_function("() => location.hash.includes('min_confidence=0.7')")
    page.wait_for_selector("body[data-state=ready]")
    expected = _get(server, "/events", min_confidence="0.7", limit=0)["total"]
    assert 0 < expected < everything, "the sample should have events on both sides of 0.7"
    page.wait_for_function(f"() => document.querySelector('[data-testid=events-total]').textContent"
                           f".replace(/\\D/g, '') === '{expected}'")
    values = [_shown_confidence(n) for n in page.locator("[data-testid=event-row] [data-testid=confidence]").all()]
    assert values and all(v is not None and v >= 0.7 for v in values)
    # a link with the filter opens filtered, and the list offers the value it carries
    page.goto(f"{server['base']}/#/?min_confidence=0.85")
    page.wait_for_selector("body[data-state=ready]")
    page.wait_for_function(f"() => document.querySelector('[data-testid=events-total]').textContent"
                           f".replace(/\\D/g, '') === '{_get(server, '/events', min_confidence='0.85', limit=0)['total']}'")
    assert page.input_value("[data-testid=filter-min-confidence]") == "0.85"
    assert not page.watch.errors, page.watch.errors


URL_ID = "https://example.org/news/2021/03/07/غارة?id=7&page=2"


def test_dashboard_opens_articles_whose_id_is_a_url(page, server: dict) -> None:
    """Feed items keep their URL as id: the event's report link and the article view must still work."""
    with open(SAMPLE / "corpus.jsonl", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    rec = min((r for r in records if "غارة" in r["text"] or "غارات" in r["text"]), key=lambda r: len(r["text"]))
    posted = server["api"].post("/articles", headers={"X-API-Key": server["key"]},
                                json={**rec, "id": URL_ID, "text": rec["text"] + "\nتحديث."})
    assert posted.status_code == 200, posted.text[:500]
    stored = server["api"].get(f"/articles/{quote(URL_ID, safe='')}").json()
    canonical = [e["canonical_id"] for e in stored["events"] if e.get("canonical_id")]
    assert canonical, "the posted article gave no event"

    page.goto(f"{server['base']}/#/event/{canonical[0]}")
    link = page.locator(f"[data-testid=report][data-article-id=\"{URL_ID}\"] [data-testid=report-article-link]")
    link.first.click()
    page.wait_for_selector("[data-testid=article-text]")
    assert page.eval_on_selector("[data-testid=article-text]", "el => el.textContent") == stored["text"]
    assert not page.locator("[data-testid=error]:visible").count()
    page.reload()  # the article's address (#/article/<encoded URL>) opens it again
    page.wait_for_selector("[data-testid=article-text]")
    assert page.eval_on_selector("[data-testid=article-text]", "el => el.textContent") == stored["text"]
    _shot(page, "07-url-id-article")
    assert not page.watch.errors, page.watch.errors
    page.watch.assert_only_local()


def test_docs_page_runs_under_its_own_policy(browser, server: dict) -> None:
    """Swagger UI's one inline script is allowed by hash: the docs render with nothing blocked."""
    context = browser.new_context()
    try:
        pg = context.new_page()
        pg.set_default_timeout(WAIT_MS)
        violations: list[str] = []
        pg.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        pg.goto(f"{server['base']}/docs")
        pg.wait_for_selector(".swagger-ui .info .title")
        assert "Rasd API" in pg.inner_text(".swagger-ui .info .title")
        pg.wait_for_selector(".opblock-summary-path[data-path='/events']")
        assert not violations, violations
    finally:
        context.close()


def test_a_side_rasd_inferred_is_marked_so_on_the_event_page(page, server: dict) -> None:
    events = _get(server, "/events", limit=500)["events"]
    ev = next((e for e in events if any(a.get("inferred") for a in e["actors"])), None)
    assert ev is not None, "the sample has no event with an inferred side"
    page.goto(f"{server['base']}/#/event/{ev['id']}")
    page.wait_for_selector(f"[data-testid=event-head][data-event-id='{ev['id']}']")
    shown = page.locator("[data-testid=event-actors] [data-testid=inferred]")
    assert shown.count() == sum(1 for a in ev["actors"] if a.get("inferred"))
    assert "مستنتَج" in shown.first.inner_text()
    assert not page.watch.errors, page.watch.errors
