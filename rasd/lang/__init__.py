"""Arabic language layer: normalisation, tokens, sentences, numbers, dates, named entities.

Later stages use only ``analyze``; the parsers are importable on their own for tools and tests.
"""

from rasd.lang.dates import DateMention, find_dates, parse_date
from rasd.lang.document import Document, analyze
from rasd.lang.normalize import fold, normalize_for_matching, normalize_with_map
from rasd.lang.numbers import NumberMention, NumberValue, find_numbers, parse_number
from rasd.lang.sentences import split_sentences
from rasd.lang.tokens import Token, split_clitics, tokenize

__all__ = [
    "DateMention", "Document", "NumberMention", "NumberValue", "Token", "analyze", "find_dates",
    "find_numbers", "fold", "normalize_for_matching", "normalize_with_map", "parse_date", "parse_number",
    "split_clitics", "split_sentences", "tokenize",
]
