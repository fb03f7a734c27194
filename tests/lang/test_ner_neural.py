"""The numpy BiLSTM-CRF tagger: loads without torch, tags real sentences, falls back to the CRF."""

import subprocess
import sys
from pathlib import Path

import pytest

from rasd.lang.ner import extract_entities, model, neural
from rasd.lang.ner.model import active_tagger, spans_from_tags, tag_sentences
from rasd.tools.train_ner import ANERCORP_TRAIN, read_conll

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article.txt"

needs_weights = pytest.mark.skipif(not neural.neural_available(), reason="neural NER weights not built")

# Real sentences from the Al Mayadeen and UnifiedFC corpora (../shared/data/corpus/).
SENTENCES = [
    "قالت وزارة الخارجية الروسية يوم الأحد إن وزير الخارجية سيرغي لافروف , ونظيره الأميركي جون كيري , "
    "ناقشا في محادثة هاتفية تطبيع الوضع في مدينة حلب السورية .",
    "وفي وقت سابق، قال وزير الخارجية الهنغاري بيتر سيارتو، خلال كلمة له أمام مجلس الأمن الدولي في الأمم "
    'المتحدة: "بدلاً من نشر مزيد من الأسلحة، الآن، يجب أن نبدأ بالتركيز على وقف إطلاق النار".',
]


def _well_formed(tags: list[str]) -> bool:
    prev = "O"
    for tag in tags:
        if tag != "O" and (tag[:2] not in ("B-", "I-") or tag[2:] not in {"PER", "LOC", "ORG", "MISC"}):
            return False
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            return False
        prev = tag
    return True


def test_weight_files_are_small():
    sizes = [p.stat().st_size for p in (neural.WEIGHTS_PATH, neural.VECTORS_PATH) if p.exists()]
    assert sum(sizes) < 50_000_000


