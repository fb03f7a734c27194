"""Places as an analyst thinks of them: a country, its admin1 and admin2 areas, and every name of each.

The gazetteer knows a province under several spellings (GeoNames' ``Idlib``, OCHA's ``Idleb``, Arabic
``إدلب``, ``محافظة إدلب``); towns carry one of them as their ``admin1``. This module gathers the names of
one area together, so that a filter on any of them finds the same events, and gives each area one English
name for exports and one Arabic name for display. Countries, named as ACLED writes them, and the folded form
names are compared in come from :mod:`rasd.geo.countries` (the extraction needs them too).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rasd.geo.countries import Country, countries, country, fold_name, resolve_country
from rasd.lang.normalize import fold
from rasd.lexicon import rules

__all__ = ["Area", "Country", "admin1_area", "admin2_area", "areas_of", "countries", "country", "fold_name",
           "place_names", "resolve_country", "search_key"]

_PROVINCE_WORD = rules("places").province_word


def search_key(names: Iterable[str | None]) -> str:
    """``|name|name|``: folded names for exact (``|x|``) and part (``x``) matches in SQL."""
    folded = sorted({f for n in names if n and (f := fold_name(n))})
    return "|" + "|".join(folded) + "|" if folded else ""


# -- admin areas -------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Area:
    name_en: str  # the name exports carry
    name_ar: str | None
    names: tuple[str, ...]


def _group_key(country_code: str, name_ar: str) -> tuple[str, str]:
    return country_code, _PROVINCE_WORD.sub("", fold(name_ar or "")).strip()


@lru_cache(maxsize=1)
def _admin_index() -> tuple[dict[tuple[str, str], Area], dict[tuple[str, str], list[tuple[str, Area]]]]:
    """(country, folded admin1 name) -> its Area; (country, folded admin2 name) -> [(admin1 key, Area)]."""
    from rasd.geo.gazetteer import load

    gaz = load()
    groups: dict[tuple[str, str], list] = {}
    for e in gaz.entries:
        if e.kind == "adm1":
            groups.setdefault(_group_key(e.country, e.name_ar), []).append(e)
    admin1: dict[tuple[str, str], Area] = {}
    for ents in groups.values():
        # OCHA's unit (key ocha:) first: towns name their province the way OCHA does
        ents.sort(key=lambda e: (not e.key.startswith("ocha:"), e.key))
        names = {n for e in ents for n in (e.name_ar, e.name_en, e.admin1, *e.names) if n}
        first = ents[0]
        ar = next((e.name_ar for e in ents if e.key.startswith("ocha:")), first.name_ar)
        area = Area(first.admin1 or first.name_en, ar, tuple(sorted(names)))
        for n in names:
            admin1.setdefault((first.country, fold_name(n)), area)
    admin2: dict[tuple[str, str], list[tuple[str, Area]]] = {}
    for e in gaz.entries:
        if e.kind != "adm2":
            continue
        names = {n for n in (e.name_ar, e.name_en, e.admin2, *e.names) if n}
        area = Area(e.admin2 or e.name_en, e.name_ar or None, tuple(sorted(names)))
        parent = admin1.get((e.country, fold_name(e.admin1 or "")))
        for n in names:
            admin2.setdefault((e.country, fold_name(n)), []).append((parent.name_en if parent else "", area))
    return admin1, admin2


def admin1_area(country_code: str | None, admin1: str | None) -> Area | None:
    if not admin1:
        return None
    found = _admin_index()[0].get((country_code or "", fold_name(admin1)))
    return found or Area(admin1, None, (admin1,))


def admin2_area(country_code: str | None, admin1_en: str | None, admin2: str | None) -> Area | None:
    if not admin2:
        return None
    found = _admin_index()[1].get((country_code or "", fold_name(admin2)), [])
    pick = next((a for parent, a in found if parent == admin1_en), found[0][1] if found else None)
    if pick is None:
        return Area(admin2, None, (admin2,))
    return Area(admin2, pick.name_ar, tuple(sorted({admin2, *pick.names})))


@dataclass(frozen=True, slots=True)
class PlaceAreas:
    """What the canonical tables store about where an event is."""

    country_name: str | None
    admin1: str | None
    admin1_ar: str | None
    admin2: str | None
    admin2_ar: str | None
    place_search: str
    admin1_search: str
    admin2_search: str


def place_names(geonameid: int | None) -> tuple[str, ...]:
    """The gazetteer's names of a town (Arabic alternates and English)."""
    if geonameid is None:
        return ()
    from rasd.geo.gazetteer import load

    gaz = load()
    i = gaz.by_geonameid.get(geonameid)
    if i is None:
        return ()
    e = gaz.entries[i]
    return (e.name_ar, e.name_en, *e.names)


def areas_of(country_code: str | None, admin1: str | None, admin2: str | None, geonameid: int | None,
             name: str | None, name_en: str | None) -> PlaceAreas:
    c = country(country_code)
    a1 = admin1_area(country_code, admin1)
    a2 = admin2_area(country_code, a1.name_en if a1 else None, admin2)
    own = [name, name_en, *place_names(geonameid)]
    if name_en and "(" in name_en:  # "Idlib (countryside, north)": the unit's own name is a name of it too
        own.append(name_en.split("(")[0])
    all_names = own + list(a2.names if a2 else ()) + list(a1.names if a1 else ()) + list(c.names if c else ())
    return PlaceAreas(
        country_name=c.name if c else None,
        admin1=a1.name_en if a1 else None, admin1_ar=a1.name_ar if a1 else None,
        admin2=a2.name_en if a2 else None, admin2_ar=a2.name_ar if a2 else None,
        place_search=search_key(all_names), admin1_search=search_key(a1.names if a1 else ()),
        admin2_search=search_key(a2.names if a2 else ()),
    )
