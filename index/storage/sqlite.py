"""SQLite storage: the default store, one file holding every library.

Nothing is ever read across libraries. Each article is written in one transaction
(BEGIN IMMEDIATE: one writer at a time, readers never blocked in WAL mode), so a crash
never leaves half an article. The schema has a version and forward migrations from the
first release; the SQL itself is shared with PostgreSQL (index/storage/sql.py).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from index.errors import StoreError
from index.storage.sql import Db, SqlStore, sql_chunks
from index.store import DATABASE_NAME, SQLITE_SCHEME

# How long a write waits for another process's write to finish. Adding a 5 MB article
# takes seconds; an import of thousands of articles longer, so a waiting write gets 60 s.
BUSY_TIMEOUT = 60.0

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE libraries (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE terms (
        id INTEGER PRIMARY KEY,
        term TEXT NOT NULL UNIQUE
    );
    CREATE TABLE articles (
        library_id INTEGER NOT NULL REFERENCES libraries(id),
        id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        body_key TEXT NOT NULL,
        title TEXT NOT NULL,
        standfirst TEXT,
        authors TEXT NOT NULL,
        outlet TEXT,
        published TEXT,
        url TEXT,
        source TEXT,
        added_at TEXT NOT NULL,
        PRIMARY KEY (library_id, id),
        UNIQUE (library_id, body_key)
    );
    CREATE TABLE paragraphs (
        id INTEGER PRIMARY KEY,
        library_id INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        text TEXT NOT NULL,
        terms BLOB NOT NULL,
        UNIQUE (library_id, article_id, n)
    );
    CREATE TABLE quotes (
        library_id INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        end_paragraph INTEGER,
        start INTEGER NOT NULL,
        speaker TEXT,
        role TEXT,
        description TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (library_id, article_id, seq)
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: each paragraph's exact word forms, so a name is told apart from a word that
    # merely shares its stem ("Truss" and "trusses"); filled for stored paragraphs below.
    2: """
    ALTER TABLE paragraphs ADD COLUMN forms BLOB NOT NULL DEFAULT x'';
    """,
    # The next article's seq is MAX(seq) + 1: without this index that reads every article
    # of the library, 20 ms per add at 19,000 articles (ingestion fell to 364 paragraphs/s).
    3: """
    CREATE INDEX articles_by_seq ON articles(library_id, seq);
    """,
    # 4: each paragraph's vectors for meaning search (the paragraph's, then one per
    # sentence: int8 rows and their float32 scales), tagged with the model that made them:
    # a new model's vectors replace the old ones in place.
    4: """
    CREATE TABLE paragraph_vectors (
        paragraph_id INTEGER PRIMARY KEY,
        model TEXT NOT NULL,
        scales BLOB NOT NULL,
        vecs BLOB NOT NULL
    );
    """,
    # 5: feeds a library follows, with their fetch state, and every item seen in them
    # (article_id NULL while its page still has to be fetched: retried, never forgotten).
    # Articles by URL: a feed item whose link was added by hand is not fetched again.
    5: """
    CREATE TABLE feeds (
        library_id INTEGER NOT NULL REFERENCES libraries(id),
        url TEXT NOT NULL,
        title TEXT,
        channel_id INTEGER,
        added_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_polled TEXT,
        last_success TEXT,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_poll REAL NOT NULL DEFAULT 0,
        articles_added INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (library_id, url)
    );
    CREATE TABLE feed_items (
        library_id INTEGER NOT NULL,
        feed_url TEXT NOT NULL,
        key TEXT NOT NULL,
        link TEXT,
        item TEXT NOT NULL,
        article_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (library_id, feed_url, key)
    );
    CREATE INDEX feed_items_by_link ON feed_items(library_id, feed_url, link);
    CREATE INDEX articles_by_url ON articles(library_id, url);
    """,
    # 6: a heartbeat row per running bot process, for `newsdesk status`
    6: """
    CREATE TABLE processes (
        id TEXT PRIMARY KEY,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        shards TEXT NOT NULL,
        libraries INTEGER NOT NULL,
        memory INTEGER NOT NULL,
        behind INTEGER NOT NULL,
        notify_lag_ms REAL,
        started_at TEXT NOT NULL,
        beat_at REAL NOT NULL
    );
    """,
}



@contextmanager
def busy_as_store_error(timeout: float = BUSY_TIMEOUT) -> Iterator[None]:
    """SQLite's "database is locked" (another process writing for longer than the busy
    timeout) as a StoreError a person can act on; a refused write as a StoreError too."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise StoreError(
                f"the library is busy: another newsdesk process has been writing to it for "
                f"over {timeout:g} s; try again when it has finished"
            ) from None
        raise
    except sqlite3.IntegrityError as exc:
        raise StoreError(f"the store refused the write ({exc}); nothing of it was kept") from None


class SqliteStore(SqlStore):
    """The SQLite file; thread-safe (one connection behind a lock) for asyncio.to_thread."""

    MIGRATIONS = _MIGRATIONS
    ITEM_ORDER = "rowid"
    TEXT_ORDER = ""  # SQLite compares text as bytes already

    def __init__(self, path: Path, busy_timeout: float = BUSY_TIMEOUT) -> None:
        super().__init__(busy_timeout)
        path = Path(path)
        self.path = path
        self.url = f"{SQLITE_SCHEME}{path}"
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None,
                                       timeout=busy_timeout)
            with busy_as_store_error(busy_timeout):
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA foreign_keys=ON")
                self._open_schema()
        except StoreError:
            raise
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the database {path}: {exc}") from exc

    @classmethod
    def in_folder(cls, data_dir: Path) -> SqliteStore:
        return cls(Path(data_dir) / DATABASE_NAME)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _reading(self) -> Iterator[Db]:
        with self._lock:
            yield self._db

    @contextmanager
    def _writing(self) -> Iterator[Db]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
        with self._lock:
            with busy_as_store_error(self.busy_timeout):
                self._db.execute("BEGIN IMMEDIATE")
            try:
                with busy_as_store_error(self.busy_timeout):
                    yield self._db
                    self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction: every read inside sees the same committed state, however
        other processes write meanwhile (WAL readers are never blocked)."""
        with self._lock:
            if self._db.in_transaction:  # inside another snapshot: part of it
                yield
                return
            with busy_as_store_error(self.busy_timeout):
                self._db.execute("BEGIN")
            try:
                yield
            finally:
                self._db.execute("COMMIT")

    def data_version(self) -> int:
        """Changes when another connection commits anything (SQLite's PRAGMA data_version;
        this connection's own commits leave it as it is). Costs no I/O."""
        with self._lock:
            return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def _announce(self, db: Db, library: int, count: int) -> None:
        """Nothing to send: other connections see the commit through data_version."""

    def _after_bulk_load(self, db: Db) -> None:
        """Nothing to move: SQLite gives a new row an id above the largest stored one,
        explicit ids included."""

    def _has_table(self, db: Db, name: str) -> bool:
        return db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                          (name,)).fetchone() is not None

    def _insert_terms(self, db: Db, new: list[str]) -> Iterable[tuple[str, int]]:
        db.executemany("INSERT INTO terms(term) VALUES (?) ON CONFLICT(term) DO NOTHING",
                       [(t,) for t in new])
        found: list[tuple[str, int]] = []
        # in chunks: SQLite caps the variables of one statement (32,766 by default)
        for chunk in sql_chunks(new):
            marks = ",".join("?" * len(chunk))
            found += db.execute(f"SELECT term, id FROM terms WHERE term IN ({marks})",
                                chunk).fetchall()
        return found
