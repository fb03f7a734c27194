"""Cross-article merging: which reports describe the same occurrence, and what the merged event says.

Pure functions over :class:`Report` rows (one per stored event), so the rules can be tested without a
database and the builder (:mod:`rasd.aggregate.build`) only loads and writes.

Rules (docs/api.md and the README of this package say the same):

* Reports merge only within a block of the same ``kind`` and country, and only when their date windows
  overlap (a day-precision date may be one day off, so its window is widened by a day on each side).
* Places: two precise places (a town, or near a town) merge when they share a GeoNames id, lie within
  ``MAX_KM`` of each other, or share an admin2 (and admin1). A vague report (only a region/admin1 or only
  a country) merges with equally vague reports of the same area; it attaches to a precise event only
  when exactly one precise event in its area fits (nothing conflicts), otherwise it stays vague.
  Reports without any place merge only with other place-less reports.
* Vague-with-vague merges (country level or no place) also need a shared resolved actor or two windows of
  at most three days: "an airstrike in Syria" in the same month is not evidence of the same strike.
* Actors: a report conflicts with an event when their resolved actor1 ids are disjoint, when their
  resolved actor2 ids are disjoint, or when one's actor1 is the other's actor2 (two sides attacking each
  other are two events).
* Dates: two day-precise reports more than one day apart never merge, whatever else overlaps.
* Recurring (generic) reports merge only with recurring ones, so a pattern never swallows an occurrence.
* Two events extracted from the same article are distinct occurrences (the extractor merged within the
  article already); a syndicated copy is another article and does merge.
* Clusters keep the intersection of their members' windows and the place of their first (most precise)
  member, so a chain of reports cannot drift from one town or week to the next.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import median_low

from rasd import settings
from rasd.geo.distance import great_circle_km
from rasd.lang.normalize import fold
from rasd.model import ordered_count

MAX_KM = settings.MERGE_KM
POINT, REGION, COUNTRY, NOWHERE = 1, 3, 4, 5
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
_ROLE_ORDER = {"actor1": 0, "actor2": 1, "assoc": 2}


@dataclass(slots=True)
class Report:
    """One stored event as the merger sees it (dates are proleptic ordinals)."""

    event_id: str
    article_id: str
    kind: str
    root_article_id: str | None = None  # the original of a syndicated copy, else the article itself
    published: int | None = None
    outlet: str | None = None
    genericity: str = "specific"
    polarity: str = "asserted"
    certainty: str = "certain"
    place_id: str | None = None
    place_name: str | None = None
    place_name_en: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    place_precision: int | None = None
    date_start: int | None = None
    date_end: int | None = None
    date_precision: str = "unknown"
    #: (role, name, name_en, id, inferred)
    actors: list[tuple[str, str | None, str | None, str | None, bool]] = field(default_factory=list)
    counts: dict[str, tuple[int | None, int | None, int | None]] = field(default_factory=dict)
    #: (speaker, organization, stance[, actor_id, quote])
    sources: list[tuple] = field(default_factory=list)
    confidence: float | None = None  # the extractor's calibrated probability (None: rules only)

    def __post_init__(self) -> None:
        if self.root_article_id is None:
            self.root_article_id = self.article_id

    # -- derived ------------------------------------------------------------------------------------------
    @property
    def level(self) -> int:
        """How precise the place is: POINT, REGION, COUNTRY or NOWHERE."""
        p = self.place_precision
        has_point = self.geonameid is not None or self.lat is not None
        if p in (1, 2) or (p is None and has_point):
            return POINT
        if p == 3:
            return REGION
        if p == 4 or self.country:
            return COUNTRY
        return NOWHERE

    @property
    def area_key(self) -> str | None:
        """The area a vague report names: its admin1 (or region id) or its country."""
        lv = self.level
        if lv == REGION:
            return f"a1:{self.country}:{self.admin1}" if self.admin1 else f"p:{self.place_id}"
        if lv == COUNTRY:
            return f"c:{self.country}"
        return None

    def window(self) -> tuple[int, int]:
        """Days this report may refer to (inclusive), widened by one day for day precision."""
        s, e = self.date_start, self.date_end
        if s is None and e is None:
            if self.published is None:
                return (-(10**9), 10**9)
            return (self.published - settings.NO_DATE_DAYS, self.published)
        s = s if s is not None else e
        e = e if e is not None else s
        slack = 1 if self.date_precision == "day" else 0
        return (s - slack, e + slack)

    def actor1_ids(self) -> frozenset[str]:
        return frozenset(a[3] for a in self.actors if a[0] == "actor1" and a[3])

    def actor2_ids(self) -> frozenset[str]:
        return frozenset(a[3] for a in self.actors if a[0] == "actor2" and a[3])

    def day(self) -> int | None:
        """The day of a day-precise report (its start), else None."""
        return self.date_start if self.date_precision == "day" and self.date_start is not None else None

    def actor_ids(self) -> frozenset[str]:
        return frozenset(a[3] for a in self.actors if a[3])


@dataclass(slots=True)
class _Cluster:
    index: int
    anchor: Report  # the first member: its place is the cluster's place
    lo: int
    hi: int
    actor1: set[str]
    actors: set[str]
    articles: set[str]
    members: list[Report]
    narrow: bool  # every member's window spans at most three days
    actor2: set[str] = field(default_factory=set)
    days: set[int] = field(default_factory=set)  # the days of its day-precise members

    def add(self, r: Report, lo: int, hi: int) -> None:
        self.members.append(r)
        self.lo, self.hi = max(self.lo, lo), min(self.hi, hi)
        self.actor1 |= r.actor1_ids()
        self.actor2 |= r.actor2_ids()
        self.actors |= r.actor_ids()
        if r.day() is not None:
            self.days.add(r.day())
        self.articles.add(r.article_id)
        self.narrow = self.narrow and hi - lo <= 4


def _month(day: int) -> int:
    return day // 30  # coarse buckets are enough: the index only narrows the candidates


class _Block:
    """The clusters of one (kind, country) block, indexed by coarse month for the candidate search."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        self.by_month: dict[int, list[_Cluster]] = {}
        self.wide: list[_Cluster] = []

    def candidates(self, lo: int, hi: int) -> Iterable[_Cluster]:
        m0, m1 = _month(lo), _month(hi)
        if m1 - m0 > settings.WIDE_MONTHS:
            return [c for c in self.clusters if c.lo <= hi and c.hi >= lo]
        seen: dict[int, _Cluster] = {}
        for m in range(m0, m1 + 1):
            for c in self.by_month.get(m, ()):
                seen[c.index] = c
        for c in self.wide:
            seen[c.index] = c
        return [c for i, c in sorted(seen.items()) if c.lo <= hi and c.hi >= lo]

    def new(self, r: Report, lo: int, hi: int) -> _Cluster:
        c = _Cluster(len(self.clusters), r, lo, hi, set(r.actor1_ids()), set(r.actor_ids()), {r.article_id}, [r],
                     hi - lo <= 4, set(r.actor2_ids()), {r.day()} - {None})
        self.clusters.append(c)
        m0, m1 = _month(lo), _month(hi)
        if m1 - m0 > settings.WIDE_MONTHS:
            self.wide.append(c)
        else:
            for m in range(m0, m1 + 1):
                self.by_month.setdefault(m, []).append(c)
        return c


