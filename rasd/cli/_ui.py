"""Terminal output shared by commands: errors on stderr, a progress bar with articles/s, summaries."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def report_problem(message: str) -> None:
    """One line per problem, on stderr, never wrapped (so it stays greppable)."""
    print(f"rasd: error: {message}", file=sys.stderr, flush=True)


class RunProgress:
    """A progress bar over the input bytes with the article count and rate."""

    def __init__(self, total_bytes: int, label: str, enabled: bool = True) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>5.1f}%"),
            TextColumn("{task.fields[articles]:>8,} articles"),
            TextColumn("{task.fields[rate]:>8.1f} articles/s"),
            TimeElapsedColumn(),
            console=err,
            disable=not enabled,
            transient=False,
        )
        self._task = self._progress.add_task(label, total=total_bytes or None, articles=0, rate=0.0)
        self._articles = 0
        self._t0 = time.perf_counter()

    def on_bytes(self, n: int) -> None:
        self._progress.advance(self._task, n)

    def on_articles(self, n: int, _stats: object = None) -> None:
        self._articles += n
        rate = self._articles / max(1e-9, time.perf_counter() - self._t0)
        self._progress.update(self._task, articles=self._articles, rate=rate)

    @contextmanager
    def shown(self) -> Iterator[RunProgress]:
        with self._progress:
            yield self


def summary_table(title: str, rows: list[tuple[str, object]]) -> Table:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("value", justify="right")
    for k, v in rows:
        table.add_row(k, f"{v:,}" if isinstance(v, int) else str(v))
    return table
