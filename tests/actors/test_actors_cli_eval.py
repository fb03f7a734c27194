"""The command line and the gold-set scorer."""

import json

from rasd.tools.eval_actors import GOLD_PATH, read_gold, score
from tests.conftest import run_rasd


def test_resolve_actor_cli_prints_json_or_null():
    out = run_rasd("resolve-actor", "الطيران الروسي")
    assert out.returncode == 0
    assert json.loads(out.stdout) == {"id": "russia_military", "name_en": "Military Forces of Russia",
                                      "name_ar": "القوات المسلحة الروسية", "type": "foreign_military", "inter": 8,
                                      "affiliation": "Russia"}
    out = run_rasd("resolve-actor", "مستشفى الشفاء")
    assert out.returncode == 0 and json.loads(out.stdout) is None


def test_gold_file_is_well_formed_and_large_enough():
    gold = read_gold(GOLD_PATH)
    assert len(gold) >= 200
    assert sum(g["actor_id"] is None for g in gold) >= 20
    assert {g["article_id"].split("-")[0] for g in gold} == {"ufc", "may", "snn"}
    assert all(g["article_id"] != "seed" and g["text"] in g["context"] for g in gold)


def test_scorer_counts_the_three_kinds_of_error():
    rows = [{"text": "قسد", "context": "", "actor_id": "sdf"},
            {"text": "قسد", "context": "", "actor_id": "hts"},
            {"text": "مستشفى الشفاء", "context": "", "actor_id": "un"},
            {"text": "قسد", "context": "", "actor_id": None}]
    result = score(rows)
    assert (result.correct, result.wrong, result.missed, result.spurious) == (1, 1, 1, 1)
    assert result.accuracy == 0.25
