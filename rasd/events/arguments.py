"""Attach the place, the actors and the date to each event mention, from its sentence or its context.

Places: the most precise place named in the sentence, nearest the trigger (places inside an actor's name,
such as دير الزور in مجلس دير الزور العسكري, are not where the event happened); failing that, the last
place named earlier in the paragraph, then the article's focus (the place of its headline or dateline).
Actors: resolved actor mentions of the sentence, given a role by the words around them (على/ضد/مواقع
mark the target; من قبل/برصاص the agent; من ... إلى the sides of a defection), else by order.
Dates: a date in the sentence, else the last one earlier in the paragraph, else the publication day and
the day before it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from rasd import settings
from rasd.actors.kb import acting, allies, can_be_a_side, get_actor, reports_when_speaking
from rasd.actors.match import ActorMention
from rasd.claims.attribution import is_speaking
from rasd.document import Document
from rasd.events.mentions import ONE_SIDED, PROTESTS, Clause, EventMention
from rasd.events.targets import INTERCEPTED, INTERCEPTIONS
from rasd.geo.gazetteer import load as load_gazetteer
from rasd.geo.resolve import PlaceMention
from rasd.geo.sites import position_anchor
from rasd.lang.dates import DateMention
from rasd.lang.normalize import fold, with_elided_article
from rasd.lexicon import rules as _rules
from rasd.model import ActorRef, DateSpan, Place

_LEX = _rules("arguments")
_CLAIMS = _rules("claims")

_TARGET_BEFORE = _LEX.target_before
_HARMED_BEFORE = _LEX.harmed_before
#: Who confronts an attack, and what it confronts (تصدّت الدفاعات الجوية لعدوان إسرائيلي).
_CONFRONTS_BEFORE = _LEX.confronts_before
_REPELS_BETWEEN = _LEX.repels_between
_ACCUSES_BEFORE = _LEX.accuses_before
_CONFRONTED_BEFORE = _LEX.confronted_before
#: A number right before a group's name: so many of them (اعتقلت الشرطة 3 مستوطنين).
_COUNTED_BEFORE = _LEX.counted_before
#: Kinds whose actor 2 is whom they take: the people an arrest counts (اعتقلت الشرطة 3 مستوطنين) and, with no group
#: named, the civilians the clause names (``اعتقال شاب``).
DETENTIONS = frozenset({"arrest", "abduction"})
_AGENT_BEFORE = _LEX.agent_before
_ALLY_BEFORE = _LEX.ally_before
_OWNER_BEFORE = _LEX.owner_before
#: How far (characters) before a place its route phrase may start (نقل ... إلى مجمع فلسطين الطبي في).
ROUTE_CHARS = 80
#: How far (characters) a speaker's name stands from where its attribution starts.
SPEAKER_TO_SAID = 40
_SOURCE_SIDE = _LEX.source_side
_DEST_SIDE = _LEX.dest_side
_VICTIM_TYPES = frozenset({"civilians", "protesters"})
_BOMBINGS = frozenset({"explosive_device", "suicide_bombing"})
DEMONSTRATIONS = PROTESTS | {"riot"}
_GOVERNMENT_FORCES = _LEX.government_forces
_NO_AIR_FORCE = frozenset({"rebel_group", "political_militia", "identity_militia", "jihadist_group"})


@dataclass(slots=True)
class Context:
    """What every mention of one article can draw on."""

    doc: Document
    places: list[PlaceMention]
    actors: list[ActorMention]
    dates: list[DateMention]
    paragraphs: list[tuple[int, int]]
    focus: Place | None
    published: date | None  # the publication day


def focus_place(text: str, places: list[PlaceMention], title: str | None = None) -> Place | None:
    """Where the article is about: in the country it names most, the place of its headline or first lines,
    else its most named place there. A dateline abroad (``أتلانتا (CNN)``) does not make the scene."""
    counted = Counter(p.place.country for p in places if p.place.country)
    if not counted:
        return None
    country = counted.most_common(1)[0][0]
    home = [p for p in places if p.place.country == country]
    precise = [p for p in home if (p.place.precision or 4) <= 3]
    early = [p for p in precise if p.start < min(len(text), settings.HEADLINE_CHARS)]
    if early:
        return early[0].place
    if precise:
        key = Counter(p.place.key() for p in precise).most_common(1)[0][0]
        return next(p.place for p in precise if p.place.key() == key)
    return home[0].place


def _paragraph(ctx: Context, pos: int) -> tuple[int, int]:
    for s, e in ctx.paragraphs:
        if s <= pos < e:
            return s, e
    return pos, pos


#: Countries whose places one report names side by side as one theatre (and whose borders the reports
#: themselves contest: القدس المحتلة, الداخل المحتل; the fire across the Lebanese border, مستوطنة المطلة).
_THEATRES = ({"IL", "PS"}, {"IL", "LB"})


def _same_theatre(a: str | None, b: str) -> bool:
    return a == b or any(a in t and b in t for t in _THEATRES)




def _well_known(place: Place) -> bool:
    gaz = load_gazetteer()
    idx = gaz.by_geonameid.get(place.geonameid) if place.geonameid is not None else None
    return idx is not None and gaz.entries[idx].population >= settings.WELL_KNOWN_POPULATION


def _unlocated(p: PlaceMention, country: str) -> PlaceMention:
    place = Place(name=p.text.strip(" \"“”«»"), country=country, precision=2)
    return PlaceMention(p.start, p.end, p.text, place, p.candidates)


def cause_start(m: EventMention) -> tuple[int, int] | None:
    """Where what demonstration ``m`` is against or for begins after its trigger (``احتجاجاً على العدوان ...``),
    in its clause's folded text and in ``doc.text``: the numbers and dates after it are the cause's (a war's toll,
    when it began)."""
    if m.kind not in DEMONSTRATIONS:
        return None
    found = _LEX.demonstration_cause.search(m.clause.folded, m.fend)
    return None if found is None else (found.start(), m.clause.offsets[found.start()])


def cause_place(p: PlaceMention, doc: Document, floor: int) -> bool:
    """Whether a demonstration names ``p`` as what it is about (``تضامناً مع غزة``), not where it is held
    (``floor``: where the text that can say so starts, the paragraph's start)."""
    return bool(_LEX.cause_place.search(doc.fold(max(floor, p.start - 60), p.start)))


def motive_place(p: PlaceMention, doc: Document, m: EventMention) -> bool:
    """Whether ``m``'s clause names ``p`` as what its event answers or supports (``قصفت ... رداً على المجازر
    في غزة``, ``دعماً لغزة``), not where it happens: the trigger stands before the motive. A trigger inside
    that phrase (``رداً على استهداف ... بنت جبيل``) or after the place in it (``غزة التي تتعرض لقصف``) is an
    event the place belongs to."""
    folded, offsets = doc.folded_slice(max(m.clause.span.start, p.start - 90), p.start)
    found = _LEX.motive_place.search(folded)
    if found is None:
        return False
    # the trigger before the motive, or after the place the motive names: a motive that opens the sentence
    # (``ردّاً على دعم واشنطن لإسرائيل في عدوانها على غزة، المقاومة تعلن استهداف ...``, ``ردّاً على مجازر الكيان
    # بحق أهلنا في غزّة هاجمنا قاعدة ...``)
    return m.trigger.start < offsets[found.start()] or p.end <= m.trigger.start


def route_place(p: PlaceMention, doc: Document, m: EventMention) -> bool:
    """Whether ``m``'s clause names ``p`` as where what acted came from or went back to (``قبل أن تعود إلى قاعدة
    ديار بكر``, ``صواريخ انطلقت من جنوب لبنان``, before its trigger too: ``العدوان ... جاء من فوق الجولان بأربعة
    صواريخ``), not where it struck."""
    lo = m.trigger.start if p.start >= m.trigger.end else m.clause.span.start
    folded, _ = doc.folded_slice(max(lo, p.start - ROUTE_CHARS), p.start)
    return _LEX.route_place.search(folded) is not None


def speaker_place(p: PlaceMention, doc: Document, m: EventMention) -> bool:
    """Whether ``m``'s clause names ``p`` as where someone spoke, a venue between their reporting verb and what
    they said (``وقال المتحدث باسم الجيش في مؤتمر صحافي في بورتسودان إن الطيران قصف ...``), not where it
    happens; local sources in a town (``أفادت مصادر محلية في درعا بأن ...``) speak of it."""
    if p.end > m.trigger.start:
        return False
    if _LEX.reporter_at.search(doc.fold(max(m.clause.span.start, p.start - 40), p.start)):
        return True  # أفاد مراسلنا في حلب: where the correspondent is
    after = doc.fold(p.end, m.trigger.start)
    if not _CLAIMS.complementizer.search(after):
        return False
    before = doc.fold(m.clause.span.start, p.start)
    verb = max(_CLAIMS.reporting_verb.finditer(before), key=lambda v: v.start(), default=None)
    return verb is not None and not _CLAIMS.complementizer.search(before, verb.end()) \
        and _LEX.speech_venue.search(before, verb.end()) is not None


def names_no_scene(p: PlaceMention, doc: Document, m: EventMention) -> bool:
    """Whether ``m``'s clause names ``p`` as what its event is about or answers, not where it happens: what a
    demonstration is for (``تضامناً مع غزة``), what an attack answers (``رداً على ... في غزة``), where its
    means came from or went back to (``route_place``), where someone spoke of it (``speaker_place``)."""
    if m.kind in DEMONSTRATIONS:
        return cause_place(p, doc, m.clause.span.start)
    return motive_place(p, doc, m) or route_place(p, doc, m) or speaker_place(p, doc, m) or war_place(p, doc, m)


def war_place(p: PlaceMention, doc: Document, m: EventMention) -> bool:
    """Whether ``m``'s clause names ``p`` as the theatre of a war (``دخلت المرحلة الأكثر كثافة من الحرب في غزة``),
    not the scene of ``m``, unless the war's word is ``m``'s own trigger (``العدوان على غزة``: it is the event)."""
    folded, offsets = doc.folded_slice(max(m.clause.span.start, p.start - 40), p.start)
    found = _LEX.war_place.search(folded)
    return found is not None and not m.trigger.start <= offsets[found.start("war")] < m.trigger.end


def attach_place(m: EventMention, ctx: Context) -> None:
    s = m.clause.span
    places = ctx.places
    causes: list[PlaceMention] = []
    if m.kind in DEMONSTRATIONS:  # only the paragraph up to the clause's end is read below
        para_start, _ = _paragraph(ctx, s.start)
        places = [p for p in places if para_start <= p.start < s.end]
        causes = [p for p in places if cause_place(p, ctx.doc, para_start)]
        if causes:
            cause_ids = {id(p) for p in causes}
            places = [p for p in places if id(p) not in cause_ids]
    else:
        places = [p for p in places if not (s.start <= p.start < s.end and names_no_scene(p, ctx.doc, m))]
    inside = [p for p in places if s.start <= p.start < s.end]
    precise = [p for p in inside if (p.place.precision or 4) <= 3]
    home = ctx.focus.country if ctx.focus is not None else None
    if home and any(p.place.country == home for p in precise):
        # a foreign capital in a clause (talks "with Tehran", power "in Washington") is not the scene
        precise = [p for p in precise if p.place.country == home]
    elif home:
        # a foreign place the article names only once is more likely a homonym of a local place the
        # gazetteer lacks (a Khartoum district that shares a Jordanian village's name) than the scene:
        # it is kept as a place of the article's country whose position is unknown
        named = Counter(p.place.country for p in ctx.places)
        precise = [p if _same_theatre(p.place.country, home) or named[p.place.country] >= 2
                   or _well_known(p.place) else _unlocated(p, home) for p in precise]
    # a place named to say where another lies (قرية الشرجة بمديرية الجراحي) is not the scene: the place it
    # locates is, ranked as precise as the two together
    kept: list[PlaceMention] = []
    located: dict[int, tuple[PlaceMention, int]] = {}  # id of a located place -> it, the precision it takes
    for p in precise:
        a = position_anchor(ctx.doc, p)
        if a is None or a.start < s.start:
            kept.append(p)
            continue
        rank = min(located[id(a)][1] if id(a) in located else a.place.precision or 4, p.place.precision or 4)
        located[id(a)] = (a, rank)
    precise = kept + [a for a, _ in located.values() if a not in kept and (a.place.precision or 4) <= 3]
    if precise:
        def rank(p: PlaceMention) -> tuple[int, int]:
            d = p.start - m.trigger.end if p.start >= m.trigger.end else (m.trigger.start - p.end) * 2
            return (min(located[id(p)][1] if id(p) in located else p.place.precision or 4, 2), d)

        m.place, m.place_explicit = min(precise, key=rank).place, True
        return
    para_start, _ = _paragraph(ctx, s.start)
    earlier = [p for p in places if para_start <= p.start < s.start and (p.place.precision or 4) <= 3
               and (home is None or p.place.country == home)]
    if earlier:
        m.place = earlier[-1].place
        return
    if ctx.focus is not None and not any(c.place.country == ctx.focus.country for c in causes):
        # (a demonstration "against the war on Gaza" that names no place of its own is not held in the
        # article's Gaza either)
        m.place = ctx.focus
        return
    if inside:
        m.place = inside[0].place


def can_take_a_side(doc: Document, a: ActorMention) -> bool:
    """Whether actor mention ``a`` can be a side of an event: not an observer quoted about it, nor a
    correspondent who reports it (``أفاد مراسل الميادين``), nor whom supporters support (``المؤيدين للفلسطينيين``),
    nor who condemns it (``ونددت فصائل المقاومة بالمجزرة``)."""
    return can_be_a_side(a.actor_id) and not (reports_when_speaking(a.actor_id) and (
        is_speaking(doc, a.start, a.end) or _in_speaker(doc, a))) \
        and not _LEX.supported_before.search(doc.fold(max(0, a.start - 20), a.start)) \
        and not _LEX.condemning_before.search(doc.fold(max(0, a.start - 14), a.start))


def _in_speaker(doc: Document, a: ActorMention) -> bool:
    """Whether actor mention ``a`` is part of the name of who speaks right after it (``وقال المفوض العام
    للأونروا إن ...``)."""
    return any((a.actor_id == att.actor_id or a.text.lstrip("ل") in att.speaker)
               and abs(a.start - att.span.start) <= SPEAKER_TO_SAID for att in doc.attributions)


def actor_ref(a: ActorMention, role: str, text: str = "") -> ActorRef:
    # after ل (للجيش, للمعارضة) the article the clitic swallowed comes back (الجيش, المعارضة)
    name = with_elided_article(text, a.start, a.text) if text else a.text
    actor = get_actor(a.actor_id) if a.actor_id else None
    return ActorRef(role=role, name=name) if actor is None else actor.to_ref(role, name)


def _two_sides(placed: list[tuple[ActorMention, str]], kind: str, doc: Document,
               clause: Clause) -> list[tuple[ActorMention, str]]:
    """An event has two sides. When the words around it put every actor on the acting side, one keeps it
    (in an air strike the one with aircraft, else the first named) and a neighbour of it in the text that
    is not its ally and not coordinated with it (``الجيش والمقاومة``) is acted on; ``بين``/``مع`` before the
    first puts even coordinated ones apart (``اشتباكات بين الجيش والدعم السريع``)."""
    if any(r == "actor2" for _, r in placed):
        return placed
    ones = [a for a, r in placed if r == "actor1" and a.actor_id]
    if len({a.actor_id for a in ones}) < 2:
        return placed
    keeper = ones[acting([a.actor_id or "" for a in ones], kind, bool(_LEX.drone.search(clause.folded)))]
    apart = bool(_LEX.opponents_before.search(doc.fold(max(clause.span.start, ones[0].start - 30), ones[0].start)))

    def opposed(a: ActorMention) -> bool:
        return a is not keeper and not allies(keeper.actor_id or "", a.actor_id or "")

    neighbours = [(x, y) for x, y in zip(ones, ones[1:], strict=False) if keeper in (x, y)]
    other = next((y if x is keeper else x for x, y in neighbours if opposed(y if x is keeper else x)
                  and (apart or not _LEX.allied_between.search(doc.fold(x.end, y.start)))), None)
    if other is None and apart:
        other = next((a for a in ones if opposed(a) and a.start > keeper.start), None)
    return [(a, "actor2" if a is other else r) for a, r in placed]


def accuser(m: EventMention, actors: list[ActorMention], doc: Document) -> ActorMention | None:
    """The actor that accuses another of ``m`` (``اتهمت قوات الدعم السريع الجيش بقصف``): named right after the verb
    of accusing, with the accused between it and a trigger that takes ب; None when the text is otherwise."""
    if doc.fold(m.trigger.start, m.trigger.start + 1) != "ب":
        return None
    before = [a for a in actors if a.end <= m.trigger.start]
    if len(before) < 2 or doc.fold(before[-1].end, m.trigger.start).strip():
        return None  # the accused stands right before the deed
    first = before[-2]
    gap = doc.fold(first.end, before[-1].start)
    if len(gap.split()) > 3 or any(c in gap for c in ".,،:؛") \
            or not _ACCUSES_BEFORE.search(doc.fold(max(0, first.start - 12), first.start)):
        return None  # a few words may stand between them (اتهمت قوات الدعم السريع في السودان الجيش)
    return first


def attach_actors(m: EventMention, ctx: Context, text: str) -> None:
    s = m.clause.span
    lo, hi = max(s.start, m.trigger.start - settings.ACTOR_WINDOW), min(s.end, m.trigger.end + settings.ACTOR_WINDOW)
    inside = [a for a in ctx.actors if lo <= a.start < hi and can_take_a_side(ctx.doc, a)]
    roles: list[tuple[ActorMention, str | None]] = []
    named_agent = False  # an actor the words before it name as who did it (قصف نفّذته قوات الدعم السريع)
    subjects: list[ActorMention] = []  # actors before the trigger that are actor 1 by their place alone
    accusing = accuser(m, inside, ctx.doc)
    for a in inside:
        if a is accusing:
            continue  # اتهمت قوات الدعم السريع الجيش بقصف: the accuser speaks, the accused acts
        before = ctx.doc.fold(max(s.start, a.start - 30), a.start)
        agent = _AGENT_BEFORE.search(before) is not None
        atype = get_actor(a.actor_id).type if a.actor_id and get_actor(a.actor_id) else None
        role: str | None = None
        if m.kind == "defection":
            if _DEST_SIDE.search(before):
                role = "actor2"
            elif _SOURCE_SIDE.search(before):
                role = "actor1"
        elif m.kind in DEMONSTRATIONS:
            # ACLED's convention: the demonstrators (protesters, rioters, the civilians who gather) are actor
            # 1, the forces that break them up, arrest or shoot at them actor 2
            role = "actor1" if atype in ("protesters", "rioters", "civilians") else "actor2"
        elif atype in _VICTIM_TYPES:
            role = "actor2"
        elif m.kind in INTERCEPTIONS and INTERCEPTED.match(ctx.doc.fold(a.start, a.end)):
            role = "actor2"  # اعترضت الدفاعات الجوية طائرات مسيرة أوكرانية: the side whose drones were downed
        elif _CONFRONTS_BEFORE.search(before):
            role = "actor1" if m.kind in INTERCEPTIONS else "actor2"  # تصدّت الدفاعات الجوية لعدوان: defends
        elif _CONFRONTED_BEFORE.search(before):
            role = "actor2" if m.kind in INTERCEPTIONS else "actor1"  # ... what it confronts attacks
        elif agent or _ALLY_BEFORE.search(before):
            role = "actor1"  # ... or on its side (بمساندة من المقاومة الشعبية)
            named_agent = True
        elif _OWNER_BEFORE.search(before):
            # whose drone struck (مسيّرة تابعة للجيش التركي); the side whose drone was downed is acted on
            role = "actor2" if m.kind in INTERCEPTIONS else "actor1"
        elif _TARGET_BEFORE.search(before) or (m.kind in DETENTIONS and _COUNTED_BEFORE.search(before)) \
                or (_HARMED_BEFORE.search(before) and any(n.start == a.start for n in ctx.doc.numbers)):
            # ... and those an arrest counts (اعتقلت الشرطة 3 مستوطنين) are the ones taken, as is a pair the
            # harm counts by its dual (قتل جنديين إسرائيليين في قصف)
            role = "actor2"
        elif a.start <= m.trigger.start < a.end:
            role = "actor1"  # a force named by its strike (غارة إسرائيلية, قصف مدفعي إسرائيلي): the trigger is its name
            named_agent = True
        elif a.start >= m.trigger.end and len(between := ctx.doc.fold(m.trigger.end, a.start).split()) <= 1:
            # right after the trigger: the subject of a verb (قصفت قوات النظام) or the agent of a noun
            # (غارات للطيران الروسي, قصف قوات النظام); it names who did it when no word stands between
            role = "actor1"
            named_agent = named_agent or not between
        elif a.text.startswith("ل") and not fold(a.text).startswith("لواء"):
            role = "actor2"  # a dative further on: ضربةً للميلشيات
        elif a.end <= m.trigger.start and m.kind not in INTERCEPTIONS \
                and _REPELS_BETWEEN.match(ctx.doc.fold(a.end, m.trigger.start)):
            role = "actor2"  # the subject repels the attack (الجيش يصد هجوماً لقوات الدعم السريع): the side attacked
        elif a.end <= m.trigger.start:
            role = "actor1"  # the subject before its verb (قوات النظام تقصف; no target cue before it: see above)
            subjects.append(a)
        if m.kind in _BOMBINGS and role != "actor2" and not agent \
                and a.actor_id and getattr(get_actor(a.actor_id), "inter", None) == 1:
            role = "actor2"  # bombs and suicide attackers strike the army and police, not the other way
        roles.append((a, role))
    if named_agent and subjects:
        # who announces (الجيش السوداني يعلن وقوع قتلى من جراء قصف نفّذته قوات الدعم السريع) is no side of what
        # the text says another did
        speakers = {id(a) for a in subjects if is_speaking(ctx.doc, a.start, a.end)}
        roles = [(a, r) for a, r in roles if id(a) not in speakers]
    refs: list[ActorRef] = []
    taken: set[tuple[str, str]] = set()
    has1 = any(r == "actor1" for _, r in roles)
    placed: list[tuple[ActorMention, str]] = []
    for a, role in roles:
        if role is None:
            role = "actor2" if has1 else "actor1"
            has1 = has1 or role == "actor1"
        placed.append((a, role))
    if m.kind not in ONE_SIDED:
        placed = _two_sides(placed, m.kind, ctx.doc, m.clause)
    for a, role in placed:
        key = (role, a.actor_id or a.text)
        if key not in taken:
            taken.add(key)
            refs.append(actor_ref(a, role, text))
    m.actors = refs
    first = next((r for r in refs if r.role == "actor1"), None)
    if m.bare and first is not None and first.type in _NO_AIR_FORCE:
        m.kind = "shelling"  # a bare قصف by a group without aircraft is rocket or artillery fire
    if m.kind == "territory_gain":
        first_at = next((a.start for a in ctx.actors if first is not None and a.actor_id == first.id
                         and lo <= a.start < hi), None)
        lead = ctx.doc.fold(max(s.start, m.trigger.start - 80), first_at) if first_at is not None else ""
        if first is not None and first.inter != 1 and _GOVERNMENT_FORCES.search(lead):
            # ``تمكن الجيش والمقاومة من السيطرة``: the army named first, unresolved, leads the advance
            government = True
        elif first is not None:
            # state forces, or a militia fighting for the government (ACLED: "government or its affiliates")
            government = first.inter == 1 or "government" in (first.affiliation or "").lower()
        else:  # an army the knowledge base could not pin down (الجيش, القوات الحكومية) is still an army
            government = bool(_GOVERNMENT_FORCES.search(m.clause.folded[:m.fend + 60]))
        m.kind = "territory_gain_government" if government else "territory_gain_nonstate"




def event_dates(dates: list[DateMention], pub: date | None) -> list[DateMention]:
    """The dates of an article that can date its events: resolved, and not after the day after publication
    (a web page's own date line, a deadline, a plan is not when a reported event happened)."""
    latest = (pub + timedelta(days=1)).isoformat() if pub else None
    return [d for d in dates if d.value.start and (latest is None or d.value.start <= latest)]


def _dated_before(span: DateSpan, pub: date | None, by: timedelta) -> bool:
    """Whether ``span`` ends more than ``by`` before the publication day."""
    return bool(pub and span.end and span.end < (pub - by).isoformat())


def _background(span: DateSpan, pub: date | None) -> bool:
    return _dated_before(span, pub, settings.BACKGROUND_AFTER)


def _until_now(d: DateMention, doc: Document, pub: date | None) -> DateSpan:
    """The span a date gives an event: a date after "since" (``منذ 4 أشهر``, ``منذ آذار``) runs from then until
    publication; a day after publication (a feed's date behind the writer's) is the publication day."""
    span = d.value
    if pub is None or not span.start:
        return span
    if _LEX.since.search(doc.fold(max(0, d.start - 8), min(d.end, d.start + 5))):
        return DateSpan(span.start, max(span.end or span.start, pub.isoformat()), "unknown")
    if span.start > pub.isoformat():
        return DateSpan(pub.isoformat(), pub.isoformat(), "day")
    return span


def attach_date(m: EventMention, ctx: Context) -> None:
    """``ctx.dates`` are the article's ``event_dates``."""
    s = m.clause.span
    pub = ctx.published
    cause = cause_start(m)
    inside = [d for d in ctx.dates if s.start <= d.start < (s.end if cause is None else cause[1])]
    same = _LEX.same_day.search(m.clause.folded, 0, m.fstart)
    if same is not None:
        # وفي اليوم نفسه: the day of the last date before, wherever it stands (its اليوم is no "today")
        at, till = m.clause.original(*same.span())
        inside = [d for d in inside if not at <= d.start < till]
    if inside:
        nearest = min(inside, key=lambda d: abs(d.start - m.trigger.start))
        m.date = _until_now(nearest, ctx.doc, pub)
        m.background = _background(m.date, pub)
        # history only where the year stands by the trigger: "an ISIS leader arrested, involved in attacks in
        # 2018" is an arrest of today
        near = min(abs(nearest.start - m.trigger.end), abs(m.trigger.start - nearest.end)) <= settings.HISTORY_NEAR
        m.history = near and _dated_before(m.date, pub, settings.HISTORY_AFTER)
        return
    para_start = 0 if same is not None else _paragraph(ctx, s.start)[0]
    earlier = [d for d in ctx.dates if para_start <= d.start < s.start]
    if earlier:
        m.date = _until_now(earlier[-1], ctx.doc, pub)
        m.background = _background(m.date, pub)
        return
    if pub:
        # no date in the text: news reports what happened that day or the night before (a daily paper
        # prints yesterday's events), so the window is the publication day and the day before it
        m.date = DateSpan((pub - timedelta(days=1)).isoformat(), pub.isoformat(), "day")
        m.date_inferred = True
