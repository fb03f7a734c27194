"""Counts of an event (killed, injured, defectors, displaced, arrested, abducted) from its sentence's numbers.

A number counts what its noun or its nearest cue word says: ``مقتل 22 عنصرا`` and ``22 قتيلا`` are
fatalities, ``أصيب 5`` injured. A number of people with no cue (``عشرة عناصر``) counts what the event is
about (defectors for a defection, arrested for an arrest). A number of things (غارات, صواريخ, كم) is not a
count of people. Several numbers of the same class in one sentence add up (``5 مدنيين و3 عناصر``).
"""

from __future__ import annotations

import re

from rasd.document import Document
from rasd.lang.normalize import fold
from rasd.lang.numbers import NumberMention
from rasd.model import Count

_CLASS_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("fatalities", re.compile(r"قتل|قتلي|قتيل|مقتل|مصرع|حتف|استشهد|استشهاد|شهيد|شهداء|ضحايا|ضحيه|جثث|جثه|اعدم|لقوا|لقي|قضوا|ذبح|تصفيه|موت|وفاه|توفي")),
    ("injured", re.compile(r"جرح|جريح|جرحي|اصيب|اصابه|اصابات|مصاب|اصابت")),
    ("arrested", re.compile(r"اعتقل|اعتقال|معتقل|القبض|احتجز|محتجز|موقوف|توقيف")),
    ("abducted", re.compile(r"اختطف|خطف|مختطف|مخطوف")),
    ("displaced", re.compile(r"نزح|نازح|تهجير|هجر|مهجر|نزوح|شرد|مشرد")),
    ("defectors", re.compile(r"انشق|منشق|فار|فرار|هرب")),
]
_PERSON_UNITS = re.compile(
    r"^(?:ال)?(?:عنصر|عناصر|مقاتل|مقاتلين|مقاتلا|مدني|مدنيين|مدنيا|شخص|اشخاص|اشخاص|اشخاصا|طفل|اطفال|"
    r"امراه|نساء|سيده|جندي|جنود|جنديا|مسلح|مسلحين|مسلحا|رجل|رجال|شاب|شبان|فلسطيني|فلسطينيين|مواطن|مواطنين|"
    r"مواطنا|ضابط|ضباط|ضابطا|عامل|عمال|قيادي|قياديين|نازح|نازحين|عايله|عايلات|اسره|اسر|فرد|افراد|"
    r"قتيل|قتيلا|قتلي|جريح|جرحي|جريحا|شهيد|شهداء|شهيدا|معتقل|معتقلين|معتقلا|مختطف|مختطفين|منشق|منشقين|"
    r"مصاب|مصابين|ضحيه|ضحايا|متظاهر|متظاهرين|مهاجر|مهاجرين|لاجي|لاجيين|صحفي|صحفيين|ناشط|ناشطين|"
    r"مدنيون|عسكري|عسكريين|عسكريا|عنصرا|عنصرين|مقاتلين|جنديين|اخرون|اخرين|اخري|اخر)")
_SIZE_BEFORE = re.compile(r"(?:عدد (?:عناصر|مقاتلي|افراد|جنود)\S*|قوامه\S*|تعداد\S*|يبلغ عدد\S*|يقدر عدد\S*)"
                          r"(?:\s+\S+){0,2}\s*$")
_SUBSET_BEFORE = re.compile(r"(?:بينهم|منهم|بينها|منها|بينهن)\s*$")
_SINGULAR = re.compile(
    r"(?<![\u0621-\u064a])[وف]?(?:ب|ل)?(?P<cue>مقتل|استشهاد|اصابه|اعتقال|اختطاف|خطف|مصرع|اعدام|اغتيال|قتل|اعتقل|اعتقلت|استشهد|اصيب)"
    r"\s+(?:ال)?(?:شاب|فلسطيني|عنصر|جندي|مدني|طفل|طفله|امراه|مواطن|ضابط|قيادي|شخص|مقاتل|رجل|سيده|مسن|صحفي|"
    r"ناشط|اسير|اخر|قائد|مستوطن)(?:ا|ه)?(?![\u0621-\u064a])")
_KIND_CLASS = {"defection": "defectors", "arrest": "arrested", "abduction": "abducted",
               "forced_eviction": "displaced"}
