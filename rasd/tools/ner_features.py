"""Building the NER tagger's feature tables from the shared corpora (``rasd build ner-features``).

Distributional word clusters (PPMI context vectors, an SVD and spherical k-means: a cheap stand-in for
Brown clusters), word vectors (gensim skip-gram, the ``build`` extra) and their clusters, and the
embedding-neighbour labels (the majority ANERcorp label of a word's nearest labelled words). The tagger
reads the compact tables these write (``rasd.lang.ner.clusters``, ``rasd.lang.ner.neighbours``).
"""

from __future__ import annotations

import gzip
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from rasd.lang.ner.clusters import CLUSTERS_PATH, EMBED_CLUSTERS_PATH, EMBED_LEVELS, LEVELS
from rasd.lang.ner.neighbours import _LABELS, NEIGHBOUR_LABELS_PATH
from rasd.lang.ner.tokenize import token_strings
from rasd.lang.normalize import fold


def corpus_texts(paths: Iterable[Path]) -> Iterator[str]:
    """Texts of the JSONL(.gz) corpora, one article at a time."""
    import orjson

    for path in paths:
        opener = gzip.open if str(path).endswith(".gz") else open
        with opener(path, "rb") as fh:
            for line in fh:
                if line.strip():
                    yield orjson.loads(line).get("text") or ""


