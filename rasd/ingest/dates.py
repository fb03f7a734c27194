"""Publication dates as given by inputs (ISO, RFC 822, day-first numeric) reduced to ``YYYY-MM-DD``."""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def normalize_published(value: object) -> str | None:
    """Return ``YYYY-MM-DD`` or None when the value is missing or not a date we can trust."""
    if value is None:
        return None
    s = str(value).strip().translate(_DIGITS)
    if not s:
        return None
    m = _ISO.match(s)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY.match(s)
    if m:
        return _valid(int(m[3]), int(m[2]), int(m[1]))
    t = parsedate(s)
    if t:
        return _valid(t[0], t[1], t[2])
    return None


_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
