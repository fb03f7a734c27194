"""The shipped gazetteer (``rasd/data/gazetteer.tsv.gz``) and its Aho-Corasick automaton, loaded once.

Keys are folded Arabic names. A name written with the article also gets a key without it, flagged so that
it only matches after ``ال`` (``والبوكمال``, ``للرقة``) and never as a bare word (``رقه`` would match
``ورقه``, paper). Multi-word names also get a joined key (``ديرالزور``).
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from rasd import paths
from rasd.model import Place

KIND_PRECISION = {"town": 1, "adm4": 2, "adm3": 2, "adm2": 3, "adm1": 3, "region": 3, "country": 4}


@dataclass(slots=True, frozen=True)
class Entry:
    """One gazetteer place."""

    index: int
    key: str
    kind: str  # town / adm1 / adm2 / adm3 / adm4 / region / country
    precision: int
    name_ar: str
    name_en: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str
    admin1: str
    admin2: str
    population: int
    names: tuple[str, ...]
    extent: tuple[float, float, float, float] | None  # south, west, north, east

    def place(self, name: str | None = None, precision: int | None = None,
              lat: float | None = None, lon: float | None = None) -> Place:
        """The model record for this entry, as written in the text when ``name`` is given."""
        return Place(name=name or self.name_ar or None, name_en=self.name_en or None, geonameid=self.geonameid,
                     lat=self.lat if lat is None else round(lat, 5), lon=self.lon if lon is None else round(lon, 5),
                     admin1=self.admin1 or None, admin2=self.admin2 or None, country=self.country or None,
                     precision=precision or self.precision)


@dataclass(slots=True, frozen=True)
class Gazetteer:
    entries: tuple[Entry, ...]
    #: folded key -> (key length, ((entry index, needs article), ...))
    automaton: ahocorasick.Automaton
    by_name: dict[str, tuple[int, ...]]
    by_geonameid: dict[int, int]
    countries: dict[str, int]  # ISO alpha-2 -> entry index
    admin1: dict[tuple[str, str], int]  # (country, admin1 name) -> entry index of the unit


def _float(s: str) -> float | None:
    return float(s) if s else None


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read the gazetteer and build the automaton (once per process; ~0.3 s)."""
    entries: list[Entry] = []
    keys: dict[str, dict[int, bool]] = {}
    by_name: dict[str, list[int]] = {}
    with gzip.open(paths.GAZETTEER, "rt", encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        next(reader)
        for row in reader:
            (key, kind, precision, name_ar, name_en, gid, lat, lon, country, admin1, admin2, pop, names,
             extent) = row
            names_t = tuple(n for n in names.split("|") if n)
            idx = len(entries)
            entries.append(Entry(idx, key, kind, int(precision), name_ar, name_en, int(gid) if gid else None,
                                 _float(lat), _float(lon), country, admin1, admin2, int(pop), names_t,
                                 tuple(float(x) for x in extent.split(",")) if extent else None))  # type: ignore[arg-type]
            if _float(lat) is None:
                continue
            for name in names_t:
                by_name.setdefault(name, []).append(idx)
                keys.setdefault(name, {})[idx] = False
                if name.startswith("ال") and len(name) > 4:
                    keys.setdefault(name[2:], {}).setdefault(idx, True)
                if " " in name:
                    joined = name.replace(" ", "")
                    if len(joined) >= 6:
                        keys.setdefault(joined, {}).setdefault(idx, False)
    automaton = ahocorasick.Automaton()
    for key, cands in keys.items():
        automaton.add_word(key, (len(key), tuple(cands.items())))
    automaton.make_automaton()
    by_gid = {e.geonameid: e.index for e in entries if e.geonameid is not None and e.kind in ("town", "country")}
    countries = {e.country: e.index for e in entries if e.kind == "country"}
    admin1: dict[tuple[str, str], int] = {}
    for e in entries:
        if e.kind == "adm1" and e.lat is not None:
            admin1.setdefault((e.country, e.admin1), e.index)
            admin1.setdefault((e.country, e.name_en), e.index)
    return Gazetteer(tuple(entries), automaton, {k: tuple(v) for k, v in by_name.items()}, by_gid, countries,
                     admin1)
