"""Identity and duplicate decisions for a stream of prepared articles, against the store and the run.

Decisions are made in the driver, in input order, so every engine stores the same thing. Articles of
batches still in flight (not yet committed) are kept in an in-memory overlay until their commit, then
looked up in the store like everything else: memory stays bounded however large the corpus.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import Enum

import numpy as np

from rasd.ingest.minhash import band_keys, similarity
from rasd.ingest.prepare import Prepared

#: Estimated Jaccard similarity of word 3-shingles above which an article is a near-duplicate.
NEAR_DUPLICATE_THRESHOLD = 0.8


class Verdict(Enum):
    NEW = "new"
    EXTRACT_ONLY = "extract_only"  # stored by `rasd ingest`, extraction still to do
    ALREADY_STORED = "already_stored"
    EXACT_DUPLICATE = "exact_duplicate"  # another id with the same text: skipped
    REPEATED_ID = "repeated_id"  # the same id twice in this input, with other text: skipped


@dataclass(slots=True)
class Decision:
    prepared: Prepared
    verdict: Verdict
    duplicate_of: str | None = None
    similarity: float | None = None
    band_keys: list[int] | None = None


class Deduplicator:
    def __init__(self, store, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self.store = store
        self.threshold = threshold
        self._ids: dict[str, str] = {}  # id -> text hash, for articles in flight
        self._hashes: dict[str, str] = {}  # text hash -> id, in flight
        self._bands: dict[int, list[tuple[str, np.ndarray]]] = {}  # band key -> (id, signature), in flight
        self._batches: deque[list[Decision]] = deque()

    def decide(self, batch: list[Prepared]) -> list[Decision]:
        """Decide one batch (in order) and hold its new articles in flight until :meth:`committed`."""
        ids = [p.article.id for p in batch]
        stored = self.store.stored_ids(ids)
        stored_hash = self.store.stored_hashes([p.article.text_hash for p in batch])
        keys_of = [band_keys(p.signature) if p.signature is not None else [] for p in batch]
        candidates: dict[int, list[tuple[str, np.ndarray]]] = {}
        for key, aid, blob in self.store.band_candidates(k for ks in keys_of for k in ks):
            if blob is not None:
                candidates.setdefault(key, []).append((aid, np.frombuffer(blob, dtype=np.uint32)))
        out: list[Decision] = []
        for p, keys in zip(batch, keys_of, strict=True):
            a = p.article
            if a.id in stored:
                verdict = Verdict.ALREADY_STORED if stored[a.id] else Verdict.EXTRACT_ONLY
                out.append(Decision(p, verdict))
                continue
            if a.id in self._ids:
                same = self._ids[a.id] == a.text_hash
                out.append(Decision(p, Verdict.ALREADY_STORED if same else Verdict.REPEATED_ID))
                continue
            twin = stored_hash.get(a.text_hash) or self._hashes.get(a.text_hash)
            if twin is not None:
                out.append(Decision(p, Verdict.EXACT_DUPLICATE, duplicate_of=twin))
                continue
            d = Decision(p, Verdict.NEW, band_keys=keys)
            if p.signature is not None:
                best = self._nearest(p.signature, keys, candidates)
                if best is not None:
                    d.duplicate_of, d.similarity = best
                    a.duplicate_of = best[0]
            self._hold(d)
            out.append(d)
        self._batches.append(out)
        return out

    def _nearest(self, sig: np.ndarray, keys: list[int], stored: dict[int, list[tuple[str, np.ndarray]]]
                 ) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        seen: set[str] = set()
        for key in keys:
            for aid, other in stored.get(key, []) + self._bands.get(key, []):
                if aid in seen:
                    continue
                seen.add(aid)
                s = similarity(sig, other)
                if s >= self.threshold and (best is None or s > best[1]):
                    best = (aid, s)
        return best

    def _hold(self, d: Decision) -> None:
        a = d.prepared.article
        self._ids[a.id] = a.text_hash
        self._hashes[a.text_hash] = a.id
        if d.prepared.signature is not None:
            for key in d.band_keys or ():
                self._bands.setdefault(key, []).append((a.id, d.prepared.signature))

    def committed(self) -> None:
        """The oldest batch in flight is now in the store: drop it from the overlay."""
        for d in self._batches.popleft():
            if d.verdict is not Verdict.NEW:
                continue
            a = d.prepared.article
            self._ids.pop(a.id, None)
            if self._hashes.get(a.text_hash) == a.id:
                del self._hashes[a.text_hash]
            for key in d.band_keys or ():
                lst = self._bands.get(key)
                if lst:
                    lst[:] = [x for x in lst if x[0] != a.id]
                    if not lst:
                        del self._bands[key]
