"""Tokens keep original offsets; light clitic splitting lets inflected forms share a stem."""

from __future__ import annotations

from rasd.lang.tokens import split_clitics, tokenize

SEED = "وعلّل بعض المراقبين سيطرة الولايات المتحدة على شرقي دير الزور، بمساعدة #قوات_سوريا_الديمقراطية"


def test_tokens_point_into_the_original_text() -> None:
    tokens = tokenize(SEED)
    assert all(SEED[t.start:t.end] == t.text for t in tokens)
    assert [t.text for t in tokens][:3] == ["وعلّل", "بعض", "المراقبين"]
    assert "_" not in {t.text for t in tokens if t.kind == "word"}  # hashtag underscores split words


def test_prefixed_place_name_shares_the_stem_of_the_bare_name() -> None:
    # Al-Hal Net: "... في مناطق #الميادين والبوكمال"; other outlets write "وبالبوكمال".
    stems = {t.text: t.stem for t in tokenize("في مناطق الميادين والبوكمال وبالبوكمال البوكمال")}
    assert stems["والبوكمال"] == stems["وبالبوكمال"] == stems["البوكمال"]


def test_clitics_are_peeled_only_when_the_rest_is_a_word() -> None:
    assert split_clitics("وقال") == ("و", "قال", "")
    assert split_clitics("للقوات")[1] == "قوات"
    assert split_clitics("وزير")[1] == "وزير"  # not و + زير
    assert split_clitics("سيطره")[1] == "سيطره"  # not the future marker
    assert split_clitics("والده")[1] == "والده"  # his father, not و + ال + ده
    assert split_clitics("سيقوم")[1] == "يقوم"


def test_attached_pronouns_and_ta_marbuta() -> None:
    tokens = {t.text: t for t in tokenize("وأمنّا لهم طريق الوصول إلى أهاليهم ونقل قواتها إلى مدينته ثم القطعة")}
    assert tokens["قواتها"].stem == "قوات" and tokens["قواتها"].suffix == "ها"
    assert tokens["مدينته"].stem == "مدينه"
    assert tokens["القطعة"].suffix == ""  # a written ة is never the pronoun ه


def test_numbers_and_punctuation_are_their_own_tokens() -> None:
    tokens = tokenize("شارك منهم حوالى 887,638 شخصاً، و«الحل نت»")
    kinds = {t.text: t.kind for t in tokens}
    assert kinds["887,638"] == "number"
    assert kinds["«"] == "punct" and kinds["،"] == "punct"
