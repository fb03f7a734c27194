"""Who says what: reporting verbs, quotations and their speakers, with the stretch of text each one covers.

An attribution is a speaker (named, pseudonymous or unnamed), their role and organisation when the text
gives them in apposition, the reporting verb, and the character span of what is attributed to them: the
quotation that follows the verb, or the rest of its sentence. Quoted section headings (a line that is only
a quotation) belong to the next speaker of their section. Events whose trigger lies in that span get the
speaker as a source (``rasd.claims.stance`` decides how they stand).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasd import settings
from rasd.actors.kb import get_actor
from rasd.actors.match import ActorMention
from rasd.document import Document
from rasd.lang.normalize import fold, with_elided_article
from rasd.lexicon import data as _lexicon_data
from rasd.lexicon import rules as _rules
from rasd.model import Mention, Span

_LEX = _rules("claims")
_LEX_DATA = _lexicon_data("claims")

#: Reporting verbs (folded) with the stance class they give their speaker.
_VERBS: dict[str, str] = {_LEX_DATA[f"verb_{cls}"]: cls for cls in ("confirms", "denies", "downplays")}
_VERB_RE = _LEX.reporting_verb
_VERB_CLASS = {v: cls for alts, cls in _VERBS.items() for v in alts.split("|")}
#: Verbs that carry their speaker in the previous clause (مضيفا, وتابع): the last speaker goes on.
_CONTINUATION = _LEX.continuation

#: Nouns that name an unnamed or institutional source (مصدر عسكري, ناشطون, شهود عيان, المرصد السوري).
_UNNAMED = _LEX.unnamed
#: Apposition after a name: its role, up to the next comma or the verb.
_ROLE_HEAD = _LEX.role_head
_PSEUDONYM = _LEX.pseudonym
_OPENERS = {"«": "»", "“": "”"}
_NAME_QUOTES = re.compile(r"[“\"]([^”\"\n]{3,40})[”\"]")


@dataclass(slots=True)
class Attribution:
    speaker: str
    stance: str  # the reporting verb's class: confirms / denies / downplays
    span: Span  # what the speaker is reported to say (original offsets)
    verb: str | None = None
    role: str | None = None
    organization: str | None = None
    actor_id: str | None = None
    pseudonym: bool = False
    unnamed: bool = False


_VERB_BEFORE = _LEX.verb_before
_VERB_AFTER = _LEX.verb_after


def is_speaking(doc: Document, start: int, end: int) -> bool:
    """Whether ``doc.text[start:end]`` (a name) is the subject of a reporting verb right before or after it."""
    return bool(_VERB_BEFORE.search(doc.fold(start - 20, start)) or _VERB_AFTER.match(doc.fold(end, end + 14)))


def needs_names(doc: Document, sentence: Span, verb_end: int) -> bool:
    """Whether the speaker of the verb ending at ``verb_end`` may need the tagger: not when an institution or
    an unnamed source that is no role follows it (``قالت وزارة الدفاع``, ``أفاد مصدر عسكري``)."""
    after = doc.fold(verb_end, min(sentence.end, verb_end + 80)).lstrip(" \"“”«»'")
    m = _UNNAMED.match(after)
    return m is None or bool(_ROLE_HEAD.match(after)) or any(c in m.group() for c in "\"“”«»")


def reporting_verbs(doc: Document, sentence: Span) -> list[tuple[int, int]]:
    """Offsets in ``doc.text`` of the reporting verbs and "according to" phrases of ``sentence``."""
    folded, offsets = doc.folded_slice(sentence.start, sentence.end)
    return [(offsets[m.start()], offsets[m.end() - 1] + 1) for m in _VERB_RE.finditer(folded)]


def _quote_after(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The quotation that opens within ``limit`` characters after ``pos``, as (open, close) offsets."""
    window = text[pos:pos + limit]
    best = None
    for opener, closer in _OPENERS.items():
        i = window.find(opener)
        if i >= 0 and (best is None or i < best[0]):
            j = text.find(closer, pos + i + 1)
            nl = text.find("\n\n", pos + i + 1)
            if j > 0 and (nl < 0 or j < nl):
                best = (i, pos + i, j + 1)
    return (best[1], best[2]) if best else None


def _names(text: str, entities: list[Mention], actors: list[ActorMention]) -> list[tuple[int, int, str]]:
    """Who can speak: people and organisations the tagger found (not already known actors, which are
    matched on their own) plus short quoted names (the news quotes “محمد الجبوري” often)."""
    out = [_without_verb(e.start, e.end, e.text) for e in entities if e.label in ("PER", "ORG")
           and not any(a.start <= e.start < a.end for a in actors)]
    for m in _NAME_QUOTES.finditer(text):
        words = m.group(1).split()
        if any(a.start < m.end(1) and m.start(1) < a.end for a in actors):
            continue  # a quoted group name (“لواء القدس”) is not a person
        if 1 <= len(words) <= 4 and not any(c in m.group(1) for c in "،,.:؟!") \
                and not any(fold(w) in _PREPOSITIONS for w in words):
            out.append((m.start(1), m.end(1), m.group(1)))  # a quoted phrase (“تغاضى عن الفساد”) is no name
    out.sort()
    # drop nested duplicates (an entity inside a quoted name)
    dedup: list[tuple[int, int, str]] = []
    for n in out:
        if dedup and n[0] < dedup[-1][1]:
            if n[1] - n[0] > dedup[-1][1] - dedup[-1][0]:
                dedup[-1] = n
            continue
        dedup.append(n)
    return dedup


