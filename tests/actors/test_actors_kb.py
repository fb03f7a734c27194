"""The hand-written knowledge base: size, schema, hierarchy, and the alias expansion the loader adds."""

from collections import Counter

import pytest

from rasd.actors import load_kb
from rasd.actors.kb import build_kb, fold_key, spelling_variants
from rasd.lexicon import expand_alternations

WARS = {"SY", "IQ", "LB", "PS", "IL", "YE", "SD", "LY"}


def test_kb_is_large_and_covers_every_war():
    kb = load_kb()
    assert len(kb.actors) >= 250
    by_country = Counter(a.country for a in kb.actors.values())
    for code in WARS:
        assert by_country[code] >= 5, code


def test_every_actor_is_well_formed():
    kb = load_kb()
    for actor in kb.actors.values():
        assert actor.id == actor.id.lower() and " " not in actor.id
        assert actor.name_en and actor.name_ar
        assert 1 <= actor.inter <= 8
        if actor.parent:
            assert actor.parent in kb.actors and actor.parent != actor.id


def test_parents_form_no_cycles():
    kb = load_kb()
    for actor in kb.actors.values():
        seen = set()
        node = actor
        while node.parent:
            assert node.id not in seen, f"cycle through {node.id}"
            seen.add(node.id)
            node = kb.actors[node.parent]


def test_required_hierarchy_links():
    kb = load_kb()
    assert kb.actors["liwa_fatemiyoun"].parent in {"irgc", "iran_backed_militias"}
    assert kb.actors["deir_ez_zor_military_council"].parent == "sdf"
    assert kb.actors["sdf"].inter == 2 and kb.actors["civilians"].inter == 7


def test_no_alias_names_two_actors_unconditionally():
    # an alias shared by two actors would silently resolve to None everywhere: catch it in review
    kb = load_kb()
    shared = {key: ids for key, ids in kb.aliases.items() if len(ids) > 1}
    assert not shared


def test_alternation_and_spelling_variants():
    assert expand_alternations("(الميليشيات|الميلشيات) الموالية (لإيران|)") == [
        "الميليشيات الموالية لإيران", "الميليشيات الموالية", "الميلشيات الموالية لإيران", "الميلشيات الموالية"]
    variants = spelling_variants(fold_key("قوات سوريا الديمقراطية"))
    assert fold_key("قوات سورية الديموقراطية") in variants
    assert fold_key("القوات الامريكية") in spelling_variants(fold_key("القوات الأميركية"))


def test_build_rejects_unknown_parent_and_bad_inter():
    row = {"id": "x", "name_en": "X", "name_ar": "س", "type": "rebel_group", "inter": 2, "parent": "nope"}
    with pytest.raises(ValueError):
        build_kb({"actors": [row]})
    with pytest.raises(ValueError):
        build_kb({"actors": [{**row, "parent": None, "inter": 9}]})


def test_generic_sides_name_known_actors_and_real_roles():
    row = {"id": "crowd", "name_en": "Crowd", "name_ar": "الحشد", "type": "protesters", "inter": 6}
    kb = build_kb({"actors": [row], "generic_sides": {"protest": {"actor1": "crowd"}}})
    assert kb.generic_sides == {"protest": {"actor1": "crowd"}}
    with pytest.raises(ValueError, match="generic_sides"):
        build_kb({"actors": [row], "generic_sides": {"protest": {"actor1": "nobody"}}})
    with pytest.raises(ValueError, match="generic_sides"):
        build_kb({"actors": [row], "generic_sides": {"protest": {"source": "crowd"}}})


def test_observers_are_known_actors_and_never_a_side():
    from rasd.actors.kb import can_be_a_side

    row = {"id": "watch", "name_en": "Watch", "name_ar": "المرصد", "type": "ngo", "inter": 8}
    assert build_kb({"actors": [row], "observers": ["watch"]}).observers == {"watch"}
    with pytest.raises(ValueError, match="observers"):
        build_kb({"actors": [row], "observers": ["nobody"]})
    assert not can_be_a_side("sohr") and can_be_a_side("nusra_front") and not can_be_a_side(None)


def test_a_force_named_by_its_nationality_as_an_object_is_that_force():
    # قصفاً مدفعياً إسرائيلياً: the accusative of قصف مدفعي إسرائيلي names the same force
    from rasd.actors.kb import fold_key, load_kb

    kb = load_kb()
    assert kb.aliases.get(fold_key("قصفاً مدفعياً إسرائيلياً")) == {"israel_military"}
    assert kb.aliases.get(fold_key("قصف مدفعي إسرائيلي")) == {"israel_military"}


def test_generic_armed_and_terrorist_groups_are_an_unidentified_armed_group():
    from rasd.actors.kb import fold_key, load_kb

    kb = load_kb()
    for name in ("المجموعات المسلحة الإرهابية", "العناصر الإرهابية", "خلية إرهابية"):
        assert kb.aliases.get(fold_key(name)) == {"unidentified_gunmen"}, name
    # in Syrian reports "the armed groups" stay the opposition's (a contextual alias, not a generic one)
    assert kb.aliases.get(fold_key("الجماعات المسلحة")) is None


def test_a_national_generic_is_a_known_actor_with_a_place_for_the_country():
    row = {"id": "cops", "name_en": "Police Forces", "name_ar": "الشرطة", "type": "state_force", "inter": 1}
    kb = build_kb({"actors": [row], "national_generics": {"cops": "Police Forces of {country}"}})
    assert kb.national_generics == {"cops": "Police Forces of {country}"}
    for bad in ({"nobody": "Police Forces of {country}"}, {"cops": "Police Forces"}):
        with pytest.raises(ValueError, match="national_generics"):
            build_kb({"actors": [row], "national_generics": bad})
