"""``rasd query events``, ``rasd ledger`` and ``rasd aggregate``: canonical events from the command line."""

from __future__ import annotations

import sys
from contextlib import contextmanager

import click

FORMATS = click.Choice(["table", "json", "csv"])


def filter_options(limit: bool = True, fmt: bool = True):
    """The filters of ``query events``, ``ledger`` and ``export`` (the same ones the HTTP API takes)."""
    def deco(f):
        opts = [
            click.option("--kind", "kinds", multiple=True, help="Event kind (repeatable), e.g. defection."),
            click.option("--actor", default=None, help="Actor id or a name substring (Arabic or English)."),
            click.option("--place", default=None,
                         help="GeoNames id, or (part of) any name of the place, its admin2, admin1 or country."),
            click.option("--country", default=None, help="Country: ISO code (SY, SYR) or any name (Syria, سوريا)."),
            click.option("--admin1", default=None, help="Admin1 area (province) by any of its names."),
            click.option("--admin2", default=None, help="Admin2 area (district) by any of its names."),
            click.option("--since", default=None, help="Events on or after YYYY-MM-DD."),
            click.option("--until", default=None, help="Events on or before YYYY-MM-DD."),
            click.option("--outlet", "outlets", multiple=True,
                         help="Only events reported by this outlet (repeatable)."),
            click.option("--contested/--uncontested", default=None, help="Only contested (or uncontested) events."),
            click.option("--grade", "grades", multiple=True,
                         help="Only these grades (repeatable): confirmed, fair, weak, contested, discounted."),
            click.option("--include-negated", is_flag=True,
                         help="Also events that every report says did not happen."),
            click.option("--min-confidence", default=None, metavar="X",
                         help="Only events whose confidence (0-1: the highest of their reports'; each "
                              "report's own in `export --level report`) is at least X; events without one are "
                              "left out."),
        ]
        if limit:
            opts.append(click.option("--limit", default=50, show_default=True, type=click.IntRange(0, 1000),
                                     help="Events listed (no effect on --group-by)."))
        if fmt:
            opts.append(click.option("--format", "fmt", type=FORMATS, default="table", show_default=True))
        opts.append(click.option("--db", default="rasd.duckdb", show_default=True, help="DuckDB database file."))
        for opt in reversed(opts):
            f = opt(f)
        return f
    return deco


_FILTER_KEYS = ("kinds", "actor", "place", "country", "admin1", "admin2", "since", "until", "outlets", "contested",
                "grades", "include_negated", "min_confidence")


def parse_filters(raw: dict):
    """EventFilters from the options (a one-line error and exit 2 on a bad value)."""
    from rasd.aggregate.filters import EventFilters, FilterError
    from rasd.cli._ui import report_problem

    try:
        return EventFilters.parse(**{k: list(v) if isinstance(v, tuple) else v
                                     for k, v in raw.items() if k in _FILTER_KEYS})
    except FilterError as e:
        report_problem(str(e))
        sys.exit(2)


@contextmanager
def open_db(db: str):
    """A read-only connection for one command (canonical events rebuilt first when they are stale)."""
    from rasd.aggregate.build import ensure_canonical
    from rasd.cli._ui import report_problem
    from rasd.store.connection import Database, StoreError

    database = Database(db)
    try:
        ensure_canonical(database)
        with database.read() as con:
            yield con
    except StoreError as e:
        report_problem(str(e))
        sys.exit(2)


def _json(obj) -> None:
    import orjson

    sys.stdout.buffer.write(orjson.dumps(obj, option=orjson.OPT_INDENT_2) + b"\n")


def _csv(rows: list[dict]) -> None:
    import csv

    if not rows:
        return
    w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)


def _place(ev: dict) -> str:
    loc = ev.get("location") or {}
    return loc.get("name") or loc.get("name_en") or loc.get("country") or ""


def _actors(ev: dict, role: str) -> str:
    return "، ".join(a.get("name") or a.get("name_en") or "" for a in ev["actors"] if a.get("role") == role)


def _counts(ev: dict) -> str:
    parts = []
    for what, c in ev["counts"].items():
        lo, best, hi = c.get("low"), c.get("best"), c.get("high")
        rng = f"{best}" if lo == hi == best else f"{best if best is not None else '?'} ({lo}–{hi})"
        parts.append(f"{what} {rng}")
    return "; ".join(parts)


