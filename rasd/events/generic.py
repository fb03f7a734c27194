"""ACLED's generic actors: the side its codebook names where the text names nobody, and the country in its name.

Every demonstration has its demonstrators: a march "in dozens of Moroccan cities" is coded with actor 1
*Protesters (Morocco)* though no sentence says "the protesters". Which kinds and roles take a generic actor is
data (``generic_sides`` in ``rasd/data/actors.yaml``). A generic actor, added so or named in the text
(``المدنيين``, ``المتظاهرون``), carries the event's country in its English name, as ACLED writes it.
"""

from __future__ import annotations

from dataclasses import replace

from rasd.actors.kb import KnowledgeBase, load_kb
from rasd.geo.countries import country
from rasd.model import ActorRef, Event


def name_generic_sides(events: list[Event]) -> None:
    """Give each event the generic actor of each side its kind always has and the text left unnamed, and
    every generic actor of the event its country."""
    kb = load_kb()
    generic = {actor_id for sides in kb.generic_sides.values() for actor_id in sides.values()}
    for event in events:
        for role, actor_id in kb.generic_sides.get(event.kind, {}).items():
            if not any(a.role == role for a in event.actors):
                actor = kb.actors[actor_id]
                ref = actor.to_ref(role, actor.name_ar, inferred=True)
                event.actors.insert(0 if role == "actor1" else len(event.actors), ref)
        where = country(event.location.country) if event.location is not None else None
        if where is None:
            continue
        # a copy: one mention's actors can stand in several events (one per town)
        event.actors = [_with_country(ref, where.name, kb)
                        if (ref.id in generic or ref.id in kb.national_generics)
                        and ref.name_en == kb.actors[ref.id].name_en else ref for ref in event.actors]


def _with_country(ref: ActorRef, country_name: str, kb: KnowledgeBase) -> ActorRef:
    """The generic actor named as ACLED names it in that country (*Protesters (Morocco)*, *Police Forces of
    Kenya*)."""
    template = kb.national_generics.get(ref.id)
    if template is not None:
        return replace(ref, name_en=template.format(country=country_name))
    return replace(ref, name_en=f"{ref.name_en} ({country_name})")
