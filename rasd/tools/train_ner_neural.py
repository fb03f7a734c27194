"""Training the BiLSTM-CRF tagger of ``neural.py`` with torch (a training-time dependency only).

The model reads, per token: frozen skip-gram vectors (``ner_nn_vectors.npz``), a small trainable
embedding of the training words (word dropout teaches it to do without), a character CNN, embeddings of
the clitic prefix, shape, PPMI cluster and embedding-neighbour labels, and the gazetteer multi-hot. One
BiLSTM layer and a CRF output layer. Settings are fixed (chosen on held-out blocks of ANERcorp train,
see docs/bench/ner.md) and the seed is fixed, so ``rasd train ner-neural`` rebuilds the shipped weights
(up to float rounding across machines). The weights are exported for the numpy forward pass.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from rasd.lang.ner.features import split_clitics
from rasd.lang.ner.gazetteer import frozen_only
from rasd.lang.ner.neighbours import NEIGHBOUR_LABELS_PATH
from rasd.lang.ner.neural import (
    CATEGORICAL,
    GAZ_FEATURES,
    NN_LABELS,
    TAGS,
    VECTORS_PATH,
    WEIGHTS_PATH,
    WordEncoder,
    fold_token,
    gazetteer_matrix,
    load_vectors,
)
from rasd.lang.normalize import fold

Sentence = tuple[list[str], list[str]]

#: Fixed settings (chosen on held-out train blocks, see docs/bench/ner.md).
SETTINGS = {
    "vec_scale": 5.0,  # unit-norm vectors scaled to the size of the other inputs
    "word_dim": 32,
    "char_dim": 24,
    "filters": 50,
    "conv_width": 3,
    "small_dim": 8,
    "cluster_dim": 16,
    "hidden": 150,
    "dropout": 0.5,
    "word_dropout": 0.3,
    "lr": 2e-3,
    "lr_decay": 0.9,  # learning rate multiplied by this after every epoch
    "batch": 16,
    "epochs": 16,
    "min_word_count": 2,
    "min_char_count": 5,
    "seed": 13,
}


def write_vectors(words: list[str], emb: np.ndarray, out: Path = VECTORS_PATH) -> Path:
    """Store word vectors compactly: int8 rows and a float16 scale per row (about 13 MB for 126k words)."""
    emb = np.asarray(emb, np.float32)
    scale = np.abs(emb).max(axis=1).clip(1e-9) / 127.0
    q = np.round(emb / scale[:, None]).astype(np.int8)
    words_blob = np.frombuffer("\n".join(words).encode("utf-8"), np.uint8)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, words=words_blob, q=q, scale=scale.astype(np.float16))
    return out


def _vocabularies(sentences: list[Sentence], settings: dict) -> tuple[list[str], str, list[str]]:
    words: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    prefixes: set[str] = set()
    for tokens, _ in sentences:
        for tok in tokens:
            f = fold(tok)
            words[f] += 1
            chars.update(f)
            prefixes.add(split_clitics(f)[0])
    train_words = sorted(w for w, c in words.items() if c >= settings["min_word_count"])
    char_set = "".join(sorted(c for c, n in chars.items() if n >= settings["min_char_count"] and c != "\n"))
    return train_words, char_set, sorted(prefixes)


def _encode(sentences: list[Sentence], encoder: WordEncoder) -> list[tuple[np.ndarray, ...]]:
    cache: dict[str, tuple[list[int], list[int]]] = {}
    data = []
    for tokens, tags in sentences:
        enc = [cache.get(t) or cache.setdefault(t, encoder.encode(t)) for t in tokens]
        cats = np.array([e[0] for e in enc], np.int64)
        chars = np.zeros((len(tokens), max(1, *(len(e[1]) for e in enc))), np.int64)
        for i, e in enumerate(enc):
            chars[i, : len(e[1])] = e[1]
        gaz = gazetteer_matrix([fold_token(t) for t in tokens])
        y = np.array([TAGS.index(t) for t in tags], np.int64)
        data.append((cats, chars, gaz, y))
    return data


def _build_model(settings: dict, n_vectors: np.ndarray, sizes: dict[str, int], n_chars: int):
    import torch
    from torch import nn

    class CharCNN(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.Embedding(n_chars, settings["char_dim"], padding_idx=0)
            width = settings["conv_width"]
            self.conv = nn.Conv1d(settings["char_dim"], settings["filters"], width, padding=width // 2)

        def forward(self, chars):  # (tokens, max chars)
            x = self.emb(chars).transpose(1, 2)
            h = torch.relu(self.conv(x)) * (chars > 0).unsqueeze(1)
            return h.max(dim=2).values

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            vec = torch.tensor(n_vectors)
            self.vec = nn.Embedding.from_pretrained(vec, freeze=True)
            dims = {
                "word": settings["word_dim"],
                "cluster": settings["cluster_dim"],
            }
            self.tables = nn.ModuleList(
                nn.Embedding(sizes[name], dims.get(name, settings["small_dim"]))
                for name in CATEGORICAL
                if name != "vec"
            )
            self.chars = CharCNN()
            n_in = (
                vec.shape[1]
                + sum(t.embedding_dim for t in self.tables)
                + settings["filters"]
                + len(GAZ_FEATURES)
            )
            self.drop = nn.Dropout(settings["dropout"])
            self.lstm = nn.LSTM(n_in, settings["hidden"], batch_first=True, bidirectional=True)
            k = len(TAGS)
            self.out = nn.Linear(2 * settings["hidden"], k)
            self.trans = nn.Parameter(torch.zeros(k, k))
            self.start = nn.Parameter(torch.zeros(k))
            self.end = nn.Parameter(torch.zeros(k))

        def emissions(self, cats, chars, gaz, lengths):
            b, t, _ = cats.shape
            parts = [self.vec(cats[..., 0])]
            parts += [table(cats[..., j + 1]) for j, table in enumerate(self.tables)]
            parts.append(self.chars(chars.view(b * t, -1)).view(b, t, -1))
            parts.append(gaz)
            x = self.drop(torch.cat(parts, dim=-1))
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
            return self.out(self.drop(h))

        def nll(self, em, tags, mask):
            b, t, _ = em.shape
            rows = torch.arange(b)
            score = self.start[tags[:, 0]] + em[rows, 0, tags[:, 0]]
            alpha = self.start + em[:, 0]
            for i in range(1, t):
                m = mask[:, i]
                score = score + (self.trans[tags[:, i - 1], tags[:, i]] + em[rows, i, tags[:, i]]) * m
                nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0), dim=1) + em[:, i]
                alpha = torch.where(m.unsqueeze(1) > 0, nxt, alpha)
            last = tags[rows, mask.sum(1).long() - 1]
            score = score + self.end[last]
            log_z = torch.logsumexp(alpha + self.end, dim=1)
            return (log_z - score).mean()

    return Tagger()


def _batches(data: list, size: int, rng: random.Random) -> list[list[int]]:
    """Batches of similar length (less padding), in random order."""
    order = sorted(range(len(data)), key=lambda i: (len(data[i][3]), rng.random()))
    batches = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(batches)
    return batches


def _collate(items: list[tuple[np.ndarray, ...]], word_dropout: float, rng: np.random.Generator):
    import torch

    b = len(items)
    t = max(len(y) for *_, y in items)
    c = max(ch.shape[1] for _, ch, _, _ in items)
    cats = np.zeros((b, t, items[0][0].shape[1]), np.int64)
    chars = np.zeros((b, t, c), np.int64)
    gaz = np.zeros((b, t, items[0][2].shape[1]), np.float32)
    tags = np.zeros((b, t), np.int64)
    mask = np.zeros((b, t), np.float32)
    for i, (ca, ch, g, y) in enumerate(items):
        n = len(y)
        cats[i, :n] = ca
        chars[i, :n, : ch.shape[1]] = ch
        gaz[i, :n] = g
        tags[i, :n] = y
        mask[i, :n] = 1
    if word_dropout:
        col = CATEGORICAL.index("word")
        cats[..., col] *= rng.random((b, t)) >= word_dropout
    lengths = torch.tensor([len(y) for *_, y in items])
    return (torch.tensor(cats), torch.tensor(chars), torch.tensor(gaz), lengths, torch.tensor(tags),
            torch.tensor(mask))


def _export(model, settings: dict, train_words: list[str], chars: str, prefixes: list[str], out: Path) -> Path:
    sd = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    for key in ("lstm.weight_ih_l0", "lstm.weight_ih_l0_reverse"):  # numpy reads the unscaled vectors
        sd[key][:, : model.vec.embedding_dim] *= settings["vec_scale"]
    h16 = np.float16
    arrays = {
        f"emb_{name}": sd[f"tables.{j}.weight"].astype(h16)
        for j, name in enumerate(n for n in CATEGORICAL if n != "vec")
    }
    conv = sd["chars.conv.weight"]  # (filters, char_dim, width)
    arrays.update(
        char_emb=sd["chars.emb.weight"].astype(h16),
        conv_w=conv.transpose(2, 1, 0).reshape(-1, conv.shape[0]).astype(h16),
        conv_b=sd["chars.conv.bias"].astype(h16),
        conv_width=np.array(settings["conv_width"]),
        w_ih=np.concatenate([sd["lstm.weight_ih_l0"].T, sd["lstm.weight_ih_l0_reverse"].T], axis=1).astype(h16),
        b=np.concatenate(
            [sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
             sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"]]
        ).astype(h16),
        w_hh_f=sd["lstm.weight_hh_l0"].T.astype(h16),
        w_hh_b=sd["lstm.weight_hh_l0_reverse"].T.astype(h16),
        out_w=sd["out.weight"].T.astype(h16),
        out_b=sd["out.bias"].astype(h16),
        trans=sd["trans"].astype(h16),
        start=sd["start"].astype(h16),
        end=sd["end"].astype(h16),
    )
    meta = "\n\x00\n".join(["\n".join(train_words), chars, "\n".join(prefixes)])
    arrays["meta"] = np.frombuffer(meta.encode("utf-8"), np.uint8)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **arrays)
    return out


def train(
    sentences: list[Sentence],
    out: Path = WEIGHTS_PATH,
    vectors: Path = VECTORS_PATH,
    neighbour_path: Path = NEIGHBOUR_LABELS_PATH,
    settings: dict | None = None,
    threads: int = 1,
    on_epoch: Callable[[int, float, Path], None] | None = None,
    log: Callable[[str], None] = print,
) -> Path:
    """Train on ``sentences`` and write the numpy weights to ``out``.

    ``on_epoch(epoch, loss, out)`` is called after each epoch with the weights exported so far (the
    held-out experiments score the numpy tagger there). Only the frozen gazetteer is used, as for the CRF.
    """
    import torch

    settings = {**SETTINGS, **(settings or {})}
    torch.set_num_threads(threads)
    torch.manual_seed(settings["seed"])
    rng = random.Random(settings["seed"])
    nrng = np.random.default_rng(settings["seed"])
    vector_words, q, scale = load_vectors(vectors)
    n_vectors = np.zeros((len(vector_words) + 1, q.shape[1]), np.float32)
    n_vectors[1:] = q.astype(np.float32) * scale[:, None] * settings["vec_scale"]
    train_words, chars, prefixes = _vocabularies(sentences, settings)
    with frozen_only():
        encoder = WordEncoder(vector_words, train_words, chars, prefixes, neighbour_path)
        data = _encode(sentences, encoder)
    sizes = {
        "word": len(train_words) + 1,
        "prefix": len(prefixes) + 1,
        "shape": 6,
        "cluster": 1025,
        "nv": len(NN_LABELS) + 1,
        "nn": len(NN_LABELS) + 1,
        "ne": len(NN_LABELS) + 1,
        "nc": 2 * len(NN_LABELS) + 2,
    }
    model = _build_model(settings, n_vectors, sizes, len(chars) + 2)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=settings["lr"])
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=settings["lr_decay"])
    for epoch in range(1, settings["epochs"] + 1):
        model.train()
        t0 = time.perf_counter()
        total = 0.0
        for batch in _batches(data, settings["batch"], rng):
            cats, ch, gaz, lengths, tags, mask = _collate([data[i] for i in batch], settings["word_dropout"], nrng)
            em = model.emissions(cats, ch, gaz, lengths)
            loss = model.nll(em, tags, mask)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            total += loss.item() * len(batch)
        sched.step()
        model.eval()
        _export(model, settings, train_words, chars, prefixes, out)
        log(f"epoch {epoch}: loss {total / len(data):.3f} ({time.perf_counter() - t0:.0f} s)")
        if on_epoch is not None:
            on_epoch(epoch, total / len(data), out)
    return out


#: Held-out split of ANERcorp train used to choose the settings (the same blocks as the CRF's dev).
DEV_BLOCK = 200
DEV_EVERY = 6


def dev_split(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """ANERcorp train cut into ``DEV_BLOCK``-sentence blocks; every ``DEV_EVERY``-th block is held out."""
    fit: list[Sentence] = []
    dev: list[Sentence] = []
    for k in range(0, len(sentences), DEV_BLOCK):
        (dev if (k // DEV_BLOCK) % DEV_EVERY == 0 else fit).extend(sentences[k : k + DEV_BLOCK])
    return fit, dev


def score_weights(
    sentences: list[Sentence],
    weights: Path,
    vectors: Path = VECTORS_PATH,
    neighbour_path: Path = NEIGHBOUR_LABELS_PATH,
) -> dict:
    """Entity-level scores of the numpy tagger on ``sentences``, tagged in pseudo-documents as at test."""
    from rasd.lang.ner.model import document_chunks
    from rasd.lang.ner.neural import NeuralTagger
    from rasd.tools.eval_ner import score

    tagger = NeuralTagger(weights, vectors, neighbour_path)
    pred: list[list[str]] = []
    for chunk in document_chunks(len(sentences)):
        pred += tagger.tag_document([sentences[i][0] for i in chunk])
    return score([tags for _, tags in sentences], pred)


def dev_run(
    sentences: list[Sentence],
    workdir: Path,
    settings: dict | None = None,
    threads: int = 1,
    log: Callable[[str], None] = print,
    extra: list[Sentence] | None = None,
) -> list[tuple[int, float]]:
    """Train on the non-held-out blocks and score the held-out ones after every epoch.

    The embedding-neighbour table is rebuilt from the training blocks only, so that held-out words do
    not see their own labels through it. ``extra`` sentences (AQMAR) are added to the training part.
    Returns ``(epoch, dev micro F1)`` per epoch.
    """
    from rasd.tools.ner_features import build_neighbour_labels

    fit, dev = dev_split(sentences)
    workdir.mkdir(parents=True, exist_ok=True)
    table = workdir / "dev_nn_labels.tsv.gz"
    if not table.exists():
        words, q, scale = load_vectors(VECTORS_PATH)
        emb = q.astype(np.float32) * scale[:, None]
        emb /= np.linalg.norm(emb, axis=1, keepdims=True).clip(1e-9)
        build_neighbour_labels(fit, words, emb, out=table)
    results: list[tuple[int, float]] = []

    def on_epoch(epoch: int, loss: float, out: Path) -> None:
        s = score_weights(dev, out, neighbour_path=table)
        per = " ".join(f"{k} {v['f1']:.4f}" for k, v in s["per_type"].items())
        log(f"  dev epoch {epoch}: micro P {s['micro']['precision']:.4f} R {s['micro']['recall']:.4f} "
            f"F1 {s['micro']['f1']:.4f} ({per})")
        results.append((epoch, s["micro"]["f1"]))

    train(fit + (extra or []), workdir / "dev_tagger.npz", neighbour_path=table, settings=settings, threads=threads,
          on_epoch=on_epoch, log=log)
    return results
