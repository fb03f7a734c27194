"""Embedding-neighbour labels: which entity type the nearest *labelled* words of a word carry.

Most names in new text never occur in ANERcorp, but many occur in the unlabelled news the word vectors
were trained on, next to names that ANERcorp does label (رامسفيلد near تشيني). Each vocabulary word gets
the similarity-weighted vote of its k nearest training words (their majority ANERcorp label), itself
left out so that training words see the same kind of evidence as unseen ones. Built from ANERcorp
train by ``rasd build ner-features``; the tagger reads the compact table.
"""

from __future__ import annotations

import gzip
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import numpy as np

from rasd import paths
from rasd.lang.normalize import fold

NEIGHBOUR_LABELS_PATH = paths.NER_NEIGHBOUR_LABELS
_LABELS = ("O", "PER", "LOC", "ORG", "MISC")


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


@lru_cache(maxsize=1)
def load_neighbour_labels(path: Path = NEIGHBOUR_LABELS_PATH) -> dict[str, tuple[str, ...]]:
    """Folded word -> (vote, nearest, best entity type, h|l confidence) of its labelled neighbours."""
    if not path.exists():
        return {}
    table: dict[str, tuple[str, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            w, *labels = line.rstrip("\n").split("\t")
            table[w] = tuple(labels)
    return table
