"""Vectorised MinHash signatures over word 3-shingles, and LSH band keys, with NumPy.

Syndicated copies of a story share almost all their word 3-shingles (Jaccard ~1.0), rewrites share some
(~0.7) and unrelated stories none. Words are hashed with CRC32 (stable across processes, unlike
``hash``), shingles are combined and permuted in NumPy arrays: no per-shingle Python work.
"""

from __future__ import annotations

import zlib

import numpy as np

from rasd.lang.normalize import normalize_for_matching

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 3
_MASK32 = np.uint64(0xFFFFFFFF)

_rng = np.random.default_rng(20210225)
# multiply-shift hashing: (a*x + b) mod 2^64, top 32 bits; a odd.
_A = (_rng.integers(1, 2**63 - 1, NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_B = _rng.integers(0, 2**63 - 1, NUM_PERM, dtype=np.uint64)
_BAND_MULT = _rng.integers(1, 2**63 - 1, ROWS, dtype=np.uint64) | np.uint64(1)
_BAND_SALT = _rng.integers(0, 2**63 - 1, BANDS, dtype=np.uint64)


def signature(text: str) -> np.ndarray | None:
    """A ``NUM_PERM`` uint32 signature, or None for texts too short to compare (under 8 words)."""
    return signature_of_key(normalize_for_matching(text))


def signature_of_key(key: str) -> np.ndarray | None:
    """Signature from the matching key (``normalize_for_matching``), when the caller already has it."""
    words = key.split()
    if len(words) < 8:
        return None
    h = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    with np.errstate(over="ignore"):
        sh = h[:-2] * np.uint64(0x9E3779B97F4A7C15) + h[1:-1] * np.uint64(0xC2B2AE3D27D4EB4F) + h[2:]
        sh = np.unique(sh)
        perm = (sh[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return perm.min(axis=0).astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (for a BIGINT column)."""
    rows = sig.astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        keys = (rows * _BAND_MULT[None, :]).sum(axis=1, dtype=np.uint64) ^ _BAND_SALT
    return keys.view(np.int64).tolist()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_PERM
