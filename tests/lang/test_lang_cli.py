"""The language-layer commands print the JSON shapes the issue specifies."""

from __future__ import annotations

import json

from click.testing import CliRunner

from rasd.cli import cli


def run(*args: str) -> object:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_parse_number() -> None:
    assert run("parse-number", "مما أدى إلى مقتل اثنين وعشرين عنصراً") == {
        "low": 22, "best": 22, "high": 22, "unit": "عنصر"}
    assert run("parse-number", "كما قصفت اللواء 105 حرس جمهوري") is None


def test_parse_date() -> None:
    assert run("parse-date", "ذكرت الخميس الماضي", "--published", "2021-03-01") == {
        "start": "2021-02-25", "end": "2021-02-25", "precision": "day"}
    assert run("parse-date", "لا تاريخ هنا", "--published", "2021-03-01") is None


def test_digit_runs_beyond_any_count_or_year_are_no_number_and_no_traceback() -> None:
    for digits in (309, 4301, 6000):
        run_ = "9" * digits
        assert run("parse-number", run_) is None
        assert run("parse-number", f"مقتل {run_} شخصاً") is None
        assert run("parse-date", f"في عام {run_}", "--published", "2021-03-01") is None
        assert run("parse-date", f"{run_}/2/2021", "--published", "2021-03-01") is None
    assert run("parse-number", "مقتل 12 شخصاً")["best"] == 12  # ordinary counts are unchanged


def test_eval_dates_json(shared_dir) -> None:
    out = run("eval", "dates", "--json", "--data", str(shared_dir / "data" / "time" / "timeml_ar"))
    assert set(out) >= {"value_accuracy", "detection", "end_to_end_accuracy", "errors"}
    assert out["detection"]["gold"] == out["gold_calendar_dates"]
