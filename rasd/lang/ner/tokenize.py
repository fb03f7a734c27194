"""A small offset-keeping tokenizer matched to ANERcorp's tokenisation.

ANERcorp tokens are whitespace tokens with punctuation split off and clitics left attached, so the
tagger must see words the same way: Arabic words stay whole (with their و/ب/ل/ال prefixes), digits and
Latin words are runs, and every other visible character (quotes «» “”, commas, #) is its own token.
Underscores (hashtags such as ``#دير_الزور``) and invisible marks separate words and are dropped.
"""

from __future__ import annotations

import re

_ARABIC = "\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u06d5-\u06ed\u06fa-\u06ff"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_TOKEN = re.compile(
    rf"[{_ARABIC}]+"  # Arabic word, clitics attached; diacritics and tatweel inside
    rf"|[{_DIGITS}]+(?:[.,\u066b\u066c/][{_DIGITS}]+)*"  # numbers, 3.5 / 1,000 / 12/3
    r"|[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)?"  # Latin words
    r"|[^\s_\u200b-\u200f\u2066-\u2069\ufeff]"  # any other visible character on its own
)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split ``text`` into ``(token, start, end)`` with offsets into ``text``."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def token_strings(text: str) -> list[str]:
    """The tokens alone, for callers that do not need offsets."""
    return _TOKEN.findall(text)