def _date(ev: dict) -> str:
    d = ev.get("date") or {}
    s, e = d.get("start"), d.get("end")
    if d.get("precision") == "month" and s and e and s[:7] == e[:7]:
        return s[:7]
    if d.get("precision") == "year" and s and e and s[:4] == e[:4]:
        return s[:4]
    return s or "" if s == e or not e else f"{s}…{e}"


def _confidence(ev: dict) -> str:
    """The confidence as two decimals, or a dash for an event only the rules found."""
    return "—" if ev.get("confidence") is None else f"{ev['confidence']:.2f}"


def _flat(ev: dict) -> dict:
    return {"id": ev["id"], "kind": ev["kind"], "date_start": ev["date"]["start"], "date_end": ev["date"]["end"],
            "date_precision": ev["date"]["precision"], "place": _place(ev),
            "place_en": (ev.get("location") or {}).get("name_en"), "actor1": _actors(ev, "actor1"),
            "actor2": _actors(ev, "actor2"), "counts": _counts(ev),
            "fatalities": (ev["counts"].get("fatalities") or {}).get("best"),
            "defectors": (ev["counts"].get("defectors") or {}).get("best"), "polarity": ev["polarity"],
            "genericity": ev["genericity"], "contested": ev["contested"],
            "contested_reasons": ",".join(ev["contested_reasons"]), "grade": ev["grade"],
            "confidence": ev["confidence"], "precision": ev["precision"], "admin1": (ev.get("location") or {}).get("admin1"),
            "country": (ev.get("location") or {}).get("country"), "n_reports": ev["n_reports"],
            "n_articles": ev["n_articles"], "n_outlets": ev["n_outlets"], "n_sources": ev["n_sources"]}


@click.group("query")
def query_group() -> None:
    """Canonical events (one per occurrence, merged across articles)."""


@query_group.command("events")
@filter_options()
@click.option("--group-by", type=click.Choice(["month", "week", "place", "actor", "kind", "country", "admin1",
                                               "admin2", "grade"]), default=None,
              help="Counts of events, fatalities and defectors per group instead of the list.")
def query_events(limit, fmt, db, group_by, **raw) -> None:
    """List canonical events, or count them per month, week, place, actor, kind, country, admin1/2, grade."""
    from rich.table import Table

    from rasd.aggregate import query
    from rasd.cli._ui import out

    f = parse_filters(raw)
    with open_db(db) as con:
        if group_by:
            rows = query.group_counts(con, f, group_by)
            if fmt == "json":
                _json({"group_by": group_by, "groups": rows})
            elif fmt == "csv":
                _csv(rows)
            else:
                t = Table(title=f"canonical events by {group_by}", title_justify="left")
                extra = [k for k in ("group_en", "group_ar", "role", "country", "admin1") if any(r.get(k) for r in rows)]
                for col in [group_by, *extra, "events", "fatalities", "defectors"]:
                    t.add_column(col, justify="right" if col in ("events", "fatalities", "defectors") else "left")
                for r in rows:
                    t.add_row(str(r["group"]), *[str(r.get(k) or "") for k in extra],
                              f"{r['events']:,}", f"{r['fatalities']:,}", f"{r['defectors']:,}")
                t.caption = (f"{sum(r['events'] for r in rows):,} events in {len(rows)} groups"
                             if group_by != "actor" else "an event counts once per actor and role")
                out.print(t)
            return
        page = query.list_events(con, f, limit=limit, offset=0, sort="-date")
    if fmt == "json":
        _json(page)
    elif fmt == "csv":
        _csv([_flat(e) for e in page["events"]])
    else:
        t = Table(title=f"canonical events ({len(page['events'])} of {page['total']:,})", title_justify="left")
        t.add_column("date", no_wrap=True)
        t.add_column("kind", no_wrap=True)
        for col in ("place", "actors (actor1 → actor2)", "counts", "reports/outlets", "grade"):
            t.add_column(col)
        t.add_column("confidence", justify="right")
        t.add_column("contested")
        t.add_column("id", no_wrap=True)
        for e in page["events"]:
            a1, a2 = _actors(e, "actor1"), _actors(e, "actor2")
            t.add_row(_date(e), e["kind"], _place(e), f"{a1} → {a2}" if a2 else a1, _counts(e),
                      f"{e['n_reports']}/{e['n_outlets']}", e["grade"], _confidence(e),
                      ", ".join(e["contested_reasons"]), e["id"])
        out.print(t)


