"""Engines map a pure batch function over a stream of batches, in order, with bounded work in flight.

Order is kept so that results (and so the store) are identical whatever the engine; at most
``max_in_flight`` batches are submitted ahead of the one being consumed, so memory stays bounded on
inputs of any size. A batch is cut into chunks, one task per chunk, to spread it over the workers.
"""

from __future__ import annotations

import math
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

BatchFn = Callable[[list[Any]], list[Any]]


class Engine(Protocol):
    name: str
    workers: int

    def map_batches(self, fn: BatchFn, batches: Iterable[list[Any]]) -> Iterator[list[Any]]: ...

    def close(self) -> None: ...


def _chunks(batch: list[Any], parts: int) -> list[list[Any]]:
    size = max(1, math.ceil(len(batch) / max(1, parts)))
    return [batch[i:i + size] for i in range(0, len(batch), size)]


class LocalEngine:
    """Everything in this process: simplest to debug and profile."""

    name = "local"

    def __init__(self) -> None:
        self.workers = 1

    def map_batches(self, fn: BatchFn, batches: Iterable[list[Any]]) -> Iterator[list[Any]]:
        # ``map`` keeps no reference to a batch once its result is out: a book-length record's raw text
        # is freed as soon as it is cleaned, not held while its extraction runs and is stored.
        return map(fn, batches)

    def close(self) -> None:
        pass


class _Pipelined:
    """Shared ordering and back-pressure logic for engines that return futures."""

    name = "?"
    workers = 1
    max_in_flight = 2

    def _submit(self, fn: BatchFn, chunk: list[Any]) -> Any: ...

    def _result(self, handle: Any) -> list[Any]: ...

    def map_batches(self, fn: BatchFn, batches: Iterable[list[Any]]) -> Iterator[list[Any]]:
        pending: deque[list[Any]] = deque()
        for batch in batches:
            pending.append([self._submit(fn, c) for c in _chunks(batch, self.workers * 2)] if batch else [])
            if len(pending) > self.max_in_flight:
                yield self._collect(pending.popleft())
        while pending:
            yield self._collect(pending.popleft())

    def _collect(self, handles: list[Any]) -> list[Any]:
        out: list[Any] = []
        for h in handles:
            out.extend(self._result(h))
        return out


class ProcessEngine(_Pipelined):
    """A pool of worker processes on this machine (``spawn``: no state inherited from the driver)."""

    name = "process"

    def __init__(self, workers: int | None = None) -> None:
        import multiprocessing as mp

        self.workers = workers or os.cpu_count() or 1
        self._pool = mp.get_context("spawn").Pool(self.workers)

    def _submit(self, fn: BatchFn, chunk: list[Any]) -> Any:
        return self._pool.apply_async(fn, (chunk,))

    def _result(self, handle: Any) -> list[Any]:
        return handle.get()

    def close(self) -> None:
        self._pool.close()
        self._pool.join()


class RayEngine(_Pipelined):
    """Ray tasks: a local Ray instance by default, or an existing cluster with ``address``."""

    name = "ray"

    def __init__(self, workers: int | None = None, address: str | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise RuntimeError("the ray engine needs Ray: pip install 'rasd[ray]'") from None
        self._ray = ray
        self._owns = not ray.is_initialized()
        if self._owns:
            opts: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                    "ignore_reinit_error": True, "configure_logging": False}
            if address:
                opts["address"] = address
            else:
                opts["num_cpus"] = workers or os.cpu_count() or 1
            ray.init(**opts)
        self.workers = workers or int(ray.cluster_resources().get("CPU", 1))
        self._task = ray.remote(_call)

    def _submit(self, fn: BatchFn, chunk: list[Any]) -> Any:
        return self._task.remote(fn, chunk)

    def _result(self, handle: Any) -> list[Any]:
        return self._ray.get(handle)

    def close(self) -> None:
        if self._owns:
            self._ray.shutdown()


def _call(fn: BatchFn, chunk: list[Any]) -> list[Any]:
    return fn(chunk)


ENGINES = ("local", "process", "ray")


def make_engine(name: str, workers: int | None = None, address: str | None = None) -> Engine:
    if name == "local":
        return LocalEngine()
    if name == "process":
        return ProcessEngine(workers)
    if name == "ray":
        return RayEngine(workers, address)
    raise ValueError(f"unknown engine {name!r} (choose one of {', '.join(ENGINES)})")
