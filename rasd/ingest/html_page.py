"""Main text and metadata of an HTML page (trafilatura), with the date checked by us.

trafilatura's extensive date search can return a footer's copyright year as the publication date, so
only structured metadata (meta tags, JSON-LD, <time>) is trusted here.
"""

from __future__ import annotations

import re

from rasd.ingest.dates import normalize_published
from rasd.ingest.record import RawArticle

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def decode_html(data: bytes) -> str:
    """Decode with the page's declared charset, else UTF-8, else Windows-1256."""
    m = _META_CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1256")


def html_to_article(html: str, path: str, url: str | None = None) -> RawArticle | None:
    """Extract one article from a page; None when the page has no main text."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    return RawArticle(
        text=doc.text,
        path=path,
        title=doc.title or None,
        published=normalize_published(doc.date),
        outlet=doc.sitename or doc.hostname or None,
        url=url or doc.url or None,
    )


def fragment_to_text(fragment: str) -> str:
    """Text of a small HTML fragment (a feed item's summary), paragraphs on their own lines."""
    if "<" not in fragment:
        return fragment
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - malformed markup: fall back to stripping tags
        return re.sub(r"<[^>]+>", " ", fragment)
    for el in root.iter("br", "p", "div", "li", "h1", "h2", "h3", "h4"):
        el.tail = "\n" + (el.tail or "")
    return root.text_content()
