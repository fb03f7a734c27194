"""Turn input paths into raw article records, streaming, one problem at a time.

Readers yield either a :class:`RawArticle` or an :class:`InputRejected`; a bad file or line never stops
the others: whatever a parser raises (feedparser, trafilatura, csv, json, a codec) becomes the one-line
problem of that file or record. Corpora (JSONL, CSV) are streamed line by line with a cap on line length, so a file of
several GB is never held in memory; single-document formats (text, HTML, feeds) are capped in size.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import orjson

from rasd.ingest.dates import normalize_published
from rasd.ingest.encoding import (
    BINARY_SNIFF,
    Utf8Transcoder,
    decode,
    looks_binary,
    sniff_encoding,
    sniff_utf16,
)
from rasd.ingest.errors import InputRejected
from rasd.ingest.record import RawArticle

#: The largest single document (text/HTML/feed file) read whole.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
#: The longest JSONL/CSV record.
MAX_RECORD_BYTES = 20 * 1024 * 1024

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
CSV_EXT = {".csv"}
FEED_EXT = {".rss", ".atom", ".xml"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT | CSV_EXT | FEED_EXT

Item = RawArticle | InputRejected
ProgressFn = Callable[[int], None]


class _CountingReader(io.RawIOBase):
    """Reports bytes read from the underlying file, so progress is measured on disk (also for .gz)."""

    def __init__(self, raw: BinaryIO, on_bytes: ProgressFn | None) -> None:
        self._raw = raw
        self._on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        n = self._raw.readinto(b)
        if n and self._on_bytes:
            self._on_bytes(n)
        return n or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


def input_size(paths: Iterable[str]) -> int:
    """Total bytes on disk of the inputs (for a progress bar); stdin counts as 0."""
    total = 0
    for p in paths:
        if p == "-":
            continue
        path = Path(p)
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(f.stat().st_size for f in _walk(path))
    return total


def _walk(root: Path) -> list[Path]:
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                files.append(Path(dirpath) / name)
    return files


def format_of(path: str) -> tuple[str | None, bool]:
    """(format, gzipped) from the file name: text, html, jsonl, csv, feed, or None when unknown."""
    name = path.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    for fmt, exts in (("text", TEXT_EXT), ("html", HTML_EXT), ("jsonl", JSONL_EXT), ("csv", CSV_EXT),
                      ("feed", FEED_EXT)):
        if ext in exts:
            return fmt, gz
    return None, gz


def read_inputs(paths: Iterable[str], on_bytes: ProgressFn | None = None) -> Iterator[Item]:
    """All records of all inputs, in order: files as given, directories walked recursively and sorted."""
    for p in paths:
        if p == "-":
            yield from _read_stdin(on_bytes)
            continue
        path = Path(p)
        if path.is_dir():
            for f in _walk(path):
                fmt, _ = format_of(str(f))
                if fmt is None:
                    continue  # other files in a corpus folder (README, licences) are not articles
                yield from read_file(str(f), on_bytes)
        else:
            yield from read_file(p, on_bytes)


def read_file(path: str, on_bytes: ProgressFn | None = None) -> Iterator[Item]:
    fmt, gz = format_of(path)
    if not os.path.lexists(path):
        yield InputRejected(path, "no such file or directory")
        return
    if fmt is None:
        yield InputRejected(path, "unknown format (expected .txt, .html, .jsonl[.gz], .csv, .rss/.atom/.xml)")
        return
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as e:
        yield InputRejected(path, f"cannot read: {e.strerror or e}")
        return
    try:
        stream: BinaryIO = io.BufferedReader(_CountingReader(raw, on_bytes), 1 << 16)  # type: ignore[arg-type]
        if gz:
            stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
        yield from _read_stream(stream, path, fmt)
    except (OSError, EOFError, zlib.error) as e:
        yield InputRejected(path, f"cannot read: {e}")
    except Exception as e:  # noqa: BLE001 - a parser's bug or limit must not stop the run
        yield InputRejected(path, f"cannot read: {one_line(e)}")
    finally:
        raw.close()


def one_line(e: BaseException, limit: int = 200) -> str:
    """An exception as a short single line: its type and the first line of its message."""
    msg = str(e).strip().splitlines()[0][:limit] if str(e).strip() else ""
    return f"{type(e).__name__}: {msg}" if msg else type(e).__name__


def _read_stdin(on_bytes: ProgressFn | None) -> Iterator[Item]:
    stream = sys.stdin.buffer
    head = stream.peek(BINARY_SNIFF)[:BINARY_SNIFF] if hasattr(stream, "peek") else b""
    start = head.lstrip()[:1]
    if start == b"{":
        fmt = "jsonl"
    elif start == b"<":
        low = head[:2048].lower()
        fmt = "feed" if (b"<rss" in low or b"<feed" in low or b"<rdf" in low) else "html"
    else:
        fmt = "text"
    try:
        yield from _read_stream(stream, "<stdin>", fmt)
    except Exception as e:  # noqa: BLE001 - as for files: one line, the run goes on
        yield InputRejected("<stdin>", f"cannot read: {one_line(e)}")


def _read_stream(stream: BinaryIO, path: str, fmt: str) -> Iterator[Item]:
    if fmt in ("jsonl", "csv"):
        head = stream.peek(BINARY_SNIFF)[:BINARY_SNIFF] if hasattr(stream, "peek") else b""
        utf16 = sniff_utf16(head)
        if utf16:
            stream = io.BufferedReader(Utf8Transcoder(stream, utf16), 1 << 16)  # type: ignore[arg-type]
            head = stream.peek(BINARY_SNIFF)[:BINARY_SNIFF]
        elif looks_binary(head):
            yield InputRejected(path, "binary file, not text")
            return
        reader = _read_jsonl if fmt == "jsonl" else _read_csv
        yield from reader(stream, path, sniff_encoding(head))
        return
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        yield InputRejected(
            path, f"too large for one document (over {MAX_DOCUMENT_BYTES // 2**20} MB); "
            "put corpora in JSONL or CSV, one article per line")
        return
    utf16 = sniff_utf16(data[:BINARY_SNIFF])
    text: str | None = data.decode(utf16, errors="replace") if utf16 else None
    if text is None and looks_binary(data[:BINARY_SNIFF]):
        yield InputRejected(path, "binary file, not text")
        return
    if fmt == "feed":
        from rasd.ingest.feed import read_feed

        yield from read_feed(data if text is None else text, path)
        return
    if fmt == "html":
        from rasd.ingest.html_page import decode_html, html_to_article

        art = html_to_article(decode_html(data) if text is None else text, path)
        yield art if art is not None else InputRejected(path, "no main text found in the HTML page")
        return
    if text is None:
        try:
            text, _ = decode(data)
        except UnicodeDecodeError:
            yield InputRejected(path, "cannot decode text (not UTF-8, UTF-16 or Windows-1256)")
            return
    yield RawArticle(text=text, path=path, plain=True)


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) with over-long lines reported as None and skipped without loading them."""
    n = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield n, None
            continue
        yield n, line


