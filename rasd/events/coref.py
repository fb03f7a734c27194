"""One event per occurrence: the mentions of an article (headline, lead, body, quotes) merged.

Mentions merge when they are of the same kind, their places agree (the same place, one inside the
other's area, or one of them inherited from context), their genericity agrees, their dates overlap and
their counts do not disagree. What the merged event says is the most precise of its mentions: the town
rather than the province, the explicit date, the firmer count; it is asserted if any mention asserts it
and certain if any mention is certain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rasd import settings
from rasd.actors.kb import acting, allies
from rasd.events.counts import merge_counts
from rasd.events.mentions import ONE_SIDED, VIOLENT, EventMention
from rasd.geo.distance import great_circle_km
from rasd.lang.normalize import fold
from rasd.lexicon import rules
from rasd.model import ActorRef, DateSpan, Event, Place, Source, Span

_DRONE = rules("arguments").drone
#: Strikes from afar whose blasts a text tells as explosions.
_STRIKES = frozenset({"airstrike", "shelling"})
_MASSACRE = rules("mentions").massacre_word
#: A country's quarter named by its direction (جنوب لبنان, شرقي سوريا, الشرق السوري).
_COMPASS = rules("places").compass_region


def places_agree(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.key() == b.key():
        return True
    pa, pb = a.precision or 4, b.precision or 4
    if a.country and b.country and a.country != b.country:
        return False
    if pa >= 4 or pb >= 4:
        return True  # a country contains every place of it
    if (pa == 3 or pb == 3) and a.admin1 and b.admin1:
        return a.admin1 == b.admin1
    if pa == 3 or pb == 3:
        # a country's quarter (جنوب لبنان, شرقي سوريا) summarises the places near its centre that the text names
        region = a if pa == 3 else b
        return _COMPASS.match(fold(region.name or "")) is not None and None not in (a.lat, a.lon, b.lat, b.lon) \
            and great_circle_km(a.lat, a.lon, b.lat, b.lon) <= settings.REGION_KM  # type: ignore[arg-type]
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return great_circle_km(a.lat, a.lon, b.lat, b.lon) <= settings.SAME_PLACE_KM  # type: ignore[arg-type]
    return False


def _dates_agree(a: DateSpan | None, b: DateSpan | None) -> bool:
    if a is None or b is None or not a.start or not b.start:
        return True
    return a.start <= (b.end or b.start) and b.start <= (a.end or a.start)


def _more_precise(a: Place | None, b: Place | None) -> Place | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if (b.precision or 4) < (a.precision or 4) else a


_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


class _Cluster:
    def __init__(self, m: EventMention) -> None:
        self.mentions = [m]
        self.kind = m.kind
        self.place = m.place
        self.explicit = m.place_explicit
        self.date = m.date
        self.date_inferred = m.date_inferred
        self.counts = dict(m.counts)
        self.genericity = m.genericity

    def accepts(self, m: EventMention) -> bool:
        if m.kind != self.kind or m.genericity != self.genericity:
            return False
        if m.place_explicit and self.explicit and not places_agree(self.place, m.place):
            return False
        if m.place_explicit and m.place is not None and any(
                x.trigger == m.trigger and x.place_explicit and x.place is not None and x.place.key() != m.place.key()
                for x in self.mentions):
            return False  # the towns listed after one trigger are one event each, however near (one_per_place)
        if not (m.date_inferred or self.date_inferred) and not _dates_agree(self.date, m.date):
            return False  # a date the text does not give cannot disagree with one it gives
        for cls, c in m.counts.items():
            mine = self.counts.get(cls)
            if mine is not None and mine.best and c.best and max(mine.best, c.best) > 2 * min(mine.best, c.best):
                return False
        return True

    def add(self, m: EventMention) -> None:
        self.mentions.append(m)
        if m.place_explicit and not self.explicit:
            self.place, self.explicit = m.place, True
        elif m.place_explicit == self.explicit:
            self.place = _more_precise(self.place, m.place)
        if m.date is not None and not m.date_inferred and (
                self.date is None or self.date_inferred
                or _DATE_RANK.get(m.date.precision, 4) < _DATE_RANK.get(self.date.precision, 4)):
            self.date, self.date_inferred = m.date, False
        for cls, c in m.counts.items():
            self.counts[cls] = merge_counts(self.counts[cls], c) if cls in self.counts else c

    def event(self) -> Event:
        # one actor is on one side of an event: the side most of its mentions give it (the first on a tie)
        votes: dict[str, dict[str, int]] = {}
        first: dict[tuple[str, str], ActorRef] = {}
        for m in self.mentions:
            for a in m.actors:
                key = a.id or a.name
                votes.setdefault(key, {})[a.role] = votes.get(key, {}).get(a.role, 0) + 1
                first.setdefault((key, a.role), a)
        actors: list[ActorRef] = []
        per_role: dict[str, int] = {}
        sure = {max(v, key=lambda r: v[r]) for v in votes.values() if len(set(v.values())) == len(v)}
        for (key, role), a in first.items():
            side = max(votes[key], key=lambda r: votes[key][r])  # dicts keep first-seen order on ties
            tied = [r for r, n in votes[key].items() if n == votes[key][side]]
            if len(tied) > 1 and len(sure) == 1:
                # named on both sides as often: the side no other actor holds (``مصدر في وزارة البيشمركة`` tells
                # that ``عناصر داعش`` struck ``قوات البيشمركة``: the Peshmerga are acted on)
                side = next((r for r in tied if r not in sure), side)
            if role != side or per_role.get(role, 0) >= settings.MAX_ACTORS_PER_ROLE:
                continue
            per_role[role] = per_role.get(role, 0) + 1
            actors.append(a)
        actors = _two_sides(actors, self.kind, lambda: any(_DRONE.search(m.clause.folded) for m in self.mentions))
        sources: dict[str, Source] = {}
        rank = {"denies": 0, "downplays": 1, "confirms": 2, "reports": 3}
        for m in self.mentions:
            for s in m.sources:
                key = _person_key(s.speaker)
                if key not in sources or rank[s.stance] < rank[sources[key].stance]:
                    sources[key] = s
        evidence, spans = [], set()
        for m in self.mentions:
            sp = m.clause.span
            if sp.start not in spans:
                spans.add(sp.start)
                evidence.append(Span(sp.start, sp.end, sp.text))
        return Event(
            kind=self.kind,
            actors=actors,
            location=self.place,
            date=self.date,
            counts=self.counts,
            polarity="asserted" if any(m.polarity == "asserted" for m in self.mentions) else "negated",
            certainty="certain" if any(m.certainty == "certain" for m in self.mentions) else "hedged",
            genericity=self.genericity,
            sources=list(sources.values()),
            evidence=evidence,
            trigger=self.mentions[0].trigger.text,
            confidence=max((m.confidence for m in self.mentions if m.confidence is not None), default=None),
        )


def _two_sides(actors: list[ActorRef], kind: str, by_drone: Callable[[], bool]) -> list[ActorRef]:
    """Mentions that each name one actor as the one acting (``قصفت قوات الاحتلال`` and ``ردت المقاومة``)
    merge into an event with two sides: the first keeps acting (in an air strike not by drone, the one with
    aircraft), the next that is not its ally is acted on. (Sparing an actor named acting beside the first in
    one mention, ``قوات النظام وقوات الدفاع الوطني``, was tried: no better on dev.)"""
    ones = [a for a in actors if a.role == "actor1" and a.id]
    if kind in ONE_SIDED or any(a.role == "actor2" for a in actors) or len({a.id for a in ones}) < 2:
        return actors
    keeper = ones[acting([a.id or "" for a in ones], kind, kind == "airstrike" and by_drone())]
    other = next((a for a in ones if a is not keeper and not allies(keeper.id or "", a.id or "")), None)
    return [replace(a, role="actor2") if a is other else a for a in actors]


def _person_key(speaker: str | None) -> str:
    """One key per person: ``الميجر جنرال إيغور كوناشينكوف`` and ``إيغور كوناشينكوف`` are one speaker (a
    name of two or more words is keyed by its last two, folded)."""
    if not speaker:
        return ""
    words = fold(speaker).split()
    if len(words) >= 2 and not words[-2].startswith("ال") and len(words[-1]) >= 4:
        return " ".join(words[-2:])
    return " ".join(words)


def _strong(m: EventMention) -> bool:
    """A mention that names its own place or count can found an event; others only add to one."""
    return m.place_explicit or bool(m.counts)


def merge_mentions(mentions: list[EventMention]) -> list[Event]:
    clusters: list[_Cluster] = []
    weak: list[EventMention] = []
    for m in mentions:
        if not _strong(m):
            weak.append(m)
            continue
        target = next((c for c in clusters if c.accepts(m)), None)
        if target is None and ((m.by_default and m.kind == "explosive_device") or (
                _is_massacre(m))):
            # ``غارة ... ودوي انفجارات``, ``غارات على خان يونس ... مرتكباً مجازر``: an explosion or a massacre told
            # with a strike of its sentence or the one before is that strike's blast or toll, not an event of its own
            target = next((c for c in clusters if c.kind in _STRIKES and any(
                0 <= m.clause.index - x.clause.index <= 1 for x in c.mentions)), None)
        if target is None:
            clusters.append(_Cluster(m))
        else:
            target.add(m)
    # a mention with neither place nor count ("the strikes", "the defections") is a further report of an
    # event of its kind already found; only when there is none does it make one
    for m in weak:
        target = next((c for c in clusters if c.accepts(m)), None)
        if target is None:  # ... unless the text dates it to another day (استهدفت منطقة رأس عيسى، الأربعاء)
            target = next((c for c in clusters if c.kind == m.kind and c.genericity == m.genericity
                           and (m.date_inferred or c.date_inferred or _dates_agree(c.date, m.date))), None)
        if target is None and m.by_default:
            # "the explosion" after a suicide bombing or a strike is that event's blast, not another event
            target = next((c for c in clusters if c.kind in VIOLENT and c.genericity == m.genericity), None)
        if target is None:
            clusters.append(_Cluster(m))
        else:
            target.add(m)
    clusters = _massacres_into_strikes(clusters)
    clusters.sort(key=lambda c: min(x.trigger.start for x in c.mentions))
    return [c.event() for c in clusters]


def _is_massacre(m: EventMention) -> bool:
    return m.kind == "attack_on_civilians" and _MASSACRE.search(fold(m.trigger.text)) is not None


def _massacres_into_strikes(clusters: list[_Cluster]) -> list[_Cluster]:
    """A massacre the article tells apart from a strike of the same place and day (the headline's ``ترتكب مجزرة في مخيم
    النصيرات``, the body's ``غارة على منزل في مخيم النصيرات``) is that strike's toll, not a second event; it lends the
    strike no side (a massacre's perpetrator and victims are often read from the words around it) and only the counts
    the strike lacks."""
    strikes = [c for c in clusters if c.kind in _STRIKES and c.explicit and c.place is not None]
    if not strikes:
        return clusters
    kept = []
    for c in clusters:
        if c.explicit and c.place is not None and all(_is_massacre(m) for m in c.mentions):
            target = next((s for s in strikes if c.place.key() == s.place.key()
                           and (c.date_inferred or s.date_inferred or _dates_agree(c.date, s.date))), None)
            if target is not None:
                for m in c.mentions:
                    target.add(replace(m, actors=[],
                                       counts={k: v for k, v in m.counts.items() if k not in target.counts}))
                continue
        kept.append(c)
    return kept
