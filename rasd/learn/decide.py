"""The learned decisions as a pipeline step: rules propose candidates, models trained on the gold decide.

Each decision loads its model once from ``rasd/data/models/events/``; without the file the step leaves the
rules' choice as it is (a checkout without trained weights runs as the rules alone).

- **kind** (``kind.npz``): for every candidate mention, the rules' kept ones and those they set aside alike,
  "no event" or the kind of event it reports; among its evidence, the report network's reading of the
  sentence's meaning (``report_net.npz``, :mod:`rasd.learn.sentence_net`). A mention kept under a new kind gets its arguments again; the
  calibrated probability that it reports an event becomes its ``confidence``.
- **places** (``places.npz``): for a mention whose clause names several places, which of them are places of
  an event of its kind: a list of towns struck or taken is one event per town, as ACLED codes it.
- **roles** (``roles.npz``): for each known actor the clause names, whether it acts (actor 1), is acted on
  (actor 2) or neither (a source quoted about the event, an ally named in passing); an actor is on one side.
- **counts** (``counts.npz``): which numbers of the clause (and the next) count the event's killed, injured,
  arrested, abducted, displaced or defectors, and which count nothing of it (a tally, a force's strength).
- **reported** (the kind model's ``floor``): after the mentions are merged, an occurrence whose confidence (its
  surest mention's) stays below the floor chosen on dev is left out: one doubtful sentence is not an event.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache
from typing import Any

from rasd import paths, settings
from rasd.actors.match import ActorMention
from rasd.document import Document
from rasd.events.arguments import accuser, actor_ref, can_take_a_side, names_no_scene
from rasd.events.counts import allowed, classify
from rasd.events.extract import ONE_PLACE_KINDS, nearer_another, quarters_listed, reattach
from rasd.events.lexicon import lexicon
from rasd.events.mentions import ONE_SIDED, EventMention
from rasd.events.targets import struck_target
from rasd.geo.resolve import PlaceMention
from rasd.geo.sites import without_lenders
from rasd.lang.numbers import NumberMention
from rasd.learn.features import ArticleView, count_features, kind_features, place_features, role_features
from rasd.learn.linear import LinearModel
from rasd.lexicon import rules
from rasd.model import ActorRef, Count

MODELS = paths.MODELS / "events"
NONE = "none"


@cache
def model(name: str) -> LinearModel | None:
    """The trained model ``name``, or None when it has not been trained."""
    path = MODELS / f"{name}.npz"
    return LinearModel.load(path) if path.exists() else None


def calibrated(raw: float, meta: dict) -> float:
    """The model's probability mapped by the Platt scaling fitted on dev (identity when there is none)."""
    a, b = meta.get("platt", (1.0, 0.0))
    logit = math.log(max(raw, 1e-9) / max(1 - raw, 1e-9))
    return 1 / (1 + math.exp(-(a * logit + b)))


def decide_kinds(doc: Document) -> None:
    """Rules propose, the kind model decides where it is sure: a mention the rules keep is dropped when the
    model is at least ``drop`` sure it reports no event (``rare_drop`` for a kind learned from few reports); one they set
    aside is taken back when the model is at least ``rescue`` sure it reports one, unless a firm cue set it aside
    (``settings.NEVER_RESCUED``); a mention changes kind only when the model is sure of another kind
    (``_new_kind``). Every candidate gets the calibrated probability that it reports an event."""
    kinds = model("kind")
    candidates = doc.mentions + doc.set_aside
    if kinds is None or not candidates:
        return
    view = ArticleView.of(doc)
    probs = kinds.probabilities([kinds.features(kind_features(doc, m, view)) for m in candidates])
    none = kinds.classes.index(NONE)
    drop = float(kinds.meta.get("drop", 1.01))
    rare_drop = max(drop, float(kinds.meta.get("rare_drop", RARE_DROP)))
    rescue = float(kinds.meta.get("rescue", 1.01))
    kept, changed = [], []
    for m, p in zip(candidates, probs, strict=True):
        report = 1.0 - float(p[none])
        m.confidence = round(calibrated(report, kinds.meta), 4)
        # a kind learned from too few reports is dropped only where the model is as sure as training chose
        # (rare_drop); one the train gold never reports keeps the common drop (the rules' triggers for those kinds
        # are the least tried)
        kind_drop = rare_drop if 0 < learned_from(kinds, m.kind) < RARE else drop
        if (m.dropped is None and float(p[none]) >= kind_drop) or (m.dropped is not None and report < rescue) \
                or m.dropped in settings.NEVER_RESCUED:
            continue
        best = _new_kind(kinds, p, m.kind)
        if best != m.kind:
            m.kind, m.bare, m.by_default = best, False, False
            changed.append(m)
        kept.append(m)
    kept.sort(key=lambda m: (m.clause.index, m.fstart))
    doc.mentions = kept
    if changed or any(m.dropped is not None for m in kept):
        # a new kind needs its arguments again; a mention taken back needs the tolls of the clauses after it
        reattach(doc, changed)


