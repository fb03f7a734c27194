"""Place matching throughput over corpus articles (single process, one core).

Usage: .venv/bin/python bench/bench_geo.py [N_PER_CORPUS]   (default 700 from each of the 3 corpora)
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus"


def main() -> None:
    per_corpus = int(sys.argv[1]) if len(sys.argv) > 1 else 700
    texts: list[str] = []
    for path in sorted(CORPUS_DIR.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= per_corpus:
                    break
                texts.append(json.loads(line)["text"])
    t0 = time.perf_counter()
    from rasd.geo.gazetteer import load

    load()
    load_s = time.perf_counter() - t0
    from rasd.geo import find_places

    t0 = time.perf_counter()
    mentions = sum(len(find_places(t)) for t in texts)
    elapsed = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    print(f"gazetteer load: {load_s:.2f} s")
    print(f"articles: {len(texts)}, chars: {chars}, place mentions: {mentions}")
    print(f"find_places: {elapsed:.2f} s -> {len(texts) / elapsed:.0f} articles/s on one core")


if __name__ == "__main__":
    main()
