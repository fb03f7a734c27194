"""Alerts and watched sources over HTTP: ``GET/POST /alerts``, ``DELETE /alerts/{id}``,
``GET /alerts/{id}/deliveries`` and ``GET /sources``. Writes need the key, like ``POST /articles``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from rasd.serve.common import READ, WRITE, ApiError, Cur, state_of

router = APIRouter(tags=["alerts"])


class AlertIn(BaseModel):
    """A saved filter; every new or updated matching canonical event is POSTed to ``webhook``."""

    model_config = ConfigDict(extra="forbid")
    webhook: str = Field(max_length=2000)
    kind: list[str] = Field(default_factory=list, max_length=30)
    country: str | None = Field(None, max_length=2)
    admin1: str | None = Field(None, max_length=200)
    place: str | None = Field(None, max_length=200)
    actor: str | None = Field(None, max_length=200)
    contested: bool | None = None
    name: str | None = Field(None, max_length=200)


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() + "Z" if hasattr(v, "isoformat") and v is not None else v) for k, v in row.items()}


@router.get("/alerts", dependencies=READ)
def list_alerts(cur: Cur) -> dict:
    from rasd.watch import state

    return {"alerts": [_jsonable(r) for r in state.list_alerts(cur)]}


@router.post("/alerts", dependencies=WRITE, status_code=201)
async def add_alert(request: Request, alert: AlertIn) -> dict:
    """Save an alert (the watcher of `rasd serve --watch` sends its deliveries)."""
    from rasd.watch.alerts import AlertError, AlertSpec, add_alert
    from rasd.watch.state import utcnow

    spec = AlertSpec(webhook=alert.webhook, kinds=alert.kind, country=alert.country, admin1=alert.admin1,
                     place=alert.place, actor=alert.actor, contested=alert.contested, name=alert.name)
    state = state_of(request)

    def work() -> dict:
        with state.write_lock, state.db.write() as con:
            return add_alert(con, spec, utcnow())

    try:
        return _jsonable(await run_in_threadpool(work))
    except AlertError as e:
        raise ApiError(422, str(e)) from None


@router.delete("/alerts/{alert_id}", dependencies=WRITE)
async def remove_alert(request: Request, alert_id: str) -> dict:
    from rasd.watch import state as watch_state

    state = state_of(request)

    def work() -> bool:
        with state.write_lock, state.db.write() as con:
            return watch_state.delete_alert(con, alert_id[:100])

    if not await run_in_threadpool(work):
        raise ApiError(404, f"no alert {alert_id[:80]!r}")
    return {"removed": alert_id}


@router.get("/alerts/{alert_id}/deliveries", dependencies=READ)
def deliveries(cur: Cur, alert_id: str, limit: int = 100) -> dict:
    """The alert's recent deliveries: status, attempts and the webhook's last answer."""
    from rasd.watch import state

    if state.get_alert(cur, alert_id[:100]) is None:
        raise ApiError(404, f"no alert {alert_id[:80]!r}")
    return {"deliveries": [_jsonable(r) for r in state.list_deliveries(cur, alert_id[:100], max(1, min(limit, 1000)))]}


@router.get("/sources", dependencies=READ, tags=["sources"])
def sources(cur: Cur) -> dict:
    """The watched sources and their state (times in UTC)."""
    from rasd.watch import state

    return {"sources": [_jsonable(r) for r in state.list_sources(cur)]}
