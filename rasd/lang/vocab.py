"""Word frequencies of folded Arabic news words, the evidence that light clitic splitting relies on.

Whether ``وزير`` is و + ``زير`` or one word cannot be decided by spelling; how often each reading's
remainder occurs as a word of its own in news text can. The table is built once from the shared corpora
(``rasd build lang-vocab``) and shipped in ``rasd/data/lang/vocab.tsv.gz``; it loads once per process.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache

from rasd import paths
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


