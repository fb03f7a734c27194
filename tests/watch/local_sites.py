"""Local web sites for the watcher's tests: a news site with a feed that can gain items, its article pages,
misbehaving URLs, and a webhook receiver. Real HTTP on 127.0.0.1 (http.server in a thread), no mocks.
"""

from __future__ import annotations

import hashlib
import html
import json
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Article:
    slug: str
    title: str
    text: str
    published: str  # YYYY-MM-DD

    def page(self) -> bytes:
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in self.text.split("\n") if p.strip())
        return (f"<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
                f"<title>{html.escape(self.title)}</title>"
                f"<meta property='article:published_time' content='{self.published}T10:00:00+00:00'>"
                f"<meta property='og:site_name' content='Local News'></head><body>"
                f"<nav><a href='/'>الرئيسية</a> <a href='/section/syria'>سوريا</a></nav>"
                f"<article><h1>{html.escape(self.title)}</h1>{paras}</article>"
                f"<footer>© Local News</footer></body></html>").encode()


@dataclass
class Site:
    """What the site serves and what it was asked."""

    articles: list[Article] = field(default_factory=list)
    in_feed: list[str] = field(default_factory=list)  # slugs listed by /feed.xml, newest last
    robots: str | None = None  # None: 404
    flaky_failures: int = 0  # /flaky.xml answers 500 this many times, then the feed
    slow_seconds: float = 0.0
    requests: list[tuple[str, str, int]] = field(default_factory=list)  # (method, path, status)
    agents: set[str] = field(default_factory=set)  # User-Agent headers seen
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def add(self, article: Article, listed: bool = True) -> None:
        with self.lock:
            self.articles.append(article)
            if listed:
                self.in_feed.append(article.slug)

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for _, p, _s in self.requests if p == path)

    def feed(self) -> bytes:
        by_slug = {a.slug: a for a in self.articles}
        items = []
        for slug in reversed(self.in_feed):  # newest first, as feeds are
            a = by_slug[slug]
            items.append(f"<item><title>{html.escape(a.title)}</title><link>{self.base}/news/{a.slug}</link>"
                         f"<guid>{self.base}/news/{a.slug}</guid><pubDate>{_rfc822(a.published)}</pubDate>"
                         f"<description>{html.escape(a.text[:300])}</description></item>")
        return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Local News</title>"
                f"<link>{self.base}/</link><description>test</description>{''.join(items)}</channel></rss>"
                ).encode()

    def section(self) -> bytes:
        links = "".join(f"<li><a href='/news/{slug}'>{html.escape(slug)}</a></li>" for slug in self.in_feed)
        return (f"<!doctype html><html><head><meta charset='utf-8'><title>Syria</title></head><body>"
                f"<nav><a href='/'>home</a> <a href='/section/iraq'>iraq</a> <a href='/about'>about</a></nav>"
                f"<ul>{links}</ul></body></html>").encode()


def _rfc822(day: str) -> str:
    return formatdate(time.mktime(time.strptime(day + " 10:00", "%Y-%m-%d %H:%M")), usegmt=True)


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
            with site.lock:
                site.requests.append((self.command, self.path, status))
                site.agents.add(self.headers.get("User-Agent", ""))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if body and self.command != "HEAD":
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            path = self.path.split("?")[0]
            if path == "/robots.txt":
                if site.robots is None:
                    return self._send(404, b"no robots here", "text/plain")
                return self._send(200, site.robots.encode(), "text/plain")
            if path in ("/feed.xml", "/flaky.xml"):
                if path == "/flaky.xml":
                    with site.lock:
                        fail = site.flaky_failures > 0
                        site.flaky_failures -= 1 if fail else 0
                    if fail:
                        return self._send(500, b"internal error", "text/plain")
                with site.lock:
                    body = site.feed()
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, headers={"ETag": etag})
                return self._send(200, body, "application/rss+xml; charset=utf-8", {"ETag": etag})
            if path == "/section/syria":
                with site.lock:
                    body = site.section()
                return self._send(200, body)
            if path.startswith("/news/"):
                slug = path[len("/news/"):]
                with site.lock:
                    found = next((a for a in site.articles if a.slug == slug), None)
                if found is None:
                    return self._send(404, b"not found")
                return self._send(200, found.page())
            if path == "/slow.xml":
                time.sleep(site.slow_seconds)
                return self._send(200, site.feed(), "application/rss+xml")
            if path == "/not-xml.xml":
                return self._send(200, b"this is not a feed, just some text", "text/plain")
            if path == "/huge.xml":
                return self._send(200, b"<?xml version='1.0'?><rss>" + b" " * 3_000_000 + b"</rss>",
                                  "application/rss+xml")
            if path == "/loop-a":
                return self._send(302, headers={"Location": "/loop-b"})
            if path == "/loop-b":
                return self._send(302, headers={"Location": "/loop-a"})
            return self._send(404, b"not found")

    return Handler


class Server:
    """A threaded HTTP server on 127.0.0.1 and a free port; use as a context manager."""

    def __init__(self, handler_class) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve_site(site: Site) -> Server:
    server = Server(_handler(site))
    site.base = server.base
    return server


@dataclass
class Receiver:
    """A webhook receiver: answers ``fail_first`` POSTs with 500, then 204; keeps every body it got."""

    fail_first: int = 0
    received: list[dict] = field(default_factory=list)  # accepted deliveries
    attempts: list[str] = field(default_factory=list)  # X-Rasd-Delivery of every POST, accepted or not
    lock: threading.Lock = field(default_factory=threading.Lock)


def serve_receiver(receiver: Receiver) -> Server:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with receiver.lock:
                receiver.attempts.append(self.headers.get("X-Rasd-Delivery", ""))
                fail = receiver.fail_first > 0
                if fail:
                    receiver.fail_first -= 1
                else:
                    receiver.received.append(json.loads(body))
            self.send_response(500 if fail else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Server(Handler)
