"""Who says what: speakers, their roles and stances, read from Arabic news sentences (the claims stage on
its own, on the document the language layer and the actors step prepare)."""

from __future__ import annotations

import pytest

from rasd.claims.attribution import Attribution, find_attributions, is_speaking, reporting_verbs
from rasd.claims.stance import source_of, stance_of
from rasd.document import Document
from rasd.events.extract import add_actors
from rasd.lang import analyze


def attributions(text: str) -> tuple[Document, list[Attribution]]:
    doc = analyze(text, "2021-03-01")
    add_actors(doc)
    return doc, find_attributions(doc)


def test_named_speaker_with_role_and_organisation_in_apposition():
    _, atts = attributions("وقال محمد الجبوري، الناطق الرسمي باسم قوات مجلس دير الزور العسكري، إن عناصر من "
                           "الميليشيات انشقت.")
    assert [(a.speaker, a.stance, a.role) for a in atts] == [("محمد الجبوري", "confirms", "الناطق الرسمي")]
    assert atts[0].organization == "قوات مجلس دير الزور العسكري"
    assert atts[0].actor_id  # the organisation resolves to a known actor


def test_unnamed_source_after_its_verb():
    _, atts = attributions("أفاد مصدر عسكري بأن الطائرات قصفت البلدة.")
    assert [(a.speaker, a.unnamed) for a in atts] == [("مصدر عسكري", True)]


def test_according_to_puts_the_source_after_the_event_and_covers_the_sentence():
    text = "قتل خمسة مدنيين في قصف على البلدة، بحسب المرصد السوري لحقوق الإنسان."
    _, atts = attributions(text)
    assert [a.speaker for a in atts] == ["المرصد السوري لحقوق الإنسان"]
    assert atts[0].span.start == 0 and atts[0].span.end >= text.index("قصف")


@pytest.mark.parametrize("text, stance", [
    ("ونفى الجيش السوري قصف المستشفى.", "denies"),
    ("وقلل المتحدث باسم الجيش من أهمية الهجوم.", "downplays"),
    ("وأكد المرصد السوري لحقوق الإنسان مقتل خمسة مدنيين.", "confirms"),
])
def test_the_reporting_verb_gives_the_stance(text, stance):
    _, atts = attributions(text)
    assert [a.stance for a in atts] == [stance]


def test_a_pseudonym_is_flagged_and_its_words_downplay():
    _, atts = attributions("إلا أن “عامر أحمد”، وهو اسم مستعار لإعلامي مطلع، قلّل من أهمية الانشقاقات، "
                           "واعتبرها مجرد «حالات فردية».")
    (att,) = atts
    assert (att.speaker, att.pseudonym, att.stance) == ("عامر أحمد", True, "downplays")
    assert source_of(att).role == "إعلامي مطلع (اسم مستعار)"


def test_an_impersonal_verb_names_no_speaker():
    assert attributions("يُذكر أن الطائرات قصفت البلدة أمس.")[1] == []


def test_a_continuation_verb_keeps_the_last_speaker_and_a_role_before_the_name_is_kept():
    _, atts = attributions("وقال المتحدث باسم وزارة الصحة، أنيس الأصبحي، إن 3 أطفال قتلوا. وأضاف أن القصف استمر.")
    assert [a.speaker for a in atts] == ["أنيس الأصبحي", "أنيس الأصبحي"]
    assert all(a.role == "المتحدث باسم وزارة الصحة" for a in atts)


def test_a_quoted_heading_belongs_to_the_next_speaker():
    _, atts = attributions("«استقبلنا عشرة عناصر»\nوقال الجبوري إنهم وصلوا أمس.")
    heading = [a for a in atts if a.span.start == 0]
    assert heading and heading[0].speaker == "الجبوري" and heading[0].verb is None


def test_stance_cue_words_override_a_neutral_verb_and_need_a_word_start():
    _, (att,) = attributions("وقال الناطق إن هذه الأنباء لا صحة لها.")
    assert stance_of(att) == "denies"
    _, (att,) = attributions("وقال الناطق إن تنفيذ العملية تم بنجاح.")
    assert stance_of(att) == "confirms"  # نفي inside تنفيذ is no denial


