"""The evidence each learned decision weighs, named as strings (hashed by ``rasd.learn.linear``).

Features come from what the rules already see on the ``Document``: the trigger and its kind, the words
around it, the lexicon's cues, the date and place the rules attached, the numbers, the attributions, the
candidate's position in the article. Words are folded, and also cut to four letters so that inflected
forms share evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from rasd.actors.kb import get_actor
from rasd.actors.match import ActorMention
from rasd.document import Document
from rasd.events.lexicon import lexicon
from rasd.events.mentions import EventMention
from rasd.geo.resolve import PlaceMention
from rasd.lang.numbers import NumberMention
from rasd.learn.sentence_net import net_features, report_net, sentence_vector
from rasd.lexicon import WORD_RUNS, rules

_LEX = rules("decisions")
_YEAR = re.compile(r"(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})(?![0-9])")
_CUES = ("irrealis", "question", "negation", "hedge", "recurring", "deny", "downplay")
_LEXICAL = ("tally", "history", "statement", "condemn", "plan", "metaphor", "carried_out")
_WHO = ("protesters", "fighters", "captured", "intercepted", "seized")
_AGE_BUCKETS = ((0, "0"), (2, "1-2"), (7, "3-7"), (31, "8-31"), (365, "32-365"))


@cache
def _cue_groups() -> tuple[tuple[re.Pattern[str], list[tuple[str, re.Pattern[str]]]], ...]:
    """The cues features look for, in two groups (report cues; means and who), each with one alternation of
    all its patterns: most clauses carry none, and one scan then says so for the whole group."""
    lex = lexicon()
    general = [(f"cue={name}", lex.cues[name]) for name in _CUES] + [(f"lex={name}", _LEX[name]) for name in _LEXICAL]
    means = [(f"means={kind}", cue) for kind, cue in lex.means] + [("victims=civilians", lex.civilians)]
    means += [(f"who={name}", _LEX[name]) for name in _WHO]
    return tuple((re.compile("|".join(f"(?:{rx.pattern})" for _, rx in group)), group) for group in (general, means))


def _words(folded: str) -> list[str]:
    return WORD_RUNS.findall(folded)


def _bucket(n: float, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


@dataclass(slots=True)
class ArticleView:
    """What the features of every candidate of one article share, worked out once per article."""

    sentence_starts: list[int]
    kinds: Counter
    clause_cues: dict[int, tuple[list[str], list[str]]]  # clause index -> (cue names, "who"/means names)
    reports: dict[int, float]  # sentence index (candidate_sentence's key) -> the report network's probability

    @classmethod
    def of(cls, doc: Document) -> ArticleView:
        return cls([s.start for s in doc.sentences], Counter(m.kind for m in doc.mentions), {}, {})

    def report_probability(self, doc: Document, m: EventMention) -> float | None:
        """The report network's answer for the sentence of ``m`` (None without a trained network)."""
        net = report_net()
        if net is None:
            return None
        index, folded = candidate_sentence(doc, m, self.sentence_starts)
        found = self.reports.get(index)
        if found is None:
            found = self.reports[index] = float(net.probabilities(sentence_vector(folded)[None, :])[0])
        return found

    def cues(self, clause) -> tuple[list[str], list[str]]:
        """The lexicon cues a clause carries, looked for once per clause (its candidates share them)."""
        found = self.clause_cues.get(clause.index)
        if found is None:
            folded = clause.folded
            found = self.clause_cues[clause.index] = tuple(  # type: ignore[assignment]
                [name for name, rx in group if rx.search(folded)] if any_of.search(folded) else []
                for any_of, group in _cue_groups())
        return found


