"""The conflict-actor knowledge base: ``rasd/data/actors.yaml`` loaded once into typed records.

The YAML is written by hand; this module only turns it into :class:`Actor` records and the alias table
the matcher compiles. Aliases may use ``(a|b)`` alternation so that spelling variants stay readable in
the file (``(الميليشيات|الميلشيات) الموالية (لإيران|لطهران)``); orthographic variants that every name
shares (``سوريا``/``سورية``, ``أميركية``/``أمريكية``, ``ميليشيات``/``مليشيات``) are added here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from rasd import paths
from rasd.lang.normalize import fold
from rasd.lexicon import expand_alternations
from rasd.model import ActorRef

KB_PATH = paths.ACTORS

#: Spellings that news text uses interchangeably, as folded fragments (any member stands for all).
SPELLING_GROUPS: tuple[tuple[str, ...], ...] = (
    ("سوريا", "سوريه"),
    ("ديمقراط", "ديموقراط"),
    ("اميرك", "امريك"),
    ("ميليشي", "ميلشي", "مليشي"),
)

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Actor:
    """One known actor, with ACLED's interaction code and where it sits in the group hierarchy."""

    id: str
    name_en: str
    name_ar: str
    type: str
    inter: int
    country: str | None = None
    affiliation: str | None = None
    parent: str | None = None
    aliases_ar: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    contextual_ar: tuple[str, ...] = ()

    def to_ref(self, role: str, name: str, inferred: bool | None = None) -> ActorRef:
        """The event record's actor slot for this actor, keeping the name as written in the text (``inferred``:
        no text of the event names it)."""
        return ActorRef(role=role, name=name, name_en=self.name_en, id=self.id, type=self.type,
                        inter=self.inter, affiliation=self.affiliation, inferred=inferred)

    def to_dict(self) -> dict[str, Any]:
        """The public summary printed by ``rasd resolve-actor``."""
        return {"id": self.id, "name_en": self.name_en, "name_ar": self.name_ar, "type": self.type,
                "inter": self.inter, "affiliation": self.affiliation}


@dataclass(slots=True)
class KnowledgeBase:
    """Actors by id plus the folded alias table the matcher and the resolver share."""

    actors: dict[str, Actor]
    #: folded alias -> actor ids that the alias names in any context
    aliases: dict[str, set[str]] = field(default_factory=dict)
    #: folded alias -> actor ids it names only when the article is about that actor's country
    contextual: dict[str, set[str]] = field(default_factory=dict)
    #: folded phrases that look like actors but are not (they win longest-match and are dropped)
    blockers: set[str] = field(default_factory=set)
    #: folded country name/adjective -> ISO code, for guessing an article's country focus
    country_words: dict[str, str] = field(default_factory=dict)
    #: lower-cased English names and aliases -> actor id
    english: dict[str, str] = field(default_factory=dict)
    #: ids of organisations quoted about events (observatories, rights groups) that are never a side of one
    observers: frozenset[str] = frozenset()
    #: ids of actors that, speaking, report (``أفاد مراسل الميادين``, ``مراسلنا``): no side of what they report
    reporters: frozenset[str] = frozenset()
    #: event kind -> {role: actor id}: ACLED's generic side where the text names no actor in that role
    generic_sides: dict[str, dict[str, str]] = field(default_factory=dict)
    #: event kinds coded with no actor 2 (a peaceful protest is against someone, not fought with them)
    one_sided: frozenset[str] = frozenset()
    #: folded aliases that are also common words: they name their actor only beside another of its aliases
    homonyms: frozenset[str] = frozenset()
    #: folded nationality adjective (``اميركيه``, ``اسراييلي``) -> the id of that country's forces
    forces_by_adjective: dict[str, str] = field(default_factory=dict)
    #: ids of actors that stand for the force of whichever country the event is in (bare الشرطة) -> their
    #: English name with that country (``Police Forces of {country}``)
    national_generics: dict[str, str] = field(default_factory=dict)

    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None


