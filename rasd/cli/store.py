"""``rasd export`` and ``rasd stats``: what is in a database, and how to take it out."""

from __future__ import annotations

import sys

import click

from rasd.cli.query import filter_options, open_db, parse_filters


@click.command("export")
@filter_options(limit=False, fmt=False)
@click.option("--format", "fmt", required=True,
              type=click.Choice(["acled-csv", "jsonl", "geojson", "parquet", "records"]),
              help="acled-csv, jsonl, geojson, parquet: the same fields (ACLED's columns, then Rasd's); "
                   "records: FORMAT.md lines per article.")
@click.option("--level", type=click.Choice(["canonical", "report"]), default="canonical", show_default=True,
              help="One row per canonical event (merged across articles) or per article's report.")
@click.option("-o", "--output", required=True, help="Output file (written atomically).")
def export_command(fmt, level, output, **raw) -> None:
    """Export events: by default one row per canonical event, the same fields in every format."""
    from rasd.aggregate.export import export
    from rasd.cli._ui import err, report_problem

    f = parse_filters(raw)
    with open_db(raw["db"]) as con:
        try:
            n = export(con, fmt, output, f, level)
        except OSError as e:
            report_problem(f"{output}: cannot write: {e.strerror or e}")
            sys.exit(2)
    what = "articles" if fmt == "records" else "canonical events" if level == "canonical" else "reports"
    err.print(f"wrote {n:,} {what} to {output}")


@click.command("stats")
@click.option("--db", default="rasd.duckdb", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def stats_command(db, as_json) -> None:
    """Counts of articles and events by outlet, month and kind."""
    from rasd.store.stats import collect

    with open_db(db) as con:
        stats = collect(con)
    if as_json:
        import orjson

        sys.stdout.buffer.write(orjson.dumps(stats, option=orjson.OPT_INDENT_2) + b"\n")
        return
    from rich.table import Table

    from rasd.cli._ui import out

    out.print(f"[bold]{stats['articles']:,}[/] articles, [bold]{stats['events']:,}[/] events "
              f"({stats['canonical_events']:,} canonical), {stats['near_duplicates']:,} near-duplicate articles, "
              f"{stats['runs']:,} runs")
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
