"""The watcher: poll the due sources, fetch the new items' pages, store and extract them through the
runner, refresh the canonical events near them, queue and send the alerts; then sleep until the next
source, item retry or delivery is due.

Restart-safe: the feeds' validators, every item seen and every pending delivery are in the database, so a
stopped watcher that starts again sends conditional GETs, skips what it stored, retries what failed and
delivers what it queued. A stop request (Ctrl-C, SIGTERM, the server shutting down) lets the cycle in
flight finish, so nothing fetched is dropped unstored.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from rasd import caches, settings
from rasd.ingest.errors import InputRejected
from rasd.ingest.record import RawArticle
from rasd.watch import state
from rasd.watch.alerts import DeliveryPolicy, enqueue_matches, post_all, record_attempts
from rasd.watch.discover import Item, NotASource, feed_items, folder_files, page_links, sniff
from rasd.watch.fetcher import FetchConfig, Fetcher, FetchError
from rasd.watch.sources import Source


def _stderr(message: str) -> None:
    print(f"rasd: watch: {message}", file=sys.stderr, flush=True)


@dataclass
class WatchConfig:
    every: float = 300.0  # seconds between two polls of a source
    fetch: FetchConfig = field(default_factory=FetchConfig)
    delivery: DeliveryPolicy = field(default_factory=DeliveryPolicy)
    engine: str = "local"
    workers: int | None = None
    max_item_attempts: int = 5  # page fetches before an item falls back to its feed text (or fails)
    items_per_cycle: int = 500  # page fetches per cycle; the rest wait for the next
    max_backoff: float = 3600.0  # the longest wait before polling a failing source again
    poll_on_start: bool = False  # the first cycle polls every source, due or not (`rasd watch --once`)


@dataclass
class CycleReport:
    polled: int = 0
    not_modified: int = 0
    source_errors: int = 0
    new_items: int = 0
    pages: int = 0  # items read (pages fetched, feed texts used, files read)
    item_errors: int = 0
    articles_stored: int = 0
    events: int = 0
    changed: int = 0  # canonical events new or updated
    alerts_queued: int = 0
    delivered: int = 0
    delivery_errors: int = 0
    seconds: float = 0.0

    def busy(self) -> bool:
        return any((self.new_items, self.pages, self.source_errors, self.item_errors, self.changed,
                    self.delivered, self.delivery_errors))

    def line(self) -> str:
        return (f"polled {self.polled} ({self.not_modified} unchanged, {self.source_errors} failed), "
                f"{self.new_items} new items, {self.pages} read ({self.item_errors} failed), "
                f"{self.articles_stored} articles stored, {self.events} events, {self.changed} canonical events "
                f"new or updated, {self.alerts_queued} alerts queued, {self.delivered} delivered "
                f"({self.delivery_errors} failed) in {self.seconds:.1f} s")


@dataclass
class _Poll:
    source: state.SourceState
    status: str  # ok / not_modified / error
    kind: str
    items: list[Item] = field(default_factory=list)
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None


@dataclass
class _Read:
    item: state.PendingItem
    records: list[RawArticle | InputRejected] = field(default_factory=list)
    error: str | None = None
    retry: bool = False  # a transient failure: try the page again later


class Watcher:
    """Watches ``sources`` into the database at ``db_path``; ``await run(stop)`` until ``stop`` is set."""

    def __init__(self, db_path: str, sources: list[Source], config: WatchConfig | None = None,
                 log: Callable[[str], None] = _stderr, write_lock: Any = None,
                 on_change: Callable[[CycleReport], None] | None = None) -> None:
        self.db_path = db_path
        self.sources = sources
        self.config = config or WatchConfig()
        self.log = log
        self.write_lock = write_lock
        self.on_change = on_change
        self._kinds = {s.url: s.kind for s in sources}
        self._fetcher: Fetcher | None = None
        self._engine: Any = None
        self._first = True
        self.cycles = 0

    # -- database access ------------------------------------------------------------------------------
    def _locked(self) -> Any:
        """The server's write lock when there is one (one writer at a time in the process)."""
        return self.write_lock if self.write_lock is not None else nullcontext()

    @contextmanager
    def _db(self) -> Iterator[Any]:
        """A writing connection in ONE transaction, under the write lock; the file is closed again at the end
        of the block (:mod:`rasd.store.connection`), so other processes can use it between steps."""
        from rasd.store.connection import Database

        with self._locked(), Database(self.db_path).write() as con:
            yield con

    # -- the loop -------------------------------------------------------------------------------------
    async def run(self, stop: threading.Event, max_cycles: int | None = None) -> None:
        """Cycle until ``stop`` is set (or ``max_cycles`` ran), sleeping until the next thing is due."""
        self._fetcher = Fetcher(self.config.fetch)
        done = 0
        try:
            while not stop.is_set():
                report = await self.cycle()
                done += 1
                if report.busy():
                    self.log(report.line())
                if max_cycles is not None and done >= max_cycles:
                    break
                await self._sleep(stop)
        finally:
            await self._fetcher.aclose()
            self._fetcher = None
            if self._engine is not None:
                self._engine.close()
                self._engine = None

    async def _sleep(self, stop: threading.Event) -> None:
        from rasd.store.connection import Database

        with Database(self.db_path).read() as con:
            due = [t for t in (state.next_poll(con, list(self._kinds)), state.next_item_attempt(con),
                               state.next_delivery(con)) if t is not None]
        wait = self.config.every
        if due:
            wait = min(wait, max(0.0, (min(due) - state.utcnow()).total_seconds()))
        deadline = time.monotonic() + wait
        while not stop.is_set() and time.monotonic() < deadline:
            await asyncio.sleep(min(0.2, max(0.0, deadline - time.monotonic())))

    async def cycle(self) -> CycleReport:
        """One pass: poll what is due, read new items, store, refresh, alert."""
        owns = self._fetcher is None
        if owns:
            self._fetcher = Fetcher(self.config.fetch)
        try:
            return await self._cycle()
        finally:
            if owns:
                await self._fetcher.aclose()
                self._fetcher = None

    async def _cycle(self) -> CycleReport:
        t0 = time.perf_counter()
        rep = CycleReport()
        now = state.utcnow()
        with self._db() as con:
            if self._first:
                state.register_sources(con, self.sources, now)
            due = state.due_sources(con, list(self._kinds), now, every_one=self._first and self.config.poll_on_start)
        polls = await asyncio.gather(*(self._poll(s) for s in due))
        with self._db() as con:  # one transaction: every poll's items and state, or none
            for p in polls:
                fresh = state.unseen(con, p.items) if p.status == "ok" else []
                state.add_items(con, p.source.url, fresh, now)
                state.record_poll(con, p.source.url, now, self._next_poll(p, now), status=p.status, kind=p.kind,
                                  error=p.error, etag=p.etag, last_modified=p.last_modified,
                                  new_items=len(fresh), outlet=p.title)
                rep.new_items += len(fresh)
                if p.status == "error":
                    self.log(f"{p.source.url}: {p.error}")
            pending = state.due_items(con, now, self.config.items_per_cycle)
            outlets = {r["url"]: r["outlet"] for r in state.list_sources(con)}
        rep.polled = len(polls)
        rep.not_modified = sum(p.status == "not_modified" for p in polls)
        rep.source_errors = sum(p.status == "error" for p in polls)
        reads = await asyncio.gather(*(self._read(it, outlets.get(it.source_url)) for it in pending))
        self._store(reads, rep, now)
        await self._deliver(rep)
        self._first = False
        self.cycles += 1
        rep.seconds = time.perf_counter() - t0
        if self.on_change is not None and (rep.changed or rep.articles_stored):
            self.on_change(rep)
        return rep

    def _next_poll(self, p: _Poll, now: datetime) -> datetime:
        every = self.config.every
        if p.status != "error":
            return now + timedelta(seconds=every)
        k = p.source.consecutive_errors + 1
        return now + timedelta(seconds=min(every * 2 ** min(k - 1, 16), max(every, self.config.max_backoff)))

    # -- polling a source -----------------------------------------------------------------------------
    async def _poll(self, s: state.SourceState) -> _Poll:
        if s.kind == "folder":
            try:
                files = folder_files(s.url)
            except NotASource as e:
                return _Poll(s, "error", s.kind, error=str(e))
            return _Poll(s, "ok", s.kind, items=[Item(key=k, url=path) for k, path in files])
        assert self._fetcher is not None
        try:
            f = await self._fetcher.get(s.url, s.etag, s.last_modified)
        except FetchError as e:
            return _Poll(s, "error", s.kind, error=e.message)
        if f.not_modified:
            return _Poll(s, "not_modified", s.kind)
        kind = s.kind if s.kind in ("feed", "page") else sniff(f.body, f.content_type)
        if kind is None:
            return _Poll(s, "error", s.kind, error="neither an RSS/Atom feed nor an HTML page "
                         f"(Content-Type: {f.content_type or 'none'})")
        try:
            if kind == "feed":
                title, items = feed_items(f.body, s.url)
            else:
                title, items = None, page_links(f.body, f.final_url)
        except NotASource as e:
            return _Poll(s, "error", s.kind, error=str(e))
        return _Poll(s, "ok", kind, items=items, etag=f.etag, last_modified=f.last_modified, title=title)

    # -- reading an item ------------------------------------------------------------------------------
    async def _read(self, it: state.PendingItem, outlet: str | None) -> _Read:
        if it.url and not it.url.startswith(("http://", "https://")):  # a file of a watched folder
            from rasd.ingest.readers import read_inputs

            return _Read(it, records=await asyncio.to_thread(lambda: list(read_inputs([it.url]))))
        if not it.url:
            return self._fallback(it, outlet, "the feed item has no link")
        assert self._fetcher is not None
        try:
            f = await self._fetcher.get(it.url)
        except FetchError as e:
            if e.transient and it.attempts + 1 < self.config.max_item_attempts:
                return _Read(it, error=e.message, retry=True)
            return self._fallback(it, outlet, e.message)
        if sniff(f.body, f.content_type) != "page":
            return self._fallback(it, outlet, f"not an HTML page (Content-Type: {f.content_type or 'none'})")
        raw = await asyncio.to_thread(_page_article, f.body, it.url, f.final_url)
        if raw is None:
            return self._fallback(it, outlet, "no main text found in the page")
        raw.id = it.key
        raw.title = raw.title or it.title
        raw.published = raw.published or it.published
        raw.outlet = outlet or raw.outlet
        return _Read(it, records=[raw])

    def _fallback(self, it: state.PendingItem, outlet: str | None, why: str) -> _Read:
        """The feed's own text for the item when its page cannot be had; else the item failed."""
        text = it.summary.strip()
        if not text:
            return _Read(it, error=why)
        self.log(f"{it.url or it.key}: {why}; using the feed's text")
        return _Read(it, records=[RawArticle(text=text, path=it.url or it.source_url, id=it.key, title=it.title,
                                             published=it.published, outlet=outlet, url=it.url)])

    # -- storing --------------------------------------------------------------------------------------
    def _store(self, reads: list[_Read], rep: CycleReport, now: datetime) -> None:
        from rasd.aggregate.incremental import refresh, unmerged_articles
        from rasd.runner import Hooks, run
        from rasd.store.db import Store

        records = [r for read in reads for r in read.records]
        with self._locked():
            if records:  # the runner opens and closes the file per batch, like `rasd run`
                stats = run([it.source_url for it in {id(r.item): r.item for r in reads}.values()], self.db_path,
                            items=records, engine=self._engine_once(), command="watch",
                            hooks=Hooks(on_reject=self.log))
                rep.articles_stored += stats.articles_stored
                rep.events += stats.events
                caches.trim(settings.CACHE_TRIM_ENTRIES)  # it runs for weeks: memory stays flat
            stored = Store(self.db_path).stored_ids([r.item.key for r in reads if r.records])
            self._finish_items(reads, stored, rep, now)
            if records or self._first:
                from rasd.store.connection import Database

                with Database(self.db_path).write() as con:
                    todo = unmerged_articles(con)
                    if todo:
                        queued = 0

                        def within(c: Any, changes: list) -> None:
                            nonlocal queued
                            queued = enqueue_matches(c, changes, now)

                        result = refresh(con, todo, within=within)
                        rep.changed += len(result.changes)
                        rep.alerts_queued += queued

    def _finish_items(self, reads: list[_Read], stored: dict[str, bool], rep: CycleReport, now: datetime) -> None:
        """Each item's outcome (done, to retry, failed) and the sources' article counts, in one transaction."""
        from rasd.store.connection import Database

        with Database(self.db_path).write() as con:
            per_source: dict[str, int] = {}
            for read in reads:
                it = read.item
                n = it.attempts + 1
                if read.records:
                    rep.pages += 1
                    per_source[it.source_url] = per_source.get(it.source_url, 0) + sum(
                        isinstance(r, RawArticle) for r in read.records)
                    state.finish_item(con, it.key, now, state="done", attempts=n,
                                      article_id=it.key if it.key in stored else None)
                elif read.retry:
                    rep.item_errors += 1
                    wait = min(self.config.every * 2 ** (n - 1), self.config.max_backoff)
                    state.finish_item(con, it.key, now, state="pending", attempts=n, error=read.error,
                                      next_attempt_at=now + timedelta(seconds=wait))
                    self.log(f"{it.url}: {read.error}; will retry")
                else:
                    rep.item_errors += 1
                    state.finish_item(con, it.key, now, state="failed", attempts=n, error=read.error)
                    self.log(f"{it.url or it.key}: {read.error}")
            state.add_articles(con, per_source)

    def _engine_once(self) -> Any:
        if self._engine is None:
            from rasd.scale import make_engine

            self._engine = make_engine(self.config.engine, self.config.workers)
        return self._engine

    # -- alerts ---------------------------------------------------------------------------------------
    async def _deliver(self, rep: CycleReport) -> None:
        now = state.utcnow()
        with self._db() as con:
            due = state.due_deliveries(con, now)
        if not due:
            return
        attempts = await post_all(due, self.config.delivery)
        with self._db() as con:
            record_attempts(con, attempts, self.config.delivery, state.utcnow(), self.log)
        rep.delivered += sum(a.ok for a in attempts)
        rep.delivery_errors += sum(not a.ok for a in attempts)


def _page_article(body: bytes, url: str, final_url: str) -> RawArticle | None:
    from rasd.ingest.html_page import decode_html, html_to_article

    return html_to_article(decode_html(body), path=url, url=final_url)


def watch_in_thread(watcher: Watcher) -> tuple[threading.Thread, threading.Event]:
    """Run ``watcher`` in a daemon thread with its own event loop (used by ``rasd serve --watch``)."""
    stop = threading.Event()

    def main() -> None:
        try:
            asyncio.run(watcher.run(stop))
        except Exception as e:  # noqa: BLE001 - the server keeps serving; the log says why watching stopped
            watcher.log(f"stopped: {type(e).__name__}: {e}")

    thread = threading.Thread(target=main, name="rasd-watch", daemon=True)
    thread.start()
    return thread, stop
