"""Polarity, certainty and genericity of a mention, from cue words around its trigger.

Negation must govern the trigger (``لم ...`` just before it, or a denial verb in the sentence); hedges
(``قد``, ``أنباء عن``, ``لم يتسن التأكد``) count
``تتلقى ضربات متكررة``) anywhere in the clause, recurrence only
near the trigger (a strike that recurs does not make the defections it caused recur).
"""

from __future__ import annotations

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
    if _NEG_BEFORE.search(before) or cues["deny"].search(f):
        m.polarity = "negated"
    if _HEDGE_BEFORE.search(before) or cues["hedge"].search(f):
        m.certainty = "hedged"
    if cues["recurring"].search(f[max(0, m.fstart - 45):m.fend + 45]):
        m.genericity = "recurring"
