"""Lists of villages no gazetteer holds: ``سيطرت على أكثر من 20 قرية، أهمها: غزالة ودبسي عفنان ومشرفة الصعب``.

A report of ground taken or struck often lists the villages by name after their noun (قرى, بلدات, مزارع,
أحياء), joined by و; ACLED codes one event per village, and most such villages are missing from GeoNames. Each
name of the list not already a place becomes a scene of its own (a site, as ``rasd.geo.sites`` makes them): the
gazetteer's village of that name in the article's country where there is one (a one-word village wants a cue
to be read as a place, and the list is that cue), else placed where the nearest gazetteer place of its sentence outside the list is or, with none, in the
country the article's places are mostly in, position unknown. A list ends at punctuation, at a word that is no
name (``place_list_stop``) or at an item longer than three words; it needs two names at least, most of them
words news rarely writes (``place_list_rare``).
"""

from __future__ import annotations

from collections import Counter

from rasd.document import Document
from rasd.geo.resolve import PlaceMention, geocode
from rasd.geo.sites import anchor_near, rare_word, site_place
from rasd.lexicon import data as _lexicon_data
from rasd.lexicon import rules as _rules

_LEX = _rules("places")
_DATA = _lexicon_data("places")
_STOP = _LEX.place_list_stop
_RARE_SHARE = float(_DATA["place_list_rare_share"])
#: The longest village name a list item may be (دبسي عفنان, خربة الواوي, مشرفة الغجر: two or three words).
MAX_ITEM_WORDS = 3
_PUNCTUATION = set(".،,:؛;()\"«»“”\n!?؟")


def listed_places(doc: Document, places: list[PlaceMention], taken: list[tuple[int, int]]) -> list[PlaceMention]:
    """The names in ``doc``'s place lists that none of ``places`` (the gazetteer's) or the ``taken`` spans
    (actors, named sites) cover, in text order."""
    if not _LEX.place_list_head.search(doc.folded):
        return []
    countries = Counter(p.place.country for p in places if p.place.country)
    home = countries.most_common(1)[0][0] if countries else None
    out: list[PlaceMention] = []
    for head in _LEX.place_list_head.finditer(doc.folded):
        items = _items(doc.folded, head.end())
        if len(items) < 2 or not _names_rare(doc.folded, items):
            continue
        spans = [(doc.offsets[s], doc.offsets[e - 1] + 1) for s, e in items]
        list_start, list_end = spans[0][0], spans[-1][1]
        sentence = next((s for s in doc.sentences if s.start <= list_start < s.end), None)
        anchor = anchor_near(doc, [p for p in places if not list_start <= p.start < list_end], list_start, list_end)
        for start, end in spans:
            if any(p.start < end and start < p.end for p in places) or any(s < end and start < e for s, e in taken):
                continue
            name = doc.text[start:end]
            known = geocode(name, sentence.text if sentence is not None else None)
            if known is not None and known.precision == 1 and known.country in (home, anchor and anchor.country):
                # a village the gazetteer holds but wants a cue for (حمورية, سقبا): the list is the cue
                out.append(PlaceMention(start, end, name, known, site=True))
                continue
            place = site_place(name, anchor, home)
            if place is not None:
                out.append(PlaceMention(start, end, name, place, site=True))
    return out


def _names_rare(folded: str, items: list[tuple[int, int]]) -> bool:
    """Whether a list reads as village names: most of its names hold a word news rarely writes (بيت نايم,
    خربة هويدة; a list of common words, ``السورية والعراقية``, ``المدينة ونقلهم``, is no list of places)."""
    rare = sum(1 for s, e in items if any(rare_word(w) for w in folded[s:e].split()))
    return rare >= _RARE_SHARE * len(items)


def _items(folded: str, pos: int) -> list[tuple[int, int]]:
    """The folded spans of the names of a list that starts at ``pos``: the first name, then each name that
    a word starting with و opens (``ووادي كبرة``: the name keeps its own و)."""
    items: list[list[int]] = []
    i, n = pos, len(folded)
    while i < n:
        while i < n and folded[i] == " ":
            i += 1
        j = i
        while j < n and folded[j] != " " and folded[j] not in _PUNCTUATION:
            j += 1
        if j == i:
            break  # punctuation: the list ends
        word = folded[i:j]
        bare = word[1:] if word.startswith("و") and len(word) > 2 else word
        if bare in _STOP or word in _STOP or any(c.isdigit() for c in word):
            break
        if word.startswith("و") and items:
            items.append([i + 1, j])  # a new name after و
        elif not items:
            items.append([i, j])
        else:
            items[-1][1] = j  # the name goes on (دبسي عفنان)
        if len(folded[items[-1][0]:items[-1][1]].split()) > MAX_ITEM_WORDS:
            items.pop()
            break
        i = j
    return [(s, e) for s, e in items]
