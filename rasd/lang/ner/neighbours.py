"""Embedding-neighbour labels: which entity type the nearest *labelled* words of a word carry.

Most names in new text never occur in ANERcorp, but many occur in the unlabelled news the word vectors
were trained on, next to names that ANERcorp does label (رامسفيلد near تشيني). Each vocabulary word gets
the similarity-weighted vote of its k nearest training words (their majority ANERcorp label), itself
left out so that training words see the same kind of evidence as unseen ones. Built from ANERcorp
train by ``rasd build ner-features``; the tagger reads the compact table.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from rasd import paths

NEIGHBOUR_LABELS_PATH = paths.NER_NEIGHBOUR_LABELS
_LABELS = ("O", "PER", "LOC", "ORG", "MISC")


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
