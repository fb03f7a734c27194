"""Training the report network of ``rasd.learn.sentence_net``: one hidden ReLU layer and a sigmoid, fitted by
full-batch Adam in numpy with an L2 penalty and balanced classes (reproducible: a fixed seed, the same
examples in the same order give the same weights)."""

from __future__ import annotations

import numpy as np

from rasd.learn.sentence_net import ReportNet

NET_SETTINGS = {"hidden": 64, "epochs": 300, "rate": 0.01, "l2": 1e-4, "seed": 0}


def fit_net(x: np.ndarray, y: np.ndarray, *, hidden: int = 64, epochs: int = 300, rate: float = 0.01,
            l2: float = 1e-4, seed: int = 0, meta: dict | None = None) -> ReportNet:
    """A network for sentence vectors ``x`` (rows) labelled ``y`` (1: reports an event)."""
    if len(x) == 0 or len(set(y.tolist())) < 2:
        raise ValueError("the report network needs examples of both classes")
    x = x.astype(np.float64)
    y = y.astype(np.float64)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    positive = y.mean()
    sample = np.where(y > 0, 0.5 / positive, 0.5 / (1 - positive)) / len(y)  # balanced classes
    rng = np.random.default_rng(seed)
    params = [rng.normal(0.0, 1.0 / np.sqrt(z.shape[1]), (z.shape[1], hidden)), np.zeros(hidden),
              rng.normal(0.0, 1.0 / np.sqrt(hidden), hidden), np.zeros(1)]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        w1, b1, w2, b2 = params
        h = np.maximum(0.0, z @ w1 + b1)
        p = 1.0 / (1.0 + np.exp(-(h @ w2 + b2[0])))
        g = (p - y) * sample
        gh = np.outer(g, w2) * (h > 0)
        grads = [z.T @ gh + l2 * w1, gh.sum(axis=0), h.T @ g + l2 * w2, np.array([g.sum()])]
        for i, (param, grad) in enumerate(zip(params, grads, strict=True)):
            m, v = moments[i]
            m[:] = beta1 * m + (1 - beta1) * grad
            v[:] = beta2 * v + (1 - beta2) * grad * grad
            param -= rate * (m / (1 - beta1 ** step)) / (np.sqrt(v / (1 - beta2 ** step)) + eps)
    w1, b1, w2, b2 = params
    return ReportNet(mean.astype(np.float32), scale.astype(np.float32), w1.astype(np.float32),
                     b1.astype(np.float32), w2.astype(np.float32), float(b2[0]), dict(meta or {}))
