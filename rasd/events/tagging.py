"""Where the named-entity tagger runs: the tagger is the costliest step, so it reads only the stretches
that later steps need names from (the headline and dateline, speakers of reporting verbs near events, the
surroundings of triggers whose place the gazetteer does not know)."""

from __future__ import annotations

from bisect import bisect_left

from rasd import settings
from rasd.claims.attribution import needs_names, reporting_verbs
from rasd.document import Document
from rasd.geo.resolve import resolve_places
from rasd.lang.document import tag_entities
from rasd.model import Mention


def add_needed_entities(doc: Document) -> None:
    """Named entities of the stretches that need them; the places again when the entities change them."""
    doc.entities = tag_entities(doc.text, entity_spans(doc))
    if doc.place_candidates is not None and entities_change_places(doc.entities, doc.places):
        doc.places = resolve_places(doc.place_candidates, doc.text, doc.entities)


def entity_spans(doc: Document) -> list[tuple[int, int]]:
    """Where later stages need named entities: the headline and dateline, the words around each reporting
    verb (its speaker), and around each event trigger whose sentence names no place the gazetteer knows
    (``doc.places``, found without entities: the tagger may find the place it missed)."""
    spans = [(0, min(len(doc.text), settings.HEADLINE_CHARS))]
    for m in doc.mentions:
        s = m.clause.span
        if any(s.start <= p.start < s.end and (p.place.precision or 4) <= 3 for p in doc.places):
            continue
        spans.append((max(s.start, m.trigger.start - settings.TAG_BEFORE_TRIGGER),
                      min(s.end, m.trigger.end + settings.TAG_AFTER_TRIGGER)))
    # a statement reaches the events of its own and the next two sentences (and the lead's, all of them)
    triggers = sorted(m.trigger.start for m in doc.mentions)
    with_events = [i for i, s in enumerate(doc.sentences) if _any_in(triggers, s.start, s.end)]
    reach = settings.SOURCE_REACH
    near = {j for i in with_events for j in range(i - reach, i + reach + 1)}
    for i, s in enumerate(doc.sentences):
        if i >= settings.LEAD_SENTENCES and i not in near:
            continue
        for vs, ve in reporting_verbs(doc, s):
            if not needs_names(doc, s, ve):
                continue
            spans.append((max(s.start, vs - settings.TAG_AROUND_VERB), min(s.end, ve + settings.TAG_AROUND_VERB)))
    return spans


def entities_change_places(entities: list[Mention], places: list) -> bool:
    """Whether the tagger's mentions matter to the places: a LOC the gazetteer did not find, or a person or
    organisation whose name holds a place name (then the places are resolved again with them)."""
    for e in entities:
        if e.label == "LOC":
            if not any(p.start <= e.start < p.end or e.start <= p.start < e.end for p in places):
                return True
        elif e.label in ("PER", "ORG") and any(e.start <= p.start < e.end for p in places):
            return True
    return False


def _any_in(sorted_positions: list[int], start: int, end: int) -> bool:
    i = bisect_left(sorted_positions, start)
    return i < len(sorted_positions) and sorted_positions[i] < end
