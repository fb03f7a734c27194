"""Throughput and peak memory of whole commands, measured from outside as a user would see them.

Each measurement runs ``rasd`` in a child process on a corpus sample and samples the resident memory of
the child and all its workers together (process pools and Ray included) every 50 ms.
"""

from __future__ import annotations

import gzip
import itertools
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass(slots=True)
class Measurement:
    label: str
    articles: int
    seconds: float
    peak_rss_mb: float

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def sample_corpus(corpus_dir: Path, n: int, out: Path) -> int:
    """Interleave the corpora of ``corpus_dir`` line by line into ``out``: n articles of every outlet."""
    files = sorted(corpus_dir.glob("*.jsonl.gz"))
    if not files:
        raise FileNotFoundError(f"{corpus_dir}: no *.jsonl.gz corpora")
    handles = [gzip.open(f, "rb") for f in files]
    written = 0
    try:
        with open(out, "wb") as fh:
            rows = itertools.chain.from_iterable(itertools.zip_longest(*handles))
            for line in (r for r in rows if r is not None):
                fh.write(line)
                written += 1
                if written >= n:
                    break
    finally:
        for h in handles:
            h.close()
    return written


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(label: str, args: list[str], articles: int) -> Measurement:
    """Run ``rasd ARGS`` and return its wall time and the peak RSS of its process tree."""
    t0 = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "rasd", *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    proc = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        try:
            peak = max(peak, _tree_rss(proc))
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - t0
    if child.returncode not in (0, 1):
        err = child.stderr.read().decode(errors="replace")[-2000:] if child.stderr else ""
        raise RuntimeError(f"rasd {' '.join(args)} failed ({child.returncode}): {err}")
    return Measurement(label, articles, seconds, peak / 2**20)


def _bench_command(command: str, corpus_dir: Path, n: int, engines: list[str],
                   workers: int | None) -> list[Measurement]:
    """``rasd COMMAND`` on the same n-article sample, once per engine, each into a fresh database."""
    results = []
    with tempfile.TemporaryDirectory(prefix="rasd-bench-") as tmp:
        src = Path(tmp) / "corpus.jsonl"
        count = sample_corpus(corpus_dir, n, src)
        for engine in engines:
            db = Path(tmp) / f"{command}-{engine}.duckdb"
            args = [command, str(src), "--db", str(db), "--engine", engine, "-q"]
            if workers:
                args += ["--workers", str(workers)]
            results.append(measure(f"{command} --engine {engine}", args, count))
    return results


def bench_ingest(corpus_dir: Path, n: int, engines: list[str], workers: int | None) -> list[Measurement]:
    """``rasd ingest`` (read, clean, hash, dedup, store; no extraction) per engine, on n articles."""
    return _bench_command("ingest", corpus_dir, n, engines, workers)


def bench_pipeline(corpus_dir: Path, n: int, engines: list[str], workers: int | None) -> list[Measurement]:
    """``rasd run`` (ingest, language layer, places, actors, events, claims, store, merge) per engine on n
    articles; the ``local`` engine is the per-core figure."""
    return _bench_command("run", corpus_dir, n, engines, workers)


def bench_steps(corpus_dir: Path, n: int) -> tuple[int, float, dict[str, float]]:
    """Seconds spent in each pipeline step over the same n-article sample, in this process (one core):
    (articles, total seconds, seconds by step). Articles are read and cleaned as ``rasd run`` does; the
    first article (loading models and tables) is not counted."""
    from rasd.ingest.prepare import Prepared, prepare
    from rasd.ingest.readers import read_inputs
    from rasd.ingest.record import RawArticle
    from rasd.pipeline import Pipeline

    with tempfile.TemporaryDirectory(prefix="rasd-bench-") as tmp:
        src = Path(tmp) / "corpus.jsonl"
        sample_corpus(corpus_dir, n, src)
        articles = []
        for raw in read_inputs([str(src)]):
            if isinstance(raw, RawArticle):
                ready = prepare(raw, with_signature=False)
                if isinstance(ready, Prepared):
                    articles.append(ready.article)
    warm = Pipeline()
    if articles:
        warm(articles[0])
    timed = Pipeline(timed=True)
    t0 = time.perf_counter()
    for a in articles[1:]:
        timed(a)
    return max(0, len(articles) - 1), time.perf_counter() - t0, dict(timed.seconds)