def actors_conflict(a1: Iterable[str], a2: Iterable[str], b1: Iterable[str], b2: Iterable[str]) -> bool:
    """Do two actor pairs (resolved ids) describe different events? Disjoint actor1s, disjoint actor2s, or
    one side's actor1 being the other's actor2 without also acting in it."""
    a1, a2, b1, b2 = set(a1), set(a2), set(b1), set(b2)
    if a1 and b1 and not (a1 & b1):
        return True
    if a2 and b2 and not (a2 & b2):
        return True
    return bool((a1 & b2) - b1) or bool((b1 & a2) - a1)


def _compatible(r: Report, c: _Cluster) -> bool:
    """Everything but the place: genericity, same article, actors, day-precise dates."""
    if r.genericity != c.anchor.genericity or r.article_id in c.articles:
        return False
    d = r.day()
    if d is not None and any(abs(d - x) > 1 for x in c.days):
        return False
    return not actors_conflict(r.actor1_ids(), r.actor2_ids(), c.actor1, c.actor2)


def _point_distance(r: Report, c: _Cluster) -> float | None:
    """Distance rank of a precise report to a precise cluster, or None when the places differ."""
    a = c.anchor
    if r.geonameid is not None and r.geonameid == a.geonameid:
        return 0.0
    if None not in (r.lat, r.lon, a.lat, a.lon):
        d = great_circle_km(r.lat, r.lon, a.lat, a.lon)  # type: ignore[arg-type]
        if d <= MAX_KM:
            return d
    if r.admin2 and r.admin2 == a.admin2 and r.admin1 == a.admin1 and r.country == a.country:
        return MAX_KM
    return None


