"""Find actor mentions in Arabic text with one Aho-Corasick pass over the folded text.

Why one automaton: every alias (hundreds of actors x spellings x nationality-adjective phrases, a few
thousand keys) is found in a single linear scan, so cost grows with the article, not with the KB. The
text is folded with :func:`rasd.lang.normalize.fold`, which only deletes characters, so spans map back
to the original text through the deleted runs. Clitics are checked at the word start instead of being
split off: ``وقسد``, ``لقوات النظام``, ``وبالقوات``, and ``للقوات`` (``ل`` + ``ال`` with its alef elided).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from rasd.actors.kb import KnowledgeBase, load_kb
from rasd.lang.normalize import fold
from rasd.lexicon import LETTER
from rasd.lexicon import rules as _rules
from rasd.model import Mention

_LEX = _rules("actors")

#: letters and digits: a match must not continue a word on either side
_WORD_CHAR = re.compile(f"[{LETTER}\u0660-\u0669\u0671-\u06d3\u06f0-\u06f9A-Za-z0-9]")
#: what may precede an alias inside its word: conjunction, preposition, then the article
_PREFIX = _LEX.prefix
_PREFIX_BEFORE_ARTICLE = _LEX.prefix_before_article
_PREFIX_ELIDED_ARTICLE = _LEX.prefix_elided_article
_WHITESPACE = re.compile(r"[\t\n\r\u00a0\u2009\u202f]")
_MAX_PREFIX = 4

_ACTOR, _CONTEXTUAL, _BLOCKER, _COUNTRY = 1, 2, 4, 8
_LOCAL_TYPES = frozenset({"state_force", "rebel_group", "political_militia", "identity_militia", "jihadist_group"})


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in the text: a span of the original text and the actor it resolves to."""

    start: int
    end: int
    text: str
    actor_id: str | None

    def to_mention(self) -> Mention:
        """The pipeline's generic mention record (label ``ACTOR``, ``ref`` = actor id)."""
        return Mention(self.start, self.end, self.text, "ACTOR", self.actor_id)


@dataclass(slots=True)
class _Matcher:
    automaton: ahocorasick.Automaton
    #: key -> bit flags of what the key is (actor alias, contextual alias, blocker, country word)
    kinds: dict[str, int]
    #: variant key -> (real key, whether the variant is the article with its alef elided after ``ل``):
    #: ``لقوات ...`` for ``القوات ...``, and ``جيش" الاحتلال`` for Al Mayadeen's ``"جيش" الاحتلال``
    variants: dict[str, tuple[str, bool]]


@lru_cache(maxsize=1)
def _deleted_by_fold() -> re.Pattern[str]:
    """A regex of the characters fold() deletes, found by asking fold itself (so the two never drift)."""
    ranges = [*range(0x0600, 0x0700), *range(0x200B, 0x2070), 0xFEFF]
    chars = "".join(chr(c) for c in ranges if fold(chr(c)) == "")
    return re.compile("[" + re.escape(chars) + "]+")


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    kb = load_kb()
    kinds: dict[str, int] = {}
    for table, flag in ((kb.aliases, _ACTOR), (kb.contextual, _CONTEXTUAL), (kb.blockers, _BLOCKER),
                        (kb.country_words, _COUNTRY)):
        for key in table:
            kinds[key] = kinds.get(key, 0) | flag
    variants: dict[str, tuple[str, bool]] = {}
    for key, kind in kinds.items():
        if not kind & (_ACTOR | _CONTEXTUAL | _BLOCKER):
            continue
        if key.startswith("ال") and len(key) > 3:
            variants.setdefault("ل" + key[2:], (key, True))
        if " " in key:
            variants.setdefault(key.replace(" ", '" ', 1), (key, False))
    automaton = ahocorasick.Automaton()
    for key in kinds.keys() | variants.keys():
        automaton.add_word(key, key)
    automaton.make_automaton()
    return _Matcher(automaton, kinds, variants)


def _prefix_ok(folded: str, start: int, key: str, elided: bool) -> bool:
    """Is ``folded[start:]`` at a word start, allowing clitics and the article before the alias?"""
    j = start
    while j > 0 and start - j <= _MAX_PREFIX and _WORD_CHAR.match(folded, j - 1):
        j -= 1
    if j > 0 and _WORD_CHAR.match(folded, j - 1):
        return False  # the word began too far back: a longer word that merely contains the alias
    prefix = folded[j:start]
    if not prefix:
        return not elided
    if elided:
        return _PREFIX_ELIDED_ARTICLE.fullmatch(prefix) is not None
    pattern = _PREFIX_BEFORE_ARTICLE if key.startswith("ال") else _PREFIX
    return pattern.fullmatch(prefix) is not None


def _span_mapper(text: str):
    """Map folded offsets back to the original text (identity when fold deleted nothing)."""
    runs = [(m.start(), m.end() - m.start()) for m in _deleted_by_fold().finditer(text)]
    if not runs:
        return lambda i, is_end=False: i
    folded_at: list[int] = []
    deleted_after: list[int] = []
    total = 0
    for orig_start, length in runs:
        folded_at.append(orig_start - total)
        total += length
        deleted_after.append(total)

    def to_original(i: int, is_end: bool = False) -> int:
        k = bisect_left(folded_at, i) if is_end else bisect_right(folded_at, i)
        return i + (deleted_after[k - 1] if k else 0)

    return to_original


def _fold_text(text: str) -> str:
    folded = fold(text)
    return _WHITESPACE.sub(" ", folded) if _WHITESPACE.search(folded) else folded


def country_focus(text: str) -> str | None:
    """The country an article is mostly about, from country names and adjectives (None when none)."""
    return _scan(text, None)[1]