def report_features(doc: Document, m: EventMention, view: ArticleView | None = None) -> list[str]:
    """Whether mention ``m`` reports an event that took place in the article's time frame."""
    view = view or ArticleView.of(doc)
    clause = m.clause
    folded = clause.folded
    before = _words(folded[:m.fstart])
    trigger = folded[m.fstart:m.fend]
    after = _words(folded[m.fend:])
    feats = ["bias", f"k={m.kind}", f"t={trigger}", f"kt={m.kind}|{trigger[:6]}", f"drop={m.dropped}",
             f"bare={m.bare}", f"default={m.by_default}", f"kind_drop={m.kind}|{m.dropped}"]
    for i, w in enumerate(reversed(before[-6:]), 1):
        feats += [f"b{min(i, 4)}={w}", f"b4={w[:4]}", f"bb={w}"]
    for i, w in enumerate(after[:6], 1):
        feats += [f"a{min(i, 4)}={w}", f"a4={w[:4]}", f"ab={w}"]
    if before:
        feats.append(f"b1k={before[-1]}|{m.kind}")
    if after:
        feats.append(f"a1k={after[0]}|{m.kind}")
    for cue in view.cues(clause)[0]:
        feats.append(cue)
        if cue.startswith("lex="):
            feats.append(f"lexk={cue[4:]}|{m.kind}")
    feats.append(f"q={clause.question}")
    # time: the date the rules gave it, and years named in the clause
    pub = doc.published_day
    if m.date is None or m.date_inferred:
        feats.append("date=none" if m.date is None else "date=inferred")
    else:
        feats.append(f"date={m.date.precision}")
        end = _day(m.date.end or m.date.start)
        if pub is not None and end is not None:
            feats.append("age=" + next((name for days, name in _AGE_BUCKETS if (pub - end).days <= days), "old"))
    if m.background:
        feats.append("background")
    if pub is not None:
        years = [int(y) for y in _YEAR.findall(folded)]
        if any(y < pub.year for y in years):
            feats.append("year<pub")
        if any(y <= pub.year - 2 for y in years):
            feats.append("year<=pub-2")
    # arguments the rules found
    feats.append(f"place={'explicit' if m.place_explicit else 'inherited' if m.place else 'none'}")
    if m.place is not None:
        feats.append(f"prec={m.place.precision}")
    feats.append(f"actors={min(len(m.actors), 2)}")
    feats.append(f"counts={'|'.join(sorted(m.counts)) or 'none'}")
    big = max((c.high or c.best or 0 for c in m.counts.values()), default=0)
    if big:
        feats.append("count=" + _bucket(big, (5, 50, 500, 5000)))
    # where it stands in the article and who says it
    index = max(0, bisect_right(view.sentence_starts, clause.span.start) - 1)
    feats.append("pos=" + ("first" if index == 0 else "lead" if index < 3 else
                           "last" if index >= len(doc.sentences) - 2 else "body"))
    feats.append("len=" + _bucket(len(folded), (40, 100, 200, 400)))
    said = [a for a in doc.attributions if a.span.start <= m.trigger.start < a.span.end]
    feats.append("said=" + (said[0].stance if said else "outlet"))
    feats.append("kind_in_doc=" + _bucket(view.kinds[m.kind], (1, 3, 8)))
    report = view.report_probability(doc, m)
    if report is not None:
        feats += net_features(report, m.kind)
    return feats


def candidate_sentence(doc: Document, m: EventMention, starts: list[int] | None = None) -> tuple[int, str]:
    """The index and the folded text of the sentence that holds ``m``'s trigger (its clause, keyed by a negative
    index of its own, when no sentence holds it)."""
    starts = starts if starts is not None else [s.start for s in doc.sentences]
    index = bisect_right(starts, m.trigger.start) - 1
    if index < 0 or not doc.sentences:
        return -1 - m.clause.index, m.clause.folded
    s = doc.sentences[index]
    return index, doc.fold(s.start, s.end)


def kind_features(doc: Document, m: EventMention, view: ArticleView | None = None) -> list[str]:
    """Whether mention ``m`` reports an event, and of which kind: the report evidence, plus the means,
    targets and victims its clause names (air, artillery, a bomb, civilians, protesters ...)."""
    view = view or ArticleView.of(doc)
    feats = report_features(doc, m, view)
    for cue in view.cues(m.clause)[1]:
        name, value = cue.split("=", 1)
        feats += [cue, f"{name}_k={value}|{m.kind}"]
    for a in m.actors:
        feats.append(f"actor_{a.role}={a.type or 'unknown'}")
    return feats


def place_features(doc: Document, m: EventMention, options: list[PlaceMention], rank: int) -> list[str]:
    """Whether ``options[rank]`` (a place named in the clause of ``m``) is where an event of ``m``'s kind
    happened: one of several places a list can name (ACLED: one event per place), or the one place of the
    event."""
    place, n = options[rank], len(options)
    s = m.clause.span
    before = doc.fold(max(s.start, place.start - 25), place.start)
    words = _words(before)
    distance = place.start - m.trigger.end if place.start >= m.trigger.end else m.trigger.start - place.end
    feats = ["bias", f"k={m.kind}", f"prec={place.place.precision}", f"n={min(n, 5)}", f"rank={min(rank, 4)}",
             "side=" + ("after" if place.start >= m.trigger.end else "before"),
             "dist=" + _bucket(abs(distance), (10, 30, 60, 120, 250)),
             f"country_focus={doc.focus is not None and place.place.country == doc.focus.country}",
             f"ambiguous={min(place.candidates, 3)}",
             f"rule_place={m.place is not None and m.place.key() == place.place.key()}"]
    if words:
        feats += [f"w1={words[-1]}", f"w1k={words[-1]}|{m.kind}"]
    if len(words) > 1:
        feats.append(f"w2={words[-2]}")
    between = doc.fold(min(m.trigger.end, place.end), max(m.trigger.start, place.start))
    for name in ("list_joiner", "speaking", "origin"):
        if _LEX[name].search(before if name != "list_joiner" else between):
            feats.append(f"cue={name}")
    # in one list with the place before or after it: nothing but joiners between them (وبيت حانون, وأطراف)
    if rank > 0:
        feats.append(f"listed_prev={_listed(doc, options[rank - 1], place)}")
    if rank + 1 < n:
        feats.append(f"listed_next={_listed(doc, place, options[rank + 1])}")
    mentions = sum(1 for p in doc.places if p.place.key() == place.place.key())
    feats.append("named=" + _bucket(mentions, (1, 2, 4)))
    return feats


