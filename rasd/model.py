"""The records that flow between stages.

Every stage reads and writes these plain dataclasses, so that the pipeline is a pure function that any
engine (in-process, multiprocessing, Ray) can pickle and run. Their ``to_dict`` forms are the output
shape of ``../shared/eval/FORMAT.md``; extra fields are allowed there and kept here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: kind -> (ACLED event type, ACLED sub-event type), as in FORMAT.md.
KINDS: dict[str, tuple[str, str]] = {
    "armed_clash": ("Battles", "Armed clash"),
    "territory_gain_government": ("Battles", "Government regains territory"),
    "territory_gain_nonstate": ("Battles", "Non-state actor overtakes territory"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "explosive_device": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "suicide_bombing": ("Explosions/Remote violence", "Suicide bomb"),
    "chemical_attack": ("Explosions/Remote violence", "Chemical weapon"),
    "grenade": ("Explosions/Remote violence", "Grenade"),
    "attack_on_civilians": ("Violence against civilians", "Attack"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "sexual_violence": ("Violence against civilians", "Sexual violence"),
    "protest": ("Protests", "Peaceful protest"),
    "protest_intervention": ("Protests", "Protest with intervention"),
    "protest_excessive_force": ("Protests", "Excessive force against protesters"),
    "riot": ("Riots", "Violent demonstration"),
    "mob_violence": ("Riots", "Mob violence"),
    "arrest": ("Strategic developments", "Arrests"),
    "defection": ("Strategic developments", "Change to group/activity"),
    "recruitment": ("Strategic developments", "Change to group/activity"),
    "base_established": ("Strategic developments", "Headquarters or base established"),
    "forced_eviction": ("Strategic developments", "Looting/property destruction"),
    "looting": ("Strategic developments", "Looting/property destruction"),
    "agreement": ("Strategic developments", "Agreement"),
    "territory_transfer": ("Strategic developments", "Non-violent transfer of territory"),
    "weapons_seizure": ("Strategic developments", "Disrupted weapons use"),
    "other": ("Strategic developments", "Other"),
}

COUNT_KINDS = ("fatalities", "injured", "defectors", "displaced", "arrested", "abducted")
STANCES = ("confirms", "denies", "downplays", "reports")
ACTOR_ROLES = ("actor1", "actor2", "assoc")


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


@dataclass(slots=True)
class Article:
    """One input article after ingestion and cleaning."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None
    source: str | None = None  # where it was read from: "file" or "file:line"
    tags: list[str] = field(default_factory=list)
    text_hash: str = ""
    duplicate_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Span:
    """A stretch of the article text (character offsets into ``Article.text``)."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """A named-entity or gazetteer mention found in the text."""

    start: int
    end: int
    text: str
    label: str  # PER / ORG / LOC / MISC / ACTOR / PLACE ...
    ref: str | None = None  # resolved id (actor id, geonameid) when known


def ordered_count(low: int | None, best: int | None, high: int | None) -> tuple[int | None, int | None, int | None]:
    """The same figures with low <= best <= high: a best outside the range widens it, a reversed range is
    turned round. Missing values stay missing (an open bound is not invented)."""
    if best is not None:
        if low is not None and low > best:
            low = best
        if high is not None and high < best:
            high = best
    if low is not None and high is not None and low > high:
        low, high = high, low
    return low, best, high


@dataclass(slots=True)
class Count:
    """A UCDP-style count; always low <= best <= high where they are given (see :func:`ordered_count`)."""

    low: int | None
    best: int | None
    high: int | None

    def ordered(self) -> Count:
        return Count(*ordered_count(self.low, self.best, self.high))

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "best": self.best, "high": self.high}


@dataclass(slots=True)
class ActorRef:
    role: str  # actor1 / actor2 / assoc
    name: str  # as written in the text
    name_en: str | None = None
    id: str | None = None
    type: str | None = None
    inter: int | None = None
    affiliation: str | None = None
    #: True where no sentence of the event names this side and Rasd supplied it (ACLED's generic side, the
    #: attacker the article names elsewhere, the attacker's usual adversary); ``name`` is then the actor's name
    inferred: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(asdict(self))


@dataclass(slots=True)
class Place:
    name: str | None = None
    name_en: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    precision: int | None = None  # 1 town, 2 near/part of, 3 region, 4 country

    def key(self) -> str:
        """A stable id for the places table."""
        if self.geonameid is not None:
            return f"gn:{self.geonameid}"
        return f"name:{self.country or ''}:{self.name_en or self.name or ''}"

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(asdict(self))


@dataclass(slots=True)
class DateSpan:
    start: str | None
    end: str | None
    precision: str = "unknown"  # day / week / month / year / unknown

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "precision": self.precision}


@dataclass(slots=True)
class Source:
    speaker: str | None
    stance: str  # confirms / denies / downplays / reports
    role: str | None = None
    organization: str | None = None
    actor_id: str | None = None
    quote: str | None = None
    speaker_en: str | None = None  # the English name of the body that speaks, when it is a known actor

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(asdict(self))


@dataclass(slots=True)
class Event:
    kind: str
    actors: list[ActorRef] = field(default_factory=list)
    location: Place | None = None
    date: DateSpan | None = None
    counts: dict[str, Count] = field(default_factory=dict)
    polarity: str = "asserted"
    certainty: str = "certain"
    genericity: str = "specific"
    sources: list[Source] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    trigger: str | None = None
    confidence: float | None = None  # calibrated probability that the event was reported (learned decisions)

    @property
    def acled_event_type(self) -> str:
        return KINDS[self.kind][0]

    @property
    def acled_sub_event_type(self) -> str:
        return KINDS[self.kind][1]

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "kind": self.kind,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "actors": [a.to_dict() for a in self.actors],
            "location": self.location.to_dict() if self.location else None,
            "date": self.date.to_dict() if self.date else None,
            "counts": {k: c.to_dict() for k, c in self.counts.items()},
            "polarity": self.polarity,
            "certainty": self.certainty,
            "genericity": self.genericity,
            "sources": [s.to_dict() for s in self.sources],
        }
        if self.trigger:
            d["trigger"] = self.trigger
        if self.evidence:
            d["evidence"] = [asdict(s) for s in self.evidence]
        if self.confidence is not None:
            d["confidence"] = self.confidence
        return d


@dataclass(slots=True)
class ArticleResult:
    """What the pipeline returns for one article: everything the store needs, nothing it must look up."""

    article: Article
    events: list[Event] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    error: str | None = None  # extraction failed for this article (the article itself is still stored)

    def to_output(self) -> dict[str, Any]:
        """The FORMAT.md output line for this article."""
        return {"id": self.article.id, "events": [e.to_dict() for e in self.events]}