_PREPOSITIONS = _LEX.prepositions


def _quoted(text: str, name: tuple[int, int, str]) -> bool:
    """A name in quotation marks: it speaks only right next to its verb (a quoted place or slogan further
    off is not a speaker)."""
    return name[0] > 0 and text[name[0] - 1] in "\"“«"


def _without_verb(start: int, end: int, name: str) -> tuple[int, int, str]:
    """A name the tagger ran over a reporting verb (``دان مسعود البرزاني``: دان is also a given name)
    starts after the verb."""
    first = name.split(" ", 1)
    if len(first) == 2 and fold(first[0]).removeprefix("و") in _VERB_CLASS:
        cut = len(first[0]) + 1
        return start + cut, end, name[cut:]
    return start, end, name


def _clean_name(name: str) -> str:
    return name.strip(" “”\"«»،,:")


def _unquoted(phrase: str) -> str:
    """A source's phrase without the quotation marks around part of its name (``قوات "الدعم السريع"``)."""
    return " ".join(phrase.translate(_NO_QUOTES).split()).strip(" ،,")


_NO_QUOTES = str.maketrans({q: " " for q in "\"“”«»"})


_NAME_PREPOSITION = _LEX.name_preposition


def _spoken_name(text: str, start: int, name: str, elided: bool = True) -> str:
    """A speaker's name without the preposition glued to it: ``للجيش`` matched as ``لجيش`` (the article's
    alef elided: ``elided``, for a match that starts after a ل of its own) is ``الجيش``; ``لحزب العمال`` is
    ``حزب العمال``, ``للقوات المسلحة`` is ``القوات المسلحة``."""
    if elided and (restored := with_elided_article(text, start, name)) != name:
        return restored
    if _NAME_PREPOSITION.match(fold(name)):
        return "ا" + name[1:] if name.startswith("لل") else name[1:]
    return name


def _full_name(name: str, known: list[str]) -> str:
    """``الجبوري`` after ``محمد الجبوري``: a surname alone points back to the full name used earlier."""
    key = fold(name).strip()
    if " " in key and len(key.split()) > 1 and not key.startswith("ال"):
        return name
    for full in reversed(known):
        parts = fold(full).split()
        if len(parts) > 1 and (parts[-1] == key or parts[-1] == "ال" + key or key == "ال" + parts[-1]
                               or parts[-1].removeprefix("ال") == key.removeprefix("ال")):
            return full
    return name


def _earlier_body(phrase: str, known: list[str]) -> str:
    """``الكتيبة`` after ``كتيبة العياش``, ``الوزارة`` after ``وزارة الداخلية``: the body named before."""
    key = fold(phrase)
    if " " in key or not key.startswith("ال"):
        return phrase
    head = key[2:]
    for full in reversed(known):
        words = fold(full).split()
        if words and words[0] in (head, "ال" + head):
            return full
    return phrase


_SPEAKER_CUT = _LEX.speaker_cut
_NOT_SPEAKERS = frozenset(_LEX.not_speakers)


def _named_part(speaker: str) -> str:
    """The words of a speaker's phrase that name who speaks, without how, where or to whom they spoke
    (``وزارة الدفاع عبر صفحتها``, ``قائد عسكري لرويترز``, ``مصادر الجزيرة - مدرسة تأوي نازحين``)."""
    words = speaker.split()
    folded = [fold(w) for w in words]
    for i in range(1, len(words)):
        if _SPEAKER_CUT.match(" ".join(folded[i:])):
            return " ".join(words[:i]).rstrip(" ،,")
    return speaker


def _issuer(phrase: str, known: list[str]) -> str:
    """``بيان الهيئة``, ``وأضاف البيان``: a statement or report speaks for whoever issued it, the body it
    names (as named in full earlier) or, named alone, the source last quoted."""
    words = phrase.split()
    if not words or fold(words[0]).removeprefix("و") not in _DOCUMENTS:
        return phrase
    rest = " ".join(words[1:]).strip(" ،,\"“”«»")
    if not rest:
        return known[-1] if known else phrase
    return _earlier_body(rest, known)


_OWN_DOCUMENTS = _LEX.own_documents
#: Actors that speak for themselves in a statement (not the civilians or protesters a sentence is about).
_NOT_SPEAKING_TYPES = frozenset({"civilians", "protesters", "rioters"})


