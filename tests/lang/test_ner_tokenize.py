"""The NER tokenizer: ANERcorp-like tokens with offsets into the original text."""

from rasd.lang.ner.tokenize import token_strings, tokenize

# Real sentences from ../shared/seed/article.txt and the Al Mayadeen corpus.
SEED_LINE = "حصل «الحل نت» على تصريح من “محمد الجبوري”، الناطق الرسمي باسم قوات مجلس دير الزور العسكري"
HASHTAG_LINE = "بمساعدة #قوات_سوريا_الديمقراطية، بضرورة الوقوف بوجه تقدّم القوات الإيرانية"


def test_offsets_point_into_text():
    for text in (SEED_LINE, HASHTAG_LINE):
        for tok, start, end in tokenize(text):
            assert text[start:end] == tok


def test_typographic_quotes_and_guillemets_are_split_off():
    tokens = token_strings(SEED_LINE)
    assert "محمد" in tokens and "الجبوري" in tokens
    assert "“" in tokens and "”" in tokens and "«" in tokens and "»" in tokens
    assert "،" in tokens


def test_hashtag_underscores_separate_words():
    tokens = token_strings(HASHTAG_LINE)
    assert tokens[1:5] == ["#", "قوات", "سوريا", "الديمقراطية"]


def test_clitics_stay_attached_and_numbers_stay_whole():
    tokens = token_strings("ووجهت الولايات المتحدة ضربةً للميلشيات، مما أدى إلى مقتل 22 عنصراً و3.5 مليون")
    assert "للميلشيات" in tokens and "ووجهت" in tokens and "ضربةً" in tokens
    assert "22" in tokens and "3.5" in tokens


def test_empty_text():
    assert tokenize("") == [] and tokenize("   \n ") == []
