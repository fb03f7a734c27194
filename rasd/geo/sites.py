"""Named military sites: the positions, barracks, bases and settlements a communiqué lists by name.

``استهدفت موقع "السماقة" الإسرائيلي`` names a place no gazetteer holds; ACLED codes one event per site
struck, and a report of four sites is four events. A site written as a site noun and a quoted name becomes a
scene of its own, placed where the nearest gazetteer place of its sentence is (``في تلال كفرشوبا``) or, when
its sentence names none, in the country the article's places are mostly in, position unknown. A quoted
"موقع" after a reporting word is a website (``ذكر موقع "واللا"``), not a site. A list goes on without its
noun (``ومستوطنتي "سديروت" و"نير عام"``): each quoted name after و is a site too. Positions and barracks are
often named without quotation marks (``موقعي المالكية وجل الدير``, ``ثكنة برانيت``): a name after such a noun
is a site too, unless it is a word the noun often goes on with (``موقع الحادث``, ``موقع عسكري``). So is a town,
village or camp the gazetteer lacks, named after its noun by a word news rarely writes (``مدينة كيليس``, ``بلدة
آمرلي``).
"""

from __future__ import annotations

from collections import Counter

from rasd.document import Document
from rasd.geo.gazetteer import Entry, load
from rasd.geo.resolve import PlaceMention
from rasd.lang.normalize import fold
from rasd.lang.vocab import word_counts
from rasd.lexicon import data as _lexicon_data
from rasd.lexicon import rules as _rules
from rasd.model import Place

_LEX = _rules("places")
#: A word news writes fewer times than this (``place_list_rare``) can be a village's name: what tells one from a
#: common word after a settlement noun (here) or in a list of villages (``rasd.geo.listed``).
RARE_NAME = int(_lexicon_data("places")["place_list_rare"])
#: How far (characters) a gazetteer place may stand from a site to lend it its position.
NEAR_CHARS = 120
#: How far (characters) a place may stand after another to say where that one lies (``شمال محافظة``).
LOCATING_CHARS = 30


def rare_word(word: str) -> bool:
    """Whether news rarely writes ``word`` (every word is, with no vocabulary to tell)."""
    return word_counts().get(word, 0) < RARE_NAME


def _quoted(doc: Document, fs: int, fe: int) -> str:
    """The original text of the folded span ``fs``..``fe`` (a quoted name), trimmed."""
    return doc.text[doc.offsets[fs]:doc.offsets[fe - 1] + 1].strip()


def anchor_near(doc: Document, places: list[PlaceMention], start: int, end: int) -> Place | None:
    """The nearest gazetteer place (town or region) of the sentence holding ``start``, within
    ``NEAR_CHARS`` of the span ``start``..``end``: where a site or a list of villages lies."""
    sentence = next((s for s in doc.sentences if s.start <= start < s.end), None)
    near = [p for p in places if sentence is not None and sentence.start <= p.start < sentence.end
            and (p.place.precision or 4) <= 3 and min(abs(p.start - end), abs(start - p.end)) <= NEAR_CHARS]
    return min(near, key=lambda p: min(abs(p.start - end), abs(start - p.end))).place if near else None


def site_place(name: str, anchor: Place | None, home: str | None) -> Place | None:
    """A site's place: at its ``anchor``, else in the ``home`` country, position unknown (None without one)."""
    if anchor is not None:
        return Place(name=name, lat=anchor.lat, lon=anchor.lon, admin1=anchor.admin1, admin2=anchor.admin2,
                     country=anchor.country, precision=2)
    if home is not None:
        return Place(name=name, country=home, precision=2)
    return None


def _media(doc: Document, noun_start: int, end: int) -> bool:
    """A ``موقع`` that is a website: after a reporting word (ذكر موقع) or before a word of the web (الإلكتروني)."""
    return bool(_LEX.site_is_media.search(doc.folded[max(0, noun_start - 12):noun_start])
                or _LEX.site_is_media.search(doc.folded[end:end + 16]))


