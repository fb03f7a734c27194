"""Event extraction from an analysed document: triggers -> mentions with arguments and sources -> events.

Every step is general: the lexicon (``rasd/data/events/lexicon.yaml``) names events by their Arabic
morphology, arguments come from the language layer, the gazetteer and the actor knowledge base, and claims
from reporting verbs and quotations. Nothing here knows any particular article.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rasd import settings
from rasd.actors import find_actors
from rasd.actors.kb import allies, load_kb
from rasd.claims.attribution import Attribution, find_attributions, is_speaking, own_correspondent
from rasd.claims.stance import sentence_sources, source_of, stance_of
from rasd.document import Document, publication_day
from rasd.events.arguments import (
    DETENTIONS,
    Context,
    attach_actors,
    attach_date,
    attach_place,
    cause_start,
    event_dates,
    focus_place,
    names_no_scene,
)
from rasd.events.coref import merge_mentions
from rasd.events.counts import (
    RESULT_OPENING,
    RUNNING_TOLL,
    SPAN_TOLL,
    civilian_victims,
    clause_counts,
    sentence_counts,
)
from rasd.events.lexicon import lexicon
from rasd.events.mentions import VIOLENT, Clause, EventMention, add_triggers
from rasd.events.modality import attach_modality
from rasd.events.sides import infer_sides
from rasd.events.targets import struck_target
from rasd.geo.listed import listed_places
from rasd.geo.resolve import PlaceMention, place_candidates, resolve_places
from rasd.geo.sites import named_sites, without_lenders
from rasd.lang.numbers import NumberMention
from rasd.lexicon import rules
from rasd.model import ActorRef, Article, Event, Place, Source

_OWN_CLAIM = rules("claims").own_claim
_SPEAKER_BEFORE = rules("claims").verb_before
_REPORTER_BASE = rules("places").reporter_base_before
_QUARTERS_BEFORE = rules("places").quarters_before
_NAMED_TOGETHER = rules("events").named_together


def extract_events(doc: Document, article: Article) -> list[Event]:
    """The events of an analysed ``doc`` whose entities (if any) are already tagged: the pipeline's steps
    after the language layer, run in order (for tools and tests; ``rasd.pipeline`` runs them itself)."""
    doc.article, doc.published_day = article, publication_day(article.published)
    add_triggers(doc)
    doc.place_candidates = place_candidates(doc.text, doc.folded, doc.offsets)
    doc.places = resolve_places(doc.place_candidates, doc.text, doc.entities)
    add_actors(doc)
    add_scenes(doc)
    add_attributions(doc)
    add_arguments(doc)
    add_events(doc)
    infer_sides(doc.events)
    return doc.events


def add_actors(doc: Document) -> None:
    """The known actors the text names (one pass over the folded view)."""
    doc.actors = find_actors(doc.text, folded_view=(doc.folded, doc.offsets))


def add_scenes(doc: Document) -> None:
    """Which places can be where an event happened, and the place the article is about.

    The named military sites a communiqué lists (``موقع "السماقة"``) are scenes too (:mod:`rasd.geo.sites`), and so
    are the villages a list names that the gazetteer lacks (:mod:`rasd.geo.listed`).

    A place inside an actor's name (مجلس دير الزور العسكري) is not where anything happened; nor is a
    capital or a country that speaks (``بحسب أنقرة``, ``موسكو تقول``), though it still tells which country
    the article is about."""
    sites = named_sites(doc, doc.places)
    # nor is a place that is only a site's first word (موقع "بركة النقار")
    places = [p for p in doc.places if not any(a.start <= p.start and p.end <= a.end for a in doc.actors)
              and not any(s.start <= p.start and p.end <= s.end and (p.start, p.end) != (s.start, s.end)
                          for s in sites)]
    scenes = [p for p in places if not is_speaking(doc, p.start, p.end)]
    taken = [(a.start, a.end) for a in doc.actors] + [(p.start, p.end) for p in sites]
    scenes = sorted(scenes + sites + listed_places(doc, doc.places, taken), key=lambda p: p.start)
    doc.scenes = _without_reporter_bases(doc, scenes)
    doc.focus = focus_place(doc.text, places, doc.article.title if doc.article else None)


def _without_reporter_bases(doc: Document, scenes: list[PlaceMention]) -> list[PlaceMention]:
    """``scenes`` without the place a correspondent reports from (``مراسل الميادين في واشنطن``) when its sentence
    names another scene: the report's own place is that one."""
    bases = [p for p in scenes if _REPORTER_BASE.search(doc.fold(max(0, p.start - 40), p.start))]
    if not bases:
        return scenes
    drop = set()
    for base in bases:
        sentence = next((s for s in doc.sentences if s.start <= base.start < s.end), None)
        if sentence is not None and any(p is not base and sentence.start <= p.start < sentence.end
                                        and p not in bases for p in scenes):
            drop.add(id(base))
    return [p for p in scenes if id(p) not in drop]


