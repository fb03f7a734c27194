"""The polite HTTP client of the watcher (httpx, asyncio).

Every request names Rasd in its User-Agent, asks robots.txt first, waits its turn per host (a minimum
interval between requests and a cap on requests in flight), is bounded in time, size and redirects, and
is retried with exponential backoff when the failure may pass (timeouts, connection errors, 429, 5xx).
Feeds are fetched conditionally (ETag / Last-Modified), so an unchanged feed costs a 304.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from rasd import __version__
from rasd.watch.robots import MAX_ROBOTS_BYTES, RobotsCache

USER_AGENT = f"Rasd/{__version__} (conflict-event monitor; reads public news feeds; respects robots.txt)"
_REDIRECTS = {301, 302, 303, 307, 308}
_TRANSIENT = {408, 425, 429, 500, 502, 503, 504}
MAX_CRAWL_DELAY = 60.0
MAX_RETRY_AFTER = 60.0


class FetchError(Exception):
    """A URL that could not be had: ``transient`` when trying again later may work."""

    def __init__(self, url: str, message: str, transient: bool) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.message = message
        self.transient = transient


@dataclass(slots=True)
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    status: int  # 200 (or another 2xx), or 304 for an unchanged resource
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class FetchConfig:
    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds for one attempt, all of it (connect, headers, body)
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2  # further attempts after the first, for transient failures
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    per_host: int = 2  # requests in flight per host
    host_interval: float = 1.0  # seconds between the starts of two requests to one host
    max_connections: int = 32
    respect_robots: bool = True


@dataclass
class _Host:
    inflight: asyncio.Semaphore
    next_start: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Fetcher:
    """One per event loop; ``await get(url)``; ``await aclose()`` at the end."""

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = config or FetchConfig()
        c = self.config
        self._client = httpx.AsyncClient(
            headers={"User-Agent": c.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(c.timeout), follow_redirects=False,
            limits=httpx.Limits(max_connections=c.max_connections, max_keepalive_connections=c.max_connections),
            trust_env=False,
        )
        self._hosts: dict[str, _Host] = {}
        self.robots = RobotsCache(self._get_robots)
        self.requests = 0  # every request sent, robots.txt included (for the benchmark and tests)

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- pacing ---------------------------------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(asyncio.Semaphore(self.config.per_host))
        return host

    async def _wait_turn(self, url: str, host: _Host) -> None:
        interval = self.config.host_interval
        delay = self.robots.crawl_delay(url)
        if delay is not None:
            interval = max(interval, min(delay, MAX_CRAWL_DELAY))
        async with host.lock:
            now = time.monotonic()
            start = max(now, host.next_start)
            host.next_start = start + interval
        if start > now:
            await asyncio.sleep(start - now)

    # -- one request ----------------------------------------------------------------------------------
    async def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> tuple[httpx.Response, bytes]:
        """Wait for the host's turn (not timed), then one request, timed as a whole."""
        host = self._host(url)
        async with host.inflight:
            await self._wait_turn(url, host)
            self.requests += 1
            return await asyncio.wait_for(self._stream(url, headers, max_bytes), self.config.timeout)

    async def _stream(self, url: str, headers: dict[str, str], max_bytes: int) -> tuple[httpx.Response, bytes]:
        async with self._client.stream("GET", url, headers=headers) as resp:
            length = resp.headers.get("content-length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(url, f"larger than the limit of {max_bytes:,} bytes", transient=False)
            chunks, size = [], 0
            async for chunk in resp.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(url, f"larger than the limit of {max_bytes:,} bytes", transient=False)
                chunks.append(chunk)
            return resp, b"".join(chunks)

    async def _get_robots(self, url: str) -> tuple[int, bytes]:
        resp, body = await self._once(url, {}, MAX_ROBOTS_BYTES)
        return resp.status_code, body

    async def _attempt(self, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
        """One attempt, following at most ``max_redirects`` redirects (each hop asks robots.txt)."""
        seen = {url}
        current = url
        for _hop in range(self.config.max_redirects + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchError(url, f"not an http(s) URL: {current[:200]}", transient=False)
            if self.config.respect_robots and not await self.robots.allowed(current):
                raise FetchError(url, f"forbidden by robots.txt ({current[:200]})", transient=False)
            try:
                resp, body = await self._once(current, headers, max_bytes)
            except TimeoutError:
                raise FetchError(url, f"timed out after {self.config.timeout:g} s", transient=True) from None
            except httpx.HTTPError as e:
                raise FetchError(url, f"{type(e).__name__}: {str(e)[:200] or 'request failed'}",
                                 transient=True) from None
            status = resp.status_code
            if status in _REDIRECTS:
                location = resp.headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {status} without a Location", transient=False)
                nxt = urljoin(current, location)
                if nxt in seen:
                    raise FetchError(url, f"redirect loop ({nxt[:200]})", transient=False)
                seen.add(nxt)
                current = nxt
                continue
            if status == 304:
                return Fetched(url, current, 304, etag=resp.headers.get("etag"),
                               last_modified=resp.headers.get("last-modified"))
            if 200 <= status < 300:
                return Fetched(url, current, status, body, resp.headers.get("content-type", ""),
                               resp.headers.get("etag"), resp.headers.get("last-modified"))
            err = FetchError(url, f"HTTP {status}", transient=status in _TRANSIENT)
            retry_after = resp.headers.get("retry-after", "")
            err.retry_after = float(retry_after) if retry_after.isdigit() else None  # type: ignore[attr-defined]
            raise err
        raise FetchError(url, f"more than {self.config.max_redirects} redirects", transient=False)

    # -- the public call ------------------------------------------------------------------------------
    async def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
                  max_bytes: int | None = None) -> Fetched:
        """GET ``url`` (conditionally when validators are given); raise :class:`FetchError`."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = max_bytes or self.config.max_bytes
        for attempt in range(self.config.retries + 1):
            try:
                return await self._attempt(url, headers, limit)
            except FetchError as e:
                if not e.transient or attempt == self.config.retries:
                    raise
                wait = self.config.backoff * (2 ** attempt) * (1 + random.random() / 4)
                retry_after = getattr(e, "retry_after", None)
                if retry_after is not None:
                    wait = max(wait, min(retry_after, MAX_RETRY_AFTER))
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")
