"""The engine thread, shared fairly between servers.

Engine work is CPU-bound Python, so one thread runs it (more threads only fight the event
loop for the GIL). A plain FIFO let one server's burst (or one slow job) delay every other
server's /ask behind its whole queue. Here each server has its own queue and the thread
takes one job from each server with work in turn (round robin), so:

    a job waits for at most one job of each OTHER server with queued work, plus the job
    running when it arrived, however many jobs any server has queued.

Slow I/O (fetching a link) never runs here: the bot fetches first, in another pool, and
only parses and stores in the engine.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class FairEngine:
    """One worker thread serving per-key queues round robin."""

    def __init__(self, name: str = "newsdesk-engine") -> None:
        self._queues: dict[Hashable, deque[tuple[Future[Any], Callable[[], Any]]]] = {}
        self._turns: deque[Hashable] = deque()  # keys with queued work, in serving order
        self._cv = threading.Condition()
        self._stopped = False
        self._running = 0
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._thread.start()

    def submit(self, key: Hashable, fn: Callable[[], T]) -> Future[T]:
        """Queue fn under key (a server id); its Future completes in the engine thread."""
        future: Future[T] = Future()
        with self._cv:
            if self._stopped:
                raise RuntimeError("the engine has shut down")
            queue = self._queues.get(key)
            if queue is None:
                queue = self._queues[key] = deque()
                self._turns.append(key)
            queue.append((future, fn))
            self._cv.notify()
        return future

    def busy(self) -> bool:
        """Whether a job is running or queued (background work waits while it is)."""
        with self._cv:
            return bool(self._running or self._turns)

    def pending(self, key: Hashable) -> int:
        with self._cv:
            return len(self._queues.get(key, ()))

    def _next(self) -> tuple[Future[Any], Callable[[], Any]] | None:
        with self._cv:
            while not self._turns and not self._stopped:
                self._cv.wait()
            if self._stopped:
                return None
            key = self._turns.popleft()
            queue = self._queues[key]
            job = queue.popleft()
            if queue:
                self._turns.append(key)  # its next job waits for every other server's turn
            else:
                del self._queues[key]
            return job

    def _serve(self) -> None:
        while (job := self._next()) is not None:
            future, fn = job
            if not future.set_running_or_notify_cancel():
                continue
            with self._cv:
                self._running += 1
            try:
                result = fn()
            except BaseException as exc:  # handed to the awaiting coroutine
                future.set_exception(exc)
            else:
                future.set_result(result)
            finally:
                with self._cv:
                    self._running -= 1

    def shutdown(self) -> None:
        """Stop after the running job; queued jobs are cancelled."""
        with self._cv:
            self._stopped = True
            for queue in self._queues.values():
                for future, _ in queue:
                    future.cancel()
            self._queues.clear()
            self._turns.clear()
            self._cv.notify_all()