def add_attributions(doc: Document) -> None:
    """Who says what (only where there is an event, or a candidate of one, to attribute)."""
    doc.attributions = find_attributions(doc) if doc.mentions or doc.set_aside else []


def add_arguments(doc: Document) -> None:
    """Each mention's actors, place, date, modality, counts and sources, from its clause and context; the
    candidates the rules set aside get theirs too (a learned decision may take them back)."""
    if not doc.mentions and not doc.set_aside:
        return
    ctx, by_sentence, outlet = _argument_context(doc)
    for m in doc.mentions:
        _attach_arguments(m, ctx, doc, by_sentence, outlet)
    if doc.mentions:
        _counts_from_following_clauses(doc.mentions, doc.clauses, by_sentence, doc, doc.attributions)
    for m in doc.set_aside:
        _attach_arguments(m, ctx, doc, by_sentence, outlet)


def reattach(doc: Document, mentions: list[EventMention]) -> None:
    """The arguments of ``mentions`` again (a learned decision changed their kind), with the tolls the next
    clauses give (only those of a count class a mention still lacks are added)."""
    ctx, by_sentence, outlet = _argument_context(doc)
    for m in mentions:
        _attach_arguments(m, ctx, doc, by_sentence, outlet)
    if doc.mentions:
        _counts_from_following_clauses(doc.mentions, doc.clauses, by_sentence, doc, doc.attributions)


def _argument_context(doc: Document) -> tuple[Context, dict[int, list], str | None]:
    ctx = Context(doc=doc, places=doc.scenes, actors=doc.actors, dates=event_dates(doc.dates, doc.published_day),
                  paragraphs=doc.paragraphs, focus=doc.focus, published=doc.published_day)
    by_sentence: dict[int, list] = {}
    for n in doc.numbers:
        for s in doc.clauses:
            if s.span.start <= n.start < s.span.end:
                by_sentence.setdefault(s.index, []).append(n)
                break
    return ctx, by_sentence, doc.article.outlet if doc.article else None


def _attach_arguments(m: EventMention, ctx: Context, doc: Document, by_sentence: dict[int, list],
                      outlet: str | None) -> None:
    attach_actors(m, ctx, doc.text)
    attach_place(m, ctx)
    attach_date(m, ctx)
    attach_modality(m)
    numbers = [] if SPAN_TOLL.search(m.clause.folded) else \
        _own_numbers(m, by_sentence.get(m.clause.index, []), doc.mentions)
    folded = m.clause.folded
    if (cause := cause_start(m)) is not None:  # تظاهرات ... احتجاجاً على عدوان راح ضحيته 7000: the cause's toll
        numbers = [n for n in numbers if n.start < cause[1]]
        folded = folded[:cause[0]]
    m.counts = clause_counts(numbers, doc, folded, m.kind)
    victims = (civilian_victims(numbers) or named_victims(m)) if m.kind in VIOLENT else \
        named_victims(m, _DETAINEES) if m.kind in DETENTIONS else None
    if victims and not any(a.role == "actor2" for a in m.actors):
        # the civilians counted among the dead or hurt are the ones acted on (ACLED's civilians actor)
        m.actors.append(load_kb().actors["civilians"].to_ref("actor2", victims))
    target = struck_target(m)
    if target is not None:
        m.actors.append(target)
    _attach_source(m, doc.attributions, outlet)


