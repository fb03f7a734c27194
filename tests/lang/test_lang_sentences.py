"""Sentence splitting on real news text."""

from __future__ import annotations

from rasd.lang.sentences import split_sentences


def test_seed_sentences_keep_quotes_whole_and_point_into_the_text(seed_record: dict) -> None:
    text = seed_record["text"]
    sentences = split_sentences(text)
    assert len(sentences) > 10
    assert all(text[s.start:s.end] == s.text for s in sentences)
    quote = next(s for s in sentences if s.text.startswith("وقال “الجبوري”"))
    # the spokesman's three-sentence quote stays one unit with its قال
    assert quote.text.rstrip(".").endswith("»") and quote.text.count(".") >= 3


def test_arabic_punctuation_and_tokenised_full_stops() -> None:
    # UnifiedFC text with tokenised punctuation, then an Arabic question mark and a comma.
    text = ("ويشهد ريف دير الزور الشرقي أكبر حملة عسكرية منذ ثلاثة أيام , مما دفع أكثر من 180 ألف شخص إلى "
            "النزوح . هل أصبح فرار العناصر ظاهرة جماعية؟ وقال، في تصريح، إن 2.5 مليون نزحوا")
    parts = [s.text for s in split_sentences(text)]
    assert len(parts) == 3
    assert parts[0].endswith("النزوح .")
    assert parts[1].endswith("؟")
    assert "2.5 مليون" in parts[2]  # no break inside a decimal, none at the comma


def test_line_breaks_end_sentences_and_unclosed_quotes_do_not_swallow_text() -> None:
    text = "«استقبلنا عشرة عناصر في الشهر الأخير\nوعن أنباء الانشقاقات. قال المصدر"
    parts = [s.text for s in split_sentences(text)]
    assert parts == ["«استقبلنا عشرة عناصر في الشهر الأخير", "وعن أنباء الانشقاقات.", "قال المصدر"]
