"""Score the date parser against TimeML TIMEX3 annotations (``rasd eval dates``).

The Arabic TimeML files carry no document creation time, yet relative expressions must be resolved
against one. Every file whose annotators resolved a deictic word (``اليوم``, ``أمس``, ``غداً``) pins
its own: the gold value minus the word's offset. All such files agree on 2015-12-24, the day the
collection was annotated, so files without such a word are resolved against that default. This uses the
gold only to recover the reference day, never a value being scored; files whose annotators plainly used
another reference (a few April 2015 reports) cost accuracy here rather than being tuned away.

Those reference days are synthetic: annotators resolved ``غداً الاثنين`` to the day after 2015-12-24
(a Friday), ignoring the weekday. The parser lets a stated weekday win (see ``rasd.lang.dates``), which
is right on real feeds and costs 5 of the 122 scored values here.

Scored: TIMEX3 of type DATE whose value is a calendar value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``,
``YYYY-Www``); PAST_REF, seasons, decades and centuries are out of the layer's output space and counted
separately. Two figures: the value accuracy when the parser is given each gold expression, and the
detection P/R/F1 and end-to-end accuracy of ``find_dates`` over the running text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rasd.lang.dates import find_dates, parse_date, timex_value
from rasd.lang.normalize import fold
from rasd.tools import paths as tool_paths

TIMEML_DIR = tool_paths.TIMEML_DIR
DEFAULT_DCT = date(2015, 12, 24)
_TIMEX = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")
_CALENDAR_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?$")
_DEICTIC = {fold(w): off for w, off in (("اليوم", 0), ("الأمس", -1), ("أمس", -1), ("غدا", 1), ("غداً", 1))}


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class TimemlDoc:
    name: str
    text: str
    timexes: list[Timex]
    dct: date
    dct_source: str  # "anchor" or "default"


def _granularity(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "week") if _CALENDAR_VALUE.match(value) else "other"


def load_timeml(path: Path) -> TimemlDoc:
    """Plain text, TIMEX3 spans (offsets into that text) and the inferred creation time of one file."""
    raw = path.read_text(encoding="utf-8-sig")
    body = raw.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0].lstrip("\ufeff")
    pieces: list[str] = []
    timexes: list[Timex] = []
    pos = 0
    length = 0
    for m in _TIMEX.finditer(body):
        before = _TAG.sub("", body[pos:m.start()])
        pieces.append(before)
        length += len(before)
        inner = _TAG.sub("", m.group(2))
        attrs = dict(_ATTR.findall(m.group(1)))
        timexes.append(Timex(length, length + len(inner), inner, attrs.get("type", ""), attrs.get("value", "")))
        pieces.append(inner)
        length += len(inner)
        pos = m.end()
    pieces.append(_TAG.sub("", body[pos:]))
    anchors = Counter()
    for t in timexes:
        off = _DEICTIC.get(fold(t.text).strip())
        if off is not None and _granularity(t.value) == "day":
            anchors[date.fromisoformat(t.value) - timedelta(days=off)] += 1
    dct, source = (anchors.most_common(1)[0][0], "anchor") if anchors else (DEFAULT_DCT, "default")
    return TimemlDoc(path.stem, "".join(pieces), timexes, dct, source)


def evaluate_dates(directory: Path = TIMEML_DIR) -> dict[str, Any]:
    """Value accuracy on gold spans, detection P/R/F1 and end-to-end accuracy over running text."""
    docs = [load_timeml(p) for p in sorted(directory.glob("*.tml"))]
    by_gran: dict[str, list[int]] = {}
    errors: list[dict[str, str | None]] = []
    scored = right = 0
    gold_total = pred_total = matched = found = e2e_right = 0
    for doc in docs:
        gold = [t for t in doc.timexes if t.type == "DATE" and _granularity(t.value) != "other"]
        for t in gold:
            span = parse_date(t.text, doc.dct)
            got = timex_value(span) if span else None
            ok = got == t.value
            scored += 1
            right += ok
            cell = by_gran.setdefault(_granularity(t.value), [0, 0])
            cell[0] += ok
            cell[1] += 1
            if not ok:
                errors.append({"doc": doc.name, "text": t.text, "gold": t.value, "pred": got})
        preds = find_dates(doc.text, doc.dct)
        pred_total += len(preds)
        gold_total += len(gold)
        # a prediction is right if it overlaps any TIMEX3 (the gold also marks durations, sets, PAST_REF)
        matched += sum(1 for p in preds if any(p.start < g.end and g.start < p.end for g in doc.timexes))
        for g in gold:
            hit = [p for p in preds if p.start < g.end and g.start < p.end]
            found += bool(hit)
            e2e_right += bool(hit) and timex_value(hit[0].value) == g.value
    precision = matched / pred_total if pred_total else 0.0
    recall = found / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "documents": len(docs),
        "dct_from_anchor": sum(d.dct_source == "anchor" for d in docs),
        "gold_calendar_dates": scored,
        "gold_other_timex": sum(1 for d in docs for t in d.timexes) - scored,
        "value_accuracy": round(right / scored, 4) if scored else 0.0,
        "value_accuracy_by_granularity": {
            k: {"accuracy": round(v[0] / v[1], 4), "n": v[1]} for k, v in sorted(by_gran.items())
        },
        "detection": {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                      "predicted": pred_total, "gold": gold_total},
        "end_to_end_accuracy": round(e2e_right / gold_total, 4) if gold_total else 0.0,
        "errors": errors,
    }
