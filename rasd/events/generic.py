"""ACLED's generic sides: the actor its codebook names for a side the text leaves unnamed.

Every demonstration has its demonstrators: a march "in dozens of Moroccan cities" is coded with actor 1
*Protesters (Morocco)* though no sentence says "the protesters". Which kinds and roles take a generic actor is
data (``generic_sides`` in ``rasd/data/actors.yaml``); the event's country goes into the English name, as ACLED
writes it.
"""

from __future__ import annotations

from rasd.actors.kb import load_kb
from rasd.aggregate.areas import country
from rasd.model import Event


def name_generic_sides(events: list[Event]) -> None:
    """Give each event the generic actor of each side its kind always has and the text left unnamed."""
    kb = load_kb()
    for event in events:
        sides = kb.generic_sides.get(event.kind)
        if not sides:
            continue
        for role, actor_id in sides.items():
            if any(a.role == role for a in event.actors):
                continue
            actor = kb.actors[actor_id]
            where = country(event.location.country) if event.location is not None else None
            ref = actor.to_ref(role, actor.name_ar)
            if where is not None:
                ref.name_en = f"{actor.name_en} ({where.name})"
            event.actors.insert(0 if role == "actor1" else len(event.actors), ref)
