"""Training the learned decisions (``rasd train events``) on the gold's train split, choosing on dev.

For every gold article the pipeline runs up to its rules' arguments, keeping every candidate (the mentions
the rules keep and those they set aside); the gold events' evidence sentences, aligned to the cleaned text,
say which candidates report which events. The labelled sentences of ``eval/gold/sentences.jsonl`` add
examples of reports and of sentences that only use an event's words. Each decision is a linear model over
hashed features (``rasd.learn``), fitted by ``rasd.tools.learn_linear`` with fixed settings; its threshold and
calibration are chosen on dev, and it is kept only where it beats the rules on dev. The blind test is never
read here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rasd.actors.kb import get_actor
from rasd.document import Document
from rasd.events.counts import classify
from rasd.events.mentions import ONE_SIDED, EventMention
from rasd.events.sides import FIGHTING
from rasd.lang.normalize import normalize_with_map
from rasd.learn import decide, sentence_net
from rasd.learn.decide import COUNT_CLASSES, NONE, ROLES, actor_options, count_options, place_options
from rasd.learn.features import (
    candidate_sentence,
    count_features,
    kind_features,
    place_features,
    role_features,
)
from rasd.learn.linear import LinearModel, hashed
from rasd.learn.sentence_net import ReportNet, net_features, sentence_vector
from rasd.model import Article
from rasd.pipeline import STEPS, Pipeline
from rasd.tools import scorer
from rasd.tools.learn_linear import fit, platt
from rasd.tools.learn_net import NET_SETTINGS, fit_net
from rasd.tools.paths import GOLD_DIR

DIMS = 1 << 18
KIND_SETTINGS = {"l2": 1e-3, "epochs": 100, "rate": 0.05}
PLACE_SETTINGS = {"l2": 1e-3, "epochs": 200, "rate": 0.05}
ROLE_SETTINGS = {"l2": 1e-3, "epochs": 200, "rate": 0.05}
COUNT_SETTINGS = {"l2": 1e-3, "epochs": 200, "rate": 0.05}
DROP_THRESHOLDS = (0.5, 0.6, 0.7, 0.8)
RESCUE_THRESHOLDS = (0.7, 0.9, 1.01)
#: How close to the best pair's dev F1 (about one dev event) a kind pair must be to count as a tie: of a tie, the
#: pair that takes back fewer set-aside mentions is taken (a mention the rules set aside is the likelier false one).
KIND_TIE = 0.002
#: The drops tried for a kind learned from few reports (``decide.RARE``), at or above the common drop.
RARE_DROPS = (0.6, 0.7, 0.8)
FLOORS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6)
#: How close to the best a floor's score must be to count as a tie (the higher floor of a tie is taken).
FLOOR_TIE = 0.001
PLACE_THRESHOLDS = (0.4, 0.5, 0.6, 0.7)
#: An attacker's usual adversary is learned from at least this many of its fights, at one of these shares
#: (strictest first: a tie keeps the stricter).
ADVERSARY_MIN_EVENTS = 5
ADVERSARY_SHARES = (0.8, 0.7, 0.6, 0.5)
#: The report network's answers for the kind decision's training come from this many folds (by article).
NET_FOLDS = 4
UNTIL_DECISIONS = Pipeline(tuple(s for s in STEPS[:[s.name for s in STEPS].index("decisions")]))


@dataclass(slots=True)
class GoldArticle:
    raw: dict
    article: Article
    gold: dict
    doc: Document | None = None
    spans: list[list[tuple[int, int]]] = field(default_factory=list)  # per gold event, in doc offsets


def read_split(split: str, gold_dir: Path = GOLD_DIR) -> list[GoldArticle]:
    """The articles of a split as ``rasd run`` reads and cleans them, with their gold lines."""
    return read_gold(gold_dir / f"events_{split}.jsonl", gold_dir / f"events_{split}_input.jsonl")


def read_gold(gold_path: Path, input_path: Path) -> list[GoldArticle]:
    from rasd.ingest.prepare import Prepared, prepare
    from rasd.ingest.readers import read_inputs
    from rasd.ingest.record import RawArticle

    gold = scorer.load(str(gold_path))
    raws = {json.loads(line)["id"]: json.loads(line) for line in open(input_path, encoding="utf-8")}
    out = []
    for raw in read_inputs([str(input_path)]):
        if isinstance(raw, RawArticle):
            ready = prepare(raw, with_signature=False)
            if isinstance(ready, Prepared) and ready.article.id in gold:
                out.append(GoldArticle(raws[ready.article.id], ready.article, gold[ready.article.id]))
    return out


def _skeleton(text: str) -> tuple[str, list[int]]:
    """The folded letters and digits of ``text`` with their offsets: what survives cleaning unchanged."""
    folded, offsets = normalize_with_map(text)
    keep = [(c, offsets[i]) for i, c in enumerate(folded) if c.isalnum()]
    return "".join(c for c, _ in keep), [o for _, o in keep]


def align(raw_text: str, spans: Iterable[dict], doc_text: str) -> list[tuple[int, int]]:
    """Gold evidence spans (offsets into the input text) as spans of the cleaned text the pipeline reads."""
    doc_skel, doc_pos = _skeleton(doc_text)
    out = []
    for span in spans:
        skel, _ = _skeleton(raw_text[span["start"]:span["end"]])
        if not skel:
            continue
        at = doc_skel.find(skel)
        length = len(skel)
        if at < 0 and len(skel) > 40:  # cleaning re-joined or cut something: its opening is enough
            at, length = doc_skel.find(skel[:40]), 40
        if at >= 0:
            out.append((doc_pos[at], doc_pos[at + length - 1] + 1))
    return out


def analyse(items: list[GoldArticle]) -> None:
    """Run the pipeline up to the decisions on each article and align its gold evidence."""
    for item in items:
        item.doc = UNTIL_DECISIONS.run(Document.of_article(item.article))
        item.spans = [align(item.raw["text"], e.get("evidence") or [], item.article.text)
                      for e in item.gold.get("events", [])]


def _overlaps(m: EventMention, spans: list[tuple[int, int]]) -> bool:
    s = m.clause.span
    return any(a < s.end and s.start < b for a, b in spans)


def candidates(doc: Document) -> list[EventMention]:
    return doc.mentions + doc.set_aside


def kind_label(m: EventMention, gold_kinds: list[str], optional_only: bool, clause_kinds: set[str]) -> str | None:
    """The kind decision's answer for one candidate: its own kind when a required gold event of that kind is
    in its clause; "none" when another candidate of the clause already has the gold kind, or when the clause
    has no event; the gold kind otherwise. None (no lesson) where only optional events are there."""
    if m.kind in gold_kinds:
        return m.kind
    if gold_kinds:
        return NONE if clause_kinds & set(gold_kinds) else gold_kinds[0]
    return None if optional_only else NONE


def article_kind_examples(items: list[GoldArticle], contexts: list[tuple[str, str, str]] | None = None
                          ) -> tuple[list[list[str]], list[str]]:
    """The kind decision's examples from the gold articles (``contexts``, when given, gets each example's
    article, folded sentence and candidate kind: what the report network reads)."""
    feats, labels = [], []
    for item in items:
        doc = item.doc
        assert doc is not None
        cands = candidates(doc)
        for m in cands:
            hits = [(e, sp) for e, sp in zip(item.gold.get("events", []), item.spans, strict=True)
                    if _overlaps(m, sp)]
            gold_kinds = [e["kind"] for e, _ in hits if not e.get("optional")]
            clause_kinds = {x.kind for x in cands if x is not m and x.clause.index == m.clause.index}
            label = kind_label(m, gold_kinds, bool(hits) and not gold_kinds, clause_kinds)
            if label is not None:
                feats.append(kind_features(doc, m))
                labels.append(label)
                if contexts is not None:
                    contexts.append((item.article.id, candidate_sentence(doc, m)[1], m.kind))
    return feats, labels


def sentence_kind_examples(split: str, gold_dir: Path = GOLD_DIR, keep: Callable[[dict], bool] | None = None,
                           contexts: list[tuple[str, str, str]] | None = None) -> tuple[list[list[str]], list[str]]:
    """Each labelled sentence read as a one-sentence article, its candidates labelled with its kinds."""
    feats, labels = [], []
    with open(gold_dir / "sentences.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["split"] != split or (keep is not None and not keep(row)):
                continue
            article = Article(id=row["id"], text=row["text"], published=row["source"].get("published"))
            doc = UNTIL_DECISIONS.run(Document.of_article(article))
            cands = candidates(doc)
            for m in cands:
                label = kind_label(m, list(row["kinds"]), False, {x.kind for x in cands if x is not m})
                feats.append(kind_features(doc, m))
                labels.append(label or NONE)
                if contexts is not None:
                    contexts.append((row["source"]["article"], candidate_sentence(doc, m)[1], m.kind))
    return feats, labels


def reporting(items: list[GoldArticle]) -> Iterator[tuple[Document, EventMention, list[dict]]]:
    """Each candidate that reports a required gold event of its own kind, with those events (the lessons of
    the place, role and count decisions come from these alone)."""
    for item in items:
        doc = item.doc
        assert doc is not None
        for m in candidates(doc):
            events = [e for e, sp in zip(item.gold.get("events", []), item.spans, strict=True)
                      if not e.get("optional") and e["kind"] == m.kind and _overlaps(m, sp)]
            if events:
                yield doc, m, events


def event_at(m: EventMention, events: list[dict]) -> dict:
    """Of the gold events a candidate reports, the one at its place (the first when none is)."""
    where = m.place.to_dict() if m.place else None
    return next((e for e in events if where and scorer.place_ok(e.get("location"), where, 50.0)), events[0])


def place_examples(items: list[GoldArticle]) -> tuple[list[list[str]], list[int]]:
    """For each candidate that reports a required gold event, each place its clause names: whether it is the
    place of a gold event of that kind that no earlier place of the clause already stands for (two towns the
    gold gives as alternatives of one event's place are one event, not two)."""
    feats, labels = [], []
    for doc, m, events in reporting(items):
        options = place_options(doc, m)
        if len(options) >= 2:
            claimed: set[int] = set()
            for i, p in enumerate(options):
                where = p.place.to_dict()
                found = [j for j, e in enumerate(events) if scorer.place_ok(e.get("location"), where, 50.0)]
                new = [j for j in found if j not in claimed]
                claimed.update(new[:1])
                feats.append(place_features(doc, m, options, i))
                labels.append(int(bool(new)))
    return feats, labels


def predict(items: list[GoldArticle]) -> dict[str, dict]:
    pipeline = Pipeline()
    return {item.article.id: pipeline(item.article).to_output() for item in items}


def event_scores(items: list[GoldArticle]) -> dict:
    return scorer.score({i.article.id: i.gold for i in items}, predict(items))


def data_hash(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _put(path: Path, write: Callable[[Path], None] | None, cached: Any) -> None:
    """Write a learned table with ``write`` (or, with None, remove it) where the pipeline reads it, and drop
    the pipeline's loaded copy (``cached``, an ``lru_cache``d loader)."""
    if write is None:
        path.unlink(missing_ok=True)
    else:
        write(path)
    cached.cache_clear()


def install(model: LinearModel | None, name: str) -> None:
    """Write (or, with None, remove) a decision's weights where the pipeline reads them."""
    _put(decide.MODELS / f"{name}.npz", model.save if model is not None else None, decide.model)


@dataclass(slots=True)
class Report:
    lines: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)


def role_examples(items: list[GoldArticle]) -> tuple[list[list[str]], list[int]]:
    """For each candidate that reports a required gold event of two sides, each known actor its clause names:
    the side the gold event puts it on (actor1, actor2) or none."""
    feats, labels = [], []
    for doc, m, events in reporting(items):
        options = actor_options(doc, m)
        if not options or m.kind in ONE_SIDED:
            continue
        event = event_at(m, events)
        rule = {r.id: r.role for r in m.actors if r.id}
        for i, a in enumerate(options):
            feats.append(role_features(doc, m, a, i, rule.get(a.actor_id)))
            labels.append(ROLES.index(_gold_role(event, a)))
    return feats, labels


def count_examples(items: list[GoldArticle]) -> tuple[list[list[str]], list[int]]:
    """For each candidate that reports a required gold event, each number of its clause (and the next): the
    count of that event it gives (the gold ``low..high`` holds it) or none."""
    feats, labels = [], []
    for doc, m, events in reporting(items):
        event = event_at(m, events)
        for n, same in count_options(doc, m):
            feats.append(count_features(doc, m, n, classify(n, doc, m.kind), same))
            labels.append(COUNT_CLASSES.index(_gold_count(event, n)))
    return feats, labels


def _gold_count(event: dict, n) -> str:
    value = n.value.best if n.value.best is not None else n.value.low
    if value is None:
        return "none"
    for cls, triple in (event.get("counts") or {}).items():
        if cls in COUNT_CLASSES and triple.get("low") is not None and triple["low"] <= value <= triple["high"]:
            return cls
    return "none"


def _gold_role(event: dict, a) -> str:
    actor = get_actor(a.actor_id) if a.actor_id else None
    names = [a.text] + ([actor.name_ar, actor.name_en, *actor.aliases_ar[:20]] if actor else [])
    for ga in event.get("actors") or []:
        aliases = scorer.as_list(ga.get("aliases")) + [ga.get("name"), ga.get("name_en")]
        if ga.get("role") in ("actor1", "actor2") and scorer.names_match(aliases, names):
            return ga["role"]
    return "none"


def seed_holds(seed: list[GoldArticle] | None, before: dict | None) -> bool:
    """The acceptance check every decision must pass: the canonical seed article keeps all its gold events,
    gains no event it does not report, and keeps as many right actors and counts as before (``before``: its
    scores without the decision)."""
    if not seed or before is None:
        return True
    after = event_scores(seed)

    def right(scores: dict) -> tuple[int, int]:
        args = scores["arguments"]
        return (sum(args.get(k, {}).get("correct", 0) for k in ("actor1", "actor2")),
                sum(v.get("correct", 0) for k, v in args.items() if k.startswith("count:")))

    return (after["events"]["recall"] >= before["events"]["recall"]
            and after["events"]["precision"] >= before["events"]["precision"] - 1e-9
            and all(a >= b for a, b in zip(right(after), right(before), strict=True)))


def _choose_kind(kinds: LinearModel, dev: list[GoldArticle], log: Report,
                 seed: list[GoldArticle] | None = None, sentences: Path | None = None) -> dict:
    """The kind decision's two thresholds (drop what the rules keep, take back what they set aside), chosen
    on dev event F1 among those that keep the seed whole (of a near tie, ``pick_kind_pair``); the model is kept
    only if some pair beats the rules."""
    install(None, "kind")
    baseline = event_scores(dev)["events"]["f1"]
    seed_before = event_scores(seed) if seed else None
    held: list[tuple[float, float, float]] = []
    for drop in DROP_THRESHOLDS:
        for rescue in RESCUE_THRESHOLDS:
            kinds.meta.update(drop=drop, rescue=rescue)
            install(kinds, "kind")
            f1 = event_scores(dev)["events"]["f1"]
            holds = seed_holds(seed, seed_before)
            log.say(f"  kind: drop at {drop:.2f}, take back at {rescue:.2f}: dev event F1 {f1:.3f}"
                    + ("" if holds else " (loses the seed's events)"))
            if holds and f1 > baseline + 1e-9:
                held.append((f1, drop, rescue))
    log.say(f"  without the kind decision: dev event F1 {baseline:.3f}")
    best = pick_kind_pair(held) or (baseline, None, None)
    if best[1] is None:
        install(None, "kind")
        return {"rules_f1": baseline, "f1": best[0], "drop": None, "rescue": None, "floor": None}
    kinds.meta.update(drop=best[1], rescue=best[2])
    rare_drop, f1 = _choose_rare_drop(kinds, dev, log, seed, seed_before)
    floor = _choose_floor(kinds, dev, log, f1, seed, seed_before, sentences)
    return {"rules_f1": baseline, "f1": floor[0], "drop": best[1], "rescue": best[2], "rare_drop": rare_drop,
            "floor": floor[1]}


def _choose_rare_drop(kinds: LinearModel, dev: list[GoldArticle], log: Report, seed: list[GoldArticle] | None,
                      seed_before: dict | None) -> tuple[float, float]:
    """The drop for a kind learned from few reports: the common drop or one of ``RARE_DROPS`` above it, chosen on dev
    event F1 among those that keep the seed whole, the lowest of a near tie (``KIND_TIE``: it drops the most
    mentions a handful of reports taught). The pair search ran at ``decide.RARE_DROP``, which always stands.
    Returns (rare drop, dev event F1); the model is installed with it."""
    drop = float(kinds.meta["drop"])
    held = []
    for rare in sorted({drop, *(r for r in RARE_DROPS if r > drop), decide.RARE_DROP}):
        kinds.meta["rare_drop"] = rare
        install(kinds, "kind")
        f1 = event_scores(dev)["events"]["f1"]
        holds = seed_holds(seed, seed_before)
        log.say(f"  kind: kinds learned from few reports dropped at {rare:.2f}: dev event F1 {f1:.3f}"
                + ("" if holds else " (loses the seed's events)"))
        if holds:
            held.append((f1, rare))
    f1, rare = pick_rare_drop(held)
    kinds.meta["rare_drop"] = rare
    install(kinds, "kind")
    return rare, f1


def pick_rare_drop(held: list[tuple[float, float]]) -> tuple[float, float]:
    """Of (dev F1, rare drop) pairs that keep the seed whole, the lowest drop within ``KIND_TIE`` of the best F1."""
    top = max(f for f, _ in held)
    return min((x for x in held if x[0] >= top - KIND_TIE), key=lambda x: x[1])


def pick_kind_pair(held: list[tuple[float, float, float]]) -> tuple[float, float, float] | None:
    """Of the (dev F1, drop, take-back) triples that keep the seed whole and beat the rules, the one to keep: within
    ``KIND_TIE`` of the best F1, the one that takes back the fewest set-aside mentions (the highest take-back
    threshold), then the best F1."""
    if not held:
        return None
    top = max(f for f, _, _ in held)
    return max((c for c in held if c[0] >= top - KIND_TIE), key=lambda c: (c[2], c[0]))


def sentence_f1(sentences: Path | None, split: str = "dev") -> float | None:
    """Event detection F1 over the split's labelled sentences: of the sentences that report an event, the share
    that yield one (recall); of those that yield one, the share that report one (precision)."""
    if sentences is None or not sentences.exists():
        return None
    from rasd.tools.eval_events import sentence_scores

    counts = sentence_scores(sentences, split)["counts"]
    found, flagged = counts["event"][0], counts["event"][0] + counts["hard_negative"][0] + counts["negative"][0]
    recall, precision = found / max(1, counts["event"][1]), found / max(1, flagged)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _choose_floor(kinds: LinearModel, dev: list[GoldArticle], log: Report, f1_without: float,
                  seed: list[GoldArticle] | None, seed_before: dict | None,
                  sentences: Path | None = None) -> tuple[float, float]:
    """The confidence below which an occurrence is left out (0: none is), chosen among the floors that keep
    the seed whole on the mean of dev event F1 and the event F1 over dev's labelled sentences (the articles
    alone move by an event or two between floors; the sentences hold most of dev's reports of nothing), the
    highest of those that tie with the best; installs the model with it. Returns (dev event F1, floor)."""
    kinds.meta["floor"] = 0.0
    install(kinds, "kind")
    without = sentence_f1(sentences)
    scored = [((f1_without + without) / 2 if without is not None else f1_without, f1_without, 0.0)]
    for floor in FLOORS:
        kinds.meta["floor"] = floor
        install(kinds, "kind")
        f1 = event_scores(dev)["events"]["f1"]
        on_sentences = sentence_f1(sentences)
        score = (f1 + on_sentences) / 2 if on_sentences is not None else f1
        holds = seed_holds(seed, seed_before)
        log.say(f"  kind: occurrences below {floor:.2f} left out: dev event F1 {f1:.3f}"
                + (f", dev sentences F1 {on_sentences:.3f}" if on_sentences is not None else "")
                + ("" if holds else " (loses the seed's events)"))
        if holds:
            scored.append((score, f1, floor))
    best = highest_of_ties(scored)
    kinds.meta["floor"] = best[2]
    install(kinds, "kind")
    return best[1], best[2]


def highest_of_ties(scored: list[tuple[float, float, float]], tie: float = FLOOR_TIE) -> tuple[float, float, float]:
    """Of (score, dev event F1, floor) triples, the highest floor whose score is within ``tie`` of the best:
    such floors are a tie at this gold's size (an event or two), and a false event is what a user sees first
    (nor does the choice flip between retrainings on a thousandth)."""
    top = max(score for score, _, _ in scored)
    return max((x for x in scored if x[0] >= top - tie), key=lambda x: x[2])


def _pooled_f1(*scores: dict) -> float:
    """Event F1 over several sets of articles at once, from their pairs, predictions and gold events."""
    tp, pred, gold = (sum(sc["events"][k] for sc in scores) for k in ("tp", "pred", "gold"))
    return scorer.prf(tp, pred, gold)["f1"]


def _choose(name: str, model: LinearModel, dev: list[GoldArticle], thresholds: Iterable[float],
            log: Report, seed: list[GoldArticle] | None = None, train: list[GoldArticle] | None = None
            ) -> tuple[float, float | None]:
    """Dev event F1 without the model and with it at each threshold that keeps the seed whole: (best F1,
    its threshold or None). With ``train``, thresholds are compared on the event F1 of dev and train pooled
    (dev alone moves by an event or two between neighbouring thresholds, and the choice flipped from one
    retraining to the next), and the best must not lose event F1 on the articles the model was fitted on: a
    decision that does worse than the rules where it learned has not learned it."""
    def scored() -> tuple[float, float, float | None]:  # dev F1, pooled F1, train F1
        on_dev = event_scores(dev)
        on_train = event_scores(train) if train else None
        return (on_dev["events"]["f1"], _pooled_f1(on_dev, on_train) if on_train else on_dev["events"]["f1"],
                on_train["events"]["f1"] if on_train else None)

    install(None, name)
    baseline, pooled_base, train_base = scored()
    seed_before = event_scores(seed) if seed else None
    best: tuple[float, float | None] = (baseline, None)
    best_score, best_train = pooled_base, train_base
    for threshold in thresholds:
        model.meta["threshold"] = threshold
        install(model, name)
        f1, score, on_train = scored()
        holds = seed_holds(seed, seed_before)
        log.say(f"  {name} at {threshold:.2f}: dev event F1 {f1:.3f}"
                + (f", dev and train pooled {score:.3f}" if train else "") + ("" if holds else " (loses the seed's events)"))
        if holds and score > best_score + 1e-9:
            best, best_score, best_train = (f1, threshold), score, on_train
    log.say(f"  without {name}: dev event F1 {baseline:.3f}" + (f", dev and train pooled {pooled_base:.3f}" if train else ""))
    if best[1] is not None and best_train is not None and train_base is not None:
        log.say(f"  {name} at {best[1]:.2f} on train: event F1 {best_train:.3f} (without: {train_base:.3f})")
        if best_train < train_base - 1e-9:
            best = (baseline, None)
    if best[1] is None:
        install(None, name)
    else:
        model.meta["threshold"] = best[1]
        install(model, name)
    return best


def train_decisions(train: list[GoldArticle], dev: list[GoldArticle], fraction: float, log: Report,
                    gold_dir: Path = GOLD_DIR, seed: list[GoldArticle] | None = None) -> dict:
    """Fit every decision on (a fraction of) train, choose threshold and calibration on dev, keep each only if
    dev event F1 beats the pipeline without it; return the dev figures."""
    picked = train[: max(1, round(len(train) * fraction))]
    source = data_hash([gold_dir / "events_train.jsonl", gold_dir / "events_train_input.jsonl",
                        gold_dir / "sentences.jsonl"])
    for name in ("kind", "places", "roles", "counts"):
        install(None, name)
    install_adversaries(None)
    install_net(None)
    result: dict = {"articles": len(picked), "rules_f1": event_scores(dev)["events"]["f1"]}
    # which candidates report events, and of which kind
    contexts: list[tuple[str, str, str]] = []
    f_art, y_art = article_kind_examples(picked, contexts)
    f_sen, y_sen = sentence_kind_examples("train", gold_dir, keep=lambda row: _article_share(row, fraction),
                                          contexts=contexts)
    labels = y_art + y_sen
    # what the sentence's words mean: the report network's out-of-fold answers are the kind decision's evidence
    oof, net = report_network(contexts, [y != NONE for y in labels], source)
    f_art, f_sen = ([f + net_features(p, kind) for f, p, (_, _, kind) in zip(part, probs, ctx, strict=True)]
                    for part, probs, ctx in ((f_art, oof[:len(f_art)], contexts[:len(f_art)]),
                                             (f_sen, oof[len(f_art):], contexts[len(f_art):])))
    log.say(f"report network: {len(labels)} candidate sentences, {NET_FOLDS} folds")
    classes = (NONE, *sorted({y for y in labels if y != NONE}))
    counts = {c: labels.count(c) for c in classes}
    weights = [min(5.0, len(labels) / (len(classes) * max(1, counts[c]))) for c in classes]
    meta = {"decision": "kind", "dims": DIMS, "settings": KIND_SETTINGS, "data": source, "articles": len(picked),
            "examples": len(labels), "reports": len(labels) - counts[NONE], "class_examples": counts}
    kinds = fit([hashed(f, DIMS) for f in f_art + f_sen], [classes.index(y) for y in labels], classes, DIMS,
                class_weight=weights, meta=meta, **KIND_SETTINGS)
    install_net(net)
    log.say(f"kind: {meta['examples']} examples ({meta['reports']} reports, {len(classes) - 1} kinds) "
            f"from {len(picked)} articles and the train sentences")
    f_dev, y_dev = article_kind_examples(dev)
    none_p = kinds.probabilities([hashed(f, DIMS) for f in f_dev])[:, 0]
    report = np.clip(1 - none_p, 1e-9, 1 - 1e-9)
    kinds.meta["platt"] = platt(np.log(report / (1 - report)), np.asarray([y != NONE for y in y_dev], float))
    result["kind"] = _choose_kind(kinds, dev, log, seed, gold_dir / "sentences.jsonl")
    # one event per place
    f_pl, y_pl = place_examples(picked)
    result["place_examples"] = len(y_pl)
    if y_pl and 0 < sum(y_pl) < len(y_pl):
        pmeta = {"decision": "places", "dims": DIMS, "settings": PLACE_SETTINGS, "data": source,
                 "examples": len(y_pl), "positives": int(sum(y_pl))}
        places = fit([hashed(f, DIMS) for f in f_pl], y_pl, ("no", "place"), DIMS, meta=pmeta, **PLACE_SETTINGS)
        log.say(f"places: {len(y_pl)} examples ({sum(y_pl)} places of events)")
        result["places_f1"], result["places_threshold"] = _choose("places", places, dev, PLACE_THRESHOLDS, log, seed,
                                                                     picked)
    # who acts and who is acted on
    f_ro, y_ro = role_examples(picked)
    result["role_examples"] = len(y_ro)
    rmeta = {"decision": "roles", "dims": DIMS, "settings": ROLE_SETTINGS, "data": source, "examples": len(y_ro)}
    roles = fit([hashed(f, DIMS) for f in f_ro], y_ro, ROLES, DIMS, meta=rmeta, **ROLE_SETTINGS)
    log.say(f"roles: {len(y_ro)} examples ({sum(1 for y in y_ro if y == 1)} actor1, "
            f"{sum(1 for y in y_ro if y == 2)} actor2)")
    result["roles"] = _choose_roles(roles, dev, log, seed)
    # which number counts what
    f_co, y_co = count_examples(picked)
    cmeta = {"decision": "counts", "dims": DIMS, "settings": COUNT_SETTINGS, "data": source, "examples": len(y_co)}
    counter = fit([hashed(f, DIMS) for f in f_co], y_co, COUNT_CLASSES, DIMS, meta=cmeta, **COUNT_SETTINGS)
    log.say(f"counts: {len(y_co)} examples ({sum(1 for y in y_co if y)} counts of their event)")
    result["counts"] = _choose_counts(counter, dev, log)
    # whom each attacker fights where the text does not say
    learned = adversary_table(picked)
    learned["meta"].update(data=source, articles=len(picked))
    log.say(f"adversaries: {len(learned['adversaries'])} attackers with a most frequent target in the train fights")
    result["adversaries"] = _choose_adversaries(learned, dev, log, seed)
    result["dev"] = event_scores(dev)
    return result


def report_network(contexts: list[tuple[str, str, str]], reports: list[bool], source: str
                   ) -> tuple[np.ndarray, ReportNet]:
    """The report network's answer for each example, from a network that never saw the example's article
    (``NET_FOLDS`` folds by article), and the network fitted on them all (the one the pipeline runs)."""
    x = np.stack([sentence_vector(text) for _, text, _ in contexts])
    y = np.asarray(reports, dtype=np.float64)
    folds = np.array([int(hashlib.sha1(article.encode()).hexdigest()[:8], 16) % NET_FOLDS
                      for article, _, _ in contexts])
    oof = np.zeros(len(y))
    for k in range(NET_FOLDS):
        held = folds == k
        if held.any():
            oof[held] = fit_net(x[~held], y[~held], **NET_SETTINGS).probabilities(x[held])
    meta = {"decision": "report_net", "data": source, "examples": len(y), "reports": int(y.sum()),
            "settings": NET_SETTINGS}
    return oof, fit_net(x, y, meta=meta, **NET_SETTINGS)


def install_net(net: ReportNet | None) -> None:
    """Write (or, with None, remove) the report network where the pipeline reads it."""
    _put(sentence_net.PATH, net.save if net is not None else None, sentence_net.report_net)


def gold_actor_id(actor: dict) -> str | None:
    """The knowledge base's id of a gold actor, from its English name (without ACLED's country suffix), its
    name or an alias (None when none resolves)."""
    from rasd.actors.resolve import resolve_actor

    english = (actor.get("name_en") or "").split(" (")[0]
    for name in (english, actor.get("name"), *scorer.as_list(actor.get("aliases"))):
        found = resolve_actor(name) if name else None
        if found is not None:
            return found.id
    return None


def adversary_table(items: list[GoldArticle]) -> dict:
    """For each attacker of the gold's fights, its most frequent known target: how many of its fights that
    name a target have that one (``share``) and how many such fights there are (``events``)."""
    targets: dict[str, dict[str, int]] = {}
    for item in items:
        for event in item.gold.get("events", []):
            if event.get("kind") not in FIGHTING:
                continue
            sides = {role: [gold_actor_id(a) for a in event.get("actors") or [] if a.get("role") == role]
                     for role in ("actor1", "actor2")}
            target = next((t for t in sides["actor2"] if t), None)
            for attacker in filter(None, sides["actor1"]):
                if target is not None and target != attacker:
                    row = targets.setdefault(attacker, {})
                    row[target] = row.get(target, 0) + 1
    out = {}
    for attacker, row in sorted(targets.items()):
        target, n = max(sorted(row.items()), key=lambda kv: kv[1])
        out[attacker] = {"target": target, "share": round(n / sum(row.values()), 4), "events": sum(row.values())}
    return {"meta": {"decision": "adversaries", "min_events": ADVERSARY_MIN_EVENTS, "min_share": None},
            "adversaries": out}


def install_adversaries(learned: dict | None) -> None:
    """Write (or, with None, remove) the adversary table where the pipeline reads it."""
    from rasd.learn import adversaries

    def write(path: Path) -> None:
        path.write_text(json.dumps(learned, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    _put(adversaries.PATH, write if learned is not None else None, adversaries.table)


def _choose_adversaries(learned: dict, dev: list[GoldArticle], log: Report,
                        seed: list[GoldArticle] | None = None) -> dict:
    """The share an attacker's most frequent target needs to be supplied, chosen on dev actor2 accuracy among
    those that keep the seed whole; the table is kept only if some share beats supplying none."""
    install_adversaries(None)
    before = event_scores(dev)["arguments"]["actor2"]
    seed_before = event_scores(seed) if seed else None
    best = (before["correct"], None)
    for share in ADVERSARY_SHARES:
        learned["meta"]["min_share"] = share
        install_adversaries(learned)
        after = event_scores(dev)["arguments"]["actor2"]
        holds = seed_holds(seed, seed_before)
        log.say(f"  adversaries at a share of {share:.2f}: dev actor2 {after['correct']}/{after['scored']}"
                + ("" if holds else " (loses the seed's events)"))
        if holds and after["correct"] > best[0]:
            best = (after["correct"], share)
    log.say(f"  without adversaries: dev actor2 {before['correct']}/{before['scored']}")
    if best[1] is None:
        install_adversaries(None)
    else:
        learned["meta"]["min_share"] = best[1]
        install_adversaries(learned)
    return {"before": before["correct"], "after": best[0], "min_share": best[1]}


def _choose_counts(counter: LinearModel, dev: list[GoldArticle], log: Report) -> dict:
    """Keep the count model if it beats the rules on dev count accuracy (all count kinds together)."""
    def correct(args: dict) -> tuple[int, int]:
        keys = [k for k in args if k.startswith("count:")]
        return sum(args[k]["correct"] for k in keys), sum(args[k]["scored"] for k in keys)

    install(None, "counts")
    before = correct(event_scores(dev)["arguments"])
    install(counter, "counts")
    after = correct(event_scores(dev)["arguments"])
    log.say(f"  counts: dev count accuracy {before[0]}/{before[1]} -> {after[0]}/{after[1]}")
    kept = after[0] / max(1, after[1]) > before[0] / max(1, before[1])
    if not kept:
        install(None, "counts")
    return {"before": before, "after": after, "kept": kept}


def _choose_roles(roles: LinearModel, dev: list[GoldArticle], log: Report,
                  seed: list[GoldArticle] | None = None) -> dict:
    """Keep the role model if it beats the rules on dev actor1 and actor2 accuracy together (and keeps the
    seed's actors)."""
    install(None, "roles")
    before = event_scores(dev)["arguments"]
    seed_before = event_scores(seed) if seed else None
    install(roles, "roles")
    after = event_scores(dev)["arguments"]
    gain = sum(after[k]["correct"] - before[k]["correct"] for k in ("actor1", "actor2") if k in after and k in before)
    if not seed_holds(seed, seed_before):
        log.say("  roles: loses the seed's actors")
        gain = 0
    log.say(f"  roles: dev actor1 {before['actor1']['accuracy']:.3f} -> {after['actor1']['accuracy']:.3f}, "
            f"actor2 {before['actor2']['accuracy']:.3f} -> {after['actor2']['accuracy']:.3f}")
    if gain <= 0:
        install(None, "roles")
    return {"before": {k: before[k]["accuracy"] for k in ("actor1", "actor2")},
            "after": {k: after[k]["accuracy"] for k in ("actor1", "actor2")}, "kept": gain > 0}


def _article_share(row: dict, fraction: float) -> bool:
    if fraction >= 1:
        return True
    digest = hashlib.sha1(row["source"]["article"].encode()).hexdigest()
    return int(digest[:8], 16) < fraction * 16**8
