"""Counts in Arabic news text: ``{low, best, high, unit}`` from digits, number words and vague plurals.

Conventions (they follow ``../shared/eval/FORMAT.md``, which the scorer uses):

- An exact number gives ``low == best == high``; a dual noun (``قتيلين``) is an exact 2 of its singular.
- Approximations (``نحو``, ``حوالي``, ``قرابة``, ``زهاء``, ``ما يقارب``, ``تقريباً``) give a range of
  +-20 % around the number: "about ten" is low 8, best 10, high 12.
- Strict lower bounds (``أكثر من``, ``ما يزيد عن``, ``ما يربو على``) give low N+1 and best N+1 (the
  smallest value the text allows), high open; ``ما لا يقل عن`` / ``على الأقل`` give low N, best N.
  ``أقل من N`` gives high N-1 and no best.
- Ranges (``بين 10 و15``, ``من 10 إلى 15``, ``10-15``) give low and high, best null.
- Vague plurals have no firm best: ``بضعة`` 3..9, ``عشرات`` 24..99, ``مئات`` 200..999, ``آلاف``
  2,000..9,999, ``ملايين`` 2..9.99 million; followed by a multiplier the range scales
  (``عشرات الآلاف`` 24,000..99,000).
- ``unit`` is the counted noun without clitics, article or accusative ending (``عنصراً`` -> ``عنصر``),
  or null.
- Not counts: years (``عام 2015``, a bare 19xx/20xx), days before a month name, times and numeric
  dates (``9:07``, ``12/3``), percentages, numbers that name a unit or a text (``اللواء 47``,
  ``القرار 2254``), and digit runs longer than any count (over 15 digits: ids, hashes, garbage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rasd.caches import word_cache
from rasd.lang.lexicon import MONTHS
from rasd.lang.normalize import fold
from rasd.lang.tokens import Token, tokenize
from rasd.lang.vocab import word_counts

if TYPE_CHECKING:
    from rasd.document import Document

Number = int | float


@dataclass(slots=True)
class NumberValue:
    """A count: an exact number, a range, a bound or a vague plural (see the module conventions)."""

    low: Number | None
    best: Number | None
    high: Number | None
    unit: str | None = None

    def to_dict(self) -> dict[str, Number | str | None]:
        return {"low": self.low, "best": self.best, "high": self.high, "unit": self.unit}


@dataclass(slots=True)
class NumberMention:
    """A count expression in the text; ``start``/``end`` cover modifier, number and counted noun."""

    start: int
    end: int
    text: str
    value: NumberValue
    number_start: int = 0  # the number itself, without modifier or noun
    number_end: int = 0


# --- lexicon (folded spellings) ------------------------------------------------------------------

_UNIT_STEMS = {"ثلاث": 3, "اربع": 4, "خمس": 5, "ست": 6, "سبع": 7, "ثمان": 8, "تسع": 9}
_ONES: dict[str, int] = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2,
    "اثنتا": 2, "اثنتي": 2, "احد": 1, "احدي": 1, "ثماني": 8, "ثمانيه": 8, "ثمانيا": 8,
}
for _stem, _v in _UNIT_STEMS.items():
    _ONES[_stem] = _v
    _ONES[_stem + "ه"] = _v
_TEN_WORDS = {"عشر", "عشره"}
_TENS: dict[str, int] = {}
for _stem, _v in {"عشر": 2, **_UNIT_STEMS}.items():
    base = "ثمان" if _stem == "ثمان" else _stem
    _TENS[base + "ون"] = _v * 10
    _TENS[base + "ين"] = _v * 10
_HUNDREDS: dict[str, int] = {"ميه": 100, "مايه": 100}
for _form in ("ميتان", "ميتين", "ميتا", "ميتي", "مايتان", "مايتين", "مايتا", "مايتي"):
    _HUNDREDS[_form] = 200
for _stem, _v in _UNIT_STEMS.items():
    _HUNDREDS[_stem + "ميه"] = _v * 100
    _HUNDREDS[_stem + "مايه"] = _v * 100
_HUNDREDS["ثمانميه"] = _HUNDREDS["ثمانمايه"] = 800
#: Multipliers: singular (after a number or alone = 1x), dual (alone = 2x), plural (after 3..10).
_SCALES: dict[str, tuple[int, int]] = {}  # word -> (scale, count when the word stands alone)
for _scale, _sing, _dual, _plur in (
    (1000, ("الف", "الفا"), ("الفان", "الفين", "الفي"), ("الاف", "الوف")),
    (1_000_000, ("مليون", "مليونا"), ("مليونان", "مليونين", "مليوني"), ("ملايين",)),
    (1_000_000_000, ("مليار", "مليارا", "بليون"), ("ملياران", "مليارين"), ("مليارات",)),
):
    for _w in _sing:
        _SCALES[_w] = (_scale, 1)
    for _w in _dual:
        _SCALES[_w] = (_scale, 2)
    for _w in _plur:
        _SCALES[_w] = (_scale, 0)  # 0: a plural multiplier never stands alone as an exact number
#: Vague plurals -> (low, high).
#: Vague plurals -> (low, high); they also take the article and a preposition (بالعشرات, الآلاف).
_VAGUE: dict[str, tuple[int, int]] = {
    "بضع": (3, 9), "بضعه": (3, 9), "عده": (2, 10), "عشرات": (24, 99), "ميات": (200, 999),
    "الاف": (2000, 9999), "الوف": (2000, 9999),
    "ملايين": (2_000_000, 9_999_999), "مليارات": (2_000_000_000, 9_999_999_999),
}
_WORD_VALUES: dict[str, int] = {**_ONES, **_TENS, **_HUNDREDS}
for _w in _TEN_WORDS:
    _WORD_VALUES[_w] = 10

#: Singular nouns whose dual (-ان/-ين, -تان/-تين) cannot be a sound plural: the dual is a count of 2.
_DUAL_NOUNS = tuple(fold(w) for w in (
    "قتيل قتيلة جريح جريحة عنصر شخص طفل طفلة جندي رجل امرأة شاب شابة صاروخ منزل طائرة غارة شهيد شهيدة ضابط "
    "أسير سيارة قذيفة "
    "عبوة برميل دبابة مدرعة مسيرة حاجز معتقل يوم أسبوع شهر عام سنة ساعة مرة قرية بلدة مدينة إصابة شرطي حارس "
    "عضو شقيق قائد نائب سيدة"
).split())
#: ... and those whose -ين form is also their sound plural (مدنيين, مقاتلين): only the nominative -ان is a dual.
_NOMINATIVE_DUAL_NOUNS = tuple(fold(w) for w in (
    "عسكري مدني مستوطن فلسطيني مواطن مقاتل مسلح صحفي مسعف إسرائيلي"
).split())
_DUALS: dict[str, str] = {}
for _n in _DUAL_NOUNS:
    if _n.endswith("ه"):
        _DUALS[_n[:-1] + "تين"] = _DUALS[_n[:-1] + "تان"] = _n
    else:
        _DUALS[_n + "ين"] = _DUALS[_n + "ان"] = _n
for _n in _NOMINATIVE_DUAL_NOUNS:
    _DUALS[_n + "ان"] = _n
_DUALS.pop("معتقلين", None)  # also the plural "detainees"
#: ... whose -ين form is a dual only when a dual verb or pronoun agrees with it (مستوطنين كانا داخلها).
_AGREEING_DUALS: dict[str, str] = {_n + "ين": _n for _n in _NOMINATIVE_DUAL_NOUNS}
_DUAL_AGREEMENT = frozenset(fold(w) for w in (
    "كانا قتلا استشهدا أصيبا جرحا اعتقلا لقيا هما وهما كانتا قتلتا استشهدتا أصيبتا").split())
#: Every stem that can be a dual: one lookup per token picks them.
_DUAL_STEMS = frozenset(_DUALS) | frozenset(_AGREEING_DUALS)

_APPROX = {("نحو",), ("حوالي",), ("قرابه",), ("زهاء",), ("يقارب",), ("ما", "يقارب"), ("يناهز",),
           ("ما", "يناهز"), ("ما", "يقرب", "من"), ("يقرب", "من"), ("في", "حدود"), ("حدود",)}
_MORE_THAN = {("اكثر", "من"), ("ما", "يزيد", "عن"), ("ما", "يزيد", "علي"), ("يزيد", "عن"),
              ("يزيد", "علي"), ("ما", "يربو", "علي"), ("يربو", "علي"), ("ازيد", "من"), ("ما", "فوق")}
_AT_LEAST = {("ما", "لا", "يقل", "عن"), ("لا", "يقل", "عن"), ("علي", "الاقل"), ("ما", "لا", "يقل", "علي")}
_LESS_THAN = {("اقل", "من"), ("ما", "دون"), ("دون",)}
_RANGE_OPEN = {("بين",), ("ما", "بين"), ("من",)}
_MODIFIERS = sorted(
    [(p, "approx") for p in _APPROX] + [(p, "more") for p in _MORE_THAN] + [(p, "atleast") for p in _AT_LEAST]
    + [(p, "less") for p in _LESS_THAN] + [(p, "range") for p in _RANGE_OPEN],
    key=lambda x: -len(x[0]),
)
#: The word before a number that makes it a name, not a count (اللواء 47, القرار 2254).
_DESIGNATORS = frozenset(fold(w) for w in (
    "لواء فرقة فوج كتيبة رقم مرسوم قرار مادة بند طريق صفحة ساعة الساعة عدد فصل جزء حلقة مباراة دورة "
    "قانون تعميم منطقة حي شارع مبنى بناية طابق غرفة جولة نسخة إصدار عدد طراز موديل"
).split()) - {"عدد"}
_YEAR_WORDS = frozenset(fold(w) for w in (
    "عام العام سنة السنة لعام لسنة بعام وعام عامي العامين منذ ومنذ مطلع أواخر أوائل نهاية بداية خلال "
    "في وفي حتى"
).split())
_ERA_MARKS = frozenset(fold(w) for w in "م ه ميلادي ميلادية هجري هجرية".split())
_PERCENT_WORDS = frozenset(("بالميه", "بالمايه", "المايه", "الميه", "%", "\u066a"))
_NOT_UNITS = frozenset(fold(w) for w in (
    "في من على إلى الى عن مع و أو ثم إن أن كما قد لا لم لن ما هو هي هم التي الذي الذين بعد قبل "
    "خلال منذ حتى بين عند لدى نحو حوالي فقط تقريبا أخرى آخرين آخر اخرى بينهم منهم "
    # a time after the number (وأصيب 12 أمس الأحد) says when, not who
    "أمس الأمس اليوم صباح مساء فجر ليلة ظهر"
).split())
_CONJ_PREFIXES = ("و", "ف", "ب", "ل", "وب", "ول", "فب")
_NUMBER_WORDS = frozenset((*_WORD_VALUES, *_SCALES, *_VAGUE))
#: Every spelling (with clitics) that can start a number: a superset that ``_lookup`` then confirms.
_TRIGGER_NORMS = frozenset(
    c + a + w for w in (*_WORD_VALUES, *_SCALES, *_VAGUE) for c in ("", *_CONJ_PREFIXES) for a in ("", "ال")
)
_MODIFIER_LAST_WORDS = frozenset(
    {p[-1] for p, _ in _MODIFIERS} | {c + p[0] for p, _ in _MODIFIERS if len(p) == 1 for c in _CONJ_PREFIXES}
)
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_NUMERIC = re.compile(r"^[0-9]+(?:[,\u066c][0-9]{3})*(?:[.\u066b,][0-9]+)?$")
_DOTTED_THOUSANDS = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3}){2,}$")  # 7.853.447
#: The most digits a number can have: no count, year or figure in the news has more, and longer runs
#: (an ID, a hash, garbage) would overflow a float (309 digits) or exceed Python's int() (4,300).
MAX_DIGITS = 15


@word_cache(50_000)
def _lookup(norm: str) -> tuple[str, str]:
    """``(number word, clitic)`` for a token that is a number word, else ``("", "")``.

    Only vague plurals keep their meaning with the article (``العشرات``, ``الآلاف``); ``الخمسة`` is
    "the five" already counted elsewhere, so other number words with the article are not read.
    """
    for clitic in ("", *_CONJ_PREFIXES):
        if not norm.startswith(clitic):
            continue
        bare = norm[len(clitic):]
        if bare in _NUMBER_WORDS:
            return bare, clitic
        if bare.startswith("ال") and bare[2:] in _VAGUE:
            return bare[2:], clitic
    return "", ""


def _digits_value(s: str) -> Number | None:
    if len(s) > MAX_DIGITS and sum(c.isdigit() for c in s) > MAX_DIGITS:
        return None
    s = s.replace("\u066c", ",")
    if _DOTTED_THOUSANDS.match(s):
        return int(s.replace(".", ""))
    if not _NUMERIC.match(s) or (len(s) > 1 and s[0] == "0" and s[1].isdigit()):  # 0404: a code
        return None
    if "," in s:
        head, _, tail = s.rpartition(",")
        if len(tail) == 3 and "." not in s and "\u066b" not in s:
            s = s.replace(",", "")
        else:  # 2,5: a decimal comma
            s = head.replace(",", "") + "." + tail
    s = s.replace("\u066b", ".")
    if s.count(".") > 1:  # 1.205.9: dots that group thousands, the last one a decimal point
        head, _, tail = s.rpartition(".")
        s = head.replace(".", "") + "." + tail
    try:
        value = float(s) if "." in s else int(s)
    except ValueError:  # a malformed figure (1,2.3,4) is not a number
        return None
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _whole(x: float) -> Number:
    return int(x) if float(x).is_integer() else x


class _Cardinal:
    """The result of reading one number: exact ``value`` or a ``vague`` (low, high) range."""

    __slots__ = ("value", "vague", "end", "is_digits")

    def __init__(self) -> None:
        self.value: Number = 0
        self.vague: tuple[Number, Number] | None = None
        self.end = 0
        self.is_digits = False


def _read_cardinal(tokens: list[Token], i: int, stop_at_conj: bool = False) -> _Cardinal | None:
    """Read the number starting at token ``i`` (digits, words, compounds, scales, vague plurals).

    Pieces join three ways: a scale multiplies what precedes it (``ثلاثة آلاف``, ``20 ألفاً``,
    ``عشرات الآلاف``); ``عشر``/``مئة`` right after a unit make a teen or a hundred (``ثلاث عشرة``,
    ``ثلاث مئة``); and ``و`` adds a new part (``اثنين وعشرين``, ``مليار ومئتي مليون``) unless
    ``stop_at_conj`` (inside ``بين N و M`` the و separates two numbers).
    """
    card = _Cardinal()
    total: Number = 0
    current: Number = 0
    last = ""  # the previous piece: "digits", "one", "ten", "hundred", "scale", "vague"
    j, n = i, len(tokens)
    while j < n:
        t = tokens[j]
        if t.kind == "number":
            v = _digits_value(t.norm) if not last else None
            if v is None:
                break
            current, last, card.is_digits = v, "digits", True
            j += 1
            continue
        bare, clitic = _lookup(t.norm) if t.kind == "word" else ("", "")
        if not bare:
            break
        joined = clitic in ("و", "ف")
        if last and not joined:
            if bare in _SCALES and last != "scale":  # a multiplier
                scale = _SCALES[bare][0]
                if card.vague is not None:
                    card.vague = (card.vague[0] * scale, card.vague[1] * scale)
                else:
                    total += current * scale
                    current = 0
                last = "scale"
            elif last == "one" and bare in _TEN_WORDS:
                current, last = current + 10, "ten"
            elif last == "one" and _HUNDREDS.get(bare) == 100:
                current, last = current * 100, "hundred"
            else:
                break
        elif last and (stop_at_conj or last == "vague" or bare in _VAGUE):
            break
        elif bare in _VAGUE and (bare not in _SCALES or _SCALES[bare][1] == 0):  # عشرات, آلاف alone
            card.vague, last = _VAGUE[bare], "vague"
        elif bare in _SCALES:  # ألف, ألفين, مليون standing alone
            scale, count = _SCALES[bare]
            total, last = total + count * scale, "scale"
        else:
            if bare in ("احد", "احدي") and not (j + 1 < n and _lookup(tokens[j + 1].norm)[0] in _TEN_WORDS):
                break  # أحد alone is "one of", or Sunday
            v = _WORD_VALUES[bare]
            current += v
            last = "hundred" if bare in _HUNDREDS else ("ten" if v >= 10 else "one")
        j += 1
    if not last:
        return None
    card.value = _whole(total + current)
    card.end = j
    return card


def _bare_words(tokens: list[Token], start: int, count: int) -> tuple[str, ...]:
    words = []
    for t in tokens[max(0, start - count):start]:
        if t.kind not in ("word", "punct"):
            return ()
        words.append(t.norm)
    return tuple(words)


def _modifier_before(tokens: list[Token], i: int) -> tuple[str, int]:
    """The modifier that ends right before token ``i``: ``(kind, index of its first token)``."""
    if i == 0 or tokens[i - 1].norm not in _MODIFIER_LAST_WORDS:
        return "", i
    for phrase, kind in _MODIFIERS:
        k = len(phrase)
        if i - k < 0:
            continue
        words = _bare_words(tokens, i, k)
        if len(words) != k:
            continue
        first = words[0]
        if words[1:] != phrase[1:]:
            continue
        if first == phrase[0] or any(first == c + phrase[0] for c in _CONJ_PREFIXES):
            return kind, i - k
    return "", i


def _unit_at(tokens: list[Token], j: int, value: Number | None) -> tuple[str | None, int]:
    """The counted noun at token ``j`` (after an optional من): ``(unit, index after it)``."""
    n = len(tokens)
    partitive = j < n and tokens[j].kind == "word" and tokens[j].norm == "من"
    if partitive:
        j += 1
    if j >= n or tokens[j].kind != "word":
        return None, j
    t = tokens[j]
    if partitive and not (t.prefix.endswith(("ال", "لل")) or t.suffix or _definite_next(tokens, j + 1)):
        return None, j - 1  # "وواحد من مدينة": where someone is from, not what is counted
    if t.norm in _NOT_UNITS or t.stem in _NOT_UNITS or _lookup(t.norm)[0] or _conjoined(t.norm):
        return None, j  # a conjunction starts a new clause (قتل 3 وجرح 5), not a counted noun
    return _unit_text(t, value), j + 1


def _definite_next(tokens: list[Token], j: int) -> bool:
    """An idafa (عناصر التنظيم) makes the noun before it definite."""
    return j < len(tokens) and tokens[j].kind == "word" and tokens[j].prefix == "ال"


def _conjoined(norm: str) -> bool:
    return norm[:1] in ("و", "ف") and word_counts().get(norm[1:], 0) >= 3


def _unit_text(t: Token, value: Number | None) -> str:
    """The counted noun as written, without clitics, diacritics or the accusative alif of 11..99."""
    plain = _MARKS.sub("", t.text)
    stem = plain[len(t.prefix): len(plain) - len(t.suffix)] if len(plain) == len(t.norm) else t.stem
    if stem.endswith("ا") and len(stem) > 3:
        tanween = "\u064b" in t.text
        tamyiz = value is not None and value >= 11  # 11..99 take it; writers extend it to digits
        folded = fold(stem)
        counts = word_counts()
        if tanween or (tamyiz and counts.get(folded[:-1], 0) >= 3):
            stem = stem[:-1]
    return stem


def _is_not_a_count(tokens: list[Token], i: int, card: _Cardinal, modifier: str) -> bool:
    """Years, days of a month, times, numeric dates, percentages and designators are not counts."""
    n = len(tokens)
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[card.end] if card.end < n else None
    if _percent_at(tokens, card.end):
        return True
    if card.is_digits:
        if prev is not None and prev.kind == "punct" and prev.norm in "/:." and i > 1 and tokens[i - 2].kind == "number":
            return True
        if nxt is not None and nxt.kind == "punct" and nxt.norm in "/:" and card.end + 1 < n \
                and tokens[card.end + 1].kind == "number":
            return True
        if prev is not None and prev.kind == "word" and (prev.stem in _DESIGNATORS or prev.norm in _DESIGNATORS):
            return True
        if card.end == i + 1 and modifier not in ("approx", "more", "atleast", "less") and looks_like_year(tokens, i):
            return True
    if nxt is not None and nxt.kind == "word" and _month_at(tokens, card.end) and card.value and card.value <= 31:
        return True
    return False


def looks_like_year(tokens: list[Token], i: int) -> bool:
    """Whether the digits at token ``i`` are a year: 1000-2100 written without separators, after a
    year word or a month (``عام 2015``, ``في 2015``, ``أيار 2015``) or with no counted noun after them.

    Shared with the date parser so that ``قتل 1500 شخص`` is a count for both, and ``2015`` a year.
    """
    t = tokens[i]
    if t.kind != "number" or len(t.norm) != 4 or not t.norm.isdigit() or not 1000 <= int(t.norm) <= 2100:
        return False
    if i > 0 and tokens[i - 1].kind == "word":
        prev = tokens[i - 1].norm
        if prev in _YEAR_WORDS or prev in MONTHS or (i > 1 and f"{tokens[i - 2].norm} {prev}" in MONTHS):
            return True
        if prev == "و" and i > 1 and looks_like_year(tokens, i - 2):  # عامي 2002 و2003
            return True
    unit, _ = _unit_at(tokens, i + 1, int(t.norm))
    return unit is None or fold(unit) in _ERA_MARKS


def _percent_at(tokens: list[Token], j: int) -> bool:
    """``%``, ``بالمئة``, ``في المئة`` at token ``j``."""
    n = len(tokens)
    return j < n and (tokens[j].norm in _PERCENT_WORDS
                      or (tokens[j].norm == "في" and j + 1 < n and tokens[j + 1].norm in _PERCENT_WORDS))


def _month_at(tokens: list[Token], j: int) -> bool:
    t = tokens[j]
    if t.norm in MONTHS or (t.norm[:1] in "وب" and t.norm[1:] in MONTHS):
        return True
    return j + 1 < len(tokens) and f"{t.norm} {tokens[j + 1].norm}" in MONTHS


def _approx(n: Number) -> tuple[Number, Number]:
    return _whole(int(n * 0.8)), _whole(-int(-n * 1.2 // 1))


def _read_at(tokens: list[Token], i: int) -> tuple[NumberValue, int, int, int] | None:
    """The count that starts with the number at token ``i``: ``(value, first token, number end, end)``."""
    modifier, first = _modifier_before(tokens, i)
    ranged = modifier == "range"
    card = _read_cardinal(tokens, i, stop_at_conj=ranged)
    if card is None or _is_not_a_count(tokens, i, card, modifier):
        return None
    j = card.end
    value = card.value
    low: Number | None
    best: Number | None
    high: Number | None
    if card.vague is not None:  # a vague plural keeps its range whatever the modifier
        low, best, high = card.vague[0], None, card.vague[1]
        if ranged:
            first = i
    else:
        low = best = high = value
        if ranged:
            second, after = _range_end(tokens, j, opener=tokens[i - 1].norm)
            if second is None:
                first = i  # "من 10 قتلى": من was not a range opener after all
            else:
                low, best, high, j = min(value, second), None, max(value, second), after
        elif modifier == "approx":
            low, high = _approx(value)
        elif modifier == "more":
            low = best = _whole(value + 1)
            high = None
        elif modifier == "atleast":
            high = None
        elif modifier == "less":
            low, best, high = None, None, _whole(value - 1)
    # a dash range: 10-15
    if not ranged and card.is_digits and j + 1 < len(tokens) and tokens[j].norm in ("-", "\u2013") \
            and tokens[j + 1].kind == "number":
        second = _digits_value(tokens[j + 1].norm)
        if second is not None and second > value:
            low, best, high, j = value, None, second, j + 2
    if _percent_at(tokens, j):  # ما بين عشرة و11 بالمائة
        return None
    number_end = j
    if card.vague is not None and j == i + 1 and tokens[i].prefix.endswith(("ال", "لل")) \
            and not (j < len(tokens) and tokens[j].norm == "من"):
        unit = None  # وأصيب العشرات برصاص الاحتلال: a definite "dozens" stands alone (its noun only after من)
    else:
        unit, end = _unit_at(tokens, j, next((x for x in (best, high, low) if x is not None), None))
    if unit is None:
        end = j
    # trailing modifiers
    if end < len(tokens) and tokens[end].kind == "word":
        w = tokens[end].norm
        if w == "تقريبا" and card.vague is None and best is not None:
            low, high = _approx(best)
            end += 1
        elif w == "علي" and end + 1 < len(tokens) and tokens[end + 1].norm == "الاقل":
            high = None
            end += 2
    return NumberValue(low, best, high, unit), first, number_end, end


def _range_end(tokens: list[Token], j: int, opener: str) -> tuple[Number | None, int]:
    """The second number of ``بين N و M`` / ``من N إلى M`` (``None`` when there is none)."""
    n = len(tokens)
    if j >= n:
        return None, j
    t = tokens[j]
    if opener.endswith("بين"):
        if t.norm == "و" and j + 1 < n:
            j += 1
        elif not (t.kind == "word" and t.norm.startswith("و") and _lookup(t.norm)[1] == "و"):
            return None, j
    else:
        if t.norm not in ("الي", "حتي") or j + 1 >= n:
            return None, j
        j += 1
    card = _read_cardinal(tokens, j)
    if card is None or card.vague is not None:
        return None, j
    return card.value, card.end


def find_numbers(text_or_tokens: str | list[Token] | Document, text: str | None = None) -> list[NumberMention]:
    """Count expressions in running text, left to right, with original offsets.

    Pass the text, a ``Document`` (its tokens are reused), or tokens together with their ``text``.
    """
    if isinstance(text_or_tokens, str):
        text = text_or_tokens
        tokens = tokenize(text)
    elif not isinstance(text_or_tokens, list):  # a Document
        text, tokens = text_or_tokens.text, text_or_tokens.tokens
    else:
        tokens = text_or_tokens
        if text is None:
            raise ValueError("pass the text together with its tokens")
    out: list[NumberMention] = []
    # One comprehension with set lookups picks the few tokens that can start a count.
    candidates = [i for i, t in enumerate(tokens)
                  if t.kind == "number" or t.norm in _TRIGGER_NORMS or t.stem in _DUAL_STEMS]
    i = 0
    for c in candidates:
        if c < i:
            continue
        i = c
        t = tokens[i]
        found = _read_at(tokens, i) if (t.kind == "number" or _lookup(t.norm)[0]) else None
        dual = _dual_of(tokens, i) if found is None and t.kind == "word" else None
        if dual and not _names_a_number(tokens, i):
            singular = dual
            value = NumberValue(2, 2, 2, _restore_singular(t, singular))
            last = t
            if i + 1 < len(tokens) and _same_pair(tokens, i + 1):
                last = tokens[i + 1]  # جنديان إسرائيليان, مستوطنان اثنان: one pair, described or counted again
                i += 1
            out.append(NumberMention(t.start, last.end, text[t.start:last.end], value, t.start, t.end))
            i += 1
            continue
        if found is None:
            i += 1
            continue
        value, first, number_end, end = found
        if value.low == 0 and value.high == 0:  # "0 | 0 |" share counters, not a count
            i = max(end, i + 1)
            continue
        start_tok, end_tok = tokens[first], tokens[end - 1]
        out.append(NumberMention(
            start_tok.start, end_tok.end, text[start_tok.start:end_tok.end], value,
            tokens[i].start, tokens[number_end - 1].end,
        ))
        i = max(end, i + 1)
    return out


def _same_pair(tokens: list[Token], j: int) -> bool:
    """Whether ``tokens[j]``, right after a dual noun, tells the same two again: an agreeing dual adjective
    (``جنديان إسرائيليان``) or the numeral two (``مستوطنان اثنان``), not a second count."""
    t = tokens[j]
    if t.kind != "word" or tokens[j - 1].end != t.start - 1:
        return False
    if _dual_of(tokens, j):
        return True
    found = _read_at(tokens, j) if _lookup(t.norm)[0] else None
    return found is not None and found[0].low == found[0].high == 2 and found[1] == j and found[2] == j + 1


def _names_a_number(tokens: list[Token], i: int) -> bool:
    """``العامين 1975 و1979``: a dual followed by the numbers it names is not a count of two."""
    return i + 1 < len(tokens) and tokens[i + 1].kind == "number"


def _dual_of(tokens: list[Token], i: int) -> str | None:
    """The singular of the dual ``tokens[i]`` is, if it is one: always for ``_DUALS``, and for a -ين that is a
    plural too only where a dual verb or pronoun agrees with it and nothing before already counts it."""
    stem = tokens[i].stem
    if stem in _DUALS:
        return _DUALS[stem]
    if stem in _AGREEING_DUALS and i + 1 < len(tokens) and tokens[i + 1].norm in _DUAL_AGREEMENT \
            and not _counted_before(tokens, i):
        return _AGREEING_DUALS[stem]
    return None


def _counted_before(tokens: list[Token], i: int) -> bool:
    """``شهيدين مسعفين استشهدا``: the word before already counts who the agreeing dual describes."""
    return i > 0 and (tokens[i - 1].kind == "number" or tokens[i - 1].stem in _DUALS)


def _restore_singular(t: Token, singular: str) -> str:
    """The singular as written (hamza and ta marbuta kept) when the dual's spelling allows it."""
    plain = _MARKS.sub("", t.text)[len(t.prefix):]
    stem_len = len(singular) - (1 if singular.endswith("ه") else 0)
    base = plain[:stem_len]
    return base + "ة" if singular.endswith("ه") else base


def parse_number(text: str) -> NumberValue | None:
    """The first count expression in ``text`` (``None`` when it holds no count).

    A text that is only a number (``2015``, ``٢٫٥``) is returned as that number even where running
    text would read it as a year.
    """
    stripped = text.strip()
    v = _digits_value(fold(stripped))
    if v is not None:
        return NumberValue(v, v, v, None)
    found = find_numbers(text)
    return found[0].value if found else None


def read_number(tokens: list[Token], i: int) -> tuple[Number, int] | None:
    """The exact number (digits or words) that starts at token ``i`` and the index after it.

    For other parsers that need a bare number inside their own phrase (``قبل ثلاثة أيام``).
    """
    card = _read_cardinal(tokens, i)
    if card is None or card.vague is not None:
        return None
    return card.value, card.end
