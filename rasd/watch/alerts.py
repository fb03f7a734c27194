"""Alerts: saved filters on canonical events, matched against what a refresh changed, sent to webhooks.

A match becomes a pending row in ``alert_deliveries`` inside the transaction that changed the event, so a
change is never committed without its alerts. Delivery is a JSON POST; anything but a 2xx is retried with
exponential backoff until ``max_attempts``; every attempt is logged in the row (at least once: a receiver
may see a delivery twice after a crash, and can tell by its ``X-Rasd-Delivery`` id).
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from rasd.aggregate import query
from rasd.aggregate.filters import EventFilters, FilterError
from rasd.aggregate.incremental import Change
from rasd.watch import state
from rasd.watch.fetcher import USER_AGENT


class AlertError(ValueError):
    """An alert that cannot be saved (one line)."""


@dataclass(slots=True)
class AlertSpec:
    webhook: str
    kinds: list[str]
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    actor: str | None = None
    contested: bool | None = None
    name: str | None = None

    def validate(self) -> None:
        parts = urlsplit(self.webhook or "")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise AlertError(f"webhook: expected an http(s) URL, got {self.webhook[:80]!r}")
        if self.country and not re.fullmatch(r"[A-Za-z]{2}", self.country):
            raise AlertError(f"country: expected a two-letter ISO code (e.g. SY), got {self.country[:20]!r}")
        try:
            self.filters()
        except FilterError as e:
            raise AlertError(str(e)) from None

    def filters(self) -> EventFilters:
        """The alert as the filters ``rasd query`` and the API apply (one definition of country, area, place)."""
        return EventFilters.parse(kinds=self.kinds, actor=self.actor, place=self.place, contested=self.contested,
                                  country=self.country, admin1=self.admin1)

    def where(self) -> tuple[str, list[Any]]:
        """The alert as a condition on ``canonical_events c``."""
        return self.filters().where()


def add_alert(con: Any, spec: AlertSpec, now: datetime) -> dict[str, Any]:
    spec.validate()
    row = {"id": "al_" + uuid.uuid4().hex[:10], "name": spec.name, "kinds": spec.kinds or None,
           "country": spec.country.upper() if spec.country else None, "admin1": spec.admin1, "place": spec.place,
           "actor": spec.actor, "contested": spec.contested, "webhook": spec.webhook, "active": True,
           "created_at": now}
    state.insert_alert(con, row)
    return row


def spec_of(row: dict[str, Any]) -> AlertSpec:
    return AlertSpec(webhook=row["webhook"], kinds=list(row["kinds"] or []), country=row["country"],
                     admin1=row["admin1"], place=row["place"], actor=row["actor"], contested=row["contested"],
                     name=row["name"])


def delivery_id(alert_id: str, canonical_id: str, reasons: list[str], n_reports: int) -> str:
    """Stable for one change of one event, so a change found twice is not sent twice."""
    raw = f"{alert_id}|{canonical_id}|{','.join(reasons)}|{n_reports}"
    return "dl_" + hashlib.sha1(raw.encode()).hexdigest()[:16]


def enqueue_matches(con: Any, changes: list[Change], now: datetime) -> int:
    """Pending deliveries for every active alert that a changed event matches (inside the refresh)."""
    if not changes:
        return 0
    by_id = {c.canonical_id: c for c in changes}
    rows = []
    for alert in state.list_alerts(con, active_only=True):
        where, params = spec_of(alert).where()
        for ev in query.summaries(con, sorted(by_id), where, params):
            ch = by_id[ev["id"]]
            did = delivery_id(alert["id"], ev["id"], ch.reasons, ev["n_reports"])
            payload = {"delivery_id": did, "alert": {"id": alert["id"], "name": alert["name"]},
                       "changes": ch.reasons, "previous_id": ch.previous_id, "event": ev,
                       "detected_at": now.isoformat(timespec="seconds") + "Z"}
            rows.append((did, alert["id"], ev["id"], ch.reasons, payload))
    known = {r[0] for r in con.execute("SELECT id FROM alert_deliveries WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                       [[r[0] for r in rows]]).fetchall()} if rows else set()
    rows = [r for r in rows if r[0] not in known]
    state.enqueue(con, rows, now)
    return len(rows)


@dataclass(slots=True)
class DeliveryPolicy:
    timeout: float = 10.0
    retry_base: float = 5.0  # seconds before the first retry, doubled each time
    retry_max: float = 600.0
    max_attempts: int = 8


@dataclass(slots=True)
class Attempt:
    delivery: state.Delivery
    ok: bool
    http_status: int | None
    error: str | None


async def post_all(deliveries: list[state.Delivery], policy: DeliveryPolicy, concurrency: int = 8) -> list[Attempt]:
    """POST each delivery's payload to its webhook once (redirects are not followed)."""
    if not deliveries:
        return []
    sem = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=policy.timeout, follow_redirects=False, trust_env=False,
                                 headers={"User-Agent": USER_AGENT}) as client:
        async def one(d: state.Delivery) -> Attempt:
            async with sem:
                try:
                    r = await client.post(d.webhook, content=d.payload, headers={
                        "Content-Type": "application/json", "X-Rasd-Delivery": d.id, "X-Rasd-Alert": d.alert_id})
                except httpx.HTTPError as e:
                    return Attempt(d, False, None, f"{type(e).__name__}: {str(e)[:200] or 'request failed'}")
                ok = 200 <= r.status_code < 300
                return Attempt(d, ok, r.status_code, None if ok else f"HTTP {r.status_code}")

        return list(await asyncio.gather(*(one(d) for d in deliveries)))


def record_attempts(con: Any, attempts: list[Attempt], policy: DeliveryPolicy, now: datetime,
                    log: Callable[[str], None] = lambda m: None) -> None:
    for a in attempts:
        n = a.delivery.attempts + 1
        if a.ok:
            status, next_at = "delivered", now
        elif n >= policy.max_attempts:
            status, next_at = "failed", now
        else:
            status = "pending"
            next_at = now + timedelta(seconds=min(policy.retry_base * 2 ** (n - 1), policy.retry_max))
        state.record_attempt(con, a.delivery.id, now, status=status, attempts=n, http_status=a.http_status,
                             error=a.error, next_attempt_at=next_at)
        if a.ok:
            log(f"alert {a.delivery.alert_id}: delivered {a.delivery.canonical_id} ({a.delivery.id})")
        else:
            what = "gave up on" if status == "failed" else f"will retry (attempt {n}/{policy.max_attempts})"
            log(f"alert {a.delivery.alert_id}: webhook failed for {a.delivery.canonical_id}: {a.error}; {what}")
