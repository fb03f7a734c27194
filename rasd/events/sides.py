"""The sides of an event its own sentence leaves unnamed, supplied from what the article and the gold say.

A report often names the attacker once and then lists its strikes (``غارات استهدفت يارون``) without naming it
again, and a resistance communiqué lists the positions it struck without saying whose they are. ACLED's coders
fill both sides from the article and from what they know of the war; Rasd does it in three ways, each side
marked ``inferred``:

- **the article's attacker**: an air strike, a shelling or a clash whose sentence names no attacker is by the
  one the article's other events of that kind name, when they name exactly one (never the event's target);
- **the usual adversary** (``adversary``): a fight whose attacker is known and whose target is not is against
  the force that attacker fights in nearly all the gold's events (learned by ``rasd train events``);
- **ACLED's generic sides** (:mod:`rasd.events.generic`): the protesters of a demonstration, the civilians of an
  attack on civilians, with the event's country in their English name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from rasd.actors.kb import allies, get_actor, load_kb
from rasd.events.generic import name_generic_sides
from rasd.lang.normalize import fold
from rasd.lexicon import rules
from rasd.model import KINDS, Event

#: Where a strike hits nobody in particular: a town's outskirts, its woods or barren hills.
_OPEN_GROUND = rules("arguments").open_ground
#: Where a strike hits homes, markets, hospitals or the people themselves: civilians are acted on.
_CIVILIAN_GROUND = rules("arguments").civilian_ground
#: Fights: the kinds whose two sides are an attacker and the force (or people) it attacks.
FIGHTING = frozenset(k for k, (event_type, _) in KINDS.items() if event_type in ("Battles", "Explosions/Remote violence"))


def _sides(event: Event, role: str) -> list[str]:
    return [a.id for a in event.actors if a.role == role and a.id]


def attackers_from_article(events: list[Event]) -> None:
    """Give a fight without an attacker the one attacker the article's other fights of its kind name."""
    for event in events:
        if event.kind not in FIGHTING or any(a.role == "actor1" for a in event.actors):
            continue
        targets = _sides(event, "actor2")
        named: Counter[str] = Counter()
        refs = {}
        for other in events:
            if other is event or other.kind != event.kind:
                continue
            for a in other.actors:
                if a.role == "actor1" and a.id and not a.inferred and not any(allies(a.id, t) for t in targets):
                    named[a.id] += 1
                    refs.setdefault(a.id, a)
        top = named.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            event.actors.insert(0, replace(refs[top[0][0]], inferred=True))


def usual_adversaries(events: list[Event], adversary: Callable[[str], str | None]) -> None:
    """Give a fight whose attacker is known and whose target is not the attacker's usual adversary; not a strike
    on a town's outskirts or woods (``أطراف بلدة يارين``, ``أحراج``): open ground has nobody acted on (gold
    names no side there in 71 of 73 such strikes). A fight whose sentence strikes homes, a market, a hospital
    or people (``استهدفت منزلاً``, ``أحياء سكنية``) is on civilians, ACLED's generic side, not on the
    attacker's usual adversary (in the train split's matched strikes with such a sentence, gold names
    civilians 21 times and another side twice)."""
    for event in events:
        attackers = _sides(event, "actor1")
        if event.kind not in FIGHTING or not attackers or any(a.role == "actor2" for a in event.actors):
            continue
        said = [fold(e.text) for e in event.evidence]
        if any(_OPEN_GROUND.search(t) for t in said):
            continue
        target = "civilians" if said and _CIVILIAN_GROUND.search(said[0]) else adversary(attackers[0])
        actor = get_actor(target)
        if actor is not None and not any(allies(target, a) for a in attackers):
            event.actors.append(actor.to_ref("actor2", actor.name_ar, inferred=True))


def infer_sides(events: list[Event], adversary: Callable[[str], str | None] | None = None) -> None:
    """Every unnamed side the article or the gold supplies, then ACLED's generic sides and their country;
    the kinds ACLED codes with one side only lose the second (what a march is against is no side of it)."""
    one_sided = load_kb().one_sided
    for event in events:
        if event.kind in one_sided:
            event.actors = [a for a in event.actors if a.role != "actor2"]
    attackers_from_article(events)
    if adversary is not None:
        usual_adversaries(events, adversary)
    name_generic_sides(events)
