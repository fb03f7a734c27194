"""Dates in Arabic news text, resolved against the publication date into ``DateSpan`` ranges.

Read forms: both month-name systems (``كانون الثاني`` / ``يناير``, also paired as ``كانون الثاني/يناير``)
with or without day and year; numeric day-first dates (``25/2/2021``, ``25-2-2021``, ``25.2.2021``) and
ISO dates; years (``عام 2015``, ``2015م``, a bare 19xx/20xx); Hijri dates (``15 رجب 1442 هـ``, via
hijridate); weekdays (``الخميس الماضي``, ``يوم الاثنين``, ``مساء الثلاثاء``); relative days (``أمس``,
``اليوم``, ``غداً``, ``أول أمس``, ``بعد غد``, ``قبل يومين``, ``منذ ثلاثة أيام``); relative periods
(``الأسبوع الماضي``, ``الشهر الجاري``, ``العام المقبل``, ``هذا العام``); and parts of a period
(``مطلع``/``أوائل``/``بداية`` = first third, ``منتصف``/``أواسط`` = middle third, ``أواخر``/``نهاية`` =
last third: ``مطلع الشهر الجاري`` is days 1-10 of the publication month).

Resolution conventions (the publication date is "now"):

- A bare weekday is the latest such day on or before publication (news reports the past); with
  ``الماضي`` strictly before; with ``المقبل``/``القادم`` strictly after.
- ``أمس``/``اليوم``/``غداً`` followed by a weekday (``أمس الأحد``) take the nearest day with that weekday:
  the writer's weekday beats a feed's publication date, which in the corpora disagrees with it in 13 %
  of such phrases (mostly by one day: articles filed after midnight).
- A month without a year is in the publication year; with ``الماضي`` the latest such month before the
  publication month, with ``المقبل`` the next one after it, with ``الجاري``/``الحالي`` the publication
  month itself.
- Weeks run Monday to Sunday (ISO), so ``week`` ranges convert to TIMEX ``YYYY-Www`` values.
- ``precision`` is that of the period named; a part of a period narrows ``start``/``end`` but keeps
  the period's precision (``أواخر العام الماضي`` is a ``year`` precision range of September-December).
- Without a publication date, only expressions that carry their own year are returned.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rasd.caches import word_cache
from rasd.lang.lexicon import HIJRI_MONTHS, MONTHS, WEEKDAYS
from rasd.lang.normalize import fold
from rasd.lang.numbers import looks_like_year, read_number
from rasd.lang.tokens import Token, tokenize
from rasd.model import DateSpan

if TYPE_CHECKING:
    from rasd.document import Document


@dataclass(slots=True)
class DateMention:
    """A date expression with its original offsets and its resolved value."""

    start: int
    end: int
    text: str
    value: DateSpan


def _f(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


_PAST = _f("الماضي الماضية المنصرم المنصرمة الفائت الفائتة السابق السابقة")
_NEXT = _f("المقبل المقبلة القادم القادمة")
_CURRENT = _f("الجاري الجارية الحالي الحالية")
_THIS = _f("هذا هذه")
_NEXT_DAY = _f("التالي")
_LEAD = _f("يوم صباح مساء ليلة فجر ظهر عصر ظهيرة صبيحة نهار ليل")
_TODAY = _f("اليوم الليلة")
_YESTERDAY = _f("أمس الأمس امس البارحة")
_TOMORROW = _f("غدا")
_TOMORROW_AFTER_LEAD = _f("غد الغد")  # "غد أفضل" is "a better tomorrow": only after مساء / بعد
_AGO = _f("قبل منذ")
_AFTER = _f("بعد")
_PERIODS = {fold("الأسبوع"): "week", fold("الشهر"): "month", fold("العام"): "year", fold("السنة"): "year"}
_UNITS = {fold(w): u for w, u in (
    ("يوم", "day"), ("أيام", "day"), ("يوما", "day"), ("أسبوع", "week"), ("أسابيع", "week"),
    ("أسبوعا", "week"), ("شهر", "month"), ("أشهر", "month"), ("شهور", "month"), ("شهرا", "month"),
    ("عام", "year"), ("أعوام", "year"), ("عاما", "year"), ("سنة", "year"), ("سنوات", "year"),
    ("سنين", "year"), ("ساعة", "hour"), ("ساعات", "hour"),
)}
_SINGULAR_UNITS = _f("يوم أسبوع شهر عام سنة")
_BEFORE = _f("قبل")
#: ``قبل أيام``, ``قبل أسابيع``: a few units ago, as the days before publication it may have been (from, to).
_FEW_UNITS = {fold("أيام"): (1, 7), fold("أسابيع"): (14, 56)}
_DUAL_UNITS = {fold(w): u for w, u in (
    ("يومين", "day"), ("أسبوعين", "week"), ("شهرين", "month"), ("عامين", "year"), ("سنتين", "year"),
    ("ساعتين", "hour"),
)}
_PARTS = {fold(w): p for w, p in (
    ("مطلع", 0), ("أوائل", 0), ("بداية", 0), ("مستهل", 0), ("أول", 0), ("منتصف", 1), ("أواسط", 1),
    ("أواخر", 2), ("نهاية", 2), ("آخر", 2), ("ختام", 2),
)}
_ORDINALS = {fold(w): k for k, w in enumerate(
    "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر".split(), start=1)}
_ORDINALS[fold("الحادي")] = 1
_ORDINALS[fold("العشرين")] = 20
_ORDINALS[fold("الثلاثين")] = 30
_ORDINAL_TENS = {fold("العشرين"): 20, fold("الثلاثين"): 30}
#: Words after which a lone month name is a month (في سبتمبر, منذ آذار, مطلع أيار).
_MONTH_CONTEXT = _f("في منذ خلال حتى قبل بعد مع من إلى الى طوال شهر شهري أشهر بين و") | frozenset(_PARTS)
_YEAR_LEAD = _f("عام العام سنة السنة")
_YEAR_MARK = _f("م ميلادي ميلادية")
_HIJRI_MARK = _f("ه هجري هجرية للهجرة")
_MONTH_WORD = fold("شهر")
#: Month names that are also common words (آب "father", ماي, صفر "zero", رمضان/رجب names):
#: read only with a day, a year, or the word شهر.
_AMBIGUOUS_MONTHS = _f("آب ماي") | frozenset(HIJRI_MONTHS)
_NOT_BEFORE_YEAR = _f("نحو حوالي قرابة زهاء أكثر أقل يقارب يناهز")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_FIRST_WORDS = frozenset(k.split()[0] for k in (*MONTHS, *HIJRI_MONTHS))
_TRIGGERS = (
    _TODAY | _YESTERDAY | _TOMORROW | _TOMORROW_AFTER_LEAD | _AGO | _AFTER | _LEAD | _THIS | _YEAR_LEAD | _FIRST_WORDS
    | frozenset(_PERIODS) | frozenset(_PARTS) | frozenset(WEEKDAYS) | frozenset({fold("أول"), _MONTH_WORD})
    | frozenset(_ORDINALS)
)


_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
#: Every spelling (with clitics) of a trigger word: a superset that the matchers then confirm.
_TRIGGER_NORMS = frozenset(
    {c + w for w in _TRIGGERS for c in _CLITICS}
    | {c + "ل" + w[1:] for w in _TRIGGERS if w.startswith("ال") for c in ("", "و", "ف")}
)


@word_cache(100_000)
def _bare_of(norm: str, prefix: str, stem: str, suffix: str) -> str:
    if not prefix:
        return norm
    return ("ال" if prefix.endswith(("ال", "لل")) else "") + stem + suffix


def _bare(t: Token) -> str:
    """The token without و/ف/ب/ل/ك (the article kept): ``وبالأمس`` -> ``الامس``."""
    return _bare_of(t.norm, t.prefix, t.stem, t.suffix) if t.kind == "word" else t.norm


# --- calendar arithmetic ---------------------------------------------------------------------------

def _day(d: date) -> DateSpan:
    return DateSpan(d.isoformat(), d.isoformat(), "day")


def _month(y: int, m: int) -> DateSpan:
    return DateSpan(date(y, m, 1).isoformat(), date(y, m, calendar.monthrange(y, m)[1]).isoformat(), "month")


def _year(y: int) -> DateSpan:
    return DateSpan(f"{y:04d}-01-01", f"{y:04d}-12-31", "year")


def _week(d: date) -> DateSpan:
    monday = d - timedelta(days=d.weekday())
    return DateSpan(monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week")


def _add_months(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _period(pub: date, unit: str, offset: int) -> DateSpan:
    """The week/month/year ``offset`` periods away from the one holding ``pub``."""
    if unit == "week":
        return _week(pub + timedelta(weeks=offset))
    if unit == "month":
        return _month(*_add_months(pub, offset))
    return _year(pub.year + offset)


def _shift(pub: date, unit: str, n: int) -> DateSpan | None:
    """The day/week/month/year ``n`` units from ``pub`` (negative: ago)."""
    try:
        if unit in ("day", "hour"):
            return _day(pub + timedelta(days=n if unit == "day" else round(n / 24)))
        return _period(pub, unit, n)
    except (ValueError, OverflowError):
        return None


def _narrow(span: DateSpan, part: int) -> DateSpan:
    """The first, middle or last third of ``span`` (precision kept).

    A month splits into days 1-10, 11-20, 21-end and a year into January-April, May-August,
    September-December, as readers take ``مطلع``/``منتصف``/``أواخر``; a week into thirds of days.
    """
    s, e = date.fromisoformat(span.start or ""), date.fromisoformat(span.end or "")
    if span.precision == "month":
        a, b = s.replace(day=1 + 10 * part), (e if part == 2 else s.replace(day=10 + 10 * part))
        return DateSpan(a.isoformat(), b.isoformat(), span.precision)
    if span.precision == "year":
        a = s.replace(month=1 + 4 * part)
        b = date(s.year, 4 + 4 * part, calendar.monthrange(s.year, 4 + 4 * part)[1])
        return DateSpan(a.isoformat(), b.isoformat(), span.precision)
    third = ((e - s).days + 1) // 3
    if third < 1:
        return span
    a = s + timedelta(days=third * part)
    b = e if part == 2 else s + timedelta(days=third * (part + 1) - 1)
    return DateSpan(a.isoformat(), b.isoformat(), span.precision)


def _int_token(t: Token, lo: int, hi: int) -> int | None:
    if t.kind != "number" or not t.norm.isdigit() or len(t.norm.lstrip("0")) > len(str(hi)):
        return None  # more digits than the bound: never converted (int() refuses 4,300+ digits)
    v = int(t.norm)
    return v if lo <= v <= hi else None


# --- matchers: each returns (DateSpan | None, index after the expression) or None ------------------

Match = tuple[DateSpan | None, int]


def _month_at(tokens: list[Token], j: int) -> tuple[int, int, bool] | None:
    """``(month, index after it, is_hijri)`` for a month name at token ``j``."""
    if j >= len(tokens) or tokens[j].kind != "word":
        return None
    b = _bare(tokens[j])
    if j + 1 < len(tokens):
        two = f"{b} {_bare(tokens[j + 1])}"
        if two in MONTHS:
            return MONTHS[two], j + 2, False
        if two in HIJRI_MONTHS:
            return HIJRI_MONTHS[two], j + 2, True
    if b in MONTHS:
        return MONTHS[b], j + 1, False
    if b in HIJRI_MONTHS:
        return HIJRI_MONTHS[b], j + 1, True
    return None


def _year_after(tokens: list[Token], j: int, hijri: bool) -> tuple[int | None, int, bool]:
    """An optional year at ``j`` (after عام/سنة), with its era mark: ``(year, next index, hijri mark)``."""
    n = len(tokens)
    k = j
    if k < n and tokens[k].kind == "word" and _bare(tokens[k]) in _YEAR_LEAD:
        k += 1
    if k < n:
        y = _int_token(tokens[k], 1300, 1500) if hijri else _int_token(tokens[k], 1000 if k > j else 1800, 2100)
        if y is None and not hijri:
            y = _int_token(tokens[k], 1300, 1500) if k + 1 < n and tokens[k + 1].norm in _HIJRI_MARK else None
            hijri = y is not None
        if y is not None:
            k += 1
            marked = False
            if k < n and tokens[k].norm in (_HIJRI_MARK | _YEAR_MARK):
                marked = tokens[k].norm in _HIJRI_MARK
                k += 1
            return y, k, hijri or marked
    return None, j, hijri


def _resolve_month(month: int, pub: date | None, qualifier: str) -> int | None:
    if pub is None:
        return None
    if qualifier == "past":
        return pub.year if month < pub.month else pub.year - 1
    if qualifier == "next":
        return pub.year if month > pub.month else pub.year + 1
    if qualifier == "current":
        return pub.year
    ahead = (month - pub.month) % 12  # the nearest such month, the past winning a tie
    return pub.year + (pub.month + ahead > 12) if ahead < 6 else pub.year - (month > pub.month)


def _qualifier(tokens: list[Token], j: int) -> tuple[str, int]:
    if j < len(tokens) and tokens[j].kind == "word":
        b = _bare(tokens[j])
        if b in _PAST:
            return "past", j + 1
        if b in _NEXT:
            return "next", j + 1
        if b in _CURRENT:
            return "current", j + 1
    return "", j


def _ordinal_day(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """``الثامن من``, ``الحادي والعشرين من``: an ordinal day word and ``من`` before a month name."""
    n = len(tokens)
    first = _ORDINALS.get(_bare(tokens[i])) if tokens[i].kind == "word" else None
    if first is None:
        return None
    j, day = i + 1, first
    if j < n and tokens[j].kind == "word":
        b = tokens[j].norm
        if b == "عشر" and first < 10:
            day, j = first + 10, j + 1
        elif b[:1] == "و" and b[1:] in _ORDINAL_TENS and first < 10:
            day, j = first + _ORDINAL_TENS[b[1:]], j + 1
    if j < n and tokens[j].norm == "من" and day <= 31:
        return day, j + 1
    return None


def _absolute(tokens: list[Token], i: int, pub: date | None, lone_ok: bool = False) -> Match | None:
    """``[day] month[/month] [year] [qualifier]`` in either calendar (``شهر`` may lead)."""
    n = len(tokens)
    j = i
    day = _int_token(tokens[j], 1, 31)
    ordinal = _ordinal_day(tokens, j) if day is None else None
    has_month_word = False
    if ordinal is not None:
        day, j = ordinal
    elif day is not None:
        j += 1
    elif tokens[j].kind == "word" and tokens[j].stem == _MONTH_WORD and tokens[j].prefix in ("", "ال", "ب", "في"):
        has_month_word = True
        j += 1
    found = _month_at(tokens, j)
    if found is None:
        return None
    month, j, hijri = found
    # a paired name: كانون الثاني/يناير, شباط (فبراير)
    paired = False
    if j + 1 < n and tokens[j].norm in ("/", "(", "-"):
        alt = _month_at(tokens, j + 1)
        if alt is not None and not alt[2]:
            j, paired = alt[1], True
            if j < n and tokens[j].norm in (")", "/"):
                j += 1
    year, j, hijri = _year_after(tokens, j, hijri)
    qualifier = ""
    if year is None and j + 1 < n and tokens[j].norm == "من":  # 31 مارس من العام الماضي / من عام 2015
        y2, k, hijri = _year_after(tokens, j + 1, hijri)
        if y2 is not None:
            year, j = y2, k
        elif tokens[j + 1].kind == "word" and _bare(tokens[j + 1]) in _PERIODS and _PERIODS[_bare(tokens[j + 1])] == "year":
            q, k = _qualifier(tokens, j + 2)
            if q and pub is not None:
                year, j = pub.year + {"past": -1, "next": 1, "current": 0}[q], k
    word = _bare(tokens[found[1] - 1])
    if day is None and year is None and not has_month_word:
        if word in _AMBIGUOUS_MONTHS or hijri:
            return None
        context = lone_ok or (i > 0 and _bare(tokens[i - 1]) in _MONTH_CONTEXT)
        if not paired and not context and not _qualifier(tokens, j)[0]:
            return None  # "سيارة نيسان" is a Nissan: a lone month name needs في/منذ/خلال... or الماضي
    if hijri:
        return _hijri(day, month, year, pub), j
    if year is None:
        qualifier, j = _qualifier(tokens, j)
        year = _resolve_month(month, pub, qualifier)
        if year is None:
            return None, j
    try:
        return (_day(date(year, month, day)) if day else _month(year, month)), j
    except ValueError:
        return None, j


def _hijri(day: int | None, month: int, year: int | None, pub: date | None) -> DateSpan | None:
    from hijridate import Gregorian, Hijri

    try:
        if year is None:
            if pub is None:
                return None
            year = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
        if day:
            return _day(Hijri(year, month, day).to_gregorian())
        first = Hijri(year, month, 1)
        last = Hijri(year, month, first.month_length())
        return DateSpan(first.to_gregorian().isoformat(), last.to_gregorian().isoformat(), "month")
    except (ValueError, OverflowError):
        return None


def _numeric(tokens: list[Token], i: int) -> Match | None:
    """``25/2/2021``, ``25-2-2021``, ``25.2.2021`` (day first) and ``2021-02-25``."""
    t = tokens[i]
    m = _NUMERIC_DATE.match(t.norm)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        end = i + 1
    else:
        n = len(tokens)
        if i + 4 >= n or tokens[i + 1].norm not in ("/", "-") or tokens[i + 3].norm != tokens[i + 1].norm:
            return None
        parts = [tokens[i].norm, tokens[i + 2].norm, tokens[i + 4].norm]
        if not all(p.isdigit() and len(p.lstrip("0")) <= 4 for p in parts):
            return None  # a day, month or year has at most 4 digits: longer runs are never converted
        a, b, c = (int(p) for p in parts)
        if len(parts[0]) == 4:
            y, mo, d = a, b, c
        elif len(parts[2]) == 4:
            d, mo, y = a, b, c
        else:
            return None
        end = i + 5
    if end < len(tokens) and tokens[end].norm in _HIJRI_MARK:  # ``1435 / 11 / 13 ه``: a Hijri date
        hijri = _hijri(d, mo, y, None)
        return (hijri, end + 1) if hijri is not None else None
    try:
        return _day(date(y, mo, d)), end
    except ValueError:
        return None


def _year_only(tokens: list[Token], i: int) -> Match | None:
    """``عام 2015``, ``2015م``, a bare 19xx/20xx that nothing marks as a count."""
    n = len(tokens)
    j = i
    led = tokens[j].kind == "word" and _bare(tokens[j]) in _YEAR_LEAD
    if led:
        j += 1
    if j >= n:
        return None
    y = _int_token(tokens[j], 1000 if led else 1800, 2100)
    if y is None:
        return None
    if not led:
        if not looks_like_year(tokens, j):
            return None  # قتل 2000 شخص: a count
        if i > 1 and tokens[i - 1].norm in ("-", "/") and tokens[i - 1].start == tokens[i - 2].end:
            return None  # ميراج-2000, F-2000: a model name
        if i > 0 and tokens[i - 1].kind == "word" and _bare(tokens[i - 1]) in _NOT_BEFORE_YEAR:
            return None
        if i > 1 and tokens[i - 1].norm == "من" and _bare(tokens[i - 2]) in _NOT_BEFORE_YEAR:
            return None
        if j + 1 < n and tokens[j + 1].kind == "word" and _bare(tokens[j + 1]) in _f("ألف مليون مليار بالمئة"):
            return None
    j += 1
    if j < n and tokens[j].norm in _YEAR_MARK:
        j += 1
    return _year(y), j


def _lead(tokens: list[Token], i: int) -> int:
    """Skip ``صباح``/``مساء``/``يوم`` (and ``صباح يوم``) before a day expression."""
    j = i
    while j < len(tokens) and j - i < 2 and tokens[j].kind == "word" and _bare(tokens[j]) in _LEAD:
        j += 1
    return j


def _weekday(tokens: list[Token], i: int, pub: date | None) -> Match | None:
    j = _lead(tokens, i)
    if j >= len(tokens) or tokens[j].kind != "word":
        return None
    wd = WEEKDAYS.get(_bare(tokens[j]))
    if wd is None:
        return None
    j += 1
    qualifier, j = _qualifier(tokens, j)
    # a full date after the weekday wins: الخميس 18 كانون الثاني 2018
    k = j + 1 if j < len(tokens) and tokens[j].norm in (",", "،", "-") else j
    if k < len(tokens):
        full = _absolute(tokens, k, pub) or _numeric(tokens, k)
        if full is not None:
            return full[0], full[1]
    if pub is None:
        return None, j
    if qualifier == "next":
        delta = (wd - pub.weekday()) % 7 or 7
    else:
        delta = -((pub.weekday() - wd) % 7)
        if qualifier == "past" and delta == 0:
            delta = -7
    return _day(pub + timedelta(days=delta)), j


def _relative(tokens: list[Token], i: int, pub: date | None) -> Match | None:
    n = len(tokens)
    j = _lead(tokens, i)
    if j >= n or tokens[j].kind != "word":
        return None
    led = j > i
    b = _bare(tokens[j])
    nxt = _bare(tokens[j + 1]) if j + 1 < n and tokens[j + 1].kind == "word" else ""
    offset: int | None = None
    if b in _TODAY:
        if nxt in _NEXT_DAY:
            offset, j = 1, j + 2
        elif b == fold("الليلة") and nxt in _PAST:  # الليلة الماضية: last night
            offset, j = -1, j + 2
        elif tokens[j].prefix[:1] in ("ب", "ل") or (nxt.startswith("ال") and nxt not in WEEKDAYS and nxt != "الي"):
            return None  # باليوم العالمي, اليوم الوطني: a named day, not today
        else:
            offset, j = 0, j + 1
    elif b in _YESTERDAY and nxt == fold("الأول") and not (
            j + 2 < n and _bare(tokens[j + 2]) == fold("من")):  # أمس الأول: the day before yesterday
        offset, j = -2, j + 2
    elif b in _YESTERDAY:
        offset, j = -1, j + 1
    elif b in _TOMORROW or (led and b in _TOMORROW_AFTER_LEAD):
        offset, j = 1, j + 1
    elif b == fold("أول") and (nxt in _YESTERDAY or (nxt == "من" and j + 2 < n and _bare(tokens[j + 2]) in _YESTERDAY)):
        offset, j = -2, j + (2 if nxt in _YESTERDAY else 3)
    elif b in _AFTER and (nxt in _TOMORROW or nxt in _TOMORROW_AFTER_LEAD):
        offset, j = 2, j + 2
    if offset is not None:
        if pub is None:
            return None, j
        day = pub + timedelta(days=offset)
        # "غداً الاثنين", "أمس الأحد": the weekday names the same day, and where it disagrees with the
        # publication date (an article filed after midnight, a feed's date) the named weekday wins.
        if j < n and tokens[j].kind == "word" and _bare(tokens[j]) in WEEKDAYS:
            drift = (WEEKDAYS[_bare(tokens[j])] - day.weekday() + 3) % 7 - 3
            day += timedelta(days=drift)
            j += 1
        return _day(day), j
    if b in _THIS and nxt in _PERIODS:
        return (_period(pub, _PERIODS[nxt], 0) if pub else None), j + 2
    if b in _PERIODS:
        qualifier, k = _qualifier(tokens, j + 1)
        if qualifier:
            off = {"past": -1, "next": 1, "current": 0}[qualifier]
            return (_period(pub, _PERIODS[b], off) if pub else None), k
        return None
    if b in _AGO or b in _AFTER:
        sign = -1 if b in _AGO else 1
        k = j + 1
        if k >= n or tokens[k].kind not in ("word", "number"):
            return None
        kb = _bare(tokens[k])
        if kb in _DUAL_UNITS:
            unit, count, k = _DUAL_UNITS[kb], 2, k + 1
        elif kb in _SINGULAR_UNITS:  # قبل عام, منذ أسبوع: one unit
            if k + 1 < n and _bare(tokens[k + 1]) in WEEKDAYS:
                return None
            unit, count, k = _UNITS[kb], 1, k + 1
        elif kb in _FEW_UNITS and b in _BEFORE:
            # قبل أيام, قبل أسابيع: a few units ago, some time in a span that ends before publication
            if not pub:
                return None, k + 1
            lo, hi = _FEW_UNITS[kb]
            return DateSpan((pub - timedelta(days=hi)).isoformat(), (pub - timedelta(days=lo)).isoformat(),
                            "unknown"), k + 1
        else:
            read = read_number(tokens, k)
            if read is None or read[1] >= n or not isinstance(read[0], int):
                return None
            count, k = read
            unit = _UNITS.get(_bare(tokens[k]))
            if unit is None:
                return None
            k += 1
        return (_shift(pub, unit, sign * count) if pub else None), k
    return None


def _part(tokens: list[Token], i: int, pub: date | None) -> Match | None:
    t = tokens[i]
    if t.kind != "word" or _bare(t) not in _PARTS:
        return None
    part = _PARTS[_bare(t)]
    j = i + 1
    if j >= len(tokens):
        return None
    inner = _relative(tokens, j, pub) or _absolute(tokens, j, pub) or _year_only(tokens, j)
    if inner is None or (inner[0] is not None and inner[0].precision == "day"):
        return None
    span, end = inner
    return (_narrow(span, part) if span is not None else None), end


def _match(tokens: list[Token], i: int, pub: date | None, lone_ok: bool = False) -> Match | None:
    t = tokens[i]
    if t.kind == "number":
        return _numeric(tokens, i) or _absolute(tokens, i, pub) or _year_only(tokens, i)
    if t.kind != "word":
        return None
    b = _bare(t)
    if b not in _TRIGGERS:
        return None
    return (
        _part(tokens, i, pub) or _weekday(tokens, i, pub) or _relative(tokens, i, pub)
        or _absolute(tokens, i, pub, lone_ok) or _year_only(tokens, i)
    )


def _as_date(published: str | date | None) -> date | None:
    if published is None or isinstance(published, date):
        return published
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def find_dates(
    text_or_tokens: str | list[Token] | Document, published: str | date | None = None, text: str | None = None
) -> list[DateMention]:
    """Date expressions in running text with original offsets, resolved against ``published``.

    Pass the text, a ``Document`` (its tokens, and its ``published`` unless one is given), or tokens
    together with their ``text``. Expressions that need a publication date are left out without one.
    """
    if isinstance(text_or_tokens, str):
        text = text_or_tokens
        tokens = tokenize(text)
    elif not isinstance(text_or_tokens, list):  # a Document
        text, tokens = text_or_tokens.text, text_or_tokens.tokens
        published = published or text_or_tokens.published
    else:
        tokens = text_or_tokens
        if text is None:
            raise ValueError("pass the text together with its tokens")
    return _find(tokens, text, _as_date(published), lone_ok=False)


def _find(tokens: list[Token], text: str, pub: date | None, lone_ok: bool) -> list[DateMention]:
    out: list[DateMention] = []
    # One comprehension with set lookups picks the few tokens that can start a date.
    candidates = [i for i, t in enumerate(tokens) if t.kind == "number" or t.norm in _TRIGGER_NORMS]
    i = 0
    for c in candidates:
        if c < i:
            continue
        i = c
        found = _match(tokens, i, pub, lone_ok and i == 0)
        if found is None:
            i += 1
            continue
        span, end = found
        end = max(end, i + 1)
        if span is not None:
            s, e = tokens[i].start, tokens[end - 1].end
            out.append(DateMention(s, e, text[s:e], span))
        i = end
    return out


def parse_date(text: str, published: str | date | None = None) -> DateSpan | None:
    """The first date expression in ``text``, resolved against ``published`` (``None`` if there is none).

    ``text`` is taken to be a date expression, so a month name standing alone at its start is read as
    the month (in running text ``find_dates`` wants ``في``/``منذ``... before it: ``سيارة نيسان``).
    """
    found = _find(tokenize(text), text, _as_date(published), lone_ok=True)
    return found[0].value if found else None


def timex_value(span: DateSpan) -> str | None:
    """The TIMEX3 ``value`` of a span: ``2021-02-25``, ``2021-W08``, ``2021-02`` or ``2021``."""
    if not span.start:
        return None
    if span.precision == "day":
        return span.start
    if span.precision == "week":
        y, w, _ = date.fromisoformat(span.start).isocalendar()
        return f"{y}-W{w:02d}"
    if span.precision == "month":
        return span.start[:7]
    if span.precision == "year":
        return span.start[:4]
    return None
