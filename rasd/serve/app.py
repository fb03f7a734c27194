"""The HTTP API (docs/api.md) and the dashboard's static files, as one FastAPI app.

DuckDB lets one process write a file: the app opens ONE connection when it starts, gives every request
its own cursor (readers see the last committed state, never a half-done rebuild), and serialises writes
with a lock. Every query goes through :mod:`rasd.aggregate.query` with bound parameters.
"""


import os
import secrets
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import orjson
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from rasd.aggregate import query
from rasd.aggregate.filters import EventFilters, FilterError

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY_BYTES = 20_000_000
MAX_ARTICLES = 100
NOT_BUILT = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Rasd</title>
<body><h1>Rasd</h1><p>The dashboard is not built yet. The API is at <a href="/docs">/docs</a>.</p></body></html>"""


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class ArticleIn(BaseModel):
    """One input article (the FORMAT.md input shape)."""

    model_config = ConfigDict(extra="ignore")
    id: str | None = Field(None, max_length=500)
    text: str | None = Field(None, max_length=2_000_000)
    title: str | None = Field(None, max_length=5_000)
    published: str | None = Field(None, max_length=40, description="YYYY-MM-DD")
    outlet: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=5_000)
    html: str | None = Field(None, max_length=5_000_000)


class JSONUnicode(JSONResponse):
    """UTF-8 JSON with Arabic as is (not \\u-escaped)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, default=str)