#: No report counts more people than this for one event (it also keeps counts in 32-bit columns).
_MAX_COUNT = 10_000_000
#: Which count classes an event of a kind can carry.
_VIOLENT_CLASSES = ("fatalities", "injured")


def classify(n: NumberMention, doc: Document, kind_hint: str | None) -> str | None:
    """The count class of a number, or None when it counts no people."""
    unit = fold(n.value.unit or "")
    unit_is_person = bool(unit) and bool(_PERSON_UNITS.match(unit))
    if unit and not unit_is_person:
        for cls, cue in _CLASS_CUES:
            if cue.search(unit):
                return cls
        return None
    for cls, cue in _CLASS_CUES:
        if unit and cue.search(unit):
            return cls
    before = doc.fold(n.start - 35, n.start)
    after = doc.fold(n.end, n.end + 35)
    best: tuple[int, str] | None = None
    for cls, cue in _CLASS_CUES:
        for m in cue.finditer(before):
            d = len(before) - m.end()
            if best is None or d < best[0]:
                best = (d, cls)
        m2 = cue.search(after)
        if m2 and (best is None or m2.start() < best[0]):
            best = (m2.start(), cls)
    if best is not None:
        return best[1]
    if kind_hint in _KIND_CLASS and unit_is_person:
        return _KIND_CLASS[kind_hint]
    return None


def allowed(kind: str, cls: str) -> bool:
    if cls in _VIOLENT_CLASSES:
        return kind not in _KIND_CLASS or kind == "forced_eviction" and cls == "fatalities"
    return _KIND_CLASS.get(kind) == cls


def sentence_counts(numbers: list[NumberMention], doc: Document, kind: str) -> dict[str, Count]:
    """The counts for an event of ``kind`` reported by the numbers of one sentence."""
    out: dict[str, Count] = {}
    for n in numbers:
        v = n.value
        if v.best is None and v.low is None:
            continue
        if (v.high or v.best or v.low or 0) > _MAX_COUNT:
            continue  # a phone number or a sum of money read as people
        if _SIZE_BEFORE.search(doc.fold(n.start - 30, n.start)):
            continue  # the strength of a force ("its fighters number 20-30 thousand") is not a toll
        if _SUBSET_BEFORE.search(doc.fold(n.start - 14, n.start)):
            continue  # "1,408 killed, among them 56 civilians": a part of a count already taken
        cls = classify(n, doc, kind)
        if cls is None or not allowed(kind, cls):
            continue
        low = int(v.low) if v.low is not None else None
        # a vague count (``عشرات``) has no best estimate of its own: its floor is the conservative one
        best = int(v.best) if v.best is not None else low
        high = int(v.high) if v.high is not None else None
        if cls in out:
            prev = out[cls]
            out[cls] = Count(_add(prev.low, low), _add(prev.best, best), _add(prev.high, high))
        else:
            out[cls] = Count(low, best, high)
    return out


def singular_counts(clause: str, kind: str) -> dict[str, Count]:
    """One victim named by a singular noun (``مقتل شاب``, ``اعتقال فلسطيني``, ``إصابة جندي``)."""
    out: dict[str, Count] = {}
    for m in _SINGULAR.finditer(clause):
        cls = next((c for c, cue in _CLASS_CUES if cue.search(m.group("cue"))), None)
        if cls is not None and allowed(kind, cls) and cls not in out:
            out[cls] = Count(1, 1, 1)
    return out


def _add(a: int | None, b: int | None) -> int | None:
    if a is None or b is None:
        return a if b is None else b
    return a + b


def merge_counts(a: Count, b: Count) -> Count:
    """The same event counted twice in one article: the firmer (larger best) report stands."""
    if a.best is None:
        return b
    if b.best is None:
        return a
    return b if b.best > a.best else a


_CIVILIAN_UNITS = re.compile(r"^(?:ال)?(?:مدني|مدنيين|مدنيا|مدنيون|طفل|اطفال|امراه|نساء|سيده|سيدات|مواطن|مواطنين|مواطنا|"
                             r"طالب|طلاب|صحفي|صحفيين|مسعف|مسعفين|نازح|نازحين)")


def civilian_victims(numbers: list[NumberMention]) -> str | None:
    """The noun as written when a sentence counts civilian victims (``3 أطفال``, ``عشرة مدنيين``)."""
    for n in numbers:
        unit = n.value.unit
        if unit and _CIVILIAN_UNITS.match(fold(unit)):
            return unit
    return None
