"""The lexicon's patterns match folded text (hamza seats, ta marbuta, alif maqsura and diacritics folded):
a word written with ئ or ة there can never match, and nothing says so. This test does."""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from rasd.lang.normalize import fold
from rasd.paths import LEXICON_DIR

#: Entries that match the text as written, not its folded form (their comments say so).
AS_WRITTEN = {("cleaning", None), ("claims", "glued_that"), ("claims", "apposition_end"),
              ("claims", "role_link_tail")}


_ARABIC_RUN = re.compile("[\u0600-\u06ff]+")


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def unfolded_entries(lexicon: dict, name: str) -> list[str]:
    """``name.key: word`` for every Arabic word of the lexicon that folding would change."""
    out = []
    for key, value in lexicon.items():
        if (name, None) in AS_WRITTEN or (name, key) in AS_WRITTEN:
            continue
        for s in _strings(value):
            out += [f"{name}.{key}: {w}" for w in _ARABIC_RUN.findall(s) if fold(w) != w]
    return out


def test_every_lexicon_pattern_is_written_folded():
    offenders = []
    for path in sorted(LEXICON_DIR.glob("*.yaml")):
        offenders += unfolded_entries(yaml.safe_load(path.read_text(encoding="utf-8")) or {}, path.stem)
    assert offenders == [], "write these as folded text (rasd.lang.normalize.fold):\n" + "\n".join(offenders)


def test_the_check_sees_an_unfolded_word():
    assert unfolded_entries({"cue": {"regex": "(?:خسائر|قتلى)"}}, "x") == ["x.cue: خسائر", "x.cue: قتلى"]
    assert unfolded_entries({"cue": {"regex": "(?:خساير|قتلي)"}}, "x") == []