def _statement_subject(phrase: str, actors: list[ActorMention], start: int, end: int) -> ActorMention | None:
    """``استهدفت المقاومة الإسلامية ... وفق بيانها``: a statement with a pronoun (بيانها, تقريره) is that of
    the sentence's subject, its first named actor before the verb that can speak for itself."""
    words = fold(phrase).split()
    if len(words) != 1 or not ({words[0], words[0][1:]} & _OWN_DOCUMENTS):  # and وبيانها, ببيانها
        return None
    for a in actors:
        if start <= a.start and a.end <= end and a.actor_id:
            actor = get_actor(a.actor_id)
            if actor is not None and actor.type not in _NOT_SPEAKING_TYPES:
                return a
    return None


def _apposition(text: str, name_end: int, stop: int,
                actors: list[ActorMention]) -> tuple[str | None, str | None, str | None, bool]:
    """Role, organisation, actor id and the pseudonym flag from the words right after a speaker's name."""
    seg_end = min(stop, name_end + 160)
    seg = text[name_end:seg_end]
    lead = len(seg) - len(seg.lstrip(" ”\"»،,-–"))
    if lead == 0 and not seg.startswith(" "):
        return None, None, None, False
    body = seg[lead:]
    cut = _LEX.apposition_end.search(body)
    body = body[: cut.start()] if cut else body
    body = " ".join(body.split()[:settings.ROLE_WORDS])
    folded = fold(body)
    pseudonym = bool(_PSEUDONYM.search(folded))
    if pseudonym:
        body = _LEX.pseudonym_lead.sub("", body).strip()
        folded = fold(body)
    head = _ROLE_HEAD.match(folded.lstrip("و"))
    if not head and not pseudonym:
        return None, None, None, False
    start = name_end + lead
    org = next((a for a in actors if start <= a.start < start + len(body)), None)
    if org is not None:
        role_text = text[start:org.start]
        role_text = _LEX.role_link_tail.sub("", role_text).strip(" ،,")
        return (role_text or None), org.text, org.actor_id, pseudonym
    return (body.strip(" ،,") or None), None, None, pseudonym


def find_attributions(doc: Document) -> list[Attribution]:
    """Every attributed stretch of ``doc``'s text, in text order (from its sentences, entities and actors).

    What a sentence reports is attributed as a whole: ``قُتل خمسة ..., بحسب المرصد`` puts the source after
    the event, ``وقال X إن ...`` before it. A quotation that opens after the verb extends the span to its end.
    """
    text, sentences, actors = doc.text, doc.sentences, doc.actors
    names = _names(text, doc.entities, actors)
    out: list[Attribution] = []
    known: list[str] = []
    roles: dict[str, tuple[str | None, str | None, str | None, bool]] = {}
    last: Attribution | None = None
    for sent in sentences:
        folded, offsets = doc.folded_slice(sent.start, sent.end)
        offsets = [o - sent.start for o in offsets]  # the speaker search works in sentence coordinates
        for m in _VERB_RE.finditer(folded):
            group = "verb" if m.group("verb") else "per"
            fvs, fve = m.span(group)
            vs, ve = sent.start + offsets[fvs], sent.start + offsets[fve - 1] + 1
            verb = m.group(group)
            att = _speaker_for(text, sent, folded, offsets, fve, vs, ve, verb, group == "per", names, actors,
                               known, last, roles)
            if att is None:
                continue
            subject = _statement_subject(att.speaker, actors, sent.start, vs)
            if subject is not None:
                att.speaker = _spoken_name(text, subject.start, subject.text)
                att.organization, att.actor_id = subject.text, subject.actor_id
            att.speaker = _issuer(att.speaker, known)
            att.speaker = _named_part(att.speaker)
            _person_of_role(att, roles)
            if not att.speaker or fold(att.speaker) in _NOT_SPEAKERS:
                continue  # ``وتُظهر الأرقام``, ``تطرح``: figures and verbs do not speak
            q = _quote_after(text, ve, 160)
            end = max(sent.end, q[1]) if q else sent.end
            att.span = Span(sent.start, end, text[sent.start:end])
            first, *others = _bodies(att.speaker)
            att.speaker = first
            out.append(att)
            out.extend(Attribution(speaker=body, stance=att.stance, span=att.span, verb=att.verb,
                                   unnamed=att.unnamed) for body in others)
            known.append(att.speaker)
            last = att
    _continue_reports(text, sentences, out)
    _attach_headings(text, sentences, out)
    return out




def _person_of_role(att: Attribution, roles: dict[str, tuple[str | None, str | None, str | None, bool]]) -> None:
    """A spokesman named by his role alone (``وشدّد المتحدث باسم القوات المسلحة اليمنية``) after the article named
    him with it (``العميد يحيى سريع``) is that person: the one speaker the ledger should count."""
    phrase = fold(att.speaker)
    if _SPOKESMAN.match(phrase) is None:
        return
    for person, (role, org, actor_id, _) in roles.items():
        if not role or fold(role).split()[0] != phrase.split()[0]:
            continue
        if (actor_id is not None and actor_id == att.actor_id) or (org and fold(org) in phrase):
            att.role, att.speaker = att.speaker, person
            att.organization, att.actor_id = att.organization or org, att.actor_id or actor_id
            att.unnamed = False
            return