def _own_numbers(m: EventMention, numbers: list[NumberMention], mentions: list[EventMention]) -> list[NumberMention]:
    """The numbers of a clause that count ``m``: with several events in one clause (``أفادت بمقتل ثلاثة في
    غارات على الحوايج، كما قصفت مخيماً مما أدى إلى مقتل امرأتين``) an event counts the numbers between its
    trigger and the next one, or else those before its trigger."""
    starts = sorted({x.trigger.start for x in mentions if x.clause.index == m.clause.index} | {m.trigger.start})
    if len(starts) < 2 or not numbers:
        return numbers
    i = starts.index(m.trigger.start)
    hi = starts[i + 1] if i + 1 < len(starts) else m.clause.span.end + 1
    after = [n for n in numbers if starts[i] <= n.start < hi]
    # ``قتل 12 شخصاً في اشتباكات``: an event counted before its trigger takes what precedes it
    return after or [n for n in numbers if n.start < hi]


_DETAINEES = rules("events").detainees


def named_victims(m: EventMention, nouns: re.Pattern[str] | None = None) -> str | None:
    """The civilians the clause names after its trigger (``استهدف منازل المواطنين``; ``nouns``: which words
    name them, the events lexicon's civilians by default), as written."""
    folded = m.clause.folded
    found = next((f for f in (nouns or lexicon().civilians).finditer(folded, m.fend)
                  if not _SPEAKER_BEFORE.search(folded, max(0, f.start() - 20), f.start())), None)
    if found is None:
        return None  # ``وفق ناشطين``: who tells it is no victim of it
    start, end = m.clause.original(*found.span())
    text, base = m.clause.span.text, m.clause.span.start
    while end - base < len(text) and (text[end - base].isalpha() or "\u064b" <= text[end - base] <= "\u0652"):
        end += 1  # the whole word with its marks: مواطن in المواطنين, شاب in شاباً
    return text[start - base:end - base]


def add_events(doc: Document) -> None:
    """One event per occurrence: news mentions merged, with their sources shared. Without a learned report
    decision, mentions the rules date well before publication are background and left out; a mention its own
    clause dates over a year before publication is history, left out whatever the decision says."""
    mentions = [m for m in doc.mentions if (m.confidence is not None or not m.background) and not m.history]
    mentions = [x for m in mentions for x in one_per_place(doc, m)]
    events = merge_mentions(mentions)
    _share_sources(events)
    _lead_source(events, doc.attributions, doc)
    _claimed_by_attacker(events, doc.attributions)
    _spread_disputes(events, mentions)
    _outlet_only_alone(events)
    doc.events = events


#: Kinds that a list of places after their trigger does not split (one deal, one group's members).
ONE_PLACE_KINDS = frozenset({"agreement", "defection", "recruitment", "territory_transfer"})


def one_per_place(doc: Document, m: EventMention) -> list[EventMention]:
    """ACLED codes one event per place: a mention whose sentence names, after its trigger, two or more towns
    or named sites (``قصف مدينة عسقلان ومستوطنتي سديروت ونير عام``, ``السيطرة على بلدتين: الوهط وصبر``,
    ``استهدفت موقع "السماقة" وثكنة "برانيت"``) becomes one mention per town. The toll of the list belongs to
    none of them (the text does not split it)."""
    if m.kind in ONE_PLACE_KINDS:
        return [m]
    end = next((s.end for s in doc.sentences if s.start <= m.trigger.start < s.end), m.clause.span.end)
    end = min(end, m.trigger.end + settings.PLACE_LIST_CHARS)
    towns, seen = [], set()
    for p in doc.scenes:
        if m.trigger.end <= p.start < end and (p.place.precision == 1 or p.site) and p.place.key() not in seen:
            if names_no_scene(p, doc, m) or nearer_another(doc, m, p):
                continue  # ``تضامناً مع غزة``: what the march is about; ``رداً على ... في غزة``: what a strike answers
            seen.add(p.place.key())
            towns.append(p)
    towns = without_lenders(doc, towns)
    if len(towns) < 2 or quarters_listed(doc, m, towns[0]):
        return [m]
    return [replace(m, place=p.place, place_explicit=True, counts={}, actors=list(m.actors), sources=list(m.sources))
            for p in towns]