@needs_weights
def test_neural_tagger_imports_and_runs_without_torch():
    code = (
        "import sys; sys.modules['torch'] = None\n"  # any `import torch` now fails
        "from rasd.lang.ner.model import tag_sentences\n"
        "tags = tag_sentences([['قال', 'الرئيس', 'جورج', 'بوش', 'في', 'واشنطن']], 'neural')[0]\n"
        "assert 'torch' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
        "print(' '.join(tags))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    tags = out.stdout.split()
    assert len(tags) == 6 and "PER" in tags[3] and tags[5] == "B-LOC", tags


@needs_weights
@pytest.mark.skipif(not ANERCORP_TRAIN.exists(), reason="ANERcorp not available")
def test_neural_tags_corpus_sentences_with_well_formed_bio():
    sentences = [tokens for tokens, _ in read_conll(ANERCORP_TRAIN)[:60]]
    tags = tag_sentences(sentences, "neural")
    assert [len(t) for t in tags] == [len(s) for s in sentences]
    assert all(_well_formed(t) for t in tags)
    assert sum(len(spans_from_tags(t)) for t in tags) > 30
    # Empty sentences in a document keep their place.
    assert tag_sentences([[], sentences[0], []], "neural") == [[], tags[0], []]


@needs_weights
def test_neural_finds_people_places_organisations():
    by_label: dict[str, list[str]] = {}
    for text in SENTENCES:
        for m in extract_entities(text, "neural"):
            assert text[m.start : m.end] == m.text
            by_label.setdefault(m.label, []).append(m.text)
    assert any("لافروف" in p for p in by_label["PER"])
    assert any("كيري" in p for p in by_label["PER"])
    assert "حلب" in by_label["LOC"]
    assert any("الأمم المتحدة" in o or "مجلس الأمن" in o for o in by_label["ORG"])


@needs_weights
@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
@pytest.mark.parametrize("tagger", ["neural", "crf", "ensemble"])
def test_seed_article_entities_with_every_tagger(tagger):
    text = SEED.read_text(encoding="utf-8")
    mentions = extract_entities(text, tagger)
    per = {m.text for m in mentions if m.label == "PER"}
    org = {m.text for m in mentions if m.label == "ORG"}
    for name in ("محمد الجبوري", "أبو عمر الإدلبي", "عامر أحمد"):
        assert name in per, (tagger, name, per)
    for name in ("لواء القدس", "لواء فاطميون", "قوات سوريا الديمقراطية"):
        assert name in org, (tagger, name, org)


@needs_weights
def test_tagger_choice_env_and_default(monkeypatch):
    monkeypatch.delenv("RASD_NER", raising=False)
    assert active_tagger() == model.DEFAULT_TAGGER
    monkeypatch.setenv("RASD_NER", "crf")
    assert active_tagger() == "crf"
    assert active_tagger("neural") == "neural"
    with pytest.raises(ValueError):
        active_tagger("bert")


def test_crf_fallback_when_neural_weights_are_missing(monkeypatch, tmp_path):
    monkeypatch.delenv("RASD_NER", raising=False)
    monkeypatch.setattr(neural, "WEIGHTS_PATH", tmp_path / "missing.npz")
    assert not neural.neural_available()
    assert active_tagger() == "crf" and active_tagger("neural") == "crf"
    text = SENTENCES[0]
    crf = [(m.start, m.end, m.label) for m in extract_entities(text, "crf")]
    assert crf
    assert [(m.start, m.end, m.label) for m in extract_entities(text)] == crf


@needs_weights
@pytest.mark.skipif(not ANERCORP_TRAIN.exists(), reason="ANERcorp not available")
def test_evaluate_reports_the_tagger_it_ran():
    from rasd.tools.eval_ner import evaluate

    sentences = read_conll(ANERCORP_TRAIN)[:40]
    for tagger in ("neural", "crf"):
        result = evaluate(sentences, tagger=tagger)
        assert result["tagger"] == tagger
        assert result["micro"]["f1"] > 0.5 and result["tokens_per_s"] > 0


def test_merge_tags_adds_only_non_overlapping_entities():
    primary = ["B-PER", "I-PER", "O", "O", "O"]
    secondary = ["B-ORG", "O", "B-LOC", "I-LOC", "O"]
    assert model.merge_tags(primary, secondary) == ["B-PER", "I-PER", "B-LOC", "I-LOC", "O"]
    assert model.merge_tags(["O", "I-LOC"], ["B-PER", "O"]) == ["B-PER", "B-LOC"]


def test_batched_viterbi_matches_brute_force():
    import itertools

    import numpy as np

    rng = np.random.default_rng(3)
    k = len(neural.TAGS)
    tagger = neural.NeuralTagger.__new__(neural.NeuralTagger)
    tagger.trans = rng.normal(size=(k, k)).astype(np.float32)
    tagger.start = rng.normal(size=k).astype(np.float32)
    tagger.end = rng.normal(size=k).astype(np.float32)
    lengths = np.array([4, 3, 1])
    scores = rng.normal(size=(3, 4, k)).astype(np.float32)
    path = tagger.viterbi(scores, lengths)
    for row, n in enumerate(lengths):

        def total(seq, row=row):
            s = tagger.start[seq[0]] + tagger.end[seq[-1]] + sum(scores[row, t, j] for t, j in enumerate(seq))
            return s + sum(tagger.trans[a, b] for a, b in itertools.pairwise(seq))

        best = max(itertools.product(range(k), repeat=int(n)), key=total)
        assert tuple(path[row, :n]) == best


def test_document_consistency_tags_stray_occurrences_of_one_word_names():
    sents = [["قال", "رامسفيلد", "إن"], ["وأضاف", "رامسفيلد", "أن"], ["جورج", "رامسفيلد"]]
    tags = [["O", "B-PER", "O"], ["O", "O", "O"], ["B-PER", "I-PER"]]
    out = neural.document_consistency(sents, tags)
    assert out[1] == ["O", "B-PER", "O"]
    assert out[0] == tags[0] and out[2] == tags[2]  # inside a longer name, no change


@needs_weights
def test_a_page_with_one_huge_sentence_is_tagged_in_batches_with_the_same_tags(monkeypatch):
    from rasd.lang.ner.tokenize import tokenize

    tagger = neural.load_neural_tagger()
    sentences = [[t[0] for t in tokenize(s)] for s in SENTENCES]
    huge = [tok for _ in range(40) for tok in sentences[0]]  # a "sentence" of ~1,000 tokens, as on web pages
    alone = [tagger.tag_document([s], consistency=False)[0] for s in [huge, *sentences]]
    monkeypatch.setattr(neural, "BATCH_SLOTS", 64)  # force one batch per sentence or two
    batched = tagger.tag_document([huge, *sentences], consistency=False)
    assert batched == alone and all(_well_formed(t) for t in batched)


@needs_weights
def test_a_small_word_cache_evicts_rarely_asked_words_and_tags_the_same(monkeypatch):
    from rasd.lang.ner.tokenize import tokenize

    sentences = [[t[0] for t in tokenize(s)] for s in SENTENCES]
    reference = neural.NeuralTagger().tag_document(sentences)
    monkeypatch.setattr(neural, "CACHE_WORDS", 24)  # fewer rows than the two sentences have words
    tagger = neural.NeuralTagger()
    first = tagger.tag_document(sentences[:1])
    again = [tagger.tag_document(sentences) for _ in range(3)]  # forces evictions on every call
    assert first == reference[:1] and all(a == reference for a in again)
    assert "," in tagger._index  # the comma, asked for most, survives the evictions
