"""The one object an article becomes while the pipeline works on it.

Every step of ``rasd.pipeline`` reads what earlier steps put on the ``Document`` and adds its own part:
the language layer's tokens, sentences, numbers and dates; the event triggers' clauses and mentions; the
places, named entities, actors and attributions; finally the events. Everything is a span into ``text``.
The text is folded once, here (``folded`` with ``offsets``, see ``rasd.lang.normalize.normalize_with_map``):
steps take slices of that view instead of folding the text again.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from rasd.lang.normalize import normalize_with_map
from rasd.model import Article, Event, Mention, Place, Span

if TYPE_CHECKING:  # the stages' own records; importing them here would tie every stage to every other
    from rasd.actors.match import ActorMention
    from rasd.claims.attribution import Attribution
    from rasd.events.mentions import Clause, EventMention
    from rasd.geo.resolve import PlaceCandidates, PlaceMention
    from rasd.lang.dates import DateMention
    from rasd.lang.numbers import NumberMention
    from rasd.lang.tokens import Token


@dataclass(slots=True)
class Document:
    """One article and everything the pipeline has found in it so far (offsets point into ``text``)."""

    text: str
    published: str | None = None
    folded: str = ""
    offsets: list[int] = field(default_factory=list)  # folded position -> offset in text (one past the end too)
    article: Article | None = None
    published_day: date | None = None
    # language layer
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)
    # events' candidates
    clauses: list[Clause] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    set_aside: list[EventMention] = field(default_factory=list)  # candidates the rules dropped, with why
    # places, actors, claims
    place_candidates: PlaceCandidates | None = None
    places: list[PlaceMention] = field(default_factory=list)
    scenes: list[PlaceMention] = field(default_factory=list)  # places where something can happen
    focus: Place | None = None  # the place the article is about
    actors: list[ActorMention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    # the result
    events: list[Event] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, published: str | None = None, article: Article | None = None) -> Document:
        """A document on ``text`` with its folded view computed (the only folding of the text)."""
        folded, offsets = normalize_with_map(text)
        return cls(text=text, published=published, folded=folded, offsets=offsets, article=article,
                   published_day=publication_day(published))

    @classmethod
    def of_article(cls, article: Article) -> Document:
        return cls.of(article.text, article.published, article)

    def folded_slice(self, start: int, end: int) -> tuple[str, list[int]]:
        """The folded text of ``text[start:end]`` and its offsets into ``text`` (one past the end too)."""
        fs, fe = bisect_left(self.offsets, start), bisect_left(self.offsets, end)
        return self.folded[fs:fe], [*self.offsets[fs:fe], end]

    def fold(self, start: int, end: int) -> str:
        """``fold(text[start:end])``, read off the folded view (folding maps characters one to one or
        deletes them, so a slice of the folded whole is the folded slice)."""
        start, end = max(0, start), min(len(self.text), end)
        return self.folded[bisect_left(self.offsets, start):bisect_left(self.offsets, end)]


def publication_day(published: str | None) -> date | None:
    """The publication day, or None when it is missing or not a real date (callers outside ingest)."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None
