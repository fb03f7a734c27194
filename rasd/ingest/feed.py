"""RSS and Atom feed files: one article per item."""

from __future__ import annotations

from collections.abc import Iterator
from time import strftime

from rasd.ingest.errors import InputRejected
from rasd.ingest.html_page import fragment_to_text
from rasd.ingest.record import RawArticle


def read_feed(data: bytes, path: str) -> Iterator[RawArticle | InputRejected]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.bozo:
            yield InputRejected(path, f"not a valid RSS/Atom feed ({parsed.bozo_exception})")
        else:
            yield InputRejected(path, "feed has no items")
        return
    outlet = parsed.feed.get("title") or None
    for i, entry in enumerate(parsed.entries, 1):
        body = ""
        if entry.get("content"):
            body = max((c.get("value", "") for c in entry.content), key=len)
        if len(entry.get("summary", "")) > len(body):
            body = entry.summary
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        yield RawArticle(
            text=fragment_to_text(body),
            path=path,
            line=i,
            id=entry.get("id") or entry.get("link") or None,
            title=entry.get("title") or None,
            published=strftime("%Y-%m-%d", stamp) if stamp else None,
            outlet=outlet,
            url=entry.get("link") or None,
        )
