"""Databases for the aggregation and API tests, built through the real store from hand-made events.

The sentences are real ones from the sample corpus (Al Jazeera's report of 28 April 2016 on the strike on
al-Quds hospital in Aleppo, and the seed article on defections in Deir ez-Zor); the events are what an
extractor would make of them, so the tests do not depend on the extractor's current state.
"""

from __future__ import annotations

from pathlib import Path

from rasd.model import ActorRef, Article, ArticleResult, Count, DateSpan, Event, Place, Source, Span
from rasd.store.db import Store, StoredArticle

ALEPPO = Place(name="حلب", name_en="Aleppo", geonameid=170063, lat=36.20124, lon=37.16117, admin1="Aleppo",
               admin2="Jebel Saman", country="SY", precision=1)
BUSTAN_AL_QASR = Place(name="بستان القصر", name_en="Bustan al-Qasr", lat=36.1960, lon=37.1380, admin1="Aleppo",
                       admin2="Jebel Saman", country="SY", precision=2)
IDLIB = Place(name="إدلب", name_en="Idlib", geonameid=169389, lat=35.93083, lon=36.63389, admin1="Idlib",
              admin2="Idlib", country="SY", precision=1)
AL_BAB = Place(name="الباب", name_en="Al Bab", geonameid=172515, lat=36.37051, lon=37.5157, admin1="Aleppo",
               admin2="Al Bab", country="SY", precision=1)
ALEPPO_PROVINCE = Place(name="ريف حلب", name_en="Aleppo Governorate", admin1="Aleppo", country="SY", precision=3)
DEIR_EZ_ZOR = Place(name="دير الزور", name_en="Deir ez-Zor", geonameid=170794, lat=35.33588, lon=40.14084,
                    admin1="Deir-ez-Zor", admin2="Deir-ez-Zor", country="SY", precision=1)

SYRIAN_AIR_FORCE = ActorRef("actor1", "طائرات النظام السوري", "Syrian Air Force", "syria_air_force")
RUSSIAN_AIR_FORCE = ActorRef("actor1", "الطائرات الروسية", "Russian Air Force", "russia_air_force")
US_MILITARY = ActorRef("actor1", "التحالف", "US-led coalition", "us_military")
CIVILIANS = ActorRef("actor2", "المدنيين", "Civilians", "civilians")
IRAN_MILITIAS = ActorRef("actor1", "الميلشيات الإيرانية", "Iran-backed militias (unspecified)", "iran_backed_militias")
SDF = ActorRef("actor2", "قوات سوريا الديمقراطية", "Syrian Democratic Forces", "sdf")

# Real sentences (Al Jazeera, 2016-04-28, and the seed article).
MSF_CONFIRMS = "من جهتها , أكدت أن ضربة جوية مباشرة دمرت مستشفى القدس الذي كانت تدعمه بمنطقة يسيطر عليها مقاتلو المعارضة بمدينة حلب ."
MEDIC_TOLL = ("وتحدث محمد أبو الهدى ( المسعف بالمستشفى الميداني في حلب ) عن إحصاء 45 قتيلا اليوم وعشرات الجرحى , في "
              "الغارات التي استهدفت خصوصا حيي الكل اسة وبستان القصر اللذين تسيطر عليهما المعارضة المسلحة في المدينة .")
STATE_TV_DENIES = "بينما نفى التلفزيون الرسمي السوري استهداف المقاتلات السورية للمستشفى ."
CONTINUED_SHELLING = ("واصلت طائرات النظام السوري ومثيلاتها الروسية اليوم الخميس قصف مواقع في مدينة , وأسفر القصف عن "
                      "عشرات القتلى والجرحى .")
DEFECTION_CONFIRMED = ("وخلال الشهر الماضي انشق ما يقارب عشرة عناصر، أمنّا لهم طريق الوصول إلى أهاليهم، المقيمين في "
                       "مناطق سيطرتنا، وسبب انشقاقهم كان القصف المتكرّر على مقرات الميلشيات.")
DEFECTION_DOWNPLAYED = ("إلا أن “عامر أحمد”، وهو اسم مستعار لإعلامي مطّلع على الأوضاع، في المناطق التي تسيطر عليها "
                        "القوات النظامية، قلّل من أهمية الانشقاقات، واعتبرها، في تصريح مقتضب لـ«الحل نت»، مجرد «حالات فردية».")


def day(d: str) -> DateSpan:
    return DateSpan(d, d, "day")


def event(kind: str, sentence: str, place: Place | None, date: DateSpan | None, *, actors: list[ActorRef] = (),
          counts: dict[str, tuple[int | None, int | None, int | None]] | None = None,
          sources: list[Source] = (), polarity: str = "asserted", genericity: str = "specific",
          trigger: str | None = None, confidence: float | None = None) -> Event:
    """``confidence``: the extractor's calibrated probability (None: a report the rules alone found)."""
    return Event(kind=kind, actors=list(actors), location=place, date=date,
                 counts={k: Count(*v) for k, v in (counts or {}).items()}, polarity=polarity,
                 genericity=genericity, sources=list(sources), trigger=trigger,
                 evidence=[Span(0, len(sentence), sentence)], confidence=confidence)


