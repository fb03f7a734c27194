"""What to watch: feed and section-page URLs, and folders, from the command line or a list file.

A list file has one source a line: ``URL-or-folder | outlet name | language``, the last two optional;
blank lines and lines starting with ``#`` are skipped. Whether a URL is a feed or a section page is found
from what it returns on the first poll, and remembered.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


class SourceError(ValueError):
    """A source that cannot be watched (one line, naming it)."""


@dataclass(slots=True, frozen=True)
class Source:
    url: str  # a URL, or a folder's absolute path
    kind: str  # 'url' (feed or page, decided on the first poll), 'feed', 'page' or 'folder'
    outlet: str | None = None
    language: str | None = None


def parse_source(text: str, outlet: str | None = None, language: str | None = None) -> Source:
    """One source from a URL or a folder path."""
    value = text.strip()
    parts = urlsplit(value)
    if parts.scheme in ("http", "https"):
        if not parts.netloc:
            raise SourceError(f"{value}: a URL needs a host")
        return Source(value, "url", outlet or None, language or None)
    if parts.scheme and len(parts.scheme) > 1:  # a Windows drive letter is not a scheme
        raise SourceError(f"{value}: only http(s) URLs and folders can be watched")
    path = Path(value).expanduser()
    if not path.is_dir():
        raise SourceError(f"{value}: no such folder (a source is a feed or page URL, or a folder)")
    return Source(os.path.abspath(path), "folder", outlet or None, language or None)


def read_source_list(path: str) -> list[Source]:
    """The sources of a list file; raise :class:`SourceError` naming the file and line."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as e:
        raise SourceError(f"{path}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not UTF-8 text") from None
    out = []
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        if len(fields) > 3:
            raise SourceError(f"{path}:{n}: expected 'URL | outlet | language', got {len(fields)} fields")
        language = fields[2] if len(fields) > 2 else None
        if language and not (2 <= len(language) <= 8 and language.replace("-", "").isalpha()):
            raise SourceError(f"{path}:{n}: {language!r} is not a language code (e.g. ar)")
        try:
            out.append(parse_source(fields[0], fields[1] if len(fields) > 1 else None, language))
        except SourceError as e:
            raise SourceError(f"{path}:{n}: {e}") from None
    return out


def gather_sources(args: list[str] | tuple[str, ...], list_file: str | None) -> list[Source]:
    """Sources from the command line and the list file, each once (the first mention wins)."""
    sources = [parse_source(a) for a in args]
    if list_file:
        sources += read_source_list(list_file)
    unique: dict[str, Source] = {}
    for s in sources:
        unique.setdefault(s.url, s)
    if not unique:
        raise SourceError("no sources to watch (give URLs or folders, or --sources FILE)")
    return list(unique.values())
