"""The layout keeps its promises: rules live in data files, the runtime stands apart from the tooling,
and nothing the package runs reaches outside it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "rasd"
#: The one module allowed to write Arabic into a regular expression (it compiles the lexicon files).
LOADER = PACKAGE / "lexicon.py"
ARABIC_LETTER = re.compile("[\u0621-\u063f\u0641-\u064a]")  # letters, not the tatweel (a mark)
REGEX_SYNTAX = re.compile(r"\(\?|\[|\||\\s|\\b|\$$")
REGEX_CALLS = frozenset({"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"})


def runtime_modules() -> list[Path]:
    """Every module of the package the pipeline, the store, the server or the CLI may run, tools excluded."""
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "tools" not in p.relative_to(PACKAGE).parts]


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def arabic_regex_literals(path: Path) -> list[str]:
    """``file:line`` of each regex written with Arabic letters: a literal handed to ``re``/``regex``, or a
    module constant with Arabic letters that later becomes (part of) a pattern."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in REGEX_CALLS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in ("re", "regex"):
            if any(ARABIC_LETTER.search(s) for arg in node.args[:1] for s in _strings(arg)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    for node in tree.body:  # letter classes and pattern pieces kept in constants
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            for s in _strings(node.value):
                if ARABIC_LETTER.search(s) and REGEX_SYNTAX.search(s):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                    break
    return sorted(set(found))


def test_no_arabic_regex_outside_the_lexicon_loader():
    offenders = [hit for p in runtime_modules() if p != LOADER for hit in arabic_regex_literals(p)]
    assert offenders == [], "Arabic patterns belong in rasd/data/lexicon/*.yaml:\n" + "\n".join(offenders)


def test_the_checker_sees_an_arabic_regex(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('import re\nX = re.compile("قتل|مقتل")\nY = "(?:علي|ضد)"\nZ = "plain"\n', encoding="utf-8")
    (tmp_path / "rasd").mkdir()
    assert len(arabic_regex_literals_at(bad, tmp_path)) == 2


def arabic_regex_literals_at(path: Path, root: Path) -> list[str]:
    global ROOT
    saved, ROOT = ROOT, root
    try:
        return arabic_regex_literals(path)
    finally:
        ROOT = saved


def test_runtime_does_not_import_the_tools():
    offenders = []
    for path in runtime_modules():
        if path.parent.name == "cli":  # the command line registers the tools' commands
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if any(n == "rasd.tools" or n.startswith("rasd.tools.") for n in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_runtime_does_not_reach_outside_the_package():
    offenders = [f"{p.relative_to(ROOT)}" for p in runtime_modules() if p.parent.name != "cli"
                 for s in _strings(ast.parse(p.read_text(encoding="utf-8")))
                 if "shared/data" in s or '"shared"' in s or s == "shared"]
    assert offenders == []
