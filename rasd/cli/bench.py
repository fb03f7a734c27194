"""``rasd bench``: throughput and peak memory (benchmarks are not tests; figures go to BENCHMARKS.md)."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("bench")
def bench_group() -> None:
    """Measure throughput and peak memory."""


@bench_group.command("ingest")
@click.option("--corpus", "corpus_dir", default="../shared/data/corpus", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder of *.jsonl.gz corpora.")
@click.option("-n", "--articles", default=10_000, show_default=True, type=click.IntRange(1))
@click.option("--engine", "engines", multiple=True, default=["local", "process", "ray"], show_default=True,
              type=click.Choice(["local", "process", "ray"]))
@click.option("--workers", type=click.IntRange(1), default=None)
def bench_ingest_command(corpus_dir: Path, articles: int, engines: tuple[str, ...], workers: int | None) -> None:
    """Ingest (read, clean, hash, dedup, store) per engine on ARTICLES corpus articles."""
    from rasd.tools.bench import bench_ingest

    _print("ingest", bench_ingest(corpus_dir, articles, list(engines), workers))


def _print(what: str, results) -> None:
    import os
    import platform

    from rich.table import Table

    from rasd.cli._ui import out

    table = Table(title=f"rasd bench {what}: {results[0].articles:,} articles, {os.cpu_count()} cores, "
                        f"Python {platform.python_version()}", title_justify="left")
    for col in ("stage", "articles/s", "seconds", "peak RSS (MB)"):
        table.add_column(col, justify="left" if col == "stage" else "right")
    for m in results:
        table.add_row(m.label, f"{m.rate:,.1f}", f"{m.seconds:.1f}", f"{m.peak_rss_mb:,.0f}")
    out.print(table)


@bench_group.command("pipeline")
@click.option("--corpus", "corpus_dir", default="../shared/data/corpus", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder of *.jsonl.gz corpora.")
@click.option("-n", "--articles", default=2_000, show_default=True, type=click.IntRange(1))
@click.option("--engine", "engines", multiple=True, default=["local"], show_default=True,
              type=click.Choice(["local", "process", "ray"]))
@click.option("--workers", type=click.IntRange(1), default=None)
@click.option("--by-step", is_flag=True,
              help="Instead: time each pipeline step in this process (one core) on the same sample.")
def bench_pipeline_command(corpus_dir: Path, articles: int, engines: tuple[str, ...], workers: int | None,
                           by_step: bool) -> None:
    """The whole pipeline (ingest to stored events) per engine; `local` gives articles/s per core."""
    if by_step:
        _print_steps(corpus_dir, articles)
        return
    from rasd.tools.bench import bench_pipeline

    _print("pipeline", bench_pipeline(corpus_dir, articles, list(engines), workers))


def _print_steps(corpus_dir: Path, n: int) -> None:
    from rich.table import Table

    from rasd.cli._ui import out
    from rasd.pipeline import STEPS
    from rasd.tools.bench import bench_steps

    count, total, seconds = bench_steps(corpus_dir, n)
    table = Table(title=f"rasd bench pipeline --by-step: {count:,} articles, one core "
                        f"({count / total if total else 0:,.1f} articles/s in the steps)", title_justify="left")
    for col in ("step", "ms/article", "share"):
        table.add_column(col, justify="left" if col == "step" else "right")
    for step in STEPS:
        sec = seconds.get(step.name, 0.0)
        table.add_row(step.name, f"{1000 * sec / max(1, count):.2f}", f"{100 * sec / total if total else 0:.1f}%")
    out.print(table)


@bench_group.command("watch")
@click.option("--corpus", default="examples/sample/corpus.jsonl", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="JSONL articles served as the feeds' items.")
@click.option("--feeds", default=200, show_default=True, type=click.IntRange(1))
@click.option("--every", default=30.0, show_default=True, type=click.FloatRange(0.5), help="Poll interval (s).")
@click.option("--items", default=120, show_default=True, type=click.IntRange(1),
              help="Items that appear one by one (latency).")
@click.option("--rate", default=0.5, show_default=True, type=click.FloatRange(0.01), help="Items per second.")
@click.option("--burst", default=100, show_default=True, type=click.IntRange(0),
              help="Items that then appear at once (throughput).")
def bench_watch_command(corpus: Path, feeds: int, every: float, items: int, rate: float, burst: int) -> None:
    """`rasd serve --watch` on FEEDS local feeds: item-to-API latency and the throughput it sustains."""
    import os

    from rasd.cli._ui import out
    from rasd.tools.bench_watch import bench_watch

    result = bench_watch(corpus, feeds=feeds, every=every, items=items, rate=rate, burst=burst)
    out.print(f"rasd bench watch ({os.cpu_count()} cores)")
    for line in result.lines():
        out.print("  " + line)


@bench_group.command("long")
@click.option("--corpus", "corpus_dir", default="../shared/data/corpus", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder of *.jsonl.gz corpora.")
@click.option("--chars", "sizes", multiple=True, type=click.IntRange(1),
              default=[100_000, 200_000, 400_000, 800_000], show_default=True,
              help="Document sizes in characters (repeatable).")
@click.option("--document-mb", type=click.FloatRange(0, 50), default=None,
              help="Also `rasd extract` and `rasd run` one text file of this many MB: seconds and peak RSS.")
@click.option("--repeat", default=5, show_default=True, type=click.IntRange(1), help="Runs per size (best kept).")
def bench_long_command(corpus_dir: Path, sizes: tuple[int, ...], document_mb: float | None, repeat: int) -> None:
    """Extraction seconds of one long document per size (corpus articles joined): time must grow linearly."""
    import os

    from rich.table import Table

    from rasd.cli._ui import out
    from rasd.tools.bench import bench_document_rss, bench_long

    table = Table(title=f"rasd bench long: one document per size (best of {repeat}), {os.cpu_count()} cores",
                  title_justify="left")
    for col in ("characters", "CPU seconds", "x previous", "events", "mentions"):
        table.add_column(col, justify="right")
    previous = None
    for chars, seconds, events, mentions in bench_long(corpus_dir, list(sizes), repeat):
        ratio = f"{seconds / previous:.2f}" if previous else ""
        table.add_row(f"{chars:,}", f"{seconds:.2f}", ratio, f"{events:,}", f"{mentions:,}")
        previous = seconds
    out.print(table)
    if document_mb:
        doc = Table(title=f"one {document_mb:g} MB text file", title_justify="left")
        for col in ("command", "seconds", "peak RSS (MB)"):
            doc.add_column(col, justify="left" if col == "command" else "right")
        for cmd in ("extract", "run"):
            m = bench_document_rss(corpus_dir, document_mb, cmd)
            doc.add_row(f"rasd {cmd} --engine local", f"{m.seconds:.1f}", f"{m.peak_rss_mb:,.0f}")
        out.print(doc)


@bench_group.command("post")
@click.option("--corpus", "corpus_dir", default="../shared/data/corpus", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder of *.jsonl.gz corpora.")
@click.option("-n", "--posts", default=1_000, show_default=True, type=click.IntRange(1))
@click.option("--distinct", type=click.IntRange(1), default=None,
              help="Cycle over this many articles (the other posts are duplicates); default: all distinct.")
def bench_post_command(corpus_dir: Path, posts: int, distinct: int | None) -> None:
    """RSS of a real `rasd serve` while POST /articles adds one article per request."""
    import os

    from rich.table import Table

    from rasd.cli._ui import out
    from rasd.tools.bench import bench_posts

    marks = sorted({m for m in (1, 10, 100, 250, 500, 1_000, 2_000, 5_000, posts) if m <= posts})
    table = Table(title=f"rasd bench post: {posts:,} POSTs, {'all distinct' if not distinct else f'{distinct:,} distinct'}"
                        f", {os.cpu_count()} cores", title_justify="left")
    for col in ("POSTs", "server RSS (MB)", "articles stored"):
        table.add_column(col, justify="right")
    for done, rss, stored in bench_posts(corpus_dir, posts, distinct, marks):
        table.add_row(f"{done:,}", f"{rss:,.0f}", f"{stored:,}")
    out.print(table)


@bench_group.command("fuzz")
@click.option("--corpus", "corpus_dir", default="../shared/data/corpus", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder of *.jsonl.gz corpora whose words the inputs mix in (else examples/sample).")
@click.option("-n", "--inputs", default=10_000, show_default=True, type=click.IntRange(1))
@click.option("--seed", default=0, show_default=True, help="The same seed gives the same inputs.")
@click.option("--time-limit", default=2.0, show_default=True, help="CPU seconds after which an input counts as slow.")
def bench_fuzz_command(corpus_dir: Path, inputs: int, seed: int, time_limit: float) -> None:
    """Hostile inputs through parse_number, parse_date, prepare and process_article: exceptions and slow
    inputs per entry point (exit status 1 when there is any)."""
    import os
    import sys

    from rich.table import Table

    from rasd.cli._ui import out
    from rasd.tools.fuzz import corpus_words, fuzz

    files = sorted(corpus_dir.glob("*.jsonl.gz")) or [Path(__file__).resolve().parents[2] / "examples/sample/corpus.jsonl"]
    files = [f for f in files if f.is_file()]
    if not files:
        raise click.UsageError(f"no corpora in {corpus_dir} and no examples/sample to take words from")
    words = corpus_words(files)
    tty = sys.stderr.isatty()

    def progress(done: int) -> None:
        if tty and (done % 100 == 0 or done == inputs):
            print(f"\r{done:,}/{inputs:,} inputs", end="", file=sys.stderr, flush=True)

    report = fuzz(inputs, words, seed=seed, time_limit=time_limit, on_input=progress)
    if tty:
        print(file=sys.stderr)
    table = Table(title=f"rasd bench fuzz: {report.inputs:,} inputs (seed {seed}), {len(words):,} corpus words, "
                        f"{os.cpu_count()} cores, {report.seconds:.0f} s", title_justify="left")
    for col in ("entry point", "exceptions", f"inputs over {time_limit:g} s", "slowest (CPU s)"):
        table.add_column(col, justify="left" if col == "entry point" else "right")
    for name in report.slowest:
        table.add_row(name, f"{report.exception_count.get(name, 0):,}", f"{report.slow.get(name, 0):,}",
                      f"{report.slowest[name]:.2f}")
    out.print(table)
    for name, shown in report.exceptions.items():
        for line in shown:
            print(f"{name}: {line}")
    if report.exception_count or report.slow:
        sys.exit(1)


COMMANDS = [bench_group]
