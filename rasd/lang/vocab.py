"""Word frequencies of folded Arabic news words, the evidence that light clitic splitting relies on.

Whether ``وزير`` is و + ``زير`` or one word cannot be decided by spelling; how often each reading's
remainder occurs as a word of its own in news text can. The table is built once from the shared corpora
(``rasd build lang-vocab``) and shipped in ``rasd/data/lang/vocab.tsv.gz``; it loads once per process.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rasd import paths
from rasd.lang.normalize import fold
from rasd.lexicon import LETTER

VOCAB_PATH = paths.VOCAB
_WORD = re.compile(f"[{LETTER}]{{2,}}")


@lru_cache(maxsize=1)
def word_counts() -> dict[str, int]:
    """Folded word -> corpus count (empty when the table has not been built: splitting then falls back)."""
    if not VOCAB_PATH.exists():
        return {}
    counts: dict[str, int] = {}
    with gzip.open(VOCAB_PATH, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, _, n = line.rstrip("\n").partition("\t")
            counts[word] = int(n)
    return counts


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