def _continue_reports(text: str, sentences: list[Span], atts: list[Attribution]) -> None:
    """A statement runs on into the next sentences of its paragraph until another source speaks: news
    writes ``وقال المرصد إن ...`` and then the details in sentences of their own."""
    starts = sorted({a.span.start for a in atts})
    for a in atts:
        idx = next((i for i, s in enumerate(sentences) if s.start <= a.span.end - 1 < s.end), None)
        if idx is None:
            continue
        end = a.span.end
        for s in sentences[idx + 1: idx + 1 + settings.RUN_ON_SENTENCES]:
            if "\n\n" in text[end:s.start] or any(s.start <= st < s.end for st in starts):
                break
            end = s.end
        if end > a.span.end:
            a.span = Span(a.span.start, end, text[a.span.start:end])


_THAT_AFTER = _LEX.that_after
#: Where what is said begins (``أن``, ``بأنه``, ``إلى أنها``): a name after it is not the speaker.
_COMPLEMENTIZER = _LEX.complementizer
#: ``أنّ``/``إنّ`` written with its shadda opens what is said even when glued to the next word (``إنّقصف``).
_GLUED_THAT = _LEX.glued_that
#: Verbs that, with no subject before ``أن``, are impersonal (``يُذكر أن``).
_IMPERSONAL = _LEX.impersonal
_STOP_WORDS = _LEX.stop_words
_SAID_NOUN = _LEX.said_noun
_CORRESPONDENT = _LEX.correspondent


_TIME_WORDS = _LEX.time_words
_NAME_QUOTE = _LEX.name_quote
_ISSUED_BY = _LEX.issued_by
_NAME_QUOTE_TAIL = _LEX.name_quote_tail
_SPEECH_PRONOUN = _LEX.speech_pronoun
_SPEECH_NOUN = _LEX.speech_noun
_COORDINATED_BODY = _LEX.coordinated_body
_UNNAMED_TAIL = _LEX.name_quote_rest


def _named_after(folded: str, fve: int) -> tuple[int, int] | None:
    """An institutional or unnamed source right after the verb, as a folded span (at most eight words)."""
    pos = fve
    while pos < len(folded) and folded[pos] in " \"“”«»'":
        pos += 1
    when = _TIME_WORDS.match(folded, pos)
    if when is not None:  # ``وأعلنت صباح اليوم كتائب القسام``: the time comes between verb and subject
        pos = when.end()
    m = _UNNAMED.match(folded, pos)
    if m is None:
        return None
    end = m.end()
    stop = _STOP_WORDS.search(folded, m.start(), end)
    if stop is not None:
        end = stop.start()
    words = folded[m.start():end].split()[:8]
    while words and words[-1] in ("في", "ب", "ل", "عن", "من", "و"):
        words.pop()
    if not words:
        return None
    end = m.start() + len(" ".join(words))
    quoted = _NAME_QUOTE.match(folded, end) if len(words) <= 3 and words[-1] not in _NAME_BEFORE_QUOTE else None
    if quoted is not None and not _STOP_WORDS.match(" " + quoted.group(1)):
        # ``قوات "الدعم السريع"``, ``المتحدث باسم "جيش"الاحتلال``: the quoted words and those after them name it
        closed = quoted.end()
        tail_at = closed if not folded[closed:closed + 1].isspace() else \
            (m2.end() if (m2 := _NAME_QUOTE_TAIL.match(folded, closed)) else None)
        end = closed
        if tail_at is not None:
            rest = " " + folded[tail_at:_UNNAMED_TAIL.match(folded, tail_at).end()]
            stop = _STOP_WORDS.search(rest)
            tail = rest[:stop.start() if stop else len(rest)].split()[:max(0, 8 - len(words))]
            if tail:
                end = tail_at + len(" ".join(tail))
    return m.start(), end


#: Words for a body that news follows with the body's name in quotation marks.
_GENERIC_BODIES = _LEX.generic_bodies
_DOCUMENTS = _LEX.documents
_NAME_BEFORE_QUOTE = _GENERIC_BODIES | _DOCUMENTS  # جماعة "...", بيان "...": the quoted name speaks
_QUOTED_AFTER = re.compile(r"\s*[\"“«]([^\"”»\n]{2,50})[\"”»]")
#: ``، أنيس الأصبحي،``: two to four words between commas right after a role.
_COMMA_NAME = _LEX.comma_name
_NOT_NAMES = _LEX.not_names

#: What may stand between a verb and the name after it (no quotation, no new clause).
_BETWEEN_OK = re.compile(r"^[^«“\".،,:\-–]*$")
_CLAUSE_START = re.compile(r"[.،,:؛\n«»“”\"]")


