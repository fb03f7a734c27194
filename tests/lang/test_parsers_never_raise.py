"""Property tests: the number and date parsers, ``prepare`` and ``process_article`` never raise.

Hypothesis draws texts from real sample words mixed with Arabic-Indic and mixed digits, separators,
control, bidi and zero-width characters, diacritics, lone surrogates and digit runs far beyond any count
or year. CI runs them derandomized (a fixed seed) with a bounded number of examples; ``rasd bench fuzz``
is the longer run.
"""

from __future__ import annotations

import math
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.ingest.errors import InputRejected
from rasd.ingest.prepare import Prepared, prepare
from rasd.ingest.record import RawArticle
from rasd.lang.dates import parse_date
from rasd.lang.numbers import NumberValue, parse_number
from rasd.model import Article
from rasd.pipeline import process_article
from rasd.tools.fuzz import HOSTILE, corpus_words
from tests.conftest import SAMPLE

WORDS = corpus_words([SAMPLE / "corpus.jsonl"], limit=40)
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=HOSTILE, min_size=1, max_size=12),
    st.text(alphabet=st.characters(categories=["Cs", "Cc", "Cf", "Mn", "Nd", "No", "Zs"]), min_size=1, max_size=8),
    st.builds(lambda n, d: d * n, st.sampled_from([16, 309, 400, 4300, 4301, 6000]), st.sampled_from("19٣۴")),
    st.builds(lambda a, b, c: f"{a}/{b}/{c}", *[st.text(alphabet="0123456789", min_size=1, max_size=5000)] * 3),
)
TEXTS = st.lists(PIECES, max_size=30).map(" ".join)
QUICK = settings(derandomize=True, max_examples=200, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(QUICK, max_examples=60)


def _finite(x: object) -> bool:
    return x is None or (isinstance(x, int | float) and math.isfinite(x))


@QUICK
@given(TEXTS)
def test_parse_number_returns_a_finite_count_or_none(text: str) -> None:
    v = parse_number(text)
    assert v is None or isinstance(v, NumberValue)
    if v is not None:
        assert _finite(v.low) and _finite(v.best) and _finite(v.high)


@QUICK
@given(TEXTS, st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(str), st.text(max_size=12)))
def test_parse_date_returns_an_iso_range_or_none(text: str, published: str | None) -> None:
    span = parse_date(text, published)
    if span is not None and span.start:
        assert date.fromisoformat(span.start) <= date.fromisoformat(span.end or span.start)


@QUICK
@given(TEXTS, st.one_of(st.none(), TEXTS))
def test_prepare_gives_storable_utf8_or_a_rejection(text: str, title: str | None) -> None:
    p = prepare(RawArticle(text=text, path="<fuzz>", line=1, id=title, title=title))
    assert isinstance(p, Prepared | InputRejected)
    if isinstance(p, Prepared):
        a = p.article
        for value in (a.id, a.text, a.title or ""):
            value.encode("utf-8")  # what the store and the hash need


@SLOW
@given(TEXTS)
def test_process_article_extracts_with_offsets_into_the_text(text: str) -> None:
    result = process_article(Article(id="fuzz", text=text, published="2021-03-15"))
    assert result.error is None
    for m in result.mentions:
        assert text[m.start:m.end] == m.text
    for ev in result.events:
        for span in ev.evidence:
            assert 0 <= span.start <= span.end <= len(text)
