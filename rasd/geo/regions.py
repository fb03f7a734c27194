"""Region expressions built on a place name: ``ريف دير الزور الشرقي``, ``شمال غربي سوريا``, ``قرب منبج``.

News places most events in a province's countryside or a country's quarter rather than in a town. The
words around a matched name say which: ``ريف X`` (+ a direction adjective) is X's countryside, a compass
word before a country or province is that part of it, and ``قرب``/``محيط``/``أطراف`` X is near X. The
representative point is X's point moved towards the direction: by a share of the unit's extent for
countries and provinces, by a fixed distance for towns.
"""

from __future__ import annotations

import math

from rasd import settings
from rasd.geo.gazetteer import Entry, Gazetteer
from rasd.lexicon import rules as _rules
from rasd.model import Place

_LEX = _rules("places")

_RIF_BEFORE = _LEX.rif_before
_DIR_AFTER = _LEX.dir_after
_DIR_BEFORE = _LEX.dir_before
_NEAR_BEFORE = _LEX.near_before
_VECTORS = {"شمال": (1, 0), "جنوب": (-1, 0), "شرق": (0, 1), "غرب": (0, -1), "وسط": (0, 0), "اوسط": (0, 0)}
_EN = {(1, 0): "north", (-1, 0): "south", (0, 1): "east", (0, -1): "west", (1, 1): "north-east",
       (1, -1): "north-west", (-1, 1): "south-east", (-1, -1): "south-west", (0, 0): "central"}


def _stem(word: str) -> str:
    """شمالي / الشمالي / شمال -> شمال."""
    word = word.removeprefix("ال")
    return word[:-1] if word.endswith("ي") and word[:-1] in _VECTORS else word


def _vector(*words: str | None) -> tuple[int, int]:
    lat = lon = 0
    for w in words:
        if w:
            dlat, dlon = _VECTORS.get(_stem(w), (0, 0))
            lat, lon = lat + dlat, lon + dlon
    return max(-1, min(1, lat)), max(-1, min(1, lon))


def _move(lat: float, lon: float, vector: tuple[int, int], km: float) -> tuple[float, float]:
    if vector == (0, 0):
        return lat, lon
    norm = math.hypot(*vector)
    dlat = vector[0] / norm * km / 111.0
    dlon = vector[1] / norm * km / (111.0 * max(0.2, math.cos(math.radians(lat))))
    return lat + dlat, lon + dlon


def _in_extent(extent: tuple[float, float, float, float], vector: tuple[int, int]) -> tuple[float, float]:
    """A point in the given part of a box: 0.8 of the way to a side, the middle across."""
    south, west, north, east = extent
    lat = (south + north) / 2 + vector[0] * 0.3 * (north - south)
    lon = (west + east) / 2 + vector[1] * 0.3 * (east - west)
    return lat, lon


def _region(entry: Entry, lat: float | None, lon: float | None, label: str, precision: int,
            keep_id: bool = False) -> Place:
    place = entry.place(precision=precision, lat=lat, lon=lon)
    place.name_en = f"{entry.name_en} ({label})" if label else entry.name_en
    if not keep_id:
        place.geonameid = None
    return place


def widen(folded: str, start: int, end: int, entry: Entry, gaz: Gazetteer) -> tuple[int, int, Place] | None:
    """The region expression around the name at ``folded[start:end]``, or None when there is none."""
    if entry.lat is None or entry.lon is None:
        return None
    before = folded[max(0, start - 24):start]
    rif = _RIF_BEFORE.search(before)
    if rif is not None and entry.kind != "country":
        after = _DIR_AFTER.match(folded[end:end + 30])
        vector = _vector(*(after.groups() if after else ()))
        new_end = end + (after.end() if after else 0)
        unit_index = gaz.admin1.get((entry.country, entry.admin1))
        unit = gaz.entries[unit_index] if unit_index is not None else None
        lat, lon = entry.lat, entry.lon
        if entry.kind in ("adm1", "region") and entry.extent:
            lat, lon = _in_extent(entry.extent, vector)
        else:
            lat, lon = _move(lat, lon, vector, settings.RIF_KM)
            if unit is not None and unit.extent:
                s, w, n, e = unit.extent
                lat, lon = min(max(lat, s), n), min(max(lon, w), e)
        label = "countryside" + (f", {_EN[vector]}" if vector != (0, 0) else "")
        return start - (len(before) - rif.start()), new_end, _region(entry, lat, lon, label, 3)
    direction = _DIR_BEFORE.search(before)
    if direction is not None:
        vector = _vector(*direction.groups())
        new_start = start - (len(before) - direction.start())
        if entry.kind in ("country", "adm1", "region"):
            if entry.extent:
                lat, lon = _in_extent(entry.extent, vector)
            else:
                lat, lon = _move(entry.lat, entry.lon, vector, 30.0)
            return new_start, end, _region(entry, lat, lon, _EN[vector], 3)
        lat, lon = _move(entry.lat, entry.lon, vector, settings.TOWN_SIDE_KM)
        return new_start, end, _region(entry, lat, lon, f"{_EN[vector]} of", 2, keep_id=True)
    near = _NEAR_BEFORE.search(before)
    if near is not None and entry.kind not in ("country", "region", "adm1"):
        return start - (len(before) - near.start()), end, _region(entry, entry.lat, entry.lon, "near", 2,
                                                                   keep_id=True)
    return None
