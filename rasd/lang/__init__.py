"""Arabic language layer: normalisation, tokens, sentences, numbers, dates, named entities.

Later stages use only ``analyze``; the parsers are importable on their own for tools and tests.
"""

from rasd.lang.dates import DateMention, find_dates, parse_date
from rasd.lang.normalize import fold, normalize_for_matching, normalize_with_map
from rasd.lang.numbers import NumberMention, NumberValue, find_numbers, parse_number
from rasd.lang.sentences import split_sentences
from rasd.lang.tokens import Token, split_clitics, tokenize

__all__ = [
    "DateMention", "NumberMention", "NumberValue", "Token", "analyze", "find_dates",
    "find_numbers", "fold", "normalize_for_matching", "normalize_with_map", "parse_date", "parse_number",
    "split_clitics", "split_sentences", "tokenize",
]


def __getattr__(name: str):
    # ``analyze`` builds a ``rasd.document.Document``, which itself folds with this package's normaliser:
    # loaded on first use so that importing either module first works
    if name == "analyze":
        from rasd.lang.document import analyze

        return analyze
    raise AttributeError(name)
