"""Polarity, certainty and genericity of a mention, from cue words around its trigger.

Negation must govern the trigger (``لم ...`` just before it, or a denial verb in the sentence); hedges
(``قد``, ``أنباء عن``, ``لم يتسن التأكد``) count
``تتلقى ضربات متكررة``) anywhere in the clause, recurrence only
near the trigger (a strike that recurs does not make the defections it caused recur).
"""

from __future__ import annotations

from functools import lru_cache

from rasd.events.lexicon import lexicon
from rasd.events.mentions import EventMention
from rasd.lexicon import rules as _rules

_LEX = _rules("modality")

_NEG_BEFORE = _LEX.neg_before
_HEDGE_BEFORE = _LEX.hedge_before


def attach_modality(m: EventMention) -> None:
    cues = lexicon().cues
    f = m.clause.folded
    before = f[max(0, m.fstart - 30):m.fstart]
    denies, hedges = _clause_cues(f)
    if _NEG_BEFORE.search(before) or denies:
        m.polarity = "negated"
    if _HEDGE_BEFORE.search(before) or hedges:
        m.certainty = "hedged"
    if cues["recurring"].search(f[max(0, m.fstart - 45):m.fend + 45]):
        m.genericity = "recurring"


@lru_cache(maxsize=64)
def _clause_cues(folded: str) -> tuple[bool, bool]:
    """Whether a clause denies, and whether it hedges: looked for once per clause, not once per mention (a
    clause with a thousand mentions searched itself two thousand times)."""
    cues = lexicon().cues
    return cues["deny"].search(folded) is not None, cues["hedge"].search(folded) is not None
