"""Places as an analyst thinks of them: a country, its admin1 and admin2 areas, and every name of each.

The gazetteer knows a province under several spellings (GeoNames' ``Idlib``, OCHA's ``Idleb``, Arabic
``إدلب``, ``محافظة إدلب``); towns carry one of them as their ``admin1``. This module gathers the names of
one area together, so that a filter on any of them finds the same events, and gives each area one English
name for exports and one Arabic name for display. Countries are named as ACLED writes them
(``rasd/data/acled_countries.tsv``). Names are compared folded (:func:`fold_name`): Arabic orthographic
variants, Latin diacritics and case, hyphens and apostrophes.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rasd import paths
from rasd.caches import word_cache
from rasd.lang.normalize import fold
from rasd.lexicon import rules

DATA = paths.ACLED_COUNTRIES
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02be\u02bf'`´]")
_SEPARATORS = re.compile(r"[\s\-_,./()]+")
_PROVINCE_WORD = rules("places").province_word


@word_cache(131072)
def fold_name(name: str) -> str:
    """The form names are compared in: ``Sarmīn`` = ``sarmin``, ``Deir ez-Zor`` = ``deir ez zor``,
    ``إدلب`` = ``ادلب``."""
    s = fold(name)
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s)
                    if not (unicodedata.category(ch) == "Mn" and ord(ch) < 0x0600))
        s = unicodedata.normalize("NFC", s)
    s = _APOSTROPHES.sub("", s.lower())
    return " ".join(_SEPARATORS.sub(" ", s).split())


def search_key(names: Iterable[str | None]) -> str:
    """``|name|name|``: folded names for exact (``|x|``) and part (``x``) matches in SQL."""
    folded = sorted({f for n in names if n and (f := fold_name(n))})
    return "|" + "|".join(folded) + "|" if folded else ""


# -- countries -------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Country:
    alpha2: str
    alpha3: str
    numeric: str  # ACLED's `iso`
    name: str  # as ACLED writes it
    region: str  # ACLED's region
    names: tuple[str, ...]  # every name it is known by (English, Arabic)
    name_ar: str | None = None


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO alpha-2 -> :class:`Country` with its ACLED name, region and every name it is known by."""
    import pycountry

    from rasd.geo.gazetteer import load

    arabic: dict[str, set[str]] = {}
    name_ar: dict[str, str] = {}
    for e in load().entries:
        if e.kind == "country":
            arabic.setdefault(e.country, set()).update([e.name_ar, e.name_en, *e.names])
            name_ar.setdefault(e.country, e.name_ar)
    out: dict[str, Country] = {}
    with open(DATA, encoding="utf-8") as fh:
        for row in csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            a2, a3, num, name, region = row
            c = pycountry.countries.get(alpha_2=a2)
            iso_names = {getattr(c, k, None) for k in ("name", "official_name", "common_name")} if c else set()
            names = {name, *iso_names, *arabic.get(a2, set())} - {None, ""}
            out[a2] = Country(a2, a3, num, name, region, tuple(sorted(names)),  # type: ignore[arg-type]
                              name_ar.get(a2) or None)
    return out


def country(alpha2: str | None) -> Country | None:
    return countries().get((alpha2 or "").upper()) if alpha2 else None


def resolve_country(text: str) -> str | None:
    """The ISO alpha-2 code a user means: a code (SY, SYR, 760) or any name (Syria, سوريا)."""
    t = text.strip()
    cs = countries()
    if t.upper() in cs:
        return t.upper()
    key = fold_name(t)
    for c in cs.values():
        if key in (c.alpha3.lower(), c.numeric) or key in {fold_name(n) for n in c.names}:
            return c.alpha2
    return None


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
