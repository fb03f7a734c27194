"""The server against a hostile client, through a REAL `rasd serve` (and, for DuckDB's own memory
figures, a real uvicorn in this process): opaque ids, duplicate POSTs, bodies over the limit whatever the
transfer encoding, security headers, non-ASCII keys and start-up warnings."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx
import psutil
import pytest

from rasd.cli.serve import startup_warnings
from tests.aggregate.agg_builders import deir_ez_zor_defections, write
from tests.conftest import SAMPLE
from tests.serve.test_serve_api import Server, _error

URL_ID = "https://example.org/news/2021/03/07/قصف?id=7&page=2#top"


def _records() -> list[dict]:
    with open(SAMPLE / "corpus.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str, Path]]:
    db = write(tmp_path_factory.mktemp("hard") / "hard.duckdb", deir_ez_zor_defections())
    key = secrets.token_hex(16)
    server = Server(db, key)
    try:
        yield server, key, db
    finally:
        server.stop()


def _directives(policy: str) -> dict[str, str]:
    return dict((d.strip().split(" ", 1) + [""])[:2] for d in policy.split(";") if d.strip())


def test_article_ids_with_slashes_open_as_sent_or_encoded(served) -> None:
    server, key, _ = served
    rec = next(r for r in _records() if "غارة" in r["text"])
    posted = httpx.post(f"{server.base}/articles", json={**rec, "id": URL_ID}, headers={"X-API-Key": key}, timeout=120)
    assert posted.status_code == 200, posted.text
    assert posted.json()["ids"] == [URL_ID]
    for path in (quote(URL_ID, safe=""), quote(URL_ID, safe="/:")):  # %2F, or the slashes as they are
        r = httpx.get(f"{server.base}/articles/{path}")
        assert r.status_code == 200, (path, r.text)
        assert r.json()["id"] == URL_ID and r.json()["text"]
    assert _error(httpx.get(f"{server.base}/articles/{quote(URL_ID + 'x', safe='')}"), 404)


def test_a_duplicate_post_adds_no_run_and_rebuilds_nothing(tmp_path: Path) -> None:
    db = write(tmp_path / "d.duckdb", deir_ez_zor_defections())
    key = secrets.token_hex(8)
    server = Server(db, key)
    try:
        rec = _records()[5]
        first = httpx.post(f"{server.base}/articles", json=rec, headers={"X-API-Key": key}, timeout=120).json()
        assert first["stored"] == 1
        before = httpx.get(f"{server.base}/health").json()
        for body in (rec, [rec, rec], {**rec, "id": None}):  # the same id (twice), the same text without one
            again = httpx.post(f"{server.base}/articles", json=body, headers={"X-API-Key": key}, timeout=120).json()
            assert again["stored"] == 0 and again["duplicates"] == (2 if isinstance(body, list) else 1), again
            assert again["canonical_events"] == before["canonical_events"]
        assert httpx.get(f"{server.base}/health").json() == before
    finally:
        server.stop()
    con = duckdb.connect(str(db), read_only=True)
    try:
        runs = con.execute("SELECT articles_stored FROM runs WHERE command = 'api'").fetchall()
    finally:
        con.close()
    assert runs == [(1,)]  # one run: the POST that stored something


def test_bodies_over_the_limit_are_refused_chunked_or_not(served) -> None:
    server, key, _ = served
    proc = psutil.Process(server.proc.pid)
    rss_before = proc.memory_info().rss

    def chunked(megabytes: int) -> Iterator[bytes]:  # a generator body: no Content-Length, chunked
        yield b'{"text": "'
        for _ in range(megabytes):
            yield "نص ".encode() * (1 << 18)
        yield b'"}'

    r = httpx.post(f"{server.base}/articles", content=chunked(64), headers={"X-API-Key": key}, timeout=120)
    assert "20,000,000 bytes" in _error(r, 413)
    grown = (proc.memory_info().rss - rss_before) / 2**20
    assert grown < 40, f"the server grew by {grown:.0f} MB reading a refused body"
    big = b'{"text": "' + b"x" * 20_000_001 + b'"}'
    _error(httpx.post(f"{server.base}/articles", content=big, headers={"X-API-Key": key}, timeout=120), 413)
    long_text = {"text": "نص " * 170_000}  # 510,000 characters: more than extraction does in seconds
    assert "at most 500000 characters" in _error(
        httpx.post(f"{server.base}/articles", json=long_text, headers={"X-API-Key": key}, timeout=120), 422)
    assert httpx.get(f"{server.base}/health").status_code == 200


def test_every_answer_carries_the_security_headers(served) -> None:
    server, key, _ = served
    answers = [httpx.get(f"{server.base}{p}") for p in ("/", "/events", "/no/such/route", "/static/app.js")]
    answers.append(httpx.post(f"{server.base}/articles", content=b"x" * 20_000_001, headers={"X-API-Key": key}))
    for r in answers:
        assert r.headers["x-content-type-options"] == "nosniff", r.url
        assert r.headers["referrer-policy"] == "no-referrer"
        assert r.headers["x-frame-options"] == "DENY"
        policy = _directives(r.headers["content-security-policy"])
        assert policy["frame-ancestors"] == "'none'" and policy["script-src"] == "'self'"
        assert policy["img-src"] == "'self' data:", policy  # no https: wildcard
    docs = httpx.get(f"{server.base}/docs")
    policy = _directives(docs.headers["content-security-policy"])
    hashes = re.findall(r"'sha256-[A-Za-z0-9+/=]+'", policy["script-src"])
    assert len(hashes) == 1 and "unsafe-inline" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'"


def test_tiles_origin_is_the_one_image_server_allowed(tmp_path: Path) -> None:
    db = write(tmp_path / "t.duckdb", deir_ez_zor_defections())
    server = Server(db, None, "--tiles-origin", "https://tiles.example.org")
    try:
        page = httpx.get(f"{server.base}/")
        assert _directives(page.headers["content-security-policy"])["img-src"] == "'self' data: https://tiles.example.org"
        assert "img-src 'self' data: https://tiles.example.org;" in page.text  # the page's own policy too
    finally:
        server.stop()


def test_a_non_ascii_key_works_as_utf8_and_is_warned_about(tmp_path: Path) -> None:
    db = write(tmp_path / "k.duckdb", deir_ez_zor_defections())
    key = "مفتاح-" + secrets.token_hex(4)
    server = Server(db, key)
    try:
        def post(header: bytes) -> httpx.Response:
            return httpx.post(f"{server.base}/articles", json={"title": "no text"}, headers={"X-API-Key": header})

        assert "needs a non-empty 'text'" in _error(post(key.encode("utf-8")), 422)  # the key was accepted
        wrong = b"1" if key.endswith("0") else b"0"  # the random key may end in "0" already
        _error(post(key.encode("utf-8")[:-1] + wrong), 401)
    finally:
        server.stop()
    assert "RASD_API_KEY is not ASCII" in server.log.read_text(encoding="utf-8")


def test_startup_warnings() -> None:
    assert startup_warnings("127.0.0.1", False, "k") == []
    assert startup_warnings("localhost", False, None) == []
    assert startup_warnings("::1", False, None) == []
    assert startup_warnings("0.0.0.0", True, "k") == []
    (beyond,) = startup_warnings("0.0.0.0", False, "k")
    assert "0.0.0.0" in beyond and "--require-key" in beyond
    assert len(startup_warnings("192.168.1.5", False, "ключ")) == 2


def test_repeated_posts_do_not_grow_the_server(tmp_path: Path) -> None:
    """Each POST used to leave half a megabyte behind in the server (DuckDB kept every transaction's undo
    data while a result stayed open on the server's long-lived connection), duplicates included."""
    db = write(tmp_path / "m.duckdb", deir_ez_zor_defections())
    server = Server(db, "k")
    try:
        records = _records()[:6]
        proc = psutil.Process(server.proc.pid)
        with httpx.Client(base_url=server.base, headers={"X-API-Key": "k"}, timeout=120) as c:
            for rec in records * 3:  # stored, then duplicates: models loaded, caches warm
                assert c.post("/articles", json=rec).status_code == 200
            before = proc.memory_info().rss
            for rec in records * 15:
                assert c.post("/articles", json=rec).status_code == 200
        grown = (proc.memory_info().rss - before) / 2**20
        assert grown < 15, f"90 POSTs grew the server by {grown:.1f} MB"
    finally:
        server.stop()
