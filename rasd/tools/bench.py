"""Throughput and peak memory of whole commands, measured from outside as a user would see them.

Each measurement runs ``rasd`` in a child process on a corpus sample and samples the resident memory of
the child and all its workers together (process pools and Ray included) every 50 ms.
"""

from __future__ import annotations

import gzip
import itertools
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
