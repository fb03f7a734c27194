"""The one place where user filters become SQL: ``rasd query``, ``rasd ledger``, ``rasd export``, the
HTTP API and the dashboard's requests all go through :class:`EventFilters`.

Only fixed SQL fragments are chosen here; every value travels as a bound parameter. Names are matched on
folded text (:func:`rasd.aggregate.areas.fold_name`: Arabic orthographic variants, Latin diacritics and
case), against every name of the place, its admin2, admin1 and country, so "إدلب", "Idleb" and "Idlib"
find the same events, and "Sarmin" finds "Sarmīn".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rasd.aggregate.areas import fold_name, resolve_country
from rasd.aggregate.grade import GRADES
from rasd.model import KINDS


class FilterError(ValueError):
    """A filter value that cannot be right (unknown kind, bad date): the caller answers 422."""


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_TEXT = 200


def parse_date(value: str | None, name: str) -> date | None:
    if value is None or value == "":
        return None
    if not _DATE.fullmatch(value.strip()):
        raise FilterError(f"{name}: expected a date as YYYY-MM-DD, got {value[:40]!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise FilterError(f"{name}: {value[:40]!r} is not a calendar date") from None


def parse_confidence(value: float | str | None, name: str = "min_confidence") -> float | None:
    """A confidence threshold: a number from 0 to 1 (None or empty: no threshold)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise FilterError(f"{name}: expected a number from 0 to 1, got {str(value)[:40]!r}") from None
    if not 0.0 <= x <= 1.0:  # also refuses nan
        raise FilterError(f"{name}: expected a number from 0 to 1, got {str(value)[:40]!r}")
    return x


def folded(text: str) -> str:
    return fold_name(text).replace("|", " ").strip()


def _list(values: list[str] | tuple[str, ...] | None) -> list[str]:
    """Repeated or comma-separated values, stripped, empty ones dropped."""
    return [v.strip() for item in (values or []) for v in (item or "").split(",") if v.strip()]


