"""robots.txt rules per site, fetched once an hour (RFC 9309 on failures).

A missing robots.txt (any 4xx) allows everything; an unreachable one (5xx, network error) disallows
everything until it is fetched again, as the RFC asks, so an overloaded site is left alone.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

ROBOTS_TTL = 3600.0
UNREACHABLE_TTL = 300.0
MAX_ROBOTS_BYTES = 512 * 1024
AGENT_TOKEN = "Rasd"

#: (url) -> (status, body) or raises OSError-like exceptions for network failures
RobotsGetter = Callable[[str], Awaitable[tuple[int, bytes]]]


@dataclass(slots=True)
class _Rules:
    parser: RobotFileParser | None  # None: allow all
    deny_all: bool
    expires: float


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class RobotsCache:
    """``allowed(url)`` and ``crawl_delay(url)`` per origin, fetching robots.txt through ``get``."""

    def __init__(self, get: RobotsGetter) -> None:
        self._get = get
        self._rules: dict[str, _Rules] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def _load(self, site: str) -> _Rules:
        rules = self._rules.get(site)
        if rules is not None and rules.expires > time.monotonic():
            return rules
        async with self._locks.setdefault(site, asyncio.Lock()):  # one fetch per site, however many ask
            rules = self._rules.get(site)
            if rules is not None and rules.expires > time.monotonic():
                return rules
            return await self._fetch(site)

    async def _fetch(self, site: str) -> _Rules:
        try:
            status, body = await self._get(f"{site}/robots.txt")
        except Exception:  # noqa: BLE001 - any failure to reach the site: disallow for a while
            status, body = 599, b""
        now = time.monotonic()
        if 200 <= status < 300:
            parser = RobotFileParser()
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
            rules = _Rules(parser, False, now + ROBOTS_TTL)
        elif 400 <= status < 500:
            rules = _Rules(None, False, now + ROBOTS_TTL)
        else:
            rules = _Rules(None, True, now + UNREACHABLE_TTL)
        self._rules[site] = rules
        return rules

    async def allowed(self, url: str) -> bool:
        rules = await self._load(origin(url))
        if rules.deny_all:
            return False
        return rules.parser is None or rules.parser.can_fetch(AGENT_TOKEN, url)

    def crawl_delay(self, url: str) -> float | None:
        rules = self._rules.get(origin(url))
        if rules is None or rules.parser is None:
            return None
        delay = rules.parser.crawl_delay(AGENT_TOKEN)
        return float(delay) if delay is not None else None
