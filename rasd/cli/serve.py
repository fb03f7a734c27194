"""``rasd serve``: the HTTP API and the dashboard on one database."""

from __future__ import annotations

import re
import sys

import click

from rasd.cli.watch import fetch_options


@click.command("serve")
@click.option("--db", default="rasd.duckdb", show_default=True, help="DuckDB database file.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--require-key", is_flag=True, default=None,
              help="Read routes need X-API-Key too (default: only writes do; also RASD_REQUIRE_KEY=1).")
@click.option("--watch", "watch", multiple=True, metavar="SOURCE",
              help="Watch this feed, section page or folder while serving (repeatable); see `rasd watch`.")
@click.option("--tiles-origin", metavar="ORIGIN", default=None,
              help="The one image server (https://host[:port]) the page may load map tiles from with ?tiles=URL.")
@fetch_options
def serve_command(db, host, port, require_key, watch, tiles_origin, sources_file, every, host_interval, per_host,
                  timeout, max_bytes) -> None:
    """Serve the dashboard at / and the JSON API (docs at /docs). Writes need RASD_API_KEY.

    With --watch (or --sources), the server also watches those sources: one process owns the writes and
    the dashboard updates as new events are stored.
    """
    import os
    from pathlib import Path

    import uvicorn

    from rasd.cli._ui import report_problem
    from rasd.serve.app import create_app
    from rasd.store.db import StoreError

    if tiles_origin is not None and not _ORIGIN.fullmatch(tiles_origin):
        raise click.BadParameter("an origin like https://tiles.example.org (scheme and host, no path)",
                                 param_hint="--tiles-origin")
    if not Path(db).exists():
        print(f"rasd: note: {db} does not exist; serving a new, empty database (POST /articles fills it)",
              file=sys.stderr, flush=True)
    watcher = None
    if watch or sources_file:
        from rasd.cli.watch import build_watcher

        watcher = build_watcher(db, watch, sources_file, every, host_interval, per_host, timeout, max_bytes)
    try:
        app = create_app(db, require_key=True if require_key else None, watcher=watcher, tiles_origin=tiles_origin)
    except StoreError as e:
        report_problem(str(e))
        sys.exit(2)
    for warning in startup_warnings(host, app.state.rasd.require_key, app.state.rasd.api_key):
        print(f"rasd: warning: {warning}", file=sys.stderr, flush=True)
    shown = f"[{host}]" if ":" in host else host
    print(f"Rasd dashboard: http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs; database {db}"
          f"{'; writes disabled: RASD_API_KEY is not set' if not os.environ.get('RASD_API_KEY') else ''})",
          flush=True)
    if watcher is not None:
        print(f"rasd: watch: {len(watcher.sources)} sources, every {every:g} s", file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, timeout_graceful_shutdown=5)


_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?")


def startup_warnings(host: str, require_key: bool, api_key: str | None) -> list[str]:
    """What an operator should know before the server answers: reads open to the network, a key that
    clients may be unable to send."""
    warnings = []
    if not require_key and not _loopback(host):
        warnings.append(f"listening on {host} without --require-key: anyone who can reach this port can read "
                        "the database (use --require-key, or --host 127.0.0.1)")
    if api_key is not None and not api_key.isascii():
        warnings.append("RASD_API_KEY is not ASCII: clients must send it as UTF-8 bytes, which many HTTP "
                        "clients and browsers cannot; an ASCII key is safer")
    return warnings


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


COMMANDS = [serve_command]
