"""Decoding Arabic text files: UTF-8 (with or without BOM) first, then Windows-1256.

Windows-1256 decodes almost any byte string, so it is tried only after strict UTF-8 fails; a text that is
neither is rejected rather than turned into mojibake.
"""

from __future__ import annotations

import codecs

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
