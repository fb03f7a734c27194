"""Cleaning rules, on real corpus text."""

from __future__ import annotations

from rasd.ingest.clean import clean_text, extract_hashtags, is_boilerplate, rejoin_punctuation

# Tokenised UnifiedFC text (swissinfo/Reuters, 2017), as it appears in the corpus.
TOKENISED = ('وقال التحالف لوكالة " رويترز " في بيان عن طريق البريد الإلكتروني : " بسبب التزام التحالف '
             'والكفاءة التي أثبتها شركاؤنا في العراق وسوريا " . وأعلن العراق تحقيق النصر , وقال إنه لن يخوض '
             'في " تكهنات عامة " . . .')


def test_tokenised_punctuation_is_rejoined():
    out = rejoin_punctuation(TOKENISED)
    assert 'لوكالة "رويترز" في' in out
    assert "الإلكتروني: " in out
    assert 'وسوريا". ' in out
    assert "النصر, وقال" in out
    assert out.endswith('"تكهنات عامة"...')


def test_normal_text_is_left_alone():
    text = "قال المرصد السوري لحقوق الإنسان، إن 22 عنصراً قتلوا (بينهم قياديان)."
    assert rejoin_punctuation(text) == text


def test_hashtags_become_tags_and_readable_words():
    text, tags = extract_hashtags("وترى #إسرائيل في التدخل خطراً، خصوصاً في #دير_الزور. وقال # التحالف إن")
    assert text == "وترى إسرائيل في التدخل خطراً، خصوصاً في دير الزور. وقال التحالف إن"
    assert tags == ["إسرائيل", "دير الزور", "التحالف"]


def test_hashtag_rule_leaves_urls_and_numbers():
    text, tags = extract_hashtags("انظر https://example.org/page#section والبند #5")
    assert tags == [] and "page#section" in text and "#5" in text


def test_newsletter_cookie_share_lines_are_boilerplate():
    for line in ("هل أعجبك المحتوى وتريد المزيد منه يصل إلى صندوق بريدك الإلكتروني بشكلٍ دوري؟",
                 "انضم إلى قائمة من يقدّرون محتوى الحل نت واشترك بنشرتنا البريدية.",
                 "يستخدم موقعنا ملفات تعريف الارتباط (الكوكيز) لتحسين تجربتك",
                 "تابعونا على تويتر وفيسبوك", "فيسبوك تويتر واتساب تلغرام",
                 "Subscribe to our newsletter", "© 2021 جميع الحقوق محفوظة"):
        assert is_boilerplate(line), line


def test_content_lines_are_not_boilerplate():
    for line in ("وقال “الجبوري”: «نعم، انشقت عناصر من الميلشيات الإيرانية، ودخلت إلى مناطق سيطرة قوات مجلس دير الزور العسكري».",
                 "ووجهت الولايات المتحدة ضربةً للميلشيات الإيرانية شرقي سوريا، مما أدى إلى مقتل اثنين وعشرين عنصراً."):
        assert not is_boilerplate(line)


def test_long_paragraph_mentioning_newsletter_is_kept():
    long_line = "وقال المتحدث إن " + "الحملة العسكرية مستمرة في ريف إدلب الجنوبي " * 10 + "وتابعونا على تويتر"
    assert long_line.strip() in clean_text(long_line).text


def test_title_field_repeated_at_top_is_dropped():
    title = "قوات النظام تستعيد السيطرة على بلدة في ريف حماة"
    body = f"{title}\n{title} - عنب بلدي\nاستعادت قوات النظام السيطرة على البلدة بعد معارك عنيفة."
    cleaned = clean_text(body, title)
    assert cleaned.text == "استعادت قوات النظام السيطرة على البلدة بعد معارك عنيفة."
    assert cleaned.title == title


def test_first_line_repeated_becomes_title_without_title_field():
    title = "مقتل ثلاثة مدنيين بقصف على ريف إدلب"
    cleaned = clean_text(f"{title}\n\n{title}\n\nقتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل.")
    assert cleaned.title == title
    assert cleaned.text == "قتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل."


def test_first_line_of_a_record_is_not_a_title_unless_repeated():
    text = "قتل ثلاثة مدنيين بقصف مدفعي.\n\nوقال الدفاع المدني إن فرقه انتشلت الجثث."
    cleaned = clean_text(text)
    assert cleaned.title is None and cleaned.text == text


def test_words_the_page_glued_together_come_apart():
    assert clean_text("دول عربيةتصرفات الاحتلال").text == "دول عربية تصرفات الاحتلال"
    assert clean_text("أطلق النار علىسيارة وعلىالحدود").text == "أطلق النار على سيارة وعلى الحدود"
    # ى written for ي before a pronoun (علىها), and words that merely end in ة, stay as they are
    assert clean_text("نظر علىها في مدينة غزة").text == "نظر علىها في مدينة غزة"
    # tanween ends a word as ة does
    assert clean_text("أصاب هدفاًعسكريا").text == "أصاب هدفاً عسكريا"


def test_words_glued_with_no_mark_come_apart_where_the_vocabulary_reads_two_words():
    assert clean_text("وأعلنتالمقاومة استهداف موقع").text == "وأعلنت المقاومة استهداف موقع"
    assert clean_text("أفادت الأنباء عنوقوع غارات").text == "أفادت الأنباء عن وقوع غارات"
    # a glue the corpus met a few times (one article, its copies) still comes apart where both halves are long
    assert clean_text("استشهد 11 فلسطينيينوأصيب العشرات").text == "استشهد 11 فلسطينيين وأصيب العشرات"
    # a known stem with a clitic or an ending is one word, however its letters could be cut
    for word in ("باعتقالها", "موتهما", "قتلتم", "والتشييع", "يهوديان"):
        assert clean_text(f"وقال إن {word} معروف").text == f"وقال إن {word} معروف"


def test_an_outlets_name_glued_to_the_words_around_it_comes_apart():
    text = clean_text("أفاد مراسلالميادينباستشهاد شخص، وقالت مصادرللميادينأنّ الطائرات قصفت البلدة.\n").text
    assert "مراسل الميادين باستشهاد" in text and "مصادر للميادين أنّ" in text
    text = clean_text("وقال رئيس بلدية الميادين والميادين مدينة في دير الزور، بحسب بالميادين.\n").text
    assert "الميادين والميادين" in text and "بالميادين" in text
