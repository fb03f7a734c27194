"""Resolve a name as written (``قسد``, ``عناصر من قوات النظام``, ``الطيران الروسي``) to one known actor.

Arabic noun phrases put their head first, so a name resolves to the actor that *starts* it, after
member and spokesperson words (``عناصر من``, ``الناطق الرسمي باسم``) are set aside; anything else is
unknown and returns None, because a wrong actor is worse than none for event coding.
"""

from __future__ import annotations

import re

from rasd.actors.kb import Actor, load_kb
from rasd.actors.match import _BLOCKER, _PREFIX, _choose, _fold_text, _scan, country_focus
from rasd.lexicon import rules as _rules

_LEX = _rules("actors")

_ROLE_WORD = _LEX.role_word
_EDGE_PUNCT = re.compile(r"^[\s\"'«»()\[\].,:;،؛!?-]+|[\s\"'«»()\[\].,:;،؛!?-]+$")
#: quotes inside a name (``"جيش" الاحتلال``, ``مسلحي " داعش "``) are the outlet's style, not part of it
_INNER_QUOTES = re.compile(r"\s*[\"«»“”„]\s*")


def _resolve_head(folded: str, focus: str | None) -> tuple[bool, Actor | None]:
    """(found, actor): does an alias start this phrase, and which actor does it name."""
    kb = load_kb()
    spans, focus = _scan(folded, focus)
    if not spans:
        return False, None
    start, _end, key, kind = spans[0]
    if _PREFIX.fullmatch(folded[:start]) is None:
        return False, None
    if kind & _BLOCKER:
        return True, None
    return True, kb.get(_choose(kb, key, kind, focus))


def resolve_actor(name: str, country: str | None = None, context: str | None = None) -> Actor | None:
    """The actor that ``name`` (as written) refers to, or None when it is unknown or ambiguous.

    ``country`` (ISO alpha-2) or ``context`` (the sentence or article, to guess the country focus from)
    only decide names whose meaning depends on the war (``المقاومة الشعبية``).
    """
    kb = load_kb()
    cleaned = _EDGE_PUNCT.sub("", _INNER_QUOTES.sub(" ", name))
    if not cleaned:
        return None
    if cleaned.isascii():
        return kb.get(kb.english.get(" ".join(cleaned.lower().split())))
    focus = country or (country_focus(context) if context else None)
    folded = _fold_text(cleaned).strip()
    # peel member/spokesperson words one at a time: "عناصر من قوات النظام" must stop at "قوات النظام"
    while folded:
        found, actor = _resolve_head(folded, focus)
        if found:
            return actor
        role = _ROLE_WORD.match(folded)
        if role is None:
            return None
        folded = folded[role.end():]
    return None


def resolve_affiliation(text: str, country: str | None = None) -> Actor | None:
    """The group a person or unit is tied to by apposition: ``الناطق الرسمي باسم قوات مجلس دير الزور
    العسكري`` -> that council; also ``قيادي في ...``, ``عنصر من ...``, ``التابعة لـ...``.

    ``text`` is the phrase from the person noun or from the linking word (``باسم``/``في``/``لـ``) on.
    """
    return resolve_actor(text.replace("ـ", " "), country=country)
