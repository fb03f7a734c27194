"""Counts in real corpus sentences: every form the issue lists, and what is not a count.

Sentences come from the shared corpora (UnifiedFC Syria war, Al Mayadeen 2023-24, SaudiNewsNet 2015).
"""

from __future__ import annotations

import pytest

from rasd.lang.numbers import find_numbers, parse_number


def only(sentence: str) -> dict:
    found = find_numbers(sentence)
    assert len(found) == 1, [m.text for m in found]
    m = found[0]
    assert sentence[m.start:m.end] == m.text
    return m.value.to_dict()


@pytest.mark.parametrize(("sentence", "low", "best", "high", "unit"), [
    # digits: Western with a thousands separator, dotted thousands, Arabic-Indic, Arabic decimal
    ("شارك منهم حوالى 887,638 شخصاً بأصواتهم في الاقتراع", 710110, 887638, 1065166, "شخص"),
    ("والمعنيين بالدور الثاني إجمالاً هم 7.853.447 مسجّلاً", 7853447, 7853447, 7853447, "مسجل"),
    ("ضع القطع في الخلاط وأضف إليها ٣ أكواب من الماء الساخن", 3, 3, 3, "أكواب"),
    ("بطول يصل إلى ٢٫٥ متر", 2.5, 2.5, 2.5, "متر"),
    # cardinal words, compounds, case and gender forms
    ("مما أدى إلى مقتل اثنين وعشرين عنصراً", 22, 22, 22, "عنصر"),
    ("ويبلغ تعدادها حوالي مائتي مقاتل سوري", 160, 200, 240, "مقاتل"),
    ("بلغت خسائر الروس مليار ومئتي مليون دولار أميركي", 1_200_000_000, 1_200_000_000, 1_200_000_000, "دولار"),
    ("واحتشد المتظاهرون في نحو عشرين مظاهرة ووقفة احتجاجية", 16, 20, 24, "مظاهرة"),
    ("وانطلقت تظاهرات شارك فيها نحو 60 ألف مستوطن", 48000, 60000, 72000, "مستوطن"),
    ("ونحو 20 ألفاً في مدن أخرى", 16000, 20000, 24000, None),
    ("بين العامين 1975 و 1979 , هناك زهاء مليوني شخص", 1_600_000, 2_000_000, 2_400_000, "شخص"),
    ("وافق ممثلون عن اثنتين من جماعات التمرد", 2, 2, 2, "جماعات"),
    # duals of the counted noun
    ("تتحدث عن سقوط قتيلين فقط", 2, 2, 2, "قتيل"),
    ("الثوار يدعون انهم قتلو عنصرين روسيين", 2, 2, 2, "عنصر"),
    ("وارتقت نتيجة استهداف البلدة شهيدتان إحداهما طفلة", 2, 2, 2, "شهيدة"),
    ("ما أدى إلى وقوع إصابتين في صفوف الجنود", 2, 2, 2, "إصابة"),
    ("وقتل عسكريان في هجوم على نقطة تفتيش", 2, 2, 2, "عسكري"),
    ("وقتلت الغارة عضوين من الحركة", 2, 2, 2, "عضو"),
    # -ين is a plural too (مستوطنين): a dual only where a dual verb or pronoun agrees with it
    ("ومقتل مستوطنين كانا داخل السيارة", 2, 2, 2, "مستوطن"),
    # approximations, bounds, ranges
    ("وخلال الشهر الماضي انشق ما يقارب عشرة عناصر", 8, 10, 12, "عناصر"),
    ("ودمر من خلالها ما يزيد عن 96000 موقعا", 96001, 96001, None, "موقع"),
    ("مما دفع أكثر من 180 ألف شخص إلى النزوح", 180001, 180001, None, "شخص"),
    ("وأضاف أن ما يتراوح بين 100 و 150 شخصا منهم لقوا حتفهم هناك", 100, None, 150, "شخص"),
    ("أن أقل من ثلاثة آلاف من مقاتلي التنظيم لا يزالون في العراق", None, None, 2999, "مقاتلي"),
    # vague plurals (FORMAT.md: dozens 24..99)
    ("ويتحدثون عن عشرات القتلى والجرحى وحالة هلع شديد", 24, None, 99, "قتلى"),
    ("وسط حالة من نزوح مئات المدنيين باتجاه الريف الشمالي", 200, None, 999, "مدنيين"),
    ("أدت بالفعل إلى تدفق عشرات آلاف النازحين داخليا", 24000, None, 99000, "نازحين"),
    ("وأسفر القصف عن مقتل عدة أشخاص", 2, None, 10, "أشخاص"),  # "several" (docs/annotation.md: 1-2 .. 10-20)
    # a definite "dozens" stands alone: the word after it is no counted noun (only one after من is)
    ("وأصيب العشرات برصاص الاحتلال", 24, None, 99, None),
    ("وأصيب العشرات من المواطنين", 24, None, 99, "مواطنين"),
])
def test_count_forms(sentence: str, low, best, high, unit) -> None:
    assert only(sentence) == {"low": low, "best": best, "high": high, "unit": unit}