def _unnamed_before(folded: str, fvs: int) -> tuple[int, int] | None:
    """The folded span of an unnamed source that opens the clause and ends right before the verb."""
    seg_start = max((m.end() for m in _CLAUSE_START.finditer(folded, 0, fvs)), default=0)
    seg = folded[seg_start:fvs]
    lead = len(seg) - len(seg.lstrip(" و"))
    words = seg.split()
    if not 1 <= len(words) <= 5:
        return None
    m = _UNNAMED.match(folded, seg_start + lead)
    if m is None:
        return None
    end = seg_start + len(seg.rstrip())
    return (seg_start + lead, end) if end > seg_start + lead else None


_PLAIN_NAME = _LEX.plain_name
_PLAIN_NAME_STOPS = _LEX.plain_name_stops


def _words_after(text: str, sent: Span, folded: str, offsets: list[int], fve: int, vs: int, ve: int,
                 verb: str, stance: str, last: Attribution | None) -> Attribution | None:
    """``وفق القدرة``, ``بحسب الشامي``: after "according to", the next words name the source even when
    the tagger does not know them (up to three words, stopping at punctuation or a function word)."""
    issued = _ISSUED_BY.match(folded, fve)
    named = _named_after(folded, issued.end()) if issued else None
    if named is not None:  # ``وفق بيان مشترك صادر عن هيئة ...``: the body that issued it
        s0, s1 = sent.start + offsets[named[0]], sent.start + offsets[named[1] - 1] + 1
        return Attribution(speaker=_unquoted(text[s0:s1]), stance=stance, span=Span(vs, ve, ""), verb=verb,
                           unnamed=True)
    m = _PLAIN_NAME.match(folded, issued.end() if issued else fve)
    if m is None:
        return None
    words = []
    for w in m.group(1).split():
        if w in _PLAIN_NAME_STOPS:
            break
        words.append(w)
    if not words:
        return None
    if _SPEECH_PRONOUN.match(words[0]):
        # ``وفق تعبيره``: by the words of whoever spoke last (nobody, when nobody did)
        return None if last is None else _going_on(last, stance, Span(vs, ve, ""), verb)
    start = m.start(1)
    if _SPEECH_NOUN.match(words[0]) and len(words) > 1:  # ``وفق تعبير الجيش``: the army's words
        start += len(words[0]) + 1
        words = words[1:]
    end = start + len(" ".join(words))
    s0, s1 = sent.start + offsets[start], sent.start + offsets[end - 1] + 1
    quoted = _QUOTED_AFTER.match(text, s1, sent.end) if words[-1] in _NAME_BEFORE_QUOTE else None
    if quoted:  # ``بحسب بيان "الهيئة المغربية ..."``: the quoted name is the source
        return Attribution(speaker=quoted.group(1).strip(), stance=stance, span=Span(vs, ve, ""), verb=verb,
                           unnamed=True)
    # ``وفقاً للهيئة``: the name is الهيئة, its alef elided after the ل the phrase ends with
    return Attribution(speaker=_spoken_name(text, s0, text[s0:s1]), stance=stance, span=Span(vs, ve, ""),
                       verb=verb, unnamed=True)


_RANK_NAME = _LEX.rank_name
#: "As ... also" right before a reporting verb that names nobody after it: the last speaker goes on.
_ALSO_BEFORE = _LEX.also_before
#: Nothing but "and" between two names (``القسام وسرايا القدس``): they are named together.
_COORDINATED_NAME = _LEX.coordinated_name
#: A weapon's noun right before a name (بصواريخ "بركان"): the name is the weapon's.
_WEAPON_BEFORE = _rules("places").weapon_before
#: A spokesman's role (``المتحدث باسم``, ``الناطق الرسمي باسم``): who speaks for a body, often named once.
_SPOKESMAN = _LEX.spokesman


def _object_between(from_body: str, after_body: str) -> bool:
    """Whether a name after a body that follows its verb belongs to what is said: words stand between them
    and the body is no role (``الناشط الإعلامي المعارض أبو سالم``) or rank of the name."""
    if not fold(after_body).strip(" ،,\"“”«»"):
        return False  # ``قالت الوزارة، X``: the name in apposition
    words = fold(from_body).strip(" ،,\"“”«»")
    return not any(_ROLE_HEAD.match(w) or _RANK_NAME.match(w) for w in (words, words[1:]))


#: What may stand before a ranked name that opens a clause and speaks (``وكان العميد سريع قد أعلن``).
_BEFORE_RANK = _LEX.before_rank