def _record(obj: dict, path: str, line: int) -> RawArticle | str:
    """A corpus record (FORMAT.md input shape) as a RawArticle, or the problem with it."""
    text = obj.get("text")
    html = obj.get("html")
    if text is not None and not isinstance(text, str):
        return "'text' is not a string"
    if html is not None and not isinstance(html, str):
        return "'html' is not a string"
    if not text and html:
        from rasd.ingest.html_page import html_to_article

        page = html_to_article(html, path, url=obj.get("url") or None)
        if page is None:
            return "no main text found in 'html'"
        text = page.text
        found = {"title": page.title, "published": page.published, "outlet": page.outlet}
        obj = {**obj, **{k: v for k, v in found.items() if v and not obj.get(k)}}
    if not text or not text.strip():
        return "empty text"
    rid = obj.get("id")
    return RawArticle(
        text=text,
        path=path,
        line=line,
        id=str(rid) if rid not in (None, "") else None,
        title=_str_or_none(obj.get("title")),
        published=normalize_published(obj.get("published")),
        outlet=_str_or_none(obj.get("outlet")),
        url=_str_or_none(obj.get("url")),
    )


def _str_or_none(v: object) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _checked_record(obj: dict, path: str, line: int) -> Item:
    """:func:`_record`, with whatever it raises (trafilatura on a record's HTML) as that record's problem."""
    try:
        rec = _record(obj, path, line)
    except Exception as e:  # noqa: BLE001 - one bad record must not end the file
        return InputRejected(path, f"cannot read the record: {one_line(e)}", line)
    return InputRejected(path, rec, line) if isinstance(rec, str) else rec


def _read_jsonl(stream: BinaryIO, path: str, encoding: str) -> Iterator[Item]:
    records = 0
    for n, line in _lines(stream, MAX_RECORD_BYTES):
        if line is None:
            records += 1
            yield InputRejected(path, f"line longer than {MAX_RECORD_BYTES // 2**20} MB", n)
            continue
        if n == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        records += 1
        try:
            if encoding == "cp1256":
                line = line.decode("cp1256").encode("utf-8")
            obj = orjson.loads(line)
        except (orjson.JSONDecodeError, UnicodeDecodeError) as e:
            yield InputRejected(path, f"invalid JSON ({str(e).split(':')[0]})", n)
            continue
        if not isinstance(obj, dict):
            yield InputRejected(path, "a JSON line must be an object with 'id' and 'text'", n)
            continue
        yield _checked_record(obj, path, n)
    if not records:
        yield InputRejected(path, "empty file: no JSON lines")


def _read_csv(stream: BinaryIO, path: str, encoding: str) -> Iterator[Item]:
    csv.field_size_limit(MAX_RECORD_BYTES)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="", errors="strict")
    reader = csv.DictReader(text)
    try:
        fields = reader.fieldnames
    except (csv.Error, UnicodeDecodeError) as e:
        yield InputRejected(path, f"invalid CSV header ({e})")
        return
    if not fields:
        yield InputRejected(path, "empty file: no CSV header row")
        return
    if "text" not in fields and "html" not in fields:
        yield InputRejected(path, "CSV needs a header row with a 'text' (or 'html') column")
        return
    rows = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            if not rows:
                yield InputRejected(path, "CSV has a header row but no records")
            return
        except (csv.Error, UnicodeDecodeError) as e:
            yield InputRejected(path, f"invalid CSV ({e})", reader.line_num)
            return
        rows += 1
        if None in row:
            yield InputRejected(path, "more fields than the header", reader.line_num)
            continue
        yield _checked_record(row, path, reader.line_num)
