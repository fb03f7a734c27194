"""RSS and Atom feed files: one article per item.

Numeric character references that name no character (``&#xD800;``, ``&#x110000;``, a reference thousands
of digits long) make feedparser raise, which would lose the whole feed: they are replaced by U+FFFD before
parsing, and a surrogate pair written as two references (``&#xD83D;&#xDE00;``) becomes its character.
Anything else feedparser raises is the feed's one-line problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from time import strftime
from typing import AnyStr

from rasd.ingest.errors import InputRejected
from rasd.ingest.html_page import fragment_to_text
from rasd.ingest.record import RawArticle

_REF = r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));"
_REF_STR = re.compile(_REF)
_REF_BYTES = re.compile(_REF.encode())


def _code(m: re.Match) -> int:
    """The code point a reference names; -1 when it is too long to name one (never converted)."""
    hex_digits, dec_digits = m.group(1), m.group(2)
    digits = hex_digits if hex_digits is not None else dec_digits
    if len(digits.lstrip(b"0" if isinstance(digits, bytes) else "0")) > 7:
        return -1
    return int(digits, 16) if hex_digits is not None else int(digits)


def repair_char_refs(data: AnyStr) -> AnyStr:
    """``data`` with every numeric character reference that names no character replaced (see module)."""
    is_bytes = isinstance(data, bytes)
    if (b"&#" if is_bytes else "&#") not in data:
        return data
    pieces: list[str] = []
    pos = 0
    matches = list((_REF_BYTES if is_bytes else _REF_STR).finditer(data))
    i = 0
    while i < len(matches):
        m = matches[i]
        code = _code(m)
        if 0 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
            i += 1
            continue  # a valid reference stays as written
        replacement = 0xFFFD
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        if 0xD800 <= code <= 0xDBFF and nxt is not None and nxt.start() == m.end() \
                and 0xDC00 <= (low := _code(nxt)) <= 0xDFFF:  # a surrogate pair: one character
            replacement = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            end = nxt.end()
            i += 2
        else:
            end = m.end()
            i += 1
        pieces.append(data[pos:m.start()] if not is_bytes else data[pos:m.start()].decode("latin-1"))
        pieces.append(f"&#x{replacement:X};")
        pos = end
    if not pieces:
        return data
    tail = data[pos:]
    if is_bytes:
        return "".join(pieces).encode("latin-1") + tail
    return "".join(pieces) + tail


def read_feed(data: bytes | str, path: str) -> Iterator[RawArticle | InputRejected]:
    import feedparser

    try:
        parsed = feedparser.parse(repair_char_refs(data))
    except Exception as e:  # noqa: BLE001 - feedparser's own failures are this file's problem
        yield InputRejected(path, f"cannot parse the feed ({type(e).__name__}: {str(e)[:160]})")
        return
    if not parsed.entries:
        if parsed.bozo:
            yield InputRejected(path, f"not a valid RSS/Atom feed ({parsed.bozo_exception})")
        else:
            yield InputRejected(path, "feed has no items")
        return
    outlet = parsed.feed.get("title") or None
    for i, entry in enumerate(parsed.entries, 1):
        try:
            yield _item(entry, path, i, outlet)
        except Exception as e:  # noqa: BLE001 - one odd item must not lose the others
            yield InputRejected(path, f"cannot read the item ({type(e).__name__}: {str(e)[:160]})", i)


def _item(entry, path: str, line: int, outlet: str | None) -> RawArticle:
    body = ""
    if entry.get("content"):
        body = max((c.get("value", "") for c in entry.content), key=len)
    if len(entry.get("summary", "")) > len(body):
        body = entry.summary
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return RawArticle(
        text=fragment_to_text(body),
        path=path,
        line=line,
        id=entry.get("id") or entry.get("link") or None,
        title=entry.get("title") or None,
        published=strftime("%Y-%m-%d", stamp) if stamp else None,
        outlet=outlet,
        url=entry.get("link") or None,
    )
