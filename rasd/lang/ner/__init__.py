"""Arabic named-entity tagger: PER / ORG / LOC / MISC mentions with offsets into the original text.

Default: a BiLSTM-CRF (``neural.py``, numpy inference; trained with torch by ``rasd train ner-neural``)
over skip-gram vectors, a character CNN and the CRF's tables below. ``RASD_NER=crf`` (or
``tagger="crf"``) selects the CRF, ``ensemble`` both; without the neural weight file the CRF runs.

The CRF: two passes (python-crfsuite) over clitic-aware word features, distributional word clusters (PPMI
and skip-gram) learnt from the unlabelled news corpora, the ANERcorp labels of each word's nearest
embedding neighbours, and world-knowledge gazetteers (places, given names, cue words, the actors KB);
trained on ANERcorp by ``rasd train ner``.
The model and its tables load lazily, once per process.
"""

from __future__ import annotations

from rasd.lang.ner.model import extract, tag_tokens
from rasd.lang.ner.tokenize import tokenize
from rasd.model import Mention

__all__ = ["extract_entities", "tag_tokens", "tokenize"]


def extract_entities(text: str, tagger: str | None = None) -> list[Mention]:
    """Named entities of ``text``; ``text[m.start:m.end] == m.text`` for every mention.

    ``tagger``: "neural", "crf" or "ensemble" (default: ``$RASD_NER``, else neural, else the CRF when the
    neural weights are missing).
    """
    return [Mention(start=s, end=e, text=text[s:e], label=label) for s, e, label in extract(text, tagger=tagger)]
