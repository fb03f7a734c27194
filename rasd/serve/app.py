"""The HTTP API (docs/api.md) and the dashboard's static files, as one FastAPI app.

:func:`create_app` opens the store and assembles the routers (``routes/``) with the shared error
handling, body limit and server state of :mod:`rasd.serve.common`. Every query goes through
:mod:`rasd.aggregate.query` with bound parameters.
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from rasd.serve.common import JSONUnicode, ServerState, install_body_limit, install_error_handlers
from rasd.serve.routes import articles, dashboard, events, ingest, meta, stats


def create_app(db_path: str, require_key: bool | None = None, api_key: str | None = None) -> FastAPI:
    """The app on the database at ``db_path`` (created and migrated if needed)."""
    from rasd.store.db import Store

    store = Store(db_path)
    con = store.con
    stale = con.execute("SELECT (SELECT count(*) FROM events) <> (SELECT count(*) FROM canonical_members)").fetchone()
    if stale[0]:  # stored before merging existed, or written by a tool that does not aggregate
        from rasd.aggregate.build import rebuild

        rebuild(con)
    if require_key is None:
        require_key = os.environ.get("RASD_REQUIRE_KEY", "") not in ("", "0", "false")
    key = api_key if api_key is not None else os.environ.get("RASD_API_KEY") or None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="Rasd API", version="1", description="Canonical conflict events from Arabic news, "
                  "their reports, sources and stances. Contract: docs/api.md.",
                  default_response_class=JSONUnicode, lifespan=lifespan, docs_url=None)
    app.state.store = store
    app.state.rasd = ServerState(store=store, db_path=db_path, api_key=key, require_key=require_key)
    install_error_handlers(app)
    install_body_limit(app)
    for module in (meta, events, articles, stats, ingest, dashboard):
        app.include_router(module.router)
    dashboard.mount_static(app)
    return app