def _contains(r: Report, c: _Cluster) -> bool:
    """Does the vague report's area contain the precise cluster's place?"""
    a = c.anchor
    if r.country and a.country and r.country != a.country:
        return False
    if r.level == REGION:
        return bool(r.admin1) and r.admin1 == a.admin1
    return r.level == COUNTRY


def _vague_match(r: Report, c: _Cluster, lo: int, hi: int) -> bool:
    a = c.anchor
    if a.level != r.level or a.area_key != r.area_key:
        return False
    if r.level in (COUNTRY, NOWHERE):
        return bool(r.actor_ids() & c.actors) or (hi - lo <= 4 and c.narrow)
    return True


def cluster_reports(reports: Sequence[Report]) -> list[list[Report]]:
    """Group reports into occurrences; deterministic for the same input in any order."""
    blocks: dict[tuple[str, str], list[Report]] = {}
    for r in reports:
        blocks.setdefault((r.kind, r.country or ""), []).append(r)
    out: list[list[Report]] = []
    for key in sorted(blocks):
        out.extend(_cluster_block(blocks[key]))
    return out


def _cluster_block(reports: list[Report]) -> list[list[Report]]:
    block = _Block()
    windows = {r.event_id: r.window() for r in reports}
    precise = sorted((r for r in reports if r.level == POINT), key=lambda r: (windows[r.event_id], r.event_id))
    vague = sorted((r for r in reports if r.level != POINT),
                   key=lambda r: (r.level, windows[r.event_id], r.event_id))
    for r in precise:
        lo, hi = windows[r.event_id]
        best: tuple[float, int, _Cluster] | None = None
        for c in block.candidates(lo, hi):
            if not _compatible(r, c):
                continue
            d = _point_distance(r, c)
            if d is not None and (best is None or (d, c.index) < best[:2]):
                best = (d, c.index, c)
        if best is None:
            block.new(r, lo, hi)
        else:
            best[2].add(r, lo, hi)
    for r in vague:
        lo, hi = windows[r.event_id]
        hosts: list[_Cluster] = []
        peers: list[_Cluster] = []
        for c in block.candidates(lo, hi):
            if not _compatible(r, c):
                continue
            if c.anchor.level == POINT:
                if r.level != NOWHERE and _contains(r, c):
                    hosts.append(c)
            elif _vague_match(r, c, lo, hi):
                peers.append(c)
        if len(hosts) == 1:
            hosts[0].add(r, lo, hi)
        elif peers:
            peers[0].add(r, lo, hi)
        else:
            block.new(r, lo, hi)
    return [c.members for c in block.clusters]


