"""The distributional tables the NER tagger reads: skip-gram clusters and embedding-neighbour labels."""

import numpy as np

from rasd.lang.ner.clusters import EMBED_CLUSTERS_PATH, EMBED_LEVELS, load_embedding_clusters
from rasd.lang.ner.features import word_features
from rasd.lang.ner.neighbours import NEIGHBOUR_LABELS_PATH, load_neighbour_labels
from rasd.lang.normalize import fold
from rasd.tools.ner_features import build_neighbour_labels


def test_tables_are_shipped_and_compact():
    for path in (EMBED_CLUSTERS_PATH, NEIGHBOUR_LABELS_PATH):
        assert path.exists() and path.stat().st_size < 5_000_000


def test_embedding_clusters_group_names_of_a_kind():
    table = load_embedding_clusters()
    assert all(len(ids) == len(EMBED_LEVELS) for ids in list(table.values())[:1000])
    # Foreign ministers from the corpora share a coarse cluster; a month name does not join them.
    coarse = {w: table[fold(w)][0] for w in ("لافروف", "كيري", "ظريف") if fold(w) in table}
    assert len(coarse) >= 2 and len(set(coarse.values())) == 1, coarse
    assert table[fold("يناير")][0] not in coarse.values()


def test_word_features_carry_embedding_ids():
    own = word_features("لافروف").own
    assert any(f.startswith("e0=") for f in own)
    assert any(f.startswith("nv=") for f in own)


def test_neighbour_labels_leave_the_word_itself_out(tmp_path):
    # Three PER words near each other and an O word far away: "c" is O in training, yet its
    # neighbours are all PER, and that is what the table must say (its own label is left out).
    words = ["a", "b", "c", "z"]
    emb = np.array([[1, 0], [0.99, 0.14], [0.98, 0.2], [0, 1]], dtype=np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    sentences = [(["a", "b", "c", "z"], ["B-PER", "B-PER", "O", "O"])]
    out = tmp_path / "nn.tsv.gz"
    build_neighbour_labels(sentences, words, emb, out, k=2)
    table = load_neighbour_labels.__wrapped__(out)
    assert table["c"][1] == "PER"  # nearest labelled word other than itself
    assert table["a"][1] == "PER"
    assert "z" not in table or table["z"][0] == "O"
