"""The HTTP API (docs/api.md) and the dashboard's static files, as one FastAPI app.

:func:`create_app` opens the store and assembles the routers (``routes/``) with the shared error
handling, body limit and server state of :mod:`rasd.serve.common`. Every query goes through
:mod:`rasd.aggregate.query` with bound parameters.
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from rasd.serve.common import BodyLimit, JSONUnicode, ServerState, install_error_handlers
from rasd.serve.headers import SecurityHeaders
from rasd.serve.routes import alerts, articles, dashboard, events, ingest, live, meta, stats


def create_app(db_path: str, require_key: bool | None = None, api_key: str | None = None,
               watcher: Any = None, tiles_origin: str | None = None) -> FastAPI:
    """The app on the database at ``db_path`` (created and migrated if needed); ``tiles_origin`` is the one
    image server the page may load map tiles from (``?tiles=URL``), none by default.

    With a :class:`rasd.watch.watcher.Watcher`, the app runs it in a thread while it serves, sharing the
    write lock, so the watcher's writes and the API's take turns and the dashboard sees new events as they
    are stored. Neither holds the file between its pieces of work (:mod:`rasd.store.connection`).
    """
    from rasd.aggregate.build import ensure_canonical
    from rasd.store.connection import Database

    db = Database(db_path)
    with db.write():  # creates and migrates the file when needed
        pass
    ensure_canonical(db)  # stored before merging existed, or written by a tool that does not aggregate
    if require_key is None:
        require_key = os.environ.get("RASD_REQUIRE_KEY", "") not in ("", "0", "false")
    key = api_key if api_key is not None else os.environ.get("RASD_API_KEY") or None

    server_state = ServerState(db=db, db_path=db_path, api_key=key, require_key=require_key,
                               tiles_origin=tiles_origin)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        running = None
        if watcher is not None:
            from rasd.watch.watcher import watch_in_thread

            watcher.write_lock = server_state.write_lock
            running = watch_in_thread(watcher)
        yield
        if running is not None:
            thread, stop = running
            stop.set()
            thread.join(timeout=60)

    app = FastAPI(title="Rasd API", version="1", description="Canonical conflict events from Arabic news, "
                  "their reports, sources and stances. Contract: docs/api.md.",
                  default_response_class=JSONUnicode, lifespan=lifespan, docs_url=None)
    app.state.rasd = server_state
    app.state.live = live.LiveCounts()
    install_error_handlers(app)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders, tiles_origin=tiles_origin)  # outermost: on every answer, 413s too
    for module in (meta, events, articles, stats, ingest, alerts, live, dashboard):
        app.include_router(module.router)
    dashboard.mount_static(app)
    return app