# -- the merged event ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class Canonical:
    """One occurrence with everything the tables and the API need."""

    id: str
    kind: str
    members: list[Report]
    place: Report  # the member whose place the event takes
    date_start: int | None
    date_end: int | None
    date_precision: str
    polarity: str
    certainty: str
    genericity: str
    counts: dict[str, tuple[int | None, int | None, int | None]]
    actors: list[tuple[str, str | None, str | None, str | None, bool]]  # role, name, name_en, id, inferred
    contested_reasons: list[str]
    contested_detail: list[dict]  # one entry per reason and who/what: the reader sees why
    n_articles: int
    n_outlets: int
    stances: dict[str, int]
    n_sources: int
    first_published: int | None
    confidence: float | None = None  # the highest of its reports' (None when no report has one)

    def counts_json(self) -> dict[str, dict[str, int | None]]:
        """The counts as the table's JSON column holds them (and the incremental build compares them)."""
        return {w: {"low": lo, "best": b, "high": hi} for w, (lo, b, hi) in self.counts.items()}

    @property
    def contested(self) -> bool:
        return bool(self.contested_reasons)


def canonical_id(event_id: str) -> str:
    """``ce_`` + a hash of the founding report's event id: stable while that report is stored."""
    return "ce_" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:16]


def _founding_key(r: Report) -> tuple[int, str]:
    return (r.published if r.published is not None else 10**9, r.event_id)


def merge_counts(members: Sequence[Report]) -> dict[str, tuple[int | None, int | None, int | None]]:
    """UCDP-style: low = lowest credible, best = median of the reported bests, high = highest reported.

    A negated report's figures are not claims that the event happened, and a syndicated copy repeats its
    original, so both are left out (when nothing else is left, the negated figures are used). The result
    always keeps low <= best <= high (:func:`rasd.model.ordered_count`).
    """
    usable = [r for r in members if r.polarity != "negated"] or list(members)
    seen_roots: set[str] = set()
    per_what: dict[str, list[tuple[int | None, int | None, int | None]]] = {}
    for r in sorted(usable, key=_founding_key):
        if r.root_article_id in seen_roots and r.root_article_id != r.article_id:
            continue
        seen_roots.add(r.root_article_id or r.article_id)
        for what, c in r.counts.items():
            per_what.setdefault(what, []).append(ordered_count(*c))
    out: dict[str, tuple[int | None, int | None, int | None]] = {}
    for what in sorted(per_what):
        triples = per_what[what]
        lows = [v for lo, b, _ in triples if (v := lo if lo is not None else b) is not None]
        bests = [b for _, b, _ in triples if b is not None]
        highs = [v for _, b, hi in triples if (v := hi if hi is not None else b) is not None]
        out[what] = ordered_count(min(lows) if lows else None, median_low(bests) if bests else None,
                                  max(highs) if highs else None)
    return out


def _counts_differ(members: Sequence[Report]) -> list[dict]:
    """For each count whose reported bests differ by more than 2x: what, and the bests by article."""
    per_what: dict[str, list[tuple[int, str]]] = {}
    for r in members:
        if r.polarity == "negated":
            continue
        for what, (_, best, _) in r.counts.items():
            if best is not None:
                per_what.setdefault(what, []).append((best, r.article_id))
    out = []
    for what, v in sorted(per_what.items()):
        bests = [b for b, _ in v]
        if len(v) > 1 and max(bests) > 2 * min(bests):
            out.append({"reason": "counts_differ", "what": what, "bests": sorted(set(bests)),
                        "articles": sorted({a for _, a in v})})
    return out


def source_key(speaker: str | None, organization: str | None, stance: str, root_article_id: str) -> tuple:
    """Who said it: the same named voice counts once; an outlet's own report counts once per original."""
    if stance == "reports" or not (speaker or organization):
        return ("reports", root_article_id)
    return (fold(speaker or organization or "").strip(), stance)


