"""``rasd serve``: the HTTP API and the dashboard on one database."""

from __future__ import annotations

import sys

import click


@click.command("serve")
@click.option("--db", default="rasd.duckdb", show_default=True, help="DuckDB database file.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--require-key", is_flag=True, default=None,
              help="Read routes need X-API-Key too (default: only writes do; also RASD_REQUIRE_KEY=1).")
def serve_command(db, host, port, require_key) -> None:
    """Serve the dashboard at / and the JSON API (docs at /docs). Writes need RASD_API_KEY."""
    import os
    from pathlib import Path

    import uvicorn

    from rasd.cli._ui import report_problem
    from rasd.serve.app import create_app
    from rasd.store.db import StoreError

    if not Path(db).exists():
        print(f"rasd: note: {db} does not exist; serving a new, empty database (POST /articles fills it)",
              file=sys.stderr, flush=True)
    try:
        app = create_app(db, require_key=True if require_key else None)
    except StoreError as e:
        report_problem(str(e))
        sys.exit(2)
    shown = f"[{host}]" if ":" in host else host
    print(f"Rasd dashboard: http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs; database {db}"
          f"{'; writes disabled: RASD_API_KEY is not set' if not os.environ.get('RASD_API_KEY') else ''})",
          flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


COMMANDS = [serve_command]
