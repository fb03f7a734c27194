"""Linear models over hashed features: the form every learned decision takes at run time.

A decision names its evidence as strings (``w-1=على``, ``kind=shelling``, ``cue=irrealis``); each string is
hashed to one of ``dims`` columns (CRC-32, stable across processes and machines, unlike ``hash()``), and a
softmax (or, for two classes, a sigmoid) over the summed weights gives the class probabilities. Inference is
a few numpy gathers per decision; training is ``rasd.tools.learn_linear`` (numpy too).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rasd.caches import word_cache


@word_cache(200_000)
def _crc(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8"))


def hashed(features: Iterable[str], dims: int) -> np.ndarray:
    """The distinct columns of ``features`` (hashing collisions simply share a column)."""
    return np.unique(np.fromiter((_crc(f) % dims for f in features), dtype=np.int64))


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Weights ``(dims, classes)`` and a bias per class; ``classes[0]`` is the negative one for two classes."""

    classes: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    meta: dict

    @property
    def dims(self) -> int:
        return int(self.weights.shape[0])

    def logits(self, rows: Sequence[np.ndarray]) -> np.ndarray:
        """Summed weights of each row's columns, plus the bias (one gather and one segment sum for all rows)."""
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        if not lengths.all():
            raise ValueError("every example needs at least one feature")
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        return np.add.reduceat(self.weights[np.concatenate(rows)], starts, axis=0).astype(np.float64) + self.bias

    def probabilities(self, rows: Sequence[np.ndarray]) -> np.ndarray:
        """Class probabilities, one row per example (softmax over the classes)."""
        if not len(rows):
            return np.zeros((0, len(self.classes)))
        z = self.logits(rows)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def features(self, names: Iterable[str]) -> np.ndarray:
        return hashed(names, self.dims)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32),
                            classes=np.array(self.classes), meta=np.array(repr(self.meta)))

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        import ast

        with np.load(path, allow_pickle=False) as z:
            meta = ast.literal_eval(str(z["meta"])) if "meta" in z else {}
            return cls(tuple(str(c) for c in z["classes"]), z["weights"].astype(np.float32),
                       z["bias"].astype(np.float32), meta)
