"""What a source lists: the items of a feed, the article links of a section page, the new files of a folder.

Feeds are read by the reader ``rasd run`` uses for feed files (:mod:`rasd.ingest.feed`); an item's key is
its link (fragment dropped), else the feed's guid qualified by the feed URL, so two outlets' numeric guids
never collide and the same article listed by two feeds is fetched once.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from rasd.ingest.errors import InputRejected
from rasd.ingest.readers import _walk, format_of

#: Files modified this recently may still be being written: they are picked up by a later poll.
SETTLE_SECONDS = 1.0
_NOT_ARTICLES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".css", ".js", ".xml", ".rss",
                 ".json", ".mp3", ".mp4", ".zip", ".ico")


class NotASource(ValueError):
    """The body is neither a feed nor an HTML page (or not the kind this source is)."""


@dataclass(slots=True)
class Item:
    """One thing a source lists, before its page is fetched."""

    key: str
    url: str | None
    title: str | None = None
    published: str | None = None
    summary: str = ""  # the feed's own text for it (used when the page cannot be had)
    outlet: str | None = None


def sniff(body: bytes, content_type: str) -> str | None:
    """'feed', 'page' or None, from the first bytes and the declared type."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    ctype = content_type.lower()
    if head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed") \
            or head.startswith(b"<rdf") or "rss" in ctype or "atom" in ctype:
        return "page" if b"<html" in head and b"<rss" not in head and b"<feed" not in head else "feed"
    if "html" in ctype or head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        return "page"
    return None


def item_key(link: str | None, guid: str | None, feed_url: str, title: str | None = None, text: str = "") -> str:
    """The link; else the guid, qualified by the feed; else a hash of the item's title and text."""
    if link:
        return urldefrag(link)[0]
    if guid:
        return f"{feed_url}#{guid}"
    import hashlib

    return f"{feed_url}#sha1:{hashlib.sha1(f'{title}|{text}'.encode()).hexdigest()[:16]}"


def feed_items(body: bytes, feed_url: str) -> tuple[str | None, list[Item]]:
    """(the feed's title, its items in feed order); raise :class:`NotASource` for a broken feed."""
    from rasd.ingest.feed import read_feed

    items: list[Item] = []
    title = None
    for rec in read_feed(body, feed_url):
        if isinstance(rec, InputRejected):
            if "no items" in rec.problem:
                return None, []
            raise NotASource(rec.problem)
        link = urljoin(feed_url, rec.url) if rec.url else None
        guid = rec.id if rec.id != rec.url else None
        summary = (rec.text or "").strip()
        title = title or rec.outlet
        if not (link or guid or rec.title or summary):
            continue  # an empty item (a truncated feed): nothing to read
        items.append(Item(key=item_key(link, guid, feed_url, rec.title, summary), url=link, title=rec.title,
                          published=rec.published, summary=summary, outlet=rec.outlet))
    return title, items


def _same_site(a: str, b: str) -> bool:
    strip = lambda h: h.lower().removeprefix("www.")  # noqa: E731
    return strip(urlsplit(a).netloc) == strip(urlsplit(b).netloc)


def _looks_like_article(path: str, section_path: str) -> bool:
    """An article link is deeper than a navigation link: a number (id, date) or a long slug in its path."""
    if path.rstrip("/") in ("", section_path.rstrip("/")) or path.lower().endswith(_NOT_ARTICLES):
        return False
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    last = segments[-1]
    has_number = any(sum(ch.isdigit() for ch in s) >= 3 for s in segments)
    long_slug = len(last) >= 24 or last.count("-") >= 3
    return has_number or long_slug


def page_links(body: bytes, page_url: str) -> list[Item]:
    """Article links of a news section page, in page order, on the page's own site."""
    from lxml import html as lxml_html

    from rasd.ingest.html_page import decode_html

    try:
        root = lxml_html.document_fromstring(decode_html(body))
    except Exception as e:  # noqa: BLE001 - lxml raises several types for unusable markup
        raise NotASource(f"not an HTML page ({type(e).__name__})") from None
    section = urlsplit(page_url).path
    seen: set[str] = set()
    items: list[Item] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        url = urldefrag(urljoin(page_url, href))[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not _same_site(url, page_url) or url in seen:
            continue
        if not _looks_like_article(parts.path, section):
            continue
        seen.add(url)
        text = " ".join((a.text_content() or "").split())
        items.append(Item(key=url, url=url, title=text or None))
    return items


def folder_files(folder: str) -> list[tuple[str, str]]:
    """(key, path) of the readable files of a folder; the key changes when a file does."""
    root = Path(folder)
    if not root.is_dir():
        raise NotASource("no such folder")
    out = []
    now = time.time()
    for f in _walk(root):
        if format_of(str(f))[0] is None:
            continue
        try:
            st = f.stat()
        except OSError:
            continue
        if now - st.st_mtime < SETTLE_SECONDS:
            continue
        path = os.path.abspath(f)
        out.append((f"file:{path}:{st.st_size}:{st.st_mtime_ns}", path))
    return out
