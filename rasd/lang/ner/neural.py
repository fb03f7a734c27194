"""BiLSTM-CRF named-entity tagger, run in numpy (torch is needed only to train it).

Why a second tagger: the CRF's errors on new text are unseen names. This tagger reads each word through
skip-gram vectors learnt on millions of words of unlabelled news (so an unseen name sits next to seen
ones), a character CNN over the folded word (morphology, transliterated foreign names), and the CRF's
best tables (PPMI clusters, embedding-neighbour labels, gazetteer matches), and a bidirectional LSTM
reads the whole sentence. A CRF output layer (Viterbi decoding here) keeps BIO sequences well formed.

Inference cost stays low: everything that depends on one word alone is computed once per distinct word
and cached; the LSTM runs over all sentences of a document at once, sorted by length so that each step is
one ``(active sentences x 4h)`` matmul; Viterbi is batched the same way.
Weights: ``rasd/data/models/ner_nn_tagger.npz`` (trained by ``rasd train ner-neural``) and the word
vectors ``ner_nn_vectors.npz`` (int8 rows with a float scale each).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from rasd import caches, paths
from rasd.caches import word_cache
from rasd.lang.ner.clusters import load_clusters
from rasd.lang.ner.features import _QUOTES, split_clitics
from rasd.lang.ner.gazetteer import load_gazetteer
from rasd.lang.ner.neighbours import NEIGHBOUR_LABELS_PATH, load_neighbour_labels
from rasd.lang.normalize import fold

WEIGHTS_PATH = paths.NER_NN_WEIGHTS
VECTORS_PATH = paths.NER_NN_VECTORS

TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
GAZ_CLASSES = ("GIVEN", "LOC", "LOCCUE", "ORG", "ORGCUE", "STATE", "TITLE")
GAZ_FEATURES = {f"{c}:{p}": i for i, (c, p) in enumerate((c, p) for c in GAZ_CLASSES for p in "BI")}
NN_LABELS = ("O", "PER", "LOC", "ORG", "MISC")
#: Characters of a word the CNN sees: the first and last ``MAX_CHARS // 2`` of long words.
MAX_CHARS = 16
#: Distinct tokens whose input rows are kept (about 3 KB each); the cache restarts when full.
CACHE_WORDS = 20_000
#: Padded token slots per LSTM batch (memory: about 10 KB per slot while a batch runs).
BATCH_SLOTS = 8192
#: Categorical word features, in the order of the columns of ``WordEncoder.categorical``.
CATEGORICAL = ("vec", "word", "prefix", "shape", "cluster", "nv", "nn", "ne", "nc")


def _shape_id(token: str) -> int:
    c = token[:1]
    if "\u0621" <= c <= "\u064a":
        return 1
    if c.isdigit():
        return 2
    if c.isascii() and c.isalpha():
        return 3 if c.isupper() else 4
    return 5


def load_vectors(path: Path = VECTORS_PATH) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Words, int8 vectors and their per-row scales from the compact vector table."""
    data = np.load(path)
    words = bytes(data["words"]).decode("utf-8").split("\n")
    return words, data["q"], data["scale"].astype(np.float32)