def _ranked_speaker(text: str, sent: Span, folded: str, offsets: list[int], fvs: int, fve: int, limit: int,
                    verb: str, stance: str, actors: list[ActorMention], known: list[str],
                    known_roles: dict[str, tuple[str | None, str | None, str | None, bool]]) -> Attribution | None:
    """A military rank and a name speak (``قال المتحدث باسم القوات المسلحة العميد يحيى سريع``, ``وكان العميد
    سريع قد أعلن``): after the verb with nothing but a role before the rank, or right before the verb. The
    name as written (a surname alone: the full name used earlier); the role and the body between verb and
    rank."""
    vs, ve = sent.start + offsets[fvs], sent.start + offsets[fve - 1] + 1
    after = _RANK_NAME.search(folded, fve, min(limit, fve + 110))
    if after is not None:
        between = folded[fve:after.start()].strip(" ،,\"“”«»")
        if (between and not (_ROLE_HEAD.match(between) or _ROLE_HEAD.match(between[1:]))) \
                or any(c in between for c in ".:؛\"“«"):
            after = None
    before, clause = None, 0
    if after is None:
        # the clause the verb ends (a comma right before the verb closes the name, not the clause)
        clause = max((m.end() for m in _CLAUSE_START.finditer(folded, 0, fvs) if folded[m.end():fvs].strip()),
                     default=0)
        before = _RANK_NAME.search(folded, clause, fvs)
        if before is not None and not (_BEFORE_RANK.match(folded[clause:before.start()])
                                       and folded[before.end(1):fvs].strip(" ،,") in ("", "قد")):
            before = None
    m = after or before
    if m is None:
        return None
    s0, s1 = m.start(1), m.start(1) + len(m.group(1).rstrip())
    name = text[sent.start + offsets[s0]: sent.start + offsets[s1 - 1] + 1]
    speaker = _full_name(name, known)
    rank_start = sent.start + offsets[m.start()]
    # the role and the body: between the verb and the rank, or (a ranked name before its verb) between the
    # clause's start and the rank
    lead = ve if after is not None else sent.start + offsets[clause]
    org_a = next((a for a in actors if lead <= a.start < rank_start), None)
    role_text = text[lead:org_a.start if org_a is not None else rank_start]
    if after is None:
        role_text = _LEX.before_rank_opening.sub("", role_text)
    role = _LEX.role_link_tail.sub("", role_text).strip(" ،,“”\"") or None
    if role is None and org_a is None:  # ``وقال العميد سريع``: the role given with the full name before
        role, org, actor_id, _ = known_roles.get(speaker, (None, None, None, False))
        return Attribution(speaker=speaker, stance=stance, span=Span(vs, ve, ""), verb=verb, role=role,
                           organization=org, actor_id=actor_id)
    org = _spoken_name(text, org_a.start, org_a.text) if org_a is not None else None
    actor_id = org_a.actor_id if org_a is not None else None
    known_roles[speaker] = (role, org, actor_id, False)
    return Attribution(speaker=speaker, stance=stance, span=Span(vs, ve, ""), verb=verb, role=role,
                       organization=org, actor_id=actor_id)


def _titled_victim(text: str, start: int, floor: int) -> bool:
    """Whether the name at ``start`` follows a martyr's, a youth's or a prisoner's title (``الشهيد طه``, ``الشاب
    طه``): whom the text is about, not who speaks (``floor``: where the words before it may start)."""
    return _LEX.victim_title.search(fold(text[max(floor, start - 12):start])) is not None


def _weapon_name(text: str, start: int, floor: int) -> bool:
    """Whether the name at ``start`` is a weapon's (``بصواريخ "بركان"``, ``صاروخ من طراز "فلق"``): no speaker."""
    return _WEAPON_BEFORE.search(fold(text[max(floor, start - 16):start])) is not None


