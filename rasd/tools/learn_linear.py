"""Training the linear models of ``rasd.learn.linear``: multinomial logistic regression with an L2 penalty,
fitted by full-batch Adam in numpy over hashed sparse features (no other dependency, reproducible: the
same examples in the same order give the same weights)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rasd.learn.linear import LinearModel


def _csr(rows: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    indices = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    row_of = np.repeat(np.arange(len(rows)), lengths)
    return indptr, indices, row_of


def fit(rows: Sequence[np.ndarray], labels: Sequence[int], classes: Sequence[str], dims: int, *,
        l2: float = 1e-4, epochs: int = 150, rate: float = 0.05, class_weight: Sequence[float] | None = None,
        meta: dict | None = None) -> LinearModel:
    """Weights for ``rows`` (hashed columns per example, each non-empty) labelled ``labels`` (class indices)."""
    n, k = len(rows), len(classes)
    if n == 0:
        raise ValueError("no training examples")
    if any(len(r) == 0 for r in rows):
        raise ValueError("every example needs at least one feature")
    indptr, indices, row_of = _csr(rows)
    y = np.asarray(labels, dtype=np.int64)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    sample = np.ones(n) if class_weight is None else np.asarray(class_weight, dtype=np.float64)[y]
    sample = sample / sample.sum()
    w = np.zeros((dims, k))
    b = np.log(np.maximum(onehot.T @ sample, 1e-6))
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    touched = np.unique(indices)
    for t in range(1, epochs + 1):
        z = np.add.reduceat(w[indices], indptr[:-1], axis=0) + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample[:, None]
        gw = np.zeros_like(w)
        for c in range(k):
            gw[:, c] = np.bincount(indices, weights=g[row_of, c], minlength=dims)
        gw[touched] += l2 * w[touched]
        gb = g.sum(axis=0)
        mw[touched] = beta1 * mw[touched] + (1 - beta1) * gw[touched]
        vw[touched] = beta2 * vw[touched] + (1 - beta2) * gw[touched] ** 2
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb ** 2
        c1, c2 = 1 - beta1 ** t, 1 - beta2 ** t
        w[touched] -= rate * (mw[touched] / c1) / (np.sqrt(vw[touched] / c2) + eps)
        b -= rate * (mb / c1) / (np.sqrt(vb / c2) + eps)
    return LinearModel(tuple(classes), w.astype(np.float32), b.astype(np.float32), dict(meta or {}))


def platt(scores: np.ndarray, truth: np.ndarray, iterations: int = 500) -> tuple[float, float]:
    """``(a, b)`` so that ``1 / (1 + exp(-(a * score + b)))`` is a calibrated probability (Platt scaling,
    fitted on held-out scores; a plain gradient descent, the problem being convex in two variables)."""
    a, b = 1.0, 0.0
    x, t = np.asarray(scores, dtype=np.float64), np.asarray(truth, dtype=np.float64)
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(a * x + b)))
        ga, gb = float(((p - t) * x).mean()), float((p - t).mean())
        a -= 1.0 * ga
        b -= 1.0 * gb
    return a, b
