"""Book-length texts: extracted in windows with offsets into the whole text; hashing and signatures
computed in pieces give exactly what the whole-text computation gives."""

from __future__ import annotations

import numpy as np
import pytest

from rasd.ingest import minhash
from rasd.ingest.identity import matching_key
from rasd.lang.normalize import normalize_for_matching
from rasd.model import Article
from rasd.pipeline import process_article
from rasd.windows import WINDOW_CHARS, window_bounds


@pytest.fixture(scope="module")
def long_text(sample_records) -> str:
    text, i = "", 0
    while len(text) < 2.5 * WINDOW_CHARS:
        text += sample_records[i % len(sample_records)]["text"] + "\n"
        i += 1
    return text


def test_windows_cover_the_text_and_end_at_paragraphs(long_text: str) -> None:
    bounds = window_bounds(long_text)
    assert len(bounds) >= 3
    assert bounds[0][0] == 0 and bounds[-1][1] == len(long_text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(0 < e - s <= WINDOW_CHARS for s, e in bounds)
    assert all(long_text[e - 1] == "\n" for _, e in bounds[:-1])
    one_line = "كلمة " * 40_000  # no paragraph: cut at spaces
    assert all(one_line[e - 1] == " " for _, e in window_bounds(one_line)[:-1])
    blob = "x" * 200_000  # nothing to cut at: cut anyway
    assert [e - s for s, e in window_bounds(blob)] and max(e - s for s, e in window_bounds(blob)) <= WINDOW_CHARS
    assert window_bounds("short text") == [(0, 10)]


def test_a_long_text_is_extracted_window_by_window_with_offsets_into_it(long_text: str) -> None:
    result = process_article(Article(id="long", text=long_text, published="2021-03-15"))
    assert result.error is None and result.events and result.mentions
    for m in result.mentions:
        assert long_text[m.start:m.end] == m.text
    for ev in result.events:
        for span in ev.evidence:
            assert long_text[span.start:span.end] == span.text
    start, end = window_bounds(long_text)[1]
    alone = process_article(Article(id="long", text=long_text[start:end], published="2021-03-15"))
    inside = [(m.start - start, m.end - start, m.label) for m in result.mentions if start <= m.start < end]
    assert inside == [(m.start, m.end, m.label) for m in alone.mentions]  # a window reads as on its own


def test_matching_key_in_pieces_is_the_whole_key(long_text: str) -> None:
    big = long_text * 12  # over a million characters
    assert len(big) > 1 << 20
    assert matching_key(big) == normalize_for_matching(big)


def test_minhash_in_pieces_and_blocks_is_the_whole_computation(long_text: str) -> None:
    key = normalize_for_matching(long_text * 8)  # over a megabyte of UTF-8 and 16,384 shingles
    assert len(key.encode()) > 1 << 20
    words = key.split(" ")
    hashes = minhash.word_hashes(key)
    assert np.array_equal(hashes, np.concatenate([minhash.word_hashes(w) for w in words]))
    with np.errstate(over="ignore"):
        sh = hashes[:-2] * np.uint64(0x9E3779B97F4A7C15) + hashes[1:-1] * np.uint64(0xC2B2AE3D27D4EB4F) + hashes[2:]
        whole = ((sh[:, None] * minhash._A[None, :] + minhash._B[None, :]) >> np.uint64(32)).min(axis=0)
    assert np.array_equal(minhash.signature_of_key(key), whole.astype(np.uint32))


def test_a_sentence_without_an_ending_is_cut_at_spaces() -> None:
    from rasd.lang.sentences import MAX_SENTENCE_CHARS, split_sentences

    run_on = "قصفت الطائرات البلدة " * 1_000 + "x" * 9_000 + " انتهى."
    spans = split_sentences(run_on)
    assert len(spans) > 1 and all(s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    assert all(run_on[s.start:s.end] == s.text for s in spans)
    assert all(run_on[s.end] == " " for s in spans[:2])  # cut at spaces where there are any
    assert "".join(s.text for s in spans).replace(" ", "") == run_on.replace(" ", "")  # nothing lost
    ordinary = "قال المرصد إن الطائرات قصفت البلدة. وأضاف أن عشرة أشخاص قتلوا."
    assert [s.text for s in split_sentences(ordinary)] == ["قال المرصد إن الطائرات قصفت البلدة.",
                                                          "وأضاف أن عشرة أشخاص قتلوا."]



def test_a_long_text_keeps_the_word_caches_within_their_budget(long_text: str, monkeypatch) -> None:
    from rasd import caches, settings

    article = Article(id="long", text=long_text, published="2021-03-15")
    caches.clear()
    whole = process_article(article)  # the default budget
    monkeypatch.setattr(settings, "CACHE_TRIM_ENTRIES", 500)
    caches.clear()
    trimmed = process_article(article)
    assert caches.entries() <= 500  # emptied after every window that passed the budget
    assert [e.to_dict() for e in trimmed.events] == [e.to_dict() for e in whole.events]
    assert trimmed.mentions == whole.mentions


def test_batches_end_at_a_number_of_records_or_of_characters() -> None:
    from rasd.runner import batched

    texts = ["a" * 10] * 7 + ["b" * 1_000] + ["c" * 10] * 3
    assert [len(b) for b in batched(texts, 4)] == [4, 4, 3]
    by_chars = list(batched(texts, 4, len, max_chars=100))
    assert [len(b) for b in by_chars] == [4, 4, 3]  # 40, then 1,030 characters: the long one ends its batch
    assert [len(b) for b in batched(texts, 10, len, max_chars=100)] == [8, 3]
    assert [x for b in by_chars for x in b] == texts
    assert list(batched([], 4, len)) == []
