"""``rasd serve``: the HTTP API and the dashboard on one database."""

from __future__ import annotations

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
@fetch_options
def serve_command(db, host, port, require_key, watch, sources_file, every, host_interval, per_host, timeout,
                  max_bytes) -> None:
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

    if not Path(db).exists():
        print(f"rasd: note: {db} does not exist; serving a new, empty database (POST /articles fills it)",
              file=sys.stderr, flush=True)
    watcher = None
    if watch or sources_file:
        from rasd.cli.watch import build_watcher

        watcher = build_watcher(db, watch, sources_file, every, host_interval, per_host, timeout, max_bytes)
    try:
        app = create_app(db, require_key=True if require_key else None, watcher=watcher)
    except StoreError as e:
        report_problem(str(e))
        sys.exit(2)
    shown = f"[{host}]" if ":" in host else host
    print(f"Rasd dashboard: http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs; database {db}"
          f"{'; writes disabled: RASD_API_KEY is not set' if not os.environ.get('RASD_API_KEY') else ''})",
          flush=True)
    if watcher is not None:
        print(f"rasd: watch: {len(watcher.sources)} sources, every {every:g} s", file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, timeout_graceful_shutdown=5)


COMMANDS = [serve_command]
