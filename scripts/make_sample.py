"""Rebuild the bundled sample corpus (examples/sample/) from ../shared/data/corpus/, deterministically.

Picks conflict reporting (strikes, clashes, defections, displacement, arrests) across the three corpora
and many countries, keeping each article's id, outlet, date and url unchanged.
Run: python scripts/make_sample.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import shutil
from pathlib import Path

CONFLICT = re.compile(r"قصف|غارة|غارات|اشتباك|مقتل|قتلى|انشق|انشقاق|تهجير|نزوح|اعتقال|اختطاف|هجوم|تفجير|معارك")
DEFECTION = re.compile(r"انشق|انشقاق|المنشقين|المنشقون|فرار")
QUOTAS = {  # corpus file -> (articles, of which at least this many mention defection)
    "syria_war_unifiedfc.jsonl.gz": (130, 30),
    "almayadeen_2023_2024.jsonl.gz": (130, 10),
    "saudinewsnet_2015.jsonl.gz": (40, 0),
}


def _order(rec: dict) -> str:
    return hashlib.sha1(rec["id"].encode()).hexdigest()


def pick(path: Path, n: int, n_defection: int) -> list[dict]:
    pool = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec.get("text") or ""
            if not rec.get("published") or not (800 <= len(text) <= 12000):
                continue
            if len(CONFLICT.findall(text)) >= 3:
                pool.append(rec)
    pool.sort(key=_order)
    chosen = [r for r in pool if DEFECTION.search(r["text"])][:n_defection]
    ids = {r["id"] for r in chosen}
    chosen += [r for r in pool if r["id"] not in ids][: n - len(chosen)]
    return sorted(chosen, key=lambda r: (r["published"], r["id"]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", default="examples/sample")
    args = ap.parse_args()
    shared, out = Path(args.shared), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for name, (n, nd) in QUOTAS.items():
        records += pick(shared / "data/corpus" / name, n, nd)
    with open(out / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps({k: r.get(k) for k in ("id", "title", "text", "published", "outlet", "url")},
                                ensure_ascii=False) + "\n")
    shutil.copy(shared / "seed/article.jsonl", out / "seed.jsonl")
    print(f"wrote {len(records)} corpus articles and the seed article to {out}")


if __name__ == "__main__":
    main()
