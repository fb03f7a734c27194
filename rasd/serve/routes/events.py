"""Canonical events: the list (JSON or GeoJSON), one event with its reports, and the source ledger."""

from typing import Literal

from fastapi import APIRouter

from rasd.aggregate import query
from rasd.serve.common import READ, ApiError, Cur, Filt, Limit, Offset
from rasd.serve.models import EventCollection, EventDetail, EventPage, LedgerPage

router = APIRouter(tags=["events"])


@router.get("/events", dependencies=READ)
def events(cur: Cur, f: Filt, limit: Limit = 100, offset: Offset = 0,
           sort: Literal["date", "-date", "fatalities"] = "-date",
           format: Literal["json", "geojson"] = "json") -> EventPage | EventCollection:  # noqa: A002
    """Canonical events (summaries); `format=geojson` gives a FeatureCollection of those with coordinates."""
    if format == "geojson":
        return query.events_geojson(cur, f, limit, offset, sort)
    return query.list_events(cur, f, limit, offset, sort)


@router.get("/events/{event_id}", dependencies=READ)
def event(cur: Cur, event_id: str) -> EventDetail:
    """One canonical event with its reports (evidence sentences) and sources."""
    ev = query.event_detail(cur, event_id[:200])
    if ev is None:
        raise ApiError(404, f"no canonical event {event_id[:80]!r}")
    return ev


@router.get("/ledger", dependencies=READ)
def ledger(cur: Cur, f: Filt, limit: Limit = 100, offset: Offset = 0,
           sort: Literal["date", "-date", "fatalities"] = "-date") -> LedgerPage:
    """Canonical events with their sources and stances."""
    return query.ledger(cur, f, limit, offset, sort)
