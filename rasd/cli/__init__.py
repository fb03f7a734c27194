"""The ``rasd`` command line.

Each module in this package contributes the click commands listed in its ``COMMANDS``; they are found
here at start-up, so a stage adds its commands without editing a central file. Command modules import
only click at module level and load their stage inside the command, so ``rasd --help`` stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

from rasd import __version__
from rasd.cli.groups import build_group, eval_group, train_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rasd")
def cli() -> None:
    """Rasd: Arabic conflict reporting turned into events and claims."""


def _register() -> None:
    for group in (eval_group, build_group, train_group):
        cli.add_command(group)
    for info in pkgutil.iter_modules(__path__):
        if info.name in ("groups",) or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="rasd")