def _speaker_for(text: str, sent: Span, folded: str, offsets: list[int], fve: int, vs: int, ve: int,
                 verb: str, per_phrase: bool, names: list[tuple[int, int, str]], actors: list[ActorMention],
                 known: list[str], last: Attribution | None,
                 known_roles: dict[str, tuple[str | None, str | None, str | None, bool]]) -> Attribution | None:
    stance = _VERB_CLASS.get(verb, "confirms")
    if verb in _IMPERSONAL and _THAT_AFTER.match(folded, fve):
        return None  # ``يُذكر أن``: "it is mentioned that", nobody speaks
    comp = _COMPLEMENTIZER.search(folded, fve)
    limit = sent.start + offsets[comp.start()] if comp else sent.end
    ranked = _ranked_speaker(text, sent, folded, offsets, fve - len(verb), fve, comp.start() if comp else len(folded),
                             verb, stance, actors, known, known_roles)
    if ranked is not None:
        return ranked
    after = [n for n in names if ve <= n[0] <= ve + (4 if _quoted(text, n) else 70) and n[1] <= sent.end
             and n[0] < limit and _BETWEEN_OK.match(text[ve:n[0]].rstrip(" “\""))
             and not _SAID_NOUN.search(fold(text[ve:n[0]])) and not _titled_victim(text, n[0], ve)]
    before = [n for n in names if sent.start <= n[0] and n[1] <= vs and vs - n[1] <= 220
              and not _titled_victim(text, n[0], sent.start) and not _weapon_name(text, n[0], sent.start)]
    act_after = [a for a in actors if ve <= a.start <= ve + 3]
    name: tuple[int, int, str] | None = None
    role_before: str | None = None
    named = _named_after(folded, fve) if not (after and after[0][0] <= ve + 3) else None
    body = (act_after[0].start, act_after[0].end) if act_after else (
        (sent.start + offsets[named[0]], sent.start + offsets[named[0]]) if named else None)
    if after and body is not None and after[0][0] >= body[1] and _object_between(text[body[0]:after[0][0]],
                                                                                 text[body[1]:after[0][0]]):
        after = []  # ``وأعلن الجيش مقتل العميد X``: the body speaks, the name after it is what it says
    if after and act_after and act_after[0].end <= after[0][0] \
            and _COORDINATED_NAME.match(text[act_after[0].end:after[0][0] + 1]):
        # ``وأعلنت القسام وسرايا القدس``: the body right after the verb and the one joined to it speak together
        a = act_after[0]
        return Attribution(speaker=text[a.start:after[0][1]], stance=stance, span=Span(vs, ve, ""), verb=verb,
                           organization=a.text, actor_id=a.actor_id)
    if after and (named is None or after[0][0] <= sent.start + offsets[named[1] - 1] + 40):
        name = after[0]
        lead = text[ve:name[0]].strip(" “”\"")
        if lead and _ROLE_HEAD.match(fold(lead).lstrip("و")):
            role_before = lead
    elif act_after:
        a = act_after[0]
        return Attribution(speaker=_spoken_name(text, a.start, a.text), stance=stance, span=Span(vs, ve, ""),
                           verb=verb, organization=a.text, actor_id=a.actor_id)
    elif named is not None:
        s0, s1 = sent.start + offsets[named[0]], sent.start + offsets[named[1] - 1] + 1
        glued = _GLUED_THAT.search(text, s0, s1)
        if glued is not None and glued.start() > s0:
            s1 = len(text[:glued.start()].rstrip())  # ``المصادر إنّقصف``: what is said starts at إنّ
        quoted = _QUOTED_AFTER.match(text, s1, min(sent.end, s1 + 60))
        if quoted and fold(text[s0:s1]).split()[-1] in _NAME_BEFORE_QUOTE:
            # ``جماعة "الدفاع المدني السوري"``: the quoted name is the source, not the word before it
            return Attribution(speaker=quoted.group(1).strip(), stance=stance, span=Span(vs, ve, ""), verb=verb,
                               unnamed=True)
        org = next((a for a in actors if s0 <= a.start < s1), None)
        # ``قال الأمين العام لحركة "الجهاد الإسلامي"، زياد النخالة،``: the body's quoted name may stand between
        org_quote = _QUOTED_AFTER.match(text, s1, sent.end)
        person = _COMMA_NAME.match(text, org_quote.end() if org_quote else s1, sent.end)
        if person and _ROLE_HEAD.match(fold(text[s0:s1])) and fold(person.group(1)).split()[0] not in _NOT_NAMES:
            # ``قال المتحدث باسم الوزارة، أنيس الأصبحي، إن``: the role comes first, the name in commas
            speaker = _full_name(person.group(1).strip(), known)
            role = text[s0:org.start].strip(" ،,") if org is not None and org.start > s0 else text[s0:s1]
            role = _LEX.role_link_tail.sub("", role).strip(" ،,") or None
            body = org.text if org else (org_quote.group(1).strip() if org_quote else None)
            known_roles[speaker] = (role, body, org.actor_id if org else None, False)
            return Attribution(speaker=speaker, stance=stance, span=Span(vs, ve, ""), verb=verb, role=role,
                               organization=body, actor_id=org.actor_id if org else None)
        phrase = _earlier_body(_unquoted(text[s0:s1]), known)
        return Attribution(speaker=phrase, stance=stance, span=Span(vs, ve, ""), verb=verb,
                           organization=org.text if org else None, actor_id=org.actor_id if org else None,
                           unnamed=True)
    elif verb in _CONTINUATION and last is None and not per_phrase \
            and (subject_actor := next((a for a in actors if sent.start <= a.start and a.end <= vs), None)):
        # ``استهدفت المقاومة موقع "الرمثا" بالأسلحة المناسبة، مؤكّدةً إصابته``: with nobody quoted before, the
        # participle's speaker is the sentence's subject, not a name its object holds
        return Attribution(speaker=_spoken_name(text, subject_actor.start, subject_actor.text), stance=stance,
                           span=Span(vs, ve, ""), verb=verb, organization=subject_actor.text,
                           actor_id=subject_actor.actor_id)
    elif last is not None and _ALSO_BEFORE.search(folded, 0, fve - len(verb)):
        # ``أفاد مراسلنا باستهداف غارة إسرائيلية ...، كما أشار إلى``: "as he also said", the last speaker goes on
        return _going_on(last, stance, Span(vs, ve, ""), verb)
    elif before and not per_phrase and not (last is not None and verb in _CONTINUATION):
        name = before[-1]  # (``مؤكدةً``, ``مضيفاً``: the subject who spoke goes on, not a name said before)
    elif last is not None and (verb in _CONTINUATION or _THAT_AFTER.match(folded, fve)):
        # ``وأضاف``, ``وقال إن``: no subject named, the last speaker goes on
        return _going_on(last, stance, Span(vs, ve, ""), verb)
    if name is None:
        before_actor = [a for a in actors if sent.start <= a.start and a.end <= vs and vs - a.end <= 40]
        if before_actor and not per_phrase:
            a = before_actor[-1]
            return Attribution(speaker=_spoken_name(text, a.start, a.text), stance=stance,
                               span=Span(vs, ve, ""), verb=verb, organization=a.text, actor_id=a.actor_id)
        if per_phrase:
            return _words_after(text, sent, folded, offsets, fve, vs, ve, verb, stance, last)
        subject = _unnamed_before(folded, fve - len(verb))
        if subject is not None:
            # ``مصادر الميادين تفيد``: an unnamed or institutional subject right before its verb
            s0, s1 = sent.start + offsets[subject[0]], sent.start + offsets[subject[1] - 1] + 1
            org = next((a for a in actors if s0 <= a.start < s1), None)
            return Attribution(speaker=_earlier_body(text[s0:s1], known), stance=stance, span=Span(vs, ve, ""),
                               verb=verb, organization=org.text if org else None,
                               actor_id=org.actor_id if org else None, unnamed=True)
        return None
    speaker = _full_name(_spoken_name(text, name[0], _clean_name(name[2]), elided=False), known)
    role, org, actor_id, pseudonym = _apposition(text, name[1], sent.end, actors)
    if role is None and role_before:
        org_a = next((a for a in actors if ve <= a.start < name[0]), None)
        role = role_before
        if org_a is not None:
            role = text[ve:org_a.start].strip(" “”\"") or role_before
            org, actor_id = org_a.text, org_a.actor_id
    if role is None and org is None and speaker in known_roles:
        role, org, actor_id, pseudonym = known_roles[speaker]
    elif role is not None or org is not None or pseudonym:
        known_roles[speaker] = (role, org, actor_id, pseudonym)
    return Attribution(speaker=speaker, stance=stance, span=Span(vs, ve, ""), verb=verb, role=role,
                       organization=org, actor_id=actor_id, pseudonym=pseudonym)


