"""The usual adversary of each attacker, learned from the gold, and the pipeline step that supplies unnamed sides.

In the gold's fights, Hezbollah's target is the Israeli army in nearly every event, the Iraqi Islamic
Resistance's the US forces, the Sudanese army's the RSF: where an article says whom an attacker struck only
as "a position" or "a barracks", ACLED's coders still name the force. ``rasd train events`` counts, on the
train split, how often each attacker's fights have each target, and keeps the attackers whose most frequent
target has at least ``min_events`` fights and the share chosen on dev (``adversaries.json``); without the
file no adversary is supplied.
"""

from __future__ import annotations

import json
from functools import cache

from rasd.document import Document
from rasd.events.sides import infer_sides
from rasd.learn.decide import MODELS

PATH = MODELS / "adversaries.json"


@cache
def table() -> dict | None:
    """The learned table (``{"meta": …, "adversaries": {attacker: {"target", "share", "events"}}}``) or None."""
    if not PATH.exists():
        return None
    return json.loads(PATH.read_text(encoding="utf-8"))


def usual_adversary(actor_id: str) -> str | None:
    """The force ``actor_id`` fights in nearly all the gold's events where it attacks (None when no one is)."""
    learned = table()
    if learned is None:
        return None
    row = learned["adversaries"].get(actor_id)
    meta = learned["meta"]
    if row is None or row["events"] < meta["min_events"] or row["share"] < meta["min_share"]:
        return None
    return row["target"]


def add_sides(doc: Document) -> None:
    """The sides each event's sentence leaves unnamed: from the article, the learned adversaries, ACLED's
    generic actors (:func:`rasd.events.sides.infer_sides`)."""
    infer_sides(doc.events, usual_adversary if table() is not None else None)
