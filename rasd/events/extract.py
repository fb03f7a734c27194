"""Event extraction from an analysed document: triggers -> mentions with arguments and sources -> events.

Every step is general: the lexicon (``rasd/data/events/lexicon.yaml``) names events by their Arabic
morphology, arguments come from the language layer, the gazetteer and the actor knowledge base, and claims
from reporting verbs and quotations. Nothing here knows any particular article.
"""

from __future__ import annotations

from bisect import bisect_left

from rasd.actors import find_actors
from rasd.actors.match import ActorMention
from rasd.claims.attribution import Attribution, find_attributions, is_speaking, needs_names, reporting_verbs
from rasd.claims.stance import sentence_sources, source_of, stance_of
from rasd.events.arguments import (
    Context,
    attach_actors,
    attach_date,
    attach_place,
    event_dates,
    focus_place,
    paragraphs_of,
    published_day,
)
from rasd.events.coref import merge_mentions
from rasd.events.counts import civilian_victims, sentence_counts, singular_counts
from rasd.events.mentions import (
    VIOLENT,
    EventMention,
    Sentence,
    article_prefers_air,
    find_mentions,
    prepare_sentences,
)
from rasd.events.modality import attach_modality
from rasd.geo import find_places
from rasd.geo.resolve import PlaceMention
from rasd.lang.document import Document
from rasd.model import ActorRef, Article, Event, Place, Source


def find_event_mentions(doc: Document) -> tuple[list[Sentence], list[EventMention]]:
    """The clauses of ``doc`` and the event mentions in them (this needs no named entities)."""
    sentences = prepare_sentences(doc.text, doc.sentences)
    return sentences, find_mentions(sentences, article_prefers_air(sentences))


#: Sentences before and after an event's sentence whose speakers may be its sources; the lead's speakers
#: may be the source of every event (``_lead_source``).
_REACH = 2
_LEAD = 3


def entity_spans(doc: Document, mentions: list[EventMention],
                 places: list[PlaceMention] | None = None) -> list[tuple[int, int]]:
    """Where later stages need named entities: the headline and dateline, the words around each reporting
    verb (its speaker), and around each event trigger whose sentence names no place the gazetteer knows
    (``places``: found without entities; the tagger may find the place it missed)."""
    spans = [(0, min(len(doc.text), 300))]
    for m in mentions:
        s = m.sentence.span
        if places is not None and any(s.start <= p.start < s.end and (p.place.precision or 4) <= 3
                                      for p in places):
            continue
        spans.append((max(s.start, m.trigger.start - 60), min(s.end, m.trigger.end + 100)))
    # a statement reaches the events of its own and the next two sentences (and the lead's, all of them)
    triggers = sorted(m.trigger.start for m in mentions)
    with_events = [i for i, s in enumerate(doc.sentences) if _any_in(triggers, s.start, s.end)]
    near = {j for i in with_events for j in range(i - _REACH, i + _REACH + 1)}
    for i, s in enumerate(doc.sentences):
        if i >= _LEAD and i not in near:
            continue
        for vs, ve in reporting_verbs(s.text):
            if not needs_names(s.text, ve):
                continue
            spans.append((max(s.start, s.start + vs - 80), min(s.end, s.start + ve + 80)))
    return spans


def _any_in(sorted_positions: list[int], start: int, end: int) -> bool:
    i = bisect_left(sorted_positions, start)
    return i < len(sorted_positions) and sorted_positions[i] < end


def extract_events(doc: Document, article: Article, places: list[PlaceMention] | None = None,
                   actors: list[ActorMention] | None = None,
                   found: tuple[list[Sentence], list[EventMention]] | None = None) -> list[Event]:
    """The events of ``doc``; ``places``, ``actors`` and ``found`` (from ``find_event_mentions``) may be
    passed when the caller already has them."""
    text = doc.text
    if places is None:
        places = find_places(text, doc.entities)
    if actors is None:
        actors = find_actors(text)
    # a place inside an actor's name (مجلس دير الزور العسكري) is not where anything happened
    places = [p for p in places if not any(a.start <= p.start and p.end <= a.end for a in actors)]
    # nor is a capital or a country that speaks (``بحسب أنقرة``, ``موسكو تقول``), though it still tells
    # which country the article is about
    scenes = [p for p in places if not is_speaking(text, p.start, p.end)]
    sentences, mentions = found if found is not None else find_event_mentions(doc)
    if not mentions:
        return []
    pub = published_day(article.published)
    ctx = Context(places=scenes, actors=actors, dates=event_dates(doc.dates, pub), paragraphs=paragraphs_of(text),
                  focus=focus_place(text, places, article.title), published=pub)
    by_sentence: dict[int, list] = {}
    for n in doc.numbers:
        for s in sentences:
            if s.span.start <= n.start < s.span.end:
                by_sentence.setdefault(s.index, []).append(n)
                break
    atts = find_attributions(text, doc.sentences, doc.entities, actors)
    for m in mentions:
        attach_actors(m, ctx, text)
        attach_place(m, ctx)
        attach_date(m, ctx)
        attach_modality(m)
        numbers = by_sentence.get(m.sentence.index, [])
        m.counts = sentence_counts(numbers, text, m.kind) or singular_counts(m.sentence.folded, m.kind)
        victims = civilian_victims(numbers) if m.kind in VIOLENT else None
        if victims and not any(a.role == "actor2" for a in m.actors):
            # the civilians counted among the dead or hurt are the ones acted on (ACLED's civilians actor)
            m.actors.append(ActorRef(role="actor2", name=victims, name_en="Civilians", id="civilians",
                                     type="civilians", inter=7))
        _attach_source(m, atts, article)
    _counts_from_following_clauses(mentions, sentences, by_sentence, text, atts)
    mentions = [m for m in mentions if not m.background]
    events = merge_mentions(mentions)
    _share_sources(events)
    _lead_source(events, atts, doc)
    _spread_disputes(events, mentions)
    return events