def quarters_listed(doc: Document, m: EventMention, first: PlaceMention) -> bool:
    """Whether the places listed after ``m``'s trigger from ``first`` on are the quarters of one city (أحياء التحرير
    الأسفل وضبوعة والروضة, حيي الكلاسة وبستان القصر): one event in the city, not one per quarter."""
    return first.start >= m.trigger.end and \
        _QUARTERS_BEFORE.search(doc.fold(max(m.trigger.end, first.start - 20), first.start)) is not None


def nearer_another(doc: Document, m: EventMention, p: PlaceMention) -> bool:
    """Whether place ``p`` of ``m``'s clause belongs to the trigger of another kind of event the clause reports,
    which stands between them (``في قصفٍ مدفعي ... قرب وادي غزة، لافتاً إلى ... قصف طائرات الاحتلال ... في بلدة
    الفخاري``: the air strike's town is not the shelling's, nor the shelling's the air strike's). Triggers named
    together (``غارات وقصف مدفعي على ...``) share their places."""
    for x in doc.mentions:
        if x.kind == m.kind or x.clause.index != m.clause.index:
            continue
        first, second = (m, x) if m.trigger.start < x.trigger.start else (x, m)
        if _NAMED_TOGETHER.match(doc.fold(first.trigger.end, second.trigger.start)):
            continue
        if m is first and second.trigger.start < p.start:
            return True  # the place follows the other trigger
        if m is second and first.trigger.end <= p.start and p.end <= m.trigger.start:
            return True  # the place stands between the other trigger and this one
    return False


def _attach_source(m: EventMention, atts: list[Attribution], outlet: str | None) -> None:
    found = [a for a in sentence_sources(atts, m.trigger.start) if not own_correspondent(a, outlet)]
    if found:
        # the cue words that dispute an event stand next to it (``حالات الفرار قد تحدث بشكل فردي``)
        near = m.clause.span.text[max(0, m.trigger.start - m.clause.span.start - 25):
                                    m.trigger.end - m.clause.span.start + 60]
        m.sources = [source_of(att, stance_of(att, near)) for att in found]
    elif (claimant := own_claimant(m)) is not None:
        m.sources = [Source(speaker=claimant.name, stance="confirms", organization=claimant.name,
                            actor_id=claimant.id, quote=m.clause.span.text.strip()[:400],
                            speaker_en=claimant.name_en)]
    else:
        m.sources = [Source(speaker=outlet, stance="reports", quote=m.clause.span.text.strip()[:400])]


#: Who can claim an attack of its own: armed groups (a state speaks through named spokesmen and ministries).
_CLAIMING_TYPES = frozenset({"rebel_group", "political_militia", "identity_militia", "jihadist_group"})


def own_claimant(m: EventMention) -> ActorRef | None:
    """The armed group that acts in ``m`` when its clause says the group itself announced it, with no speaker
    named (``واستهدفت المقاومة الإسلامية موقع حدب يارون، بحسب ما أعلنت في بيان``): a claim of responsibility."""
    first = next((a for a in m.actors if a.role == "actor1" and a.type in _CLAIMING_TYPES), None)
    if first is None or not _OWN_CLAIM.search(m.clause.folded):
        return None
    return first


