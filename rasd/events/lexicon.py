"""The event lexicon (``rasd/data/events/lexicon.yaml``) compiled once per process into a few regexes.

All matching runs on folded text (``rasd.lang.normalize.fold``), whose characters map one to one back to
the original apart from deleted marks, so one pass of one compiled alternation per concern finds every
trigger of every kind: no per-token Python work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "events" / "lexicon.yaml"

#: Arabic letters (folded text has no diacritics): a trigger must not sit inside a longer word.
_LETTER = "\u0621-\u064a"
#: Proclitics a trigger may carry: conjunction, preposition, article (ال, or ل+ال written لل).
_PROCLITICS = "(?:[وف])?(?:[بلك])?(?:ال|لل)?"
#: Attached object pronouns on a verb or possessives on a noun (قصفها, تهجيرهم).
_ENCLITICS = "(?:ها|هم|هما|ه|نا|كم)?"


@dataclass(frozen=True, slots=True)
class Lexicon:
    triggers: re.Pattern[str]  # named groups ``k_<kind>`` / ``g_<name>``; use ``.match`` at word starts
    group_kind: dict[str, str]  # group name -> kind ("generic" for words that need the means to decide)
    generic_default: dict[str, str | None]  # generic group -> kind when the sentence names no means
    civilian_kind: dict[str, str]  # generic group -> kind when its victims are civilians
    civilians: re.Pattern[str]
    means: list[tuple[str, re.Pattern[str]]]  # in priority order
    cues: dict[str, re.Pattern[str]]


def _word(patterns: list[str]) -> str:
    """A trigger tried only at the start of a word (see ``word_starts``), so no look-behind is needed."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return f"{_PROCLITICS}(?:{body}){_ENCLITICS}(?![{_LETTER}])"


#: Runs of Arabic letters: triggers are tried only where one begins (a few hundred places per article
#: instead of every character, which is what makes one big alternation affordable).
WORD_RUNS = re.compile(f"[{_LETTER}]+")


def _cue(pattern: str) -> str:
    """A cue starts a word (after optional و ف ب ل): ``نفي`` must not fire inside ``تنفيذ``, nor ``لم`` at
    the end of ``العالم``. Anchored patterns and those with their own look-behind are left as written."""
    if pattern.startswith(("^", "(?<")) or not ("\u0621" <= pattern[:1] <= "\u064a" or pattern.startswith("(?:")):
        return f"(?:{pattern})"
    return f"(?<![{_LETTER}])(?:[وفبل])?(?:{pattern})"


@lru_cache(maxsize=1)
def lexicon(path: str | None = None) -> Lexicon:
    data = yaml.safe_load(Path(path or LEXICON_PATH).read_text(encoding="utf-8"))
    groups: list[str] = []
    group_kind: dict[str, str] = {}
    for kind, patterns in data["triggers"].items():
        name = f"k_{kind}"
        group_kind[name] = kind
        groups.append(f"(?P<{name}>{_word(patterns)})")
    generic_default: dict[str, str | None] = {}
    civilian_kind: dict[str, str] = {}
    for name, spec in data["generic"].items():
        group = f"g_{name}"
        if spec.get("civilian_kind"):
            civilian_kind[group] = spec["civilian_kind"]
        group_kind[group] = "generic"
        generic_default[group] = spec.get("default")
        groups.append(f"(?P<{group}>{_word(spec['patterns'])})")
    means = [(kind, re.compile("|".join(cues))) for kind, cues in data["means"].items()]
    cues = {name: re.compile("|".join(_cue(p) for p in pats)) for name, pats in data["cues"].items()}
    return Lexicon(
        triggers=re.compile("|".join(groups)),
        group_kind=group_kind,
        generic_default=generic_default,
        civilian_kind=civilian_kind,
        civilians=re.compile(f"(?<![{_LETTER}])(?:ال)?(?:{'|'.join(data['civilian_victims'])})"),
        means=means,
        cues=cues,
    )