class WordEncoder:
    """Maps a token to the ids of its categorical features and its characters (shared by training)."""

    def __init__(
        self,
        vector_words: list[str],
        train_words: list[str],
        chars: str,
        prefixes: list[str],
        neighbour_path: Path = NEIGHBOUR_LABELS_PATH,
    ) -> None:
        self.vector_index = {w: i + 1 for i, w in enumerate(vector_words)}  # 0: no vector
        self.word_index = {w: i + 1 for i, w in enumerate(train_words)}  # 0: rare / unseen word
        self.char_index = {c: i + 2 for i, c in enumerate(chars)}  # 0: padding, 1: unknown
        self.prefix_index = {p: i + 1 for i, p in enumerate(prefixes)}
        self.clusters = load_clusters()
        self.neighbours = load_neighbour_labels(neighbour_path)

    def encode(self, token: str) -> tuple[list[int], list[int]]:
        """``(categorical ids in CATEGORICAL order, character ids)`` of one token."""
        f = fold_token(token)
        prefix, stem = split_clitics(f)
        vec = self.vector_index.get(f) or self.vector_index.get(stem, 0)
        cl = self.clusters.get(f) or self.clusters.get(stem)
        nn = self.neighbours.get(f) or self.neighbours.get(stem)
        if nn:
            nv, near, ne = (NN_LABELS.index(x) + 1 for x in nn[:3])
            nc = nv * 2 + (nn[3] == "h")
        else:
            nv = near = ne = nc = 0
        ids = [
            vec,
            self.word_index.get(f, 0),
            self.prefix_index.get(prefix, 0),
            _shape_id(f),
            int(cl[0]) + 1 if cl else 0,
            nv,
            near,
            ne,
            nc,
        ]
        word = f if len(f) <= MAX_CHARS else f[: MAX_CHARS // 2] + f[-MAX_CHARS // 2 :]
        return ids, [self.char_index.get(c, 1) for c in word]


@word_cache(200_000)
def fold_token(token: str) -> str:
    """The folded form the tables are keyed by (all quote marks read as ASCII '"', as in ANERcorp)."""
    return '"' if token in _QUOTES else fold(token)


def gazetteer_matrix(folded: list[str]) -> np.ndarray:
    """Multi-hot ``(tokens, len(GAZ_FEATURES))`` of the gazetteer entries covering each token."""
    out = np.zeros((len(folded), len(GAZ_FEATURES)), np.float32)
    for i, feats in enumerate(load_gazetteer().match(folded)):
        for feat in feats:
            j = GAZ_FEATURES.get(feat)
            if j is not None:
                out[i, j] = 1.0
    return out


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


class NeuralTagger:
    """The numpy forward pass of the BiLSTM-CRF trained by ``train_neural.py``."""

    def __init__(
        self,
        weights: Path = WEIGHTS_PATH,
        vectors: Path = VECTORS_PATH,
        neighbour_path: Path = NEIGHBOUR_LABELS_PATH,
    ) -> None:
        w = np.load(weights)
        meta = bytes(w["meta"]).decode("utf-8").split("\n\x00\n")
        train_words = meta[0].split("\n") if meta[0] else []
        chars, prefixes = meta[1], meta[2].split("\n")
        vector_words, self.q, self.scale = load_vectors(vectors)
        self.encoder = WordEncoder(vector_words, train_words, chars, prefixes, neighbour_path)
        f32 = {k: w[k].astype(np.float32) for k in w.files if k != "meta"}
        self.tables = [f32[f"emb_{name}"] for name in CATEGORICAL if name != "vec"]
        self.char_emb = f32["char_emb"]
        self.conv_w = f32["conv_w"]  # (width * char_dim, filters)
        self.conv_b = f32["conv_b"]
        self.conv_width = int(w["conv_width"])
        h = f32["w_hh_f"].shape[0]
        self.hidden = h
        # torch orders the gates i, f, g, o; here i, f, o, g, so that one sigmoid covers three of them.
        gates = np.r_[0 : 2 * h, 3 * h : 4 * h, 2 * h : 3 * h]
        both = np.r_[gates, 4 * h + gates]
        w_ih = f32["w_ih"][:, both]  # (input, 8h): forward gates then backward gates
        n_gaz = len(GAZ_FEATURES)
        self.w_static = np.ascontiguousarray(w_ih[:-n_gaz])  # rows of the per-word inputs
        self.w_gaz = np.ascontiguousarray(w_ih[-n_gaz:])  # rows of the gazetteer multi-hot
        self.b = f32["b"][both]
        self.w_hh = np.ascontiguousarray(np.stack([f32["w_hh_f"][:, gates], f32["w_hh_b"][:, gates]]))  # (2, h, 4h)
        self.out_w = f32["out_w"]  # (2h, tags)
        self.out_b = f32["out_b"]
        self.trans = f32["trans"]  # (tags, tags): from -> to
        self.start = f32["start"]
        self.end = f32["end"]
        # BIO is enforced at decoding: I-X only after B-X or I-X (CoNLL would read a stray I-X as B-X).
        for j, tag in enumerate(TAGS):
            if tag.startswith("I-"):
                self.start[j] = -1e4
                for i, prev in enumerate(TAGS):
                    if prev[2:] != tag[2:]:
                        self.trans[i, j] = -1e4
        # Per distinct token: its row in ``self._rows``, the input projection of its word-level features.
        self._index: dict[str, int] = {}
        self._rows = np.zeros((1024, 8 * h), np.float32)
        self._hits = np.zeros(1024, np.int64)  # how often each cached row was asked for
        caches.register(lambda: len(self._index), self.clear_cache)

    def clear_cache(self) -> None:
        """Forget the per-word rows and give their memory back (cold-cache timings, a server's trim)."""
        self._index.clear()
        self._rows = np.zeros((1024, self._rows.shape[1]), np.float32)
        self._hits = np.zeros(1024, np.int64)

    def _evict(self) -> None:
        """Keep the most asked-for half of the cache (Zipf: function words and common nouns stay)."""
        by_row = {row: word for word, row in self._index.items()}
        keep = np.argsort(-self._hits[: len(by_row)], kind="stable")[: CACHE_WORDS // 2]
        self._rows[: len(keep)] = self._rows[keep]
        self._hits[: len(keep)] = self._hits[keep] // 2  # old counts fade
        self._hits[len(keep) :] = 0
        self._index = {by_row[int(row)]: k for k, row in enumerate(keep)}

    def word_rows(self, tokens: list[str]) -> np.ndarray:
        """Row ids in ``self._rows`` of the LSTM input projections (8h, bias included) of the tokens' word-level
        features.

        Everything that depends on a token alone (vector, embeddings, character CNN, and their product
        with the input weights) is computed once per distinct token, in one batch per call.
        """
        distinct = dict.fromkeys(tokens)
        missing = [t for t in distinct if t not in self._index]
        if missing:
            if len(self._index) + len(missing) > CACHE_WORDS:
                self._evict()
                missing = [t for t in distinct if t not in self._index]
            index = self._index
            need = len(index) + len(missing)
            if need > len(self._rows):
                size = max(need, min(2 * len(self._rows), CACHE_WORDS))
                grown = np.zeros((size, self._rows.shape[1]), np.float32)
                grown[: len(index)] = self._rows[: len(index)]
                self._rows = grown
                self._hits = np.concatenate([self._hits, np.zeros(size - len(self._hits), np.int64)])
            encoded = [self.encoder.encode(t) for t in missing]
            ids = np.array([e[0] for e in encoded], np.int64)
            rows = ids[:, 0] - 1
            pre = self.q[rows].astype(np.float32) * self.scale[rows, None]
            pre[rows < 0] = 0.0  # no vector
            parts = [pre, *(table[ids[:, j + 1]] for j, table in enumerate(self.tables))]
            parts.append(self._char_cnn([e[1] for e in encoded]))
            first = len(index)
            self._rows[first:need] = np.concatenate(parts, axis=1) @ self.w_static + self.b
            for k, t in enumerate(missing):
                index[t] = first + k
        index = self._index
        out = np.fromiter((index[t] for t in tokens), np.int64, len(tokens))
        self._hits[: len(index)] += np.bincount(out, minlength=len(index))
        return out

    def _char_cnn(self, words: list[list[int]]) -> np.ndarray:
        """Max-pooled ReLU convolution over each word's characters (all words at once)."""
        pad = self.conv_width // 2
        longest = max(1, *(len(c) for c in words)) if words else 1
        ids = np.zeros((len(words), longest + 2 * pad), np.int64)
        for k, chars in enumerate(words):
            ids[k, pad : pad + len(chars)] = chars
        emb = self.char_emb[ids]  # (words, longest + 2 pad, char_dim); row 0 (padding) is zero
        windows = np.concatenate([emb[:, k : k + longest] for k in range(self.conv_width)], axis=2)
        conv = np.maximum(windows @ self.conv_w + self.conv_b, 0.0)
        lengths = np.array([len(c) for c in words])
        conv *= (np.arange(longest)[None, :] < lengths[:, None])[:, :, None]  # ReLU >= 0: 0 is neutral
        return conv.max(axis=1)

    def _bilstm(self, xp: np.ndarray, active: np.ndarray) -> np.ndarray:
        """Both directions over ``xp`` (time, 2, batch, 4h) in one loop: the backward one reads its rows from
        the sentence end, so both have the same ``active[t]`` rows (a prefix) at step t. Padding is neither
        read nor written.
        """
        steps, _, batch, _ = xp.shape
        h = self.hidden
        out = np.empty((steps, 2, batch, h), np.float32)
        hs = np.zeros((2, batch, h), np.float32)
        cs = np.zeros((2, batch, h), np.float32)
        for t in range(steps):
            n = int(active[t])
            g = xp[t, :, :n]
            g += np.matmul(hs[:, :n], self.w_hh)
            s = _sigmoid(g[..., : 3 * h])  # gates i, f, o
            c = s[..., h : 2 * h] * cs[:, :n]
            c += s[..., :h] * np.tanh(g[..., 3 * h :])
            hn = s[..., 2 * h :] * np.tanh(c)
            cs[:, :n] = c
            hs[:, :n] = hn
            out[t, :, :n] = hn
        return out

    def emissions(self, sentences: list[list[str]]) -> tuple[list[int], np.ndarray, np.ndarray]:
        """Tag scores of the non-empty sentences: (their indices sorted by length, lengths, scores).

        Sentences differ in length, so padded arrays are mostly padding on news pages; every step here
        costs in proportion to the real tokens: inputs are scattered time-major into uninitialised
        arrays, and scores are computed for real positions only.
        """
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: -len(sentences[i]))
        if not order:
            return [], np.zeros(0, np.int64), np.zeros((0, 0, len(TAGS)), np.float32)
        lengths = np.array([len(sentences[i]) for i in order])
        batch, steps, h = len(order), int(lengths[0]), self.hidden
        flat = [tok for i in order for tok in sentences[i]]
        ids = self.word_rows(flat)  # may grow self._rows
        rows = self._rows[ids]  # (tokens, 8h): forward gates, then backward gates
        gaz = np.concatenate([gazetteer_matrix([fold_token(t) for t in sentences[i]]) for i in order])
        hit = np.flatnonzero(gaz.any(axis=1))
        if len(hit):
            rows[hit] += gaz[hit] @ self.w_gaz
        row_of = np.repeat(np.arange(batch), lengths)  # sentence (batch row) of every token
        step_f = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        step_b = lengths[row_of] - 1 - step_f  # the backward direction reads each sentence from its end
        xp = np.empty((steps, 2, batch, 4 * h), np.float32)
        xp[step_f, 0, row_of] = rows[:, : 4 * h]
        xp[step_b, 1, row_of] = rows[:, 4 * h :]
        active = (lengths[None, :] > np.arange(steps)[:, None]).sum(axis=1)
        out = self._bilstm(xp, active)
        hf = out[step_f, 0, row_of]  # (tokens, h)
        hb = out[step_b, 1, row_of]
        scores = np.zeros((batch, steps, len(TAGS)), np.float32)
        scores[row_of, step_f] = hf @ self.out_w[:h] + hb @ self.out_w[h:] + self.out_b
        return order, lengths, scores

    def viterbi(self, scores: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best tag ids per (sentence, step), all sentences at once (rows sorted by decreasing length)."""
        batch, steps, k = scores.shape
        back = np.zeros((batch, steps, k), np.int64)
        best = scores[:, 0] + self.start
        active = (lengths[None, :] > np.arange(steps)[:, None]).sum(axis=1)
        for t in range(1, steps):
            n = int(active[t])
            cand = best[:n, :, None] + self.trans[None]  # (n, from, to)
            back[:n, t] = cand.argmax(axis=1)
            best[:n] = cand.max(axis=1) + scores[:n, t]
        best = best + self.end
        path = np.zeros((batch, steps), np.int64)
        last = best.argmax(axis=1)
        rows = np.arange(batch)
        path[rows, lengths - 1] = last
        for t in range(steps - 1, 0, -1):
            n = int(active[t])
            path[:n, t - 1] = back[rows[:n], t, path[:n, t]]
        return path

    def tag_document(self, sentences: list[list[str]], consistency: bool = True) -> list[list[str]]:
        """BIO tags for the sentences (token lists) of one document (``consistency``: see below)."""
        out: list[list[str]] = [[] for _ in sentences]
        by_length = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: -len(sentences[i]))
        start = 0
        while start < len(by_length):
            # sentences are padded to the longest of their batch: batches of similar lengths, each at most
            # BATCH_SLOTS token slots, keep a page with one 3,000-word "sentence" from taking gigabytes
            group = by_length[start:start + max(1, BATCH_SLOTS // len(sentences[by_length[start]]))]
            start += len(group)
            order, lengths, scores = self.emissions([sentences[i] for i in group])
            path = self.viterbi(scores, lengths)
            for row, j in enumerate(order):
                out[group[j]] = [TAGS[k] for k in path[row, : lengths[row]]]
        return document_consistency(sentences, out) if consistency else out


#: Stems shorter than this never vote in ``document_consistency``.
CONSISTENCY_MIN_CHARS = 3


def document_consistency(sentences: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    """Tag the stray occurrences of one-word names the tagger found elsewhere in the same document.

    A one-token entity (its clitic-stripped stem) votes its label for the other occurrences of that stem
    that were left ``O`` between two ``O`` tokens (the majority label wins). This is the document memory
    that the CRF's second pass learns, done as a cheap post-step (+0.6 F1 on held-out train).
    """
    votes: dict[str, dict[str, int]] = {}
    for sent, sent_tags in zip(sentences, tags, strict=True):
        for i, tag in enumerate(sent_tags):
            if tag[:2] == "B-" and (i + 1 == len(sent_tags) or sent_tags[i + 1][:2] != "I-"):
                stem = _stem(sent[i])
                if len(stem) >= CONSISTENCY_MIN_CHARS:
                    per = votes.setdefault(stem, {})
                    per[tag[2:]] = per.get(tag[2:], 0) + 1
    if not votes:
        return tags
    out = []
    for sent, sent_tags in zip(sentences, tags, strict=True):
        new = sent_tags
        for i, tag in enumerate(sent_tags):
            if tag != "O":
                continue
            per = votes.get(_stem(sent[i]))
            if per is None:
                continue
            if (i and sent_tags[i - 1] != "O") or (i + 1 < len(sent_tags) and sent_tags[i + 1] != "O"):
                continue
            if new is sent_tags:
                new = list(sent_tags)
            new[i] = "B-" + max(per, key=per.__getitem__)  # ties: first seen wins
        out.append(new)
    return out


@word_cache(100_000)
def _stem(token: str) -> str:
    """The clitic-stripped folded form that ``document_consistency`` groups occurrences by."""
    return split_clitics(fold_token(token))[1]


def neural_available(weights: Path | None = None, vectors: Path | None = None) -> bool:
    """Whether the neural tagger's files were built (``rasd train ner-neural``)."""
    return (weights or WEIGHTS_PATH).exists() and (vectors or VECTORS_PATH).exists()


@lru_cache(maxsize=2)
def load_neural_tagger(weights: Path | None = None, vectors: Path | None = None) -> NeuralTagger:
    """The neural tagger, loaded once per process (default: the shipped files)."""
    weights, vectors = weights or WEIGHTS_PATH, vectors or VECTORS_PATH
    if not neural_available(weights, vectors):
        raise FileNotFoundError(f"neural NER weights missing: {weights}; run `rasd train ner-neural`")
    return NeuralTagger(weights, vectors)
