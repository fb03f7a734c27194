"""How each source stands towards an event: confirms, denies, downplays, or (the outlet alone) reports.

The reporting verb gives the first reading (نفى denies, قلّل من downplays, قال/أكد confirm); the words of the
attributed span can change it: ``حالات فردية``, ``مبالغ فيه``, ``أمر طبيعي`` downplay, ``لا صحة``, ``عار عن
الصحة`` deny. A speaker who denies or downplays a kind of event anywhere in an article is listed, with that
stance, on every event of that kind in it: they dispute the phenomenon, not one of its reports.
"""

from __future__ import annotations

from rasd.actors.kb import get_actor
from rasd.claims.attribution import Attribution
from rasd.events.lexicon import lexicon
from rasd.lang.normalize import fold
from rasd.lexicon import rules
from rasd.model import Source

_SPEAKER_TAIL = rules("claims").speaker_tail


def stance_of(att: Attribution, clause: str | None = None) -> str:
    """The stance of ``att``: its verb's, else the cue words of ``clause`` (the event's own clause) or,
    without a clause, of the whole attributed span."""
    if att.stance in ("denies", "downplays"):
        return att.stance
    cues = lexicon().cues
    f = fold(clause if clause is not None else att.span.text)
    if cues["downplay"].search(f):
        return "downplays"
    if cues["deny"].search(f):
        return "denies"
    return "confirms"


def source_of(att: Attribution, stance: str | None = None) -> Source:
    quote = att.span.text.strip()
    if len(quote) > 400:
        quote = quote[:400].rsplit(" ", 1)[0] + " …"
    role = att.role
    if att.pseudonym:
        role = f"{role} (اسم مستعار)" if role else "اسم مستعار"
    actor = get_actor(att.actor_id) if att.actor_id else None
    speaker = _SPEAKER_TAIL.sub("", att.speaker) or att.speaker  # مصادر ميدانية ل - : the page's leftovers
    return Source(speaker=speaker, stance=stance or stance_of(att), role=role, organization=att.organization,
                  actor_id=att.actor_id, quote=quote or None, speaker_en=actor.name_en if actor else None)


def covering(atts: list[Attribution], pos: int) -> Attribution | None:
    """The innermost attribution whose span holds ``pos``."""
    best = None
    for a in atts:
        if a.span.start <= pos < a.span.end and (best is None or a.span.start >= best.span.start):
            best = a
    return best


def sentence_sources(atts: list[Attribution], pos: int) -> list[Attribution]:
    """Every attribution whose span holds ``pos``: a sentence may cite several sources (سانا قالت, بينما نفى)."""
    return [a for a in atts if a.span.start <= pos < a.span.end]
