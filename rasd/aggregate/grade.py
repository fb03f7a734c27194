"""A grade and a reading precision for each canonical event, derived from its sources (docs/grading.md).

The grade follows the spirit of Airwars' scale and is about *sourcing*: who says it happened, whether the
side that acted admits it, whether anyone denies it. The precision is about the *reading*: whether the
reports assert it plainly and say precisely where and when. Both are pure functions of a
:class:`~rasd.aggregate.merge.Canonical`, so the rule is tested without a database. (The event's
``confidence``, the extractor's calibrated probability, is merged with the reports: merge.py.)
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.aggregate.merge import Canonical
from rasd.lang.normalize import fold

GRADES = ("confirmed", "fair", "weak", "contested", "discounted")
PRECISIONS = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class Grade:
    grade: str
    reason: str  # one English line
    independent: int  # independent asserting sources


def _norm(s: str | None) -> str:
    return fold(s or "").strip().lower()


def independent_sources(c: Canonical) -> int:
    """Distinct voices that assert the event: each named speaker or organisation once, and the outlet of
    each original (not syndicated) article that reports it without attribution once per outlet."""
    voices: set[tuple[str, str]] = set()
    for r in c.members:
        if r.polarity == "negated":
            continue
        for src in r.sources:
            speaker, org, stance = src[:3]
            if stance not in ("confirms", "reports"):
                continue
            if stance == "reports" or not (speaker or org):
                if r.root_article_id == r.article_id or r.root_article_id is None:
                    voices.add(("outlet", _norm(r.outlet) or r.article_id))
            else:
                actor_id = src[3] if len(src) > 3 else None
                voices.add(("voice", actor_id or _norm(org or speaker)))
        if not r.sources and (r.root_article_id == r.article_id or r.root_article_id is None):
            voices.add(("outlet", _norm(r.outlet) or r.article_id))
    return len(voices)


def _party(c: Canonical, roles: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """Actor ids and folded names of the event's actors in ``roles``."""
    ids = {a[3] for a in c.actors if a[0] in roles and a[3]}
    names = {_norm(n) for a in c.actors if a[0] in roles for n in (a[1], a[2]) if n}
    return ids, names


def _speaks_for(src: tuple, ids: set[str], names: set[str]) -> bool:
    speaker, org = src[0], src[1]
    actor_id = src[3] if len(src) > 3 else None
    return bool(actor_id and actor_id in ids) or bool({_norm(org), _norm(speaker)} & (names - {""}))


def grade(c: Canonical) -> Grade:
    """discounted > confirmed > contested > fair > weak, first match wins (docs/grading.md)."""
    n = independent_sources(c)
    sources = [(r, src) for r in c.members for src in r.sources]
    asserting = [x for x in sources if x[1][2] in ("confirms", "reports") and x[0].polarity != "negated"]
    denying = [x for x in sources if x[1][2] == "denies"]
    if c.polarity == "negated":
        return Grade("discounted", "every report says it did not happen", n)
    if denying and not asserting and n == 0:
        return Grade("discounted", "its only sources deny it", n)
    actor_ids, actor_names = _party(c, ("actor1",))
    admits = [src for r, src in asserting if src[2] == "confirms" and _speaks_for(src, actor_ids, actor_names)]
    if admits:
        who = admits[0][1] or admits[0][0] or "the acting side"
        return Grade("confirmed", f"the acting side admits it ({who})", n)
    party_ids, party_names = _party(c, ("actor1", "actor2"))
    by_party = [src for _, src in denying if _speaks_for(src, party_ids, party_names)]
    negated = [r for r in c.members if r.polarity == "negated"]
    if by_party:
        who = by_party[0][1] or by_party[0][0]
        return Grade("contested", f"a party to it denies it ({who})", n)
    if denying:
        who = denying[0][1][1] or denying[0][1][0] or "a source"
        return Grade("contested", f"a source denies it ({who})", n)
    if negated:
        return Grade("contested", f"{len(negated)} report(s) say it did not happen", n)
    if n >= 2:
        return Grade("fair", f"{n} independent sources report it", n)
    return Grade("weak", "a single source reports it", n)


def precision(c: Canonical) -> str:
    """high / medium / low: plain (not hedged) language, a precise place (town or near one), a date to the
    day or week. All three: high; two: medium; fewer: low."""
    plain = c.certainty == "certain"
    p = c.place
    precise_place = p.place_precision in (1, 2)
    precise_date = c.date_precision in ("day", "week")
    score = int(plain) + int(precise_place) + int(precise_date)
    return "high" if score == 3 else "medium" if score == 2 else "low"