def test_a_place_that_speaks_is_speaking_and_verbs_are_found_with_offsets():
    doc = analyze("وقال مسؤول، بحسب أنقرة، إن الهجوم فشل.", None)
    start = doc.text.index("أنقرة")
    assert is_speaking(doc, start, start + len("أنقرة"))
    verbs = reporting_verbs(doc, doc.sentences[0])
    assert [doc.text[s:e] for s, e in verbs] == ["وقال", "بحسب"]  # the verb with its conjunction


def test_a_statement_speaks_for_whoever_issued_it():
    _, atts = attributions(
        'وبحسب بيان "الهيئة المغربية لنصرة قضايا الأمة"، طالب المتظاهرون الحكومة بوقف التطبيع.\n'
        'وأضاف البيان، أن المشاركين في المسيرات رفعوا أعلام فلسطين.\n'
        'وطالب المتظاهرون بوقف التطبيع مع "إسرائيل" وفق بيان الهيئة.')
    assert [a.speaker for a in atts] == ["الهيئة المغربية لنصرة قضايا الأمة"] * 3


def test_a_ranked_officer_speaks_after_his_role_and_before_his_verb():
    _, atts = attributions(
        "قال المتحدث الرسمي للقوات المسلحة اليمنية العميد يحيى سريع، إن القوات البحرية استهدفت سفينة.\n"
        "وكان العميد سريع قد أعلن أمس إطلاق دفعة من الطائرات المسيرة.\n"
        "وأعلن الجيش مقتل العميد خالد الأحمد في المعارك.")
    assert [a.speaker for a in atts] == ["يحيى سريع", "يحيى سريع", "الجيش"]  # a rank in what is said is no speaker
    assert (atts[0].role, atts[0].organization) == ("المتحدث الرسمي", "القوات المسلحة اليمنية")
    assert atts[1].role == "المتحدث الرسمي"  # the role given with the full name before


def test_a_preposition_glued_to_the_source_is_not_part_of_its_name():
    _, atts = attributions("وذكرت مصادر أن البلدة قصفت. ووفقًا للهيئة، فإن الاعتقالات تزايدت.\n"
                           "وكانت قوات الدفاع الشعبي، الجناح العسكري لحزب العمال الكردستاني، دانت القصف.")
    assert "الهيئة" in [a.speaker for a in atts]
    assert not any(a.speaker.startswith("ل") for a in atts)


def test_a_statement_with_a_pronoun_is_its_subjects():
    _, atts = attributions('ردت المقاومة الإسلامية في لبنان على استهداف المدنيين في بنت جبيل بإطلاق 30 صاروخ '
                           '"كاتيوشا" في اتجاه "كريات شمونة"، وفق بيانها اليوم.')
    assert [a.speaker for a in atts] == ["المقاومة الإسلامية في لبنان"]
    assert atts[0].actor_id == "hezbollah"


def test_a_group_that_adopts_an_attack_speaks_and_its_participle_goes_on_with_it():
    _, atts = attributions('وتبنّت المقاومة الإسلامية في بيانٍ ثانٍ عملية استهداف موقع "جل العلام" عند الحدود '
                           'بالأسلحة الصاروخية، مؤكدةً وقوع إصابات مباشرة فيه.')
    assert [a.speaker for a in atts] == ["المقاومة الإسلامية", "المقاومة الإسلامية"]  # not the quoted site


def test_a_leader_named_in_commas_after_his_quoted_movement_speaks():
    _, atts = attributions('أكد الأمين العام لحركة "الجهاد الإسلامي"، زياد النخالة، اليوم الأربعاء، أنّ ما حدث '
                           'في نابلس جريمة كبرى. وأفادت وكالات بأن اشتباكات عنيفة تجددت جنوب العاصمة الخرطوم.')
    assert [(a.speaker, a.organization) for a in atts] == [("زياد النخالة", "الجهاد الإسلامي"), ("وكالات", None)]


def test_an_unnamed_source_ends_at_the_outlet_it_speaks_to_even_glued():
    _, atts = attributions("وأكد مصدر في المقاومة الفلسطينيةللميادينأنّ قواتها تخوض اشتباكات في خان يونس. "
                           "وأكدت مصادر موثوقة للميادين أنْ لا صحة للأنباء.")
    assert [a.speaker for a in atts] == ["مصدر في المقاومة الفلسطينية", "مصادر موثوقة"]


