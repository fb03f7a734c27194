"""The shipped NER model on real corpus sentences and on the seed article."""

from pathlib import Path

import pytest

from rasd.lang.ner import extract_entities, tag_tokens
from rasd.lang.ner.model import MODEL_PATH, active_tagger, spans_from_tags
from rasd.lang.ner.tokenize import token_strings
from rasd.tools.eval_ner import score

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article.txt"

# Real sentences from the Al Mayadeen and UnifiedFC corpora (../shared/data/corpus/).
SENTENCES = [
    "قال المتحدث الرسمي باسم وزارة الخارجية المصرية أحمد أبو زيد، اليوم الاثنين، إنّ الرئيس السوري بشار "
    "الأسد التقى وزير الخارجية المصري سامح شكري في دمشق.",
    "قالت وزارة الخارجية الروسية يوم الأحد إن وزير الخارجية سيرغي لافروف , ونظيره الأميركي جون كيري , "
    "ناقشا في محادثة هاتفية تطبيع الوضع في مدينة حلب السورية .",
    "جاء ذلك خلال محادثات هاتفية أجراها مع كل من رئيس المكتب السياسي لحماس إسماعيل هنية، والأمين العام "
    "لحركة الجهاد الاسلامي زياد النخالة.",
    "وفي وقت سابق، قال وزير الخارجية الهنغاري بيتر سيارتو، خلال كلمة له أمام مجلس الأمن الدولي في الأمم "
    'المتحدة: "بدلاً من نشر مزيد من الأسلحة، الآن، يجب أن نبدأ بالتركيز على وقف إطلاق النار".',
]


def _by_label(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in extract_entities(text):
        out.setdefault(m.label, []).append(m.text)
    return out


def test_model_file_is_shipped_and_small():
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size < 50_000_000


def test_empty_and_blank_text():
    assert extract_entities("") == []
    assert extract_entities(" \n\t ") == []
    assert tag_tokens([]) == []


def test_offsets_and_labels_are_consistent():
    for text in SENTENCES:
        mentions = extract_entities(text)
        assert mentions
        for m in mentions:
            assert text[m.start : m.end] == m.text
            assert m.label in {"PER", "ORG", "LOC", "MISC"}
            assert m.text == m.text.strip() and m.text[0] not in '«“"(،,'


def test_tag_tokens_gives_one_valid_tag_per_token():
    tokens = token_strings(SENTENCES[0])
    tags = tag_tokens(tokens)
    assert len(tags) == len(tokens)
    assert all(t == "O" or (t[:2] in ("B-", "I-") and t[2:] in {"PER", "ORG", "LOC", "MISC"}) for t in tags)


def test_titled_person_names_are_per():
    found = [_by_label(s).get("PER", []) for s in SENTENCES[:3]]
    assert any("بشار الأسد" in p for p in found[0])
    assert any("لافروف" in p for p in found[1])
    assert any("كيري" in p for p in found[1])
    assert any("إسماعيل هنية" in p for p in found[2])


@pytest.mark.xfail(
    active_tagger() == "crf",
    reason="CRF: pass 1 tags it PER (p=0.86) but the document-memory pass 2 drops it in this one-sentence "
    "document; two passes still score better on held-out train (0.777 vs 0.765)",
    strict=False,
)
def test_person_after_an_organisation_name_is_per():
    assert any("زياد النخالة" in p for p in _by_label(SENTENCES[2]).get("PER", []))


def test_well_known_places_are_loc():
    assert "دمشق" in _by_label(SENTENCES[0]).get("LOC", [])
    assert "حلب" in _by_label(SENTENCES[1]).get("LOC", [])


def test_well_known_organisations_are_org():
    # ANERcorp does not tag ministries (وزارة الخارجية) as ORG, so neither does the model.
    orgs = _by_label(SENTENCES[3]).get("ORG", [])
    assert any("الأمم المتحدة" in o or "مجلس الأمن" in o for o in orgs), orgs
    assert "دمشق" not in _by_label(SENTENCES[0]).get("ORG", [])


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
def test_seed_article_people_organisations_places():
    text = SEED.read_text(encoding="utf-8")
    mentions = extract_entities(text)
    per = {m.text for m in mentions if m.label == "PER"}
    org = {m.text for m in mentions if m.label == "ORG"}
    loc = {m.text for m in mentions if m.label == "LOC"}
    for name in ("محمد الجبوري", "أبو عمر الإدلبي", "عامر أحمد"):
        assert name in per, (name, per)
    for name in ("لواء القدس", "لواء فاطميون"):
        assert name in org, (name, org)
    for place in ("سوريا", "طهران", "منبج"):
        assert place in loc, (place, loc)
    assert "دير الزور" in loc or any(s.endswith("دير الزور") for s in loc)


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
def test_seed_article_sdf_is_org():
    # From the actors KB (gazetteer features at training time, and known multi-word ORG names the
    # CRF missed entirely); nothing in the code knows this article.
    text = SEED.read_text(encoding="utf-8")
    org = {m.text for m in extract_entities(text) if m.label == "ORG"}
    assert "قوات سوريا الديمقراطية" in org


def test_scorer_counts_exact_spans_only():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "O"]]
    result = score(gold, pred)
    assert result["micro"]["support"] == 3
    assert result["per_type"]["LOC"]["f1"] == 1.0
    assert result["per_type"]["PER"]["recall"] == 0.0
    assert spans_from_tags(["I-LOC", "I-LOC", "B-LOC"]) == [(0, 2, "LOC"), (2, 3, "LOC")]


def test_memory_features_vote_with_the_other_occurrences_only():
    from rasd.lang.ner.model import memory_features

    sents = [["قال", "دونالد", "رامسفيلد", "إن"], ["وأضاف", "رامسفيلد", "أن", "القوات"]]
    tags = [["O", "B-PER", "I-PER", "O"], ["O", "O", "O", "O"]]
    memory = memory_features(sents, tags)
    # The bare surname later in the document inherits the vote of the full name, and vice versa.
    assert memory[1][1] == ["m=PER", "mh=PER"]
    assert memory[0][2] == ["m=O"]
    # A word seen once has no other occurrence to vote.
    assert memory[0][1] == [] and memory[1][3] == []


def test_known_multiword_org_names_override_only_when_the_crf_found_no_org():
    from rasd.lang.ner import gazetteer
    from rasd.lang.ner.model import _known_orgs

    name = "قوات حلب الشهباء الموحدة"
    gazetteer.register_source(lambda: [(name, "ORG")])
    try:
        words = ["وقالت", *name.split(), "إن"]
        crf = ["O", "O", "B-LOC", "O", "O", "O"]
        assert _known_orgs(words, crf) == ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]
        partial = ["O", "O", "B-ORG", "I-ORG", "O", "O"]
        assert _known_orgs(words, partial) == partial
    finally:
        gazetteer.RUNTIME_SOURCES.pop()
        gazetteer.load_gazetteer.cache_clear()
