"""A raw input record, before cleaning: what a reader found, as found."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class RawArticle:
    text: str
    path: str  # the file it came from ("<stdin>" for standard input)
    line: int | None = None  # record number inside the file: JSONL/CSV line, feed item
    id: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    html: str | None = None
    plain: bool = False  # a plain-text file: its first line may be the title

    @property
    def source(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"
