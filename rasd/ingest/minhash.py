"""Vectorised MinHash signatures over word 3-shingles, and LSH band keys, with NumPy.

Syndicated copies of a story share almost all their word 3-shingles (Jaccard ~1.0), rewrites share some
(~0.7) and unrelated stories none. Words are hashed all at once from the UTF-8 bytes with a polynomial
hash computed by prefix sums (stable across processes, unlike ``hash``), shingles are combined and
permuted in NumPy arrays: no per-word or per-shingle Python work. Long texts are hashed in pieces of
about a megabyte, cut at spaces (a word's hash does not depend on where it stands), and shingles are
permuted a block at a time, so memory stays bounded whatever the length (a 50 MB document once took
6 GB here).
"""

from __future__ import annotations

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
    h = word_hashes(key)
    if len(h) < 8:
        return None
    with np.errstate(over="ignore"):
        sh = h[:-2] * np.uint64(0x9E3779B97F4A7C15) + h[1:-1] * np.uint64(0xC2B2AE3D27D4EB4F) + h[2:]
        # no np.unique: repeated shingles do not change a minimum, and sorting costs more than they do
        low = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
        for i in range(0, sh.size, _SHINGLE_BLOCK):
            perm = (sh[i:i + _SHINGLE_BLOCK, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
            np.minimum(low, perm.min(axis=0), out=low)
    return low.astype(np.uint32)


_P = np.uint64(0x100000001B3)  # odd: invertible modulo 2^64
_P_INV = np.uint64(pow(0x100000001B3, -1, 2**64))
_SPACE = ord(" ")
_PIECE_BYTES = 1 << 20  # words are hashed this many bytes of the key at a time
_SHINGLE_BLOCK = 1 << 14  # shingles permuted at a time (a 16384 x 64 block of uint64: 8 MB)


_POWERS: tuple[np.ndarray, np.ndarray] = (np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P^i and P^-i (mod 2^64) for i < n, computed once and grown by doubling."""
    global _POWERS
    if _POWERS[0].size < n:
        size = max(n, 2 * _POWERS[0].size, 1 << 16)
        tables = []
        for base in (_P, _P_INV):
            t = np.empty(size, dtype=np.uint64)
            t[0] = 1
            t[1:] = base
            with np.errstate(over="ignore"):
                np.cumprod(t, out=t)
            tables.append(t)
        _POWERS = (tables[0], tables[1])
    return _POWERS[0], _POWERS[1]


def word_hashes(key: str) -> np.ndarray:
    """64-bit hashes of the space-separated words of ``key`` (no empty words), vectorised.

    With H the prefix sums of byte * P^i, the word over bytes [s, e) hashes to (H[e] - H[s]) * P^-s
    (mod 2^64): the same value wherever the word stands, so a long key is hashed piece by piece.
    """
    raw = key.encode("utf-8")
    if len(raw) <= _PIECE_BYTES:
        return _piece_hashes(np.frombuffer(raw, dtype=np.uint8))
    pieces = []
    start = 0
    while start < len(raw):
        end = len(raw) if len(raw) - start <= _PIECE_BYTES else raw.rfind(b" ", start, start + _PIECE_BYTES)
        if end <= start:  # one word longer than a piece: cut at the next space
            end = raw.find(b" ", start + _PIECE_BYTES)
            end = len(raw) if end < 0 else end
        pieces.append(_piece_hashes(np.frombuffer(raw, dtype=np.uint8, count=end - start, offset=start)))
        start = end + 1
    return np.concatenate(pieces)


def _piece_hashes(data: np.ndarray) -> np.ndarray:
    if data.size == 0:
        return np.empty(0, dtype=np.uint64)
    n = data.size
    powers, inv = _powers(n + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum((data.astype(np.uint64) + np.uint64(1)) * powers[:n], out=prefix[1:])
        spaces = np.flatnonzero(data == _SPACE)
        starts = np.concatenate(([0], spaces + 1))
        ends = np.concatenate((spaces, [n]))
        keep = ends > starts
        starts, ends = starts[keep], ends[keep]
        h = (prefix[ends] - prefix[starts]) * inv[starts]
        h ^= h >> np.uint64(29)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(32)
    return h


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (for a BIGINT column)."""
    rows = sig.astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        keys = (rows * _BAND_MULT[None, :]).sum(axis=1, dtype=np.uint64) ^ _BAND_SALT
    return keys.view(np.int64).tolist()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_PERM