#: The kind model takes a mention away from the kind its trigger gave only when it is this sure of another
#: kind and this unsure of the trigger's, and never from a kind too rare in the gold to be learned.
SWITCH_TO, SWITCH_FROM, RARE = 0.6, 0.15, 20
#: How sure the kind model must be that a mention of a kind that rare reports no event to drop it, when training did
#: not choose (``rare_drop`` in the model's meta, ``rasd.tools.train_events``): a kind learned from a handful of
#: reports (the seed's eviction in al-Mayadin, told as a campaign begun) can read "no event" past the common drop.
RARE_DROP = 0.8


def learned_from(kinds: LinearModel, kind: str) -> int:
    """How many train reports of ``kind`` the kind model learned from (0: none)."""
    return int(kinds.meta.get("class_examples", {}).get(kind, 0))


def too_rare(kinds: LinearModel, kind: str) -> bool:
    """Whether the kind model learned ``kind`` from too few train reports to overrule the rules' word on it."""
    return learned_from(kinds, kind) < RARE


def _new_kind(kinds: LinearModel, p, kind: str) -> str:
    if too_rare(kinds, kind):
        return kind
    q = p.copy()
    q[kinds.classes.index(NONE)] = -1.0
    best = int(q.argmax())
    if kinds.classes[best] != kind and not too_rare(kinds, kinds.classes[best]) \
            and q[best] >= SWITCH_TO and p[kinds.classes.index(kind)] <= SWITCH_FROM:
        return kinds.classes[best]
    return kind


def place_options(doc: Document, m: EventMention) -> list[PlaceMention]:
    """The places named in ``m``'s clause that can be an event's scene (towns and regions, not countries, not
    what the event answers or is for, not a town that only lends a site its position, not a place named before a
    clause's turn that the trigger follows: ``_turn_between``), in text order, each place
    once; none for a kind that a list of places does not split (one deal, one group's members:
    ``ONE_PLACE_KINDS``, as ``one_per_place`` has it)."""
    if m.kind in ONE_PLACE_KINDS:
        return []
    s = m.clause.span
    seen, out = set(), []
    for p in doc.scenes:
        if s.start <= p.start < s.end and (p.place.precision or 4) <= 3 and p.place.key() not in seen \
                and not names_no_scene(p, doc, m) and not nearer_another(doc, m, p) and not _turn_between(doc, p, m):
            seen.add(p.place.key())
            out.append(p)
    return without_lenders(doc, out)


_CLAUSE_TURN = rules("decisions").clause_turn


def _turn_between(doc: Document, p: PlaceMention, m: EventMention) -> bool:
    """Whether a clause's turn (حيث, بينما) stands between place ``p`` and the trigger after it: the list before
    it is where a campaign went, the trigger after it what happened in one of its places."""
    return p.end <= m.trigger.start and _CLAUSE_TURN.search(doc.fold(p.end, m.trigger.start)) is not None


