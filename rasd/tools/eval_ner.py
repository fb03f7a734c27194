"""Entity-level (CoNLL: exact span and type) scoring of the tagger on BIO-tagged files."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from rasd.lang.ner.model import Sentence, active_tagger, document_chunks, spans_from_tags, tag_sentences
from rasd.tools.train_ner import read_conll

LABELS = ("PER", "LOC", "ORG", "MISC")


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def score(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Micro and per-type P/R/F1 over exact entity spans."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g = set(spans_from_tags(g_tags))
        p = set(spans_from_tags(p_tags))
        for _, _, label in g & p:
            tp[label] += 1
        for _, _, label in p - g:
            fp[label] += 1
        for _, _, label in g - p:
            fn[label] += 1
    result = {"micro": _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))}
    result["per_type"] = {label: _prf(tp[label], fp[label], fn[label]) for label in LABELS}
    return result


def evaluate(sentences: list[Sentence], model: Path | None = None, tagger: str | None = None) -> dict:
    """Tag ``sentences`` with the tagger and score them; also report tagging speed on one core.

    ``tagger`` is "neural", "crf" or "ensemble" (default: ``active_tagger()``); a CRF model file
    ``model`` selects the CRF. Sentences are tagged in pseudo-documents of ``DOC_SENTENCES`` (as in
    training). Speed is tokens per CPU-second of this process (so that other jobs on a shared machine do
    not skew it), measured cold (empty per-word caches: every word is new) and warm (a second run: the
    steady state of a long job, where the per-word caches hold the common vocabulary).
    """
    from rasd.lang.ner.features import word_features
    from rasd.lang.ner.neural import load_neural_tagger

    kind = "crf" if model is not None else active_tagger(tagger)

    def run() -> list[list[str]]:
        pred: list[list[str]] = []
        for chunk in document_chunks(len(sentences)):
            pred += tag_sentences([sentences[i][0] for i in chunk], kind, model)
        return pred

    tag_sentences([["تحميل"]], kind, model)  # load the models outside the timings
    word_features.cache_clear()
    if kind != "crf":
        load_neural_tagger().clear_cache()
    n_tokens = sum(len(toks) for toks, _ in sentences)
    t0 = time.process_time()
    pred = run()
    elapsed = time.process_time() - t0
    t0 = time.process_time()
    run()
    warm = time.process_time() - t0
    result = score([tags for _, tags in sentences], pred)
    result["tagger"] = kind
    result["tokens"] = n_tokens
    result["tokens_per_s"] = round(n_tokens / elapsed) if elapsed else 0
    result["tokens_per_s_warm"] = round(n_tokens / warm) if warm else 0
    return result


def evaluate_file(test: Path, model: Path | None = None, tagger: str | None = None) -> dict:
    return evaluate(read_conll(test), model, tagger)
