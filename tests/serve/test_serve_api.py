"""The HTTP API through a REAL `rasd serve` (uvicorn in a child process on a free port), with httpx.

The database is written by the real store from events built out of real sentences (agg_builders.py);
expected values come from those events, not from stored outputs.
"""

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

from tests.aggregate.agg_builders import aleppo_hospital_strike, deir_ez_zor_defections, write
from tests.conftest import ROOT, SAMPLE

SUMMARY_KEYS = {"id", "kind", "event_type", "sub_event_type", "date", "location", "actors", "counts", "polarity",
                "certainty", "genericity", "contested", "contested_reasons", "n_reports", "n_articles", "n_outlets",
                "n_sources", "stances", "precision", "confidence"}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: Path, key: str | None, *extra: str) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        env.pop("RASD_REQUIRE_KEY", None)
        env.pop("RASD_API_KEY", None)
        if key:
            env["RASD_API_KEY"] = key
        self.log = db.with_suffix(f".{self.port}.log")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "rasd", "serve", "--db", str(db), "--port", str(self.port), *extra],
            cwd=ROOT, env=env, stdout=open(self.log, "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                httpx.get(f"{self.base}/openapi.json", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise AssertionError("server did not start") from None
                time.sleep(0.2)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = write(tmp_path_factory.mktemp("api") / "api.duckdb", aleppo_hospital_strike() + deir_ez_zor_defections())
    return path  # no aggregate run: the server builds the canonical events it lacks


@pytest.fixture(scope="module")
def key() -> str:
    return secrets.token_hex(16)


@pytest.fixture(scope="module")
def api(db: Path, key: str) -> Iterator[httpx.Client]:
    server = Server(db, key)
    try:
        with httpx.Client(base_url=server.base, timeout=120) as client:
            yield client
    finally:
        server.stop()
    assert "Traceback" not in server.log.read_text(errors="replace")


def _error(r: httpx.Response, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"]["status"] == status
    return body["error"]["message"]


def test_server_prints_its_url(api: httpx.Client, db: Path) -> None:
    logs = [p.read_text() for p in db.parent.glob("*.log")]
    assert any(f"http://127.0.0.1:{api.base_url.port}/" in text for text in logs)


def test_health_and_events(api: httpx.Client) -> None:
    h = api.get("/health").json()
    assert h["status"] == "ok" and h["events"] == 11 and 0 < h["canonical_events"] < h["events"]
    page = api.get("/events", params={"limit": 3}).json()
    assert page["total"] == h["canonical_events"] and page["limit"] == 3 and len(page["events"]) == 3
    for ev in page["events"]:
        assert SUMMARY_KEYS <= set(ev)
    assert "حلب" in api.get("/events").text  # Arabic is sent as is, not \u-escaped


def test_filters(api: httpx.Client) -> None:
    def ids(**params) -> set[str]:
        return {e["id"] for e in api.get("/events", params=params).json()["events"]}

    everything = ids()
    airstrikes = ids(kind="airstrike")
    defections = ids(kind="defection")
    assert airstrikes and defections and airstrikes | defections == everything
    assert ids(kind=["airstrike", "defection"]) == everything == ids(kind="airstrike,defection")
    hospital = ids(outlet="sana.sy")
    assert len(hospital) == 1
    assert hospital <= ids(place="170063") and hospital <= ids(place="حلب") and hospital <= ids(place="aleppo")
    assert ids(place="دير الزور") == defections
    assert ids(actor="syria_air_force") == ids(actor="SYRIAN AIR")  # English names match without case
    assert ids(actor="us_military").isdisjoint(ids(actor="syria_air_force"))
    assert ids(actor="الميلشيات") == defections
    assert ids(since="2021-01-01") == defections
    assert ids(until="2016-04-27") == ids(since="2016-04-01", until="2016-04-27")
    assert hospital <= ids(contested="true") and not hospital & ids(contested="false")
    assert ids(q="دير") == defections


def test_min_confidence_filters_every_event_route(api: httpx.Client) -> None:
    everything = api.get("/events", params={"limit": 1000}).json()["events"]
    assert {e["precision"] for e in everything} <= {"high", "medium", "low"}
    assert any(e["confidence"] is None for e in everything)  # events only the rules found
    for threshold in (0.0, 0.6, 0.9):
        expected = {e["id"] for e in everything if e["confidence"] is not None and e["confidence"] >= threshold}
        params = {"limit": 1000, "min_confidence": threshold}
        page = api.get("/events", params=params).json()
        assert {e["id"] for e in page["events"]} == expected and page["total"] == len(expected), threshold
        geo = api.get("/events", params={**params, "format": "geojson"}).json()
        assert {f["id"] for f in geo["features"]} <= expected
        assert len(geo["features"]) + geo["without_coordinates"] == len(expected)
        assert {e["id"] for e in api.get("/ledger", params=params).json()["events"]} == expected
        ts = api.get("/stats/timeseries", params={"min_confidence": threshold}).json()
        assert sum(s["events"] for s in ts["series"]) + ts["undated"] == len(expected)
        assert api.get("/facets", params={"min_confidence": threshold}).json()["total"] == len(expected)
    assert 0 < len({e["id"] for e in everything if (e["confidence"] or 0) >= 0.6}) < len(everything)
    defections = api.get("/events", params={"kind": "defection", "min_confidence": 0.6}).json()["events"]
    assert defections and all(e["kind"] == "defection" and e["confidence"] >= 0.6 for e in defections)
    for bad in ("1.5", "-0.1", "high", "nan"):
        assert "min_confidence" in _error(api.get("/events", params={"min_confidence": bad}), 422), bad


def test_an_event_and_its_reports_carry_their_confidence(api: httpx.Client) -> None:
    for summary in api.get("/events", params={"limit": 1000}).json()["events"]:
        ev = api.get(f"/events/{summary['id']}").json()
        known = [r["confidence"] for r in ev["reports"] if r["confidence"] is not None]
        assert ev["confidence"] == summary["confidence"] == (max(known) if known else None), ev["id"]
    hospital = api.get("/events", params={"outlet": "sana.sy"}).json()["events"][0]
    reports = {r["article_id"]: r["confidence"] for r in api.get(f"/events/{hospital['id']}").json()["reports"]}
    assert reports["sana-1"] is None and reports["orient-1"] is not None  # a rules-only report beside others
    spec = api.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/events"]["get"]["parameters"]}
    assert "min_confidence" in names


def test_sort_and_geojson(api: httpx.Client) -> None:
    by_fat = api.get("/events", params={"sort": "fatalities"}).json()["events"]
    fats = [(e["counts"].get("fatalities") or {}).get("best") for e in by_fat]
    known = [f for f in fats if f is not None]
    assert known == sorted(known, reverse=True) and fats[: len(known)] == known
    gj = api.get("/events", params={"format": "geojson", "limit": 1000}).json()
    assert gj["type"] == "FeatureCollection"
    total = api.get("/events").json()["total"]
    assert len(gj["features"]) + gj["without_coordinates"] == total
    f = gj["features"][0]
    assert f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2
    assert "lat" not in (f["properties"]["location"] or {})


def test_event_detail_reports_and_sources(api: httpx.Client) -> None:
    hospital = api.get("/events", params={"outlet": "sana.sy"}).json()["events"][0]
    ev = api.get(f"/events/{hospital['id']}").json()
    assert {r["article_id"] for r in ev["reports"]} == {"aj-1", "orient-1", "copy-1", "sana-1"}
    for r in ev["reports"]:
        assert r["evidence"] and r["evidence"][0]["text"]
    stances = {s["speaker"]: s["stance"] for s in ev["sources"]}
    assert stances["التلفزيون الرسمي السوري"] == "denies"
    assert stances["محمد أبو الهدى"] == "confirms"
    assert sum(1 for s in ev["sources"] if s["speaker"] == "محمد أبو الهدى") == 1  # the copy repeats it
    assert ev["contested"] and "denied" in ev["contested_reasons"]
    assert _error(api.get("/events/ce_0000000000000000"), 404)


def test_article_view(api: httpx.Client) -> None:
    a = api.get("/articles/sana-1").json()
    assert a["outlet"] == "sana.sy" and a["events"][0]["canonical_id"].startswith("ce_")
    ev = a["events"][0]["evidence"][0]
    assert a["text"][ev["start"]:ev["end"]] == ev["text"]
    _error(api.get("/articles/no-such-article"), 404)


def test_timeseries_ledger_facets(api: httpx.Client) -> None:
    ts = api.get("/stats/timeseries", params={"kind": "defection"}).json()
    assert ts["interval"] == "month" and ts["kinds"] == ["defection"]
    assert {s["period"] for s in ts["series"]} == {"2021-01", "2021-03"}
    weeks = api.get("/stats/timeseries", params={"interval": "week"}).json()
    assert all("-W" in s["period"] for s in weeks["series"])
    assert sum(s["events"] for s in weeks["series"]) == api.get("/events").json()["total"]
    led = api.get("/ledger", params={"kind": "defection", "contested": "true"}).json()
    assert led["total"] == 1
    assert {s["stance"] for s in led["events"][0]["sources"]} == {"confirms", "downplays"}
    fac = api.get("/facets").json()
    assert {k["kind"] for k in fac["kinds"]} == {"airstrike", "defection"}
    assert any(a["id"] == "syria_air_force" for a in fac["actors"])
    assert any(o["outlet"] == "sana.sy" for o in fac["outlets"])
    assert fac["date_min"] <= fac["date_max"] and fac["total"] == api.get("/events").json()["total"]


def test_bad_requests_get_json_errors(api: httpx.Client) -> None:
    assert "kind" in _error(api.get("/events", params={"kind": "bombing"}), 422)
    assert "since" in _error(api.get("/events", params={"since": "2021-02-30"}), 422)
    assert "until" in _error(api.get("/events", params={"until": "last week"}), 422)
    _error(api.get("/events", params={"limit": "1" + "0" * 30}), 422)
    _error(api.get("/events", params={"limit": "-1"}), 422)
    _error(api.get("/events", params={"offset": "abc"}), 422)
    _error(api.get("/events", params={"sort": "id; DROP TABLE events"}), 422)
    _error(api.get("/events", params={"format": "xml"}), 422)
    _error(api.get("/stats/timeseries", params={"interval": "decade"}), 422)
    _error(api.get("/no/such/route"), 404)
    before = api.get("/health").json()
    for evil in ("' OR 1=1 --", "x'); DROP TABLE articles; --", "%' UNION SELECT * FROM articles --"):
        for name in ("actor", "place", "q", "outlet"):
            r = api.get("/events", params={name: evil})
            assert r.status_code == 200 and r.json()["total"] == 0, (name, evil)
        _error(api.get(f"/events/{evil}"), 404)
        _error(api.get(f"/articles/{evil}"), 404)
    assert api.get("/health").json() == before


def test_dashboard_and_docs(api: httpx.Client) -> None:
    page = api.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    docs = api.get("/docs")
    assert docs.status_code == 200
    # the docs page loads Swagger UI from this server, never from a CDN
    assert "/static/vendor/swagger-ui-bundle.js" in docs.text and "cdn." not in docs.text
    spec = api.get("/openapi.json").json()
    for path in ("/events", "/events/{event_id}", "/articles/{article_id}", "/stats/timeseries", "/ledger",
                 "/facets", "/articles", "/health"):
        assert path in spec["paths"], path


def test_the_api_key_and_the_response_types_are_in_the_openapi_document(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {**schemes["ApiKey"], "type": "apiKey", "in": "header", "name": "X-API-Key"}
    assert {"ApiKey": []} in spec["paths"]["/articles"]["post"]["security"]  # Swagger's "Authorize" sends it
    ok = spec["paths"]["/events/{event_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/EventDetail"}
    detail = spec["components"]["schemas"]["EventDetail"]["properties"]
    assert {"grade", "precision", "confidence", "contested_detail", "reports", "sources", "location"} <= set(detail)
    for path, name in (("/health", "Health"), ("/facets", "Facets"), ("/stats/timeseries", "Timeseries"),
                       ("/ledger", "LedgerPage")):
        assert spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": f"#/components/schemas/{name}"}, path


def test_a_country_and_a_province_by_any_name_give_the_same_events(api: httpx.Client) -> None:
    def ids(**params) -> set[str]:
        r = api.get("/events", params={"limit": 1000, **params})
        assert r.status_code == 200, r.text
        return {e["id"] for e in r.json()["events"]}

    everything = ids()
    assert ids(country="SY") == ids(country="Syria") == ids(place="Syria") == ids(place="سوريا") == everything
    idlib = ids(admin1="Idlib")
    assert idlib and idlib < everything
    assert ids(place="إدلب") == ids(place="Idleb") == ids(place="Idlib") == ids(admin1="إدلب") == idlib
    assert ids(admin1="Aleppo") == ids(admin1="حلب") == ids(place="Ḩalab")
    assert ids(place="bustan al qasr") == ids(place="Bustan al-Qasr")  # hyphens and case folded
    assert not ids(country="IQ")
    assert "country" in _error(api.get("/events", params={"country": "Atlantis"}), 422)
    grades = api.get("/facets").json()["grades"]
    assert sum(g["n"] for g in grades) == len(everything)
    for g in grades:
        assert len(ids(grade=g["grade"])) == g["n"]


def test_writes_need_the_key(api: httpx.Client, key: str) -> None:
    body = {"id": "k-test", "text": "نص تجريبي", "published": "2021-03-01"}
    assert "X-API-Key" in _error(api.post("/articles", json=body), 401)
    _error(api.post("/articles", json=body, headers={"X-API-Key": key[:-1] + "x"}), 401)
    ok = {"X-API-Key": key}
    assert "JSON" in _error(api.post("/articles", content=b'{"text": "unterminated', headers=ok), 422)
    _error(api.post("/articles", json=[], headers=ok), 422)
    _error(api.post("/articles", json={"title": "no text"}, headers=ok), 422)
    _error(api.post("/articles", json={"text": 5}, headers=ok), 422)
    _error(api.post("/articles", json=[{"text": "x"}] * 101, headers=ok), 413)
    assert api.get("/articles/k-test").status_code == 404  # nothing was stored by the refused requests


def test_post_ingests_extracts_and_refreshes(api: httpx.Client, key: str) -> None:
    with open(SAMPLE / "corpus.jsonl", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    rec = min((r for r in records if "غارة" in r["text"] or "غارات" in r["text"]), key=lambda r: len(r["text"]))
    before = api.get("/health").json()
    r = api.post("/articles", json=rec, headers={"X-API-Key": key})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["stored"] == 1 and out["ids"] == [rec["id"]]
    after = api.get("/health").json()
    assert after["articles"] == before["articles"] + 1
    assert after["events"] == before["events"] + out["events"]
    assert after["canonical_events"] == out["canonical_events"]
    art = api.get(f"/articles/{rec['id']}").json()
    assert art["text"] and art["outlet"] == rec.get("outlet")
    again = api.post("/articles", json=[rec], headers={"X-API-Key": key}).json()
    assert again["stored"] == 0 and again["duplicates"] == 1


def test_require_key_and_no_key_configured(tmp_path: Path) -> None:
    copy = write(tmp_path / "other.duckdb", deir_ez_zor_defections())
    key = secrets.token_hex(8)
    server = Server(copy, key, "--require-key")
    try:
        assert httpx.get(f"{server.base}/events").status_code == 401
        assert httpx.get(f"{server.base}/events", headers={"X-API-Key": key}).status_code == 200
        assert httpx.get(f"{server.base}/").status_code == 200  # the page itself holds no data
    finally:
        server.stop()
    open_server = Server(copy, None)
    try:
        r = httpx.post(f"{open_server.base}/articles", json={"text": "نص"}, headers={"X-API-Key": "anything"})
        _error(r, 403)
        assert httpx.get(f"{open_server.base}/events").status_code == 200
    finally:
        open_server.stop()
