"""``rasd run`` (ingest + extract + store) and ``rasd ingest`` (ingest + store, or ingest to JSONL)."""

from __future__ import annotations

import sys

import click

ENGINE_CHOICE = click.Choice(["local", "process", "ray"])


def _summary(stats, db: str, title: str, canonical=None) -> None:
    from rasd.cli._ui import out, summary_table

    rate = stats.articles_read / stats.elapsed if stats.elapsed else 0.0
    out.print(summary_table(title, [
        ("articles read", stats.articles_read),
        ("new articles stored", stats.articles_stored),
        ("already stored (skipped)", stats.already_stored),
        ("exact duplicates (skipped)", stats.exact_duplicates),
        ("near-duplicates (kept, marked)", stats.near_duplicates),
        ("rejected inputs", stats.rejected),
        ("events extracted", stats.events),
        *([("canonical events (merged)", f"{canonical.canonical_events:,} ({canonical.contested:,} contested)")]
          if canonical is not None else []),
        ("elapsed", f"{stats.elapsed:.1f} s"),
        ("throughput", f"{rate:,.1f} articles/s"),
        ("database", db),
    ]))


def _execute(inputs: tuple[str, ...], db: str, engine: str, workers: int | None, ray_address: str | None,
             batch_size: int, quiet: bool, extract: bool, command: str) -> None:
    from rasd.cli._ui import RunProgress, report_problem
    from rasd.ingest.readers import input_size
    from rasd.runner import Hooks, run
    from rasd.store.db import StoreError

    progress = RunProgress(input_size(inputs), command, enabled=not quiet and sys.stderr.isatty())
    hooks = Hooks(on_reject=report_problem, on_bytes=progress.on_bytes, on_articles=progress.on_articles)
    try:
        with progress.shown():
            stats = run(list(inputs), db, engine_name=engine, workers=workers, address=ray_address,
                        extract=extract, batch_size=batch_size, hooks=hooks, command=command)
    except StoreError as e:
        report_problem(str(e))
        sys.exit(2)
    except KeyboardInterrupt:
        report_problem("interrupted; committed batches are kept, run again to resume")
        sys.exit(130)
    canonical = None
    if extract:  # merge reports across articles into canonical events (rebuilt in one transaction)
        from rasd.aggregate.build import rebuild_file

        canonical = rebuild_file(db)
    if not quiet:
        _summary(stats, db, f"rasd {command}", canonical)
    if stats.rejected:
        sys.exit(1)


def _common(f):
    f = click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")(f)
    f = click.option("--batch-size", default=256, show_default=True, type=click.IntRange(1, 100_000),
                     help="Articles per transaction.")(f)
    f = click.option("--db", default="rasd.duckdb", show_default=True, help="DuckDB database file.")(f)
    f = click.argument("inputs", nargs=-1, required=True)(f)
    return f


@click.command("run")
@_common
@click.option("--engine", type=ENGINE_CHOICE, default="process", show_default=True,
              help="local: in-process; process: all cores; ray: a Ray instance or cluster.")
@click.option("--workers", type=click.IntRange(1, 4096), default=None, help="Worker processes (default: all cores).")
@click.option("--ray-address", default=None, help="Join this Ray cluster (default: start a local one).")
def run_command(inputs, db, batch_size, quiet, engine, workers, ray_address) -> None:
    """Ingest, extract and store INPUTS (files, folders, or - for stdin).

    Formats: .txt, .html/.htm, .jsonl[.gz], .csv, .rss/.atom/.xml feeds. Re-running adds nothing that is
    already stored, and a run that was killed resumes where it stopped.
    """
    _execute(inputs, db, engine, workers, ray_address, batch_size, quiet, extract=True, command="run")


@click.command("ingest")
@_common
@click.option("-o", "--output", default=None,
              help="Write the cleaned articles as JSONL here (- for stdout) instead of storing them.")
@click.option("--engine", type=ENGINE_CHOICE, default="local", show_default=True,
              help="Where cleaning and hashing run (duplicate decisions stay in this process).")
@click.option("--workers", type=click.IntRange(1, 4096), default=None)
def ingest_command(inputs, db, batch_size, quiet, output, engine, workers) -> None:
    """Read, clean and de-duplicate INPUTS; store the articles (extraction is left to `rasd run`)."""
    if output is None:
        _execute(inputs, db, engine, workers, None, batch_size, quiet, extract=False, command="ingest")
        return
    import orjson

    from rasd.cli._ui import report_problem
    from rasd.runner import Hooks, RunStats, prepared_stream

    stats = RunStats()
    sink = sys.stdout.buffer if output == "-" else open(output, "wb")  # noqa: SIM115
    try:
        for p in prepared_stream(list(inputs), Hooks(on_reject=report_problem), stats, with_signature=False):
            a = p.article
            rec = {"id": a.id, "text": a.text, "title": a.title, "published": a.published, "outlet": a.outlet,
                   "url": a.url, "tags": a.tags}
            sink.write(orjson.dumps({k: v for k, v in rec.items() if v}) + b"\n")
    finally:
        if sink is not sys.stdout.buffer:
            sink.close()
    if stats.rejected:
        sys.exit(1)


COMMANDS = [run_command, ingest_command]