def _counts_from_following_clauses(mentions: list[EventMention], sentences: list[Clause],
                                   by_sentence: dict[int, list], doc: Document, atts: list[Attribution]) -> None:
    """``وأسفرت عن مقتل 12 شخصا`` in the next clause counts the event just reported: a clause with
    counts but no event of its own gives them to the last event of the paragraph that has none yet.

    Whoever gives such a toll (``وأفادت قناة الإخبارية بسقوط 39 قتيلا``) speaks about that event, even
    from the next paragraph: they become one of its sources."""
    text = doc.text
    with_mentions = {m.clause.index for m in mentions}
    for s in sentences:
        if s.index in with_mentions:
            continue
        near = [m for m in mentions if m.clause.index in (s.index - 1, s.index - 2)]
        if not near or RUNNING_TOLL.search(s.folded):
            continue
        numbers = by_sentence.get(s.index, [])
        prev = [m for m in near if "\n" not in text[m.clause.span.end:s.span.start]
                or (m.clause.index == s.index - 1 and RESULT_OPENING.match(s.folded))]
        for m in reversed(prev):
            extra = clause_counts(numbers, doc, s.folded, m.kind)
            new = {k: v for k, v in extra.items() if k not in m.counts}
            if new:
                m.counts.update(new)
                break
        if not numbers:
            continue
        outlet = doc.article.outlet if doc.article else None
        speakers = [a for a in sentence_sources(atts, s.span.start) if not own_correspondent(a, outlet)]
        for m in reversed(near):
            if m.kind in VIOLENT and speakers and sentence_counts(numbers, doc, m.kind):
                have = {x.speaker for x in m.sources}
                m.sources.extend(source_of(a, "confirms") for a in speakers if a.speaker not in have)
                break


def _claimed_by_attacker(events: list[Event], atts: list[Attribution]) -> None:
    """An armed group that speaks in the article (``أعلنت المقاومة الإسلامية في العراق استهداف ...``) claims
    the attacks it carries out there: its events that do not name it among their sources get its statement."""
    speaking = {}
    for att in atts:
        if att.actor_id and att.stance == "confirms":
            speaking.setdefault(att.actor_id, att)
    if not speaking:
        return
    for e in events:
        attacker = next((a for a in e.actors if a.role == "actor1" and a.id and not a.inferred
                         and a.type in _CLAIMING_TYPES), None)
        if attacker is None:
            continue
        att = speaking.get(attacker.id) or next((x for i, x in speaking.items() if allies(i, attacker.id)), None)
        if att is not None and not any(s.actor_id and allies(s.actor_id, attacker.id) for s in e.sources):
            e.sources.append(source_of(att, "confirms"))


def _lead_source(events: list[Event], atts: list[Attribution], doc: Document) -> None:
    """A source named in the lead (``قال المرصد السوري إن ...``) of an article that quotes nobody else stands
    behind the report that follows it: events the article tells without attributing them get it. Where others
    speak too, an unattributed event may be anyone's (or the outlet's own): guessed, it was gold's one time in
    nine on dev and train."""
    lead_end = doc.sentences[min(2, len(doc.sentences) - 1)].end if doc.sentences else 0
    outlet = doc.article.outlet if doc.article else None
    lead = next((a for a in atts if a.span.start < lead_end and a.stance == "confirms"
                 and not own_correspondent(a, outlet)), None)
    if lead is None:
        return
    voices = {a.speaker for a in atts if a.stance == "confirms" and not own_correspondent(a, outlet)
              and (a is lead or not a.unnamed)}  # unnamed sources (مصادر الميادين) are no other voice
    if len(voices) > 1:
        return
    for e in events:
        if all(s.stance == "reports" for s in e.sources):
            e.sources.append(source_of(lead, "confirms"))


def _outlet_only_alone(events: list[Event]) -> None:
    """The outlet's own account (``reports``) is the source of an event nobody else is named as saying it
    happened: beside a named voice that confirms it (merged from another mention, shared, or claimed) it says
    nothing the ledger needs; beside a denial only it stays, the one account that asserts the event."""
    for e in events:
        if any(s.stance == "confirms" for s in e.sources):
            e.sources = [s for s in e.sources if s.stance != "reports"]


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
