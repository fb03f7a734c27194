"""Rules as data: every stage's Arabic cue words and patterns, read from ``rasd/data/lexicon/*.yaml``.

This module is the only place that writes Arabic into a regular expression: it owns the Arabic letter
class, the clitics a word may carry and the word-boundary helpers, and it compiles the entries of the
lexicon files. Stages ask for a file's rules by name (``rules("counts").class_cues``) and get compiled
patterns, word sets and tables; a cue changes in the data file, not in the code.

An entry of a lexicon file is one of:
- a string: a pattern, compiled as is after macro expansion;
- ``{regex: TEMPLATE, words: [...]}``: the template with ``{words}`` replaced by the words' alternation;
- ``{words: [...]}``: a set of words (folded spellings);
- ``{table: {...}}``: a mapping, kept as it is;
- ``{list: [...]}``: a list of patterns, each compiled (order matters to the caller).
Macros in patterns: ``{L}`` the Arabic letter class (folded text has no marks), ``{B}`` "no letter before"
(a word start), ``{E}`` "no letter after" (a word end), and ``{name}`` another pattern of the same file.
Patterns match folded text (``rasd.lang.normalize.fold``) unless the entry says ``raw: true``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from rasd.paths import LEXICON_DIR

#: libyaml's loader where PyYAML has it (ten times faster; the same data)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Arabic letters of folded text (no diacritics, no tatweel).
LETTER = "\u0621-\u064a"
#: Arabic letters of text as written, with the Persian and Urdu letters news sometimes carries.
LETTER_WIDE = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5"
WORD_START = f"(?<![{LETTER}])"
WORD_END = f"(?![{LETTER}])"
#: Proclitics a trigger may carry: conjunction, preposition, article (ال, or ل+ال written لل).
PROCLITICS = "(?:[وف])?(?:[بلك])?(?:ال|لل)?"
#: Attached object pronouns on a verb or possessives on a noun (قصفها, تهجيرهم).
ENCLITICS = "(?:ها|هم|هما|ه|نا|كم)?"
#: Runs of Arabic letters: word-start matching is tried only where one begins.
WORD_RUNS = re.compile(f"[{LETTER}]+")

_MACROS = {"L": LETTER, "LW": LETTER_WIDE, "B": WORD_START, "E": WORD_END, "PROCLITICS": PROCLITICS,
           "ENCLITICS": ENCLITICS}
_MACRO = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_GROUP = re.compile(r"\(([^()]*)\)")
_FLAGS = {"I": re.IGNORECASE, "M": re.MULTILINE, "S": re.DOTALL}


def word_alternation(patterns: list[str]) -> str:
    """A trigger tried only at the start of a word (with ``WORD_RUNS``), so no look-behind is needed:
    its proclitics, the patterns, its enclitics, and no letter after it."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return f"{PROCLITICS}(?:{body}){ENCLITICS}(?![{LETTER}])"


_CUE_START = f"(?<![{LETTER}])(?:[وفبل])?"


def _starts_word(pattern: str) -> bool:
    """Whether ``cue_pattern`` puts its word-start guard before ``pattern``."""
    return not pattern.startswith(("^", "(?<")) and ("\u0621" <= pattern[:1] <= "\u064a" or pattern.startswith("(?:"))


def cue_pattern(pattern: str) -> str:
    """A cue starts a word (after optional و ف ب ل): ``نفي`` must not fire inside ``تنفيذ``, nor ``لم`` at
    the end of ``العالم``. Anchored patterns and those with their own look-behind are left as written."""
    return f"{_CUE_START}(?:{pattern})" if _starts_word(pattern) else f"(?:{pattern})"