def _listed(doc: Document, first: PlaceMention, second: PlaceMention) -> bool:
    """Whether two places of a clause stand in one list: close, with only joiners between them."""
    return 0 <= second.start - first.end <= 40 and _LEX["list_gap"].match(doc.fold(first.end, second.start)) is not None


def role_features(doc: Document, m: EventMention, a: ActorMention, rank: int, rule_role: str | None) -> list[str]:
    """Which side actor mention ``a`` (named in ``m``'s clause) is on in the event of ``m``: the one who acts,
    the one acted on, or neither (a source, a bystander, an ally named in passing)."""
    actor = get_actor(a.actor_id) if a.actor_id else None
    atype = actor.type if actor else "unknown"
    s = m.clause.span
    after = a.start >= m.trigger.end
    gap = doc.fold(m.trigger.end, a.start) if after else doc.fold(a.end, m.trigger.start)
    words = _words(doc.fold(max(s.start, a.start - 30), a.start))
    next_words = _words(doc.fold(a.end, min(s.end, a.end + 20)))
    feats = ["bias", f"k={m.kind}", f"type={atype}", f"inter={actor.inter if actor else 0}", f"kt={m.kind}|{atype}",
             f"side={'after' if after else 'before'}", f"sidek={'after' if after else 'before'}|{m.kind}",
             "gap=" + _bucket(len(_words(gap)), (0, 1, 3, 6, 12)), f"rank={min(rank, 3)}",
             f"rule={rule_role}", f"rulek={rule_role}|{m.kind}", f"lam={a.text.startswith('ل')}",
             "where=" + ("clause" if s.start <= a.start < s.end else "before" if a.start < s.start else "after")]
    for i, w in enumerate(reversed(words[-2:]), 1):
        feats += [f"p{i}={w}", f"p{i}k={w}|{m.kind}", f"p{i}s={w}|{'after' if after else 'before'}"]
    if next_words:
        feats.append(f"n1={next_words[0]}")
    head = _words(doc.fold(a.start, a.end))[:1]
    if head:  # القاعدة الأميركية, مدمرة أميركية: a base or a ship is struck; an air force strikes
        feats += [f"head={head[0]}", f"headk={head[0]}|{m.kind}"]
    key = a.text.strip()
    if any(key and (key in att.speaker or att.speaker in key) for att in doc.attributions
           if att.span.start <= m.trigger.start < att.span.end):
        feats.append("speaker")
    if a.actor_id and m.place is not None and actor is not None and actor.country:
        feats.append(f"home={actor.country == m.place.country}")
    return feats


def count_features(doc: Document, m: EventMention, n: NumberMention, rule_class: str | None, same_clause: bool
                   ) -> list[str]:
    """What number ``n`` counts for the event of ``m``: the killed, the injured, the arrested ... of this
    event, or nothing (a tally over a war, the strength of a force, a number of things, another event's)."""
    v = n.value
    value = v.best if v.best is not None else v.low
    unit = (v.unit or "")
    before = _words(doc.fold(max(m.clause.span.start, n.start - 30), n.start))
    after = _words(doc.fold(n.end, min(len(doc.text), n.end + 25)))
    feats = ["bias", f"k={m.kind}", f"rule={rule_class}", f"rulek={rule_class}|{m.kind}",
             f"same_clause={same_clause}", "value=" + _bucket(value or 0, (1, 5, 20, 100, 1000, 10000)),
             f"vague={v.best is None}", f"range={v.low != v.high}",
             "side=" + ("after" if n.start >= m.trigger.end else "before")]
    if unit:
        folded_unit = doc.fold(n.number_end, n.end) or unit
        feats += [f"unit={folded_unit[:8]}", f"unit4={folded_unit[:4]}", f"unitk={folded_unit[:6]}|{m.kind}"]
    for i, w in enumerate(reversed(before[-3:]), 1):
        feats += [f"p{i}={w}", f"p{i}4={w[:4]}"]
    for i, w in enumerate(after[:2], 1):
        feats += [f"n{i}={w}", f"n{i}4={w[:4]}"]
    clause = m.clause.folded
    for name in ("tally", "history"):
        if _LEX[name].search(clause):
            feats.append(f"lex={name}")
    return feats


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