def test_thousands_alone_is_vague() -> None:
    value = parse_number("آلاف")
    assert value is not None and (value.low, value.best, value.high) == (2000, None, 9999)


@pytest.mark.parametrize("sentence", [
    "كما قصفت اللواء 105 حرس جمهوري",  # a unit's name
    "وكانت إسرائيل قد قصفت مركز البحوث العلمية في أبريل / نيسان 2013",  # a year
    "تاسست هذه المليشيا في عام 2014",  # a year
    "تحرير الشريط الحدودي اللبناني في 25 أيار",  # a day of a month
    "سيطرت فيها على 90 % من حي المنشية",  # a percentage
    "الخميس 18 كانون الثاني 2018 - 9 : 07 ص",  # a date and a time
    "يوم الاثنين إنه نفذ ضربة جوية",  # Monday is not "two"
    "معدلات التضخم لتبلغ ما بين عشرة و11 بالمائة في 2015",  # a percentage range
    "بين العامين 1975 و 1979",  # years, not "two years"
    "وأصيب مستوطنين في عملية إطلاق نار",  # a plural, no verb of two agrees
])
def test_not_counts(sentence: str) -> None:
    assert find_numbers(sentence) == []


def test_a_dual_agreeing_with_a_count_just_before_it_counts_nobody_more() -> None:
    # ``شهيدين مسعفين استشهدا``: the two martyrs are the two paramedics
    assert [m.value.best for m in find_numbers("تزف شهيدين مسعفين استشهدا في الغارة")] == [2]


def test_a_time_after_a_number_is_not_what_it_counts() -> None:
    (dead, hurt) = find_numbers("قتل 5 أشخاص وأصيب 12 أمس الأحد خلال اشتباكات")
    assert (dead.value.unit, hurt.value.best, hurt.value.unit) == ("أشخاص", 12, None)


def test_a_dual_adjective_or_the_numeral_two_after_a_dual_noun_is_the_same_pair() -> None:
    for text in ("قتل جنديان إسرائيليان في قصف", "أصيب مستوطنان اثنان بجروح"):
        assert [m.value.best for m in find_numbers(text)] == [2], text
    assert [m.value.best for m in find_numbers("أصيب شابان، وطفلان بجروح")] == [2, 2]  # two pairs


def test_clauses_do_not_borrow_the_next_verb_as_unit() -> None:
    assert parse_number("قتل 3 وجرح 5").unit is None


def test_find_numbers_on_a_corpus_sample_keeps_offsets(sample_records: list[dict]) -> None:
    total = 0
    for record in sample_records[:100]:
        text = record["text"]
        for m in find_numbers(text):
            total += 1
            assert text[m.start:m.end] == m.text
            assert m.start <= m.number_start < m.number_end <= m.end
            v = m.value
            assert v.best is not None or v.low is not None or v.high is not None
            if v.low is not None and v.high is not None:
                assert v.low <= v.high
    assert total > 50


def test_grouped_thousands_with_a_decimal_point_and_malformed_figures() -> None:
    # SaudiNewsNet (snn-2015-07-31-1309) writes "1,205.9": a comma grouping thousands, then a decimal point
    assert parse_number("1,205.9").best == 1205.9
    assert parse_number("3.500.000").best == 3_500_000
    text = "وبلغ الناتج المحلي 1,205.9 مليار دولار في عام 2014 ، و 1,2.3,4 في جدول آخر ."
    assert all(n.value.best is None or n.value.best > 0 for n in find_numbers(text))
