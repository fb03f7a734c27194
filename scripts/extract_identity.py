"""Show that a refactoring keeps `rasd extract` byte-identical: every gold input and 2,000 corpus articles.

    python scripts/extract_identity.py record DIR    # before the change: write the outputs to DIR
    python scripts/extract_identity.py compare DIR   # after it: extract again, list every article that differs

The corpus articles are the first 2,000 in sha1 order of their ids, drawn from the three corpora in
../shared/data/corpus/ in equal thirds (any length), written to DIR/corpus_input.jsonl on `record` so that
`compare` reads exactly the same input.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

CORPORA = ("syria_war_unifiedfc", "almayadeen_2023_2024", "saudinewsnet_2015")
N = 2000


def corpus_sample(shared: Path, out: Path) -> None:
    per = -(-N // len(CORPORA))
    rows = []
    for name in CORPORA:
        with gzip.open(shared / "data/corpus" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            recs = [json.loads(line) for line in fh]
        recs.sort(key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())
        rows += recs[:per]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[:N]), encoding="utf-8")


def inputs(work: Path, shared: Path, record: bool) -> dict[str, Path]:
    """The inputs, copied into ``work`` on ``record`` so that ``compare`` reads the very same files even
    after the gold files change."""
    if not record:
        return {p.name.removesuffix(".in.jsonl"): p for p in sorted(work.glob("*.in.jsonl"))}
    files = {p.stem: p for p in sorted(Path("eval/gold").glob("events_*_input.jsonl"))}
    files["seed"] = shared / "seed/article.jsonl"
    files["corpus"] = work / "corpus_input.jsonl"
    out = {}
    for name, src in files.items():
        out[name] = work / f"{name}.in.jsonl"
        shutil.copyfile(src, out[name])
    return out


def extract(src: Path, dst: Path) -> None:
    rasd = Path(sys.executable).with_name("rasd")
    subprocess.run([str(rasd), "extract", str(src), "-o", str(dst), "--engine", "process"], check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["record", "compare"])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--shared", default="../shared", type=Path)
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    if args.mode == "record":
        corpus_sample(args.shared, args.dir / "corpus_input.jsonl")
    differing = 0
    for name, src in inputs(args.dir, args.shared, args.mode == "record").items():
        base = args.dir / f"{name}.out.jsonl"
        if args.mode == "record":
            extract(src, base)
            print(f"{name}: recorded {sum(1 for _ in open(base, encoding='utf-8'))} articles")
            continue
        new = args.dir / f"{name}.new.jsonl"
        extract(src, new)
        old_lines = base.read_bytes().splitlines()
        new_lines = new.read_bytes().splitlines()
        diff = [json.loads(b)["id"] for a, b in zip(old_lines, new_lines, strict=False) if a != b]
        if len(old_lines) != len(new_lines):
            diff.append(f"<{len(old_lines)} lines before, {len(new_lines)} after>")
        differing += len(diff)
        print(f"{name}: {len(new_lines)} articles, {len(diff)} differ" + (f": {diff[:10]}" if diff else ""))
    if args.mode == "compare":
        print("identical" if not differing else f"{differing} articles differ")
        sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
