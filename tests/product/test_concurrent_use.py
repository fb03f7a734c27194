"""The CLI, DuckDB clients and the server share one database file at the same time.

A real `rasd serve` with writes enabled runs on the file while a real `rasd run` adds articles to it,
`rasd query` and `rasd stats` read it, the API answers reads and takes a POST, and afterwards a plain
DuckDB client opens the file read-only while the server is still up.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, run_rasd, write_jsonl
from tests.serve.test_serve_api import Server

pytestmark = pytest.mark.slow


def test_serve_run_and_query_on_the_same_file(tmp_path: Path, sample_records: list[dict]) -> None:
    first, second, posted = sample_records[:60], sample_records[60:200], sample_records[200:203]
    db = tmp_path / "shared.duckdb"
    done = run_rasd("run", str(write_jsonl(tmp_path / "first.jsonl", first)), "--db", str(db), "-q",
                    "--engine", "local")
    assert done.returncode == 0, done.stderr
    key = secrets.token_hex(8)
    server = Server(db, key)
    api = httpx.Client(base_url=server.base, timeout=120)
    try:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        run = subprocess.Popen([sys.executable, "-m", "rasd", "run", str(write_jsonl(tmp_path / "second.jsonl", second)),
                                "--db", str(db), "-q", "--engine", "local", "--batch-size", "20"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        reads = queries = overlapped = 0
        post = None
        while run.poll() is None or queries == 0:
            r = api.get("/events", params={"limit": 5})
            assert r.status_code == 200, r.text
            reads += 1
            q = run_rasd("query", "events", "--db", str(db), "--format", "json", "--limit", "5")
            assert q.returncode == 0, q.stderr.decode()
            assert json.loads(q.stdout)["total"] >= 0
            queries += 1
            overlapped += run.poll() is None  # the run was still writing while we read
            if post is None:
                post = api.post("/articles", json=posted, headers={"X-API-Key": key})
                assert post.status_code == 200, post.text
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()[-2000:]
        assert reads and queries and post is not None
        assert overlapped, "the run finished before any read could overlap it; give it more articles"
        assert post.json()["stored"] == len(posted)

        stats = run_rasd("stats", "--db", str(db), "--json")  # the server is still running
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)["articles"] == len(first) + len(second) + len(posted)
        cli_total = json.loads(run_rasd("query", "events", "--db", str(db), "--format", "json",
                                        "--limit", "0").stdout)["total"]
        assert api.get("/events", params={"limit": 0}).json()["total"] == cli_total
        # a plain DuckDB client, without any retry, opens the file the idle server shares
        client = subprocess.run([sys.executable, "-c", "import duckdb, sys; con = duckdb.connect(sys.argv[1], "
                                 "read_only=True); print(con.execute('SELECT count(*) FROM articles').fetchone()[0])",
                                 str(db)], capture_output=True, timeout=60)
        assert client.returncode == 0, client.stderr.decode()
        assert int(client.stdout) == len(first) + len(second) + len(posted)
    finally:
        api.close()
        server.stop()
