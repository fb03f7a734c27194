"""``rasd train events``: the learned decisions, fitted on the gold's train split and chosen on dev."""

from __future__ import annotations

import click

from rasd.cli.groups import train_group


@train_group.command("events")
@click.option("--fraction", type=click.FloatRange(0.01, 1.0), default=1.0, show_default=True,
              help="Train on this share of the train split (the first articles in the split's fixed order).")
@click.option("--curve", is_flag=True, help="Also report dev figures at 25% and 50% of train (learning curve).")
def train_events_command(fraction: float, curve: bool) -> None:
    """Fit the decisions (the report network, report and kind, one event per place, actor roles, counts, usual
    adversaries) on eval/gold train; each is kept only where it beats the rules on dev. Writes
    rasd/data/models/events/ (*.npz, adversaries.json). Never reads the test."""
    import time

    from rasd.tools import train_events as te
    from rasd.tools.paths import GOLD_DIR, REPO

    t0 = time.perf_counter()
    train, dev = te.read_split("train"), te.read_split("dev")
    seed = te.read_gold(GOLD_DIR / "seed.gold.jsonl", REPO / "examples" / "sample" / "seed.jsonl")
    te.analyse(train)
    te.analyse(dev)
    fractions = [f for f in (0.25, 0.5) if curve and f < fraction] + [fraction]
    for share in fractions:
        log = te.Report()
        result = te.train_decisions(train, dev, share, log, seed=seed)
        for line in log.lines:
            click.echo(line)
        r = result["dev"]
        args = r["arguments"]
        click.echo(f"== {share:.0%} of train ({result['articles']} articles): dev event F1 {r['events']['f1']:.3f} "
                   f"(rules {result['rules_f1']:.3f}), full record {r['events_full_record']['f1']:.3f}, "
                   f"actor1 {args.get('actor1', {}).get('accuracy', 0):.3f}, "
                   f"actor2 {args.get('actor2', {}).get('accuracy', 0):.3f}, "
                   f"location {args.get('location', {}).get('accuracy', 0):.3f}")
    click.echo(f"models in rasd/data/models/events/ ({time.perf_counter() - t0:.0f} s)")


COMMANDS: list = []
