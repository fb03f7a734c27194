"""The grade rule (docs/grading.md), why an event is contested, and what merging must keep apart.

Pure functions over :class:`Report` rows, so each rule is checked on its own; the names and outlets are
those of the Aleppo hospital strike in agg_builders.py.
"""

from __future__ import annotations

from rasd.aggregate.grade import grade, independent_sources, precision
from rasd.aggregate.merge import Report, actors_conflict, build_canonical, merge

DAY = 736082  # 2016-04-27
SAF = ("actor1", "طائرات النظام السوري", "Syrian Air Force", "syria_air_force", False)
CIV = ("actor2", "المدنيين", "Civilians", "civilians", False)
HAMAS = ("actor1", "حماس", "Hamas", "hamas", False)
IDF = ("actor1", "الجيش الإسرائيلي", "Israel Defense Forces", "idf", False)
IDF_TARGET = ("actor2", "الجيش الإسرائيلي", "Israel Defense Forces", "idf", False)
CIV_TARGET = ("actor2", "نازحون", "Displaced civilians", "civilians", False)


def rep(eid: str, outlet: str, *, sources=(), actors=(SAF,), polarity="asserted", day=DAY, precision="day",
        root: str | None = None, certainty="certain", place_precision=1, end: int | None = None, **kw) -> Report:
    aid = eid.split("#")[0]
    return Report(event_id=eid, article_id=aid, kind="airstrike", root_article_id=root, published=day + 1,
                  outlet=outlet, polarity=polarity, certainty=certainty, geonameid=170063, lat=36.2, lon=37.16,
                  admin1="Aleppo", country="SY", place_precision=place_precision, date_start=day,
                  date_end=day if end is None else end,
                  date_precision=precision, actors=list(actors), sources=list(sources), **kw)


MSF = ("أطباء بلا حدود", "أطباء بلا حدود", "confirms", None, "ضربة جوية مباشرة دمرت مستشفى القدس")
MEDIC = ("محمد أبو الهدى", None, "confirms", None, "45 قتيلا")
STATE_TV = ("التلفزيون الرسمي السوري", "التلفزيون الرسمي السوري", "denies", None, "نفى استهداف المستشفى")
SAF_ADMITS = ("المتحدث باسم القوات الجوية", "القوات الجوية السورية", "confirms", "syria_air_force", "استهدفنا")
SAF_DENIES = ("مصدر عسكري", "الجيش السوري", "denies", "syria_air_force", "لم نستهدف")
OUTLET = (None, None, "reports")


def test_one_source_is_weak_two_independent_are_fair() -> None:
    one = build_canonical([rep("a#0", "aljazeera.net", sources=[MSF])])
    assert grade(one).grade == "weak"
    two = build_canonical([rep("a#0", "aljazeera.net", sources=[MSF]), rep("b#0", "orient", sources=[MEDIC])])
    assert independent_sources(two) == 2
    assert grade(two).grade == "fair"


def test_the_same_voice_or_a_syndicated_copy_is_not_independent() -> None:
    same_voice = build_canonical([rep("a#0", "aljazeera.net", sources=[MSF]), rep("b#0", "bbc", sources=[MSF])])
    assert grade(same_voice).grade == "weak"
    copy = build_canonical([rep("a#0", "aljazeera.net", sources=[OUTLET]),
                            rep("c#0", "syndicator", sources=[OUTLET], root="a")])
    assert independent_sources(copy) == 1 and grade(copy).grade == "weak"
    two_outlets = build_canonical([rep("a#0", "aljazeera.net", sources=[OUTLET]),
                                   rep("b#0", "bbc", sources=[OUTLET])])
    assert grade(two_outlets).grade == "fair"


def test_the_acting_side_admitting_it_confirms_it() -> None:
    c = build_canonical([rep("a#0", "sana.sy", sources=[SAF_ADMITS])])
    g = grade(c)
    assert g.grade == "confirmed" and "admits" in g.reason


def test_a_denial_makes_it_contested_and_says_who() -> None:
    c = build_canonical([rep("a#0", "aljazeera.net", sources=[MSF]), rep("b#0", "orient", sources=[MEDIC]),
                         rep("s#0", "sana.sy", sources=[STATE_TV])])
    g = grade(c)
    assert g.grade == "contested" and "التلفزيون الرسمي السوري" in g.reason
    assert c.contested_reasons == ["denied"]
    (why,) = c.contested_detail
    assert why["speaker"] == "التلفزيون الرسمي السوري" and why["article_id"] == "s" and why["outlet"] == "sana.sy"
    party = build_canonical([rep("a#0", "aljazeera.net", sources=[MSF]), rep("s#0", "sana.sy", sources=[SAF_DENIES])])
    assert "a party to it denies it" in grade(party).reason


