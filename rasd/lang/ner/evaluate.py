"""Entity-level (CoNLL: exact span and type) scoring of the tagger on BIO-tagged files."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from rasd.lang.ner.model import (
    MODEL_PATH,
    Sentence,
    document_chunks,
    load_tagger,
    read_conll,
    spans_from_tags,
    tag_document,
)

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


def evaluate(sentences: list[Sentence], model: Path = MODEL_PATH) -> dict:
    """Tag ``sentences`` with the model and score them; also report tagging speed on one core.

    Sentences are tagged in pseudo-documents of ``DOC_SENTENCES`` (as in training). Speed is tokens per
    CPU-second of this process (so that other jobs on a shared machine do not skew it), measured
    cold (empty per-word feature cache: every word is new) and warm (a second run: the steady state of
    a long job, where the per-word cache holds the common vocabulary).
    """
    from rasd.lang.ner.features import word_features

    load_tagger(model)
    word_features.cache_clear()
    n_tokens = sum(len(toks) for toks, _ in sentences)
    t0 = time.process_time()
    pred: list[list[str]] = []
    for chunk in document_chunks(len(sentences)):
        pred += tag_document([sentences[i][0] for i in chunk], model)
    elapsed = time.process_time() - t0
    t0 = time.process_time()
    for chunk in document_chunks(len(sentences)):
        tag_document([sentences[i][0] for i in chunk], model)
    warm = time.process_time() - t0
    result = score([tags for _, tags in sentences], pred)
    result["tokens"] = n_tokens
    result["tokens_per_s"] = round(n_tokens / elapsed) if elapsed else 0
    result["tokens_per_s_warm"] = round(n_tokens / warm) if warm else 0
    return result


def evaluate_file(test: Path, model: Path = MODEL_PATH) -> dict:
    return evaluate(read_conll(test), model)
