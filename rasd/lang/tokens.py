"""Tokens with offsets into the original text, and light clitic splitting.

Tokens are found on folded text (one regex pass) and mapped back, so ``text[t.start:t.end] == t.text``
always holds while ``t.norm`` is the folded form used for matching. Light clitic splitting peels the
conjunctions و ف, the prepositions ب ك ل, the future marker س, the article ال and attached pronouns,
so ``وبالبوكمال`` and ``البوكمال`` share the stem ``بوكمال``.

Spelling alone cannot tell و + ``زير`` from ``وزير``: a clitic is peeled only when what remains is a
word that news text uses on its own at least half as often as the whole word (``rasd.lang.vocab``);
words the table has never seen still lose a leading article (with its و/ب/ل/ف/ك). Decisions are cached
per distinct word, so the cost is paid once per vocabulary item, not once per token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasd.caches import word_cache
from rasd.lang.normalize import normalize_with_map
from rasd.lang.vocab import word_counts
from rasd.lexicon import LETTER_WIDE

_ARABIC = LETTER_WIDE
_TOKEN = re.compile(
    rf"(?P<word>[{_ARABIC}]+)"
    r"|(?P<number>[0-9]+(?:[.,\u066b\u066c][0-9]+)*)"
    r"|(?P<latin>[A-Za-z\u00c0-\u024f]+)"
    r"|(?P<punct>[^\s\w]|_)"
)

_CONJ = ("و", "ف")
_PREP = ("ب", "ك", "ل", "س")
#: Attached pronouns that news text uses; -ي (my) and -ك (your) are left out: as suffixes they are rare in
#: reporting, while nisba adjectives (مدني, عسكري) and words like ذلك end the same way.
_SUFFIXES = ("هما", "هم", "هن", "ها", "نا", "ه")
#: Function words whose first letters look like clitics but are not (كما is not ك + ما).
_NEVER_SPLIT = frozenset(
    "كما لما بما فما مما عما ممن لكن لدي لذلك كذلك بذلك فيما بينما عندما كلما ربما انما لعل لذا لقد "
    "الذي التي الذين اللذين اللتين اللذان اللتان الا الي الان الله اللهم اللواتي اللاتي اليه اليها اليهم "
    "لها له لهم لهن لنا لك لكم بها به بهم بنا بك بكم فيه فيها فيهم منه منها منهم عنه عنها عنهم "
    "عليه عليها عليهم لديه لديها لديهم".split()
)
_MIN_STEM = 2
#: Two-letter words that may follow و/ف (ومن, وفي, ولا).
_SHORT_WORDS = frozenset("من في عن ما لا ان هو هي قد لم لن او ثم كل مع اي ذا".split())


@dataclass(slots=True)
class Token:
    """One token: ``text`` as written, ``norm`` folded, ``stem`` without clitics (folded)."""

    start: int
    end: int
    text: str
    norm: str
    stem: str
    prefix: str = ""
    suffix: str = ""
    kind: str = "word"  # word / number / latin / punct


def _count(word: str) -> int:
    return word_counts().get(word, 0)


@word_cache(300_000)
def split_clitics(word: str, pronoun_h: bool = True) -> tuple[str, str, str]:
    """``(prefix, stem, suffix)`` of a folded Arabic word; the stem carries no article.

    ``prefix`` keeps the article (``وبال``), so ``prefix + stem + suffix == word`` except that a stem
    that lost a pronoun after ta marbuta (``قوته`` -> ``قوه``) gets its ``ه`` back. Folding turns ة into
    ه, so the caller says with ``pronoun_h=False`` when the word as written ends in ة (no pronoun).
    Of the readings that pass ``_acceptable``, the one that peels the most letters wins.
    """
    if len(word) <= _MIN_STEM + 1 or word in _NEVER_SPLIT:
        return "", word, ""
    whole = _count(word)
    best: tuple[int, str, str, str] = (0, "", word, "")
    for conj in ("", *(c for c in _CONJ if word.startswith(c))):
        rest1 = word[len(conj):]
        for prep in ("", *(p for p in _PREP if rest1.startswith(p))):
            rest2 = rest1[len(prep):]
            if prep == "ل" and rest2.startswith("ل") and len(rest2) > _MIN_STEM + 1:
                rest2 = "ا" + rest2  # لل = ل + ال
            for art in ("", "ال") if rest2.startswith("ال") else ("",):
                core = rest2[len(art):]
                if prep == "س" and (art or not core.startswith(("ي", "ت", "ن", "ا"))):
                    continue  # the future marker only comes before an imperfect verb
                # a definite noun takes no pronoun (المهم is not الم + هم)
                suffixes = () if art or core.startswith("ال") else (
                    x for x in _SUFFIXES if core.endswith(x) and (pronoun_h or x != "ه"))
                for suf in ("", *suffixes):
                    stem = core[: len(core) - len(suf)] if suf else core
                    if suf and stem.endswith("ت") and _count(stem[:-1] + "ه") > _count(stem):
                        stem = stem[:-1] + "ه"
                    stripped = len(conj) + len(prep) + len(art) + len(suf)
                    if stripped > best[0] and _acceptable(conj + prep, art, stem, suf, whole):
                        best = (stripped, word[: len(word) - len(core)], stem, suf)
    return best[1], best[2], best[3]


def _acceptable(clitics: str, art: str, stem: str, suf: str, whole: int) -> bool:
    """Whether peeling ``clitics``/``art``/``suf`` off a word seen ``whole`` times leaves a real ``stem``.

    The remainder must be a word that news text uses on its own: at least half as often as the whole
    word after و or a pronoun, or after an article-led prefix (وبال, لل); twice as often after ف/ب/ل/س,
    which glue to fewer words (بعيد, فيصل, فكرة stay whole); four times after ك ``like`` (كامل, كيري).
    """
    if not clitics and not suf:  # only the article: safe on a stem of three letters or a known one
        return len(stem) >= 3 or _count(art + stem) > 0
    if len(stem) < 3 and not (clitics in ("", *_CONJ) and not art and stem in _SHORT_WORDS):
        return False  # وكان is و + كان, not وك + ان
    if clitics[-1:] in ("ب", "ك", "ل", "س") and stem in _NEVER_SPLIT:
        return False  # بلدية is not ب + لديه
    if not word_counts() or whole == 0:  # nothing to compare with: only article-led prefixes (وبال...)
        return bool(art) and len(stem) >= 3
    if art or clitics in ("", "و"):
        bar = whole / 2
    elif clitics.endswith("ك"):
        bar = 4 * whole
    else:
        bar = 2 * whole
    return _count(art + stem) >= max(3, bar)


_KINDS = ("", "word", "number", "latin", "punct")


def tokenize(text: str, folded_view: tuple[str, list[int]] | None = None) -> list[Token]:
    """All tokens of ``text`` with original offsets (diacritics and tatweel stay inside their word).

    ``folded_view`` is ``normalize_with_map(text)`` when the caller already has it (a ``Document``)."""
    folded, offsets = folded_view if folded_view is not None else normalize_with_map(text)
    identity = len(folded) == len(text)  # nothing deleted: folded offsets are original offsets
    out: list[Token] = []
    append = out.append
    split = split_clitics
    for m in _TOKEN.finditer(folded):
        fs, fe = m.span()
        norm = m.group()
        k = m.lastindex
        if k == 1:  # a word; its trailing diacritics belong to it
            if identity:
                start, end = fs, fe
                last = text[fe - 1]
            else:
                start, end = offsets[fs], offsets[fe]
                last = text[offsets[fe - 1]]
            prefix, stem, suffix = split(norm, last != "ة")
            append(Token(start, end, text[start:end], norm, stem, prefix, suffix, "word"))
        else:
            if identity:
                start, end = fs, fe
            else:
                start, end = offsets[fs], offsets[fe - 1] + 1
            append(Token(start, end, text[start:end], norm, norm.lower() if k == 3 else norm, "", "", _KINDS[k]))
    return out
