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
