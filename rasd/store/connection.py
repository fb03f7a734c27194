"""How every part of Rasd opens the database file: briefly, and never for longer than one piece of work.

DuckDB lets one process write a file, and no other process may even read it while that one holds it.
So nothing in Rasd keeps a connection: the CLI, the server, the runner and any watcher open the file,
read (or write in ONE transaction), and close it again::

    db = Database("rasd.duckdb")
    with db.read() as con:            # read-only; other readers (DuckDB clients too) may share the file
        con.execute("SELECT count(*) FROM canonical_events").fetchone()
    with db.write() as con:           # one transaction: committed on exit, rolled back on an exception
        con.execute("INSERT INTO ...")

When another process holds the file, opening waits and tries again with backoff (up to ``wait`` seconds,
default 60, or ``RASD_DB_WAIT``); when it still cannot, :class:`DatabaseBusy` says so in one line naming
the file and the process that holds it. Inside one process, a readers-writer lock keeps read-only and
writing connections from overlapping (DuckDB refuses two configurations of one file in one process).
The schema is brought up to date (:mod:`rasd.store.schema`) the first time a process uses a file.
"""

from __future__ import annotations

import os
import random
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DEFAULT_WAIT = 60.0


class StoreError(Exception):
    """The database cannot be opened or used (one line, naming the file)."""


class DatabaseBusy(StoreError):
    """Another process kept the file for longer than we were willing to wait."""


class _ReadersWriter:
    """Many readers or one writer, within this process; waiting writers go first. Counters, not thread
    ownership: a web framework may enter a request's connection on one thread and leave it on another.
    Do not nest a write inside a read (or the reverse) on one thread: it would wait for itself."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._writers_waiting = 0

    @contextmanager
    def hold(self, mode: str) -> Iterator[None]:
        with self._cond:
            if mode == "write":
                self._writers_waiting += 1
                while self._writer or self._readers:
                    self._cond.wait()
                self._writers_waiting -= 1
                self._writer = True
            else:
                while self._writer or self._writers_waiting:
                    self._cond.wait()
                self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                if mode == "write":
                    self._writer = False
                else:
                    self._readers -= 1
                self._cond.notify_all()


_LOCKS: dict[str, _ReadersWriter] = {}
_CURRENT: set[str] = set()  # files whose schema this process has checked (or brought) up to date
_GUARD = threading.Lock()


def _lock_for(path: str) -> _ReadersWriter:
    with _GUARD:
        return _LOCKS.setdefault(path, _ReadersWriter())


def _holder(message: str) -> str:
    m = re.search(r"held in (.+?) \(PID (\d+)\)", message)
    return f"process {m.group(2)} ({Path(m.group(1)).name})" if m else "another process"


def wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("RASD_DB_WAIT", DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


class Database:
    """A Rasd database file, opened only for the length of each ``read()`` or ``write()``."""

    def __init__(self, path: str | Path, wait: float | None = None) -> None:
        self.path = str(path)
        self.key = str(Path(self.path).resolve()) if self.path != ":memory:" else self.path
        self.wait = wait_seconds() if wait is None else wait

    def exists(self) -> bool:
        return Path(self.path).exists()

    # -- opening -----------------------------------------------------------------------------------------
    def _connect(self, read_only: bool) -> Any:
        import duckdb

        deadline = time.monotonic() + self.wait
        delay = 0.05
        while True:
            try:
                return duckdb.connect(self.path, read_only=read_only)
            except duckdb.IOException as e:
                msg = str(e).splitlines()[0]
                if "lock" not in msg.lower():
                    raise StoreError(f"{self.path}: cannot open database: {msg}") from None
                if time.monotonic() + delay > deadline:
                    raise DatabaseBusy(
                        f"{self.path}: the database is busy: {_holder(msg)} is writing to it and did not let "
                        f"go within {self.wait:g} s; try again when it is done (RASD_DB_WAIT sets the wait)"
                    ) from None
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 1.6, 1.0)
            except duckdb.Error as e:
                raise StoreError(f"{self.path}: not a Rasd/DuckDB database ({str(e).splitlines()[0]})") from None

    def _ensure_current(self) -> None:
        """Apply missing migrations once per process (a write, only when the file is older or new)."""
        if self.key in _CURRENT:
            return
        from rasd.store.schema import SCHEMA_VERSION

        if self.exists():
            with _lock_for(self.key).hold("read"):
                con = self._connect(read_only=True)
                try:
                    version = applied_version(con)
                finally:
                    con.close()
            if version >= SCHEMA_VERSION:
                _CURRENT.add(self.key)
                return
        with _lock_for(self.key).hold("write"):
            con = self._connect(read_only=False)
            try:
                migrate(con, self.path)
            finally:
                con.close()
        _CURRENT.add(self.key)

    @contextmanager
    def read(self) -> Iterator[Any]:
        """A read-only connection for one piece of work; closed on exit."""
        if not self.exists():
            raise StoreError(f"{self.path}: no such database (run `rasd run INPUT --db {self.path}` first)")
        self._ensure_current()
        with _lock_for(self.key).hold("read"):
            con = self._connect(read_only=True)
            try:
                yield con
            finally:
                con.close()

    @contextmanager
    def write(self) -> Iterator[Any]:
        """A connection in ONE transaction: committed when the block ends, rolled back if it raises."""
        self._ensure_current()
        with _lock_for(self.key).hold("write"):
            con = self._connect(read_only=False)
            try:
                con.execute("BEGIN TRANSACTION")
                try:
                    yield con
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
            finally:
                con.close()


def applied_version(con: Any) -> int:
    has = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'").fetchone()[0]
    if not has:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(con: Any, path: str = "") -> list[int]:
    """Apply the migrations this file lacks, all in one transaction; returns the versions applied."""
    from rasd.store.schema import MIGRATIONS

    current = applied_version(con)
    pending = [m for m in MIGRATIONS if m.version > current]
    if not pending:
        return []
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                    "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
        for m in pending:
            for sql in m.sql():
                con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [m.version, m.name])
        con.execute("COMMIT")
    except Exception as e:
        con.execute("ROLLBACK")
        import duckdb

        if isinstance(e, duckdb.Error):
            raise StoreError(f"{path}: cannot upgrade the database schema: {str(e).splitlines()[0]}") from None
        raise
    return [m.version for m in pending]
