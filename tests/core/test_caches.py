"""The per-word caches a server trims: extraction fills them, trim empties them past a budget, and the
results do not change."""

from __future__ import annotations

from rasd import caches
from rasd.lang.ner.neural import load_neural_tagger, neural_available
from rasd.model import Article
from rasd.pipeline import process_article

TEXT = ("قصفت قوات النظام بالمدفعية الثقيلة بلدة كفرنبل في ريف إدلب الجنوبي، ما أدى إلى مقتل خمسة مدنيين، "
        "بحسب المرصد السوري لحقوق الإنسان.")


def _events():
    return [e.to_dict() for e in process_article(Article(id="t", text=TEXT, published="2017-02-21")).events]


def test_trim_empties_the_caches_past_a_budget_and_changes_no_result():
    first = _events()
    filled = caches.entries()
    assert filled > 0
    assert not caches.trim(filled)  # within the budget: kept
    assert caches.entries() == filled
    assert caches.trim(filled - 1)  # past it: emptied, the neural tagger's word rows included
    assert caches.entries() == 0
    if neural_available():
        assert len(load_neural_tagger()._rows) == 1024
    assert _events() == first
