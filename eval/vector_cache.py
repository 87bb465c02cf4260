"""An embedder that remembers vectors on disk, for evaluations and benchmarks only.

Embedding SQuAD, the BBC set or 105,000 Reuters paragraphs takes minutes on two cores;
the figures need the same vectors every run, so they are kept in a SQLite file outside
the repository (NEWSDESK_VECTOR_CACHE, else ~/.cache/newsdesk/vectors.sqlite3), keyed by
the model version and the text's SHA-256. The product never uses this: its vectors live
in the library's store.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.meaning.embedder import DIMENSION, Embedder


def cache_path() -> Path:
    configured = os.environ.get("NEWSDESK_VECTOR_CACHE")
    return (
        Path(configured) if configured else Path.home() / ".cache" / "newsdesk" / "vectors.sqlite3"
    )


class CachedEmbedder(Embedder):
    """Embedder whose vectors are looked up on disk first (float32, exact)."""

    def __init__(self, path: Path | None = None, threads: int = 2) -> None:
        super().__init__(threads=threads)
        try:
            self.path = path or cache_path()
            self._db = self._open(self.path)
        except (OSError, sqlite3.Error):  # a read-only home: a scratch cache for this run
            self.path = Path(tempfile.mkdtemp(prefix="newsdesk-vectors-")) / "vectors.sqlite3"
            self._db = self._open(self.path)
        self._db_lock = threading.Lock()
        self.fresh_texts = 0  # embedded by the model (not found on disk) ...
        self.fresh_seconds = 0.0  # ... and the time the model took for them

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB)")
        return db

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.version}\0{text}".encode()).hexdigest()

    def embed(self, texts: Sequence[str], batch: int = 16) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        found: dict[str, bytes] = {}
        with self._db_lock:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(self._db.execute(
                    f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk))
        todo = [i for i, key in enumerate(keys) if key not in found]
        for i, key in enumerate(keys):
            if key in found:
                out[i] = np.frombuffer(found[key], dtype=np.float32)
        if todo:
            started = time.perf_counter()
            fresh = super().embed([texts[i] for i in todo], batch)
            self.fresh_seconds += time.perf_counter() - started
            self.fresh_texts += len(todo)
            with self._db_lock:
                self._db.execute("BEGIN")
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors(key, vec) VALUES (?, ?)",
                    [(keys[i], fresh[j].tobytes()) for j, i in enumerate(todo)])
                self._db.execute("COMMIT")
            out[todo] = fresh
        return out