def test_a_participle_with_nobody_quoted_before_is_its_sentences_subject():
    # مؤكّدةً: the group that struck confirms, not the quoted site its object names
    _, atts = attributions("وفي أحدث عملياتها، استهدفت المقاومة الإسلامية في لبنان التجهيزات التجسسية في موقع "
                           "\"الرمثا\" بالأسلحة المناسبة، مؤكّدةً إصابته إصابة مباشرة.")
    assert [(a.speaker, a.actor_id) for a in atts] == [("المقاومة الإسلامية في لبنان", "hezbollah")]


@pytest.mark.parametrize("text, speaker", [
    ("أفادت مصادر طبية فلسطينية بوقوع 3 إصابات برصاص جيش الاحتلال.", "مصادر طبية فلسطينية"),
    ("أعلنت وزارة الصحة في غزة ارتفاع عدد الشهداء إلى 20.", "وزارة الصحة في غزة"),
    ("أفادت وسائل إعلام محلية باندلاع مواجهات في البلدة.", "وسائل إعلام محلية"),
])
def test_an_unnamed_source_ends_where_what_it_reports_begins(text, speaker):
    _, atts = attributions(text)
    assert [a.speaker for a in atts] == [speaker]


def test_a_quoted_part_of_a_bodys_name_belongs_to_it_but_a_verbs_object_does_not():
    _, atts = attributions('وأعلنت قوات "الدعم السريع"أنها سيطرت على المعسكر. وقال المتحدث باسم "جيش" الاحتلال '
                           'إنّ صاروخاً سقط. وقبل أيام، اتهمت قوات "الدعم" الجيش بإغلاق موقعها.')
    assert [a.speaker for a in atts] == ["قوات الدعم السريع", "المتحدث باسم جيش الاحتلال", "قوات الدعم"]


def test_by_his_words_points_back_to_the_last_speaker_and_names_nobody_else():
    _, atts = attributions("وقال مسؤول عسكري إن القصف استمر طوال الليل، وفق تعبيره. وتشارك القوات في الحملة، "
                           "وفق تعبير الجيش.")
    assert [a.speaker for a in atts] == ["مسؤول عسكري", "مسؤول عسكري", "الجيش"]
    assert attributions("واستمر القصف طوال الليل، وفق تعبيره.")[1] == []


def test_a_statement_issued_by_two_bodies_gives_each_its_own_source():
    _, atts = attributions("وتم الإفراج عن 20 أسيراً، وفق بيان مشترك صادر عن هيئة شؤون الأسرى والمحررين ونادي "
                           "الأسير الفلسطيني. وأفادت وزارة الصحة والهلال الأحمر بمقتل 3 أشخاص.")
    assert [a.speaker for a in atts] == ["هيئة شؤون الأسرى والمحررين", "نادي الأسير الفلسطيني", "وزارة الصحة",
                                         "الهلال الأحمر"]


def test_a_name_inside_what_a_body_claims_is_no_speaker_and_according_to_needs_a_whole_word():
    _, atts = attributions("المقاومة الإسلامية في العراق تتبنى استهداف قاعدتي الاحتلال الأميركي عين الأسد "
                           "غربي البلاد. وأضافت المصادر أن القوات اقتحمت قرى بيت قاد، وفقوعة، ودير غزالة.")
    assert [a.speaker for a in atts] == ["المقاومة الإسلامية في العراق", "المصادر"]
    assert atts[0].actor_id == "iraqi_islamic_resistance"
    assert source_of(atts[0]).speaker_en == "Islamic Resistance in Iraq"


def test_an_admission_speaks_and_the_information_at_hand_is_nobody():
    _, atts = attributions("أقرّ جيش الاحتلال الإسرائيلي، صباح اليوم، بمقتل نقيب في معارك غزة. "
                           "وسقطت عشر مسيرات، وفقاً للمعلومات المتاحة.")
    assert [(a.speaker, a.stance) for a in atts] == [("جيش الاحتلال الإسرائيلي", "confirms")]


