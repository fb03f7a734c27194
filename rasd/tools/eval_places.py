"""Score toponym resolution against hand-annotated gold mentions (``eval/gold/toponyms.jsonl``).

Each gold line names a mention as written (``text``) in its sentence (``context``) and the right place
(a GeoNames id, or a point for regions). The resolver reads the sentence; the mention counts as right when
the predicted place overlapping the mention has the same GeoNames id or lies within 50 km of the gold
point. A missing prediction counts as wrong: recall matters as much as the choice among homonyms.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rasd.geo.distance import great_circle_km
from rasd.geo.gazetteer import load
from rasd.geo.resolve import find_places
from rasd.tools import paths as tool_paths

GOLD_PATH = tool_paths.GOLD_DIR / "toponyms.jsonl"
MAX_KM = 50.0


def read_gold(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


km = great_circle_km


def _gold_point(item: dict[str, Any]) -> tuple[float, float] | None:
    if "lat" in item and "lon" in item:
        return float(item["lat"]), float(item["lon"])
    gaz = load()
    index = gaz.by_geonameid.get(int(item["geonameid"]))
    if index is None or gaz.entries[index].lat is None:
        return None
    entry = gaz.entries[index]
    return entry.lat, entry.lon  # type: ignore[return-value]


def score(gold: list[dict[str, Any]], max_km: float = MAX_KM) -> dict[str, Any]:
    """Accuracy within ``max_km``, per-country breakdown and the list of errors."""
    correct = unresolved = 0
    by_country: dict[str, list[int]] = {}
    errors: list[dict[str, Any]] = []
    for item in gold:
        context, text = item["context"], item["text"]
        found = re.search(rf"(?<![\u0621-\u064a]){re.escape(text)}(?![\u0621-\u064a])", context)
        start, end = (found.start(), found.end()) if found else (-1, -1)
        mentions = find_places(context)
        hit = next((m for m in mentions if start >= 0 and m.start < end and start < m.end), None)
        ok = False
        predicted: Any = None
        if hit is not None:
            place = hit.place
            predicted = {"name_en": place.name_en, "geonameid": place.geonameid, "lat": place.lat,
                         "lon": place.lon, "country": place.country, "precision": place.precision}
            if item.get("geonameid") is not None and place.geonameid == int(item["geonameid"]):
                ok = True
            else:
                point = _gold_point(item)
                if point is not None and place.lat is not None and place.lon is not None:
                    ok = km(point[0], point[1], place.lat, place.lon) <= max_km
        else:
            unresolved += 1
        counts = by_country.setdefault(item.get("country") or "?", [0, 0])
        counts[0] += 1
        if ok:
            correct += 1
            counts[1] += 1
        else:
            expected = {k: item[k] for k in ("geonameid", "lat", "lon", "country") if k in item}
            errors.append({"article_id": item["article_id"], "text": text, "expected": expected,
                           "predicted": predicted})
    total = len(gold)
    return {"km": max_km, "total": total, "correct": correct, "unresolved": unresolved,
            "accuracy": correct / total if total else 0.0,
            "by_country": {k: tuple(v) for k, v in by_country.items()}, "errors": errors}
