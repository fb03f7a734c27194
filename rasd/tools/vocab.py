"""Building the folded-word frequency table that light clitic splitting relies on (``rasd build
lang-vocab``), from the shared corpora; ``rasd.lang.vocab`` loads the shipped table.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rasd.lang.normalize import fold
from rasd.lang.vocab import _WORD, VOCAB_PATH, word_counts


def count_words(texts: Iterable[str]) -> Counter[str]:
    """Folded Arabic word counts over ``texts`` (one regex pass per text)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_WORD.findall(fold(text)))
    return counts


def build_vocab(corpus_paths: Iterable[Path], out: Path = VOCAB_PATH, min_count: int = 5) -> int:
    """Write the frequency table from JSONL(.gz) corpora; returns the number of words kept."""

    def texts() -> Iterable[str]:
        for path in corpus_paths:
            opener = gzip.open if str(path).endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as fh:
                for line in fh:
                    yield json.loads(line).get("text") or ""

    counts = count_words(texts())
    kept = sorted(((w, n) for w, n in counts.items() if n >= min_count), key=lambda x: (-x[1], x[0]))
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.writelines(f"{w}\t{n}\n" for w, n in kept)
    word_counts.cache_clear()
    return len(kept)
