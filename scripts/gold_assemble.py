"""Assemble the final gold and its splits from the annotation rounds (eval/gold/raw/).

Final gold of an article:
- drawn in the gold at scale (eval/gold/pool/): the adjudicated line (J-*) when it was coded twice, else its
  one annotation (A-*);
- from the earlier gold sets: its revision to today's guide (R-*).

Splits (written down in eval/gold/README.md):
- test: the pool's blind-test side (time- and story-disjoint from the rest, see scripts/sample_gold.py), plus
  the earlier blind-test articles that fall in its window or gap (never tuned on);
- dev: the first DEV_NEW pool articles of the rest side in sha1 order, plus the other earlier blind-test articles;
- train: everything else, but earlier dev articles that fall in the test window or its gap are retired (they
  were tuned on, and their stories may continue into the test side).

Sentence labels (eval/gold/raw/S-*.jsonl, labelled from eval/gold/sentence_batches/) go to
eval/gold/sentences.jsonl with their split: test sentences come from test-side articles; the rest go to dev
when their article's sha1 falls in the lowest DEV_SENTENCE_SHARE, else to train.

Run from the repository root: python scripts/gold_assemble.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_gold import GAP, TEST_WINDOW, side_of, story  # noqa: E402

GOLD = Path("eval/gold")
RAW = GOLD / "raw"
SALT = "rasd-gold-2026-12-splits"
DEV_NEW = 50
DEV_SENTENCE_SHARE = 0.15
OLD_SETS = ("dev", "dev2", "test")
KEEP = ("id", "title", "text", "published", "outlet", "url")


def order(key: str) -> str:
    return hashlib.sha1((SALT + key).encode()).hexdigest()


def jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def lines(pattern: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for p in sorted(RAW.glob(pattern)):
        if p.name.endswith(".log.jsonl"):
            continue
        for rec in jsonl(p):
            out[rec["id"]] = rec
    return out


def in_window_or_gap(rec: dict) -> bool:
    corpus = rec["id"][:3]
    if corpus not in TEST_WINDOW or not rec.get("published"):
        return False
    day = rec["published"][:10]
    return any(lo <= day <= hi for lo, hi in (TEST_WINDOW[corpus], GAP[corpus]))


def clean(gold: dict) -> dict:
    """The gold line as the splits keep it: id, events (and an article note when there is one)."""
    out = {"id": gold["id"], "events": gold["events"]}
    if gold.get("note"):
        out["note"] = gold["note"]
    return out


def main() -> None:
    pool = {side: jsonl(GOLD / "pool" / f"{side}.jsonl") for side in ("test", "rest")}
    first, adjudicated, revised = lines("A-*.jsonl"), lines("J-*.jsonl"), lines("R-*.jsonl")
    old_inputs = {name: jsonl(GOLD / f"events_{name}_input.jsonl") for name in OLD_SETS}
    old_dev_stories = {story(r["id"]) for name in ("dev", "dev2") for r in old_inputs[name]}
    splits: dict[str, list[tuple[dict, dict]]] = {"train": [], "dev": [], "test": []}
    retired: list[str] = []
    for rec in pool["test"]:
        splits["test"].append((rec, adjudicated.get(rec["id"]) or first[rec["id"]]))
    rest = sorted(pool["rest"], key=lambda r: order(r["id"]))
    for i, rec in enumerate(rest):
        splits["dev" if i < DEV_NEW else "train"].append((rec, adjudicated.get(rec["id"]) or first[rec["id"]]))
    for name in OLD_SETS:
        for rec in old_inputs[name]:
            gold = revised[rec["id"]]
            if name == "test":
                corpus = rec["id"][:3]
                test_side = in_window_or_gap(rec) or (
                    corpus == "ufc" and side_of("ufc", rec, old_dev_stories) == "test")
                splits["test" if test_side else "dev"].append((rec, gold))
            elif in_window_or_gap(rec):
                retired.append(rec["id"])
            else:
                splits["train"].append((rec, gold))
    for name, rows in splits.items():
        rows.sort(key=lambda r: order(r[0]["id"]))
        with open(GOLD / f"events_{name}_input.jsonl", "w", encoding="utf-8") as fi, \
                open(GOLD / f"events_{name}.jsonl", "w", encoding="utf-8") as fg:
            for rec, gold in rows:
                fi.write(json.dumps({k: rec[k] for k in KEEP if rec.get(k) is not None}, ensure_ascii=False) + "\n")
                fg.write(json.dumps(clean(gold), ensure_ascii=False) + "\n")
        print(f"{name}: {len(rows)} articles")
    for name in ("dev2",):
        for suffix in ("", "_input"):
            stale = GOLD / f"events_{name}{suffix}.jsonl"
            if stale.exists():
                stale.unlink()
    print(f"retired (earlier dev articles in the test window or its gap): {', '.join(retired)}")
    assemble_sentences()


def assemble_sentences() -> None:
    drawn = {r["id"]: r for r in jsonl(GOLD / "sentence_batches" / "all.jsonl")}
    labels = lines("S-[0-9]*.jsonl")
    out = []
    for sid, row in drawn.items():
        if sid not in labels:
            continue
        lab = labels[sid]
        article = row["source"]["article"]
        if row["split"] == "test":
            split = "test"
        else:
            split = "dev" if int(order(article)[:8], 16) < DEV_SENTENCE_SHARE * 16**8 else "train"
        out.append({"id": sid, "text": row["text"], "kinds": sorted(set(lab.get("kinds") or [])),
                    "why": None if lab.get("kinds") else lab.get("why"), "source": row["source"],
                    "bucket": row["bucket"], "split": split})
    out.sort(key=lambda r: order(r["id"]))
    with open(GOLD / "sentences.jsonl", "w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"sentences: {len(out)} labelled of {len(drawn)} drawn")


if __name__ == "__main__":
    main()