def test_the_outlets_own_correspondent_is_no_source_but_another_outlets_is():
    from rasd.claims.attribution import own_correspondent

    _, atts = attributions("وأفاد مراسل الميادين في جنوب لبنان بأن غارة استهدفت البلدة. وأكد مراسلنا سقوط صاروخين. "
                           "وقال مراسل وكالة الأناضول إن القصف استمر.")
    assert [own_correspondent(a, "الميادين") for a in atts] == [True, True, False]
    # glued to the outlet's name by the page, or with a pronoun for the outlet
    assert [own_correspondent(Attribution(speaker=s, stance="confirms", span=atts[0].span), "الميادين")
            for s in ("مراسلالميادينفي الجنوب", "مراسلها في اليمن", "مراسلات")] == [True, True, False]
    # the outlet itself as speaker (a correspondent named by the outlet's name alone); another outlet speaks
    assert [own_correspondent(Attribution(speaker=s, stance="confirms", span=atts[0].span), "الميادين")
            for s in ("الميادين", "الجزيرة")] == [True, False]


def test_what_a_page_leaves_after_a_speakers_name_is_no_part_of_it():
    from rasd.claims.stance import source_of

    _, atts = attributions('وقالت مصادر ميدانية ل - " العربي الجديد " , إن قوات النظام قصفت بلدة خان شيخون .')
    assert [source_of(a).speaker for a in atts] == ["مصادر ميدانية"]


def test_who_comments_mourns_or_publishes_speaks_and_an_outlet_behind_a_report_is_its_source():
    cases = [("بدوره، علّق النائب اللبناني حسن مراد على مجزرة الهبارية، قائلاً إنّها مجزرة جديدة.", "حسن مراد"),
             ("ونعى حرس الثورة في إيران القائد رضي موسوي الذي استشهد في غارة على دمشق.", "حرس الثورة"),
             ("وخرجت تظاهرة في رام الله، وفق ما نشر ناشطون فلسطينيون.", "ناشطون فلسطينيون"),
             ('وبحسب تقرير لموقع "ميدوسا" الروسي، خرجت تظاهرة في مدينة خاسبيورت.', "ميدوسا"),
             ('وقتل القائد في قصف على ريف حلب، حسبما أفادت وكالة أنباء " فارس " .', "وكالة أنباء فارس")]
    for text, speaker in cases:
        _, atts = attributions(text)
        assert any(a.speaker.startswith(speaker) for a in atts), (text, [a.speaker for a in atts])
    _, atts = attributions("ونشرت القوات الحكومية مئات المقاتلين في محيط القاعدة.")
    assert not atts  # نشر alone deploys; only "وفق ما نشر" reports


def test_how_where_and_to_whom_a_speaker_spoke_is_no_part_of_the_name_and_figures_do_not_speak():
    cases = [("وقال قائد للقوات المناهضة للحوثيين لرويترز إن قواته سيطرت على مدينة زنجبار.",
              "قائد للقوات المناهضة للحوثيين"),
             ("وأعلنت وزارة الدفاع عبر صفحتها على فيسبوك أن الطائرات قصفت مدينة الرقة.", "وزارة الدفاع"),
             # where what is said begins: an adverb, "on its part", what is warned of or announced
             ("وأعلنت الوزارة أيضاً انتشال أعداد من الشهداء من جراء القصف على رفح.", "الوزارة"),
             ("وقالت وسائل إعلام إسرائيلية من جهتها إن صاروخا سقط في مستوطنة المطلة.", "وسائل إعلام إسرائيلية")]
    for text, speaker in cases:
        _, atts = attributions(text)
        assert [a.speaker for a in atts] == [speaker], text
    _, atts = attributions("وأظهرت الأرقام أن الطائرات قصفت مدينة الرقة.")
    assert not atts


def test_a_martyr_or_a_youth_the_text_is_about_does_not_speak():
    text = ("استشهد الشاب الفلسطيني أحمد يعقوب طه برصاص جنود الاحتلال قرب مستوطنة أريئيل.\n"
            "وأظهرت لقطات أحدَ جنود الاحتلال وهو يشير إلى الشاب طه من أجل الترجّل من مركبته.\n"
            "وزفّت حركة حماس الشهيد طه، وأكّدت أنّ مقاومة الشعب الفلسطيني ماضيةٌ حتى دحر الاحتلال.")
    _, atts = attributions(text)
    assert "طه" not in [a.speaker for a in atts] and "حركة حماس" in [a.speaker for a in atts]


