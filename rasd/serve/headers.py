"""Security headers on every response: a Content-Security-Policy, no framing, no sniffing, no referrer.

The dashboard loads everything from this server (scripts, styles, the vendored basemap), so the policy
allows only ``'self'``; images also ``data:`` (Leaflet's icons) and, when ``rasd serve --tiles-origin``
names one, that tile server. ``frame-ancestors 'none'`` (and X-Frame-Options for older browsers) keeps the
page out of other sites' frames. ``/docs`` runs one inline script (Swagger UI's set-up), allowed by its
hash, not by ``'unsafe-inline'``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def content_security_policy(tiles_origin: str | None = None, script_hashes: tuple[str, ...] = ()) -> str:
    """The policy; ``script_hashes`` are the sha256 sources of inline scripts the page may run."""
    scripts = " ".join(["'self'", *(f"'{h}'" for h in script_hashes)])
    images = " ".join(["'self'", "data:", *([tiles_origin] if tiles_origin else [])])
    return (f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src {images}; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            "frame-src 'none'; frame-ancestors 'none'")


def inline_script_hashes(html: str) -> tuple[str, ...]:
    """``sha256-…`` sources for the inline scripts of ``html`` (for a policy that allows exactly them)."""
    return tuple("sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii")
                 for s in _INLINE_SCRIPT.findall(html))


def security_headers(tiles_origin: str | None = None) -> dict[str, str]:
    return {
        "content-security-policy": content_security_policy(tiles_origin),
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
    }


class SecurityHeaders:
    """Adds the headers to every HTTP response; a route that sets its own policy keeps it."""

    def __init__(self, app: Any, tiles_origin: str | None = None) -> None:
        self.app = app
        self.headers = [(k.encode("ascii"), v.encode("ascii")) for k, v in security_headers(tiles_origin).items()]

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in self.headers if h[0] not in have)]
            await send(message)

        await self.app(scope, receive, with_headers)