def _quoted_sites(doc: Document) -> list[tuple[int, int, str]]:
    """``موقع "السماقة"``, ``ومستوطنتي "سديروت" و"نير عام"``: (folded start, folded end, name) of each."""
    if '"' not in doc.text and "«" not in doc.text and "“" not in doc.text:
        return []
    named = []
    for m in _LEX.named_site.finditer(doc.folded):
        if _media(doc, m.start(1), m.end()):
            continue
        noun = doc.text[doc.offsets[m.start(1)]:doc.offsets[m.end(1) - 1] + 1]
        named.append((m.start(1), m.end(), f"{noun} {_quoted(doc, m.start(2), m.end(2))}"))
        pos = m.end()
        while (more := _LEX.site_more.match(doc.folded, pos)) is not None:  # ``و"نير عام"``: the list goes on
            named.append((more.start(1) - 1, more.end(), _quoted(doc, more.start(1), more.end(1))))
            pos = more.end()
    return named


def _bare_sites(doc: Document) -> list[tuple[int, int, str]]:
    """``موقعي المالكية وجل الدير``, ``ثكنة برانيت``: sites named without quotation marks (a position or barracks
    noun, then a name that is no word a site noun often goes on with: موقع الحادث, موقع عسكري); a dual noun
    names a second site after و."""
    named = []
    for m in _LEX.bare_site.finditer(doc.folded):
        if _LEX.not_site_name.match(m.group(2)) or _media(doc, m.start(1), m.end()):
            continue
        noun, name = _quoted(doc, m.start(1), m.end(1)), _quoted(doc, m.start(2), m.end(2))
        dual = m.group(1).endswith("ي")
        if dual:  # two sites (موقعي, ثكنتي), each named with the singular noun (موقع, ثكنة)
            noun = noun[:-2] + "ة" if noun.endswith("تي") else noun[:-1]
        named.append((m.start(1), m.end(), f"{noun} {name}"))
        more = _LEX.bare_site_more.match(doc.folded, m.end()) if dual else None
        if more is not None and not _LEX.not_site_name.match(more.group(1)):
            named.append((more.start(1), more.end(), f"{noun} {_quoted(doc, more.start(1), more.end())}"))
    return named


def _settlements(doc: Document) -> list[tuple[int, int, str]]:
    """``مدينة كيليس``, ``بلدة آمرلي``: a town, village or camp named after its noun by a name news rarely writes
    otherwise (``مدينة السلام`` is no town's name here) and that is no word such a noun goes on with; towns
    counted (``52 مدينة مغربية``) are named by none."""
    named = []
    for m in _LEX.named_settlement.finditer(doc.folded):
        name = m.group(2)
        if _LEX.not_site_name.match(name) or not (rare_word(name) and rare_word(name.removeprefix("ال"))):
            continue
        noun = doc.offsets[m.start(1)]
        if any(n.start < noun <= n.end + 2 for n in doc.numbers):
            continue  # ``في 52 مدينة مغربية``: towns counted, the word after them says what they are
        named.append((m.start(2), m.end(2), _quoted(doc, m.start(2), m.end(2))))
    return named


def _curated(name: str) -> Entry | None:
    """The curated site (a position, a barracks) the gazetteer holds under ``name`` as a whole, noun included."""
    gaz = load()
    return next((gaz.entries[i] for i in gaz.by_name.get(fold(name), ()) if gaz.entries[i].kind == "site"), None)


