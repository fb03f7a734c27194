"""General cleaning of article text: rules about the web and about tokenised corpora, never about one site.

- a title repeated at the top of the body is dropped (and a plain-text file's first line becomes the title
  when the file repeats it or sets it apart);
- short lines that are newsletter, subscribe, share, follow-us, cookie or copyright boilerplate go;
- tokenised punctuation (``word , word``, `` . . . ``, ``" quoted "``) is re-joined;
- hashtags (``#دير_الزور``, or tokenised ``# دير``) become tags and plain readable words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rasd.lang.normalize import normalize_for_matching

# --- characters -----------------------------------------------------------------------------------------
_INVISIBLE = {ord(c): None for c in "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"}
_INVISIBLE.update({ord("\u00a0"): " ", ord("\u2009"): " ", ord("\u202f"): " ", ord("\r"): None})

# --- tokenised punctuation -----------------------------------------------------------------------------
_ELLIPSIS = re.compile(r"\.(?:[ \t]*\.){2,}")
_SPACE_BEFORE_CLOSE = re.compile(r"(?<=\S)[ \t]+([.,،؛;:!?؟)\]»…](?![\w]))")
_SPACE_BEFORE_CLOSE_WORD = re.compile(r"(?<=\S)[ \t]+([،؛؟])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[«])[ \t]+")
_SPACED_QUOTES = re.compile(r'"[ \t]+([^"\n]*?\S)[ \t]+"')
_SPACED_CURLY = re.compile(r"“[ \t]+([^”\n]*?\S)[ \t]+”")
_MULTISPACE = re.compile(r"[ \t]{2,}")
_BLANK_RUNS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")

# --- hashtags ------------------------------------------------------------------------------------------
_HASHTAG = re.compile(r"(?<![\w/&#])#[ \t]?([^\W\d][\w]*(?:_[\w]+)*)")

# --- boilerplate lines ---------------------------------------------------------------------------------
_BOILERPLATE = re.compile(
    "|".join([
        r"ا?شترك(?:وا)?\s+(?:في|ب|معنا)", r"نشر(?:ت|ة)(?:نا)?\s+(?:ال)?بريدي", r"(?:ال)?قائمة\s+(?:ال)?بريدية",
        r"صندوق\s+بريدك", r"هل\s+أعجبك", r"انضم\s+(?:إلى|الى)\s+(?:قائمة|قناتنا|مجموعتنا)",
        r"تابع(?:ونا|نا|وا)\s+(?:على|عبر|في)", r"شارك(?:ها|وا|ه)?\s+(?:على|عبر|هذا|المقال|الخبر)",
        r"ملفات\s+(?:تعريف\s+)?الارتباط", r"الكوكيز", r"سياسة\s+الخصوصية", r"(?:جميع|كافة)\s+الحقوق\s+محفوظة",
        r"حقوق\s+(?:النشر|الطبع)", r"©", r"حمّ?ل\s+تطبيق", r"اضغط\s+هنا", r"اقرأ\s+(?:أيضا|أيضاً|ايضا|المزيد)",
        r"(?i:subscribe|newsletter|cookies?\b|privacy\s+policy|all\s+rights\s+reserved|follow\s+us|"
        r"share\s+(?:this|on)|sign\s+up|read\s+more)",
    ])
)
_SOCIAL_ONLY = re.compile(
    r"^(?:\W*(?:فيسبوك|فيس\s*بوك|تويتر|تويتير|واتساب|واتس\s*اب|تلغرام|تيليجرام|يوتيوب|انستغرام|إنستغرام|"
    r"لينكدإن|طباعة|البريد\s+الإلكتروني|مشاركة|(?i:facebook|twitter|x|whatsapp|telegram|youtube|instagram|"
    r"linkedin|email|e-mail|print|share))\W*)+$"
)
#: Boilerplate is dropped only from short lines: a long paragraph that mentions a newsletter is content.
BOILERPLATE_MAX_CHARS = 250
TITLE_MAX_CHARS = 250


@dataclass(slots=True)
class Cleaned:
    text: str
    title: str | None
    tags: list[str] = field(default_factory=list)


def rejoin_punctuation(text: str) -> str:
    """Undo corpus tokenisation (``word , word`` -> ``word, word``) without touching normal text."""
    text = _ELLIPSIS.sub("...", text)
    text = _SPACED_QUOTES.sub(r'"\1"', text)
    text = _SPACED_CURLY.sub(r"“\1”", text)
    text = _SPACE_BEFORE_CLOSE.sub(r"\1", text)
    text = _SPACE_BEFORE_CLOSE_WORD.sub(r"\1", text)
    return _SPACE_AFTER_OPEN.sub(r"\1", text)


def extract_hashtags(text: str) -> tuple[str, list[str]]:
    """Replace hashtags by their words (``#دير_الزور`` -> ``دير الزور``) and return them as tags."""
    tags: list[str] = []

    def repl(m: re.Match[str]) -> str:
        words = m.group(1).replace("_", " ").strip()
        if words not in tags:
            tags.append(words)
        return words

    return _HASHTAG.sub(repl, text), tags


def is_boilerplate(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if _SOCIAL_ONLY.match(s):
        return True
    return len(s) <= BOILERPLATE_MAX_CHARS and _BOILERPLATE.search(s) is not None


def _same_title(line: str, title_key: str) -> bool:
    key = normalize_for_matching(line)
    if not key or not title_key:
        return False
    # "Title - Outlet" headers and titles cut short by a site both count as the title.
    return key == title_key or (len(key) > 20 and (title_key.startswith(key) or key.startswith(title_key)))


def clean_text(text: str, title: str | None = None, plain: bool = False) -> Cleaned:
    """Clean one article body.

    Without a title, a first line repeated as the second paragraph is the title; in a ``plain`` text file,
    so is a short first line set apart by a blank line.
    """
    text = text.translate(_INVISIBLE)
    text, tags = extract_hashtags(text)
    lines = [ln.strip() for ln in rejoin_punctuation(text).split("\n")]
    lines = [_MULTISPACE.sub(" ", ln) for ln in lines if not is_boilerplate(ln)]
    if title:
        title = _MULTISPACE.sub(" ", rejoin_punctuation(extract_hashtags(title.translate(_INVISIBLE))[0])).strip()
    paragraphs = [i for i, ln in enumerate(lines) if ln]
    if not title and paragraphs:
        first = lines[paragraphs[0]]
        repeated = len(paragraphs) > 1 and _same_title(lines[paragraphs[1]], normalize_for_matching(first))
        set_apart = (plain and paragraphs[0] + 1 < len(lines) and not lines[paragraphs[0] + 1]
                     and len(paragraphs) > 1)
        if len(first) <= TITLE_MAX_CHARS and (repeated or (set_apart and not first.endswith((".", ":", "،")))):
            title = first
    if title:
        key = normalize_for_matching(title)
        while True:
            first_idx = next((i for i, ln in enumerate(lines) if ln), None)
            if first_idx is None or not _same_title(lines[first_idx], key):
                break
            lines = lines[first_idx + 1:]
    body = _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
    return Cleaned(text=body, title=title or None, tags=tags)
