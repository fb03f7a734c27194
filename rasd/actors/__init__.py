"""Actors stage: the conflict-actor knowledge base and resolution of actor mentions in Arabic text.

``find_actors(text)`` finds every known actor named in a text; ``resolve_actor(name)`` resolves one
name as written; ``resolve_affiliation(phrase)`` resolves the group a person is tied to by apposition.
"""

from rasd.actors.kb import Actor, KnowledgeBase, get_actor, load_kb
from rasd.actors.match import ActorMention, country_focus, find_actors
from rasd.actors.resolve import resolve_actor, resolve_affiliation

__all__ = [
    "Actor", "ActorMention", "KnowledgeBase", "country_focus", "find_actors", "get_actor", "load_kb",
    "resolve_actor", "resolve_affiliation",
]
