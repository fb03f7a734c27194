"""The watch commands as a user runs them: `rasd watch` stopped by SIGTERM and restarted, `rasd sources`,
`rasd alerts`, and one-line errors for bad sources and alerts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE, run_rasd
from tests.watch.local_sites import Article, Site, serve_site

pytestmark = pytest.mark.slow


def _articles(n: int) -> list[Article]:
    with open(SAMPLE / "corpus.jsonl", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh][:n]
    return [Article(f"story-{2000 + i}", r.get("title") or r["text"][:60], r["text"], r.get("published") or "2020-01-01")
            for i, r in enumerate(recs)]


def test_watch_stops_on_sigterm_and_restarts_without_fetching_twice(tmp_path: Path) -> None:
    site = Site()
    for a in _articles(4):
        site.add(a)
    db = tmp_path / "cli.duckdb"
    sources = tmp_path / "feeds.txt"
    with serve_site(site):
        sources.write_text(f"# outlets\n{site.url('/feed.xml')} | Local News | ar\n\n", encoding="utf-8")
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        proc = subprocess.Popen([sys.executable, "-m", "rasd", "watch", "--sources", str(sources), "--db", str(db),
                                 "--every", "1", "--host-interval", "0"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while site.hits("/feed.xml") < 2 and time.monotonic() < deadline:  # the first cycle is done
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
        assert b"stopping after the current cycle" in err
        pages = {f"/news/story-{2000 + i}": site.hits(f"/news/story-{2000 + i}") for i in range(4)}
        assert set(pages.values()) == {1}

        site.add(_articles(5)[4])
        again = run_rasd("watch", site.url("/feed.xml"), "--db", str(db), "--once", "--host-interval", "0")
        assert again.returncode == 0, again.stderr.decode(errors="replace")[-2000:]
        assert {p: site.hits(p) for p in pages} == pages  # nothing fetched twice
        assert site.hits("/news/story-2004") == 1

    shown = run_rasd("sources", "--db", str(db), "--json")
    assert shown.returncode == 0
    (row,) = json.loads(shown.stdout)
    assert row["kind"] == "feed" and row["outlet"] == "Local News" and row["language"] == "ar"
    assert row["items"] == 5 and row["articles"] == 5 and row["last_status"] == "ok"
    table = run_rasd("sources", "--db", str(db))
    assert table.returncode == 0 and b"Local News" in table.stdout


def test_bad_sources_and_alerts_are_one_line_errors(tmp_path: Path) -> None:
    db = tmp_path / "bad.duckdb"
    missing = run_rasd("watch", str(tmp_path / "nowhere"), "--db", str(db), "--once")
    assert missing.returncode == 2
    lines = missing.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "nowhere" in lines[0] and "no such folder" in lines[0]
    listing = tmp_path / "feeds.txt"
    listing.write_text("https://example.org/feed | Outlet | not a language\n", encoding="utf-8")
    bad_list = run_rasd("watch", "--sources", str(listing), "--db", str(db), "--once")
    assert bad_list.returncode == 2 and f"{listing}:1:" in bad_list.stderr.decode()
    bad_hook = run_rasd("alerts", "add", "--db", str(db), "--kind", "defection", "--webhook", "file:///etc/passwd")
    assert bad_hook.returncode == 2 and "webhook" in bad_hook.stderr.decode()
    bad_kind = run_rasd("alerts", "add", "--db", str(db), "--kind", "picnic", "--webhook", "http://127.0.0.1:9/h")
    assert bad_kind.returncode == 2 and "picnic" in bad_kind.stderr.decode()
    made = run_rasd("alerts", "add", "--db", str(db), "--kind", "defection", "--country", "SY", "--admin1",
                    "Deir ez-Zor", "--webhook", "http://127.0.0.1:9/hook", "--name", "defections")
    assert made.returncode == 0
    alert_id = made.stdout.decode().strip()
    listed = json.loads(run_rasd("alerts", "list", "--db", str(db), "--json").stdout)
    assert [(a["id"], a["kinds"], a["country"], a["admin1"]) for a in listed] == [
        (alert_id, ["defection"], "SY", "Deir ez-Zor")]
    assert run_rasd("alerts", "remove", alert_id, "--db", str(db)).returncode == 0
    assert json.loads(run_rasd("alerts", "list", "--db", str(db), "--json").stdout) == []
    assert run_rasd("alerts", "remove", alert_id, "--db", str(db)).returncode == 1