def _attach_source(m: EventMention, atts: list[Attribution], article: Article) -> None:
    found = sentence_sources(atts, m.trigger.start)
    if found:
        # the cue words that dispute an event stand next to it (``حالات الفرار قد تحدث بشكل فردي``)
        near = m.sentence.span.text[max(0, m.trigger.start - m.sentence.span.start - 25):
                                    m.trigger.end - m.sentence.span.start + 60]
        m.sources = [source_of(att, stance_of(att, near)) for att in found]
    else:
        m.sources = [Source(speaker=article.outlet, stance="reports", quote=m.sentence.span.text.strip()[:400])]


def _counts_from_following_clauses(mentions: list[EventMention], sentences: list[Sentence],
                                   by_sentence: dict[int, list], text: str, atts: list[Attribution]) -> None:
    """``وأسفرت عن مقتل 12 شخصا`` in the next clause counts the event just reported: a clause with
    counts but no event of its own gives them to the last event of the paragraph that has none yet.

    Whoever gives such a toll (``وأفادت قناة الإخبارية بسقوط 39 قتيلا``) speaks about that event, even
    from the next paragraph: they become one of its sources."""
    with_mentions = {m.sentence.index for m in mentions}
    for s in sentences:
        if s.index in with_mentions or s.index not in by_sentence:
            continue
        near = [m for m in mentions if m.sentence.index in (s.index - 1, s.index - 2)]
        prev = [m for m in near if "\n" not in text[m.sentence.span.end:s.span.start]]
        for m in reversed(prev):
            extra = sentence_counts(by_sentence[s.index], text, m.kind)
            new = {k: v for k, v in extra.items() if k not in m.counts}
            if new:
                m.counts.update(new)
                break
        speakers = sentence_sources(atts, s.span.start)
        for m in reversed(near):
            if m.kind in VIOLENT and speakers and sentence_counts(by_sentence[s.index], text, m.kind):
                have = {x.speaker for x in m.sources}
                m.sources.extend(source_of(a, "confirms") for a in speakers if a.speaker not in have)
                break


def _lead_source(events: list[Event], atts: list[Attribution], doc: Document) -> None:
    """A source named in the lead (``قال المرصد السوري إن ...``) stands behind the report that follows it:
    events the article tells without attributing them get it."""
    lead_end = doc.sentences[min(2, len(doc.sentences) - 1)].end if doc.sentences else 0
    lead = next((a for a in atts if a.span.start < lead_end and a.stance == "confirms"), None)
    if lead is None:
        return
    for e in events:
        if all(s.stance == "reports" for s in e.sources):
            e.sources.append(source_of(lead, "confirms"))


def _same_area(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    return a.admin1 is None or b.admin1 is None or a.admin1 == b.admin1


def _share_sources(events: list[Event]) -> None:
    """A named source of one report of a kind of event in an area vouches for that kind there: the
    article's other events of the same kind in the same province get it too (a spokesman's statement
    and the outlet's own account of the same strikes often end up as separate events)."""
    for e in events:
        named = [s for s in e.sources if s.stance == "confirms" and s.speaker]
        for other in events:
            if other is e or other.kind != e.kind or not _same_area(e.location, other.location):
                continue
            have = {s.speaker for s in other.sources}
            other.sources.extend(s for s in named if s.speaker not in have)


def _spread_disputes(events: list[Event], mentions: list[EventMention]) -> None:
    """A speaker who denies or downplays a kind of event disputes every event of that kind in the article."""
    disputes: dict[str, dict[str, Source]] = {}
    for m in mentions:
        for s in m.sources:
            if s.stance in ("denies", "downplays") and s.speaker:
                disputes.setdefault(m.kind, {})[s.speaker] = s
    for e in events:
        for speaker, src in disputes.get(e.kind, {}).items():
            mine = [s for s in e.sources if s.speaker == speaker]
            if mine:
                for s in mine:
                    s.stance = src.stance
            else:
                e.sources.append(src)
