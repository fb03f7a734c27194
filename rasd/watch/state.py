"""The watch tables (schema migration 3): every SQL statement about sources, items, alerts and deliveries.

Each function takes a DuckDB connection (or cursor) of a :class:`rasd.store.db.Store` and runs inside the
caller's transaction when there is one. Times are naive UTC datetimes, passed in by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from rasd.watch.discover import Item
from rasd.watch.sources import Source


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# -- sources ----------------------------------------------------------------------------------------------
@dataclass(slots=True)
class SourceState:
    url: str
    kind: str
    outlet: str | None
    language: str | None
    etag: str | None
    last_modified: str | None
    consecutive_errors: int


def register_sources(con: Any, sources: Sequence[Source], now: datetime) -> None:
    """Add the sources not yet known (due at once); refresh the outlet and language of the others."""
    for s in sources:
        con.execute(
            "INSERT INTO watch_sources (url, kind, outlet, language, added_at, next_poll_at) "
            "SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM watch_sources WHERE url = ?)",
            [s.url, s.kind, s.outlet, s.language, now, now, s.url])
        if s.outlet or s.language:
            con.execute("UPDATE watch_sources SET outlet = coalesce(?, outlet), language = coalesce(?, language) "
                        "WHERE url = ?", [s.outlet, s.language, s.url])


def due_sources(con: Any, urls: Sequence[str], now: datetime, every_one: bool = False) -> list[SourceState]:
    """The sources among ``urls`` due for a poll (``every_one``: all of them)."""
    rows = con.execute(
        "SELECT url, kind, outlet, language, etag, last_modified, consecutive_errors FROM watch_sources "
        "WHERE url IN (SELECT unnest(?::VARCHAR[])) AND (? OR coalesce(next_poll_at, ?) <= ?) "
        "ORDER BY next_poll_at, url", [list(urls), every_one, now, now]).fetchall()
    return [SourceState(*r) for r in rows]


def next_poll(con: Any, urls: Sequence[str]) -> datetime | None:
    return con.execute("SELECT min(next_poll_at) FROM watch_sources WHERE url IN (SELECT unnest(?::VARCHAR[]))",
                       [list(urls)]).fetchone()[0]


def record_poll(con: Any, url: str, now: datetime, next_at: datetime, *, status: str, kind: str,
                error: str | None = None, etag: str | None = None, last_modified: str | None = None,
                new_items: int = 0, outlet: str | None = None) -> None:
    """One poll's outcome: status 'ok', 'not_modified' or 'error'."""
    failed = status == "error"
    con.execute(
        """
        UPDATE watch_sources SET
            kind = ?, polls = polls + 1, last_polled_at = ?, next_poll_at = ?, last_status = ?,
            last_error = CASE WHEN ? THEN ? ELSE last_error END,
            last_ok_at = CASE WHEN ? THEN last_ok_at ELSE ? END,
            consecutive_errors = CASE WHEN ? THEN consecutive_errors + 1 ELSE 0 END,
            errors = errors + CASE WHEN ? THEN 1 ELSE 0 END,
            etag = CASE WHEN ? THEN etag ELSE coalesce(?, etag) END,
            last_modified = CASE WHEN ? THEN last_modified ELSE coalesce(?, last_modified) END,
            items = items + ?,
            last_new_at = CASE WHEN ? > 0 THEN ? ELSE last_new_at END,
            outlet = coalesce(outlet, ?)
        WHERE url = ?
        """,
        [kind, now, next_at, status, failed, error, failed, now, failed, failed, failed, etag, failed,
         last_modified, new_items, new_items, now, outlet, url])


def add_articles(con: Any, counts: dict[str, int]) -> None:
    for url, n in counts.items():
        if n:
            con.execute("UPDATE watch_sources SET articles = articles + ? WHERE url = ?", [n, url])