def article(aid: str, outlet: str, published: str, events: list[Event], duplicate_of: str | None = None,
            title: str | None = None) -> ArticleResult:
    text = "\n".join(s for e in events for s in (x.text for x in e.evidence)) or "نص"
    a = Article(id=aid, text=text, title=title or f"{outlet} {published}", published=published, outlet=outlet,
                url=f"https://{outlet}/{aid}", text_hash=f"h-{aid}", duplicate_of=duplicate_of)
    return ArticleResult(article=a, events=events)


def write(db: Path, results: list[ArticleResult]) -> Path:
    with Store(db) as store:
        store.write_batch([StoredArticle(result=r, extracted=True) for r in results], "test", {})
    return db


def aleppo_hospital_strike() -> list[ArticleResult]:
    """One strike told by four articles (one a syndicated copy), plus events that must stay apart."""
    msf = Source("أطباء بلا حدود", "confirms", organization="أطباء بلا حدود", quote=MSF_CONFIRMS)
    medic = Source("محمد أبو الهدى", "confirms", role="المسعف بالمستشفى الميداني في حلب", quote=MEDIC_TOLL)
    state_tv = Source("التلفزيون الرسمي السوري", "denies", organization="التلفزيون الرسمي السوري",
                      quote=STATE_TV_DENIES)
    return [
        article("aj-1", "aljazeera.net", "2016-04-28", [
            event("airstrike", MSF_CONFIRMS, ALEPPO, day("2016-04-27"), actors=[SYRIAN_AIR_FORCE, CIVILIANS],
                  counts={"fatalities": (14, 14, 14)}, sources=[msf], trigger="ضربة جوية", confidence=0.62),
            event("airstrike", CONTINUED_SHELLING, IDLIB, day("2016-04-27"), actors=[SYRIAN_AIR_FORCE],
                  counts={"fatalities": (24, None, 99)}, trigger="قصف", confidence=0.55),
        ]),
        article("orient-1", "orient-news.net", "2016-04-28", [
            event("airstrike", MEDIC_TOLL, BUSTAN_AL_QASR, day("2016-04-28"), actors=[SYRIAN_AIR_FORCE],
                  counts={"fatalities": (45, 45, 45)}, sources=[medic], trigger="الغارات", confidence=0.93),
        ]),
        article("copy-1", "syndicator.example", "2016-04-29", [
            event("airstrike", MEDIC_TOLL, BUSTAN_AL_QASR, day("2016-04-28"), actors=[SYRIAN_AIR_FORCE],
                  counts={"fatalities": (45, 45, 45)}, sources=[medic], trigger="الغارات"),
        ], duplicate_of="orient-1"),
        article("sana-1", "sana.sy", "2016-04-29", [
            event("airstrike", STATE_TV_DENIES, ALEPPO, day("2016-04-28"), actors=[SYRIAN_AIR_FORCE],
                  sources=[state_tv], trigger="استهداف"),
        ]),
        # a week later, same town: another strike
        article("aj-2", "aljazeera.net", "2016-05-09", [
            event("airstrike", MSF_CONFIRMS, ALEPPO, day("2016-05-08"), actors=[SYRIAN_AIR_FORCE],
                  counts={"fatalities": (3, 3, 3)}, trigger="ضربة جوية", confidence=0.41),
        ]),
        # same day and town, another air force: not the same strike
        article("rt-1", "rt.com", "2016-04-28", [
            event("airstrike", CONTINUED_SHELLING, ALEPPO, day("2016-04-27"), actors=[US_MILITARY],
                  trigger="قصف"),
        ]),
        # same day, 37 km away, another district
        article("bab-1", "enabbaladi.net", "2016-04-28", [
            event("airstrike", CONTINUED_SHELLING, AL_BAB, day("2016-04-27"), actors=[SYRIAN_AIR_FORCE],
                  trigger="قصف", confidence=0.77),
        ]),
        # a pattern, not an occurrence
        article("aj-3", "aljazeera.net", "2016-04-30", [
            event("airstrike", CONTINUED_SHELLING, ALEPPO, DateSpan("2016-04-01", "2016-04-30", "month"),
                  actors=[SYRIAN_AIR_FORCE], genericity="recurring", trigger="قصف"),
        ]),
    ]


def deir_ez_zor_defections() -> list[ArticleResult]:
    """Defections confirmed by one voice and downplayed by another, in two months."""
    jubouri = Source("محمد الجبوري", "confirms", role="الناطق الرسمي", organization="قوات مجلس دير الزور العسكري",
                     quote=DEFECTION_CONFIRMED)
    ahmad = Source("عامر أحمد", "downplays", role="إعلامي مطّلع على الأوضاع", quote=DEFECTION_DOWNPLAYED)
    return [
        article("seed-like", "alhal.net", "2021-02-26", [
            event("defection", DEFECTION_CONFIRMED, DEIR_EZ_ZOR, DateSpan("2021-01-01", "2021-01-31", "month"),
                  actors=[IRAN_MILITIAS, SDF], counts={"defectors": (8, 10, 12)}, sources=[jubouri, ahmad],
                  trigger="انشق", confidence=0.88),
        ]),
        article("alhal-2", "alhal.net", "2021-03-20", [
            event("defection", DEFECTION_CONFIRMED, DEIR_EZ_ZOR, day("2021-03-19"), actors=[IRAN_MILITIAS, SDF],
                  counts={"defectors": (5, 5, 5)}, sources=[jubouri], trigger="انشق"),
        ]),
    ]