def cue_alternation(patterns: list[str]) -> str:
    """Whether a text holds any of ``patterns`` read as cues (``cue_pattern``), in one pattern for ``search``.

    The word-start guard comes once, before the alternation of the patterns that take it, instead of once
    per pattern: the engine then tests it once at each position, not once per pattern (a cue list searches
    three to eight times faster). The same texts match, starting at the same place (only where a match
    ends may differ), so the pattern is for finding whether and where a cue is, not for its extent."""
    guarded = [f"(?:{p})" for p in patterns if _starts_word(p)]
    parts = [f"{_CUE_START}(?:{'|'.join(guarded)})"] if guarded else []
    return "|".join(parts + [f"(?:{p})" for p in patterns if not _starts_word(p)])


def expand_alternations(pattern: str, limit: int | None = None) -> list[str]:
    """Every spelling ``(a|b)`` groups stand for, in order: ``(الميليشيات|الميلشيات) الموالية`` gives two
    names, and ``(|x)`` makes ``x`` optional. Used for names written readably in data files (aliases), not
    for regular expressions. With ``limit``, a name whose groups multiply beyond it before the last group
    gives nothing (a phrase pattern too loose to be a name)."""
    parts = _GROUP.split(pattern)
    choices = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    if limit is not None:
        groups = [len(c) for i, c in enumerate(choices) if i % 2]
        size = 1
        for n in groups[:-1]:
            size *= n
            if size > limit:
                return []
    return [" ".join("".join(combo).split()) for combo in itertools.product(*choices)]


@dataclass(frozen=True, slots=True)
class Rules:
    """The compiled entries of one lexicon file, by name."""

    name: str
    entries: dict[str, Any]

    def __getattr__(self, key: str) -> Any:
        try:
            return self.entries[key]
        except KeyError:
            raise AttributeError(f"lexicon {self.name!r} has no entry {key!r}") from None

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)


@cache
def data(name: str) -> dict[str, Any]:
    """The raw contents of ``rasd/data/lexicon/<name>.yaml``."""
    path = LEXICON_DIR / f"{name}.yaml"
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no such lexicon file") from None
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: a lexicon file is a mapping of entries")
    return loaded


@cache
def rules(name: str) -> Rules:
    """The compiled entries of lexicon file ``name`` (once per process)."""
    raw = data(name)
    patterns: dict[str, str] = {}

    def expand(key: str, pattern: str, words: list[str] | None, seen: tuple[str, ...] = ()) -> str:
        def sub(m: re.Match[str]) -> str:
            macro = m.group(1)
            if macro == "words":
                if words is None:
                    raise ValueError(f"{name}.{key}: {{words}} without a words list")
                return "|".join(words)
            if macro in _MACROS:
                return _MACROS[macro]
            if macro in raw and macro not in seen:
                spec = raw[macro]
                inner = spec if isinstance(spec, str) else spec.get("regex")
                if inner is None and isinstance(spec, dict) and "words" in spec:
                    inner = "{words}"
                if inner is not None:
                    return expand(macro, inner, spec.get("words") if isinstance(spec, dict) else None,
                                  (*seen, key))
            return m.group(0)  # not a macro: a quantifier like {0,3}

        return _MACRO.sub(sub, pattern)

    out: dict[str, Any] = {}
    for key, spec in raw.items():
        if isinstance(spec, str):
            patterns[key] = expand(key, spec, None)
            out[key] = re.compile(patterns[key])
        elif isinstance(spec, dict) and "regex" in spec:
            flags = 0
            for f in spec.get("flags", ()):
                flags |= _FLAGS[f]
            out[key] = re.compile(expand(key, spec["regex"], spec.get("words")), flags)
        elif isinstance(spec, dict) and "words" in spec:
            out[key] = frozenset(spec["words"])
        elif isinstance(spec, dict) and "table" in spec:
            out[key] = spec["table"]
        elif isinstance(spec, dict) and "list" in spec:
            out[key] = [re.compile(expand(key, p, None)) for p in spec["list"]]
        else:
            out[key] = spec  # structured data read by its stage (the event lexicon's sections)
    return Rules(name, out)