def decide_places(doc: Document) -> None:
    """One event per place where a clause's list of places says so (and the likeliest place otherwise)."""
    places = model("places")
    if places is None or not doc.mentions:
        return
    threshold = float(places.meta.get("threshold", 0.5))
    out: list[EventMention] = []
    for m in doc.mentions:
        options = place_options(doc, m)
        if len(options) < 2:
            out.append(m)
            continue
        rows = [places.features(place_features(doc, m, options, i)) for i in range(len(options))]
        probs = places.probabilities(rows)[:, 1]
        chosen = [p for p, q in zip(options, probs, strict=True) if q >= threshold]
        if len(chosen) < 2 or quarters_listed(doc, m, chosen[0]):
            out.append(m)
            continue
        # one toll for several places that the text does not split belongs to none of them
        for p in chosen:
            out.append(replace(m, place=p.place, place_explicit=True, counts={}, actors=list(m.actors),
                               sources=list(m.sources)))
    doc.mentions = out


ROLES = ("none", "actor1", "actor2")
#: ACLED names at most two actors on each side of an event.
MAX_PER_ROLE = 2
#: How sure the role model must be: of an actor its clause names, of one named outside it, and by how much
#: to overrule the role the rules gave.
ROLE_MIN, OUTSIDE_ROLE, ROLE_MARGIN = 0.5, 0.8, 0.2


def actor_options(doc: Document, m: EventMention) -> list[ActorMention]:
    """The actors that can be on a side of ``m``'s event: the known actors its sentence names (one outside
    its clause needs a surer model, ``OUTSIDE_ROLE``) and the civilians its clause names as victims
    (``مدنيين``, ``أطفال``), in text order, each actor id once. (Actors of the sentence before and the
    organisation that reports the event were tried as options too: a model that reached that far put
    brigades named two sentences off on the side of an air strike.)"""
    s = next((x for x in doc.sentences if x.start <= m.clause.span.start < x.end), m.clause.span)
    found = [a for a in doc.actors if s.start <= a.start < s.end and can_take_a_side(doc, a)]
    accusing = accuser(m, found, doc)  # اتهمت قوات الدعم السريع الجيش بقصف: the accuser takes no side
    found = [a for a in found if a is not accusing]
    victims = lexicon().civilians.search(m.clause.folded)
    if victims is not None:
        start, end = m.clause.original(*victims.span())
        found.append(ActorMention(start, end, doc.text[start:end], "civilians"))
    seen, out = set(), []
    for a in sorted(found, key=lambda a: a.start):
        if a.actor_id not in seen:
            seen.add(a.actor_id)
            out.append(a)
    return out


def _scored(doc: Document, decision: LinearModel, options: Callable[[Document, EventMention], list],
            features: Callable[[EventMention, Any, int], list[str]]) -> Iterator[tuple[EventMention, list, Any]]:
    """Each mention with its options and the decision's probabilities for them (mentions without options
    are skipped)."""
    for m in doc.mentions:
        found = options(doc, m)
        if found:
            yield m, found, decision.probabilities([decision.features(features(m, o, i)) for i, o in enumerate(found)])


