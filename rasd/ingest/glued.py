"""Split words a web page glued together (``وأعلنتالمقاومة``, ``عنوقوع``, ``مسيّرةعلى``).

Pages that drop the space between a link or a bold run and the next word leave one token where a reader
sees two, and every later step (triggers, actors, places) misses both. Two passes: where the glue is
certain by spelling (a letter after ة or tanween; على or إلى joined to a word) a regex splits it; elsewhere the corpus
vocabulary decides: a token that is (nearly) never written, cut where both halves are common words and
the whole is not a known stem with a clitic or an ending. Only rare tokens are looked at, so the cost is a
fold and a dictionary lookup per long word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasd.caches import word_cache
from rasd.lang.normalize import fold
from rasd.lang.vocab import word_counts
from rasd.lexicon import data as _lexicon_data
from rasd.lexicon import rules as _rules

_LEX = _rules("cleaning")
_CERTAIN = _LEX.glued_words
_RUN = _LEX.glued_run
#: The outlets whose names pages glue to the words around them (the glued_outlet pattern's words).
_OUTLETS = tuple(_lexicon_data("cleaning")["glued_outlet"]["words"])


@lru_cache(maxsize=1)
def _settings() -> tuple[int, int, int, int, int, int]:
    table = _LEX.glued_vocabulary
    return (int(table["half_min"]), int(table["whole_max"]), int(table["rarity"]), int(table["known_min"]),
            int(table["rarity_long"]), int(table["long_half"]))


def _inflected(folded: str, counts: dict[str, int], known_min: int) -> bool:
    """Is ``folded`` a known stem carrying clitics or an ending (then it is one word, not two)?"""
    prefix = _LEX.glued_prefix.match(folded)
    if prefix and prefix.end() and counts.get(folded[prefix.end():], 0) >= known_min:
        return True
    return any(folded.endswith(ending) and counts.get(folded[:-len(ending)], 0) >= known_min
               for ending in _LEX.glued_endings)


def glued_cut(folded: str, counts: dict[str, int]) -> int | None:
    """Where to cut a folded token into two words, or None when it is one word (or unknown)."""
    half_min, whole_max, rarity, known_min, rarity_long, long_half = _settings()
    whole = counts.get(folded, 0)
    if whole > whole_max:
        return None
    best: tuple[int, int] | None = None
    for i in range(2, len(folded) - 1):
        first, second = folded[:i], folded[i:]
        rarer = min(counts.get(first, 0), counts.get(second, 0))
        long = len(first) >= long_half and len(second) >= long_half
        if rarer < half_min or whole * (rarity_long if long else rarity) > rarer or second in _LEX.glued_endings:
            continue
        if (len(first) == 2 or len(second) == 2) and not (
                (len(first) > 2 or first in _LEX.glued_short_halves)
                and (len(second) > 2 or second in _LEX.glued_short_halves)):
            continue
        if _LEX.glued_false_cut.search(f"{first}|{second}"):
            continue  # وال + تشييع; موته + ما is موتهما
        if best is None or rarer > best[0]:
            best = (rarer, i)
    if best is None or _inflected(folded, counts, known_min):
        return None
    return best[1]


def _original_index(word: str, folded_cut: int) -> int:
    """The offset in ``word`` of its ``folded_cut``-th folded letter (fold only deletes marks)."""
    kept = 0
    for i, ch in enumerate(word):
        if kept == folded_cut and fold(ch):
            return i
        kept += bool(fold(ch))
    return len(word)


def _split_outlet(m: re.Match[str]) -> str:
    """The outlet's name cut from the words glued before (unless only clitics) and after it."""
    pre, name, post = m.group("pre"), m.group("name"), m.group("post")
    if pre and not _LEX.glued_outlet_clitics.match(fold(pre)):
        pre += " "
    return pre + name + (" " + post if post else "")


@word_cache(300_000)
def _word_cut(word: str) -> int | None:
    """Where to cut ``word`` as written (an offset into it), or None; cached per distinct word, as most
    words recur (a word the corpora write often is the common case and is never cut)."""
    counts = word_counts()
    folded = fold(word)
    if counts.get(folded, 0) > _settings()[1]:
        return None
    cut = glued_cut(folded, counts)
    return None if cut is None else _original_index(word, cut)


def split_glued_words(text: str) -> str:
    """``text`` with glued words split by a space (unchanged when the vocabulary is not built)."""
    if any(name in text for name in _OUTLETS):
        text = _LEX.glued_outlet.sub(_split_outlet, text)
    text = _CERTAIN.sub(r"\1 ", text)
    if not word_counts():
        return text
    out: list[str] = []
    last = 0
    word_cut = _word_cut
    for m in _RUN.finditer(text):
        cut = word_cut(m.group())
        if cut is None:
            continue
        at = m.start() + cut
        out += [text[last:at], " "]
        last = at
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)
