"""``rasd steps``: the pipeline's named steps, in order, with what each reads and adds."""

from __future__ import annotations

import click


@click.command("steps")
def steps_command() -> None:
    """List the extraction pipeline's steps (what each reads from the document and adds to it)."""
    from rich.table import Table

    from rasd.cli._ui import out
    from rasd.pipeline import STEPS

    table = Table(title="rasd pipeline: steps in order", title_justify="left")
    for col in ("step", "reads", "adds", "why"):
        table.add_column(col)
    for s in STEPS:
        table.add_row(s.name, ", ".join(s.reads), ", ".join(s.adds), s.why)
    out.print(table)


COMMANDS = [steps_command]
