"""Assemble the final gold and its splits from the annotation rounds (eval/gold/raw/).

Final gold of an article:
- drawn in the gold at scale (eval/gold/pool/): the adjudicated line (J-*) when it was coded twice, else its
  one annotation (A-*);
- from the earlier gold sets (listed with the set they came from in eval/gold/pool/earlier.jsonl, their text read
  from the corpora in ../shared): its revision to today's guide (R-*);
- drawn in a later round (eval/gold/pool/rest-N.jsonl; train, but LATER_DEV_SHARE of the third and fourth rounds'
  articles go to dev): its first annotation (C-* in the second round, E-* in the third, G-* in the fourth; the
  second annotations, D-*, F-* and H-*, measure agreement); an article not annotated yet is left out.

Splits (written down in eval/gold/README.md):
- test: the pool's blind-test side (time- and story-disjoint from the rest, see scripts/sample_gold.py), plus
  the earlier blind-test articles that fall in its window or gap (never tuned on);
- dev: the first DEV_NEW pool articles of the rest side in sha1 order, plus the other earlier blind-test articles;
- train: everything else, but earlier dev articles that fall in the test window or its gap are retired (they
  were tuned on, and their stories may continue into the test side).

Sentence labels (eval/gold/raw/S-*.jsonl and, of the second round, S2-*.jsonl, labelled from
eval/gold/sentence_batches/all.jsonl and all-2.jsonl) go to
eval/gold/sentences.jsonl with their split: test sentences come from test-side articles; a sentence from an
article of the event gold takes its split (the later rounds drew some); the rest go to dev when their
article's sha1 falls in the lowest DEV_SENTENCE_SHARE, else to train.

Run from the repository root: python scripts/gold_assemble.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold_batches import LATER_LETTERS  # noqa: E402
from sample_gold import GAP, TEST_WINDOW, side_of, story  # noqa: E402

GOLD = Path("eval/gold")
RAW = GOLD / "raw"
SALT = "rasd-gold-2026-12-splits"
DEV_NEW = 50
DEV_SENTENCE_SHARE = 0.15
#: the share of a later round's articles (by salted hash) that go to dev: the third round grows dev, on whose
#: 71 articles the decisions' thresholds moved by an event or two; the fourth (the rare kinds) sends to dev the
#: articles whose labelled sentences are dev (the sentence rule's share and hash), so no sentence changes split
LATER_DEV_SHARE = {3: 0.4, 4: DEV_SENTENCE_SHARE}
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


def corpus_articles(shared: Path, wanted: set[str]) -> dict[str, dict]:
    """The earlier gold's articles, read unchanged from the corpora (their inputs are only in the splits)."""
    out: dict[str, dict] = {}
    for path in sorted((shared / "data" / "corpus").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in wanted:
                    out[rec["id"]] = rec
    missing = wanted - out.keys()
    if missing:
        sys.exit(f"{shared}: the corpora lack {len(missing)} earlier gold articles ({', '.join(sorted(missing)[:3])})")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", type=Path)
    args = ap.parse_args()
    pool = {side: jsonl(GOLD / "pool" / f"{side}.jsonl") for side in ("test", "rest")}
    first, adjudicated, revised = lines("A-*.jsonl"), lines("J-*.jsonl"), lines("R-*.jsonl")
    earlier = jsonl(GOLD / "pool" / "earlier.jsonl")
    articles = corpus_articles(args.shared, {r["id"] for r in earlier})
    old_dev_stories = {story(r["id"]) for r in earlier if r["old_set"] != "test"}
    splits: dict[str, list[tuple[dict, dict]]] = {"train": [], "dev": [], "test": []}
    retired: list[str] = []
    for rec in pool["test"]:
        splits["test"].append((rec, adjudicated.get(rec["id"]) or first[rec["id"]]))
    rest = sorted(pool["rest"], key=lambda r: order(r["id"]))
    for i, rec in enumerate(rest):
        splits["dev" if i < DEV_NEW else "train"].append((rec, adjudicated.get(rec["id"]) or first[rec["id"]]))
    for row in earlier:
        rec, gold = articles[row["id"]], revised[row["id"]]
        if row["old_set"] == "test":
            corpus = rec["id"][:3]
            test_side = in_window_or_gap(rec) or (
                corpus == "ufc" and side_of("ufc", rec, old_dev_stories) == "test")
            splits["test" if test_side else "dev"].append((rec, gold))
        elif in_window_or_gap(rec):
            retired.append(rec["id"])
        else:
            splits["train"].append((rec, gold))
    unannotated = []
    for n, (letter, _) in LATER_LETTERS.items():  # rest side: train, and a share of the third round to dev
        path = GOLD / "pool" / f"rest-{n}.jsonl"
        annotated = lines(f"{letter}-*.jsonl")
        for rec in jsonl(path) if path.exists() else []:
            if rec["id"] not in annotated:
                unannotated.append(rec["id"])
                continue
            to_dev = int(order(rec["id"])[:8], 16) < LATER_DEV_SHARE.get(n, 0.0) * 2**32
            splits["dev" if to_dev else "train"].append((rec, annotated[rec["id"]]))
    for name, rows in splits.items():
        rows.sort(key=lambda r: order(r[0]["id"]))
        with open(GOLD / f"events_{name}_input.jsonl", "w", encoding="utf-8") as fi, \
                open(GOLD / f"events_{name}.jsonl", "w", encoding="utf-8") as fg:
            for rec, gold in rows:
                fi.write(json.dumps({k: rec[k] for k in KEEP if rec.get(k) is not None}, ensure_ascii=False) + "\n")
                fg.write(json.dumps(clean(gold), ensure_ascii=False) + "\n")
        print(f"{name}: {len(rows)} articles")
    print(f"retired (earlier dev articles in the test window or its gap): {', '.join(retired)}")
    if unannotated:
        print(f"later rounds: {len(unannotated)} drawn articles not annotated yet, left out")
    assemble_sentences({rec["id"]: name for name, rows in splits.items() for rec, _ in rows})


def assemble_sentences(article_split: dict[str, str]) -> None:
    """The labelled sentences with their split; a sentence from an article a later round drew into the event
    gold takes that article's split, so that no text is in two splits."""
    drawn = {r["id"]: r for r in jsonl(GOLD / "sentence_batches" / "all.jsonl")}
    labels = lines("S-[0-9]*.jsonl")
    if (GOLD / "sentence_batches" / "all-2.jsonl").exists():  # the second round (rest side only)
        drawn |= {r["id"]: r for r in jsonl(GOLD / "sentence_batches" / "all-2.jsonl")}
        labels |= lines("S2-[0-9]*.jsonl")
    out = []
    for sid, row in drawn.items():
        if sid not in labels:
            continue
        lab = labels[sid]
        article = row["source"]["article"]
        if row["split"] == "test":
            split = "test"
        elif article in article_split:
            split = article_split[article]
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