def _error(status: int, message: str) -> JSONUnicode:
    return JSONUnicode({"error": {"status": status, "message": message}}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    errs = exc.errors()
    if not errs:
        return "invalid request"
    e = errs[0]
    where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
    msg = str(e.get("msg", "invalid value"))
    return f"{where}: {msg}" if where else msg


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
    write_lock = threading.Lock()
    cursor_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="Rasd API", version="1", description="Canonical conflict events from Arabic news, "
                  "their reports, sources and stances. Contract: docs/api.md.",
                  default_response_class=JSONUnicode, lifespan=lifespan, docs_url=None)
    app.state.store = store

    # -- errors: always JSON, never a stack trace -----------------------------------------------------
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONUnicode:
        return _error(exc.status, exc.message)

    @app.exception_handler(FilterError)
    async def _filter_error(_: Request, exc: FilterError) -> JSONUnicode:
        return _error(422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONUnicode:
        return _error(422, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def _http(_: Request, exc: HTTPException) -> JSONUnicode:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONUnicode:
        return _error(500, f"internal error: {type(exc).__name__}")

    @app.middleware("http")
    async def _limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return _error(413, f"request body larger than {MAX_BODY_BYTES:,} bytes")
        return await call_next(request)

    # -- dependencies ----------------------------------------------------------------------------------
    def _check_key(given: str | None) -> None:
        if key is None:
            raise ApiError(403, "no API key is configured on the server (set RASD_API_KEY)")
        if not given:
            raise ApiError(401, "missing X-API-Key header")
        if not secrets.compare_digest(given.encode(), key.encode()):
            raise ApiError(401, "wrong API key")

    def read_access(request: Request) -> None:
        if require_key:
            _check_key(request.headers.get("x-api-key"))

    def write_access(request: Request) -> None:
        _check_key(request.headers.get("x-api-key"))

    def cursor() -> Iterator[Any]:
        with cursor_lock:
            cur = con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def filters(kind: Annotated[list[str] | None, Query(description="event kind (repeatable)")] = None,
                actor: Annotated[str | None, Query(max_length=200)] = None,
                place: Annotated[str | None, Query(max_length=200)] = None,
                since: Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD")] = None,
                until: Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD")] = None,
                outlet: Annotated[list[str] | None, Query(description="outlet (repeatable)")] = None,
                contested: bool | None = None,
                q: Annotated[str | None, Query(max_length=200)] = None) -> EventFilters:
        return EventFilters.parse(kinds=kind, actor=actor, place=place, since=since, until=until, outlets=outlet,
                                  contested=contested, q=q)

    Cur = Annotated[Any, Depends(cursor)]
    Filt = Annotated[EventFilters, Depends(filters)]
    Limit = Annotated[int, Query(ge=0, le=query.MAX_LIMIT)]
    Offset = Annotated[int, Query(ge=0, le=10**12)]
    read = [Depends(read_access)]

    # -- routes ----------------------------------------------------------------------------------------
    @app.get("/health", dependencies=read, tags=["meta"])
    def health(cur: Cur) -> dict:
        return query.health(cur)

    @app.get("/events", dependencies=read, tags=["events"])
    def events(cur: Cur, f: Filt, limit: Limit = 100, offset: Offset = 0,
               sort: Literal["date", "-date", "fatalities"] = "-date",
               format: Literal["json", "geojson"] = "json") -> dict:  # noqa: A002 - the documented name
        """Canonical events (summaries); `format=geojson` gives a FeatureCollection of those with coordinates."""
        if format == "geojson":
            return query.events_geojson(cur, f, limit, offset, sort)
        return query.list_events(cur, f, limit, offset, sort)

    @app.get("/events/{event_id}", dependencies=read, tags=["events"])
    def event(cur: Cur, event_id: str) -> dict:
        """One canonical event with its reports (evidence sentences) and sources."""
        ev = query.event_detail(cur, event_id[:200])
        if ev is None:
            raise ApiError(404, f"no canonical event {event_id[:80]!r}")
        return ev

    @app.get("/articles/{article_id}", dependencies=read, tags=["articles"])
    def article(cur: Cur, article_id: str) -> dict:
        """An article's text with its entity mentions and events (character offsets into `text`)."""
        a = query.article_detail(cur, article_id[:1000])
        if a is None:
            raise ApiError(404, f"no article {article_id[:80]!r}")
        return a

    @app.get("/stats/timeseries", dependencies=read, tags=["stats"])
    def timeseries(cur: Cur, f: Filt, interval: Literal["month", "week"] = "month") -> dict:
        return query.timeseries(cur, f, interval)

    @app.get("/ledger", dependencies=read, tags=["events"])
    def ledger(cur: Cur, f: Filt, limit: Limit = 100, offset: Offset = 0,
               sort: Literal["date", "-date", "fatalities"] = "-date") -> dict:
        """Canonical events with their sources and stances."""
        return query.ledger(cur, f, limit, offset, sort)

    @app.get("/facets", dependencies=read, tags=["stats"])
    def facets(cur: Cur, f: Filt) -> dict:
        return query.facets(cur, f)

    article_list = TypeAdapter(list[ArticleIn])
    body_schema = {"oneOf": [ArticleIn.model_json_schema(),
                             {"type": "array", "items": ArticleIn.model_json_schema(), "maxItems": MAX_ARTICLES}]}

    @app.post("/articles", dependencies=[Depends(write_access)], tags=["articles"], openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": body_schema}}}})
    async def post_articles(request: Request) -> dict:
        """Ingest and extract one article or a list (at most 100); canonical events are refreshed."""
        from rasd.serve.ingest import ingest_records

        try:
            data = orjson.loads(await request.body())
        except orjson.JSONDecodeError as e:
            raise ApiError(422, f"body is not valid JSON ({str(e).splitlines()[0][:120]})") from None
        items = data if isinstance(data, list) else [data]
        if not items:
            raise ApiError(422, "no articles in the request")
        if len(items) > MAX_ARTICLES:
            raise ApiError(413, f"at most {MAX_ARTICLES} articles per request")
        try:
            articles = article_list.validate_python(items)
        except ValidationError as e:
            err = e.errors()[0]
            loc = [str(x) for x in err.get("loc", ())]
            where = f"article {loc[0]}" + (f": {'.'.join(loc[1:])}" if len(loc) > 1 else "")
            raise ApiError(422, f"{where}: {err.get('msg', 'invalid value')}") from None
        for i, it in enumerate(articles):
            if not (it.text and it.text.strip()) and not (it.html and it.html.strip()):
                raise ApiError(422, f"article {i}: needs a non-empty 'text' (or 'html')")

        def work() -> dict:
            with cursor_lock:
                cur = con.cursor()
            try:
                with write_lock:
                    return ingest_records(db_path, cur, [it.model_dump() for it in articles])
            finally:
                cur.close()

        return await run_in_threadpool(work)

    # -- the dashboard ---------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)  # the page holds no data: the API calls it makes need the key
    def index() -> Response:
        page = STATIC / "index.html"
        if page.is_file():
            return HTMLResponse(page.read_text(encoding="utf-8"))
        return HTMLResponse(NOT_BUILT)

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        """Swagger UI from the vendored files (``make web``): the docs page must not reach for a CDN."""
        from fastapi.openapi.docs import get_swagger_ui_html

        vendor = "/static/vendor"
        return get_swagger_ui_html(openapi_url="/openapi.json", title="Rasd API",
                                   swagger_js_url=f"{vendor}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{vendor}/swagger-ui.css", swagger_favicon_url=f"{vendor}/none")

    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

    return app
