"""``rasd resolve-actor TEXT`` and ``rasd eval actors``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from rasd.cli.groups import eval_group


@click.command("resolve-actor")
@click.argument("text")
@click.option("--country", default=None, help="ISO alpha-2 country focus for names that depend on the war.")
@click.option("--context", default=None, help="Sentence or article text to guess the country focus from.")
def resolve_actor_command(text: str, country: str | None, context: str | None) -> None:
    """Print the actor TEXT names as JSON ({id, name_en, name_ar, type, inter, affiliation}) or null."""
    from rasd.actors import resolve_actor

    actor = resolve_actor(text, country=country, context=context)
    click.echo(json.dumps(actor.to_dict() if actor else None, ensure_ascii=False))


@eval_group.command("actors")
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Gold mentions (default: eval/gold/actors.jsonl).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores and errors as JSON.")
def eval_actors(gold_path: Path | None, as_json: bool) -> None:
    """Actor-resolution accuracy on the gold mentions (target >= 0.90), and the errors."""
    from rasd.tools.eval_actors import GOLD_PATH, read_gold, score

    result = score(read_gold(gold_path or GOLD_PATH))
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return
    click.echo(f"actor accuracy: {result.accuracy:.3f} ({result.correct}/{result.total}); "
               f"missed {result.missed}, wrong actor {result.wrong}, spurious {result.spurious}")
    for name, (total, correct) in sorted(result.by_split.items()):
        click.echo(f"  split {name}: {correct / total:.3f} ({correct}/{total})")
    for err in result.errors:
        click.echo(f"  [{err['split']}] {err['article_id']}: {err['text']!r} expected {err['expected']} "
                   f"got {err['predicted']}")


COMMANDS = [resolve_actor_command]
