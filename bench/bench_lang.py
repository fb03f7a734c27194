"""Benchmark the language layer: ``analyze`` over corpus articles on one core; articles/s and peak RSS.

    .venv/bin/python bench/bench_lang.py [--n 2000] [--no-entities] [--corpus PATH ...]

Articles are read first (not timed); the first 50 warm the caches and data loads and are timed
separately, so the rate is the steady state a long run sees. Peak RSS is the process maximum.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPORA = sorted((ROOT.parent / "shared" / "data" / "corpus").glob("*.jsonl.gz"))


def read_articles(paths: list[Path], n: int) -> list[dict]:
    """Round-robin over the corpora so each outlet's style is in the sample."""
    handles = [gzip.open(p, "rt", encoding="utf-8") for p in paths]
    out: list[dict] = []
    while len(out) < n and handles:
        for h in list(handles):
            line = h.readline()
            if not line:
                handles.remove(h)
                continue
            out.append(json.loads(line))
            if len(out) >= n:
                break
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--no-entities", action="store_true", help="skip the NER tagger")
    ap.add_argument("--corpus", type=Path, nargs="*", default=CORPORA)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    articles = read_articles(args.corpus, args.n)
    chars = sum(len(a.get("text") or "") for a in articles)

    from rasd.lang import analyze

    warm = 50
    t0 = time.perf_counter()
    for a in articles[:warm]:
        analyze(a.get("text") or "", a.get("published"), entities=not args.no_entities)
    t1 = time.perf_counter()
    tokens = numbers = dates = entities = 0
    for a in articles[warm:]:
        doc = analyze(a.get("text") or "", a.get("published"), entities=not args.no_entities)
        tokens += len(doc.tokens)
        numbers += len(doc.numbers)
        dates += len(doc.dates)
        entities += len(doc.entities)
    t2 = time.perf_counter()
    steady = len(articles) - warm
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "articles": len(articles),
        "mean_chars": round(chars / len(articles)),
        "entities": not args.no_entities,
        "warmup_s": round(t1 - t0, 2),
        "steady_articles_per_s": round(steady / (t2 - t1), 1),
        "overall_articles_per_s": round(len(articles) / (t2 - t0), 1),
        "tokens_per_s": round(tokens / (t2 - t1)),
        "found_per_article": {"tokens": round(tokens / steady), "numbers": round(numbers / steady, 1),
                              "dates": round(dates / steady, 1), "entities": round(entities / steady, 1)},
        "peak_rss_mb": round(peak_mb),
    }, indent=1))


if __name__ == "__main__":
    main()