def long_document(corpus_dir: Path, chars: int, seed: int = 0) -> str:
    """The first ``chars`` characters of all the corpora's articles in one shuffled order (a fixed
    ``seed``), one article per paragraph: every size has the outlets' mix, and a shorter document is the
    start of a longer one."""
    import random

    files = sorted(corpus_dir.glob("*.jsonl.gz"))
    if not files:
        raise FileNotFoundError(f"{corpus_dir}: no *.jsonl.gz corpora")
    texts: list[str] = []
    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh]
    random.Random(seed).shuffle(texts)
    parts: list[str] = []
    size = 0
    for text in texts:
        if size >= chars:
            break
        parts.append(text)
        size += len(text) + 1
    return "\n".join(parts)[:chars]


def bench_long(corpus_dir: Path, sizes: list[int], repeat: int = 5) -> list[tuple[int, float, int, int]]:
    """Extraction CPU seconds of one document of each size (``process_article`` in this process, after a
    warm-up on the smallest; the best of ``repeat`` runs): ``(characters, seconds, events, mentions)``.

    CPU time, not wall time: on a shared machine other work stretches wall time by whole seconds."""
    from rasd.model import Article
    from rasd.pipeline import process_article

    process_article(Article(id="warm-up", text=long_document(corpus_dir, min(sizes)), published="2021-03-15"))
    out = []
    for n in sizes:
        article = Article(id=f"long-{n}", text=long_document(corpus_dir, n), published="2021-03-15")
        best = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            result = process_article(article)
            best = min(best, time.process_time() - t0)
        out.append((len(article.text), best, len(result.events), len(result.mentions)))
    return out


def bench_document_rss(corpus_dir: Path, megabytes: float, command: str) -> Measurement:
    """``rasd run`` (or ``extract``) on ONE text file of ``megabytes`` MB: wall time and peak RSS."""
    with tempfile.TemporaryDirectory(prefix="rasd-bench-") as tmp:
        doc = Path(tmp) / "document.txt"
        data = long_document(corpus_dir, int(megabytes * 2**20)).encode("utf-8")[: int(megabytes * 2**20)]
        doc.write_bytes(data.decode("utf-8", "ignore").encode("utf-8"))
        args = [command, str(doc), "--engine", "local"]
        args += ["--db", str(Path(tmp) / "doc.duckdb"), "-q"] if command == "run" else ["-o", str(Path(tmp) / "out.jsonl")]
        return measure(f"{command}: one {doc.stat().st_size / 2**20:.0f} MB document", args, 1)


def bench_posts(corpus_dir: Path, n: int, distinct: int | None, checkpoints: list[int]) -> list[tuple[int, float, int]]:
    """POST ``n`` articles one per request to a real ``rasd serve`` on a new database and read the
    server's RSS at each checkpoint: ``(posts, RSS MB, articles stored)``. With ``distinct``, the posts
    cycle over that many articles (the rest are duplicates)."""
    import os
    import secrets
    import socket
    import urllib.request

    with tempfile.TemporaryDirectory(prefix="rasd-bench-") as tmp:
        src = Path(tmp) / "corpus.jsonl"
        sample_corpus(corpus_dir, distinct or n, src)
        records = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        key = secrets.token_hex(16)
        server = subprocess.Popen([sys.executable, "-m", "rasd", "serve", "--db", str(Path(tmp) / "posts.duckdb"),
                                   "--port", str(port)], env={**os.environ, "RASD_API_KEY": key},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    urllib.request.urlopen(f"{base}/health", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.1)
            proc = psutil.Process(server.pid)
            out = []
            stored = 0
            for i in range(n):
                body = json.dumps(records[i % len(records)], ensure_ascii=False).encode("utf-8")
                req = urllib.request.Request(f"{base}/articles", data=body, method="POST",
                                             headers={"X-API-Key": key, "Content-Type": "application/json"})
                with urllib.request.urlopen(req, timeout=300) as r:
                    stored += json.loads(r.read())["stored"]
                if i + 1 in checkpoints:
                    out.append((i + 1, proc.memory_info().rss / 2**20, stored))
            return out
        finally:
            server.terminate()
            server.wait(30)
