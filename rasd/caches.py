"""Per-word caches: bounded, registered in one place, and trimmed by a long-lived server.

A batch run keeps every per-word result it can (folding, clitics, trigger starts, feature hashes, the
neural tagger's word rows): the same words recur across millions of articles. A server that stays up for
weeks and sees a few articles a minute gains little from that and should not grow until every cache is
full, so after each request that extracted something it calls :func:`trim`, which empties every cache once
their entries pass a budget (``settings.CACHE_TRIM_ENTRIES``). A book-length text does the same between its
windows: its hundreds of thousands of distinct words would otherwise fill every cache at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_CACHES: list[Any] = []  # the lru_cache wrappers made by word_cache
_SIZERS: list[Callable[[], int]] = []  # other caches (the neural tagger's word rows): their sizes ...
_CLEARERS: list[Callable[[], None]] = []  # ... and how to empty them


def word_cache(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, registered so that :func:`trim` can empty it."""
    def wrap(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(cached)
        return cached  # type: ignore[return-value]
    return wrap


def register(sizer: Callable[[], int], clearer: Callable[[], None]) -> None:
    """A cache that is not an ``lru_cache`` (the neural tagger's word rows): its size and how to empty it."""
    _SIZERS.append(sizer)
    _CLEARERS.append(clearer)


def entries() -> int:
    """How many entries the registered caches hold together."""
    return sum(c.cache_info().currsize for c in _CACHES) + sum(s() for s in _SIZERS)


def clear() -> None:
    """Empty every registered cache."""
    for c in _CACHES:
        c.cache_clear()
    for c in _CLEARERS:
        c()


def trim(budget: int) -> bool:
    """Empty every registered cache when together they hold more than ``budget`` entries; True if it did."""
    if entries() <= budget:
        return False
    clear()
    return True
