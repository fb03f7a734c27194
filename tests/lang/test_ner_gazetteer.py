"""Gazetteer features: clitic-tolerant longest match, and pluggable sources."""

from rasd.lang.ner import gazetteer
from rasd.lang.ner.features import split_clitics
from rasd.lang.ner.tokenize import token_strings
from rasd.lang.normalize import fold


def _match(text: str) -> list[tuple[str, list[str]]]:
    words = token_strings(fold(text))
    return list(zip(words, gazetteer.load_gazetteer().match(words), strict=True))


def test_multiword_place_with_clitic_prefix():
    # From the seed article: "... في #دير_الزور والبوكمال وتدمر"
    matched = dict(_match("في دير الزور والبوكمال وتدمر وبدمشق"))
    assert "LOC:B" in matched["دير"] and "LOC:I" in matched["الزور"]
    assert "LOC:B" in matched["وتدمر"] and "LOC:B" in matched["وبدمشق"]


def test_cues_are_flagged():
    matched = dict(_match("قال الناطق باسم حزب العمال في مدينة حلب"))
    assert "TITLE:B" in matched[fold("الناطق")]
    assert "ORGCUE:B" in matched["حزب"]
    assert "LOCCUE:B" in matched[fold("مدينة")]


def test_register_source_adds_names_without_rebuilding():
    name = "جبهة الاختبار الموحدة للتجريب"
    assert not any("ORG:B" in g for _, g in _match(name))
    gazetteer.register_source(lambda: [(name, "ORG")])
    try:
        tags = [g for _, g in _match("وقالت " + name)]
        assert "ORG:B" in tags[1] and all("ORG:I" in g for g in tags[2:])
    finally:
        gazetteer.RUNTIME_SOURCES.pop()
        gazetteer.load_gazetteer.cache_clear()


def test_split_clitics():
    assert split_clitics("وبالمدينه") == ("وبال", "مدينه")
    assert split_clitics("للجيش") == ("لل", "جيش")
    assert split_clitics("الي") == ("", "الي")  # too short to be article + stem


def test_alias_alternations_expand_to_every_spelling():
    forms = gazetteer.expand_alternations("(|ال)قوات السورية (الديمقراطية|الديموقراطية)")
    assert sorted(forms) == sorted(
        [
            "قوات السورية الديمقراطية",
            "قوات السورية الديموقراطية",
            "القوات السورية الديمقراطية",
            "القوات السورية الديموقراطية",
        ]
    )
    assert gazetteer.expand_alternations("حزب الله") == ["حزب الله"]


def test_actor_groups_are_org_and_armies_are_state():
    # ANERcorp leaves descriptive state names (الجيش الإسرائيلي) untagged, so the KB's armies and
    # governments must not look like the armed groups' proper names to the tagger.
    classes: dict[str, set[str]] = {}
    for phrase, cls in gazetteer._actors_kb():
        classes.setdefault(phrase, set()).add(cls)
    assert "ORG" in classes["قوات سوريا الديمقراطية"]
    assert all(c in {"ORG", "STATE"} for cs in classes.values() for c in cs)
    assert "STATE" in {c for cs in classes.values() for c in cs}
    assert "المدنيين" not in classes  # civilians are a group of people, not an organisation
