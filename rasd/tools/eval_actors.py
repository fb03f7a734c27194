"""Score actor resolution against hand-annotated gold mentions (``eval/gold/actors.jsonl``).

Each gold line names a mention as written, its sentence and the right actor id (or null when the
mention is not a known actor), and its ``split``: ``dev`` mentions were looked at while the knowledge
base was written, ``test`` mentions were annotated afterwards and scored once with the KB frozen. A prediction is right when ``resolve_actor(text, context=sentence)``
returns exactly that id, so a wrong guess on an unknown name counts as an error like a miss.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.actors.resolve import resolve_actor
from rasd.tools import paths as tool_paths

GOLD_PATH = tool_paths.GOLD_DIR / "actors.jsonl"


@dataclass(slots=True)
class ActorScore:
    total: int = 0
    correct: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    #: counts for the three ways to be wrong
    missed: int = 0  # gold actor, predicted null
    wrong: int = 0  # gold actor, predicted another actor
    spurious: int = 0  # gold null, predicted an actor
    #: split name -> [total, correct]
    by_split: dict[str, list[int]] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "correct": self.correct, "accuracy": round(self.accuracy, 4),
                "missed": self.missed, "wrong": self.wrong, "spurious": self.spurious,
                "splits": {name: {"total": t, "correct": c, "accuracy": round(c / t, 4) if t else 0.0}
                           for name, (t, c) in self.by_split.items()},
                "errors": self.errors}


def read_gold(path: Path | str = GOLD_PATH) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(gold: list[dict[str, Any]]) -> ActorScore:
    """Resolve every gold mention in its sentence and count exact-id agreement."""
    result = ActorScore()
    for row in gold:
        split = result.by_split.setdefault(row.get("split", "all"), [0, 0])
        split[0] += 1
        actor = resolve_actor(row["text"], context=row.get("context"))
        predicted = actor.id if actor else None
        expected = row.get("actor_id")
        result.total += 1
        if predicted == expected:
            result.correct += 1
            split[1] += 1
            continue
        if predicted is None:
            result.missed += 1
        elif expected is None:
            result.spurious += 1
        else:
            result.wrong += 1
        result.errors.append({"article_id": row.get("article_id"), "split": row.get("split"), "text": row["text"],
                              "expected": expected, "predicted": predicted})
    return result
