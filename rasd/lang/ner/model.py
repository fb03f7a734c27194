"""Loading and running the CRF named-entity tagger, and choosing the tagger behind ``extract``.

The model is a python-crfsuite CRF over the features of ``features.py``; ``rasd.tools.train_ner`` trains it
(``rasd train ner``) from ANERcorp with fixed settings, so that the shipped file can be reproduced.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from rasd import paths
from rasd.lang.ner.features import memory_keys, sentence_features
from rasd.lang.ner.gazetteer import load_gazetteer
from rasd.lang.ner.neural import fold_token
from rasd.lang.ner.tokenize import tokenize

MODEL_PATH = paths.NER_CRF
#: Sentences per pseudo-document when the input has no document marks (ANERcorp).
DOC_SENTENCES = 30
#: Gazetteer ORG names of at least this many words that the CRF left without any ORG tag become ORG.
KNOWN_ORG_MIN_WORDS = 2
#: Taggers behind ``extract`` / ``tag_tokens``: the BiLSTM-CRF of ``neural.py``, the two-pass CRF of this
#: module, or the neural tagger's entities plus the CRF's where the neural one found none.
TAGGERS = ("neural", "crf", "ensemble")
#: Used unless ``$RASD_NER`` or the caller names another; falls back to "crf" without the neural weights.
DEFAULT_TAGGER = "neural"

Sentence = tuple[list[str], list[str]]  # (tokens, BIO tags)

_SENTENCE_END = frozenset({".", "!", "?", "؟", "…"})


def document_chunks(n_sentences: int, size: int = DOC_SENTENCES) -> list[range]:
    """ANERcorp has no document marks: runs of ``size`` consecutive sentences stand in for documents."""
    return [range(i, min(i + size, n_sentences)) for i in range(0, n_sentences, size)]


def memory_features(tokens: list[list[str]], tags: list[list[str]]) -> list[list[list[str]]]:
    """Per token, how the other occurrences of its stem in the same document were tagged by pass 1.

    A surname is often written in full once ("دونالد رامسفيلد") and alone afterwards; the second pass
    lets the confident occurrence vote for the others.
    """
    keys = [memory_keys(t) for t in tokens]
    # Plain dicts (insertion-ordered like Counter) instead of a Counter copy per token: the features
    # depend only on (stem, own label), so each distinct pair is worked out once per document.
    counts: dict[str, dict[str, int]] = {}
    for sent_keys, sent_tags in zip(keys, tags, strict=True):
        for key, tag in zip(sent_keys, sent_tags, strict=True):
            label = tag[2:] or "O"
            per_key = counts.get(key)
            if per_key is None:
                counts[key] = {label: 1}
            else:
                per_key[label] = per_key.get(label, 0) + 1
    done: dict[tuple[str, str], list[str]] = {}
    out: list[list[list[str]]] = []
    for sent_keys, sent_tags in zip(keys, tags, strict=True):
        sent_out = []
        for key, tag in zip(sent_keys, sent_tags, strict=True):
            label = tag[2:] or "O"
            feats = done.get((key, label))
            if feats is None:
                feats = done[(key, label)] = _memory_votes(counts[key], label) if len(key) >= 2 else []
            sent_out.append(feats)
        out.append(sent_out)
    return out


def _memory_votes(label_counts: dict[str, int], own: str) -> list[str]:
    """``m=`` majority label and ``mh=`` labels among the other occurrences (ties: first seen wins)."""
    best, best_n = "", 0
    others: list[str] = []
    for label, n in label_counts.items():
        if label == own:
            n -= 1
        if n <= 0:
            continue
        if n > best_n:
            best, best_n = label, n
        if label != "O":
            others.append("mh=" + label)
    return ["m=" + best, *others] if best_n else []


def _with_memory(features: list[list[list[str]]], memory: list[list[list[str]]]) -> list[list[list[str]]]:
    return [[f + m for f, m in zip(fs, ms, strict=True)] for fs, ms in zip(features, memory, strict=True)]


@lru_cache(maxsize=4)
def load_tagger(path: Path = MODEL_PATH):
    """A CRF tagger, opened once per process (``pycrfsuite.Tagger``)."""
    import pycrfsuite

    if not path.exists():
        raise FileNotFoundError(f"NER model missing: {path}; run `rasd train ner`")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def doc_path_for(path: Path) -> Path:
    """Where the pass-2 model of a pass-1 model file lives."""
    return path.with_name(path.stem + "_doc" + path.suffix)


def doc_model_for(path: Path) -> Path | None:
    """The pass-2 model that goes with a pass-1 model file, when it was trained."""
    doc = doc_path_for(path)
    return doc if doc.exists() else None


def tag_document(sentences: list[list[str]], path: Path = MODEL_PATH) -> list[list[str]]:
    """BIO tags for the sentences of one document (two passes when the pass-2 model exists)."""
    features = [sentence_features(t) if t else [] for t in sentences]
    tagger = load_tagger(path)
    tags = [tagger.tag(f) if f else [] for f in features]
    doc_path = doc_model_for(path)
    if doc_path is None:
        return tags
    doc_tagger = load_tagger(doc_path)
    memory = memory_features(sentences, tags)
    tags = [doc_tagger.tag(f) if f else [] for f in _with_memory(features, memory)]
    return [_known_orgs(words, sent_tags) for words, sent_tags in zip(sentences, tags, strict=True)]


def _known_orgs(words: list[str], tags: list[str]) -> list[str]:
    """Tag multi-word organisation names of the gazetteer (the actors KB) that the CRF missed entirely.

    ANERcorp's 2003 news barely covers today's armed groups, so the CRF reads the place inside
    "قوات سوريا الديمقراطية" as LOC. A known multi-word name with no ORG tag on any of its words is
    taken whole; where the CRF found an ORG in it ("حركة حماس" tagged "O B-ORG"), its reading stands.
    """
    if KNOWN_ORG_MIN_WORDS <= 0 or len(words) < KNOWN_ORG_MIN_WORDS:
        return tags
    spans = load_gazetteer().spans([fold_token(w) for w in words], "ORG", KNOWN_ORG_MIN_WORDS)
    for first, last in spans:
        if any(t.endswith("-ORG") for t in tags[first:last]):
            continue
        tags = [*tags[:first], "B-ORG", *["I-ORG"] * (last - first - 1), *tags[last:]]
        if last < len(tags) and tags[last].startswith("I-"):
            tags[last] = "B-" + tags[last][2:]
    return tags


def tag_tokens(tokens: list[str], path: Path | None = None, tagger: str | None = None) -> list[str]:
    """BIO tags (B-PER, I-ORG, O, ...) for one sentence of tokens (``tagger``/``path``: see ``tag_sentences``)."""
    if not tokens:
        return []
    return tag_sentences([tokens], tagger, path)[0]


def active_tagger(tagger: str | None = None) -> str:
    """The tagger that will run: ``tagger``, else ``$RASD_NER``, else ``DEFAULT_TAGGER``.

    A neural choice falls back to the CRF when the neural weight files are not there.
    """
    name = (tagger or os.environ.get("RASD_NER") or DEFAULT_TAGGER).strip().lower()
    if name not in TAGGERS:
        raise ValueError(f"unknown NER tagger {name!r} (choose from {', '.join(TAGGERS)})")
    if name != "crf":
        from rasd.lang.ner.neural import neural_available

        if not neural_available():
            return "crf"
    return name


def tag_sentences(
    sentences: list[list[str]], tagger: str | None = None, path: Path | None = None
) -> list[list[str]]:
    """BIO tags for the sentences of one document with the active tagger (see ``active_tagger``).

    An explicit CRF model file ``path`` selects the CRF.
    """
    kind = "crf" if path is not None else active_tagger(tagger)
    if kind == "crf":
        return tag_document(sentences, path or MODEL_PATH)
    from rasd.lang.ner.neural import load_neural_tagger

    tags = load_neural_tagger().tag_document(sentences)
    tags = [_known_orgs(words, t) for words, t in zip(sentences, tags, strict=True)]
    if kind == "ensemble":
        crf = tag_document(sentences, MODEL_PATH)
        tags = [merge_tags(n, c) for n, c in zip(tags, crf, strict=True)]
    return tags


def merge_tags(primary: list[str], secondary: list[str]) -> list[str]:
    """``primary``'s entities plus those of ``secondary`` that overlap none of them."""
    out = list(primary)
    taken = [t != "O" for t in primary]
    for first, last, label in spans_from_tags(secondary):
        if any(taken[first:last]):
            continue
        out[first:last] = ["B-" + label, *["I-" + label] * (last - first - 1)]
        if last < len(out) and out[last].startswith("I-"):
            out[last] = "B-" + out[last][2:]
    return out