@dataclass(slots=True)
class EventFilters:
    """Filters on canonical events (``c`` in the SQL)."""

    kinds: list[str] = field(default_factory=list)
    actor: str | None = None  # actor id, or a name substring (Arabic or English)
    place: str | None = None  # GeoNames id, or (part of) a name of the place, its admin2, admin1 or country
    country: str | None = None  # ISO alpha-2, resolved from a code or any name
    admin1: str | None = None  # any name of the admin1 area
    admin2: str | None = None  # any name of the admin2 area
    since: date | None = None
    until: date | None = None
    outlets: list[str] = field(default_factory=list)
    contested: bool | None = None
    grades: list[str] = field(default_factory=list)
    include_negated: bool = False  # events that every report says did not happen
    q: str | None = None  # text in place or actor names
    min_confidence: float | None = None  # 0-1; events (reports) without a confidence never pass it

    @classmethod
    def parse(cls, kinds: list[str] | tuple[str, ...] | None = None, actor: str | None = None,
              place: str | None = None, since: str | None = None, until: str | None = None,
              outlets: list[str] | tuple[str, ...] | None = None, contested: bool | None = None,
              q: str | None = None, country: str | None = None, admin1: str | None = None,
              admin2: str | None = None, grades: list[str] | tuple[str, ...] | None = None,
              include_negated: bool = False, min_confidence: float | str | None = None) -> EventFilters:
        """Check raw values (from a command line or a query string); raise :class:`FilterError`."""
        kinds_list = _list(kinds)
        unknown = [k for k in kinds_list if k not in KINDS]
        if unknown:
            raise FilterError(f"kind: unknown kind {unknown[0][:40]!r} (one of: {', '.join(KINDS)})")
        grade_list = _list(grades)
        bad = [g for g in grade_list if g not in GRADES]
        if bad:
            raise FilterError(f"grade: unknown grade {bad[0][:40]!r} (one of: {', '.join(GRADES)})")
        for name, v in (("actor", actor), ("place", place), ("q", q), ("country", country), ("admin1", admin1),
                        ("admin2", admin2)):
            if v is not None and len(v) > _MAX_TEXT:
                raise FilterError(f"{name}: at most {_MAX_TEXT} characters")
        cc = None
        if (country or "").strip():
            cc = resolve_country(country or "")
            if cc is None:
                raise FilterError(f"country: unknown country {country[:40]!r} (an ISO code or a name)")
        f = cls(kinds=kinds_list, actor=(actor or "").strip() or None, place=(place or "").strip() or None,
                country=cc, admin1=(admin1 or "").strip() or None, admin2=(admin2 or "").strip() or None,
                since=parse_date(since, "since"), until=parse_date(until, "until"),
                outlets=[o for o in (outlets or []) if o], contested=contested, grades=grade_list,
                include_negated=bool(include_negated), q=(q or "").strip() or None,
                min_confidence=parse_confidence(min_confidence))
        if f.since and f.until and f.since > f.until:
            raise FilterError("since is after until")
        return f

    @property
    def active(self) -> bool:
        return any((self.kinds, self.actor, self.place, self.country, self.admin1, self.admin2, self.since,
                    self.until, self.outlets, self.contested is not None, self.grades, self.q,
                    self.min_confidence is not None))

    def where(self, report_level: bool = False) -> tuple[str, list[Any]]:
        """A WHERE condition on ``canonical_events c`` and its parameters.

        With ``report_level`` (rows that are reports, ``events e`` joined to their canonical event ``c``),
        ``min_confidence`` is a condition on each report's own confidence; every other filter stays on ``c``.
        """
        parts: list[str] = ["TRUE"]
        params: list[Any] = []
        if not self.include_negated:
            parts.append("c.polarity <> 'negated'")
        if self.kinds:
            parts.append("c.kind IN (SELECT unnest(?::VARCHAR[]))")
            params.append(self.kinds)
        if self.actor:
            parts.append("EXISTS (SELECT 1 FROM canonical_actors ca WHERE ca.canonical_id = c.id "
                         "AND (ca.actor_id = ? OR contains(ca.search, ?)))")
            params += [self.actor, folded(self.actor)]
        if self.place:
            if self.place.isdigit():
                parts.append("(c.geonameid = ? OR c.place_id = ?)")
                params += [int(self.place) if len(self.place) < 19 else -1, f"gn:{self.place}"]
            else:
                parts.append("contains(c.place_search, ?)")
                params.append(folded(self.place))
        if self.country:
            parts.append("c.country = ?")
            params.append(self.country)
        for col, value in (("admin1_search", self.admin1), ("admin2_search", self.admin2)):
            if value:
                parts.append(f"contains(c.{col}, ?)")
                params.append(f"|{folded(value)}|")
        if self.since:
            parts.append("coalesce(c.date_end, c.date_start, c.first_published) >= ?")
            params.append(self.since)
        if self.until:
            parts.append("coalesce(c.date_start, c.date_end, c.first_published) <= ?")
            params.append(self.until)
        if self.outlets:
            parts.append("EXISTS (SELECT 1 FROM canonical_members m JOIN articles a ON a.id = m.article_id "
                         "WHERE m.canonical_id = c.id AND a.outlet IN (SELECT unnest(?::VARCHAR[])))")
            params.append(self.outlets)
        if self.contested is not None:
            parts.append("c.contested = ?")
            params.append(self.contested)
        if self.grades:
            parts.append("c.grade IN (SELECT unnest(?::VARCHAR[]))")
            params.append(self.grades)
        if self.q:
            parts.append("(contains(c.place_search, ?) OR EXISTS (SELECT 1 FROM canonical_actors ca "
                         "WHERE ca.canonical_id = c.id AND contains(ca.search, ?)))")
            params += [folded(self.q), folded(self.q)]
        if self.min_confidence is not None:  # NULL >= x is not true: no confidence, no row
            parts.append("e.confidence >= ?" if report_level else "c.confidence >= ?")
            params.append(self.min_confidence)
        return " AND ".join(parts), params
