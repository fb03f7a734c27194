"""``rasd eval events``: run extraction over a gold file's articles and score it with the reference scorer.

The gold file holds annotations only; the articles come from ``--input`` or, by convention, the file
beside the gold one named ``<stem>_input.jsonl``. Scoring is ``rasd.tools.scorer`` (the reference
``score.py``, vendored unchanged), so the figures are the ones anyone gets with the shared script.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rasd.tools import scorer


def default_input(gold: Path) -> Path | None:
    candidate = gold.with_name(gold.name.replace(".jsonl", "_input.jsonl"))
    return candidate if candidate.exists() else None


def predict(input_path: Path, on_article: Callable[[], None] | None = None) -> dict[str, dict[str, Any]]:
    """FORMAT.md predictions keyed by article id (every article, duplicates included)."""
    from rasd.runner import extract_stream

    out: dict[str, dict[str, Any]] = {}
    for result in extract_stream([str(input_path)], "local"):
        out[result.article.id] = result.to_output()
        if on_article is not None:
            on_article()
    return out


def evaluate(gold_path: Path, input_path: Path, km: float = 50.0) -> tuple[dict[str, Any], dict[str, dict]]:
    gold = scorer.load(str(gold_path))
    pred = predict(input_path)
    return scorer.score(gold, pred, km), pred
