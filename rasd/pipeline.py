"""The extraction pipeline: an ordered list of named steps over one ``Document`` per article.

Each step reads what earlier steps put on the document and adds its own part (``Step.reads`` /
``Step.adds`` say which). ``process_article`` runs them: a pure function, ``article -> result``, that
reads nothing but its argument and the packaged data and writes nothing, so the local, process and Ray
engines agree. A step can be listed (``rasd steps``), timed (``rasd bench pipeline --by-step``) and
replaced (``Pipeline.replace``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rasd import caches, settings
from rasd.document import Document
from rasd.events.extract import add_actors, add_arguments, add_attributions, add_events, add_scenes
from rasd.events.mentions import add_triggers
from rasd.events.tagging import add_needed_entities
from rasd.geo.resolve import add_places
from rasd.lang.document import add_language
from rasd.learn.adversaries import add_sides
from rasd.learn.decide import add_decisions, decide_reported
from rasd.model import Article, ArticleResult
from rasd.windows import WINDOW_CHARS, shifted, window_articles


@dataclass(frozen=True, slots=True)
class Step:
    """One named step: what it reads from the document, what it adds, and why it is there."""

    name: str
    run: Callable[[Document], None]
    reads: tuple[str, ...]
    adds: tuple[str, ...]
    why: str


STEPS: tuple[Step, ...] = (
    Step("language", add_language, ("text", "folded"), ("tokens", "dates", "numbers", "sentences", "paragraphs"),
         "tokens, dates and counts are what every later step reads"),
    Step("triggers", add_triggers, ("sentences", "folded"), ("clauses", "mentions"),
         "event mentions from the lexicon's triggers, kind decided in their clause"),
    Step("places", add_places, ("folded",), ("place_candidates", "places"),
         "gazetteer places, resolved by the article's own evidence"),
    Step("entities", add_needed_entities, ("mentions", "places", "sentences"), ("entities", "places"),
         "named entities only where later steps need names (the tagger is the costliest step)"),
    Step("actors", add_actors, ("folded",), ("actors",), "known conflict actors named in the text"),
    Step("scenes", add_scenes, ("places", "actors"), ("scenes", "focus"),
         "which places can be an event's scene, and the place the article is about"),
    Step("attributions", add_attributions, ("sentences", "entities", "actors", "mentions"), ("attributions",),
         "who says what: reporting verbs, quotations and their speakers"),
    Step("arguments", add_arguments, ("mentions", "scenes", "actors", "dates", "numbers", "attributions"),
         ("mentions",), "each mention's actors, place, date, modality, counts and sources"),
    Step("decisions", add_decisions, ("mentions", "set_aside", "attributions", "dates"), ("mentions",),
         "learned decisions between the rules' candidates: which mentions report events (and how surely)"),
    Step("events", add_events, ("mentions", "attributions"), ("events",),
         "one event per occurrence: mentions merged, sources shared"),
    Step("reported", decide_reported, ("events",), ("events",),
         "learned: an occurrence whose every report the model doubts (below the floor chosen on dev) is left out"),
    Step("sides", add_sides, ("events",), ("events",),
         "the sides a sentence leaves unnamed: the article's attacker, the attacker's usual adversary (learned), "
         "ACLED's generic actors"),
)


@dataclass(slots=True)
class Pipeline:
    """An ordered list of steps; calling it on an article runs them on a fresh document."""

    steps: tuple[Step, ...] = STEPS
    #: seconds spent in each step so far (filled only when ``timed``)
    seconds: dict[str, float] = field(default_factory=dict)
    timed: bool = False

    def names(self) -> list[str]:
        return [s.name for s in self.steps]

    def replace(self, name: str, step: Step) -> Pipeline:
        """A pipeline with the step called ``name`` replaced by ``step``."""
        if name not in self.names():
            raise KeyError(f"no step called {name!r} (steps: {', '.join(self.names())})")
        return Pipeline(tuple(step if s.name == name else s for s in self.steps), timed=self.timed)

    def run(self, doc: Document) -> Document:
        if not self.timed:
            for step in self.steps:
                step.run(doc)
            return doc
        for step in self.steps:
            t0 = time.perf_counter()
            step.run(doc)
            self.seconds[step.name] = self.seconds.get(step.name, 0.0) + time.perf_counter() - t0
        return doc

    def __call__(self, article: Article) -> ArticleResult:
        doc = self.run(Document.of_article(article))
        mentions = list(doc.entities)
        mentions += [m.to_mention() for m in doc.actors]
        mentions += [m.to_mention() for m in doc.places]
        return ArticleResult(article=article, events=doc.events, mentions=mentions)


DEFAULT = Pipeline()


def process_article(article: Article) -> ArticleResult:
    """The pipeline's result for one article (the pure function every engine runs).

    A book-length text is extracted window by window (``rasd.windows``): linear time, bounded memory.
    """
    if len(article.text) <= WINDOW_CHARS:
        return DEFAULT(article)
    result = ArticleResult(article=article)
    for start, part in window_articles(article):
        events, mentions = shifted(DEFAULT(part), start)
        result.events += events
        result.mentions += mentions
        # A book-length text brings hundreds of thousands of distinct words: per-word caches sized for a
        # corpus of news would hold them all (300 MB on a 50 MB document).
        caches.trim(settings.CACHE_TRIM_ENTRIES)
    caches.clear()  # and what is left is not needed for its storing
    return result


def process_batch(articles: Iterable[Article]) -> list[ArticleResult]:
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
