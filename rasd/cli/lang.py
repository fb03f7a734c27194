"""``rasd parse-number``, ``rasd parse-date``, ``rasd eval dates`` and ``rasd build lang-vocab``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from rasd.cli.groups import build_group, eval_group


@click.command("parse-number")
@click.argument("text")
def parse_number_command(text: str) -> None:
    """Print the count in TEXT as JSON {"low","best","high","unit"}, or null."""
    from rasd.lang.numbers import parse_number

    value = parse_number(text)
    click.echo(json.dumps(value.to_dict() if value else None, ensure_ascii=False))


@click.command("parse-date")
@click.argument("text")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date that relative dates resolve against.")
def parse_date_command(text: str, published: str | None) -> None:
    """Print the date in TEXT as JSON {"start","end","precision"}, or null."""
    from rasd.lang.dates import parse_date

    span = parse_date(text, published)
    click.echo(json.dumps(span.to_dict() if span else None, ensure_ascii=False))


@eval_group.command("dates")
@click.option("--data", "directory", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Directory of TimeML .tml files (default: ../shared/data/time/timeml_ar).")
@click.option("--json", "as_json", is_flag=True, help="Print all figures (and the errors) as JSON.")
def eval_dates_command(directory: Path | None, as_json: bool) -> None:
    """Accuracy of normalised date values against TIMEX3 annotations."""
    from rasd.tools.eval_dates import TIMEML_DIR, evaluate_dates

    result = evaluate_dates(directory or TIMEML_DIR)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    det = result["detection"]
    click.echo(f"documents {result['documents']} (creation day from a deictic anchor in {result['dct_from_anchor']})")
    click.echo(f"gold calendar DATE values {result['gold_calendar_dates']} "
               f"(other TIMEX3, not scored: {result['gold_other_timex']})")
    click.echo(f"value accuracy on gold spans  {result['value_accuracy']:.3f}")
    for gran, cell in result["value_accuracy_by_granularity"].items():
        click.echo(f"  {gran:6s} {cell['accuracy']:.3f} (n={cell['n']})")
    click.echo(f"detection P={det['precision']:.3f} R={det['recall']:.3f} F1={det['f1']:.3f} "
               f"(pred={det['predicted']} gold={det['gold']})")
    click.echo(f"end-to-end value accuracy     {result['end_to_end_accuracy']:.3f}")


@build_group.command("lang-vocab")
@click.argument("corpora", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--min-count", default=5, show_default=True, help="Drop rarer words.")
def build_lang_vocab_command(corpora: tuple[Path, ...], min_count: int) -> None:
    """Build rasd/data/lang/vocab.tsv.gz (clitic-splitting evidence) from JSONL corpora."""
    from rasd.lang.vocab import VOCAB_PATH
    from rasd.tools.paths import CORPUS_DIR
    from rasd.tools.vocab import build_vocab

    paths = list(corpora) or sorted(CORPUS_DIR.glob("*.jsonl.gz"))
    if not paths:
        raise click.UsageError("no corpora given and none found in ../shared/data/corpus")
    kept = build_vocab(paths, min_count=min_count)
    click.echo(f"{kept} words -> {VOCAB_PATH}")


COMMANDS = [parse_number_command, parse_date_command]
