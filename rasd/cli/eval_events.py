"""``rasd eval events``: extraction scored against gold annotations (FORMAT.md metrics)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rasd.cli.groups import eval_group


@eval_group.command("events")
@click.option("--gold", "gold", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Gold annotations (FORMAT.md gold lines).")
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="The articles (default: <gold stem>_input.jsonl beside the gold file).")
@click.option("--pred-out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the predictions (FORMAT.md lines) here.")
@click.option("--km", type=float, default=50.0, show_default=True, help="Distance within which places agree.")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@click.option("--by", "by", type=click.Choice(["country", "kind"]), multiple=True, default=("country", "kind"),
              show_default=True, help="Also report event P/R/F1 per country and per kind.")
def eval_events_command(gold: Path, input_path: Path | None, pred_out: Path | None, km: float, as_json: bool,
                        by: tuple[str, ...]) -> None:
    """Run extraction over the gold file's articles and print event P/R/F1 and argument accuracies."""
    import orjson

    from rasd.cli._ui import report_problem
    from rasd.tools import scorer
    from rasd.tools.eval_events import breakdown, default_input, evaluate

    input_path = input_path or default_input(gold)
    if input_path is None:
        report_problem(f"{gold}: no --input given and no {gold.stem}_input.jsonl beside it")
        sys.exit(2)
    result, pred = evaluate(gold, input_path, km)
    if pred_out is not None:
        with open(pred_out, "wb") as f:
            for rec in pred.values():
                f.write(orjson.dumps(rec) + b"\n")
    parts = breakdown(scorer.load(str(gold)), pred, km)
    if as_json:
        extra = {f"by_{axis}": parts[axis] for axis in by}
        click.echo(orjson.dumps({**result, **extra}, option=orjson.OPT_INDENT_2).decode())
        return
    for key in ("events", "events_acled_type", "events_full_record"):
        r = result[key]
        click.echo(f"{key:20s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
                   f"(tp={r['tp']} pred={r['pred']} gold={r['gold']})")
    for k, v in result["arguments"].items():
        click.echo(f"  arg {k:18s} {v['accuracy']:.3f} ({v['correct']}/{v['scored']})")
    s = result["sources"]
    click.echo(f"  sources: speaker recall={s['recall']} stance accuracy={s['stance_accuracy']}")
    for axis in by:
        click.echo(f"by {axis}:")
        for value, r in sorted(parts[axis].items(), key=lambda kv: -kv[1]["gold"]):
            args = " ".join(f"{k[4:]}={v:.2f}" for k, v in r.items() if k.startswith("arg_"))
            click.echo(f"  {value:26s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
                       f"(gold={r['gold']} pred={r['pred']}) {args}")


COMMANDS: list = []


@eval_group.command("sentences")
@click.option("--gold", "gold", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("eval/gold/sentences.jsonl"), show_default=True, help="Labelled sentences.")
@click.option("--split", type=click.Choice(["train", "dev", "test"]), default="dev", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
def eval_sentences_command(gold: Path, split: str, as_json: bool) -> None:
    """How many event sentences yield an event, and how many sentences reporting none (hard negatives:
    plans, threats, history, tallies, denials ...) are flagged as events."""
    import orjson

    from rasd.tools.eval_events import sentence_scores

    result = sentence_scores(gold, split)
    if as_json:
        click.echo(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())
        return
    c = result["counts"]
    click.echo(f"event sentences found:      {result['event_sentences_found']:.3f} ({c['event'][0]}/{c['event'][1]}); "
               f"with a right kind {result['event_sentences_right_kind']:.3f}")
    click.echo(f"hard negatives flagged:     {result['hard_negatives_flagged']:.3f} "
               f"({c['hard_negative'][0]}/{c['hard_negative'][1]})")
    click.echo(f"other negatives flagged:    {result['other_negatives_flagged']:.3f} "
               f"({c['negative'][0]}/{c['negative'][1]})")
    click.echo("flagged by why: " + ", ".join(f"{k} {v:.2f}" for k, v in result["flagged_by_why"].items()))
