"""``GET /live``: server-sent events that say when the stored data changed, so the dashboard refreshes.

Each message is ``{"version", "articles", "canonical_events", "reports"}``; a new version means new or
re-merged events. The state is read from the database (cheap counts, at most once a second for all
listeners), so changes made by the watcher, ``POST /articles`` or anything else are all seen. A stream
ends after ``STREAM_SECONDS`` (the client reconnects), so a server can always shut down promptly.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from rasd.serve.common import READ, ServerState, state_of

STREAM_SECONDS = 30.0
CHECK_SECONDS = 1.0

router = APIRouter(tags=["live"])


class LiveCounts:
    """The data's version, recomputed at most every ``CHECK_SECONDS`` whatever the number of listeners."""

    def __init__(self) -> None:
        self._at = 0.0
        self._value: dict[str, Any] | None = None
        self._lock = asyncio.Lock()

    async def current(self, state: ServerState) -> dict[str, Any]:
        async with self._lock:
            if self._value is None or time.monotonic() - self._at >= CHECK_SECONDS:
                value = await run_in_threadpool(_counts, state)
                if value is not None or self._value is None:
                    self._value = value or {"version": "", "articles": 0, "canonical_events": 0, "reports": 0}
                self._at = time.monotonic()
            return self._value


def _counts(state: ServerState) -> dict[str, Any] | None:
    """The counts, or None while another process holds the file (the next check tries again)."""
    from rasd.store.connection import Database, DatabaseBusy

    try:
        with Database(state.db_path, wait=1.0).read() as con:
            articles, canonical, reports = con.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM canonical_events), "
                "(SELECT count(*) FROM canonical_members)").fetchone()
    except DatabaseBusy:
        return None
    return {"version": f"{articles}.{canonical}.{reports}", "articles": articles, "canonical_events": canonical,
            "reports": reports}


@router.get("/live", dependencies=READ, response_class=StreamingResponse,
            responses={200: {"content": {"text/event-stream": {}}}})
async def live(request: Request) -> StreamingResponse:
    """A text/event-stream: one `data:` message now, then one whenever the data changes."""
    state = state_of(request)
    counts: LiveCounts = request.app.state.live

    async def stream() -> AsyncIterator[bytes]:
        last = None
        end = time.monotonic() + STREAM_SECONDS
        yield b"retry: 2000\n\n"
        while time.monotonic() < end and not await request.is_disconnected():
            now = await counts.current(state)
            if now["version"] != last:
                last = now["version"]
                yield b"data: " + orjson.dumps(now) + b"\n\n"
            else:
                yield b": idle\n\n"
            await asyncio.sleep(CHECK_SECONDS)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
