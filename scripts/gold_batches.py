"""Split the drawn gold pool into annotation batches, with a second, independent annotation of some.

- `A-NN.jsonl`: every pool article once, in sha1 order, dealt round-robin so that each batch mixes
  countries, corpora and both sides of the split.
- `B-NN.jsonl`: the double-annotated articles again (the first DOUBLE event articles and the first
  DOUBLE_NONE no-event articles in sha1 order), for annotators who never see the A batch that holds them.
- `R-NN.jsonl`: the earlier gold articles with their gold, to be brought to today's guide (evidence,
  generic actors, sources that are not actors, tallies and history).

Later rounds (`--round N`, the pool's `rest-N.jsonl`; LATER_LETTERS names their batches, C and D for the
second round, E and F for the third, G and H for the rare kinds' fourth):
- `C-NN.jsonl`: every article once, dealt round-robin into LATER_BATCHES[N] batches as the A batches;
- `D-01.jsonl`: the first LATER_DOUBLE event and LATER_DOUBLE_NONE no-event articles coded a second time.

Run from the repository root: python scripts/gold_batches.py [--pool eval/gold/pool] [--out eval/gold/batches]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

A_BATCHES, DOUBLE, DOUBLE_NONE, B_SIZE, R_SIZE = 14, 40, 4, 22, 24
LATER_BATCHES = {2: 7, 3: 7, 4: 5}
LATER_DOUBLE = {2: 12, 3: 12, 4: 8}
LATER_DOUBLE_NONE = {2: 2, 3: 2, 4: 0}  # the fourth round draws event articles only
LATER_LETTERS = {2: ("C", "D"), 3: ("E", "F"), 4: ("G", "H")}
SALT = "rasd-gold-2026-12-batches"


def order(rec: dict) -> str:
    return hashlib.sha1((SALT + rec["id"]).encode()).hexdigest()


KEEP = ("id", "title", "text", "published", "outlet", "url", "old_set", "old_gold")  # not the stratum: no hint


def write(path: Path, recs: list[dict]) -> None:
    recs = [{k: r[k] for k in KEEP if k in r} for r in recs]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    print(f"{path}: {len(recs)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pool", default="eval/gold/pool", type=Path)
    ap.add_argument("--out", default="eval/gold/batches", type=Path)
    ap.add_argument("--round", type=int, default=1, choices=(1, *LATER_LETTERS))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.round > 1:
        later_round(args.round, args.pool, args.out)
        return
    pool = []
    for side in ("test", "rest"):
        pool += [json.loads(line) for line in open(args.pool / f"{side}.jsonl", encoding="utf-8")]
    pool.sort(key=order)
    batches: list[list[dict]] = [[] for _ in range(A_BATCHES)]
    for i, rec in enumerate(pool):
        batches[i % A_BATCHES].append(rec)
    for i, recs in enumerate(batches, 1):
        write(args.out / f"A-{i:02d}.jsonl", recs)
    double = [r for r in pool if r["stratum"] == "event"][:DOUBLE] + [r for r in pool if r["stratum"] == "none"][:DOUBLE_NONE]
    double.sort(key=order)
    for i in range(0, len(double), B_SIZE):
        write(args.out / f"B-{i // B_SIZE + 1:02d}.jsonl", double[i:i + B_SIZE])
    old = []
    for name in ("dev", "dev2", "test"):
        gold = {json.loads(x)["id"]: json.loads(x) for x in open(f"eval/gold/events_{name}.jsonl", encoding="utf-8")}
        for line in open(f"eval/gold/events_{name}_input.jsonl", encoding="utf-8"):
            rec = json.loads(line)
            old.append({**rec, "old_set": name, "old_gold": gold[rec["id"]]["events"]})
    for i in range(0, len(old), R_SIZE):
        write(args.out / f"R-{i // R_SIZE + 1:02d}.jsonl", old[i:i + R_SIZE])


def later_round(n: int, pool_dir: Path, out: Path) -> None:
    first, second = LATER_LETTERS[n]
    pool = sorted((json.loads(line) for line in open(pool_dir / f"rest-{n}.jsonl", encoding="utf-8")), key=order)
    batches: list[list[dict]] = [[] for _ in range(LATER_BATCHES[n])]
    for i, rec in enumerate(pool):
        batches[i % LATER_BATCHES[n]].append(rec)
    for i, recs in enumerate(batches, 1):
        write(out / f"{first}-{i:02d}.jsonl", recs)
    double = ([r for r in pool if r["stratum"] == "event"][:LATER_DOUBLE[n]]
              + [r for r in pool if r["stratum"] == "none"][:LATER_DOUBLE_NONE[n]])
    write(out / f"{second}-01.jsonl", sorted(double, key=order))

if __name__ == "__main__":
    main()