def fold_key(text: str) -> str:
    """The matching key of an alias: folded, single-spaced."""
    return _SPACES.sub(" ", fold(text)).strip()


def spelling_variants(key: str) -> set[str]:
    """All interchangeable spellings of a folded key (see :data:`SPELLING_GROUPS`)."""
    out = {key}
    for group in SPELLING_GROUPS:
        folded_group = [fold(g) for g in group]
        for variant in list(out):
            for member in folded_group:
                if member in variant:
                    out.update(variant.replace(member, other) for other in folded_group)
    return out


def _alias_keys(alias: str) -> set[str]:
    keys: set[str] = set()
    for expanded in expand_alternations(alias):
        keys |= spelling_variants(fold_key(expanded))
    return {k for k in keys if k}


def _derived_aliases(data: dict[str, Any]) -> dict[str, list[str]]:
    """Nationality adjective x force noun (``الطيران الروسي``, ``غارات إسرائيلية``) -> actor id."""
    nouns_def = data.get("force_nouns_definite", [])
    nouns_indef = data.get("force_nouns_indefinite", [])
    ending, skip = data.get("accusative_ending", ""), tuple(data.get("accusative_skip") or ())

    def accusative(phrase: str) -> str:
        """``قصف مدفعي إسرائيلي`` as an object (``قصفاً مدفعياً إسرائيلياً``): each word that takes the ending."""
        return " ".join(w if w.endswith(skip) else w + ending for w in phrase.split())

    derived: dict[str, list[str]] = {}
    for actor_id, adjectives in (data.get("nationality_adjectives") or {}).items():
        forms = derived.setdefault(actor_id, [])
        for adj in adjectives:
            forms += [f"{noun} ال{adj}" for noun in nouns_def]
            forms += [f"{noun} {adj}" for noun in nouns_indef]
            if ending:
                forms += [accusative(f"{noun} {adj}") for noun in nouns_indef]
    return derived