def _kmeans(x: np.ndarray, k: int, iterations: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Spherical k-means on unit rows; deterministic for a fixed seed."""
    rng = np.random.default_rng(seed)
    centroids = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        assign = np.concatenate([np.argmax(chunk @ centroids.T, axis=1) for chunk in np.array_split(x, 20)])
        sums = np.zeros_like(centroids)
        np.add.at(sums, assign, x)
        empty = ~sums.any(axis=1)
        sums[empty] = x[rng.choice(len(x), size=int(empty.sum()), replace=False)]
        centroids = sums / np.linalg.norm(sums, axis=1, keepdims=True).clip(1e-9)
    return assign, centroids


def build_clusters(
    texts: Iterable[str],
    out: Path = CLUSTERS_PATH,
    vocab_size: int = 40000,
    context_size: int = 1000,
    dims: int = 100,
    min_count: int = 3,
    seed: int = 13,
) -> dict[str, int]:
    """Cluster the folded words of ``texts`` and write ``word<TAB>fine<TAB>mid<TAB>coarse<TAB>logfreq``."""
    docs = [token_strings(fold(t)) for t in texts]
    counts = Counter(tok for doc in docs for tok in doc)
    vocab = [w for w, c in counts.most_common(vocab_size) if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = context_size + 1  # last slot: any rarer word / document edge
    ids = np.fromiter((index.get(tok, -1) for doc in docs for tok in [*doc, None]), dtype=np.int64)
    ctx = np.where((ids >= 0) & (ids < context_size), ids, context_size)
    ctx[ids == -1] = context_size
    valid = ids[1:-1] >= 0
    word = ids[1:-1][valid]
    left = ctx[:-2][valid]
    right = ctx[2:][valid] + n_ctx
    cooc = np.bincount(word * 2 * n_ctx + left, minlength=len(vocab) * 2 * n_ctx)
    cooc += np.bincount(word * 2 * n_ctx + right, minlength=len(vocab) * 2 * n_ctx)
    m = cooc.reshape(len(vocab), 2 * n_ctx).astype(np.float32)
    total = m.sum()
    row = m.sum(axis=1, keepdims=True).clip(1)
    col = (m.sum(axis=0, keepdims=True) ** 0.75).clip(1)
    col = col / col.sum() * total
    with np.errstate(divide="ignore"):
        ppmi = np.maximum(np.log(m * total / (row @ col).clip(1e-9)), 0).astype(np.float32)
    ppmi[m == 0] = 0
    ppmi = np.nan_to_num(ppmi)
    _, vecs = np.linalg.eigh(ppmi.T @ ppmi)
    emb = ppmi @ vecs[:, -dims:]
    emb /= np.linalg.norm(emb, axis=1, keepdims=True).clip(1e-9)
    fine, centroids = _kmeans(emb, LEVELS[0], iterations=12, seed=seed)
    mid_of_fine, mid_centroids = _kmeans(centroids, LEVELS[1], iterations=20, seed=seed)
    coarse_of_mid, _ = _kmeans(mid_centroids, LEVELS[2], iterations=20, seed=seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    table = {}
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        for w, i in index.items():
            f = int(fine[i])
            mid = int(mid_of_fine[f])
            fh.write(f"{w}\t{f}\t{mid}\t{int(coarse_of_mid[mid])}\t{int(math.log2(counts[w]))}\n")
            table[w] = f
    return table


def write_token_corpus(texts: Iterable[str], out: Path, extra: Iterable[list[str]] = ()) -> int:
    """One line of folded tokens per paragraph (gensim's ``corpus_file`` format); returns the token count."""
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for text in texts:
            for line in text.split("\n"):
                toks = token_strings(fold(line))
                if len(toks) > 2:
                    fh.write(" ".join(toks) + "\n")
                    n += len(toks)
        for toks in extra:
            folded = [fold(t) for t in toks]
            fh.write(" ".join(folded) + "\n")
            n += len(folded)
    return n


def train_word_vectors(
    corpus_file: Path, dims: int = 100, vocab_size: int = 150_000, seed: int = 13, workers: int = 2
) -> tuple[list[str], np.ndarray]:
    """Skip-gram vectors of the ``vocab_size`` most frequent words of ``corpus_file`` (unit rows).

    Needs gensim, a build-time dependency only: the tagger reads the compact tables made from them.
    With ``workers > 1`` gensim's thread scheduling makes the vectors vary slightly between runs.
    """
    from gensim.models import Word2Vec

    w2v = Word2Vec(
        corpus_file=str(corpus_file),
        vector_size=dims,
        window=5,
        min_count=3,
        sg=1,
        negative=10,
        epochs=5,
        workers=workers,
        seed=seed,
    )
    words = list(w2v.wv.index_to_key[:vocab_size])
    emb = np.asarray(w2v.wv.vectors[: len(words)], dtype=np.float32)
    return words, emb / np.linalg.norm(emb, axis=1, keepdims=True).clip(1e-9)


def write_embedding_clusters(
    words: list[str], emb: np.ndarray, out: Path = EMBED_CLUSTERS_PATH, seed: int = 13
) -> int:
    """k-means the unit word vectors at each of ``EMBED_LEVELS`` and write the table."""
    columns = [_kmeans(emb, k, iterations=15, seed=seed + k)[0] for k in EMBED_LEVELS]
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        for i, w in enumerate(words):
            fh.write(w + "\t" + "\t".join(str(int(c[i])) for c in columns) + "\n")
    return len(words)


def build_neighbour_labels(
    sentences: list[tuple[list[str], list[str]]],
    words: list[str],
    emb: np.ndarray,
    out: Path = NEIGHBOUR_LABELS_PATH,
    k: int = 10,
) -> int:
    """Write ``word<TAB>vote<TAB>nearest<TAB>best entity type<TAB>h|l`` for words with entity evidence.

    ``emb`` holds unit rows aligned with ``words``; returns the number of rows written.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for tokens, tags in sentences:
        for token, tag in zip(tokens, tags, strict=True):
            counts[fold(token)][tag[2:] or "O"] += 1
    index = {w: i for i, w in enumerate(words)}
    labelled = [w for w in counts if w in index]
    label_of = np.array([_LABELS.index(counts[w].most_common(1)[0][0]) for w in labelled])
    rows_of_labelled = np.array([index[w] for w in labelled])
    lab_emb = emb[rows_of_labelled]
    rows: list[str] = []
    step = 4096
    for start in range(0, len(words), step):
        sims = emb[start : start + step] @ lab_emb.T
        own = np.nonzero((rows_of_labelled >= start) & (rows_of_labelled < start + step))[0]
        sims[rows_of_labelled[own] - start, own] = -1.0  # leave-one-out
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        top_labels = label_of[top]
        top_sims = np.take_along_axis(sims, top, 1).clip(0)
        votes = np.zeros((len(top), len(_LABELS)), np.float32)
        for j in range(k):
            np.add.at(votes, (np.arange(len(top)), top_labels[:, j]), top_sims[:, j])
        nearest = top_labels[np.arange(len(top)), np.argmax(top_sims, 1)]
        best = np.argmax(votes, 1)
        confident = votes.max(1) > 0.6 * votes.sum(1).clip(1e-9)
        best_entity = 1 + np.argmax(votes[:, 1:], 1)
        has_entity = votes[:, 1:].sum(1) > 0.3 * votes.sum(1)
        for r in np.nonzero((best > 0) | (nearest > 0) | has_entity)[0]:
            rows.append(
                f"{words[start + r]}\t{_LABELS[best[r]]}\t{_LABELS[nearest[r]]}\t"
                f"{_LABELS[best_entity[r]]}\t{'h' if confident[r] else 'l'}\n"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.writelines(rows)
    return len(rows)


