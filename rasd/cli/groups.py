"""Command groups that several stages add sub-commands to (``rasd eval ner``, ``rasd build gazetteer``)."""

import click


@click.group("eval")
def eval_group() -> None:
    """Score a stage against gold data."""


@click.group("build")
def build_group() -> None:
    """Build data files shipped in rasd/data/."""


@click.group("train")
def train_group() -> None:
    """Train models shipped in rasd/data/."""