def _bodies(speaker: str) -> list[str]:
    """The bodies a speaker's phrase names together (``هيئة شؤون الأسرى ونادي الأسير``), each its own source."""
    words = speaker.split()
    cuts = [i for i in range(1, len(words) - 1)
            if _COORDINATED_BODY.match(" " + fold(words[i]) + " " + fold(words[i + 1]) + " ")]
    if not cuts:
        return [speaker]
    parts = [words[a:b] for a, b in zip([0, *cuts], [*cuts, len(words)], strict=True)]
    return [" ".join(parts[0])] + [" ".join([p[0][1:], *p[1:]]) for p in parts[1:]]


def own_correspondent(att: Attribution, outlet: str | None) -> bool:
    """Whether ``att``'s speaker is the outlet's own correspondent (``مراسلنا``, ``مراسل الميادين في غزة`` in an
    article of الميادين) or the outlet itself (a correspondent named by the outlet's name alone), who is no
    source: what the outlet reports it reports itself."""
    speaker = fold(att.speaker)
    if outlet and speaker.strip() == fold(outlet).strip():
        return True
    m = _CORRESPONDENT.match(speaker)
    if m is None:
        return False
    rest = speaker[m.end():]
    return not rest or rest.startswith("في") or bool(outlet) and rest.startswith(fold(outlet).strip())


def _going_on(last: Attribution, stance: str, span: Span, verb: str) -> Attribution:
    """The last speaker, speaking again with ``verb``."""
    return Attribution(speaker=last.speaker, stance=stance, span=span, verb=verb, role=last.role,
                       organization=last.organization, actor_id=last.actor_id, pseudonym=last.pseudonym,
                       unnamed=last.unnamed)


def _attach_headings(text: str, sentences: list[Span], atts: list[Attribution]) -> None:
    """A line that is only a short quotation heads a section: it is the next speaker's words."""
    for sent in sentences:
        s = sent.text.strip()
        if not (s[:1] in _OPENERS and s[-1:] in _OPENERS.values()) or len(s.split()) > 16:
            continue
        line_start = text.rfind("\n", 0, sent.start) + 1
        line_end = text.find("\n", sent.end)
        line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
        if line != s:
            continue
        nxt = next((a for a in atts if a.span.start > sent.end), None)
        if nxt is not None and not any(a.span.start <= sent.start < a.span.end for a in atts):
            atts.append(Attribution(speaker=nxt.speaker, stance=nxt.stance, span=Span(sent.start, sent.end, sent.text),
                                    verb=None, role=nxt.role, organization=nxt.organization,
                                    actor_id=nxt.actor_id, pseudonym=nxt.pseudonym, unnamed=nxt.unnamed))
    atts.sort(key=lambda a: a.span.start)