def named_sites(doc: Document, places: list[PlaceMention]) -> list[PlaceMention]:
    """The named sites of ``doc`` that none of ``places`` (the gazetteer's) already covers, in text order."""
    named = _quoted_sites(doc)
    extra = (_bare_sites(doc) if _LEX.bare_site_noun.search(doc.folded) else []) + _settlements(doc)
    if extra:
        taken = [(fs, fe) for fs, fe, _ in named]
        named += [b for b in extra if not any(fs < b[1] and b[0] < fe for fs, fe in taken)]
        named.sort()
    if not named:
        return []
    spans = []
    for fs, fe, name in named:
        start, end = doc.offsets[fs], doc.offsets[fe - 1] + 1
        spans.append((start, end, start + len(doc.text[start:end].rstrip(" \"”»")), name))
    # a place that is only the first word of a site's name (موقع "بركة النقار": بركة, a village of Iraq) is no
    # place here, nor where the site lies
    places = [p for p in places if not any(s <= p.start and p.end < last for s, _, last, _ in spans)]
    countries = Counter(p.place.country for p in places if p.place.country)
    home = countries.most_common(1)[0][0] if countries else None
    out = []
    for start, end, _, name in spans:
        known = [p for p in places if p.start < end and start < p.end]
        curated = _curated(name) if known and all(p.place.geonameid is not None for p in known) else None
        if curated is not None:  # موقعي الرمثا: the curated موقع الرمثا, not the town of Jordan its bare name spells
            out.append(PlaceMention(start, end, doc.text[start:end], curated.place(name=name), site=True))
            continue
        if known:
            continue  # the gazetteer knows the name (موقع "المطلة")
        place = site_place(name, anchor_near(doc, places, start, end), home)
        if place is not None:
            out.append(PlaceMention(start, end, doc.text[start:end], place, site=True))
    return out


def without_lenders(doc: Document, places: list[PlaceMention]) -> list[PlaceMention]:
    """``places`` (in text order) without a place the text names only to give the one before it its position
    (قرية الشرجة بالحديدة, بلدة حوارة التابعة لنابلس, بوابة دير الغصون شمال محافظة طولكرم: ``locates``): where that
    one lies, not a second event's place; a list (ومستوطنتي "سديروت" و"نير عام") lends nothing."""
    return [p for p in places if not locates(doc, p)]


def _place_before(doc: Document, p: PlaceMention) -> PlaceMention | None:
    """The scene named last before ``p``."""
    return next((q for q in reversed(doc.scenes) if q.end <= p.start), None)


def position_anchor(doc: Document, p: PlaceMention) -> PlaceMention | None:
    """The place right before ``p`` when the text names ``p`` only to say where that one lies: after it, with a
    direction, "near", "belonging to" or a province's noun between (``حوارة التابعة لنابلس``, ``دير الغصون شمال
    محافظة طولكرم``, ``خور مكسر بعدن``): one place described twice, not two scenes."""
    before = _place_before(doc, p)
    if before is None or p.start - before.end > LOCATING_CHARS or before.place.key() == p.place.key() \
            or (before.place.country and p.place.country and before.place.country != p.place.country):
        return None  # a place does not lie in another country's (جزيرة الخالدية شرقي الرمادي: a homonym)
    gap = doc.fold(before.end, p.start)
    if _LEX.direction_gap.match(gap) and _LEX.direction_led.match(doc.fold(p.start, p.end)):
        return before  # جامعة بير زيت شمالي رام الله: a direction from a town says where the place before lies
    clitic = doc.fold(p.start, p.start + 1)
    if clitic in ("ب", "ل") and not fold(p.place.name or "").startswith(clitic):
        gap += clitic  # بالحديدة, لنابلس: the preposition is written on the name
    return before if _LEX.position_gap.match(gap) is not None else None


def between_anchor(doc: Document, p: PlaceMention) -> PlaceMention | None:
    """The first of two places when ``p`` is the second of "between X and Y" (``المنطقة بين بلدتي المنصوري ومجدل
    زون``, ``الطريق بين اللاذقية والقرداحة``): one spot between them, told by the first, not two scenes."""
    before = _place_before(doc, p)
    if before is None:
        return None
    gap = doc.fold(before.end, p.start)
    if doc.fold(p.start, p.start + 1) == "و" and not fold(p.place.name or "").startswith("و"):
        gap += "و"  # والقرداحة: the و is written on the name
    if not _LEX.between_and.match(gap):
        return None
    return before if _LEX.between_before.search(doc.fold(before.start - 30, before.start)) else None


def locates(doc: Document, p: PlaceMention) -> bool:
    """Whether the text names ``p`` only to say where the place before it lies (``position_anchor``) or as the
    far end of a stretch between two places (``between_anchor``)."""
    return position_anchor(doc, p) is not None or between_anchor(doc, p) is not None
