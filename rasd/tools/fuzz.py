"""Hostile text for the parsers: real words mixed with what breaks naive code.

Inputs are built from words of real articles (so number words, month names and cue phrases occur as they
do in the news) and pieces that a careless or hostile source sends: Arabic-Indic, Persian and ASCII digits
with their separators, digit runs far beyond any count or year (hundreds to thousands of digits), control
characters, bidi and zero-width marks, diacritics and tatweel, lone surrogates, and long repetitions.
``rasd bench fuzz`` runs every entry point of the language layer and the pipeline on them and counts
exceptions and slow inputs; the property tests draw from the same pieces with Hypothesis.
"""

from __future__ import annotations

import gzip
import json
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

DIGITS = "0123456789" "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669" "\u06f0\u06f4\u06f9"
SEPARATORS = ",.\u066b\u066c/-:%\u066a "
CONTROLS = "".join(chr(c) for c in range(0, 32)) + "\x7f\x85"
MARKS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
SURROGATES = "\ud800\udbff\udc00\udfff\ud83d\ude00"
PUNCTUATION = "«»“”\"'()[]،؛؟!…—–\n\n\t"
HOSTILE = DIGITS + SEPARATORS + CONTROLS + MARKS + DIACRITICS + SURROGATES + PUNCTUATION


def corpus_words(paths: Iterable[Path], limit: int = 200) -> list[str]:
    """Distinct words of about ``limit`` articles (the first ones of each JSONL(.gz) corpus, in equal
    shares): the fuzz's vocabulary."""
    paths = list(paths)
    share = max(1, limit // max(1, len(paths)))
    words: dict[str, None] = {}
    for path in paths:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= share:
                    break
                for w in json.loads(line).get("text", "").split():
                    words.setdefault(w, None)
    return list(words)


def hostile_text(rng: random.Random, words: list[str], max_pieces: int = 40) -> str:
    """One input: a few to ``max_pieces`` pieces, each a word, a hostile run or a long repetition."""
    pieces = []
    for _ in range(rng.randint(1, max_pieces)):
        r = rng.random()
        if r < 0.55:
            pieces.append(rng.choice(words))
        elif r < 0.75:
            pieces.append("".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 12))))
        elif r < 0.87:
            pieces.append("".join(rng.choice(DIGITS[:20]) for _ in range(rng.randint(1, 20))))
        elif r < 0.95:  # digit runs beyond any count, year or float, some grouped
            n = rng.choice((309, 400, 4300, 4301, rng.randint(16, 6000)))
            run = "".join(rng.choice("0123456789") for _ in range(n))
            pieces.append(run if rng.random() < 0.7 else ",".join(run[i:i + 3] for i in range(0, len(run), 3)))
        else:  # a word or a mark repeated many times
            pieces.append((rng.choice(words) + rng.choice(" \u200f\u0640")) * rng.randint(50, 2000))
    return rng.choice((" ", "", "\n")).join(pieces)


@dataclass
class FuzzReport:
    inputs: int = 0
    exceptions: dict[str, list[str]] = field(default_factory=dict)  # target -> "Type: message" (first few)
    exception_count: dict[str, int] = field(default_factory=dict)
    slow: dict[str, int] = field(default_factory=dict)  # target -> inputs over the time limit
    slowest: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0


def targets() -> dict[str, Callable[[str], object]]:
    """The entry points under test: each takes one text."""
    from rasd.ingest.prepare import prepare
    from rasd.ingest.record import RawArticle
    from rasd.lang.dates import parse_date
    from rasd.lang.numbers import parse_number
    from rasd.model import Article
    from rasd.pipeline import process_article

    def _prepare(text: str) -> object:
        return prepare(RawArticle(text=text, path="<fuzz>", id=text[:40] or None, title=text[:60]))

    def _process(text: str) -> object:
        result = process_article(Article(id="fuzz", text=text, published="2021-03-15"))
        return result

    return {
        "parse_number": parse_number,
        "parse_date": lambda text: parse_date(text, "2021-03-15"),
        "prepare": _prepare,
        "process_article": _process,
    }


def fuzz(n: int, words: list[str], seed: int = 0, time_limit: float = 2.0,
         on_input: Callable[[int], None] | None = None) -> FuzzReport:
    """Run every target on ``n`` hostile inputs; count exceptions and inputs taking more than ``time_limit``
    CPU seconds."""
    rng = random.Random(seed)
    report = FuzzReport()
    calls = targets()
    for call in calls.values():  # load models and tables first: that is not the input's cost
        call(" ".join(words[:200]))
    t0 = time.perf_counter()
    for i in range(n):
        text = hostile_text(rng, words)
        report.inputs += 1
        for name, call in calls.items():
            started = time.process_time()  # CPU time: other work on a shared machine does not count
            try:
                call(text)
            except Exception as e:  # noqa: BLE001 - counting them is the point
                report.exception_count[name] = report.exception_count.get(name, 0) + 1
                shown = report.exceptions.setdefault(name, [])
                if len(shown) < 5:
                    shown.append(f"{type(e).__name__}: {str(e)[:120]} (input {i}, {len(text):,} chars)")
            took = time.process_time() - started
            report.slowest[name] = max(report.slowest.get(name, 0.0), took)
            if took > time_limit:
                report.slow[name] = report.slow.get(name, 0) + 1
        if on_input:
            on_input(i + 1)
    report.seconds = time.perf_counter() - t0
    return report
