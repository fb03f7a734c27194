#!/usr/bin/env python3
# Vendored unchanged from ../shared/eval/score.py (the project's reference scorer) so that `rasd eval events`
# scores exactly as the reference does; tests/events checks the two agree on the same files.
"""Score event extraction against gold annotations (format: FORMAT.md beside this file).

Usage: score.py GOLD.jsonl PRED.jsonl [--json] [--km 50]

Standard library only, so it runs anywhere. Events are matched one-to-one inside each
article: a pair needs the same `kind`; among candidates the pair that agrees best on place,
date and actors wins. Arguments are then scored on the matched pairs only.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from datetime import date

DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def norm(text: str | None) -> str:
    """Fold an Arabic or Latin name so that spelling variants compare equal."""
    if not text:
        return ""
    t = unicodedata.normalize("NFKC", str(text)).lower()
    t = DIACRITICS.sub("", t).translate(FOLD)
    t = PUNCT.sub(" ", t.replace("_", " "))
    words = []
    for w in t.split():
        if w.startswith("ال") and len(w) > 3:
            w = w[2:]
        words.append(w)
    return " ".join(words)


def names_match(gold_aliases: list[str], pred_names: list[str]) -> bool:
    for g in filter(None, map(norm, gold_aliases)):
        for p in filter(None, map(norm, pred_names)):
            if g == p:
                return True
            gs, ps = f" {g} ", f" {p} "
            if (gs in ps or ps in gs) and min(len(g), len(p)) >= 3:
                return True
    return False


ACLED_TYPE = {
    "armed_clash": "Battles", "territory_gain_government": "Battles", "territory_gain_nonstate": "Battles",
    "airstrike": "Explosions/Remote violence", "shelling": "Explosions/Remote violence",
    "explosive_device": "Explosions/Remote violence", "suicide_bombing": "Explosions/Remote violence",
    "chemical_attack": "Explosions/Remote violence", "grenade": "Explosions/Remote violence",
    "attack_on_civilians": "Violence against civilians", "abduction": "Violence against civilians",
    "sexual_violence": "Violence against civilians",
    "protest": "Protests", "protest_intervention": "Protests", "protest_excessive_force": "Protests",
    "riot": "Riots", "mob_violence": "Riots",
}


def acled_type(ev: dict) -> str:
    """The ACLED event type follows from the kind; every other kind is a strategic development."""
    return ACLED_TYPE.get(ev.get("kind"), "Strategic developments")


def km(a: dict, b: dict) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def as_list(x) -> list:
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


def place_ok(gold_loc, pred_loc, limit_km: float) -> bool | None:
    """True/False when gold names a place; None when gold leaves the place open."""
    golds = [g for g in as_list(gold_loc) if g]
    if not golds:
        return None
    for p in as_list(pred_loc):
        if not p:
            continue
        for g in golds:
            if g.get("country") and "lat" not in g and not g.get("name"):
                if str(p.get("country", "")).upper() == str(g["country"]).upper():
                    return True
                continue
            if g.get("geonameid") and p.get("geonameid") and int(g["geonameid"]) == int(p["geonameid"]):
                return True
            if all(isinstance(d.get(k), (int, float)) for d in (g, p) for k in ("lat", "lon")):
                if km(g, p) <= limit_km:
                    return True
            elif names_match(as_list(g.get("aliases")) + [g.get("name"), g.get("name_en")], [p.get("name"), p.get("name_en")]):
                return True
    return False


def parse_day(s) -> date | None:
    try:
        return date.fromisoformat(str(s)[:10]) if s else None
    except ValueError:
        return None


def date_ok(gold_d, pred_d) -> bool | None:
    g0, g1 = parse_day((gold_d or {}).get("start")), parse_day((gold_d or {}).get("end"))
    if not g0:
        return None
    g1 = g1 or g0
    p0 = parse_day((pred_d or {}).get("start"))
    p1 = parse_day((pred_d or {}).get("end")) or p0
    if not p0:
        return False
    return p0 <= g1 and p1 >= g0


def pred_actor_names(actor: dict) -> list[str]:
    # aliases too, so that one annotation can be scored against another (agreement between coders)
    return [actor.get(k) for k in ("name", "name_en", "name_ar", "id", "canonical") if actor.get(k)] + as_list(actor.get("aliases"))


def actor_ok(gold_ev: dict, pred_ev: dict, role: str) -> bool | None:
    golds = [a for a in gold_ev.get("actors", []) if a.get("role") == role]
    if not golds:
        return None
    preds = [a for a in pred_ev.get("actors", []) or [] if a.get("role") == role]
    return any(names_match(as_list(g.get("aliases")) + [g.get("name")], pred_actor_names(p)) for g in golds for p in preds)


def count_ok(gold_ev: dict, pred_ev: dict, what: str) -> bool | None:
    g = (gold_ev.get("counts") or {}).get(what)
    if not g:
        return None
    p = ((pred_ev.get("counts") or {}).get(what)) or {}
    best = p.get("best")
    if best is None:
        return False
    lo, hi = g.get("low", g.get("best")), g.get("high", g.get("best"))
    return lo is not None and hi is not None and lo <= best <= hi


def sources_score(gold_ev: dict, pred_ev: dict) -> tuple[int, int, int]:
    """(gold speakers found, gold speakers, of those found the ones with the right stance)."""
    found = right = 0
    golds = [s for s in gold_ev.get("sources", []) if s.get("speaker")]
    preds = pred_ev.get("sources", []) or []
    for g in golds:
        aliases = as_list(g.get("aliases")) + [g["speaker"]]
        hit = [p for p in preds if names_match(aliases, [p.get("speaker"), p.get("speaker_en")] + as_list(p.get("aliases")))]
        if hit:
            found += 1
            right += any(p.get("stance") == g.get("stance") for p in hit)
    return found, len(golds), right


def pair_score(g: dict, p: dict, limit_km: float) -> float:
    s = 1.0
    for ok in (place_ok(g.get("location"), p.get("location"), limit_km), date_ok(g.get("date"), p.get("date")),
               actor_ok(g, p, "actor1"), actor_ok(g, p, "actor2")):
        s += 1.0 if ok else 0.0
    return s


def match(golds: list[dict], preds: list[dict], limit_km: float) -> list[tuple[dict, dict]]:
    """Required gold events take their predictions first; optional ones take what is left."""
    used_g, used_p, pairs = set(), set(), []
    for want_optional in (False, True):
        cands = [(pair_score(g, p, limit_km), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)
                 if bool(g.get("optional")) == want_optional and g.get("kind") == p.get("kind")]
        cands.sort(key=lambda c: -c[0])
        for _, gi, pi in cands:
            if gi not in used_g and pi not in used_p:
                used_g.add(gi), used_p.add(pi)
                pairs.append((golds[gi], preds[pi]))
    return pairs


def load(path: str) -> dict[str, dict]:
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    sys.exit(f"{path}:{n}: not JSON: {e}")
                out[str(rec["id"])] = rec
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "pred": n_pred, "gold": n_gold}


def score(gold: dict[str, dict], pred: dict[str, dict], limit_km: float = 50.0) -> dict:
    tp = n_pred = n_gold = full = 0
    coarse_tp = 0
    args: dict[str, list[int]] = {}
    src = [0, 0, 0]
    missing = []

    def tally(name: str, ok: bool | None) -> None:
        if ok is not None:
            a = args.setdefault(name, [0, 0])
            a[0] += bool(ok)
            a[1] += 1

    for doc_id, g in gold.items():
        if doc_id not in pred:
            missing.append(doc_id)
        gevs = [e for e in g.get("events", []) if e.get("kind")]
        pevs = [e for e in (pred.get(doc_id) or {}).get("events", []) or [] if e.get("kind")]
        # An optional gold event is one that careful coders could code or leave out: matching it
        # earns nothing, and the prediction that matches it is not counted against precision.
        pairs = match(gevs, pevs, limit_km)
        optional = [(ge, pe) for ge, pe in pairs if ge.get("optional")]
        pairs = [(ge, pe) for ge, pe in pairs if not ge.get("optional")]
        n_gold += sum(1 for e in gevs if not e.get("optional"))
        n_pred += len(pevs) - len(optional)
        tp += len(pairs)
        coarse = {}
        for e in (e for e in gevs if not e.get("optional")):
            coarse[acled_type(e)] = coarse.get(acled_type(e), 0) + 1
        skip = {id(pe) for _, pe in optional}
        for e in (e for e in pevs if id(e) not in skip):
            k = acled_type(e)
            if coarse.get(k, 0) > 0:
                coarse[k] -= 1
                coarse_tp += 1
        for ge, pe in pairs:
            checks = {
                "location": place_ok(ge.get("location"), pe.get("location"), limit_km),
                "date": date_ok(ge.get("date"), pe.get("date")),
                "actor1": actor_ok(ge, pe, "actor1"),
                "actor2": actor_ok(ge, pe, "actor2"),
            }
            for what in (ge.get("counts") or {}):
                checks[f"count:{what}"] = count_ok(ge, pe, what)
            for k in ("genericity", "polarity", "certainty"):
                if ge.get(k):
                    checks[k] = pe.get(k, {"genericity": "specific", "polarity": "asserted",
                                           "certainty": "certain"}[k]) == ge[k]
            for name, ok in checks.items():
                tally(name, ok)
            f, n, r = sources_score(ge, pe)
            src[0] += f
            src[1] += n
            src[2] += r
            if all(ok is not False for ok in checks.values()) and f == n:
                full += 1
    return {
        "articles": len(gold), "articles_missing_in_pred": len(missing),
        "events": prf(tp, n_pred, n_gold),
        "events_acled_type": prf(coarse_tp, n_pred, n_gold),
        "events_full_record": prf(full, n_pred, n_gold),
        "arguments": {k: {"correct": v[0], "scored": v[1], "accuracy": round(v[0] / v[1], 4)} for k, v in sorted(args.items())},
        "sources": {"speakers_found": src[0], "speakers_gold": src[1],
                    "recall": round(src[0] / src[1], 4) if src[1] else None,
                    "stance_accuracy": round(src[2] / src[0], 4) if src[0] else None},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    ap.add_argument("--km", type=float, default=50.0, help="distance within which two places agree")
    a = ap.parse_args()
    res = score(load(a.gold), load(a.pred), a.km)
    if a.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return
    for key in ("events", "events_acled_type", "events_full_record"):
        r = res[key]
        print(f"{key:20s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} (tp={r['tp']} pred={r['pred']} gold={r['gold']})")
    for k, v in res["arguments"].items():
        print(f"  arg {k:18s} {v['accuracy']:.3f} ({v['correct']}/{v['scored']})")
    s = res["sources"]
    print(f"  sources: speaker recall={s['recall']} stance accuracy={s['stance_accuracy']}")
    if res["articles_missing_in_pred"]:
        print(f"  {res['articles_missing_in_pred']} gold articles have no prediction")


if __name__ == "__main__":
    main()