def build_kb(data: dict[str, Any]) -> KnowledgeBase:
    """Validate the parsed YAML and build the alias tables (pure; :func:`load_kb` caches it)."""
    actors: dict[str, Actor] = {}
    for row in data["actors"]:
        actor = Actor(
            id=row["id"], name_en=row["name_en"], name_ar=row["name_ar"], type=row["type"],
            inter=int(row["inter"]), country=row.get("country"), affiliation=row.get("affiliation"),
            parent=row.get("parent"), aliases_ar=tuple(row.get("aliases_ar") or ()),
            aliases_en=tuple(row.get("aliases_en") or ()), contextual_ar=tuple(row.get("contextual_ar") or ()),
        )
        if actor.id in actors:
            raise ValueError(f"duplicate actor id {actor.id!r}")
        if not 1 <= actor.inter <= 8:
            raise ValueError(f"{actor.id}: inter must be 1-8")
        actors[actor.id] = actor
    for actor in actors.values():
        if actor.parent and actor.parent not in actors:
            raise ValueError(f"{actor.id}: unknown parent {actor.parent!r}")

    kb = KnowledgeBase(actors=actors)
    derived = _derived_aliases(data)
    for actor_id in derived:
        if actor_id not in actors:
            raise ValueError(f"nationality_adjectives: unknown actor {actor_id!r}")
    for actor in actors.values():
        for alias in (actor.name_ar, *actor.aliases_ar):
            for key in _alias_keys(alias):
                kb.aliases.setdefault(key, set()).add(actor.id)
    explicit = set(kb.aliases)
    for actor_id, forms in derived.items():
        for alias in forms:
            for key in _alias_keys(alias) - explicit:  # a written alias of another actor wins
                kb.aliases.setdefault(key, set()).add(actor_id)
    english: dict[str, set[str]] = {}
    for actor in actors.values():
        for alias in actor.contextual_ar:
            for key in _alias_keys(alias):
                kb.contextual.setdefault(key, set()).add(actor.id)
        for name in (actor.name_en, *actor.aliases_en, actor.id):
            english.setdefault(" ".join(name.lower().split()), set()).add(actor.id)
    # an English abbreviation two actors share (ISF: Iraq's and Lebanon's) names neither
    kb.english = {name: next(iter(ids)) for name, ids in english.items() if len(ids) == 1}
    for phrase in data.get("blockers") or ():
        kb.blockers |= _alias_keys(phrase)
    for name in ("observers", "reporters"):
        unknown = set(data.get(name) or ()) - set(actors)
        if unknown:
            raise ValueError(f"{name}: unknown actors {sorted(unknown)}")
    kb.observers = frozenset(data.get("observers") or ())
    kb.reporters = frozenset(data.get("reporters") or ())
    for kind, sides in (data.get("generic_sides") or {}).items():
        for role, actor_id in sides.items():
            if role not in ("actor1", "actor2") or actor_id not in actors:
                raise ValueError(f"generic_sides: {kind}: unknown role {role!r} or actor {actor_id!r}")
        kb.generic_sides[kind] = dict(sides)
    kb.one_sided = frozenset(data.get("one_sided") or ())
    for actor_id, template in (data.get("national_generics") or {}).items():
        if actor_id not in actors or "{country}" not in template:
            raise ValueError(f"national_generics: unknown actor {actor_id!r} or no {{country}} in {template!r}")
        kb.national_generics[actor_id] = template
    kb.homonyms = frozenset(key for alias in data.get("homonyms") or () for key in _alias_keys(alias))
    unknown_homonyms = kb.homonyms - set(kb.aliases)
    if unknown_homonyms:
        raise ValueError(f"homonyms: not an alias of any actor: {sorted(unknown_homonyms)}")
    for code, words in (data.get("countries") or {}).items():
        for word in words:
            for key in _alias_keys(word):
                kb.country_words[key] = code
    for actor_id, adjectives in (data.get("nationality_adjectives") or {}).items():
        for adj in adjectives:
            kb.forces_by_adjective[fold_key(adj)] = actor_id
    return kb


@lru_cache(maxsize=1)
def load_kb(path: str | None = None) -> KnowledgeBase:
    """Parse and index the knowledge base once per process."""
    with open(path or KB_PATH, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return build_kb(data)


def get_actor(actor_id: str) -> Actor | None:
    """The actor with this id, or None."""
    return load_kb().actors.get(actor_id)


#: Actors that fly aircraft: a state's forces, a foreign military, a coalition.
AIRCRAFT_TYPES = frozenset({"state_force", "foreign_military", "coalition", "government"})


def can_be_a_side(actor_id: str | None) -> bool:
    """Whether a known actor can act or be acted on in an event (an observatory quoted about it cannot)."""
    return bool(actor_id) and actor_id not in load_kb().observers


def reports_when_speaking(actor_id: str | None) -> bool:
    """Whether a known actor that speaks in a sentence reports it rather than takes part (a correspondent)."""
    return bool(actor_id) and actor_id in load_kb().reporters


def has_aircraft(actor_id: str) -> bool:
    actor = get_actor(actor_id)
    return actor is not None and actor.type in AIRCRAFT_TYPES


def acting(actor_ids: list[str], kind: str, by_drone: bool) -> int:
    """Of actors all named as acting in one event, the index of the one that keeps acting: in an air strike
    not by drone (armed groups fly drones too) the only one with aircraft, else the first named."""
    if kind == "airstrike" and not by_drone:
        flying = [i for i, a in enumerate(actor_ids) if has_aircraft(a)]
        if len({actor_ids[i] for i in flying}) == 1:
            return flying[0]
    return 0


def allies(a: str, b: str) -> bool:
    """One actor, or two of one force (a brigade and its army, two wings of one movement)."""
    if a == b:
        return True
    x, y = get_actor(a), get_actor(b)
    return bool(x and y and (x.parent == b or y.parent == a or (x.parent and x.parent == y.parent)))