def _choose(kb: KnowledgeBase, key: str, kind: int, focus: str | None) -> str | None:
    """The actor a matched key names here, or None when it is unknown or ambiguous."""
    if kind & _ACTOR:
        ids = kb.aliases[key]
        if len(ids) == 1:
            only = next(iter(ids))
            if only in kb.national_generics and kind & _CONTEXTUAL and focus:
                # الشرطة in an article about Egypt is Egypt's police, where the KB has one
                local = [i for i in kb.contextual[key] if kb.actors[i].country == focus]
                return local[0] if len(local) == 1 else only
            return only
        local = [i for i in ids if kb.actors[i].country == focus]
        return local[0] if len(local) == 1 else None
    if kind & _CONTEXTUAL and focus:
        local = [i for i in kb.contextual[key] if kb.actors[i].country == focus]
        return local[0] if len(local) == 1 else None
    return None


def _named_in_full(kb: KnowledgeBase, key: str, kind: int, in_full: set[str]) -> str | None:
    """The one actor a short name (a contextual alias) can mean that the article also names by a name of its own."""
    candidates = (kb.contextual[key] | (kb.aliases[key] if kind & _ACTOR else set())) & in_full
    return next(iter(candidates)) if len(candidates) == 1 else None


def _scan(text: str, country: str | None, folded: str | None = None) -> tuple[list[tuple[int, int, str, int]], str | None]:
    """Longest non-overlapping alias spans (folded offsets) and the country focus (``folded``: the text's
    folded view when the caller has it)."""
    matcher = _matcher()
    if folded is None:
        folded = _fold_text(text)
    elif _WHITESPACE.search(folded):
        folded = _WHITESPACE.sub(" ", folded)
    found: list[tuple[int, int, str, int]] = []
    countries: Counter[str] = Counter()
    kb = load_kb()
    for end, key in matcher.automaton.iter(folded):
        end += 1
        if end < len(folded) and _WORD_CHAR.match(folded, end):
            continue
        start = end - len(key)
        variant = matcher.variants.get(key)
        if variant is not None and _prefix_ok(folded, start, variant[0], elided=variant[1]):
            found.append((start, end, variant[0], matcher.kinds[variant[0]]))
        kind = matcher.kinds.get(key, 0)
        if kind and _prefix_ok(folded, start, key, elided=False):
            if kind & _COUNTRY:
                countries[kb.country_words[key]] += 1
            if kind & ~_COUNTRY:
                found.append((start, end, key, kind))
    found.sort(key=lambda f: (f[0], f[0] - f[1]))  # leftmost, then longest: the head of the phrase wins
    taken: list[tuple[int, int, str, int]] = []
    last_end = -1
    for cand in found:
        if cand[0] >= last_end:
            taken.append(cand)
            last_end = cand[1]
    if country is None:
        # local armed actors say where the war is too (foreign armies and coalitions do not)
        for _start, _end, key, kind in taken:
            if kind & _ACTOR and not kind & _BLOCKER and len(ids := kb.aliases[key]) == 1:
                actor = kb.actors[next(iter(ids))]
                if actor.country and actor.type in _LOCAL_TYPES:
                    countries[actor.country] += 2  # a local armed group outweighs a passing place name
    focus = country or (countries.most_common(1)[0][0] if countries else None)
    return taken, focus


def find_actors(text: str, country: str | None = None, include_unresolved: bool = False,
                folded_view: tuple[str, list[int]] | None = None) -> list[ActorMention]:
    """Actor mentions in ``text``, in order, with spans into the original text.

    ``country`` (ISO alpha-2) is the article's country focus; without it the focus is guessed from the
    country names in the text. It only decides aliases that mean different groups in different wars
    (``المقاومة الشعبية``). Mentions that stay ambiguous are dropped unless ``include_unresolved``.
    ``folded_view`` is ``normalize_with_map(text)`` when the caller already has it (a ``Document``).
    """
    kb = load_kb()
    spans, focus = _scan(text, country, folded_view[0] if folded_view else None)
    if not spans:
        return []
    if folded_view is not None:
        offsets = folded_view[1]

        def to_original(i: int, is_end: bool = False) -> int:
            return offsets[i - 1] + 1 if is_end and i > 0 else offsets[i]
    else:
        to_original = _span_mapper(text)
    out: list[ActorMention] = []
    chosen = [(start, end, key, kind, _choose(kb, key, kind, focus)) for start, end, key, kind in spans
              if not kind & _BLOCKER]
    # a short name the country focus leaves open (المقاومة in an article about Syria) names the one of its actors
    # the article names in full (وكانت المقاومة الإسلامية في العراق قد أكدت ... كما استهدفت المقاومة)
    if any(actor_id is None and kind & _CONTEXTUAL for _, _, _, kind, actor_id in chosen):
        in_full = {actor_id for _, _, key, kind, actor_id in chosen
                   if actor_id and kind & _ACTOR and len(kb.aliases[key]) == 1}
        chosen = [(start, end, key, kind, actor_id if actor_id or not kind & _CONTEXTUAL
                   else _named_in_full(kb, key, kind, in_full)) for start, end, key, kind, actor_id in chosen]
    # a homonym (القاعدة: "the base") names its actor only where another alias of it is in the text too
    supported = {actor_id for _, _, key, _, actor_id in chosen if actor_id and key not in kb.homonyms}
    for start, end, key, _kind, actor_id in chosen:
        if actor_id is None and not include_unresolved:
            continue
        if key in kb.homonyms and actor_id not in supported:
            continue
        s, e = to_original(start), to_original(end, is_end=True)
        out.append(ActorMention(s, e, text[s:e], actor_id))
    return out
