"""Distributional word clusters from unlabeled Arabic news, for the NER tagger.

ANERcorp has 125k labelled tokens, so most names in new text were never seen in training. Words that
occur in the same left/right contexts (``قال X``, ``مدينة X``) share a cluster, which lets the tagger
generalise from seen names to unseen ones. This is a cheap stand-in for Brown clusters: PPMI context
vectors, an SVD to 100 dimensions, spherical k-means at a fine level, and k-means over those centroids for
coarser levels. It runs in about a minute with numpy alone.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from rasd import paths

CLUSTERS_PATH = paths.NER_CLUSTERS

#: Cluster granularities written to the file (fine, mid, coarse).
LEVELS = (1024, 128, 16)


@lru_cache(maxsize=1)
def load_clusters(path: Path = CLUSTERS_PATH) -> dict[str, tuple[str, str, str, str]]:
    """Folded word -> (fine, mid, coarse, log2 frequency) as strings ready for feature names."""
    if not path.exists():
        return {}
    table: dict[str, tuple[str, str, str, str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            w, f, m, c, lf = line.rstrip("\n").split("\t")
            table[w] = (f, m, c, lf)
    return table


# --- word2vec clusters -------------------------------------------------------------------------------
# A second, independent clustering: skip-gram vectors (gensim, at build time only) k-means-clustered at
# several granularities. Skip-gram sees a wider window than the PPMI clusters' one-word contexts, so it
# groups names by topic as well as by syntax (footballers, ministers, towns of one province).

EMBED_CLUSTERS_PATH = paths.NER_EMBED_CLUSTERS
#: k of each k-means over the word vectors (columns of the file, in this order).
EMBED_LEVELS = (64, 256, 1024, 2048)


@lru_cache(maxsize=1)
def load_embedding_clusters(path: Path = EMBED_CLUSTERS_PATH) -> dict[str, tuple[str, ...]]:
    """Folded word -> its cluster id at each of ``EMBED_LEVELS`` (strings, ready for feature names)."""
    if not path.exists():
        return {}
    table: dict[str, tuple[str, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            w, *ids = line.rstrip("\n").split("\t")
            table[w] = tuple(ids)
    return table
