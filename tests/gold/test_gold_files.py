"""The gold is sound: every file matches FORMAT.md and the guide, the splits are disjoint by story and time,
and the agreement figures exist for the double-annotated articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.model import KINDS
from rasd.tools.gold import check_gold, read_jsonl
from tests.conftest import ROOT

GOLD = ROOT / "eval" / "gold"
SPLITS = ("train", "dev", "test")
COUNTRIES = {"SY", "IQ", "LB", "PS", "YE", "SD", "LY"}


def ids(path: Path) -> list[str]:
    return [rec["id"] for _, rec in read_jsonl(path)]


@pytest.mark.parametrize("split", SPLITS)
def test_every_gold_file_matches_the_format_and_the_guide(split):
    problems = check_gold(GOLD / f"events_{split}.jsonl", GOLD / f"events_{split}_input.jsonl", require_evidence=True)
    assert problems == []


def test_the_seed_gold_matches_the_format():
    assert check_gold(GOLD / "seed.gold.jsonl", ROOT / "examples" / "sample" / "seed.jsonl",
                      require_evidence=False) == []


def test_the_checker_catches_what_the_format_forbids(tmp_path):
    text = "قتل 3 أشخاص في قصف على البلدة."
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n")
    bad = {"id": "a", "events": [{"kind": "bombing", "counts": {"fatalities": {"low": 5, "best": 3, "high": 4}},
                                  "location": [{"name": "x"}], "evidence": [{"start": 0, "end": 999}]}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(bad) + "\n")
    problems = " ".join(check_gold(tmp_path / "gold.jsonl", tmp_path / "in.jsonl"))
    for expected in ("unknown kind", "low <= best <= high", "neither coordinates nor a country", "outside the text"):
        assert expected in problems


def test_splits_are_disjoint_large_enough_and_cover_the_region():
    by_split = {s: set(ids(GOLD / f"events_{s}.jsonl")) for s in SPLITS}
    assert sum(map(len, by_split.values())) >= 400
    assert len(by_split["train"]) >= 250 and len(by_split["test"]) >= 80
    assert not (by_split["train"] & by_split["dev"] or by_split["train"] & by_split["test"]
                or by_split["dev"] & by_split["test"])
    test_countries = set()
    for _, rec in read_jsonl(GOLD / "events_test.jsonl"):
        for e in rec["events"]:
            loc = e.get("location")
            first = loc[0] if isinstance(loc, list) and loc else loc or {}
            test_countries.add(first.get("country"))
    assert COUNTRIES <= test_countries


def test_no_story_is_on_both_sides_of_the_blind_test():
    from scripts.sample_gold import GAP, TEST_WINDOW, story

    inputs = {s: [rec for _, rec in read_jsonl(GOLD / f"events_{s}_input.jsonl")] for s in SPLITS}
    test_stories = {story(r["id"]) for r in inputs["test"] if r["id"].startswith("ufc-")}
    for split in ("train", "dev"):
        for rec in inputs[split]:
            assert story(rec["id"]) not in test_stories or not rec["id"].startswith("ufc-")
            corpus = rec["id"][:3]
            if corpus in TEST_WINDOW and rec.get("published"):
                day = rec["published"][:10]
                assert not any(lo <= day <= hi for lo, hi in (TEST_WINDOW[corpus], GAP[corpus])), rec["id"]


def test_sentence_labels_are_complete_and_hold_hard_negatives():
    rows = [rec for _, rec in read_jsonl(GOLD / "sentences.jsonl")]
    assert len(rows) >= 3000 and len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["text"] and set(r["kinds"]) <= set(KINDS) and r["split"] in SPLITS
        assert r["kinds"] or r["why"], r["id"]
    hard = [r for r in rows if not r["kinds"] and r["bucket"] in ("event", "hard")]
    assert len(hard) >= 1000


def test_agreement_figures_cover_at_least_forty_articles():
    agreement = json.loads((GOLD / "agreement.json").read_text(encoding="utf-8"))
    assert agreement["articles"] >= 40
    for key in ("events", "events_acled_type", "location", "date", "actor1", "actor2", "counts",
                "speaker_recall", "stance_accuracy"):
        assert 0.0 <= agreement["mean"][key] <= 1.0
    assert agreement["sentences"]["sentences"] >= 100
