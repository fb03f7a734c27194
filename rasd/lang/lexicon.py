"""Calendar words shared by the number and date parsers (folded spellings, see ``normalize.fold``).

The number parser needs them to tell a day or a year from a count (``25 أيار`` is a date, not 25 of
something); the date parser needs them to read dates. Keeping them here avoids a circular import.
"""

from __future__ import annotations

from rasd.lang.normalize import fold

#: Month name (folded, one or two words) -> month number; Levantine/Iraqi and Egyptian/Gulf systems.
MONTHS: dict[str, int] = {
    fold(name): number
    for number, names in enumerate(
        (
            ("كانون الثاني", "يناير", "جانفي"),
            ("شباط", "فبراير", "فيفري"),
            ("آذار", "اذار", "مارس"),
            ("نيسان", "أبريل", "ابريل", "إبريل", "افريل"),
            ("أيار", "مايو", "ماي"),
            ("حزيران", "يونيو", "يونيه", "جوان"),
            ("تموز", "يوليو", "يوليه", "جويلية"),
            ("آب", "أغسطس", "اغسطس", "غشت", "أوت"),
            ("أيلول", "سبتمبر", "شتنبر"),
            ("تشرين الأول", "أكتوبر", "اكتوبر"),
            ("تشرين الثاني", "نوفمبر", "نونبر"),
            ("كانون الأول", "ديسمبر", "دجنبر"),
        ),
        start=1,
    )
    for name in names
}

#: Hijri month name (folded) -> month number.
HIJRI_MONTHS: dict[str, int] = {
    fold(name): number
    for number, names in enumerate(
        (
            ("محرم",),
            ("صفر",),
            ("ربيع الأول", "ربيع الاول"),
            ("ربيع الآخر", "ربيع الثاني", "ربيع الاخر"),
            ("جمادى الأولى", "جمادى الاولى", "جمادى الأول"),
            ("جمادى الآخرة", "جمادى الثانية", "جمادى الاخرة"),
            ("رجب",),
            ("شعبان",),
            ("رمضان",),
            ("شوال",),
            ("ذو القعدة", "ذي القعدة"),
            ("ذو الحجة", "ذي الحجة"),
        ),
        start=1,
    )
    for name in names
}

#: Weekday (folded, without the article) -> ``date.weekday()`` number (Monday = 0).
WEEKDAYS: dict[str, int] = {
    fold(name): number
    for name, number in (
        ("الاثنين", 0), ("الإثنين", 0), ("الثلاثاء", 1), ("الأربعاء", 2), ("الاربعاء", 2),
        ("الخميس", 3), ("الجمعة", 4), ("السبت", 5), ("الأحد", 6),
    )
}
