"""``rasd geocode TEXT``, ``rasd build gazetteer`` and ``rasd eval geo``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from rasd.cli.groups import build_group, eval_group


@click.command("geocode")
@click.argument("text")
@click.option("--context", default=None, help="Article text that names the country or province around TEXT.")
def geocode_command(text: str, context: str | None) -> None:
    """Print the place TEXT names as JSON ({name, name_en, geonameid, lat, lon, admin1, admin2, country,
    precision}) or null."""
    from rasd.geo import geocode

    place = geocode(text, context=context)
    click.echo(json.dumps(place.to_dict() if place else None, ensure_ascii=False))


@build_group.command("gazetteer")
@click.option("--ocha", "ocha_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="OCHA Syria admin TSVs (default: ../shared/data/geo/ocha_sy).")
def build_gazetteer(ocha_dir: Path | None) -> None:
    """Build rasd/data/gazetteer.tsv.gz from GeoNames, OCHA Syria, CLDR and the hand-written lists."""
    from rasd.tools.gazetteer import GAZETTEER_PATH, OCHA_DIR, build

    stats = build(GAZETTEER_PATH, ocha_dir or OCHA_DIR)
    click.echo(f"wrote {GAZETTEER_PATH} ({GAZETTEER_PATH.stat().st_size / 1e6:.2f} MB)")
    for key, value in stats.items():
        click.echo(f"  {key}: {value}")


@eval_group.command("geo")
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Gold toponyms (default: eval/gold/toponyms.jsonl).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores and errors as JSON.")
def eval_geo(gold_path: Path | None, as_json: bool) -> None:
    """Toponym accuracy within 50 km on the gold mentions (target >= 0.90), and the errors."""
    from rasd.tools.eval_places import GOLD_PATH, read_gold, score

    result = score(read_gold(gold_path or GOLD_PATH))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    click.echo(f"toponym accuracy within {result['km']:.0f} km: {result['accuracy']:.3f} "
               f"({result['correct']}/{result['total']}); unresolved {result['unresolved']}")
    for name, (total, correct) in sorted(result["by_country"].items()):
        click.echo(f"  {name}: {correct / total:.3f} ({correct}/{total})")
    for err in result["errors"]:
        click.echo(f"  {err['article_id']}: {err['text']!r} expected {err['expected']} got {err['predicted']}")


COMMANDS = [geocode_command]
