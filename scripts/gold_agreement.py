"""Inter-annotator agreement on the double-annotated articles, with the reference scorer.

Each annotation is scored against the other, in both directions: one side is the gold (its optional events
earn nothing and cost nothing, as always), the other is read as a prediction made of its *required* events
only (an event its own annotator marked optional is no claim that it must be coded). The figure reported
is the mean of the two directions, as ACLED and UCDP report intercoder reliability: the ceiling any
extractor can be held to.

    python scripts/gold_agreement.py --first eval/gold/raw/A-*.jsonl --second eval/gold/raw/B-*.jsonl \
        --json eval/gold/agreement.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasd.tools import scorer  # noqa: E402

ARGUMENTS = ("location", "date", "actor1", "actor2", "count:fatalities", "count:injured", "count:arrested",
             "polarity", "genericity", "certainty")


def load(paths: list[Path]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for p in paths:
        out.update(scorer.load(str(p)))
    return out


def required_only(recs: dict[str, dict]) -> dict[str, dict]:
    return {k: {**v, "events": [e for e in v.get("events", []) if not e.get("optional")]} for k, v in recs.items()}


def summary(result: dict) -> dict:
    out = {key: result[key]["f1"] for key in ("events", "events_acled_type", "events_full_record")}
    for key in ARGUMENTS:
        if key in result["arguments"]:
            out[key] = result["arguments"][key]["accuracy"]
    counts = [v for k, v in result["arguments"].items() if k.startswith("count:")]
    if counts:
        out["counts"] = round(sum(v["correct"] for v in counts) / max(1, sum(v["scored"] for v in counts)), 4)
    out["speaker_recall"] = result["sources"]["recall"]
    out["stance_accuracy"] = result["sources"]["stance_accuracy"]
    return out


def agreement(first: dict[str, dict], second: dict[str, dict]) -> dict:
    ids = sorted(set(first) & set(second))
    a = {i: first[i] for i in ids}
    b = {i: second[i] for i in ids}
    ab = summary(scorer.score(a, required_only(b)))
    ba = summary(scorer.score(b, required_only(a)))
    mean = {}
    for key in ab.keys() | ba.keys():
        vals = [d[key] for d in (ab, ba) if isinstance(d.get(key), int | float)]
        if vals:
            mean[key] = round(sum(vals) / len(vals), 4)
    required = [sum(1 for e in d[i]["events"] if not e.get("optional")) for d in (a, b) for i in ids]
    return {"articles": len(ids), "required_events_per_annotation": sum(required) / 2,
            "mean": dict(sorted(mean.items())), "first_as_gold": ab, "second_as_gold": ba, "ids": ids}


def sentence_agreement(first: dict[str, dict], second: dict[str, dict]) -> dict:
    """Two labellings of the same sentences: whether each reports an event (accuracy and Cohen's kappa),
    the same set of kinds, and kind micro-F1 of one against the other."""
    ids = sorted(set(first) & set(second))
    a = [set(first[i].get("kinds") or []) for i in ids]
    b = [set(second[i].get("kinds") or []) for i in ids]
    n = len(ids)
    ea, eb = [bool(x) for x in a], [bool(x) for x in b]
    observed = sum(x == y for x, y in zip(ea, eb, strict=True)) / n
    pa, pb = sum(ea) / n, sum(eb) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    tp = sum(len(x & y) for x, y in zip(a, b, strict=True))
    fp, fn = sum(len(y - x) for x, y in zip(a, b, strict=True)), sum(len(x - y) for x, y in zip(a, b, strict=True))
    return {"sentences": n, "event_or_not_accuracy": round(observed, 4),
            "event_or_not_kappa": round((observed - expected) / (1 - expected), 4) if expected < 1 else 1.0,
            "same_kinds": round(sum(x == y for x, y in zip(a, b, strict=True)) / n, 4),
            "kind_f1": round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else 1.0,
            "first_events": sum(ea), "second_events": sum(eb)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--first", nargs="+", type=Path, required=True)
    ap.add_argument("--second", nargs="+", type=Path, required=True)
    ap.add_argument("--sentences", nargs=2, type=Path, default=None, metavar=("FIRST", "SECOND"),
                    help="Also: two labellings of the same sentences (eval/gold/raw/S-01.jsonl S-double.jsonl).")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    result = agreement(load(args.first), load(args.second))
    if args.sentences:
        result["sentences"] = sentence_agreement(load([args.sentences[0]]), load([args.sentences[1]]))
        print("sentences:", result["sentences"])
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{result['articles']} articles annotated twice")
    for key, value in result["mean"].items():
        print(f"  {key:22s} {value:.3f}")


if __name__ == "__main__":
    main()
