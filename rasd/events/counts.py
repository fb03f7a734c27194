"""Counts of an event (killed, injured, defectors, displaced, arrested, abducted) from its sentence's numbers.

A number counts what its noun or its nearest cue word says: ``مقتل 22 عنصرا`` and ``22 قتيلا`` are
fatalities, ``أصيب 5`` injured. A number of people with no cue (``عشرة عناصر``) counts what the event is
about (defectors for a defection, arrested for an arrest). A number of things (غارات, صواريخ, كم) is not a
count of people. Several numbers of the same class in one sentence add up (``5 مدنيين و3 عناصر``).
"""

from __future__ import annotations

import re

from rasd import settings
from rasd.document import Document
from rasd.lang.normalize import fold
from rasd.lang.numbers import NumberMention
from rasd.lexicon import data as _lexicon_data
from rasd.lexicon import rules as _rules
from rasd.model import Count

_LEX = _rules("counts")

#: Count class -> the words that say a number counts it, in the order they are tried.
_CLASS_CUES: list[tuple[str, re.Pattern[str]]] = [(cls, re.compile(p)) for cls, p in _LEX.class_cues.items()]
_PERSON_UNITS = _LEX.person_units
_SIZE_BEFORE = _LEX.size_before
_RUNNING_TOTAL_BEFORE = _LEX.running_total_before
_SUBSET_BEFORE = _LEX.subset_before
_SENTENCE_END = _LEX.sentence_end
_NAME_NUMBER = _LEX.name_number_before
_QUOTED_NAME_NUMBER = _LEX.quoted_name_number
_SINGULAR = _LEX.singular
_SINGULAR_VICTIM = _LEX.singular_victim
_AND_SINGULAR = _LEX.and_singular
_SINGULAR_MET_DEATH = _LEX.singular_met_death
_DIRECT_HIT = _LEX.direct_hit
_COMBINED_BEFORE = _LEX.combined_before
_COMBINED_AFTER = _LEX.combined_after
_KIND_CLASS = {"defection": "defectors", "arrest": "arrested", "abduction": "abducted",
               "forced_eviction": "displaced"}
#: Which count classes an event of a kind can carry.
_VIOLENT_CLASSES = ("fatalities", "injured")


#: ``استشهد 11 فلسطينيين وأصيب العشرات``: a cue after ``و`` opens the next clause; one before the number wins.
_NEXT_CLAUSE = _LEX.next_clause
#: Where a clause ends (the phrase end the arguments read), for a cue read farther back than a number's next words.
_CLAUSE_BREAK = _rules("arguments").phrase_end


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
    end = _SENTENCE_END.search(after)
    after = after[:end.start()] if end else after
    best: tuple[int, str] | None = None
    for cls, cue in _CLASS_CUES:
        for m in cue.finditer(before):
            d = len(before) - m.end()
            if best is None or d < best[0]:
                best = (d, cls)
        m2 = cue.search(after)
        if m2 and (best is None or m2.start() < best[0]):
            after_best = (m2.start(), cls)
            best = best if best is not None and _NEXT_CLAUSE.search(after[:m2.start()]) else after_best
    if best is not None:
        return best[1]
    if unit_is_person:
        # ``قتل مفجر انتحاري يشتبه بأنه من تنظيم داعش 32 شخصا``: people counted farther from the cue, in its clause
        wide = doc.fold(n.start - settings.COUNT_CUE_CHARS, n.start)
        wide = wide[max((m.end() for m in _CLAUSE_BREAK.finditer(wide)), default=0):]
        near = [(len(wide) - m.end(), cls) for cls, cue in _CLASS_CUES for m in cue.finditer(wide)]
        if near:
            return min(near)[1]
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
        if (v.high or v.best or v.low or 0) > settings.MAX_COUNT:
            continue  # a phone number or a sum of money read as people
        if _SIZE_BEFORE.search(doc.fold(n.start - 30, n.start)):
            continue  # the strength of a force ("its fighters number 20-30 thousand") is not a toll
        name = doc.fold(n.start - 25, n.start)
        if _NAME_NUMBER.search(name) or (_QUOTED_NAME_NUMBER.search(name)
                                         and doc.text[n.end:n.end + 2].lstrip()[:1] in ("\"", "”", "»")):
            continue  # حاجز الـ17, كتيبة "شاكيد 424": a number of a name
        if _COMBINED_BEFORE.search(doc.fold(n.start - 30, n.start)) or \
                _COMBINED_AFTER.match(doc.fold(n.number_end, n.number_end + 40)):
            continue  # قتل وجرح 70, 30 قتيلا وجريحا: the killed and the injured together, neither's count
        if _RUNNING_TOTAL_BEFORE.search(doc.fold(n.start - 90, n.start)):
            continue  # ليصل عدد الشهداء إلى 95: the total the event brings many events' toll to
        if _SUBSET_BEFORE.search(doc.fold(n.start - 14, n.start)):
            continue  # "1,408 killed, among them 56 civilians": a part of a count already taken
        cls = classify(n, doc, kind)
        if cls is None or not allowed(kind, cls):
            continue
        low = int(v.low) if v.low is not None else None
        # a vague count (``عشرات``) has no best estimate of its own: its floor is the conservative one
        best = int(v.best) if v.best is not None else low
        high = int(v.high) if v.high is not None else None
        count = Count(low, best, high).ordered()
        out[cls] = _sum(out[cls], count) if cls in out else count
    return out