def _why(d: dict) -> str:
    """One contested reason with who or what: the reader sees why."""
    if d["reason"] in ("denied", "downplayed"):
        who = d.get("speaker") or d.get("organization") or "a source"
        return f"{d['reason']} by {who}" + (f" ({d['outlet']})" if d.get("outlet") else "")
    if d["reason"] == "negated_report":
        return f"report {d.get('event_id')} says it did not happen"
    if d["reason"] == "counts_differ":
        return f"{d.get('what')} reported as {', '.join(str(b) for b in d.get('bests') or [])}"
    return d["reason"]


def _voice(s: dict) -> str:
    who = s.get("speaker") or s.get("organization") or s.get("outlet") or "(the article itself, unattributed)"
    extra = ", ".join(x for x in (s.get("role"), s.get("organization")) if x and x != who)
    quote = (s.get("quote") or "").strip()
    if len(quote) > 240:
        quote = quote[:239] + "…"
    where = " ".join(x for x in (s.get("outlet"), s.get("published")) if x)
    return f"[bold]{who}[/bold]" + (f" ({extra})" if extra else "") + f" [{s['stance']}] {where}\n«{quote}»"


@click.command("ledger")
@filter_options()
def ledger_command(limit, fmt, db, **raw) -> None:
    """For each canonical event, its sources and stances: confirming and disputing side by side."""
    from rich.markup import escape
    from rich.table import Table

    from rasd.aggregate import query
    from rasd.cli._ui import out

    f = parse_filters(raw)
    with open_db(db) as con:
        page = query.ledger(con, f, limit=limit)
    if fmt == "json":
        _json(page)
        return
    if fmt == "csv":
        _csv([{**{k: v for k, v in _flat(e).items()
                  if k in ("id", "kind", "date_start", "place", "contested", "confidence")},
               **{k: s.get(k) for k in ("stance", "speaker", "role", "organization", "outlet", "published",
                                        "article_id", "quote")}}
              for e in page["events"] for s in e["sources"]])
        return
    for e in page["events"]:
        head = f"{_date(e)}  {e['kind']}  {_place(e)}  {_counts(e)}  ({e['n_reports']} reports, {e['id']})"
        head += f"  grade: {e['grade']} ({e['grade_reason']})  confidence: {_confidence(e)}"
        if e["contested"]:
            head += f"  CONTESTED: {'; '.join(_why(d) for d in e['contested_detail'])}"
        t = Table(title=escape(head), title_justify="left", show_lines=True, expand=True)
        t.add_column("confirms / reports", ratio=1)
        t.add_column("downplays / denies", ratio=1)
        pro = [s for s in e["sources"] if s["stance"] in ("confirms", "reports")]
        con = [s for s in e["sources"] if s["stance"] in ("downplays", "denies")]
        for i in range(max(len(pro), len(con), 1)):
            cells = []
            for side in (pro, con):
                if i < len(side):
                    s = {k: escape(v) if isinstance(v, str) else v for k, v in side[i].items()}
                    cells.append(_voice(s))
                else:
                    cells.append("")
            t.add_row(*cells)
        out.print(t)
    out.print(f"{len(page['events'])} of {page['total']:,} canonical events")


@click.command("aggregate")
@click.option("--db", default="rasd.duckdb", show_default=True, help="DuckDB database file.")
def aggregate_command(db) -> None:
    """Rebuild the canonical events (cross-article merging) from the stored events."""
    from rasd.aggregate.build import rebuild_file
    from rasd.cli._ui import err, report_problem
    from rasd.store.db import StoreError

    try:
        s = rebuild_file(db)
    except StoreError as e:
        report_problem(str(e))
        sys.exit(2)
    err.print(f"{s.events:,} events -> {s.canonical_events:,} canonical events "
              f"({s.contested:,} contested) in {s.seconds:.2f} s")


COMMANDS = [query_group, ledger_command, aggregate_command]