def decide_roles(doc: Document) -> None:
    """Who acts and who is acted on, among the actors each mention's clause names."""
    roles = model("roles")
    if roles is None:
        return

    def features(m: EventMention, a: ActorMention, i: int) -> list[str]:
        return role_features(doc, m, a, i, next((r.role for r in m.actors if r.id and r.id == a.actor_id), None))

    def two_sided(d: Document, m: EventMention) -> list[ActorMention]:
        # demonstrations and defections keep the rules' conventions: no options, no scoring
        return [] if m.kind in ONE_SIDED else actor_options(d, m)

    for m, options, probs in _scored(doc, roles, two_sided, features):
        rule = {r.id: r.role for r in m.actors if r.id}
        picked: dict[str, tuple[float, ActorMention, str]] = {}  # actor id -> its likeliest role
        s = m.clause.span
        for a, p in zip(options, probs, strict=True):
            best = int(p.argmax())
            role, score = ROLES[best], float(p[best])
            ruled = rule.get(a.actor_id)
            if ruled and ruled != role and score - float(p[ROLES.index(ruled)]) < ROLE_MARGIN:
                # a close call stays with the rules, as sure as the model is that the actor takes a side
                role, score = ruled, 1.0 - float(p[ROLES.index("none")])
            outside = not s.start <= a.start < s.end
            if role == "none" or score < (OUTSIDE_ROLE if outside else ROLE_MIN):
                continue
            if a.actor_id not in picked or score > picked[a.actor_id][0]:
                picked[a.actor_id] = (score, a, role)  # one actor is on one side (unless the text says so)
        if len({v[2] for v in picked.values()}) == 1 and {"actor1", "actor2"} <= set(rule.values()):
            continue  # the model does not fold the two sides the rules saw into one: theirs stand
        refs: list[ActorRef] = []
        for role in ("actor1", "actor2"):
            chosen = sorted((v for v in picked.values() if v[2] == role), key=lambda v: -v[0])[:MAX_PER_ROLE]
            refs += [actor_ref(a, role, doc.text) for _, a, _ in sorted(chosen, key=lambda v: v[1].start)]
        # the civilians the rules read from the counts (``مقتل 3 مدنيين``) stay when nobody else is acted on
        refs += [r for r in m.actors if r.id == "civilians" and not any(x.role == "actor2" for x in refs)]
        m.actors = refs
        target = struck_target(m)  # with nobody acted on, what the clause says was struck
        if target is not None:
            m.actors.append(target)


COUNT_CLASSES = ("none", "fatalities", "injured", "arrested", "abducted", "displaced", "defectors")


def count_options(doc: Document, m: EventMention) -> list[tuple[NumberMention, bool]]:
    """The numbers of ``m``'s clause and of the next clause of its paragraph: (number, in the same clause)."""
    clauses = doc.clauses
    here = m.clause
    nxt = clauses[here.index + 1] if here.index + 1 < len(clauses) else None
    if nxt is not None and "\n" in doc.text[here.span.end:nxt.span.start]:
        nxt = None
    out = []
    for n in doc.numbers:
        if here.span.start <= n.start < here.span.end:
            out.append((n, True))
        elif nxt is not None and nxt.span.start <= n.start < nxt.span.end:
            out.append((n, False))
    return out


def decide_counts(doc: Document) -> None:
    """Which number counts the killed, injured, arrested ... of each event, and which counts nothing of it
    (a war-wide tally, a force's strength, another event's toll)."""
    counter = model("counts")
    if counter is None:
        return

    def features(m: EventMention, option: tuple[NumberMention, bool], _: int) -> list[str]:
        n, same = option
        return count_features(doc, m, n, classify(n, doc, m.kind), same)

    for m, options, probs in _scored(doc, counter, count_options, features):
        counts: dict[str, Count] = {}
        for (n, _), p in zip(options, probs, strict=True):
            cls = COUNT_CLASSES[int(p.argmax())]
            v = n.value
            if cls == "none" or (v.best is None and v.low is None) or not allowed(m.kind, cls):
                continue
            low = int(v.low) if v.low is not None else None
            best = int(v.best) if v.best is not None else low
            high = int(v.high) if v.high is not None else None
            if None in (low, best, high) or (high or 0) > settings.MAX_COUNT:
                continue
            prev = counts.get(cls)
            counts[cls] = Count(low, best, high) if prev is None else \
                Count(prev.low + low, prev.best + best, prev.high + high)  # "5 civilians and 3 fighters"
        m.counts = counts


def decide_reported(doc: Document) -> None:
    """Leave out the occurrences whose confidence stays below the kind model's ``floor`` (chosen on dev), except
    those of a kind too rare in the gold to be learned (the rules' word stands for them)."""
    kinds = model("kind")
    if kinds is None or not doc.events or not kinds.meta.get("floor"):
        return
    floor = float(kinds.meta["floor"])
    doc.events = [e for e in doc.events if e.confidence is None or e.confidence >= floor or too_rare(kinds, e.kind)]


def add_decisions(doc: Document) -> None:
    """Every learned decision, in order."""
    decide_kinds(doc)
    decide_places(doc)
    decide_roles(doc)
    decide_counts(doc)
