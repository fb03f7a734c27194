"""The extraction pipeline as one pure function, ``article -> result``, that any engine can run.

It reads nothing but its argument and the packaged data, writes nothing, and returns the same result for
the same article in any process: that is what lets the local, process and Ray engines agree.
"""

from __future__ import annotations

from rasd.actors import find_actors
from rasd.events.extract import entity_spans, extract_events, find_event_mentions
from rasd.geo import find_places
from rasd.lang import analyze
from rasd.lang.document import tag_entities
from rasd.model import Article, ArticleResult


def process_article(article: Article) -> ArticleResult:
    doc = analyze(article.text, article.published, entities=False)
    found = find_event_mentions(doc)
    # named entities only where speakers are named and where an event's place is unknown to the
    # gazetteer: the tagger is the costliest step
    places = find_places(article.text)
    doc.entities = tag_entities(article.text, entity_spans(doc, found[1], places))
    if _entities_change_places(doc.entities, places):
        places = find_places(article.text, doc.entities)
    actors = find_actors(article.text)
    events = extract_events(doc, article, places=places, actors=actors, found=found)
    mentions = list(doc.entities)
    mentions += [m.to_mention() for m in actors]
    mentions += [m.to_mention() for m in places]
    return ArticleResult(article=article, events=events, mentions=mentions)


def _entities_change_places(entities: list, places: list) -> bool:
    """Whether the tagger's mentions matter to the places: a LOC the gazetteer did not find, or a person or
    organisation whose name holds a place name (then the places are found again with them)."""
    for e in entities:
        if e.label == "LOC":
            if not any(p.start <= e.start < p.end or e.start <= p.start < e.end for p in places):
                return True
        elif e.label in ("PER", "ORG") and any(e.start <= p.start < e.end for p in places):
            return True
    return False


def process_batch(articles: list[Article]) -> list[ArticleResult]:
    """A whole chunk in one call: one task per chunk keeps inter-process overhead off each article.

    One article that breaks an extractor must not sink its chunk: its result carries the error instead.
    """
    out = []
    for a in articles:
        try:
            out.append(process_article(a))
        except Exception as e:  # noqa: BLE001 - reported per article by the runner
            out.append(ArticleResult(article=a, error=f"{type(e).__name__}: {e}"))
    return out
