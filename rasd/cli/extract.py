"""``rasd extract``: FORMAT.md output lines, one per input article, without a database."""

from __future__ import annotations

import sys

import click


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file (- for stdout).")
@click.option("--engine", type=click.Choice(["local", "process", "ray"]), default="local", show_default=True)
@click.option("--workers", type=click.IntRange(1, 4096), default=None)
@click.option("--ray-address", default=None)
def extract_command(inputs, fmt, output, engine, workers, ray_address) -> None:
    """Extract events from INPUTS and print one JSON line per article (`id` kept, `events` list)."""
    import orjson

    from rasd.cli._ui import report_problem
    from rasd.runner import Hooks, RunStats, extract_stream

    stats = RunStats()
    sink = sys.stdout.buffer if output == "-" else open(output, "wb")  # noqa: SIM115
    try:
        for result in extract_stream(list(inputs), engine, workers, ray_address,
                                     hooks=Hooks(on_reject=report_problem), stats=stats):
            sink.write(orjson.dumps(result.to_output()) + b"\n")
    finally:
        if sink is not sys.stdout.buffer:
            sink.close()
        else:
            sink.flush()
    if stats.rejected:
        sys.exit(1)


COMMANDS = [extract_command]