def singular_counts(clause: str, kind: str) -> dict[str, Count]:
    """One victim named by a singular noun (``مقتل شاب``, ``اعتقال فلسطيني``, ``إصابة جندي``, ``ارتقاء شهيد``,
    ``مدنياً لقي حتفه``)."""
    out: dict[str, Count] = {}
    for m in _SINGULAR.finditer(clause):
        cls = next((c for c, cue in _CLASS_CUES if cue.search(m.group("cue"))), None)
        if cls == "injured" and _DIRECT_HIT.match(clause, m.end()):
            continue  # إصابته إصابة مباشرة: the site was hit
        if cls is not None and allowed(kind, cls) and cls not in out:
            n, end = 1, m.end()
            while (more := _AND_SINGULAR.match(clause, end)) is not None:  # ``مقتل ضابط ومجند``
                n, end = n + 1, more.end()
            out[cls] = Count(n, n, n)
    if "fatalities" not in out and allowed(kind, "fatalities") and _SINGULAR_MET_DEATH.search(clause):
        out["fatalities"] = Count(1, 1, 1)
    for m in _SINGULAR_VICTIM.finditer(clause):
        cls = _class_of(m.group("noun"))
        if cls is not None and allowed(kind, cls) and cls not in out:
            out[cls] = Count(1, 1, 1)
    return out


#: ``وأدى الاستهداف إلى سقوط ...``, ``وأشارت المصادر إلى مقتل 17``: a clause that tells the result of the one before it.
RESULT_OPENING = _LEX.result_opening
#: ``وأسفرت الحرب ... عن مقتل 3900 شخص حتى الآن``: a clause that tallies a war, no event's toll.
RUNNING_TOLL = _LEX.running_toll
#: ``ارتقى 90 شهيداً خلال الساعات الـ24 الماضية``: a clause whose numbers count a span of many events.
SPAN_TOLL = _LEX.span_toll
_VAGUE = _LEX.vague_plural
_VAGUE_COUNT = Count(*_lexicon_data("counts")["vague_plural_count"])
#: ``سقوط عدد من الشهداء والجرحى``: a second plural after و, counted the same vague way.
_AND_PLURAL = _LEX.and_plural


def _class_of(word: str) -> str | None:
    return next((c for c, cue in _CLASS_CUES if cue.search(word)), None)


def vague_counts(clause: str, kind: str) -> dict[str, Count]:
    """People harmed whom the text does not count (``استشهاد عدد من المواطنين``, ``ارتقاء شهداء وسقوط جرحى``):
    at least two, a few at most (``vague_plural_count``)."""
    out: dict[str, Count] = {}
    for m in _VAGUE.finditer(clause):
        classes = [_class_of(m.group("cue")) or _class_of(m.group("noun"))]
        if m.group("cue2"):
            classes.append(_class_of(m.group("cue2")))  # استشهاد وإصابة عدد من: both, as vaguely
        more = _AND_PLURAL.match(clause, m.end())
        if more is not None:
            classes.append(_class_of(more.group(1)))
        for cls in classes:
            if cls is not None and allowed(kind, cls) and cls not in out:
                out[cls] = _VAGUE_COUNT
    return out


def clause_counts(numbers: list[NumberMention], doc: Document, clause: str, kind: str) -> dict[str, Count]:
    """What a clause counts for an event of ``kind``: its numbers first, then one victim named by a singular
    noun, then people harmed but not counted, each for a class the numbers leave open (``استشهاد الشاب ...
    ووقوع 12 إصابة``: one killed, twelve injured)."""
    counts = sentence_counts(numbers, doc, kind)
    for extra in (singular_counts(clause, kind), vague_counts(clause, kind)):
        for cls, count in extra.items():
            counts.setdefault(cls, count)
    return counts


def _sum(a: Count, b: Count) -> Count:
    """Two parts of one toll (``5 civilians and dozens of fighters``), keeping low <= best <= high: a part
    without a low adds its best (or nothing), a part without a best adds its low, and a part with no upper
    bound leaves the sum open."""
    def floor(c: Count) -> int | None:
        return c.low if c.low is not None else c.best

    def middle(c: Count) -> int | None:
        return c.best if c.best is not None else c.low

    lows = [v for v in (floor(a), floor(b)) if v is not None]
    bests = [v for v in (middle(a), middle(b)) if v is not None]
    highs = [a.high, b.high]
    return Count(sum(lows) if lows else None, sum(bests) if bests else None,
                 None if None in highs else sum(highs)).ordered()  # type: ignore[arg-type]


def merge_counts(a: Count, b: Count) -> Count:
    """The same event counted twice in one article: a number the text gives beats a word's guess (``عشرات
    القتلى`` in the headline, ``45 قتيلا`` in the body), else the firmer (larger best) report stands."""
    if a.best is None or (_guessed(a) and not _guessed(b) and b.best is not None):
        return b
    if b.best is None or (_guessed(b) and not _guessed(a)):
        return a
    return b if b.best > a.best else a


def _guessed(c: Count) -> bool:
    """A count read from a vague word (``عشرات``: 24, 24, 99): its best is only its floor."""
    return c.low is not None and c.high is not None and c.high > c.low and c.best == c.low


_CIVILIAN_UNITS = _LEX.civilian_units


def civilian_victims(numbers: list[NumberMention]) -> str | None:
    """The noun as written when a sentence counts civilian victims (``3 أطفال``, ``عشرة مدنيين``)."""
    for n in numbers:
        unit = n.value.unit
        if unit and _CIVILIAN_UNITS.match(fold(unit)):
            return unit
    return None
