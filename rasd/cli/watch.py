"""``rasd watch`` (poll feeds, section pages and folders), ``rasd sources`` and ``rasd alerts``."""

from __future__ import annotations

import sys
from contextlib import contextmanager

import click


def fetch_options(f):
    """Options shared by ``rasd watch`` and ``rasd serve --watch``."""
    f = click.option("--max-bytes", default=5 * 1024 * 1024, show_default=True, type=click.IntRange(1024),
                     help="Largest feed or page read.")(f)
    f = click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0.1),
                     help="Seconds for one request.")(f)
    f = click.option("--per-host", default=2, show_default=True, type=click.IntRange(1, 64),
                     help="Requests in flight per host.")(f)
    f = click.option("--host-interval", default=1.0, show_default=True, type=click.FloatRange(0.0),
                     help="Seconds between two requests to one host (robots.txt Crawl-delay may raise it).")(f)
    f = click.option("--every", default=300.0, show_default=True, type=click.FloatRange(0.5),
                     help="Seconds between two polls of a source.")(f)
    f = click.option("--sources", "sources_file", default=None, type=click.Path(dir_okay=False),
                     help="A list of sources, one a line: 'URL-or-folder | outlet | language'.")(f)
    return f


def build_watcher(db: str, sources: tuple[str, ...], sources_file: str | None, every: float, host_interval: float,
                  per_host: int, timeout: float, max_bytes: int, **kwargs):
    """The watcher for these options, or exit 2 with one line naming the bad source."""
    from rasd.cli._ui import report_problem
    from rasd.watch.fetcher import FetchConfig
    from rasd.watch.sources import SourceError, gather_sources
    from rasd.watch.watcher import WatchConfig, Watcher

    try:
        found = gather_sources(list(sources), sources_file)
    except SourceError as e:
        report_problem(str(e))
        sys.exit(2)
    config = WatchConfig(every=every, fetch=FetchConfig(timeout=timeout, max_bytes=max_bytes, per_host=per_host,
                                                        host_interval=host_interval))
    return Watcher(db, found, config, **kwargs)


@click.command("watch")
@click.argument("sources", nargs=-1)
@click.option("--db", default="rasd.duckdb", show_default=True, help="DuckDB database file.")
@fetch_options
@click.option("--once", is_flag=True, help="Poll every source once, store what is new, and exit.")
def watch_command(sources, db, sources_file, every, host_interval, per_host, timeout, max_bytes, once) -> None:
    """Watch SOURCES (RSS/Atom feed URLs, news section pages, folders) and store what appears.

    Each new item's page is fetched and its text extracted, then stored, extracted and merged into the
    canonical events like `rasd run`; matching alerts are sent. Ctrl-C stops after the current cycle; a
    restart goes on where it stopped (nothing is fetched twice).
    """
    import asyncio
    import signal
    import threading

    from rasd.cli._ui import report_problem
    from rasd.store.db import Store, StoreError

    watcher = build_watcher(db, sources, sources_file, every, host_interval, per_host, timeout, max_bytes)
    watcher.config.poll_on_start = once
    try:
        Store(db).close()  # create or migrate it now, and fail early when it is in use
    except StoreError as e:
        report_problem(str(e))
        sys.exit(2)
    stop = threading.Event()

    def on_signal(signum, frame) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("rasd: watch: stopping after the current cycle (again to stop now)", file=sys.stderr, flush=True)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    print(f"rasd: watch: {len(watcher.sources)} sources, every {every:g} s, into {db}"
          f"{'' if once else ' (Ctrl-C stops after the current cycle)'}", file=sys.stderr, flush=True)
    try:
        asyncio.run(watcher.run(stop, max_cycles=1 if once else None))
    except KeyboardInterrupt:
        report_problem("interrupted; what was committed is kept, run again to go on")
        sys.exit(130)
    except StoreError as e:
        report_problem(str(e))
        sys.exit(2)


@contextmanager
def _open_read(db: str):
    """A read-only connection for one command; a one-line message and exit 2 when it cannot."""
    from rasd.cli._ui import report_problem
    from rasd.store.connection import Database, StoreError

    try:
        with Database(db).read() as con:
            yield con
    except StoreError as e:
        report_problem(str(e))
        sys.exit(2)


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else "—"


def _listing(db: str, as_json: bool, fetch) -> list | None:
    """The rows ``fetch(con)`` reads from ``db``; with ``--json`` they are printed here and None comes back."""
    with _open_read(db) as con:
        rows = fetch(con)
    if not as_json:
        return rows
    import orjson

    sys.stdout.buffer.write(orjson.dumps(rows, default=str, option=orjson.OPT_INDENT_2) + b"\n")
    return None


