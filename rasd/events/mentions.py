"""Event mentions: every trigger of the lexicon in a sentence, with its kind decided from the sentence.

A mention is one sentence's report of one kind of event. Words that name an attack without its means
(هجوم, استهداف, ضربة, انفجار) take the kind of the means the sentence names; a bare قصف is an air strike
when the sentence (or, failing that, the article) speaks of aircraft. Questions (a headline asking
``هل ...؟``) assert nothing and give no mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from rasd.caches import word_cache
from rasd.document import Document
from rasd.events.lexicon import WORD_RUNS, Lexicon, lexicon
from rasd.lexicon import rules as _rules
from rasd.model import Count, DateSpan, Place, Span

_LEX = _rules("mentions")

VIOLENT = frozenset({
    "armed_clash", "territory_gain_government", "territory_gain_nonstate", "airstrike", "shelling",
    "explosive_device", "suicide_bombing", "chemical_attack", "grenade", "attack_on_civilians",
    "protest_excessive_force", "riot", "mob_violence", "sexual_violence",
})
#: Kinds whose actors are not two opposing sides: demonstrators and those who break them up are coded by
#: their own convention, a defection goes from one side to the other.
ONE_SIDED = frozenset({"protest", "protest_intervention", "protest_excessive_force", "riot", "defection"})
_SHELL_SPECIFIC = _LEX.shell_specific
_CLAUSE_OPENING = _LEX.clause_opening
_PROTEST_INTERVENTION = _LEX.protest_intervention
_PROTEST_CAUSE = _LEX.protest_cause
_MOTIVE_CAUSE = _LEX.motive_cause
_COUNTED_BOMBERS = _LEX.counted_bombers
_BOMBER_NOUN = _LEX.bomber_noun
#: The kinds of a demonstration, whose clause may name the violence it is about.
PROTESTS = frozenset({"protest", "protest_intervention", "protest_excessive_force"})
_INTERCEPTABLE = _LEX.interceptable
_MISSILE = _LEX.missile
_AIR_AFTER_SHELLING = _LEX.air_after_shelling
#: A weapon named by a noun is an event only where its clause says it was used: fired, dropped, hit,
#: exploded, or killed someone.
_WEAPON_KINDS = frozenset({"shelling", "airstrike", "explosive_device"})
_WEAPON_NOUN = _LEX.weapon_noun
_IN_USE = _LEX.in_use
#: "Battle" is a clash only where its clause reports fighting (it is also politics' favourite metaphor).
_BATTLE_NOUN = _LEX.battle_noun
_FIGHTING = _LEX.fighting
#: Nouns that name a means or a kind of fighting without reporting it, each with what its clause must say
#: for it to be an event.
_NEEDS_CONTEXT = (
    (_WEAPON_KINDS, _WEAPON_NOUN, _IN_USE),  # "buys 400 missiles": weapons named, none used
    (frozenset({"armed_clash"}), _BATTLE_NOUN, _FIGHTING),  # "the battle for development"
)


def _named_not_done(kind: str, m: re.Match[str], folded: str) -> bool:
    """Whether trigger ``m`` is a noun of ``_NEEDS_CONTEXT`` whose clause (the trigger aside) lacks its cue."""
    for kinds, noun, cue in _NEEDS_CONTEXT:
        if kind in kinds and noun.match(m.group()):
            return not cue.search(folded[:m.start()] + " " + folded[m.end():])
    return False


#: Aircraft that fire missiles (not air defences, whose جوي cue would mislead).
_LAUNCHER_AIRCRAFT = _LEX.launcher_aircraft
#: An aircraft named as the thing brought down (``أسقطت طائرة``, ``طائرة ... أُسقطت``) made no strike.
_AIRCRAFT = _LEX.aircraft
_DOWNED = _LEX.downed
#: Flight is a defection only when fighters flee (civilians "fleeing their homes" are displaced).
_DEFECTION_STRONG = _LEX.defection_strong
_FIGHTERS = _LEX.fighters
#: Where the fighters who flee are named around a word of flight (characters before it, after it): those who
#: flee (فرّ عشرات العناصر, فرار 10 عناصر من الميليشيا), not the fighters civilians flee from further on.
FLIGHT_BEFORE, FLIGHT_AFTER = 80, 40
#: How far before a trigger a motive cue (رداً على) is looked for.
MOTIVE_CHARS = 75
_PROTEST_FORCE = _LEX.protest_force


@dataclass(slots=True)
class Clause:
    """A clause of a sentence, with its folded text (a slice of the document's folded view)."""

    index: int
    span: Span
    folded: str
    offsets: list[int]  # folded position -> original offset (one past the end included)
    question: bool

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the folded span [start, end) of this sentence."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(slots=True)
class EventMention:
    kind: str
    clause: Clause
    trigger: Span
    fstart: int  # trigger in folded sentence coordinates
    fend: int
    place: Place | None = None
    place_explicit: bool = False  # named in the sentence (not inherited from context)
    actors: list = field(default_factory=list)  # list[ActorRef]
    counts: dict[str, Count] = field(default_factory=dict)
    date: DateSpan | None = None
    polarity: str = "asserted"
    certainty: str = "certain"
    genericity: str = "specific"
    sources: list = field(default_factory=list)  # list[Source]
    bare: bool = False  # an air strike only because the article speaks of aircraft (a bare قصف)
    date_inferred: bool = False  # no date in the text: the publication window stands in
    background: bool = False  # dated by its sentence well before publication (history, not news)
    history: bool = False  # its own clause dates it over a year before publication (settings.HISTORY_AFTER)
    by_default: bool = False  # a generic word (انفجار, هجوم) given its group's default kind, no means cue
    dropped: str | None = None  # why the rules set this candidate aside (None: the rules keep it)
    confidence: float | None = None  # the learned decision's probability that it reports an event


#: Clause ends inside a sentence: a quoted statement is one sentence for attribution, but its events are
#: read clause by clause so that a place or an actor of one clause does not leak into the next.
_CLAUSE_END = re.compile(r"[.!?\u061f\u061b:]+(?=\s)")


def clauses(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        start = 0
        for m in _CLAUSE_END.finditer(s.text):
            piece = s.text[start:m.end()]
            if piece.strip(" \u00ab\u00bb\u201c\u201d"):
                out.append(_trimmed(s.start + start, piece))
            start = m.end()
        piece = s.text[start:]
        if piece.strip(" \u00ab\u00bb\u201c\u201d"):
            out.append(_trimmed(s.start + start, piece))
    return out


def _trimmed(at: int, piece: str) -> Span:
    """The span of ``piece`` (which starts at offset ``at``) without its surrounding white space."""
    lead = len(piece) - len(piece.lstrip())
    text = piece.strip()
    return Span(at + lead, at + lead + len(text), text)


def find_clauses(doc: Document) -> list[Clause]:
    """The clauses of ``doc``'s sentences, folded for matching; a clause of a question sentence is a question."""
    lex = lexicon()
    out = []
    for s in doc.sentences:
        question = bool(lex.cues["question"].search(doc.folded_slice(s.start, s.end)[0].strip()))
        for c in clauses([s]):
            for piece, folded, offsets in _at_openings(doc, c):
                out.append(Clause(len(out), piece, folded, offsets, question))
    return out


def _at_openings(doc: Document, c: Span) -> list[tuple[Span, str, list[int]]]:
    """``c`` cut where, after a comma, the sentence goes on with another event (``clause_opening``): each piece
    with its folded text and offsets (``c``'s own when there is no cut, folded once)."""
    folded, offsets = doc.folded_slice(c.start, c.end)
    cuts = [offsets[m.end()] for m in _CLAUSE_OPENING.finditer(folded)]
    if not cuts:
        return [(c, folded, offsets)]
    bounds = [c.start, *cuts, c.end]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if doc.text[a:b].strip():
            piece = _trimmed(a, doc.text[a:b])
            out.append((piece, *doc.folded_slice(piece.start, piece.end)))
    return out


#: The kinds of fight an attack with no means said can be; the kind it gets when the article has none.
FIGHTS = frozenset({"airstrike", "shelling", "armed_clash", "explosive_device", "suicide_bombing"})
UNSAID_MEANS_KIND = "armed_clash"
#: ... unless it strikes a position, a base or a settlement named within this many characters after the trigger:
#: shelling, as the guide codes the kind the target suggests.
SITE_CHARS = 50
_UNSAID_MEANS_SITE = _rules("events").unsaid_means_site


def add_triggers(doc: Document) -> None:
    """The clauses of ``doc``, the event mentions their triggers make (no named entities needed), and the
    candidates the rules set aside (``doc.set_aside``) for the learned decisions to weigh."""
    doc.clauses = find_clauses(doc)
    doc.set_aside = []
    doc.mentions = find_mentions(doc.clauses, article_prefers_air(doc.clauses), doc.set_aside)
    unsaid = [m for m in doc.set_aside if m.dropped == "no_means"]
    if unsaid:
        fights = Counter(m.kind for m in doc.mentions if m.kind in FIGHTS)
        usual = fights.most_common(1)[0][0] if fights else UNSAID_MEANS_KIND
        for m in unsaid:
            struck = m.clause.folded[m.fend:m.fend + SITE_CHARS]
            m.kind = "shelling" if _UNSAID_MEANS_SITE.search(struck) else usual


def _means(folded: str, lex: Lexicon) -> str | None:
    for kind, cue in lex.means:
        if cue.search(folded):
            return kind
    return None


def article_prefers_air(sentences: list[Clause]) -> bool:
    """Whether the article's strikes are mostly from the air: decides a bare قصف with no means nearby."""
    lex = lexicon()
    air = shell = 0
    air_cue = dict(lex.means)["airstrike"]
    for s in sentences:
        air += len(air_cue.findall(s.folded))
        shell += len(_SHELL_SPECIFIC.findall(s.folded))
    return air > shell


def find_mentions(sentences: list[Clause], prefer_air: bool,
                  dropped: list[EventMention] | None = None) -> list[EventMention]:
    """The mentions the rules keep, clause by clause. With ``dropped``, the triggers the rules set aside
    (a question, a plan or call, a weapon named but not used, fleeing civilians) are appended there with
    the reason in ``EventMention.dropped``: candidates a learned decision may still take."""
    lex = lexicon()
    out: list[EventMention] = []
    for sent in sentences:
        kept = _clause_mentions(sent, lex, prefer_air, None if sent.question else dropped)
        if sent.question:
            if dropped is not None:
                for m in kept:
                    m.dropped = "question"
                dropped.extend(kept)
            continue
        out.extend(kept)
    return out


def _clause_mentions(sent: Clause, lex: Lexicon, prefer_air: bool,
                     dropped: list[EventMention] | None) -> list[EventMention]:
    air_cue = dict(lex.means)["airstrike"]
    irrealis = lex.cues["irrealis"]
    out: list[EventMention] = []
    found: list[EventMention] = []
    generic: list[tuple[str, int, int]] = []
    for m in _trigger_matches(lex, sent.folded):
        group = m.lastgroup or ""
        kind = lex.group_kind[group]
        if kind == "generic":
            generic.append((group, m.start(), m.end()))
            continue
        bare = False
        if kind == "shelling" and not _SHELL_SPECIFIC.search(m.group()):
            if _bare_strike_is_air(sent.folded, m.start(), m.end(), air_cue, prefer_air):
                kind, bare = "airstrike", True
        elif kind == "defection" and not _DEFECTION_STRONG.search(m.group()) \
                and not _FIGHTERS.search(sent.folded, max(0, m.start() - FLIGHT_BEFORE), m.end() + FLIGHT_AFTER):
            _set_aside(dropped, kind, sent, m.start(), m.end(), "flight_not_fighters")
            continue
        elif kind == "suicide_bombing" and _BOMBER_NOUN.search(m.group()) \
                and _COUNTED_BOMBERS.search(sent.folded, max(0, m.start() - 20), m.start()):
            _set_aside(dropped, kind, sent, m.start(), m.end(), "counted_bombers")
            continue  # بينهم ثلاثة انتحاريين: bombers counted among the killed or caught, no bombing
        elif kind == "protest":
            if _PROTEST_FORCE.search(sent.folded):
                kind = "protest_excessive_force"
            elif _PROTEST_INTERVENTION.search(sent.folded):
                kind = "protest_intervention"
        if _named_not_done(kind, m, sent.folded):
            _set_aside(dropped, kind, sent, m.start(), m.end(), "named_not_done")
            continue
        found.append(_mention(kind, sent, m.start(), m.end()))
        found[-1].bare = bare
        if kind == "shelling" and (air := _AIR_AFTER_SHELLING.match(sent.folded, m.end())) is not None:
            found.append(_mention("airstrike", sent, air.start(1), air.end(1)))  # قصف مدفعي وجوي
    if any(f.kind == "weapons_seizure" for f in found):
        # intercepted missiles and downed drones are disrupted weapons, not a strike of their own
        found = [f for f in found if f.kind not in ("shelling", "airstrike") or
                 not _INTERCEPTABLE.search(sent.folded[f.fstart:f.fend])]
    found = [f for f in found if not _downed_aircraft(f, sent.folded)]
    if any(f.kind == "airstrike" for f in found):
        # missiles fired by aircraft are the strike's means
        found = [f for f in found if f.kind != "shelling" or not _MISSILE.search(sent.folded[f.fstart:f.fend])]
    else:
        # ``استهدفت مسيرة إسرائيلية منزلا بصاروخ``: the missile of a drone or a jet named before it is
        # an air strike
        for f in found:
            if f.kind == "shelling" and _MISSILE.search(sent.folded[f.fstart:f.fend]) \
                    and _LAUNCHER_AIRCRAFT.search(sent.folded, max(0, f.fstart - 60), f.fstart):
                f.kind = "airstrike"
    unreal = [f for f in found if irrealis.search(sent.folded[max(0, f.fstart - 40):f.fstart])]
    for f in unreal:
        f.dropped = "irrealis"
    for f in _protest_causes(found, sent.folded):
        f.dropped = "protest_cause"
        unreal.append(f)
    for f in found:
        if f.dropped is None and _MOTIVE_CAUSE.search(sent.folded, max(0, f.fstart - MOTIVE_CHARS), f.fstart):
            f.dropped = "motive"  # رداً على مجازر الاحتلال: what the attack answers
            unreal.append(f)
    if dropped is not None:
        dropped.extend(unreal)
    found = [f for f in found if f.dropped is None]
    has_violent = any(f.kind in VIOLENT for f in found)
    for group, s, e in generic:
        if has_violent or irrealis.search(sent.folded[max(0, s - 40):s]):
            continue
        if group in lex.civilian_kind:
            kind = lex.civilian_kind[group] if lex.civilians.search(sent.folded) else lex.generic_default[group]
        else:
            means = _means(sent.folded, lex)
            kind = means or lex.generic_default[group]
        if kind is None:
            # ``استهدفوا موقع "الرادار"``: an attack whose means the clause does not say; the kind model
            # weighs it (its kind is the article's usual fight, set in ``add_triggers``)
            _set_aside(dropped, UNSAID_MEANS_KIND, sent, s, e, "no_means")
            continue
        found.append(_mention(kind, sent, s, e))
        found[-1].by_default = group not in lex.civilian_kind and means is None
        has_violent = True
    if any(f.kind == "suicide_bombing" for f in found):
        found = [f for f in found if f.kind != "explosive_device"]
    # one mention per kind per sentence: the first trigger stands for the sentence
    seen: set[str] = set()
    for f in sorted(found, key=lambda f: f.fstart):
        if f.kind not in seen:
            seen.add(f.kind)
            out.append(f)
    return out


def _protest_causes(found: list[EventMention], folded: str) -> list[EventMention]:
    """The mentions a demonstration of the clause is about (``تظاهرة حاشدة تنديداً بمجازر الاحتلال``): what
    follows a protest's trigger after a word of cause, with no punctuation between; and an arrest told after the
    intervention of a protest (``تظاهرة ... لكن قوات الأمن اعتقلت عدداً من المشاركين``): ACLED codes the arrests
    of a demonstration as its intervention, not as an event of their own."""
    protests = [f for f in found if f.kind in PROTESTS and f.dropped is None]
    if not protests:
        return []
    out = []
    for f in found:
        if f.kind in PROTESTS or f.dropped is not None:
            continue
        if f.kind == "arrest" and any(p.kind == "protest_intervention" and p.fend <= f.fstart for p in protests):
            out.append(f)
        elif any(p.fend <= f.fstart and _PROTEST_CAUSE.search(folded[p.fend:f.fstart]) for p in protests):
            out.append(f)
    return out


def _set_aside(dropped: list[EventMention] | None, kind: str, sent: Clause, fs: int, fe: int, why: str) -> None:
    if dropped is not None:
        m = _mention(kind, sent, fs, fe)
        m.dropped = why
        dropped.append(m)


#: Function words (a fifth of all words) that start no trigger: skipping them saves a costly regex attempt.
_FUNCTION_WORDS = _LEX.function_words


@lru_cache(maxsize=1)
def _partial_triggers(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)


def _begins_trigger(text: str, pattern: str) -> bool:
    """Whether a trigger can begin with ``text``: the lexicon tried as a partial match on it alone. Exact: no
    trigger begins with a text that fails, whatever follows it."""
    return _partial_triggers(pattern).match(text, partial=True) is not None


#: Prefix lengths ``_can_start`` asks before the whole word.
_PREFIX_LENGTHS = (2, 3, 4, 5, 6)


@word_cache(300_000)
def _prefix_can_start(prefix: str, pattern: str) -> bool:
    """``_begins_trigger`` of a word's first letters, cached: short prefixes are few."""
    return _begins_trigger(prefix, pattern)


@word_cache(300_000)
def _can_start(word: str, pattern: str) -> bool:
    """Whether a trigger can begin with ``word``, cached per distinct word: four words in five cannot begin
    one, and the full alternation then never runs there. Its prefixes are asked first, shortest first: a
    prefix no trigger begins with rules out every word it begins, so most distinct words cost no partial
    match of their own (partial matches on 2,000 articles: 51,000 -> 22,000)."""
    for k in _PREFIX_LENGTHS:
        if len(word) <= k:
            break
        if not _prefix_can_start(word[:k], pattern):
            return False
    return _begins_trigger(word, pattern)


def _trigger_matches(lex: Lexicon, folded: str) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    match = lex.triggers.match
    pattern = lex.triggers.pattern
    end = 0
    for w in WORD_RUNS.finditer(folded):
        word = w.group()
        if w.start() < end or word in _FUNCTION_WORDS or not _can_start(word, pattern):
            continue
        m = match(folded, w.start())
        if m is not None:
            out.append(m)
            end = m.end()
    return out


def _bare_strike_is_air(folded: str, start: int, end: int, air_cue: re.Pattern[str], prefer_air: bool) -> bool:
    """Whether a bare قصف is from the air: the means named next to it decide (``قصفت المطار بصواريخ
    غراد لمنع إقلاع الطائرات`` is rocket fire), then those of the sentence, then the article's habit."""
    near = folded[max(0, start - 30):end + 50]
    if _SHELL_SPECIFIC.search(near):
        return False
    if air_cue.search(near):
        return True
    if air_cue.search(folded):
        return True
    return prefer_air and not _SHELL_SPECIFIC.search(folded)


def _downed_aircraft(f: EventMention, folded: str) -> bool:
    """An airstrike trigger that is an aircraft with a downing word right before or after it."""
    if f.kind != "airstrike" or not _AIRCRAFT.match(folded, f.fstart + (folded[f.fstart] in "وفبل")):
        return False
    window = folded[max(0, f.fstart - 30):f.fend + 40]
    return _DOWNED.search(window) is not None


def _mention(kind: str, sent: Clause, fs: int, fe: int) -> EventMention:
    s, e = sent.original(fs, fe)
    return EventMention(kind=kind, clause=sent, trigger=Span(s, e, sent.span.text[s - sent.span.start:e - sent.span.start]),
                        fstart=fs, fend=fe)
