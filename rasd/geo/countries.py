"""Countries as ACLED names them, and the folded form every place name is compared in.

A country is known by its ISO codes, ACLED's name and region (``rasd/data/acled_countries.tsv``) and every name
the gazetteer and ISO give it, English and Arabic. The extraction names its generic actors' country with it
(``Protesters (Morocco)``); the data product's filters, exports and areas build on it
(:mod:`rasd.aggregate.areas`).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rasd import paths
from rasd.caches import word_cache
from rasd.lang.normalize import fold

DATA = paths.ACLED_COUNTRIES
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02be\u02bf'`´]")
_SEPARATORS = re.compile(r"[\s\-_,./()]+")


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