@click.command("sources")
@click.option("--db", default="rasd.duckdb", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def sources_command(db, as_json) -> None:
    """The watched sources: kind, last poll, last new item, items, articles, errors (times in UTC)."""
    from rasd.cli._ui import out
    from rasd.watch import state

    rows = _listing(db, as_json, lambda con: state.list_sources(con))
    if rows is None:
        return

    out.print(f"{len(rows)} watched sources (times in UTC)")
    for r in rows:
        about = ", ".join(x for x in (r["kind"], r["outlet"], r["language"]) if x)
        out.print(f"\n{r['url']}  ({about})", markup=False)
        out.print(f"  {r['last_status'] or 'not polled yet'} · polled {_when(r['last_polled_at'])} · last new item "
                  f"{_when(r['last_new_at'])} · next poll {_when(r['next_poll_at'])}", markup=False)
        out.print(f"  {r['items']:,} items, {r['articles']:,} articles, {r['errors']:,} errors"
                  + (f" ({r['consecutive_errors']} in a row)" if r["consecutive_errors"] else "")
                  + f"; {r['pending']} items pending, {r['failed']} failed", markup=False)
        if r["last_status"] == "error" and r["last_error"]:
            out.print(f"  last error: {r['last_error']}", markup=False)


@click.group("alerts")
def alerts_group() -> None:
    """Saved filters that POST new or updated canonical events to a webhook."""


@alerts_group.command("add")
@click.option("--db", default="rasd.duckdb", show_default=True)
@click.option("--webhook", required=True, help="URL that receives a JSON POST per matching event.")
@click.option("--kind", "kinds", multiple=True, help="Event kind (repeatable), e.g. defection.")
@click.option("--country", default=None, help="ISO 3166 two-letter code, e.g. SY.")
@click.option("--admin1", default=None, help='First-level area, e.g. "Deir ez-Zor".')
@click.option("--place", default=None, help="GeoNames id or a place name (as the events filter).")
@click.option("--actor", default=None, help="Actor id or name (as the events filter).")
@click.option("--contested/--any-contested", default=None, help="Only contested (or only uncontested) events.")
@click.option("--name", default=None, help="A name for the alert.")
def alerts_add(db, webhook, kinds, country, admin1, place, actor, contested, name) -> None:
    """Save an alert; the watcher sends every new or updated matching event to WEBHOOK."""
    from rasd.cli._ui import report_problem
    from rasd.store.connection import Database, StoreError
    from rasd.watch.alerts import AlertError, AlertSpec, add_alert
    from rasd.watch.state import utcnow

    spec = AlertSpec(webhook=webhook, kinds=list(kinds), country=country, admin1=admin1, place=place, actor=actor,
                     contested=contested, name=name)
    try:
        with Database(db).write() as con:
            row = add_alert(con, spec, utcnow())
    except (AlertError, StoreError) as e:
        report_problem(str(e))
        sys.exit(2)
    print(row["id"])


@alerts_group.command("list")
@click.option("--db", default="rasd.duckdb", show_default=True)
@click.option("--json", "as_json", is_flag=True)
def alerts_list(db, as_json) -> None:
    """The saved alerts."""
    from rasd.cli._ui import out
    from rasd.watch import state

    rows = _listing(db, as_json, lambda con: state.list_alerts(con))
    if rows is None:
        return

    for r in rows:
        what = ", ".join(f"{k}={v}" for k, v in (("kind", ",".join(r["kinds"] or [])), ("country", r["country"]),
                                                 ("admin1", r["admin1"]), ("place", r["place"]),
                                                 ("actor", r["actor"]), ("contested", r["contested"])) if v)
        out.print(f"{r['id']}  {r['name'] or ''}  {what or 'every event'}  -> {r['webhook']}")


@alerts_group.command("remove")
@click.argument("alert_id")
@click.option("--db", default="rasd.duckdb", show_default=True)
def alerts_remove(alert_id, db) -> None:
    """Remove an alert (its delivery log is kept)."""
    from rasd.cli._ui import report_problem
    from rasd.store.connection import Database
    from rasd.watch import state

    with Database(db).write() as con:
        if not state.delete_alert(con, alert_id):
            report_problem(f"no alert {alert_id!r} in {db}")
            sys.exit(1)


@alerts_group.command("log")
@click.argument("alert_id", required=False)
@click.option("--db", default="rasd.duckdb", show_default=True)
@click.option("-n", "--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True)
def alerts_log(alert_id, db, limit, as_json) -> None:
    """Recent deliveries (of one alert, or all): status, attempts, the webhook's answer."""
    from rasd.cli._ui import out
    from rasd.watch import state

    rows = _listing(db, as_json, lambda con: state.list_deliveries(con, alert_id, limit))
    if rows is None:
        return

    for r in rows:
        out.print(f"{_when(r['created_at'])}  {r['alert_id']}  {r['canonical_id']}  {','.join(r['changes'])}  "
                  f"{r['status']} after {r['attempts']} attempt(s)"
                  + (f"  last: {r['last_status'] or r['last_error']}" if r["status"] != "delivered" else ""))


COMMANDS = [watch_command, sources_command, alerts_group]
