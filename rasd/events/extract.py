"""Event extraction from an analysed document: triggers -> mentions with arguments and sources -> events.

Every step is general: the lexicon (``rasd/data/events/lexicon.yaml``) names events by their Arabic
morphology, arguments come from the language layer, the gazetteer and the actor knowledge base, and claims
from reporting verbs and quotations. Nothing here knows any particular article.
"""

from __future__ import annotations

from rasd.actors import find_actors
from rasd.actors.match import ActorMention
from rasd.claims.attribution import Attribution, find_attributions
from rasd.claims.stance import sentence_sources, source_of, stance_of
from rasd.events.arguments import (
    Context,
    attach_actors,
    attach_date,
    attach_place,
    focus_place,
    paragraphs_of,
)
from rasd.events.coref import merge_mentions
from rasd.events.counts import sentence_counts
from rasd.events.mentions import EventMention, article_prefers_air, find_mentions, prepare_sentences
from rasd.events.modality import attach_modality
from rasd.geo import find_places
from rasd.geo.resolve import PlaceMention
from rasd.lang.document import Document
from rasd.model import Article, Event, Source


def extract_events(doc: Document, article: Article, places: list[PlaceMention] | None = None,
                   actors: list[ActorMention] | None = None) -> list[Event]:
    text = doc.text
    if places is None:
        places = find_places(text, doc.entities)
    if actors is None:
        actors = find_actors(text)
    # a place inside an actor's name (مجلس دير الزور العسكري) is not where anything happened
    places = [p for p in places if not any(a.start <= p.start and p.end <= a.end for a in actors)]
    sentences = prepare_sentences(text, doc.sentences)
    mentions = find_mentions(sentences, article_prefers_air(sentences))
    if not mentions:
        return []
    ctx = Context(places=places, actors=actors, dates=doc.dates, paragraphs=paragraphs_of(text),
                  focus=focus_place(text, places, article.title), published=article.published)
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
        m.counts = sentence_counts(by_sentence.get(m.sentence.index, []), text, m.kind)
        _attach_source(m, atts, article)
    events = merge_mentions(mentions)
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
