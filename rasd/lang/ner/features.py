"""Token features for the CRF tagger.

Speed comes from caching: every feature that depends on one word alone (its folded form, clitic-stripped
stem, affixes, shape, PPMI and skip-gram clusters, embedding-neighbour labels) is computed once per
distinct word and kept, together with the shorter "seen from a neighbour" views of it. A sentence's
feature lists are then list concatenations plus the gazetteer features, which depend on the sequence.
"""

from __future__ import annotations

import re

from rasd.caches import word_cache
from rasd.lang.ner.clusters import load_clusters, load_embedding_clusters
from rasd.lang.ner.gazetteer import load_gazetteer
from rasd.lang.ner.neighbours import load_neighbour_labels
from rasd.lang.normalize import fold
from rasd.lexicon import LETTER
from rasd.lexicon import rules as _rules

_LEX = _rules("ner")

_CLITICS = _LEX.clitics
_ARABIC_WORD = re.compile(f"^[{LETTER}]+$")
_DIGIT = re.compile(r"^[0-9]")
_LATIN = re.compile(r"^[A-Za-z]")
_OFFSETS = (-2, -1, 1, 2)
# ANERcorp writes quotes as ASCII '"'; news sites use typographic ones. One form for all of them.
_QUOTES = frozenset("\"«»“”„‟″'‘’‹›")


def split_clitics(word: str) -> tuple[str, str]:
    """``(prefix, stem)`` of a folded word: و/ف, then ب/ك/ل, then the article ال (لل counts as ل+ال)."""
    if word.startswith(("لل", "ولل", "فلل")) and len(word) > 4:
        cut = word.index("لل") + 2
        return word[:cut], word[cut:]
    m = _CLITICS.match(word)
    if not m or m.end() == 0:
        return "", word
    return word[: m.end()], word[m.end() :]


def _shape(token: str) -> str:
    if _ARABIC_WORD.match(token):
        return "A"
    if _DIGIT.match(token):
        return "D"
    if _LATIN.match(token):
        return "Lu" if token[0].isupper() else "L"
    return "P"


class WordFeatures:
    """The cached features of one distinct token: its own (bias first), and how its neighbours see it."""

    __slots__ = ("folded", "stem", "cluster", "ecluster", "own", "views")

    def __init__(self, token: str) -> None:
        clusters = load_clusters()
        f = '"' if token in _QUOTES else fold(token)
        prefix, stem = split_clitics(f)
        cl = clusters.get(f) or clusters.get(stem)
        scl = clusters.get(stem) if stem != f else None
        shape = _shape(f)
        n = len(stem)
        self.folded = f
        self.stem = stem
        own = [
            "b",  # bias
            "w=" + f,
            "st=" + stem,
            "pre=" + prefix,
            "sh=" + shape,
            "len=" + ("1" if n < 2 else "2" if n < 4 else "3" if n < 6 else "4"),
            "p2=" + stem[:2],
            "p3=" + stem[:3],
            "s1=" + stem[-1:],
            "s2=" + stem[-2:],
            "s3=" + stem[-3:],
            "p4=" + stem[:4],
            "s4=" + stem[-4:],
        ]
        if cl:
            own += ["c1=" + cl[0], "c2=" + cl[1], "c3=" + cl[2], "lf=" + cl[3]]
        else:
            own.append("c=none")
        if scl:
            own += ["sc1=" + scl[0], "sc2=" + scl[1]]
        embedded = load_embedding_clusters()
        ecl = embedded.get(f) or embedded.get(stem)
        if ecl:
            own += [f"e{k}={c}" for k, c in enumerate(ecl)]
            secl = embedded.get(stem) if stem != f else None
            if secl:
                own += ["se2=" + secl[2], "se3=" + secl[3]]
        else:
            own.append("e=none")
        nn = load_neighbour_labels().get(f) or load_neighbour_labels().get(stem)
        if nn:
            own += ["nv=" + nn[0], "nn=" + nn[1], "ne=" + nn[2], "nc=" + nn[0] + nn[3]]
        self.own = own
        c1 = cl[0] if cl else "none"
        c2 = cl[1] if cl else "none"
        e1 = ecl[1] if ecl else "none"
        e2 = ecl[2] if ecl else "none"
        self.cluster = c1
        self.ecluster = e1
        near = (
            "w=" + f,
            "st=" + stem,
            "c1=" + c1,
            "c2=" + c2,
            "pre=" + prefix,
            "sh=" + shape,
            "e1=" + e1,
            "e2=" + e2,
            "nv=" + (nn[0] if nn else "-"),
        )
        far = ("w=" + f, "c1=" + c1, "e1=" + e1)
        self.views = {off: [f"{off}{v}" for v in (near if off in (-1, 1) else far)] for off in _OFFSETS}


@word_cache(200_000)
def word_features(token: str) -> WordFeatures:
    return WordFeatures(token)


def memory_keys(tokens: list[str]) -> list[str]:
    """The clitic-stripped stems under which a document remembers how each word was tagged."""
    return [word_features(t).stem for t in tokens]


def sentence_features(tokens: list[str]) -> list[list[str]]:
    """One feature list per token of a sentence (strings are binary features for crfsuite)."""
    words = [word_features(t) for t in tokens]
    gaz = load_gazetteer().match([w.folded for w in words])
    n = len(words)
    folded = [w.folded for w in words]
    views = [w.views for w in words]
    out: list[list[str]] = []
    for i, w in enumerate(words):
        feats = w.own.copy()
        if i >= 2:
            feats += views[i - 2][-2]
        elif i == 1:
            feats.append("-2BOUND")
        if i:
            feats += views[i - 1][-1]
            if gaz[i - 1]:
                feats += ["-1g=" + g for g in gaz[i - 1]]
        else:
            feats.append("-1BOUND")
        if i + 1 < n:
            feats += views[i + 1][1]
            if gaz[i + 1]:
                feats += ["1g=" + g for g in gaz[i + 1]]
        else:
            feats.append("1BOUND")
        if i + 2 < n:
            feats += views[i + 2][2]
        elif i + 2 == n:
            feats.append("2BOUND")
        if gaz[i]:
            feats += ["g=" + g for g in gaz[i]]
        if i:
            feats.append("bi=" + folded[i - 1] + "|" + w.folded)
            feats.append("bc=" + words[i - 1].cluster + "|" + w.cluster)
            feats.append("be=" + words[i - 1].ecluster + "|" + w.ecluster)
        out.append(feats)
    return out
