"""What every route shares: the JSON error shape and its handlers, the JSON response class, the server's
state (the database, the write lock, the key) and the dependencies that hand it to a route.

The server holds no connection between requests: each request opens the file read-only for its own
work and closes it (:class:`rasd.store.connection.Database`), so the CLI, other DuckDB clients and the
server share the file; readers see the last committed state, never a half-done rebuild. Writes are
serialised by a lock and each is one transaction.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any

import orjson
from fastapi import Depends, FastAPI, Query, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from starlette.exceptions import HTTPException

from rasd.aggregate import query
from rasd.aggregate.filters import EventFilters, FilterError
from rasd.serve.headers import security_headers

MAX_BODY_BYTES = 20_000_000


class ApiError(Exception):
    """A request that is refused: answered as ``{"error": {"status", "message"}}``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class JSONUnicode(JSONResponse):
    """UTF-8 JSON with Arabic as is (not \\u-escaped)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, default=str)


@dataclass
class ServerState:
    """The database every request opens briefly, the write lock, and the key settings."""

    db: Any  # rasd.store.connection.Database
    db_path: str
    api_key: str | None
    require_key: bool
    tiles_origin: str | None = None
    write_lock: threading.Lock = field(default_factory=threading.Lock)


def state_of(request: Request) -> ServerState:
    return request.app.state.rasd


def error_response(status: int, message: str) -> JSONUnicode:
    return JSONUnicode({"error": {"status": status, "message": message}}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    errs = exc.errors()
    if not errs:
        return "invalid request"
    e = errs[0]
    where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
    msg = str(e.get("msg", "invalid value"))
    return f"{where}: {msg}" if where else msg


def install_error_handlers(app: FastAPI) -> None:
    """Errors are always JSON, never a stack trace."""

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONUnicode:
        return error_response(exc.status, exc.message)

    @app.exception_handler(FilterError)
    async def _filter_error(_: Request, exc: FilterError) -> JSONUnicode:
        return error_response(422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONUnicode:
        return error_response(422, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def _http(_: Request, exc: HTTPException) -> JSONUnicode:
        return error_response(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONUnicode:
        # answered outside the middleware (Starlette's server-error layer): the headers are added here
        response = error_response(500, f"internal error: {type(exc).__name__}")
        response.headers.update(security_headers())
        return response


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes whatever the transfer encoding.

    A declared Content-Length over the limit is refused before anything is read; a chunked body (no
    length) is counted as it arrives and refused at the first byte past the limit, so a client cannot
    make the server buffer more than ``limit`` bytes.
    """

    def __init__(self, app: Any, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    def _too_large(self) -> ApiError:
        return ApiError(413, f"request body larger than {self.limit:,} bytes")

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _send_error(send, self._too_large())
            return
        received = 0
        started = False

        async def counted_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise self._too_large()  # answered by the ApiError handler (or below)
            return message

        async def tracked_send(message: dict) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except ApiError as e:
            if started:
                raise
            await _send_error(send, e)


async def _send_error(send: Any, e: ApiError) -> None:
    response = error_response(e.status, e.message)
    await send({"type": "http.response.start", "status": response.status_code,
                "headers": [*response.raw_headers, (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": response.body})


# -- dependencies --------------------------------------------------------------------------------------
def check_key(state: ServerState, given: str | None) -> None:
    """Refuse unless ``given`` is the configured key (compared in constant time).

    HTTP header values arrive as bytes that Starlette decodes as latin-1; encoding them back gives the
    bytes the client sent, which are compared with the key's UTF-8 bytes, so a non-ASCII key matches a
    client that sends it as UTF-8.
    """
    if state.api_key is None:
        raise ApiError(403, "no API key is configured on the server (set RASD_API_KEY)")
    if not given:
        raise ApiError(401, "missing X-API-Key header")
    if not secrets.compare_digest(given.encode("latin-1"), state.api_key.encode("utf-8", "surrogateescape")):
        raise ApiError(401, "wrong API key")


#: Declared in the OpenAPI document, so Swagger's "Authorize" sends it with every request it makes.
API_KEY = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="ApiKey",
                       description="The server's RASD_API_KEY: needed for writes (POST /articles), and for "
                                   "reads when the server runs with --require-key.")
Key = Annotated[str | None, Security(API_KEY)]


def read_access(request: Request, key: Key = None) -> None:
    state = state_of(request)
    if state.require_key:
        check_key(state, key)


def write_access(request: Request, key: Key = None) -> None:
    check_key(state_of(request), key)


def cursor(request: Request) -> Iterator[Any]:
    """A read-only connection for this request only (waits, with backoff, while another process writes)."""
    from rasd.store.connection import DatabaseBusy

    try:
        with state_of(request).db.read() as con:
            yield con
    except DatabaseBusy as e:
        raise ApiError(503, str(e)) from None


def filters(kind: Annotated[list[str] | None, Query(description="event kind (repeatable)")] = None,
            actor: Annotated[str | None, Query(max_length=200, description="actor id or name substring")] = None,
            place: Annotated[str | None, Query(max_length=200, description="GeoNames id, or (part of) any name "
                                               "of the place, its admin2, admin1 or country")] = None,
            country: Annotated[str | None, Query(max_length=200, description="ISO code or any name")] = None,
            admin1: Annotated[str | None, Query(max_length=200, description="any name of the admin1 area")] = None,
            admin2: Annotated[str | None, Query(max_length=200, description="any name of the admin2 area")] = None,
            since: Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD")] = None,
            until: Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD")] = None,
            outlet: Annotated[list[str] | None, Query(description="outlet (repeatable)")] = None,
            contested: bool | None = None,
            grade: Annotated[list[str] | None, Query(description="grade (repeatable)")] = None,
            include_negated: Annotated[bool, Query(description="also events every report says did not "
                                                               "happen")] = False,
            q: Annotated[str | None, Query(max_length=200)] = None,
            min_confidence: Annotated[float | None, Query(ge=0, le=1, description=(
                "only events whose confidence (0-1: the highest of their reports') is at least this; events "
                "without a confidence are left out"))] = None) -> EventFilters:
    return EventFilters.parse(kinds=kind, actor=actor, place=place, since=since, until=until, outlets=outlet,
                              contested=contested, q=q, country=country, admin1=admin1, admin2=admin2,
                              grades=grade, include_negated=include_negated, min_confidence=min_confidence)


Cur = Annotated[Any, Depends(cursor)]
Filt = Annotated[EventFilters, Depends(filters)]
Limit = Annotated[int, Query(ge=0, le=query.MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=10**12)]
READ = [Depends(read_access)]
WRITE = [Depends(write_access)]
