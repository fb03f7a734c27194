"""The report network: whether a sentence reports an event, read from what its words mean.

The linear decisions see words as strings: "a film plot", "a denial about an old assassination", "a yearly
tally" share no string with the gold's negatives they resemble. The skip-gram vectors the tagger uses
(``ner_nn_vectors.npz``, learnt on millions of words of news) place words of one meaning side by side, so a
sentence read as the mean and the maximum of its words' unit vectors carries what its words are about. A small
network (one hidden layer, numpy inference) trained by ``rasd train events`` on the train split says how
likely such a sentence reports an event; its answer is one more piece of evidence for the kind decision
(``net=`` features), never a decision of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from rasd import paths
from rasd.lexicon import WORD_RUNS, rules

PATH = paths.MODELS / "events" / "report_net.npz"
#: Probability buckets the kind decision sees the network's answer in.
BUCKETS = (0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9)
DIMS = 200


@cache
def _vectors() -> tuple[dict[str, int], np.ndarray]:
    """Folded word -> row, and the int8 vectors (kept compact: a sentence scales and normalises its own rows;
    the scale does not matter once a row is made unit-length)."""
    from rasd.lang.ner.neural import load_vectors

    words, q, _ = load_vectors(paths.NER_NN_VECTORS)
    return {w: i for i, w in enumerate(words)}, q


@cache
def _clitics() -> tuple[str, ...]:
    return tuple(sorted(rules("decisions").vector_clitics, key=len, reverse=True))


def sentence_vector(folded: str) -> np.ndarray:
    """The mean and the maximum of the unit vectors of a folded sentence's words (zeros when none has one)."""
    index, vectors = _vectors()
    rows = []
    for w in WORD_RUNS.findall(folded):
        row = index.get(w)
        if row is None:
            row = next((index[w[len(c):]] for c in _clitics() if w.startswith(c) and w[len(c):] in index), None)
        if row is not None:
            rows.append(row)
    if not rows:
        return np.zeros(DIMS, np.float32)
    found = vectors[rows].astype(np.float32)
    found /= np.linalg.norm(found, axis=1, keepdims=True) + 1e-6
    return np.concatenate([found.mean(axis=0), found.max(axis=0)])


@dataclass(frozen=True, slots=True)
class ReportNet:
    """``P(report) = sigmoid(relu(((x - mean) / scale) @ hidden + hidden_bias) @ out + out_bias)``."""

    mean: np.ndarray
    scale: np.ndarray
    hidden: np.ndarray
    hidden_bias: np.ndarray
    out: np.ndarray
    out_bias: float
    meta: dict

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        h = np.maximum(0.0, ((x - self.mean) / self.scale) @ self.hidden + self.hidden_bias)
        return 1.0 / (1.0 + np.exp(-(h @ self.out + self.out_bias)))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, mean=self.mean, scale=self.scale, hidden=self.hidden,
                            hidden_bias=self.hidden_bias, out=self.out, out_bias=np.float32(self.out_bias),
                            meta=np.array(repr(self.meta)))

    @classmethod
    def load(cls, path: Path) -> ReportNet:
        import ast

        with np.load(path, allow_pickle=False) as z:
            return cls(z["mean"], z["scale"], z["hidden"], z["hidden_bias"], z["out"], float(z["out_bias"]),
                       ast.literal_eval(str(z["meta"])))


@cache
def report_net() -> ReportNet | None:
    """The trained network, or None when ``rasd train events`` has not made one."""
    return ReportNet.load(PATH) if PATH.exists() else None


def net_features(probability: float, kind: str) -> list[str]:
    """The kind decision's evidence from the network's answer: its bucket, alone and with the kind."""
    bucket = next((str(b) for b in BUCKETS if probability < b), "1")
    return [f"net={bucket}", f"netk={bucket}|{kind}"]
