"""Long documents in bounded windows: what keeps extraction linear in time and bounded in memory.

Several stages relate every mention to every other (places to actors, speakers to names, numbers to
sentences), which is cheap on a news article and quadratic on a book-length text: 0.8 s at 200k
characters, 9 s at 800k, minutes on a one-line 5 MB dump. A text longer than :data:`WINDOW_CHARS` is
cut into windows of about three quarters of that at paragraph ends (else sentence ends, else spaces), each extracted as an
article of its own; offsets are shifted back, so the result reads as one. No news article in the corpora
is that long (the longest of 22,854 has 62,691 characters), so ordinary articles are extracted whole.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator

from rasd.model import Article, ArticleResult, Event, Mention, Span

#: The longest text extracted in one piece.
WINDOW_CHARS = 64_000
_SENTENCE_ENDS = (".\n", ". ", "؟ ", "? ", "! ", "!\n", "؟\n")


def window_bounds(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive windows of at most ``size`` characters that cover ``text``."""
    n = len(text)
    if n <= size:
        return [(0, n)]
    reach = size // 4  # how far before its mark a window may end to find a paragraph end
    step = size - reach  # windows of about the same length, whatever the document's: the same cost per character
    cuts = [0]
    for i in range(1, math.ceil(n / step)):
        target = i * step
        cuts.append(_cut(text, max(cuts[-1] + 1, target - reach), target))
    cuts.append(n)
    return list(zip(cuts, cuts[1:], strict=False))


def _cut(text: str, lo: int, hi: int) -> int:
    """The best place to end a window within ``[lo, hi]``: after a paragraph, a sentence, a space."""
    at = text.rfind("\n", lo, hi)
    if at >= 0:
        return at + 1
    at = max(text.rfind(end, lo, hi) for end in _SENTENCE_ENDS)
    if at >= 0:
        return at + 2
    at = max(text.rfind(" ", lo, hi), text.rfind("\t", lo, hi))
    return at + 1 if at >= 0 else hi


def _shifted_span(s: Span, by: int) -> Span:
    return Span(s.start + by, s.end + by, s.text)


def _shifted_event(e: Event, by: int) -> Event:
    return dataclasses.replace(e, evidence=[_shifted_span(s, by) for s in e.evidence])


def _shifted_mention(m: Mention, by: int) -> Mention:
    return dataclasses.replace(m, start=m.start + by, end=m.end + by)


def shifted(part: ArticleResult, start: int) -> tuple[list[Event], list[Mention]]:
    """The events and mentions of a window's result, with offsets into the whole document."""
    return ([_shifted_event(e, start) for e in part.events], [_shifted_mention(m, start) for m in part.mentions])


def window_articles(article: Article, size: int = WINDOW_CHARS) -> Iterator[tuple[int, Article]]:
    """The windows of ``article`` as articles of their own (same id, title and date), with their starts,
    one at a time: only the window being extracted holds a copy of its text."""
    for s, e in window_bounds(article.text, size):
        yield s, dataclasses.replace(article, text=article.text[s:e])
