"""General cleaning of article text: rules about the web and about tokenised corpora, never about one site.

- a title repeated at the top of the body is dropped (and a plain-text file's first line becomes the title
  when the file repeats it or sets it apart);
- short lines that are newsletter, subscribe, share, follow-us, cookie or copyright boilerplate go;
- tokenised punctuation (``word , word``, `` . . . ``, ``" quoted "``) is re-joined;
- hashtags (``#دير_الزور``, or tokenised ``# دير``) become tags and plain readable words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

import ahocorasick

from rasd.ingest.glued import split_glued_words
from rasd.lang.normalize import normalize_for_matching
from rasd.lexicon import rules as _rules

_LEX = _rules("cleaning")

# --- characters (a regex and replace: a dict-based str.translate is ~10x slower on Arabic text) -----------
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\r]+")
_ODD_SPACES = re.compile("[\u00a0\u2009\u202f]")


def _strip_invisible(text: str) -> str:
    return _ODD_SPACES.sub(" ", _INVISIBLE.sub("", text))


# --- tokenised punctuation -----------------------------------------------------------------------------
_ELLIPSIS = re.compile(r"\.(?:[ \t]*\.){2,}")
_SPACED_QUOTES = re.compile(r'"[ \t]+([^"\n]*?\S)[ \t]+"')
_SPACED_CURLY = re.compile(r"“[ \t]+([^”\n]*?\S)[ \t]+”")
_CLOSERS = ".,،؛;:!?؟)]»…"
_MULTISPACE = re.compile(r"[ \t]{2,}")
_BLANK_RUNS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")

# --- hashtags ------------------------------------------------------------------------------------------
_HASHTAG = re.compile(r"(?<![\w/&#])#[ \t]?([^\W\d][\w]*(?:_[\w]+)*)")

# --- boilerplate lines ---------------------------------------------------------------------------------
_BOILERPLATE = _LEX.boilerplate
_SOCIAL_ONLY = _LEX.social_only
#: Literal cues, one of which every boilerplate line contains: an automaton finds the few candidate lines
#: in one pass, so the full patterns above run on those lines only.
_CUES = ("اشترك", "شترك", "نشرت", "بريد", "أعجبك", "انضم", "تابع", "شارك", "الارتباط", "الكوكيز", "الخصوصية",
         "محفوظة", "حقوق", "©", "تطبيق", "اضغط", "اقرأ", "ubscribe", "UBSCRIBE", "ewsletter", "EWSLETTER",
         "ookie", "OOKIE", "rivacy", "RIVACY", "ights reserved", "IGHTS RESERVED", "ollow us", "OLLOW US",
         "hare this", "hare on", "HARE", "ign up", "IGN UP", "ead more", "EAD MORE",
         # share widgets: lines made only of network names
         "فيسبوك", "فيس بوك", "تويتر", "تويتير", "واتساب", "واتس اب", "تلغرام", "تيليجرام", "يوتيوب", "انستغرام",
         "إنستغرام", "لينكد", "طباعة", "مشاركة", "acebook", "ACEBOOK", "witter", "WITTER", "hatsApp", "elegram",
         "ouTube", "outube", "nstagram", "inkedIn", "mail", "MAIL", "rint", "RINT", "hare")
#: Boilerplate is dropped only from short lines: a long paragraph that mentions a newsletter is content.
BOILERPLATE_MAX_CHARS = 250
TITLE_MAX_CHARS = 250


@dataclass(slots=True)
class Cleaned:
    text: str
    title: str | None
    tags: list[str] = field(default_factory=list)


def rejoin_punctuation(text: str) -> str:
    """Undo corpus tokenisation (``word , word`` -> ``word, word``) without touching normal text.

    Plain ``str.replace`` on the spaced forms does the bulk (C speed, no per-position regex work); the
    regexes run only when a substring test finds their trigger. Spaces are single after ``_MULTISPACE``.
    """
    if ". ." in text:
        text = _ELLIPSIS.sub("...", text)
    if " ..." in text:
        text = text.replace(" ...", "...")
    if '" ' in text:
        text = _SPACED_QUOTES.sub(r'"\1"', text)
    if "“ " in text:
        text = _SPACED_CURLY.sub(r"“\1”", text)
    for c in _CLOSERS:
        spaced = f" {c}"
        if spaced in text:
            text = text.replace(f"{spaced} ", f"{c} ").replace(f"{spaced}\n", f"{c}\n")
            if text.endswith(spaced):
                text = text[:-2] + c
    for c in "([«":
        if f"{c} " in text:
            text = text.replace(f"{c} ", c)
    return text


def extract_hashtags(text: str) -> tuple[str, list[str]]:
    """Replace hashtags by their words (``#دير_الزور`` -> ``دير الزور``) and return them as tags."""
    tags: list[str] = []
    if "#" not in text:
        return text, tags

    def repl(m: re.Match[str]) -> str:
        words = m.group(1).replace("_", " ").strip()
        if words not in tags:
            tags.append(words)
        return words

    return _HASHTAG.sub(repl, text), tags


@lru_cache(maxsize=1)
def _cue_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for cue in _CUES:
        automaton.add_word(cue, cue)
    automaton.make_automaton()
    return automaton


def _candidate_lines(lines: list[str]) -> set[int]:
    """Indices of the lines that contain a boilerplate cue (one automaton pass over the whole text)."""
    text = "\n".join(lines)
    starts = list(accumulate((len(ln) + 1 for ln in lines[:-1]), initial=0))
    return {bisect_right(starts, end) - 1 for end, _ in _cue_automaton().iter(text)}


def _drop_boilerplate(lines: list[str]) -> list[str]:
    candidates = _candidate_lines(lines)
    return [ln for i, ln in enumerate(lines)
            if not (i in candidates and is_boilerplate(ln))]


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
    text, tags = extract_hashtags(_strip_invisible(text))
    text = split_glued_words(text)  # before the spaces are made single
    if "  " in text or "\t" in text:
        text = _MULTISPACE.sub(" ", text)
    text = rejoin_punctuation(text)
    lines = _drop_boilerplate([ln.strip() for ln in text.split("\n")])
    if title:
        title = rejoin_punctuation(_MULTISPACE.sub(" ", extract_hashtags(_strip_invisible(title))[0])).strip()
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
