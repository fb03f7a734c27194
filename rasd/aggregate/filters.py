"""The one place where user filters become SQL: shared by ``rasd query``/``rasd ledger`` and the HTTP API.

Only fixed SQL fragments are chosen here; every value travels as a bound parameter. Names are matched on
folded text (Arabic orthographic variants, Latin case), so "دير الزور", "دير الزّور" and "deir" all work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rasd.lang.normalize import fold
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


def folded(text: str) -> str:
    return fold(text).strip().lower()


@dataclass(slots=True)
class EventFilters:
    """Filters on canonical events (``c`` in the SQL)."""

    kinds: list[str] = field(default_factory=list)
    actor: str | None = None  # actor id, or a name substring (Arabic or English)
    place: str | None = None  # GeoNames id, or a name substring of the place, its admin1 or admin2
    since: date | None = None
    until: date | None = None
    outlets: list[str] = field(default_factory=list)
    contested: bool | None = None
    q: str | None = None  # text in place or actor names

    @classmethod
    def parse(cls, kinds: list[str] | tuple[str, ...] | None = None, actor: str | None = None,
              place: str | None = None, since: str | None = None, until: str | None = None,
              outlets: list[str] | tuple[str, ...] | None = None, contested: bool | None = None,
              q: str | None = None) -> EventFilters:
        """Check raw values (from a command line or a query string); raise :class:`FilterError`."""
        kinds_list = [k.strip() for item in (kinds or []) for k in (item or "").split(",") if k.strip()]
        unknown = [k for k in kinds_list if k not in KINDS]
        if unknown:
            raise FilterError(f"kind: unknown kind {unknown[0][:40]!r} (one of: {', '.join(KINDS)})")
        for name, v in (("actor", actor), ("place", place), ("q", q)):
            if v is not None and len(v) > _MAX_TEXT:
                raise FilterError(f"{name}: at most {_MAX_TEXT} characters")
        f = cls(kinds=kinds_list, actor=(actor or "").strip() or None, place=(place or "").strip() or None,
                since=parse_date(since, "since"), until=parse_date(until, "until"),
                outlets=[o for o in (outlets or []) if o], contested=contested, q=(q or "").strip() or None)
        if f.since and f.until and f.since > f.until:
            raise FilterError("since is after until")
        return f

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE condition on ``canonical_events c`` and its parameters."""
        parts: list[str] = ["TRUE"]
        params: list[Any] = []
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
        if self.q:
            parts.append("(contains(c.place_search, ?) OR EXISTS (SELECT 1 FROM canonical_actors ca "
                         "WHERE ca.canonical_id = c.id AND contains(ca.search, ?)))")
            params += [folded(self.q), folded(self.q)]
        return " AND ".join(parts), params
