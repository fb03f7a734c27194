"""Orchestration of a run: read -> prepare -> decide duplicates -> extract (engine) -> store, per batch.

The driver reads, cleans and decides identity in input order; the engine only runs the pure pipeline;
the store commits one batch per transaction. That split is what makes the three engines give the same
database, and a killed run resumable: the next run skips every committed article.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from itertools import chain, islice
from typing import TypeVar

from rasd.ingest.dedup import Decision, Deduplicator, Verdict
from rasd.ingest.errors import InputRejected
from rasd.ingest.prepare import Prepared, prepare_batch, prepare_checked
from rasd.ingest.readers import read_inputs
from rasd.ingest.record import RawArticle
from rasd.model import Article, ArticleResult
from rasd.pipeline import process_batch
from rasd.scale.engines import Engine
from rasd.store.db import Store, StoredArticle

DEFAULT_BATCH = 256
#: A batch also ends at this many characters of text: memory stays bounded when records are long.
BATCH_CHARS = 4_000_000
T = TypeVar("T")


@dataclass
class RunStats:
    articles_read: int = 0
    articles_stored: int = 0
    already_stored: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    rejected: int = 0
    events: int = 0
    elapsed: float = field(default=0.0, compare=False)

    def counters(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "elapsed"}


@dataclass
class Hooks:
    """How a run talks to its caller: problems, progress in bytes read, articles finished."""

    on_reject: Callable[[str], None] = lambda msg: None
    on_bytes: Callable[[int], None] | None = None
    on_articles: Callable[[int, RunStats], None] = lambda n, stats: None


def raw_stream(inputs: Sequence[str], hooks: Hooks, stats: RunStats,
               items: Iterable[RawArticle | InputRejected] | None = None) -> Iterator[RawArticle]:
    """Every input record (of ``items`` when given, else read from ``inputs``), reporting (and counting)
    the rejected ones."""
    for item in (read_inputs(inputs, hooks.on_bytes) if items is None else items):
        if isinstance(item, InputRejected):
            stats.rejected += 1
            hooks.on_reject(str(item))
            continue
        stats.articles_read += 1
        yield item


def prepare_all(raws: Iterable[RawArticle], hooks: Hooks, stats: RunStats,
                with_signature: bool = True) -> Iterator[Prepared]:
    for raw in raws:
        p = prepare_checked(raw, with_signature=with_signature)
        if isinstance(p, InputRejected):
            stats.rejected += 1
            hooks.on_reject(str(p))
            continue
        yield p


def prepared_stream(inputs: Sequence[str], hooks: Hooks, stats: RunStats,
                    with_signature: bool = True) -> Iterator[Prepared]:
    """Read and prepare every input article, reporting (and counting) the rejected ones."""
    return prepare_all(raw_stream(inputs, hooks, stats), hooks, stats, with_signature)


def batched(items: Iterable[T], size: int, chars: Callable[[T], int] | None = None,
            max_chars: int = BATCH_CHARS) -> Iterator[list[T]]:
    """Lists of ``size`` items, or fewer when ``chars`` of them reach ``max_chars`` (book-length records
    then go one at a time); none is referenced here once handed out.

    With ``chars``, the item after a full batch is read before the batch is handed out and starts the
    next one: a source that has no more is then finished, and its generators let go of the last record
    instead of holding its text while the batch is extracted and stored."""
    it = iter(items)
    if chars is None:
        return iter(lambda: list(islice(it, size)), [])
    ahead: list[T] = []

    def take() -> list[T]:
        out: list[T] = []
        total = 0
        for x in chain(ahead, it):
            if out and (len(out) >= size or total >= max_chars):
                ahead[:] = [x]
                return out
            out.append(x)
            total += chars(x)
        ahead.clear()
        return out

    return iter(take, [])


def _raw_chars(raw: RawArticle) -> int:
    return len(raw.text) + len(raw.html or "")


def _prepared_chars(p: Prepared) -> int:
    return len(p.article.text)


def run(inputs: Sequence[str], db_path: str, engine_name: str = "process", workers: int | None = None,
        address: str | None = None, extract: bool = True, batch_size: int = DEFAULT_BATCH,
        hooks: Hooks | None = None, command: str = "run", items: Iterable[RawArticle | InputRejected] | None = None,
        engine: Engine | None = None, record_empty: bool = True) -> RunStats:
    """Ingest (and, with ``extract``, extract) ``inputs`` into the database at ``db_path``.

    ``items`` replaces reading ``inputs`` with records found elsewhere (the watcher's fetched pages; the
    run still lists ``inputs``); a given ``engine`` is used and left open, so a long-lived caller starts
    its workers once. ``record_empty=False`` leaves no ``runs`` row when nothing is written (a POST of
    known articles).
    """
    from rasd.scale import make_engine

    hooks = hooks or Hooks()
    stats = RunStats()
    started = time.perf_counter()
    owns_engine = engine is None
    with Store(db_path) as store:
        if engine is None:
            engine = make_engine(engine_name, workers, address)
        run_id = store.begin_run(command, engine.name, engine.workers, inputs) if record_empty else None
        dedup = Deduplicator(store)
        decided: deque[list[Decision]] = deque()

        def not_stored(raws: list[RawArticle]) -> list[RawArticle]:
            # Articles with a given id that are stored and extracted need no cleaning at all: this is
            # what makes resuming a large, half-done corpus fast.
            done = store.stored_ids([r.id for r in raws if r.id])
            todo = [r for r in raws if not done.get(r.id or "")]
            if len(todo) < len(raws):
                stats.already_stored += len(raws) - len(todo)
                hooks.on_articles(len(raws) - len(todo), stats)
            return todo

        # Maps, not generators with a loop variable: nothing holds a batch of raw records once cleaned.
        raw_batches = map(not_stored, batched(raw_stream(inputs, hooks, stats, items), batch_size,
                                                  _raw_chars))

        def work_batches() -> Iterator[list[Article]]:
            # Cleaning and hashing run in the workers; duplicate decisions stay here, in input order.
            for items in engine.map_batches(prepare_batch, raw_batches):
                prepared = []
                for item in items:
                    if isinstance(item, InputRejected):
                        stats.rejected += 1
                        hooks.on_reject(str(item))
                    else:
                        prepared.append(item)
                decisions = dedup.decide(prepared)
                decided.append(decisions)
                yield [d.prepared.article for d in decisions if d.verdict in (Verdict.NEW, Verdict.EXTRACT_ONLY)]

        results: Iterator[list[ArticleResult]]
        if extract:
            results = engine.map_batches(process_batch, work_batches())
        else:
            results = ([ArticleResult(article=a) for a in b] for b in work_batches())
        status = "failed"
        try:
            for batch_results in results:
                decisions = decided.popleft()
                items = _to_store(decisions, batch_results, extract, stats, hooks)
                if run_id is None and items:
                    run_id = store.begin_run(command, engine.name, engine.workers, inputs)
                if run_id is not None:
                    store.write_batch(items, run_id, stats.counters())
                dedup.committed()
                stats.elapsed = time.perf_counter() - started
                hooks.on_articles(len(decisions), stats)
                del batch_results, items  # not held while the next batch is extracted
            status = "completed"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            if owns_engine:
                engine.close()
            stats.elapsed = time.perf_counter() - started
            if run_id is not None:
                store.finish_run(run_id, status, stats.counters())
    return stats


def _to_store(decisions: list[Decision], results: list[ArticleResult], extract: bool, stats: RunStats,
              hooks: Hooks) -> list[StoredArticle]:
    todo = [d for d in decisions if d.verdict in (Verdict.NEW, Verdict.EXTRACT_ONLY)]
    items: list[StoredArticle] = []
    for d in decisions:
        if d.verdict is Verdict.ALREADY_STORED:
            stats.already_stored += 1
        elif d.verdict is Verdict.EXACT_DUPLICATE:
            stats.exact_duplicates += 1
        elif d.verdict is Verdict.REPEATED_ID:
            stats.rejected += 1
            hooks.on_reject(f"{d.prepared.article.source}: id {d.prepared.article.id!r} repeats an earlier "
                            "article with different text; skipped")
    for d, r in zip(todo, results, strict=True):
        ok = r.error is None
        if not ok:
            stats.rejected += 1
            hooks.on_reject(f"{r.article.source}: extraction failed for {r.article.id!r}: {r.error}")
            r = ArticleResult(article=r.article)
        sig = d.prepared.signature
        if d.verdict is Verdict.NEW:
            stats.articles_stored += 1
            if d.duplicate_of:
                stats.near_duplicates += 1
        stats.events += len(r.events)
        items.append(StoredArticle(
            result=r,
            extracted=extract and ok,
            update_only=d.verdict is Verdict.EXTRACT_ONLY,
            minhash=sig.tobytes() if sig is not None else None,
            band_keys=d.band_keys or [],
            duplicate_similarity=d.similarity,
        ))
    return items


def extract_stream(inputs: Sequence[str], engine_name: str = "local", workers: int | None = None,
                   address: str | None = None, batch_size: int = DEFAULT_BATCH, hooks: Hooks | None = None,
                   stats: RunStats | None = None) -> Iterator[ArticleResult]:
    """Extraction without a database: one result per input article, in input order."""
    from rasd.scale import make_engine

    hooks = hooks or Hooks()
    stats = stats if stats is not None else RunStats()
    engine = make_engine(engine_name, workers, address)
    try:
        batches = ([p.article for p in b] for b in
                   batched(prepared_stream(inputs, hooks, stats, with_signature=False), batch_size,
                           _prepared_chars))
        for results in engine.map_batches(process_batch, batches):
            for r in results:
                if r.error is not None:
                    stats.rejected += 1
                    hooks.on_reject(f"{r.article.source}: extraction failed for {r.article.id!r}: {r.error}")
                stats.events += len(r.events)
                yield r
            hooks.on_articles(len(results), stats)
    finally:
        engine.close()