def test_a_word_that_begins_like_from_opens_no_source():
    # ``نقل ... عن`` ("reported from") needs عن as a word: عنيف ("violent") opens no speaker
    _, atts = attributions("ونقل مراسلنا سماع دوي انفجار عنيف هز مخيم النصيرات.")
    assert not atts
    _, atts = attributions("وقال الحزب في بيان نقلت عنه وكالة الأناضول إن مقاتليه قتلوا جنديين.")
    assert "الأناضول" in [a.speaker for a in atts]


def test_a_ranked_spokesman_named_before_his_verb_speaks_for_his_body():
    # the comma after the name closes it, not the clause
    _, atts = attributions("وكان المتحدث باسم القوات المسلحة اليمنية العميد يحيى سريع، أكّد الأحد الماضي، تنفيذ "
                           "عملية عسكرية استهدفت السفينة في خليج عدن.")
    assert [(a.speaker, a.role, a.actor_id) for a in atts] == [("يحيى سريع", "المتحدث", "yemen_military_sanaa")]


def test_a_spokesman_named_by_his_role_alone_is_the_person_named_with_it_before():
    text = ("أعلن المتحدث باسم القوات المسلحة اليمنية العميد يحيى سريع، في بيان، استهداف السفينة في خليج عدن.\n"
            "وشدّد المتحدث باسم القوات المسلحة اليمنية على استمرارها في تنفيذ المزيد من العمليات.\n"
            "وقال المتحدث باسم الجيش الإسرائيلي إن الصاروخ سقط في منطقة مفتوحة.")
    _, atts = attributions(text)
    # another body's spokesman, never named, stays his role
    assert [a.speaker for a in atts] == ["يحيى سريع", "يحيى سريع", "المتحدث باسم الجيش الإسرائيلي"]


def test_an_announcement_names_who_announces():
    # the verbal noun ``إعلان`` speaks like its verb; an announced truce names nobody
    _, atts = attributions("وسبق ذلك إعلان وزارة الدفاع السورية تدمير أسلحة كانت تستخدمها المجموعات المسلحة في ريف إدلب.")
    assert [(a.speaker, a.stance) for a in atts] == [("وزارة الدفاع السورية", "confirms")]
    _, atts = attributions("وجاء ذلك بعد إعلان هدنة إنسانية في قطاع غزة.")
    assert not atts


def test_a_summary_speaks_for_who_published_it():
    _, atts = attributions('بحسب ملخص نشره الإعلام الحربي، فقد نفّذت المقاومة 5 عمليات عسكرية واستهدفت موقع "المطلة".')
    assert [a.speaker for a in atts] == ["الإعلام الحربي"]


def test_a_weapons_name_does_not_speak():
    _, atts = attributions('واستهدفت المقاومة الإسلامية 3 تجمعات لجنود الاحتلال في محيط موقع جل العلام بصواريخ "بركان"، '
                           'وأكّدت أنّها حققت إصابات مباشرة.')
    assert "بركان" not in [a.speaker for a in atts]


def test_two_groups_that_announce_together_are_two_sources():
    _, atts = attributions("وأعلنت القسام وسرايا القدس اليوم استهدافات عدة بواسطة عشرات قذائف الهاون.")
    assert [a.speaker for a in atts] == ["القسام", "سرايا القدس"]
    _, atts = attributions("وأعلنت كتائب القسام وسرايا القدس اليوم قصف مستوطنة سديروت.")
    assert [a.speaker for a in atts] == ["كتائب القسام", "سرايا القدس"]


def test_as_he_also_said_the_last_speaker_goes_on():
    _, atts = attributions("وأفاد ناشطون باستهداف غارة إسرائيلية مخيم البريج، كما أشار إلى ارتقاء 3 شهداء في قصف قرب وادي غزة.")
    assert [a.speaker for a in atts] == ["ناشطون", "ناشطون"]
