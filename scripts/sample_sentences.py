"""Draw the sentences to label with the event kinds they report (eval/gold/sentences.jsonl), deterministically.

The rule:
1. Articles: every corpus article with a `published` date (UnifiedFC: with or without) that is not in the gold pool, the earlier gold,
   the sample or the seed, and not in the gap between the blind-test window and the rest; each keeps the
   side (test / rest) that `sample_gold.py` gives it, so that sentence and article splits agree.
2. Sentences: the kit's splitter (`rasd.tools.gold.sentences`); kept when 40-350 characters long, at least
   six words and three quarters Arabic letters among its letters (drops menus and English boilerplate).
3. Buckets, each ordered by sha1(SALT + article id + offset) and filled to its share:
   - `event`: an event word (EVENT);
   - `hard`: an event word and a cue of a non-report: plan, threat, call, condemnation, question, tally,
     history, denial, fiction, metaphor (HARD);
   - `people`: no event word, but fighters, protesters, soldiers or an armed group (PEOPLE);
   - `plain`: none of these (ordinary news).
   At most two sentences per article, and no two sentences with the same first eight words.
4. Corpus shares: Al Mayadeen 45%, SaudiNewsNet 30%, UnifiedFC 25%.

Run from the repository root:
    python scripts/sample_sentences.py [--shared ../shared] [-n 3400] [--out eval/gold/sentence_batches]
It writes `S-NN.jsonl` batches of BATCH sentences, and `S-double.jsonl` (a second labelling of the first
DOUBLE sentences, for agreement).

`--round 2` draws more train and dev sentences (issue 16) by the same rule with its own salt, on the rest side
only (the blind test's sentences stay as they are), from articles that gave no sentence to the first round and
are in no gold pool of any round: `S2-NN.jsonl`, `S2-double.jsonl` and `all-2.jsonl`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_gold import CORPORA, EVENT, read_ids, side_of, story  # noqa: E402

from rasd.tools.gold import sentences  # noqa: E402

SALT = "rasd-sentences-2026-12"
HARD = re.compile(
    r"(?<!\w)(سوف|س[يتن]\w+|تعتزم|يعتزم|تستعد|يستعد|تخطط|يخطط|يهدد|تهدد|هدد|هددت|تحذر|يحذر|حذر|حذرت|دعا|دعت"
    r"|يدعو|تدعو|طالب|طالبت|يطالب|دان|دانت|أدان|أدانت|يدين|تدين|استنكر|استنكرت|هل|إذا|لو|منذ بدء|منذ بداية"
    r"|حصيلة|إجمالي|ارتفع عدد|عام \d{4}|في عام|خلال الحرب|نفى|نفت|ينفي|تنفي|لا صحة|فيلم|رواية|مسلسل|مباراة"
    r"|ذكرى|إحياء)(?!\w)"
)
PEOPLE = re.compile(r"مقاتل|مسلح|متظاهر|محتج|جنود|الجيش|قوات|ميليشي|ميلشي|فصائل|الفصائل|عناصر|المعارضة|الاحتلال")
ARABIC = re.compile(r"[\u0621-\u064a]")
LATIN = re.compile(r"[A-Za-z]")
SHARES = {"may": 0.45, "snn": 0.30, "ufc": 0.25}
BUCKETS = {"event": 0.40, "hard": 0.35, "people": 0.15, "plain": 0.10}
BATCH, DOUBLE = 400, 200


def bucket_of(sentence: str) -> str:
    has_event = EVENT.search(sentence) is not None
    if has_event and HARD.search(sentence):
        return "hard"
    if has_event:
        return "event"
    return "people" if PEOPLE.search(sentence) else "plain"


def usable(sentence: str) -> bool:
    if not 40 <= len(sentence) <= 350 or len(sentence.split()) < 6:
        return False
    arabic, latin = len(ARABIC.findall(sentence)), len(LATIN.findall(sentence))
    return arabic >= 3 * latin and arabic > 20


def key(*parts: object, salt: str = SALT) -> str:
    return hashlib.sha1((salt + "|".join(map(str, parts))).encode()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("-n", type=int, default=3400)
    ap.add_argument("--out", default="eval/gold/sentence_batches", type=Path)
    ap.add_argument("--round", type=int, default=1, choices=(1, 2))
    args = ap.parse_args()
    pool = Path("eval/gold/pool")
    with open(pool / "earlier.jsonl", encoding="utf-8") as fh:
        earlier = {row["id"]: row["old_set"] for row in map(json.loads, fh)}
    old_dev_stories = {story(i) for i, old_set in earlier.items() if old_set != "test"}
    drawn = [pool / "test.jsonl", pool / "rest.jsonl"]
    salt, prefix = SALT, "S"
    if args.round == 2:
        salt, prefix = SALT + "-round-2", "S2"
        drawn += sorted(pool.glob("rest-*.jsonl"))
    taken = set(earlier) | read_ids(drawn + sorted(Path("examples/sample").glob("*.jsonl"))) | {"seed"}
    if args.round == 2:
        with open(args.out / "all.jsonl", encoding="utf-8") as fh:
            taken |= {json.loads(line)["source"]["article"] for line in fh}
    candidates: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    for corpus, name in CORPORA.items():
        with gzip.open(Path(args.shared) / "data/corpus" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in taken or (corpus != "ufc" and not rec.get("published")):
                    continue
                side = side_of(corpus, rec, old_dev_stories)
                if side is None or (args.round == 2 and side == "test"):
                    continue
                text = rec["text"]
                for start, end in sentences(text):
                    s = text[start:end]
                    if usable(s):
                        row = {"id": f"s-{rec['id']}-{start}", "text": s,
                               "source": {"article": rec["id"], "start": start, "end": end, "corpus": corpus,
                                          "published": rec["published"], "outlet": rec.get("outlet")},
                               "split": "test" if side == "test" else "rest", "bucket": bucket_of(s)}
                        candidates.setdefault((corpus, row["bucket"]), []).append((key(rec["id"], start, salt=salt), row))
    chosen: list[dict] = []
    per_article: dict[str, int] = {}
    openings: set[str] = set()
    for corpus, share in SHARES.items():
        for bucket, bshare in BUCKETS.items():
            want = round(args.n * share * bshare)
            got = 0
            for _, row in sorted(candidates.get((corpus, bucket), []), key=lambda r: r[0]):
                if got == want:
                    break
                art = row["source"]["article"]
                opening = " ".join(row["text"].split()[:8])
                if per_article.get(art, 0) >= 2 or opening in openings:
                    continue
                per_article[art] = per_article.get(art, 0) + 1
                openings.add(opening)
                chosen.append(row)
                got += 1
            print(f"{corpus} {bucket}: {got} of {want}")
    chosen.sort(key=lambda r: key(r["id"], salt=salt))
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(0, len(chosen), BATCH):
        batch = [{k: r[k] for k in ("id", "text")} for r in chosen[i:i + BATCH]]
        (args.out / f"{prefix}-{i // BATCH + 1:02d}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in batch), encoding="utf-8")
    double = [{k: r[k] for k in ("id", "text")} for r in chosen[:DOUBLE]]
    (args.out / f"{prefix}-double.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in double),
                                             encoding="utf-8")
    (args.out / ("all.jsonl" if args.round == 1 else f"all-{args.round}.jsonl")).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chosen),
                                        encoding="utf-8")
    print(f"{len(chosen)} sentences in {(len(chosen) + BATCH - 1) // BATCH} batches -> {args.out}")


if __name__ == "__main__":
    main()
