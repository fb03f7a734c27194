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


def test_one_spelling_per_province():
    # a province told by its own row and by its towns is one string (Homs, not also Ḩimş), so that places of one
    # province agree and the data groups by province
    gaz = load()
    for cc in ("SY", "IQ", "LB"):
        provinces = {e.admin1 for e in gaz.entries if e.country == cc and e.kind == "adm1"}
        towns = {e.admin1 for e in gaz.entries if e.country == cc and e.kind == "town" and e.admin1}
        assert towns <= provinces | {"Iqlīm Kūrdistān"}, (cc, sorted(towns - provinces))
    palestine = [e for e in gaz.entries if e.country == "PS" and e.admin1]
    assert {e.admin1 for e in palestine} == {"West Bank", "Gaza Strip"}
    assert {e.admin2 for e in palestine if e.admin1 == "Gaza Strip"} >= {"Khan Yunis", "Rafah"}
