"""The offset-keeping normaliser: folded text that still points into the original."""

from __future__ import annotations

from rasd.lang.normalize import fold, normalize_for_matching, normalize_with_map, original_span

# Al-Hal Net (seed article), with its shadda and tanween.
SENTENCE = "تتلقى المجموعات المسلّحة، التابعة لإيران في سوريا، ضربات جوية متكررة من سلاح الجو الإسرائيلي غالباً"


def test_normalize_with_map_equals_fold_and_maps_every_character_back() -> None:
    folded, offsets = normalize_with_map(SENTENCE)
    assert folded == fold(SENTENCE)
    assert len(offsets) == len(folded) + 1
    assert offsets[-1] == len(SENTENCE)
    for i, ch in enumerate(folded):
        original = SENTENCE[offsets[i]]
        assert fold(original) == ch  # one-to-one replacements, deletions skipped


def test_a_folded_span_maps_to_the_word_as_written() -> None:
    folded, offsets = normalize_with_map(SENTENCE)
    i = folded.index("المسلحه")
    start, end = original_span(offsets, i, i + len("المسلحه"))
    assert SENTENCE[start:end] == "المسلّحة"


def test_eastern_and_persian_digits_fold_without_moving_offsets() -> None:
    text = "وأضف إليها ٣ أكواب و۴ ملاعق"  # Al Mayadeen, 2023-02-27 (a Persian ۴ added)
    folded, offsets = normalize_with_map(text)
    assert "3" in folded and "4" in folded
    assert offsets == list(range(len(text) + 1))


def test_existing_contract_is_unchanged() -> None:
    assert fold("إسرائيل") == "اسراييل"
    assert normalize_for_matching("«قوات سوريا الديمقراطية»") == "قوات سوريا الديمقراطيه"