def build_canonical(members: list[Report]) -> Canonical:
    members = sorted(members, key=_founding_key)
    founder = members[0]
    place = min(members, key=lambda r: (r.level, r.place_precision or 9))
    if place.level == POINT:
        common = Counter(r.place_id for r in members if r.level == POINT).most_common(1)[0][0]
        place = next(r for r in members if r.place_id == common)
    best_rank = min(_PRECISION_RANK.get(r.date_precision, 4) for r in members)
    dated = [r for r in members if _PRECISION_RANK.get(r.date_precision, 4) == best_rank]
    starts = [r.date_start for r in dated if r.date_start is not None]
    ends = [r.date_end for r in dated if r.date_end is not None]
    asserted = [r for r in members if r.polarity != "negated"]
    stances: Counter[str] = Counter()
    seen: set[tuple] = set()
    denials: list[dict] = []
    for r in members:
        for src in r.sources:
            speaker, org, stance = src[:3]
            k = source_key(speaker, org, stance, r.root_article_id or r.article_id)
            if k in seen:
                continue
            seen.add(k)
            stances[stance] += 1
            if stance in ("denies", "downplays"):
                denials.append({"reason": "denied" if stance == "denies" else "downplayed",
                                "speaker": speaker, "organization": org,
                                "actor_id": src[3] if len(src) > 3 else None,
                                "quote": src[4] if len(src) > 4 else None,
                                "article_id": r.article_id, "outlet": r.outlet})
    detail = [d for d in denials if d["reason"] == "denied"] + [d for d in denials if d["reason"] == "downplayed"]
    if len(asserted) < len(members):
        detail += [{"reason": "negated_report", "article_id": r.article_id, "event_id": r.event_id,
                    "outlet": r.outlet} for r in members if r.polarity == "negated"]
    detail += _counts_differ(members)
    reasons = [x for x in ("denied", "downplayed", "negated_report", "counts_differ")
               if any(d["reason"] == x for d in detail)]
    actors: list[tuple[str, str | None, str | None, str | None, bool]] = []
    actor_seen: dict[tuple[str, str], int] = {}
    for r in members:
        for role, name, name_en, aid, inferred in r.actors:
            k = (role, aid or fold(name or name_en or ""))
            if k not in actor_seen:
                actor_seen[k] = len(actors)
                actors.append((role, name, name_en, aid, inferred))
            elif not inferred and actors[actor_seen[k]][4]:
                actors[actor_seen[k]] = (role, name, name_en, aid, False)  # one report names it: not inferred
    actors.sort(key=lambda a: _ROLE_ORDER.get(a[0], 3))
    roots = {r.root_article_id for r in members}
    published = [r.published for r in members if r.published is not None]
    return Canonical(
        id=canonical_id(founder.event_id),
        kind=founder.kind,
        members=members,
        place=place,
        date_start=min(starts) if starts else None,
        date_end=max(ends) if ends else (max(starts) if starts else None),
        date_precision=dated[0].date_precision if starts or ends else "unknown",
        polarity="asserted" if asserted else "negated",
        certainty="certain" if any(r.certainty == "certain" for r in (asserted or members)) else "hedged",
        genericity=founder.genericity,
        counts=merge_counts(members),
        actors=actors,
        contested_reasons=reasons,
        contested_detail=detail,
        n_articles=len(roots),
        n_outlets=len({r.outlet for r in members if r.outlet}),
        stances={s: stances[s] for s in ("confirms", "denies", "downplays", "reports")},
        n_sources=len(seen),
        first_published=min(published) if published else None,
        confidence=max((r.confidence for r in members if r.confidence is not None), default=None),
    )


def merge(reports: Sequence[Report]) -> list[Canonical]:
    """Reports -> canonical events, ordered by id."""
    return sorted((build_canonical(m) for m in cluster_reports(reports)), key=lambda c: c.id)
