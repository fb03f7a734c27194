"""Gold annotation files: checked against ``FORMAT.md``, with the helpers an annotator needs.

Standard library only, and nothing from the extraction pipeline: annotators use these helpers (sentences
with offsets, finding a snippet, looking up a place in the packaged gazetteer) without ever seeing what
Rasd would extract.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rasd.model import ACTOR_ROLES, COUNT_KINDS, KINDS, STANCES

DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
POLARITY = ("asserted", "negated")
CERTAINTY = ("certain", "hedged")
GENERICITY = ("specific", "recurring")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SENTENCE_END = re.compile(r"[.!?؟]+[\"'»”)]*\s+|\n+")


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for every non-blank line; a malformed line raises naming file and line."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield n, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``: split at line breaks and sentence-final punctuation."""
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() + len(m.group(0).rstrip())
        if text[pos:end].strip():
            spans.append(_trim(text, pos, end))
        pos = m.end()
    if text[pos:].strip():
        spans.append(_trim(text, pos, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_all(text: str, snippet: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` where ``snippet`` occurs in ``text`` (exactly)."""
    out, i = [], text.find(snippet)
    while i >= 0 and snippet:
        out.append((i, i + len(snippet)))
        i = text.find(snippet, i + 1)
    return out


def _check_counts(counts: Any, where: str) -> Iterator[str]:
    if not isinstance(counts, dict):
        yield f"{where}: counts is not an object"
        return
    for kind, triple in counts.items():
        if kind not in COUNT_KINDS:
            yield f"{where}: unknown count kind {kind!r}"
            continue
        if not isinstance(triple, dict) or not all(isinstance(triple.get(k), int) for k in ("low", "best", "high")):
            yield f"{where}: count {kind} needs integer low, best and high"
            continue
        if not 0 <= triple["low"] <= triple["best"] <= triple["high"]:
            yield f"{where}: count {kind} breaks 0 <= low <= best <= high ({triple})"


def _check_location(location: Any, where: str) -> Iterator[str]:
    places = location if isinstance(location, list) else [location]
    if not places:
        yield f"{where}: empty location list"
    for place in places:
        if not isinstance(place, dict):
            yield f"{where}: a place is not an object"
            continue
        has_point = isinstance(place.get("lat"), int | float) and isinstance(place.get("lon"), int | float)
        if not has_point and not place.get("country"):
            yield f"{where}: place {place.get('name')!r} has neither coordinates nor a country"
        if has_point and not (-90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180):
            yield f"{where}: place {place.get('name')!r} has coordinates out of range"
        if place.get("country") is not None and not re.fullmatch(r"[A-Z]{2}", str(place["country"])):
            yield f"{where}: country {place['country']!r} is not an ISO 3166 alpha-2 code"
        if "precision" in place and place["precision"] not in (1, 2, 3, 4):
            yield f"{where}: place precision {place['precision']!r} is not 1-4"


def _check_date(date: Any, where: str) -> Iterator[str]:
    if not isinstance(date, dict):
        yield f"{where}: date is not an object"
        return
    start, end = date.get("start"), date.get("end")
    for name, value in (("start", start), ("end", end)):
        if value is not None and not (isinstance(value, str) and _DAY.match(value)):
            yield f"{where}: date {name} {value!r} is not YYYY-MM-DD"
    if isinstance(start, str) and isinstance(end, str) and start > end:
        yield f"{where}: date start {start} is after end {end}"
    if date.get("precision") not in DATE_PRECISIONS:
        yield f"{where}: date precision {date.get('precision')!r} is not one of {DATE_PRECISIONS}"


def check_event(event: Any, text: str | None, where: str, require_evidence: bool) -> Iterator[str]:
    """Every way ``event`` breaks FORMAT.md (and the guide's gold-only fields), as messages."""
    if not isinstance(event, dict):
        yield f"{where}: an event is not an object"
        return
    kind = event.get("kind")
    if kind not in KINDS:
        yield f"{where}: unknown kind {kind!r}"
    elif "acled_event_type" in event and (event["acled_event_type"], event.get("acled_sub_event_type")) != KINDS[kind]:
        yield f"{where}: ACLED type/sub-type do not follow from kind {kind!r} (expected {KINDS[kind]})"
    for actor in event.get("actors") or []:
        if not isinstance(actor, dict) or actor.get("role") not in ACTOR_ROLES:
            yield f"{where}: actor role must be one of {ACTOR_ROLES}"
        elif not (actor.get("name") or actor.get("name_en") or actor.get("aliases")):
            yield f"{where}: an actor has no name"
    if "location" in event and event["location"] is not None:
        yield from _check_location(event["location"], where)
    if "date" in event and event["date"] is not None:
        yield from _check_date(event["date"], where)
    if "counts" in event and event["counts"] is not None:
        yield from _check_counts(event["counts"], where)
    for field, allowed in (("polarity", POLARITY), ("certainty", CERTAINTY), ("genericity", GENERICITY)):
        if field in event and event[field] not in allowed:
            yield f"{where}: {field} {event[field]!r} is not one of {allowed}"
    for source in event.get("sources") or []:
        if not isinstance(source, dict) or source.get("stance") not in STANCES:
            yield f"{where}: source stance must be one of {STANCES}"
        elif not source.get("speaker"):
            yield f"{where}: a source has no speaker"
    if "optional" in event and not isinstance(event["optional"], bool):
        yield f"{where}: optional must be true or false"
    evidence = event.get("evidence")
    if evidence is None:
        if require_evidence:
            yield f"{where}: no evidence (the sentences the event comes from, as character offsets)"
        return
    if not isinstance(evidence, list) or not evidence:
        yield f"{where}: evidence must be a non-empty list of {{start, end}}"
        return
    for span in evidence:
        if not (isinstance(span, dict) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int)):
            yield f"{where}: evidence span {span!r} needs integer start and end"
        elif text is not None and not 0 <= span["start"] < span["end"] <= len(text):
            yield f"{where}: evidence span {span['start']}..{span['end']} is outside the text (0..{len(text)})"


def check_gold(gold: Path, inputs: Path, require_evidence: bool = True) -> list[str]:
    """Every problem of a gold file against its input articles, one message each (empty when it is sound)."""
    texts = {rec.get("id"): (rec.get("text") or "") for _, rec in read_jsonl(inputs)}
    problems: list[str] = []
    seen: set[str] = set()
    for n, rec in read_jsonl(gold):
        art = rec.get("id")
        where = f"{gold}:{n} ({art})"
        if art not in texts:
            problems.append(f"{where}: id not in {inputs}")
        if art in seen:
            problems.append(f"{where}: id given twice")
        seen.add(art)
        if not isinstance(rec.get("events"), list):
            problems.append(f"{where}: events must be a list")
            continue
        for i, event in enumerate(rec["events"]):
            problems += check_event(event, texts.get(art), f"{where} event {i}", require_evidence)
    missing = set(texts) - seen
    if missing:
        problems.append(f"{gold}: {len(missing)} input articles have no gold line (e.g. {sorted(missing)[0]})")
    return problems


def fold_name(text: str) -> str:
    """Arabic and Latin folding for place lookup: diacritics, hamza seats, ta marbuta, alef maqsura, case."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c) and c not in "\u0640ʿʾ‘’'`")
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"), ("ئ", "ي")):
        text = text.replace(a, b)
    text = text.lower().strip()
    return text[2:] if text.startswith("ال") and len(text) > 4 else text


def gazetteer_rows(path: Path) -> Iterable[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        for line in fh:
            yield dict(zip(header, line.rstrip("\n").split("\t"), strict=False))


def lookup_place(query: str, gazetteer: Path, country: str | None = None, limit: int = 12) -> list[dict[str, Any]]:
    """Places of the packaged gazetteer whose Arabic or English names match ``query`` (folded), best first."""
    q = fold_name(query)
    hits = []
    for row in gazetteer_rows(gazetteer):
        if country and row.get("country") != country:
            continue
        names = {fold_name(n) for n in [row.get("name_ar", ""), row.get("name_en", "")] + row.get("names", "").split("|") if n}
        if q in names:
            rank = 0
        elif any(q in n for n in names):
            rank = 1
        else:
            continue
        hits.append((rank, -int(row.get("population") or 0), row))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [h[2] for h in hits[:limit]]
