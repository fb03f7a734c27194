"""An alert selects canonical events with the same filters as ``rasd query`` and the API: any name of a
country or an admin area, in Arabic or in English, selects the same events."""

from __future__ import annotations

from pathlib import Path

import duckdb

from rasd.watch.alerts import AlertSpec
from tests.conftest import SAMPLE, run_rasd


def _selected(db: Path, spec: AlertSpec) -> list[str]:
    where, params = spec.where()
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(r[0] for r in con.execute(f"SELECT c.id FROM canonical_events c WHERE {where}", params).fetchall())
    finally:
        con.close()


def test_an_alert_area_in_either_language_selects_the_same_events(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    assert run_rasd("run", str(SAMPLE / "seed.jsonl"), "--db", str(db)).returncode == 0
    english = _selected(db, AlertSpec(webhook="http://127.0.0.1:9/hook", kinds=[], country="SY", admin1="Deir ez-Zor"))
    assert english, "the seed's events in Deir ez-Zor were stored"
    assert _selected(db, AlertSpec(webhook="http://127.0.0.1:9/hook", kinds=[], country="sy", admin1="دير الزور")) == english
    assert _selected(db, AlertSpec(webhook="http://127.0.0.1:9/hook", kinds=[], country="SY", admin1="Raqqa")) != english