def list_sources(con: Any) -> list[dict[str, Any]]:
    cur = con.execute(
        "SELECT url, kind, outlet, language, last_status, last_polled_at, last_ok_at, last_new_at, next_poll_at, "
        "polls, items, articles, errors, consecutive_errors, last_error, "
        "(SELECT count(*) FROM watch_items i WHERE i.source_url = s.url AND i.state = 'pending') AS pending, "
        "(SELECT count(*) FROM watch_items i WHERE i.source_url = s.url AND i.state = 'failed') AS failed "
        "FROM watch_sources s ORDER BY url")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


# -- items ------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class PendingItem:
    key: str
    source_url: str
    url: str | None
    title: str | None
    published: str | None
    summary: str
    attempts: int


def unseen(con: Any, items: Sequence[Item]) -> list[Item]:
    """The items neither listed before (by key or URL) nor stored as articles (by id or URL)."""
    if not items:
        return []
    keys = [i.key for i in items]
    urls = [i.url for i in items if _is_web(i.url)]
    known = {r[0] for r in con.execute(
        "SELECT item_key FROM watch_items WHERE item_key IN (SELECT unnest(?::VARCHAR[])) "
        "UNION SELECT url FROM watch_items WHERE url IN (SELECT unnest(?::VARCHAR[])) "
        "UNION SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) "
        "UNION SELECT url FROM articles WHERE url IN (SELECT unnest(?::VARCHAR[]))",
        [keys, urls, keys, urls]).fetchall()}
    out, seen = [], set()
    for i in items:
        if i.key in known or (_is_web(i.url) and i.url in known) or i.key in seen:
            continue
        seen.add(i.key)
        out.append(i)
    return out


def _is_web(url: str | None) -> bool:
    """A web item's URL identifies it; a file item (its path in ``url``) is identified by its key alone."""
    return bool(url) and url.startswith(("http://", "https://"))  # type: ignore[union-attr]


def next_item_attempt(con: Any) -> datetime | None:
    return con.execute("SELECT min(next_attempt_at) FROM watch_items WHERE state = 'pending'").fetchone()[0]


def add_items(con: Any, source_url: str, items: Iterable[Item], now: datetime) -> None:
    for i in items:
        con.execute(
            "INSERT INTO watch_items (item_key, source_url, url, title, published, summary, state, attempts, "
            "next_attempt_at, first_seen_at) SELECT ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ? "
            "WHERE NOT EXISTS (SELECT 1 FROM watch_items WHERE item_key = ?)",
            [i.key, source_url, i.url, i.title, i.published, i.summary, now, now, i.key])


def due_items(con: Any, now: datetime, limit: int) -> list[PendingItem]:
    rows = con.execute(
        "SELECT item_key, source_url, url, title, published, coalesce(summary, ''), attempts FROM watch_items "
        "WHERE state = 'pending' AND coalesce(next_attempt_at, ?) <= ? ORDER BY first_seen_at, item_key LIMIT ?",
        [now, now, limit]).fetchall()
    return [PendingItem(*r) for r in rows]


def finish_item(con: Any, key: str, now: datetime, *, state: str, attempts: int, error: str | None = None,
                article_id: str | None = None, next_attempt_at: datetime | None = None) -> None:
    """state 'done' (stored, or a duplicate of what is), 'pending' (retry at next_attempt_at) or 'failed'."""
    con.execute(
        "UPDATE watch_items SET state = ?, attempts = ?, last_error = ?, article_id = ?, next_attempt_at = ?, "
        "done_at = CASE WHEN ? = 'pending' THEN NULL ELSE ? END WHERE item_key = ?",
        [state, attempts, error, article_id, next_attempt_at, state, now, key])


def items_of(con: Any, source_url: str | None = None) -> list[dict[str, Any]]:
    cur = con.execute(
        "SELECT item_key, source_url, url, state, attempts, last_error, article_id, first_seen_at, done_at "
        "FROM watch_items WHERE ?::VARCHAR IS NULL OR source_url = ? ORDER BY first_seen_at, item_key",
        [source_url, source_url])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


