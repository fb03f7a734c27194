"""Decoding Arabic text files: UTF-16 when its BOM or its byte pattern says so, else UTF-8 (with or
without BOM), then Windows-1256.

Windows-1256 decodes almost any byte string, so it is tried only after strict UTF-8 fails; a text that is
neither is rejected rather than turned into mojibake. UTF-16 (what Windows tools call "Unicode") is full
of NUL bytes, so it is recognised before the binary check would refuse it.
"""

from __future__ import annotations

import codecs
import io
import re
from typing import BinaryIO

BINARY_SNIFF = 8192

_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(head: bytes) -> bool:
    """A NUL byte, or many control bytes, in the first block means this is not a text file."""
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(8, len(head) // 100)


def sniff_utf16(head: bytes) -> str | None:
    """The UTF-16 codec for a stream that starts with ``head``, or None when it is not UTF-16.

    A BOM decides; without one, ASCII characters (spaces, digits, punctuation) put their NUL byte on one
    side of every pair (odd offsets little-endian, even ones big-endian) and the pairs decode to text.
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" not in head:
        return None
    even_nuls, odd_nuls = head[0::2].count(0), head[1::2].count(0)
    if odd_nuls and not even_nuls:
        codec = "utf-16-le"
    elif even_nuls and not odd_nuls:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = codecs.getincrementaldecoder(codec)().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text if ord(c) in _CONTROL)
    return codec if text and controls <= max(8, len(text) // 100) else None


class Utf8Transcoder(io.RawIOBase):
    """A byte stream in ``codec`` read as UTF-8 bytes, so that line readers need not know the encoding."""

    def __init__(self, raw: BinaryIO, codec: str) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        self._pending = b""
        self._eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        while not self._pending and not self._eof:
            chunk = self._raw.read(1 << 16)
            self._eof = not chunk
            self._pending = self._decoder.decode(chunk, final=self._eof).encode("utf-8")
        n = min(len(b), len(self._pending))
        b[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with surrogate code points made valid: a high-low pair becomes its character, a lone
    one U+FFFD. They come from escapes (``\\ud83d``, ``&#xD800;``) and cannot be written as UTF-8."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding used). Raises UnicodeDecodeError when nothing fits."""
    if encoding:
        return data.decode(encoding), encoding
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1256"), "cp1256"


def sniff_encoding(head: bytes) -> str:
    """Pick the encoding of a stream from its first block (a cut multi-byte character at the end is fine)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1256"
