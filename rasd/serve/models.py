"""The API's response shapes (docs/api.md) as typed models: the OpenAPI document and Swagger show them, and
FastAPI checks every answer against them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DateRange(_M):
    start: str | None
    end: str | None
    precision: str


class PlaceNames(_M):
    """Where an event is, without coordinates (as in a GeoJSON feature's properties)."""

    name: str | None
    name_en: str | None
    geonameid: int | None
    admin1: str | None
    admin1_ar: str | None
    admin2: str | None
    admin2_ar: str | None
    country: str | None
    country_name: str | None
    precision: int | None


class Location(PlaceNames):
    lat: float | None
    lon: float | None


class Actor(_M):
    role: str
    name: str | None = None
    name_en: str | None = None
    id: str | None = None
    #: true where no report's sentence names this side: Rasd supplied it (ACLED's generic side, the article's
    #: attacker, the attacker's usual adversary)
    inferred: bool = False


class CountRange(_M):
    low: int | None
    best: int | None
    high: int | None


class Stances(_M):
    confirms: int
    denies: int
    downplays: int
    reports: int


class ContestedWhy(_M):
    """One reason an event is contested, with who or what."""

    reason: Literal["denied", "downplayed", "negated_report", "counts_differ"]
    speaker: str | None = None
    organization: str | None = None
    actor_id: str | None = None
    quote: str | None = None
    article_id: str | None = None
    event_id: str | None = None
    outlet: str | None = None
    what: str | None = None
    bests: list[int] | None = None
    articles: list[str] | None = None


class EventSummary(_M):
    id: str
    kind: str
    event_type: str
    sub_event_type: str
    date: DateRange
    location: Location | None
    actors: list[Actor]
    counts: dict[str, CountRange]
    polarity: str
    certainty: str
    genericity: str
    contested: bool
    contested_reasons: list[str]
    contested_detail: list[ContestedWhy]
    grade: Literal["confirmed", "fair", "weak", "contested", "discounted"]
    grade_reason: str | None
    precision: Literal["high", "medium", "low"]
    confidence: float | None
    n_reports: int
    n_articles: int
    n_outlets: int
    n_sources: int
    n_independent: int
    stances: Stances


class EventPage(_M):
    total: int
    limit: int
    offset: int
    events: list[EventSummary]


class Point(_M):
    type: Literal["Point"]
    coordinates: list[float]


class FeatureProperties(EventSummary):
    location: PlaceNames | None


class Feature(_M):
    type: Literal["Feature"]
    id: str
    geometry: Point
    properties: FeatureProperties


class EventCollection(_M):
    type: Literal["FeatureCollection"]
    features: list[Feature]
    total: int
    limit: int
    offset: int
    without_coordinates: int


class Source(_M):
    speaker: str | None
    role: str | None
    organization: str | None
    actor_id: str | None
    stance: str
    quote: str | None
    article_id: str
    outlet: str | None
    published: str | None
    event_id: str


class Evidence(_M):
    start: int | None
    end: int | None
    text: str | None


class Report(_M):
    event_id: str
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    duplicate_of: str | None
    trigger: str | None
    evidence: list[Evidence]
    counts: dict[str, CountRange]
    date: DateRange | None
    location: dict[str, Any] | None
    polarity: str | None
    certainty: str | None
    confidence: float | None


class EventDetail(EventSummary):
    reports: list[Report]
    sources: list[Source]


class LedgerEvent(EventSummary):
    sources: list[Source]


class LedgerPage(_M):
    total: int
    limit: int
    offset: int
    events: list[LedgerEvent]


class Mention(_M):
    start: int
    end: int
    text: str
    label: str
    ref: str | None


class ArticleEvent(_M):
    event_id: str
    canonical_id: str | None
    kind: str
    trigger: str | None
    evidence: list[Evidence]


class Article(_M):
    id: str
    title: str | None
    text: str
    published: str | None
    outlet: str | None
    url: str | None
    duplicate_of: str | None
    mentions: list[Mention]
    events: list[ArticleEvent]


class SeriesPoint(_M):
    period: str
    kind: str
    events: int
    fatalities: int
    defectors: int


class Timeseries(_M):
    interval: Literal["month", "week"]
    kinds: list[str]
    series: list[SeriesPoint]
    undated: int


class KindFacet(_M):
    kind: str
    n: int


class ActorFacet(_M):
    id: str
    name: str | None
    name_en: str | None
    n: int


class PlaceFacet(_M):
    geonameid: int
    name: str | None
    name_en: str | None
    n: int


class CountryFacet(_M):
    country: str
    name: str | None
    name_ar: str | None
    n: int


class Admin1Facet(_M):
    country: str | None
    admin1: str
    name: str | None
    name_en: str | None
    n: int


class GradeFacet(_M):
    grade: str
    n: int


class OutletFacet(_M):
    outlet: str
    n: int


class Facets(_M):
    kinds: list[KindFacet]
    actors: list[ActorFacet]
    places: list[PlaceFacet]
    countries: list[CountryFacet]
    admin1: list[Admin1Facet]
    grades: list[GradeFacet]
    outlets: list[OutletFacet]
    date_min: str | None
    date_max: str | None
    total: int


class Health(_M):
    status: str
    articles: int
    events: int
    canonical_events: int
    negated_events: int


class IngestResult(_M):
    stored: int
    duplicates: int
    near_duplicates: int
    rejected: int
    events: int
    canonical_events: int
    ids: list[str | None]
    problems: list[str]
