"""``analyze``: one document with sentences, tokens, numbers, dates (and entities) in original offsets."""

from __future__ import annotations

from rasd.lang import analyze


def test_seed_article_counts_and_dates(seed_record: dict) -> None:
    doc = analyze(seed_record["text"], "2021-03-01", entities=False)
    counts = {m.text: m.value for m in doc.numbers}
    assert counts["اثنين وعشرين عنصراً"].best == 22
    assert counts["ما يقارب عشرة عناصر"].to_dict() == {"low": 8, "best": 10, "high": 12, "unit": "عناصر"}
    last_month = next(d for d in doc.dates if d.text == "الشهر الماضي")
    assert (last_month.value.start, last_month.value.end) == ("2021-02-01", "2021-02-28")


def test_every_span_points_into_the_original_text(sample_records: list[dict]) -> None:
    for record in sample_records[:60]:
        text = record["text"]
        doc = analyze(text, record.get("published"), entities=False)
        assert doc.text is text
        for group in (doc.sentences, doc.tokens, doc.numbers, doc.dates):
            for item in group:
                assert text[item.start:item.end] == item.text
        # a day or a year inside a date is never also reported as a count
        for n in doc.numbers:
            assert not any(d.start <= n.number_start and n.number_end <= d.end for d in doc.dates)


def test_entities_come_from_the_tagger_when_it_is_installed(seed_record: dict) -> None:
    text = seed_record["text"]
    doc = analyze(text, None)
    for m in doc.entities:
        assert text[m.start:m.end] == m.text
    try:
        import rasd.lang.ner  # noqa: F401
    except ImportError:
        assert doc.entities == []
    else:
        assert doc.entities


def test_finders_accept_a_document_and_agree_with_it() -> None:
    from rasd.lang import find_dates, find_numbers

    text = "وقال إن 17 مدنيا قتلوا أمس الأحد في غارات على ريف إدلب"  # UnifiedFC, Syria
    doc = analyze(text, "2017-06-12", entities=False)
    assert [m.text for m in find_numbers(doc)] == [m.text for m in doc.numbers] == ["17 مدنيا"]
    assert [d.value.start for d in find_dates(doc)] == ["2017-06-11"]
