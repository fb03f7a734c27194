"""Actor matching throughput: ``find_actors`` over corpus articles on one core (a benchmark, not a test).

Usage: .venv/bin/python bench/bench_actors.py [--articles 2000] [--corpus ../shared/data/corpus]
Takes the first N/3 articles of each corpus, warms the knowledge base up, then times one pass.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path


def load_articles(corpus_dir: Path, n: int) -> list[str]:
    files = sorted(corpus_dir.glob("*.jsonl.gz"))
    per_file = -(-n // len(files))
    texts: list[str] = []
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= per_file:
                    break
                texts.append(json.loads(line)["text"])
    return texts[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/data/corpus"))
    parser.add_argument("--repeat", type=int, default=3, help="passes; the best one is reported")
    args = parser.parse_args()

    t0 = time.perf_counter()
    from rasd.actors import find_actors, load_kb

    kb = load_kb()
    find_actors("تحميل")
    load_s = time.perf_counter() - t0
    texts = load_articles(args.corpus, args.articles)
    chars = sum(map(len, texts))
    best = float("inf")
    mentions = 0
    for _ in range(args.repeat):
        t = time.perf_counter()
        mentions = sum(len(find_actors(text)) for text in texts)
        best = min(best, time.perf_counter() - t)
    print(f"knowledge base: {len(kb.actors)} actors, {len(kb.aliases):,} alias keys; load + compile {load_s:.2f} s")
    print(f"{len(texts):,} articles ({chars / 1e6:.1f} M chars), {mentions:,} actor mentions")
    print(f"best of {args.repeat}: {best:.2f} s = {len(texts) / best:,.0f} articles/s on one core "
          f"({chars / best / 1e6:.1f} M chars/s)")


if __name__ == "__main__":
    main()
