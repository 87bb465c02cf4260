"""The background worker that gives paragraphs their vectors after they are stored.

An article is searchable by its words the moment `add` returns; its vectors follow
within seconds, computed here off the caller's thread. One worker serves every library
of a process and takes them in turn, one small batch each, so a server adding a
thousand articles does not hold back another server's new article. The same worker
fills in what a library opened by this process lacks (a new model, or articles added by
a process that stopped before embedding them).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

log = logging.getLogger(__name__)

BATCH = 8  # paragraphs embedded per turn: ~0.1 s of one core for news paragraphs
PAUSE_S = 0.02  # how often a paused worker looks again


class Fillable(Protocol):
    name: str

    def fill_vectors(self, limit: int) -> int:
        """Embed and store up to limit paragraphs lacking a vector; how many were done."""
        ...


class VectorFiller:
    """One daemon thread; `notify` wakes it for a library, `wait_idle` waits for the end."""

    def __init__(self, batch: int = BATCH,
                 pause_while: Callable[[], bool] = lambda: False) -> None:
        """pause_while: while it says so (questions are being answered), no new batch
        starts, so answers never wait for the model's background work."""
        self.batch = batch
        self._pause_while = pause_while
        self._pending: OrderedDict[str, Fillable] = OrderedDict()
        self._cond = threading.Condition()
        self._busy = False
        self._stopped = False
        self._thread: threading.Thread | None = None

    def notify(self, library: Fillable) -> None:
        """library has paragraphs without vectors (or may have)."""
        with self._cond:
            if self._stopped:
                return
            self._pending[library.name] = library
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="newsdesk-vectors",
                                                daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no library has work left (True), or timeout passes (False)."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def stop(self, wait: float = 30.0) -> None:
        """No more work; wait (up to `wait` s) for the batch under way to be stored."""
        with self._cond:
            self._stopped = True
            self._pending.clear()
            self._cond.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(wait)

    def _next(self) -> Fillable | None:
        with self._cond:
            self._cond.wait_for(lambda: self._pending or self._stopped)
            if self._stopped:
                return None
            name, library = self._pending.popitem(last=False)
            self._busy = True
            return library

    def _run(self) -> None:
        while True:
            library = self._next()
            if library is None:
                return
            done = 0
            while self._pause_while() and not self._stopped:
                time.sleep(PAUSE_S)
            try:
                done = library.fill_vectors(self.batch)
            except Exception:  # a damaged paragraph must not stop every library's vectors
                log.exception("embedding paragraphs of library %s failed", library.name)
            with self._cond:
                self._busy = False
                if done and not self._stopped:
                    # round robin: back of the queue, behind the other libraries
                    self._pending.setdefault(library.name, library)
                self._cond.notify_all()
