"""The event lexicon (``rasd/data/lexicon/events.yaml``) compiled once per process into a few regexes.

All matching runs on folded text (``rasd.lang.normalize.fold``), whose characters map one to one back to
the original apart from deleted marks, so one pass of one compiled alternation per concern finds every
trigger of every kind: no per-token Python work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasd.lexicon import WORD_RUNS, cue_alternation, data, rules, word_alternation

__all__ = ["WORD_RUNS", "Lexicon", "lexicon"]


@dataclass(frozen=True, slots=True)
class Lexicon:
    triggers: re.Pattern[str]  # named groups ``k_<kind>`` / ``g_<name>``; use ``.match`` at word starts
    group_kind: dict[str, str]  # group name -> kind ("generic" for words that need the means to decide)
    generic_default: dict[str, str | None]  # generic group -> kind when the sentence names no means
    civilian_kind: dict[str, str]  # generic group -> kind when its victims are civilians
    civilians: re.Pattern[str]
    means: list[tuple[str, re.Pattern[str]]]  # in priority order
    cues: dict[str, re.Pattern[str]]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """``rasd/data/lexicon/events.yaml`` compiled (once per process)."""
    raw = data("events")
    groups: list[str] = []
    group_kind: dict[str, str] = {}
    for kind, patterns in raw["triggers"].items():
        name = f"k_{kind}"
        group_kind[name] = kind
        groups.append(f"(?P<{name}>{word_alternation(patterns)})")
    generic_default: dict[str, str | None] = {}
    civilian_kind: dict[str, str] = {}
    for name, spec in raw["generic"].items():
        group = f"g_{name}"
        if spec.get("civilian_kind"):
            civilian_kind[group] = spec["civilian_kind"]
        group_kind[group] = "generic"
        generic_default[group] = spec.get("default")
        groups.append(f"(?P<{group}>{word_alternation(spec['patterns'])})")
    means = [(kind, re.compile("|".join(cues))) for kind, cues in raw["means"].items()]
    cues = {name: re.compile(cue_alternation(pats)) for name, pats in raw["cues"].items()}
    return Lexicon(
        triggers=re.compile("|".join(groups)),
        group_kind=group_kind,
        generic_default=generic_default,
        civilian_kind=civilian_kind,
        civilians=rules("events").civilian_victims,
        means=means,
        cues=cues,
    )