def test_reports_that_say_it_did_not_happen() -> None:
    mixed = build_canonical([rep("a#0", "aljazeera.net", sources=[MSF]),
                             rep("s#0", "sana.sy", sources=[OUTLET], polarity="negated")])
    assert grade(mixed).grade == "contested"
    assert [d["reason"] for d in mixed.contested_detail] == ["negated_report"]
    assert mixed.contested_detail[0]["event_id"] == "s#0"
    only = build_canonical([rep("s#0", "sana.sy", sources=[OUTLET], polarity="negated")])
    assert only.polarity == "negated" and grade(only).grade == "discounted"


def test_counts_that_differ_name_the_figures() -> None:
    c = build_canonical([rep("a#0", "aljazeera.net", sources=[MSF], counts={"fatalities": (14, 14, 14)}),
                         rep("b#0", "orient", sources=[MEDIC], counts={"fatalities": (45, 45, 45)})])
    (why,) = c.contested_detail
    assert why == {"reason": "counts_differ", "what": "fatalities", "bests": [14, 45], "articles": ["a", "b"]}
    assert c.counts["fatalities"] == (14, 14, 45)


def test_precision_reads_language_place_and_date() -> None:
    assert precision(build_canonical([rep("a#0", "x")])) == "high"
    assert precision(build_canonical([rep("a#0", "x", certainty="hedged")])) == "medium"
    assert precision(build_canonical([rep("a#0", "x", certainty="hedged", precision="month",
                                          place_precision=3)])) == "low"


def test_the_confidence_of_an_event_is_the_highest_of_its_reports() -> None:
    reports = [rep("a#0", "aljazeera.net", sources=[MSF], confidence=0.42),
               rep("b#0", "orient", sources=[MEDIC], confidence=None),
               rep("c#0", "sana.sy", sources=[STATE_TV], confidence=0.87)]
    (merged,) = merge(reports)
    assert len(merged.members) == 3 and merged.confidence == 0.87
    assert build_canonical(reports[:2]).confidence == 0.42  # a rules-only report adds nothing
    assert build_canonical([reports[1]]).confidence is None  # none of its reports has one


def test_actor_pairs_that_conflict() -> None:
    assert actors_conflict({"idf"}, set(), {"hamas"}, set())  # different attackers
    assert actors_conflict({"hamas"}, {"idf"}, {"idf"}, {"civilians"})  # the target of one attacks in the other
    assert actors_conflict(set(), {"civilians"}, set(), {"idf"})  # different targets
    assert not actors_conflict({"idf"}, set(), {"idf"}, {"civilians"})
    assert not actors_conflict(set(), set(), {"idf"}, {"civilians"})


def test_a_strike_on_a_camp_and_an_attack_on_soldiers_stay_two_events() -> None:
    """Rafah: the army strikes a tent camp; three days later fighters attack soldiers there."""
    strike = rep("a#0", "aljazeera.net", actors=[IDF, CIV_TARGET], sources=[OUTLET])
    attack = rep("b#0", "almayadeen", actors=[HAMAS, IDF_TARGET], sources=[OUTLET], day=DAY + 3,
                 precision="week")
    vague = rep("c#0", "alarabiya", actors=[], sources=[OUTLET], day=DAY + 1, precision="week")
    canon = merge([strike, attack, vague])
    groups = sorted(sorted(m.event_id for m in c.members) for c in canon)
    assert ["a#0", "b#0"] not in groups and not any({"a#0", "b#0"} <= set(g) for g in groups)
    for c in canon:
        a1 = {a[3] for a in c.actors if a[0] == "actor1"}
        assert len(a1) <= 1, c.actors  # never both sides as actor1


def test_day_precise_reports_two_days_apart_never_merge_even_through_a_vaguer_one() -> None:
    week = rep("w#0", "x", day=DAY, precision="week", end=DAY + 6)
    first = rep("a#0", "y", day=DAY + 1)
    third = rep("b#0", "z", day=DAY + 3)
    canon = merge([week, first, third])
    of = {m.event_id: c.id for c in canon for m in c.members}
    assert of["a#0"] != of["b#0"]


def test_a_side_is_inferred_in_the_canonical_event_only_where_no_report_names_it() -> None:
    inferred_target = ("actor2", "المدنيون", "Civilians", "civilians", True)
    alone = build_canonical([rep("a#0", "aljazeera.net", actors=(SAF, inferred_target))])
    assert [a[4] for a in alone.actors if a[0] == "actor2"] == [True]
    named = build_canonical([rep("a#0", "aljazeera.net", actors=(SAF, inferred_target)),
                             rep("b#0", "orient", actors=(SAF, CIV))])
    assert [a[4] for a in named.actors if a[0] == "actor2"] == [False]