def _sentences(tokens: list[tuple[str, int, int]], text: str) -> Iterator[list[tuple[str, int, int]]]:
    """Cut the token stream at sentence-final punctuation and line breaks, as ANERcorp is cut."""
    start = 0
    for i, (tok, s, _) in enumerate(tokens):
        if i > start and "\n" in text[tokens[i - 1][2] : s]:
            yield tokens[start:i]
            start = i
        if tok in _SENTENCE_END:
            yield tokens[start : i + 1]
            start = i + 1
    if start < len(tokens):
        yield tokens[start:]


def spans_from_tags(tags: list[str]) -> list[tuple[int, int, str]]:
    """``(first, last_exclusive, label)`` token spans of BIO tags; a stray I- starts a new span (CoNLL)."""
    spans: list[tuple[int, int, str]] = []
    begin, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag[0] == "B" or tag[2:] != label:
            if begin >= 0:
                spans.append((begin, i, label))
            begin, label = (i, tag[2:]) if tag != "O" else (-1, "")
    return spans


_STRIP_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def extract(text: str, path: Path | None = None, tagger: str | None = None) -> list[tuple[int, int, str]]:
    """Character spans ``(start, end, label)`` of the named entities in ``text`` (tagger: ``tag_sentences``)."""
    tokens = tokenize(text)
    if not tokens:
        return []
    sentences = list(_sentences(tokens, text))
    all_tags = tag_sentences([[t for t, _, _ in sent] for sent in sentences], tagger, path)
    found: list[tuple[int, int, str]] = []
    for sent, tags in zip(sentences, all_tags, strict=True):
        for first, last, label in spans_from_tags(tags):
            start, end = sent[first][1], sent[last - 1][2]
            # Punctuation tokens at the edges of a span are never part of a name.
            while first < last and _STRIP_EDGE.fullmatch(sent[first][0]):
                first += 1
            while last > first and _STRIP_EDGE.fullmatch(sent[last - 1][0]):
                last -= 1
            if first < last:
                start, end = sent[first][1], sent[last - 1][2]
                found.append((start, end, label))
    return found


def timed_load(path: Path | None = None, tagger: str | None = None) -> float:
    """Seconds to load the tagger and its feature tables in a fresh cache (for the benchmark)."""
    from rasd.lang.ner.clusters import load_clusters, load_embedding_clusters
    from rasd.lang.ner.gazetteer import load_gazetteer
    from rasd.lang.ner.neighbours import load_neighbour_labels
    from rasd.lang.ner.neural import load_neural_tagger

    kind = "crf" if path is not None else active_tagger(tagger)
    path = path or MODEL_PATH
    tables = (load_clusters, load_embedding_clusters, load_neighbour_labels, load_gazetteer)
    for fn in (load_tagger, load_neural_tagger, *tables):
        fn.cache_clear()
    t0 = time.perf_counter()
    if kind != "neural":
        load_tagger(path)
        doc_path = doc_model_for(path)
        if doc_path is not None:
            load_tagger(doc_path)
    if kind != "crf":
        load_neural_tagger()
    for fn in tables:
        if kind != "neural" or fn is not load_embedding_clusters:  # the neural tagger does not read it
            fn()
    return time.perf_counter() - t0
