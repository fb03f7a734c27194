"""The shipped gazetteer file: coverage the product relies on."""

from __future__ import annotations

from rasd.geo.gazetteer import load


def test_every_syrian_governorate_and_district_has_a_point() -> None:
    gaz = load()
    units = [e for e in gaz.entries if e.key.startswith("ocha:SY") and e.kind in ("adm2",)]
    assert len(units) >= 50
    assert all(e.lat is not None and e.lon is not None for e in units)


def test_countries_have_arabic_names_and_geonames_ids() -> None:
    gaz = load()
    for cc in ("SY", "IQ", "LB", "PS", "YE", "SD", "LY", "EG", "TR", "IR", "US", "RU"):
        entry = gaz.entries[gaz.countries[cc]]
        assert entry.geonameid and entry.names and entry.lat is not None


def test_common_words_are_not_keys() -> None:
    gaz = load()
    for word in ("الي", "كان", "المدينه", "القاعده", "الخبر", "بين"):
        assert word not in gaz.by_name
