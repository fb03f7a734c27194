"""Training the CRF named-entity tagger (``rasd train ner``) on ANERcorp's train split (CAMeL Lab split).

Fixed settings, so that the shipped model file can be reproduced. Labels follow ANERcorp (PERS is renamed
PER); AQMAR's MIS* classes map to MISC. Tagging with the trained model is ``rasd.lang.ner.model``'s job.
"""

from __future__ import annotations

from pathlib import Path

from rasd.lang.ner.features import sentence_features
from rasd.lang.ner.gazetteer import frozen_only
from rasd.lang.ner.model import (
    MODEL_PATH,
    Sentence,
    _with_memory,
    doc_path_for,
    document_chunks,
    memory_features,
)
from rasd.tools import paths as tool_paths

SHARED_NER = tool_paths.NER_DIR
ANERCORP_TRAIN = tool_paths.ANERCORP_TRAIN
ANERCORP_TEST = tool_paths.ANERCORP_TEST
AQMAR_DIR = tool_paths.AQMAR_DIR

#: Fixed training settings (chosen on held-out blocks of ANERcorp train, see docs/bench/ner.md).
USE_AQMAR = False  # AQMAR (Wikipedia science/sport) cost 3.5 F1 on the held-out ANERcorp tail
#: 100 L-BFGS iterations scored as well as 200 on held-out train (0.765 vs 0.762) in half the time.
TRAIN_PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 100, "feature.possible_transitions": True}
#: The jackknife models only provide pass-1 tags for pass 2's training memory.
FOLD_PARAMS = {**TRAIN_PARAMS, "max_iterations": 100}
JACKKNIFE_FOLDS = 3

_LABEL_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}

def _norm_tag(tag: str) -> str:
    if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    label = tag[2:]
    label = _LABEL_MAP.get(label, "MISC" if label.startswith("MIS") else "")
    return f"{tag[0]}-{label}" if label else "O"


def read_conll(path: Path) -> list[Sentence]:
    """``token TAG`` lines, blank line between sentences (ANERcorp and AQMAR)."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            continue
        tokens.append(parts[0])
        tags.append(_norm_tag(parts[-1]))
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def read_aqmar(directory: Path = AQMAR_DIR) -> list[Sentence]:
    return [s for path in sorted(directory.glob("*.txt")) for s in read_conll(path)]


def _train_crf(
    features: list[list[list[str]]], tags: list[list[str]], out: Path, params: dict, verbose: bool
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=verbose)
    for x, y in zip(features, tags, strict=True):
        trainer.append(x, y)
    trainer.set_params(params)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def train(
    sentences: list[Sentence],
    out: Path = MODEL_PATH,
    two_pass: bool = True,
    params: dict | None = None,
    verbose: bool = False,
) -> Path:
    """Train pass 1 on ``sentences`` into ``out``; then the document-memory pass 2 next to it (``*_doc``).

    Pass 2 must learn from pass-1 tags as noisy as those it will see on new text, so its training
    memory comes from jackknifed pass-1 models, each tagging the fold it did not see. Only the frozen
    gazetteer is used, so the result depends on committed files alone; runtime sources (the actors KB)
    add features at tagging time.
    """
    with frozen_only():
        return _train(sentences, out, two_pass, params or TRAIN_PARAMS, verbose)


def _train(sentences: list[Sentence], out: Path, two_pass: bool, params: dict, verbose: bool) -> Path:
    import pycrfsuite

    tokens = [t for t, _ in sentences]
    tags = [y for _, y in sentences]
    features = [sentence_features(t) for t in tokens]
    _train_crf(features, tags, out, params, verbose)
    if not two_pass:
        return out
    doc_out = doc_path_for(out)
    chunks = document_chunks(len(sentences))
    pass1: list[list[str]] = [[] for _ in sentences]
    for fold in range(JACKKNIFE_FOLDS):
        held = {i for k, chunk in enumerate(chunks) if k % JACKKNIFE_FOLDS == fold for i in chunk}
        keep = [i for i in range(len(sentences)) if i not in held]
        fold_path = out.with_suffix(f".fold{fold}.tmp")
        _train_crf([features[i] for i in keep], [tags[i] for i in keep], fold_path, FOLD_PARAMS, verbose)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(fold_path))
        for i in held:
            pass1[i] = tagger.tag(features[i])
        tagger.close()
        fold_path.unlink()
    doc_features: list[list[list[str]]] = []
    for chunk in chunks:
        memory = memory_features([tokens[i] for i in chunk], [pass1[i] for i in chunk])
        doc_features += _with_memory([features[i] for i in chunk], memory)
    _train_crf(doc_features, tags, doc_out, params, verbose)
    return out


