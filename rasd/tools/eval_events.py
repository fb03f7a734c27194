"""``rasd eval events``: run extraction over a gold file's articles and score it with the reference scorer.

The gold file holds annotations only; the articles come from ``--input`` or, by convention, the file
beside the gold one named ``<stem>_input.jsonl``. Scoring is ``rasd.tools.scorer`` (the reference
``score.py``, vendored unchanged), so the figures are the ones anyone gets with the shared script.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rasd.tools import scorer


def default_input(gold: Path) -> Path | None:
    candidate = gold.with_name(gold.name.replace(".jsonl", "_input.jsonl"))
    return candidate if candidate.exists() else None


def predict(input_path: Path, on_article: Callable[[], None] | None = None) -> dict[str, dict[str, Any]]:
    """FORMAT.md predictions keyed by article id (every article, duplicates included)."""
    from rasd.runner import extract_stream

    out: dict[str, dict[str, Any]] = {}
    for result in extract_stream([str(input_path)], "local"):
        out[result.article.id] = result.to_output()
        if on_article is not None:
            on_article()
    return out


def evaluate(gold_path: Path, input_path: Path, km: float = 50.0) -> tuple[dict[str, Any], dict[str, dict]]:
    gold = scorer.load(str(gold_path))
    pred = predict(input_path)
    return scorer.score(gold, pred, km), pred


def _country(event: dict[str, Any]) -> str:
    """The country of an event: its first place's (gold lists acceptable places; the first is the one named)."""
    loc = event.get("location")
    first = loc[0] if isinstance(loc, list) and loc else loc
    return str((first or {}).get("country") or "??").upper() if isinstance(first, dict) else "??"


def _subset(recs: dict[str, dict], keep: Callable[[dict[str, Any]], bool]) -> dict[str, dict]:
    return {k: {**v, "events": [e for e in v.get("events") or [] if keep(e)]} for k, v in recs.items()}


def breakdown(gold: dict[str, dict], pred: dict[str, dict], km: float = 50.0) -> dict[str, dict[str, dict]]:
    """Event P/R/F1 (and place and actor accuracies) per country and per kind, with the reference scorer on
    the matching subsets of gold and predictions: a country's figures take the gold events placed there
    and the predictions placed there, a kind's the gold and predicted events of that kind."""
    out: dict[str, dict[str, dict]] = {"country": {}, "kind": {}}
    countries = {_country(e) for recs in (gold, pred) for r in recs.values() for e in r.get("events") or []}
    kinds = {e.get("kind") for r in gold.values() for e in r.get("events") or [] if not e.get("optional")}
    for axis, values, key in (("country", countries, _country), ("kind", kinds, lambda e: e.get("kind"))):
        for value in sorted(v for v in values if v):
            g = _subset(gold, lambda e, v=value, f=key: f(e) == v)
            if not any(not e.get("optional") for r in g.values() for e in r["events"]):
                continue
            res = scorer.score(g, _subset(pred, lambda e, v=value, f=key: f(e) == v), km)
            out[axis][value] = {**res["events"], **{f"arg_{a}": res["arguments"][a]["accuracy"]
                                                     for a in ("location", "actor1", "actor2")
                                                     if a in res["arguments"]}}
    return out


def sentence_scores(path: Path, split: str | None = None) -> dict[str, Any]:
    """Each labelled sentence read as a one-sentence article (with its article's publication date): how many
    of the sentences that report an event yield one of its kinds, and how many that report none (the hard
    negatives above all) yield any event."""
    import json

    from rasd.model import Article
    from rasd.pipeline import Pipeline

    pipeline = Pipeline()
    tallies: dict[str, list[int]] = {"event": [0, 0], "hard_negative": [0, 0], "negative": [0, 0], "kind": [0, 0]}
    by_why: dict[str, list[int]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if split and row.get("split") != split:
                continue
            article = Article(id=row["id"], text=row["text"], published=(row.get("source") or {}).get("published"))
            kinds = {e.kind for e in pipeline(article).events}
            if row["kinds"]:
                tallies["event"][0] += bool(kinds)
                tallies["event"][1] += 1
                tallies["kind"][0] += bool(kinds & set(row["kinds"]))
                tallies["kind"][1] += 1
                continue
            key = "hard_negative" if row.get("bucket") in ("event", "hard") else "negative"
            tallies[key][0] += bool(kinds)
            tallies[key][1] += 1
            why = by_why.setdefault(row.get("why") or "none", [0, 0])
            why[0] += bool(kinds)
            why[1] += 1
    rate = {k: round(v[0] / v[1], 4) if v[1] else None for k, v in tallies.items()}
    return {"event_sentences_found": rate["event"], "event_sentences_right_kind": rate["kind"],
            "hard_negatives_flagged": rate["hard_negative"], "other_negatives_flagged": rate["negative"],
            "counts": tallies, "flagged_by_why": {k: round(v[0] / v[1], 3) for k, v in sorted(by_why.items())}}
