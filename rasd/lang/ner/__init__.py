"""Arabic named-entity tagger: PER / ORG / LOC / MISC mentions with offsets into the original text.

A two-pass CRF (python-crfsuite) over clitic-aware word features, distributional word clusters (PPMI and
skip-gram) learnt from the unlabelled news corpora, the ANERcorp labels of each word's nearest embedding
neighbours, and world-knowledge gazetteers (places, given names, cue words, the actors KB); trained on
ANERcorp by ``rasd train ner``.
The model and its tables load lazily, once per process.
"""

from __future__ import annotations

from rasd.lang.ner.model import extract, tag_tokens
from rasd.lang.ner.tokenize import tokenize
from rasd.model import Mention

__all__ = ["extract_entities", "tag_tokens", "tokenize"]


def extract_entities(text: str) -> list[Mention]:
    """Named entities of ``text``; ``text[m.start:m.end] == m.text`` for every mention."""
    return [Mention(start=s, end=e, text=text[s:e], label=label) for s, e, label in extract(text)]
