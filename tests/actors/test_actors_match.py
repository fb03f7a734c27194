"""find_actors over real corpus sentences: spans, longest match, word boundaries, clitics."""

from rasd.actors import find_actors


def _ids(text: str, **kw) -> list[str | None]:
    return [m.actor_id for m in find_actors(text, **kw)]


def test_spans_point_into_the_original_text():
    # UnifiedFC: Wadi Barada, with a diacritic that fold() deletes before the match
    text = "وقال المكتب الإعلامي للدفاع المدني ، إن 21 مدنيا قضوا بقصفٍ لقوات النظام وميليشيا حزب الله على قرى وادي بردى"
    mentions = find_actors(text)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    assert [m.actor_id for m in mentions] == ["white_helmets", "civilians", "syria_military", "hezbollah"]


def test_longest_match_and_leftmost_head():
    text = "قالت قوات سوريا الديمقراطية المدعومة من الولايات المتحدة اليوم الجمعة إن محافظة الرقة ستكون جزءا من سوريا"
    assert _ids(text) == ["sdf"]
    # the settler militia, not just "the Israeli settlers", and tatweel inside the word
    assert _ids("وكذلك، انتشرت ميلــشــيات المستوطنين الإسرائيليين بالقرب من بلدة مادما") == ["israeli_settlers"]


def test_word_boundaries_block_partial_words():
    # "القاعدة" inside "القاعدتين" and "داعش" inside a longer word must not match
    assert _ids("زار الوفد القاعدتين العسكريتين") == []
    assert find_actors("الجماعات الداعشيين") == []


def test_clitics_and_elided_article():
    text = "أعلنت سرايا القدس، الجناح العسكري لحركة الجهاد الإسلامي، أنها قصفت جنود الاحتلال، بالاشتراك مع كتائب القسام"
    assert _ids(text) == ["al_quds_brigades", "al_quds_brigades", "israel_military", "qassam_brigades"]
    assert _ids("وجّهت التحية للقوات الروسية وللجيش السوري") == ["russia_military", "syria_military"]


def test_quoted_force_nouns_al_mayadeen_style():
    text = 'بُعيد انسحاب "جيش" الاحتلال الإسرائيلي من المناطق الشرقية لخان يونس جنوبي قطاع غزّة، الطواقم الطبية تنتشل جثامين شهداء'
    mentions = find_actors(text)
    assert [m.actor_id for m in mentions] == ["israel_military", "health_workers"]
    assert mentions[0].text.startswith("جيش")


def test_nationality_adjectives_with_force_nouns():
    text = ("وأضافت الوزارة أن سلاح الجو الأمريكي حاول عرقلة ضربات جوية روسية على مسلحي داعش "
            "بالقرب من مدينة البوكمال السورية")
    assert _ids(text) == ["us_military", "russia_military", "isis"]


def test_country_focus_decides_context_dependent_names():
    sudan = ("ومنذ 15 نيسان/أبريل، أسفر النزاع بين الجيش، بقيادة عبد الفتاح البرهان، وقوات الدعم السريع، "
             "بقيادة محمد حمدان دقلو، عن مقتل المئات")
    assert _ids(sudan)[:2] == ["sudan_military", "rsf"]
    assert _ids("قال الجيش في بيان") == []  # no country: unknown, not a guess
    assert _ids("قال الجيش في بيان", country="LB") == ["lebanon_military"]
    unresolved = find_actors("قال الجيش في بيان", include_unresolved=True)
    assert [m.actor_id for m in unresolved] == [None]


def test_a_short_name_is_the_group_the_article_names_in_full():
    text = ("قصفت طائرات أميركية مدينة دير الزور شرقي سوريا. وكانت المقاومة الإسلامية في العراق قد أكدت استهداف قواعد "
            "أميركية في سوريا. كما استهدفت المقاومة، الثلاثاء، قاعدة حقل كونيكو.")
    assert [m.actor_id for m in find_actors(text) if m.text == "المقاومة"] == ["iraqi_islamic_resistance"]
    # two groups of that short name named in full leave it open
    both = text + " وأعلنت المقاومة الإسلامية في لبنان استهداف موقع المالكية."
    assert [m.actor_id for m in find_actors(both) if m.text == "المقاومة"] == []


def test_blockers_hide_lookalikes():
    # "مجلس الأمن" is the UN Security Council, "مجلس الأمن القومي" a national body; "حركة المرور" is traffic
    assert _ids("وقال مجلس الأمن القومي الأميركي إن حركة المرور توقفت") == []
    assert _ids("اجتمع مجلس الأمن الدولي لبحث هجمات تنظيم الدولة") == ["un_security_council", "isis"]


def test_to_mention_for_the_pipeline():
    mention = find_actors("قصفت قسد مواقع داعش")[0].to_mention()
    assert (mention.label, mention.ref, mention.text) == ("ACTOR", "sdf", "قسد")


def test_adjectives_and_homographs_are_not_actors():
    # SaudiNewsNet: "في بيان صحفي" is a press statement, "المحيط الأطلسي" an ocean, "المجتمع المدني" no civilian
    assert _ids("وقال في بيان صحفي إن الوزارة ستفتح المعبر") == []
    assert _ids("جزيرة في المحيط الأطلسي") == []
    assert _ids("منظمات المجتمع المدني") == []
    assert _ids("وقتل 12 مدنيا بينهم أطفال") == ["civilians"]


def test_an_alias_that_is_also_a_common_word_needs_another_alias_of_its_actor_beside_it():
    base = "وتقدمت قوات الدعم السريع نحو القاعدة الجوية في الفاشر واقتحمت القاعدة."
    assert [a.actor_id for a in find_actors(base)] == ["rsf"]
    claim = "أعلن تنظيم القاعدة مسؤوليته عن الهجوم، وقالت القاعدة في بيان إنها ستواصل عملياتها."
    assert [a.actor_id for a in find_actors(claim)] == ["al_qaeda", "al_qaeda"]
