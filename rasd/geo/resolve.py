"""Find place mentions in Arabic text and resolve them to gazetteer places.

One Aho-Corasick pass over the folded text finds every gazetteer key; a hit counts only on word
boundaries, after an allowed clitic chain (``و ف`` + ``ب ل`` + the article; not ``ك`` "like": ``كنيس`` is no
Nice), and the longest hit wins.
Each mention is then widened into a region expression when the words around it say so (``ريف X
الشرقي``, ``شمال غربي سوريا``, ``قرب X``) and its homonyms are ranked by the article's evidence: the
countries and provinces it names, places near the other places it names, and population.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rasd import settings
from rasd.caches import word_cache
from rasd.document import Document
from rasd.geo.countries import country
from rasd.geo.distance import great_circle_km
from rasd.geo.gazetteer import Entry, Gazetteer, load
from rasd.geo.regions import widen
from rasd.lang.normalize import fold, normalize_with_map
from rasd.lang.vocab import word_counts
from rasd.lexicon import data as _lexicon_data
from rasd.lexicon import rules as _rules
from rasd.model import Mention, Place

_LEX = _rules("places")

_LETTER = frozenset(chr(c) for c in range(0x0621, 0x064B))
_PLAIN_PREFIXES = frozenset({"", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"})
_ARTICLE_PREFIXES = frozenset({"ال", "وال", "فال", "بال", "وبال", "فبال", "لل", "ولل", "فلل"})
#: Words that announce a place: a small village named like a common word needs one of them before it.
_CUE = _LEX.cue
CORE_COUNTRIES = frozenset("SY IQ LB PS IL JO YE".split())
#: Settlement nouns after which a name the gazetteer knows without the article may take it (قضاء الدبس).
_SETTLEMENT_CUE = _LEX.settlement_cue
#: Clitics before a region word (بريف, وشمال): the place's name starts after them.
_REGION_CLITICS = _LEX.region_clitics
#: A preposition of nearness (قرب منبج): not part of the name; the place's name is the town's.
_NEAR_HEAD = _LEX.near_head
#: First words of compound names (أبو حمام, تل رفعت): a hit right after one is the tail of an unknown name.
_COMPOUND_HEAD = _LEX.compound_head
_KUNYA_BEFORE = _LEX.kunya_before
_MEDIA_BEFORE = _LEX.media_before
_WEAPON_BEFORE = _LEX.weapon_before
_TERM_AFTER = _LEX.term_after
_DATELINE_AFTER = _LEX.dateline_after
_NAMED_FOR_REGION = _LEX.named_for_region
_QUARTER_BEFORE = _LEX.quarter_before
_STREET_BEFORE = _LEX.street_before
_TOLD_QUOTE = _LEX.told_quote
_TIME_ZONE_BEFORE = _LEX.time_zone_before
_TOLD_BEFORE = _LEX.told_before
_TOLD_TO_WORD = _LEX.told_to_word
_TITLE_BEFORE = _LEX.title_before
_COMMON_WORD_NAMES = frozenset(_lexicon_data("places")["common_word_names"]["words"])
_COMMON_WORD_NEXT = _LEX.common_word_next


@dataclass(slots=True)
class PlaceMention:
    """A place named in the text: ``text[start:end]`` as written, and the place it resolves to."""

    start: int
    end: int
    text: str
    place: Place
    candidates: int = 1  # how many gazetteer places share the name (1 = unambiguous)
    site: bool = False  # a named military site (rasd.geo.sites), not a gazetteer place

    def to_mention(self) -> Mention:
        ref = str(self.place.geonameid) if self.place.geonameid is not None else None
        return Mention(self.start, self.end, self.text, "PLACE", ref)


@dataclass(slots=True)
class _Hit:
    start: int  # folded offsets, prefix included in word_start
    end: int
    word_start: int
    candidates: tuple[int, ...]


def _usage(word: str) -> int:
    return word_counts().get(word, 0)


def _hits(folded: str, gaz: Gazetteer) -> list[_Hit]:
    """Every gazetteer key on word boundaries behind an allowed clitic chain, longest first, no overlaps."""
    found: list[_Hit] = []
    n = len(folded)
    for end, (length, cands) in gaz.automaton.iter(folded):
        if end + 1 < n and folded[end + 1] in _LETTER:
            continue
        start = end - length + 1
        ws = start
        while ws > 0 and folded[ws - 1] in _LETTER and start - ws < 5:
            ws -= 1
        if ws > 0 and folded[ws - 1] in _LETTER:
            continue
        prefix = folded[ws:start]
        ok = tuple(i for i, needs_article in cands
                   if prefix in (_ARTICLE_PREFIXES if needs_article else _PLAIN_PREFIXES))
        if not ok and prefix in _ARTICLE_PREFIXES and _SETTLEMENT_CUE.search(folded, max(0, ws - 20), ws):
            ok = tuple(i for i, needs_article in cands if not needs_article)
        if ok and prefix and prefix != "ال":
            # ك + بيرا or ف + رانس: when news writes the whole word more often than the name, it is a word.
            word = folded[ws:end + 1]
            name = folded[start:end + 1]
            if _usage(word) > _usage("ال" + name if prefix.endswith(("ال", "لل")) else name):
                continue
        if ok:
            found.append(_Hit(start, end + 1, ws, ok))
    found.sort(key=lambda h: (-(h.end - h.start), len(folded[h.word_start:h.start]), h.start))
    by_end: dict[int, list[_Hit]] = {}
    for hit in found:
        by_end.setdefault(hit.end, []).append(hit)
    taken: list[_Hit] = []
    occupied = bytearray(n)
    for hit in found:
        if occupied.find(1, hit.word_start, hit.end) != -1:
            continue
        # ``مدينة زنجبار`` is a name of Zanzibar and ``زنجبار`` one of Zinjibar too: the longer name does not
        # rule out the places its tail names after a settlement word
        tails = [t for t in by_end[hit.end] if t.start > hit.start
                 and _SETTLEMENT_CUE.search(folded[hit.start:t.start]) is not None]
        if tails:
            hit.candidates = tuple(dict.fromkeys(hit.candidates + tuple(i for t in tails for i in t.candidates)))
        taken.append(hit)
        occupied[hit.word_start:hit.end] = b"\x01" * (hit.end - hit.word_start)
    taken.sort(key=lambda h: h.start)
    return taken


def _km(a: Entry, lat: float | None, lon: float | None) -> float:
    if a.lat is None or a.lon is None or lat is None or lon is None:
        return 1e9
    return great_circle_km(a.lat, a.lon, lat, lon)


@dataclass(slots=True)
class _Evidence:
    """What the whole article says about where it is."""

    countries: dict[str, float]
    admin1: set[tuple[str, str]]
    anchors: list[Entry]
    named: set[tuple[str, tuple[int, ...]]] = field(default_factory=set)  # (country, a name's candidates)


def _collect(gaz: Gazetteer, hits: list[_Hit]) -> _Evidence:
    countries: dict[str, float] = {}
    admin1: set[tuple[str, str]] = set()
    anchors: list[Entry] = []
    named: set[tuple[str, tuple[int, ...]]] = set()
    for hit in hits:
        ents = [gaz.entries[i] for i in hit.candidates]
        ccs = {e.country for e in ents}
        weight = 1.0 / len(ccs)
        for cc in ccs:
            countries[cc] = countries.get(cc, 0.0) + weight
            named.add((cc, hit.candidates))
        if len(ents) == 1 or len({(e.country, e.admin1) for e in ents}) == 1:
            e = ents[0]
            if e.admin1:
                admin1.add((e.country, e.admin1))
            if e.kind not in ("country", "region") and e.lat is not None:
                anchors.append(e)
    return _Evidence(countries, admin1, anchors, named)


_KIND_BONUS = {"country": 3.0, "region": 5.0, "adm1": 4.0, "adm2": 0.5, "town": 0.0, "adm3": 0.0, "adm4": -0.5}


def _score(e: Entry, ev: _Evidence) -> float:
    score = math.log10(e.population + 10) + _KIND_BONUS.get(e.kind, 0.0)
    if e.geonameid is not None and e.kind == "adm3":
        score += 1.0
    focus = ev.countries.get(e.country, 0.0)
    # the article's own country weighs most: relative to the most named country, so that many mentions
    # of an ambiguous name (طرابلس: Lebanon or Libya) cannot tie two countries at a cap
    top = max(ev.countries.values(), default=0.0)
    score += (min(focus, 3.0) * 2.5) * (focus / top if top else 0.0)
    if e.country in CORE_COUNTRIES:
        score += 1.5
    if (e.country, e.admin1) in ev.admin1:
        score += 2.0
    if e.lat is not None and any(a.index != e.index and _km(a, e.lat, e.lon) < settings.ANCHOR_KM for a in ev.anchors):
        score += 2.5
    return score


def _best(gaz: Gazetteer, candidates: tuple[int, ...], ev: _Evidence) -> Entry:
    ents = [gaz.entries[i] for i in candidates]
    if len(ents) == 1:
        return ents[0]
    return max(ents, key=lambda e: (_score(e, ev), e.population, -e.index))


def _named_elsewhere(hit: _Hit, e: Entry, ev: _Evidence) -> bool:
    """Whether the article names places of ``e``'s country by other names than ``hit``'s (a quarter called
    الرشيد in Tulkarm, however often named, is no town of Egypt)."""
    return any(c == e.country and cands != hit.candidates for c, cands in ev.named)


def _far(country_code: str | None) -> bool:
    """Whether a country lies outside the regions the news covers (its town inside a person's name is his)."""
    home = country(country_code)
    return home is not None and home.region not in settings.NEWS_REGIONS


def _needs_cue(e: Entry, surface: str) -> bool:
    """A village whose name is one short word must be introduced as a place or sit near named places; so must
    a town of one word far from the region the news covers, unless it is a great city (``فوجئ المصلون`` is no
    Fuji in Japan, the kunya ``أبا العدل`` no Aba in Nigeria; ``واشنطن`` and ``باريس`` need their في), and a
    place named like a common word of the news (``يهود``, ``مشهد``: ``common_word_names``)."""
    if " " in surface:
        return False
    if surface in _COMMON_WORD_NAMES:
        return True
    if e.kind not in ("town", "adm4", "adm3"):
        return False
    if e.population < settings.SMALL_PLACE_POPULATION and len(surface) <= 6:
        return True
    return _far(e.country) and e.population < settings.GREAT_CITY_POPULATION


@dataclass(slots=True)
class PlaceCandidates:
    """The gazetteer's reading of one text, before named entities are known: each hit resolved and kept
    with its population (``resolve_places`` then drops what the entities say are not places)."""

    #: (mention, population of its gazetteer entry (a curated site counts as proven), the name's own span before any
    #: widening)
    found: list[tuple[PlaceMention, int, tuple[int, int]]]
    evidence: _Evidence
    #: spans the gazetteer knows but the words around say are no place here (مشهد التظاهرات, حي الرشيد in
    #: Tulkarm, a bureau's dateline): the named-entity tagger's LOC there is no place either
    refused: list[tuple[int, int]] = field(default_factory=list)


def place_candidates(text: str, folded: str, offsets: list[int]) -> PlaceCandidates:
    """Every gazetteer place named in ``text`` (``folded``/``offsets`` its folded view), resolved."""
    gaz = load()
    hits = _hits(folded, gaz)
    ev = _collect(gaz, hits)
    found: list[tuple[PlaceMention, int, tuple[int, int]]] = []
    refused: list[tuple[int, int]] = []
    for hit in hits:
        entry = _best(gaz, hit.candidates, ev)
        surface = folded[hit.start:hit.end]
        if _needs_cue(entry, surface.strip()):
            before = folded[max(0, hit.word_start - 20):hit.word_start]
            if not _CUE.search(before) and not _near_anchor(entry, ev):
                continue
        if _COMPOUND_HEAD.search(folded[max(0, hit.word_start - 8):hit.word_start]) \
                or _KUNYA_BEFORE.search(folded[max(0, hit.word_start - 20):hit.word_start]):
            continue
        if _other_word(folded, hit, entry, ev, surface.strip()):
            refused.append((offsets[hit.start], offsets[hit.end - 1] + 1))
            continue
        before = folded[max(0, hit.word_start - 60):hit.word_start]
        if (folded[hit.word_start:hit.start] in ("ل", "لل") and told_to(before)) or _told_by_word(before):
            continue
        if _told_quoted(before):
            continue  # ل"الرياض": a newspaper told
        name_span = start, end = offsets[hit.word_start], offsets[hit.end - 1] + 1
        widened = widen(folded, hit.word_start, hit.end, entry, gaz)
        if widened is not None:
            ws, we, place = widened
            start, end = offsets[ws], offsets[we - 1] + 1
            place.name = display_name(text, folded, offsets, ws, ws, we, hit)
        else:
            place = entry.place()
            place.name = display_name(text, folded, offsets, hit.word_start, hit.start, hit.end, hit)
        mention = PlaceMention(start, end, text[start:end], place, len(hit.candidates))
        # a curated site (a base, a field, a position) is a facility the tagger often reads as an organisation:
        # its name needs no more proof than a great city's
        found.append((mention, settings.NAME_PROOF_POPULATION if entry.kind == "site" else entry.population,
                      name_span))
    return PlaceCandidates(found, ev, refused)


def _other_word(folded: str, hit: _Hit, entry: Entry, ev: _Evidence, surface: str) -> bool:
    """Whether the words around a gazetteer hit say it names something else here: a common word (مشهد
    التظاهرات, المطلة على النهر), a quarter or a street (حي صلاح الدين, حي الرشيد بطولكرم, شارع الناصرة), an outlet, a
    weapon, a title, a term (القبة الحديدية) or a bureau's dateline."""
    if surface in _COMMON_WORD_NAMES and _COMMON_WORD_NEXT.match(folded, hit.end):
        return True
    lead = folded[max(0, hit.word_start - 12):hit.word_start]
    if (entry.kind in ("adm1", "adm2", "region", "country") and _NAMED_FOR_REGION.search(lead)) or (
            _QUARTER_BEFORE.search(lead) and not _named_elsewhere(hit, entry, ev)) or _STREET_BEFORE.search(lead):
        return True
    return bool(named_otherwise(folded[max(0, hit.word_start - 24):hit.word_start])
                or _TERM_AFTER.match(folded, hit.end, hit.end + 12) or _DATELINE_AFTER.match(folded, hit.end))


def display_name(text: str, folded: str, offsets: list[int], ws: int, start: int, end: int, hit: _Hit) -> str:
    """The place's name as written, without the clitics and prepositions before it (``بإدلب`` -> ``إدلب``,
    ``لمدينة غزّة`` -> ``مدينة غزّة``, ``بريف حلب`` -> ``ريف حلب``, ``قرب منبج`` -> ``منبج``); the article
    stays (``والبوكمال`` -> ``البوكمال``, ``للرقة`` -> ``الرقة``). Folded offsets ``ws``..``end``."""
    if ws < hit.word_start:  # a region expression
        if _NEAR_HEAD.match(folded[ws:hit.word_start]):
            ws = hit.word_start
        else:
            lead = _REGION_CLITICS.match(folded[ws:hit.word_start])
            return text[offsets[ws + (lead.end() if lead else 0)]:offsets[end - 1] + 1]
    prefix = folded[ws:hit.start]
    tail = text[offsets[hit.start]:offsets[end - 1] + 1]
    if prefix.endswith("ال"):
        return text[offsets[hit.start - 2]:offsets[end - 1] + 1]
    if prefix.endswith("لل"):  # ل + ال written with one lam
        return "ال" + tail
    return tail


def named_otherwise(before: str) -> bool:
    """Whether a place name after the folded text ``before`` names something else: an outlet (مراسل الميادين,
    قناة الجزيرة), a weapon (صواريخ بركان, صاروخ "فلق"), a clock time's zone (الساعة 14 : 59 (مكة المكرمة)), a
    person after a rank (العقيد ونيس)."""
    return bool(_MEDIA_BEFORE.search(before[-16:]) or _WEAPON_BEFORE.search(before[-16:])
                or _TIME_ZONE_BEFORE.search(before) or _TITLE_BEFORE.search(before[-16:]))


def _told_quoted(before: str) -> bool:
    """Whether a name after the folded text ``before`` is quoted right after ل (``قالت مصادر ل"الرياض"``): an
    outlet told or a body something belongs to, no place."""
    return _TOLD_QUOTE.search(before) is not None


def _told_by_word(before: str) -> bool:
    """Whether a name after ``إلى`` is who a source speaks to (``في حديث إلى الميادين``), not where anyone went
    (``وصلت إلى الميادين``): the words before ``إلى`` end with a source or a reporting word."""
    word = _TOLD_TO_WORD.search(before)
    return word is not None and told_to(before[:word.start()])


def told_to(before: str) -> bool:
    """Whether a name after ``ل`` is who a source speaks to (``مصادر ميدانية للميادين``): the folded text
    ``before`` it ends with a source or a reporting verb and at most a few words."""
    return bool(_TOLD_BEFORE.search(before))


def resolve_places(cands: PlaceCandidates, text: str, entities: list[Mention] | None = None) -> list[PlaceMention]:
    """The place mentions of ``cands`` given the NER's ``entities``: a gazetteer hit on a small place
    that the NER saw as a person or organisation is dropped; a LOC span the gazetteer missed is geocoded
    on its own."""
    non_loc = [(m.start, m.end) for m in entities or () if m.label in ("PER", "ORG")]
    out = [p for p, population, (ns, ne) in cands.found
           if not ((population < settings.NAME_PROOF_POPULATION or _far(p.place.country))
                   and any(s <= ns and ne <= e for s, e in non_loc))]
    if entities:
        covered = [(m.start, m.end) for m in out]
        for m in entities:
            if m.label != "LOC" or any(s < m.end and m.start < e for s, e in covered + cands.refused) \
                    or named_otherwise(fold(text[max(0, m.start - 24):m.start])) \
                    or (m.text.startswith("لل") and told_to(fold(text[max(0, m.start - 60):m.start]))) \
                    or _told_by_word(fold(text[max(0, m.start - 60):m.start])) \
                    or _told_quoted(fold(text[max(0, m.start - 60):m.start])):
                continue
            place = _geocode(m.text, cands.evidence)
            if place is not None:
                out.append(PlaceMention(m.start, m.end, m.text, place))
        out.sort(key=lambda m: m.start)
    return out


def add_places(doc: Document) -> None:
    """The gazetteer's places of ``doc`` (before named entities: the entities step may refine them)."""
    doc.place_candidates = place_candidates(doc.text, doc.folded, doc.offsets)
    doc.places = resolve_places(doc.place_candidates, doc.text)


def find_places(text: str, entities: list[Mention] | None = None) -> list[PlaceMention]:
    """Place mentions in ``text`` (spans into the original text) with their resolved places.

    ``entities`` are the NER's mentions: a LOC span that the gazetteer missed is geocoded on its own, and a
    gazetteer hit on a small place that the NER saw as a person or organisation is dropped.
    """
    return resolve_places(place_candidates(text, *normalize_with_map(text)), text, entities)


def _near_anchor(e: Entry, ev: _Evidence) -> bool:
    return any(a.index != e.index and _km(a, e.lat, e.lon) < settings.ANCHOR_KM for a in ev.anchors)


def geocode(name: str, context: str | None = None) -> Place | None:
    """The place ``name`` denotes (as a whole), ranked by ``context`` when given; None when unknown.

    The name must be a gazetteer name or a region expression built on one, spanning the whole input (after
    clitics): a longer phrase that merely contains a place name is not that place.
    """
    return _geocode(name, _context_evidence(context) if context else None)


@word_cache(64)
def _context_evidence(context: str) -> _Evidence:
    """What ``context`` says about where it is, read once for the names geocoded in it (a list of villages
    asks of its sentence once per name)."""
    gaz = load()
    return _collect(gaz, _hits(normalize_with_map(context)[0], gaz))


def _geocode(name: str, ev: _Evidence | None) -> Place | None:
    """``geocode`` with the context's evidence already collected (None: the name is its own context)."""
    gaz = load()
    raw = name.strip()
    unsqueezed, offsets = normalize_with_map(raw)
    folded = " ".join(unsqueezed.split())
    hits = _hits(folded, gaz)
    if not hits:
        return None
    if ev is None:
        ev = _collect(gaz, hits)
    for hit in hits:
        entry = _best(gaz, hit.candidates, ev)
        widened = widen(folded, hit.word_start, hit.end, entry, gaz)
        if widened is not None and widened[0] == 0 and widened[1] == len(folded):
            place = widened[2]
        elif hit.word_start == 0 and hit.end == len(folded):
            place = entry.place()
            if folded == unsqueezed:  # ويارين: the conjunction written on the name is no part of it
                place.name = display_name(raw, folded, offsets, 0, hit.start, hit.end, hit)
                return place
        else:
            continue
        place.name = raw
        return place
    return None