# -- alerts -----------------------------------------------------------------------------------------------
_ALERT_COLS = ("id", "name", "kinds", "country", "admin1", "place", "actor", "contested", "webhook", "active",
               "created_at")


def insert_alert(con: Any, alert: dict[str, Any]) -> None:
    con.execute(f"INSERT INTO alerts ({', '.join(_ALERT_COLS)}) VALUES ({', '.join('?' * len(_ALERT_COLS))})",
                [alert[c] for c in _ALERT_COLS])


def list_alerts(con: Any, active_only: bool = False) -> list[dict[str, Any]]:
    rows = con.execute(f"SELECT {', '.join(_ALERT_COLS)} FROM alerts WHERE active OR NOT ? ORDER BY created_at, id",
                       [active_only]).fetchall()
    return [dict(zip(_ALERT_COLS, r, strict=True)) for r in rows]


def get_alert(con: Any, alert_id: str) -> dict[str, Any] | None:
    row = con.execute(f"SELECT {', '.join(_ALERT_COLS)} FROM alerts WHERE id = ?", [alert_id]).fetchone()
    return dict(zip(_ALERT_COLS, row, strict=True)) if row else None


def delete_alert(con: Any, alert_id: str) -> bool:
    """Remove an alert; its delivery log is kept, its pending deliveries are dropped."""
    found = con.execute("SELECT count(*) FROM alerts WHERE id = ?", [alert_id]).fetchone()[0]
    if found:
        con.execute("DELETE FROM alerts WHERE id = ?", [alert_id])
        con.execute("UPDATE alert_deliveries SET status = 'cancelled' WHERE alert_id = ? AND status = 'pending'",
                    [alert_id])
    return bool(found)


# -- deliveries -------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Delivery:
    id: str
    alert_id: str
    canonical_id: str
    webhook: str
    payload: bytes
    attempts: int


def enqueue(con: Any, rows: Sequence[tuple[str, str, str, list[str], dict[str, Any]]], now: datetime) -> None:
    """(delivery id, alert id, canonical id, changes, payload) as pending deliveries, due now."""
    for did, aid, cid, changes, payload in rows:
        con.execute(
            "INSERT INTO alert_deliveries (id, alert_id, canonical_id, changes, payload, status, attempts, "
            "created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
            [did, aid, cid, changes, orjson.dumps(payload).decode(), now, now])


def due_deliveries(con: Any, now: datetime, limit: int = 200) -> list[Delivery]:
    rows = con.execute(
        "SELECT d.id, d.alert_id, d.canonical_id, a.webhook, d.payload, d.attempts FROM alert_deliveries d "
        "JOIN alerts a ON a.id = d.alert_id WHERE d.status = 'pending' AND d.next_attempt_at <= ? "
        "ORDER BY d.created_at, d.id LIMIT ?", [now, limit]).fetchall()
    return [Delivery(r[0], r[1], r[2], r[3], r[4].encode() if isinstance(r[4], str) else r[4], r[5]) for r in rows]


def next_delivery(con: Any) -> datetime | None:
    return con.execute("SELECT min(next_attempt_at) FROM alert_deliveries WHERE status = 'pending'").fetchone()[0]


def record_attempt(con: Any, delivery_id: str, now: datetime, *, status: str, attempts: int,
                   http_status: int | None, error: str | None, next_attempt_at: datetime) -> None:
    """status 'delivered', 'pending' (retry at next_attempt_at) or 'failed' (gave up)."""
    con.execute(
        "UPDATE alert_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, "
        "next_attempt_at = ?, delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END WHERE id = ?",
        [status, attempts, http_status, error, next_attempt_at, status, now, delivery_id])


def list_deliveries(con: Any, alert_id: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    cur = con.execute(
        "SELECT id, alert_id, canonical_id, changes, status, attempts, last_status, last_error, created_at, "
        "delivered_at, next_attempt_at FROM alert_deliveries WHERE ?::VARCHAR IS NULL OR alert_id = ? "
        "ORDER BY created_at DESC, id LIMIT ?", [alert_id, alert_id, limit])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
