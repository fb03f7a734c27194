"""``rasd export`` and ``rasd stats``: what is in a database, and how to take it out."""

from __future__ import annotations

import sys

import click


def _open(db: str):
    from rasd.cli._ui import report_problem
    from rasd.store.db import Store, StoreError

    try:
        return Store(db, read_only=True)
    except StoreError as e:
        report_problem(str(e))
        sys.exit(2)


@click.command("export")
@click.option("--db", default="rasd.duckdb", show_default=True)
@click.option("--format", "fmt", required=True, type=click.Choice(["acled-csv", "jsonl", "geojson", "parquet"]))
@click.option("-o", "--output", required=True, help="Output file (written atomically).")
@click.option("--kind", default=None, help="Only events of this kind (e.g. defection).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Events on or after YYYY-MM-DD.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Events on or before YYYY-MM-DD.")
def export_command(db, fmt, output, kind, since, until) -> None:
    """Export stored events (ACLED column names for acled-csv; FORMAT.md lines for jsonl)."""
    from rasd.cli._ui import err, report_problem
    from rasd.model import KINDS
    from rasd.store.export import Filters, export

    if kind is not None and kind not in KINDS:
        report_problem(f"--kind {kind!r} is not a known kind (one of: {', '.join(KINDS)})")
        sys.exit(2)
    filters = Filters(kind=kind, since=since.date() if since else None, until=until.date() if until else None)
    with _open(db) as store:
        try:
            n = export(store, fmt, output, filters)
        except OSError as e:
            report_problem(f"{output}: cannot write: {e.strerror or e}")
            sys.exit(2)
    err.print(f"wrote {n:,} {'articles' if fmt == 'jsonl' else 'events'} to {output}")


@click.command("stats")
@click.option("--db", default="rasd.duckdb", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def stats_command(db, as_json) -> None:
    """Counts of articles and events by outlet, month and kind."""
    from rasd.store.stats import collect

    with _open(db) as store:
        stats = collect(store)
    if as_json:
        import orjson

        sys.stdout.buffer.write(orjson.dumps(stats, option=orjson.OPT_INDENT_2) + b"\n")
        return
    from rich.table import Table

    from rasd.cli._ui import out

    out.print(f"[bold]{stats['articles']:,}[/] articles, [bold]{stats['events']:,}[/] events, "
              f"{stats['near_duplicates']:,} near-duplicate articles, {stats['runs']:,} runs")
    for key, title, cols in (("by_outlet", "By outlet", ("outlet", "articles", "events")),
                             ("by_month", "By month (publication)", ("month", "articles", "events")),
                             ("mentions_by_label", "Mentions by label (NER, actors, places)",
                              ("label", "mentions", "distinct")),
                             ("top_actors", "Most mentioned actors", ("actor", "mentions", "articles")),
                             ("by_kind", "By event kind", ("kind", "events", "fatalities"))):
        table = Table(title=title, title_justify="left")
        for c in cols:
            table.add_column(c, justify="left" if c == cols[0] else "right")
        for row in stats[key]:
            table.add_row(*(f"{row[c]:,}" if isinstance(row[c], int) else str(row[c] or "—") for c in cols))
        out.print(table)


COMMANDS = [export_command, stats_command]
