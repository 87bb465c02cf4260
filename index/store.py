"""SQLite storage: named libraries of articles, their paragraphs' index terms and quotes.

One file holds every library; nothing is ever read across libraries. Each article is
written in one transaction, so a crash never leaves half an article. The schema has a
version and forward migrations from the first release.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from index.errors import FeedLimitReached, StoreError
from index.models import Article, Quote
from index.text import word_forms

log = logging.getLogger(__name__)

SCHEMA_VERSION = 5
DATABASE_NAME = "newsdesk.sqlite3"
# How long a write waits for another process's write to finish. Adding a 5 MB article
# takes seconds; an import of thousands of articles longer, so a waiting write gets 60 s.
BUSY_TIMEOUT = 60.0
# Variables per statement, well under SQLite's limit (999 in builds before 3.32).
_SQL_CHUNK = 900

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
}


def encode_terms(term_ids: Sequence[int]) -> bytes:
    """A paragraph's terms as (id, count) pairs of uint32, sorted by id: what BM25 needs."""
    counts = Counter(term_ids)
    flat = array("I")
    for tid in sorted(counts):
        flat.append(tid)
        flat.append(counts[tid])
    return flat.tobytes()


def encode_ids(ids: Sequence[int]) -> bytes:
    """Distinct ids as uint32, sorted."""
    return array("I", sorted(set(ids))).tobytes()


def decode_terms(blob: bytes) -> tuple[array, array]:
    """The (ids, counts) arrays of an encoded paragraph."""
    flat = array("I")
    flat.frombytes(blob)
    return flat[0::2], flat[1::2]


@dataclass(frozen=True)
class StoredParagraph:
    """A paragraph row as the search index needs it: key, place, length and terms."""

    key: int
    article_id: str
    n: int
    blob: bytes
    forms: bytes = b""  # the paragraph's exact word forms as encode_ids


@dataclass(frozen=True)
class NewArticle:
    """An article ready to be written: record, dedup key, origin, terms and quotes."""

    article: Article
    body_key: str
    source: str | None
    paragraph_terms: Sequence[Sequence[str]]
    quotes: Sequence[Quote]
    paragraph_forms: Sequence[Sequence[str]] = ()


@dataclass(frozen=True)
class FeedMark:
    """A feed item to record with the article made from it, in the same transaction:
    after a crash either both are stored or neither (the item is fetched again)."""

    feed_url: str
    key: str  # the item's guid, else its link
    link: str | None
    item: str  # the item's fields as JSON, to retry it without the feed
    counts: bool = True  # a new article from this item adds to the feed's articles_added


@dataclass(frozen=True)
class FeedRow:
    """A followed feed and its state, as stored."""

    url: str
    title: str | None
    channel_id: int | None
    added_at: str
    etag: str | None
    last_modified: str | None
    last_polled: str | None
    last_success: str | None
    last_error: str | None
    failures: int
    next_poll: float
    articles_added: int
    pending: int = 0  # items whose page could not be fetched yet


@contextmanager
def busy_as_store_error(timeout: float = BUSY_TIMEOUT) -> Iterator[None]:
    """SQLite's "database is locked" (another process writing for longer than the busy
    timeout) as a StoreError a person can act on."""
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


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Store:
    """The SQLite file; thread-safe (one connection behind a lock) for asyncio.to_thread."""

    def __init__(self, path: Path, busy_timeout: float = BUSY_TIMEOUT) -> None:
        path = Path(path)
        self.busy_timeout = busy_timeout
        # per library: the change count after this connection's last write (see changes)
        self.written: dict[int, int] = {}
        self.path = path
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None,
                                       timeout=busy_timeout)
            with busy_as_store_error(busy_timeout):
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("PRAGMA foreign_keys=ON")
                self._migrate()
                self._term_ids: dict[str, int] = dict(
                    self._db.execute("SELECT term, id FROM terms")
                )
        except StoreError:
            raise
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the database {path}: {exc}") from exc

    @classmethod
    def in_folder(cls, data_dir: Path) -> Store:
        return cls(Path(data_dir) / DATABASE_NAME)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- schema -----------------------------------------------------------------------

    def _migrate(self) -> None:
        with self._lock:
            version = self._schema_version()
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} was written by a newer newsdesk (schema {version}); upgrade newsdesk"
                )
            for step in range(version + 1, SCHEMA_VERSION + 1):
                with self._transaction():
                    if self._schema_version() >= step:
                        continue  # another process migrated first
                    log.info("migrating %s to schema %d", self.path, step)
                    for statement in _MIGRATIONS[step].split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                    if step == 2:
                        self._fill_forms()
                    self._db.execute(
                        "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                        (str(step),),
                    )

    def _schema_version(self) -> int:
        has_meta = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        if not has_meta:
            return 0
        row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _fill_forms(self) -> None:
        """Migration 2: the word forms of paragraphs stored before forms were kept."""
        self._term_ids = dict(self._db.execute("SELECT term, id FROM terms"))
        rows = self._db.execute("SELECT id, text FROM paragraphs").fetchall()
        for key, text in rows:
            blob = encode_ids(self.term_ids(word_forms(text)))
            self._db.execute("UPDATE paragraphs SET forms=? WHERE id=?", (blob, key))

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db, self.busy_timeout)

    # -- other processes ----------------------------------------------------------------

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction: every read inside sees the same committed state, however
        other processes write meanwhile (WAL readers are never blocked)."""
        with self._lock:
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

    def changes(self, library: int) -> int:
        """How many writes a library has had, from any process: a reader holding it in
        memory reloads when this moved."""
        with self._lock:
            row = self._db.execute(
                "SELECT value FROM meta WHERE key=?", (f"changes:{library}",)
            ).fetchone()
            return int(row[0]) if row else 0

    def _count_change(self, library: int) -> None:
        """Inside a write transaction: one more change to this library."""
        count = self.changes(library) + 1
        self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                         (f"changes:{library}", str(count)))
        self.written[library] = count

    def load_new_terms(self) -> None:
        """Term ids other processes created since this connection read them."""
        with self._lock:
            top = max(self._term_ids.values(), default=0)
            self._term_ids.update(self._db.execute(
                "SELECT term, id FROM terms WHERE id > ?", (top,)
            ))

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
            return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- libraries --------------------------------------------------------------------

    def library_id(self, name: str) -> int:
        """The id of a named library, created on first use."""
        with self._lock:
            row = self._db.execute("SELECT id FROM libraries WHERE name=?", (name,)).fetchone()
            if row:
                return int(row[0])
            with busy_as_store_error(self.busy_timeout):  # OR IGNORE: another process may create it first
                self._db.execute(
                    "INSERT OR IGNORE INTO libraries(name, created_at) VALUES (?, ?)",
                    (name, _now()),
                )
            row = self._db.execute("SELECT id FROM libraries WHERE name=?", (name,)).fetchone()
            return int(row[0])

    # -- terms ------------------------------------------------------------------------

    def term_ids(self, terms: Sequence[str]) -> list[int]:
        """Ids for terms, adding unknown ones (inside the caller's transaction)."""
        ids = self._term_ids
        new = [t for t in dict.fromkeys(terms) if t not in ids]
        if new:
            self._db.executemany("INSERT OR IGNORE INTO terms(term) VALUES (?)", [(t,) for t in new])
            # in chunks: SQLite caps the variables of one statement (32,766 by default)
            for start in range(0, len(new), _SQL_CHUNK):
                chunk = new[start:start + _SQL_CHUNK]
                marks = ",".join("?" * len(chunk))
                for term, tid in self._db.execute(
                    f"SELECT term, id FROM terms WHERE term IN ({marks})", chunk
                ):
                    ids[term] = tid
        return [ids[t] for t in terms]

    def known_term_id(self, term: str) -> int | None:
        return self._term_ids.get(term)

    # -- articles ---------------------------------------------------------------------

    def find_by_body(self, library: int, body_key: str) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id FROM articles WHERE library_id=? AND body_key=?", (library, body_key)
            ).fetchone()
            return row[0] if row else None

    def insert_articles(
        self, library: int, batch: Sequence[NewArticle],
        marks: Sequence[FeedMark | None] = (),
    ) -> list[list[StoredParagraph] | str]:
        """Write several articles in ONE transaction: all of them are stored, or none.

        An article whose body another process stored meanwhile is not written again: its
        place in the result holds the stored article's id instead of paragraphs.
        marks (aligned with batch): the feed items the articles come from, recorded in
        the same transaction.
        """
        with self._lock:
            try:
                with self._transaction():
                    stored: list[list[StoredParagraph] | str] = []
                    for n, item in enumerate(batch):
                        existing = self.find_by_body(library, item.body_key)
                        stored.append(existing if existing is not None
                                      else self._insert_one(library, item))
                        mark = marks[n] if n < len(marks) else None
                        if mark is not None:
                            self._write_mark(library, mark, existing or item.article.id,
                                             new=existing is None)
                    self._count_change(library)
                    return stored
            except BaseException:
                # Term ids handed out inside the rolled-back transaction no longer exist.
                self._term_ids = dict(self._db.execute("SELECT term, id FROM terms"))
                raise

    def _insert_one(self, library: int, item: NewArticle) -> list[StoredParagraph]:
        article = item.article
        seq_row = self._db.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM articles WHERE library_id=?", (library,)
        ).fetchone()
        self._db.execute(
            "INSERT INTO articles(library_id, id, seq, body_key, title, standfirst, authors,"
            " outlet, published, url, source, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                library, article.id, seq_row[0], item.body_key, article.title,
                article.standfirst, json.dumps(list(article.authors)), article.outlet,
                article.published, article.url, item.source, article.added_at or _now(),
            ),
        )
        stored: list[StoredParagraph] = []
        forms_of = item.paragraph_forms or [word_forms(p) for p in article.paragraphs]
        for n, (text, terms, forms) in enumerate(
            zip(article.paragraphs, item.paragraph_terms, forms_of), start=1
        ):
            blob = encode_terms(self.term_ids(terms))
            form_blob = encode_ids(self.term_ids(forms))
            cur = self._db.execute(
                "INSERT INTO paragraphs(library_id, article_id, n, text, terms, forms)"
                " VALUES (?,?,?,?,?,?)",
                (library, article.id, n, text, blob, form_blob),
            )
            stored.append(StoredParagraph(int(cur.lastrowid), article.id, n, blob, form_blob))
        self._write_quotes(library, article.id, item.quotes)
        return stored

    def _write_quotes(self, library: int, article_id: str, quotes: Sequence[Quote]) -> None:
        self._db.execute(
            "DELETE FROM quotes WHERE library_id=? AND article_id=?", (library, article_id)
        )
        self._db.executemany(
            "INSERT INTO quotes(library_id, article_id, seq, paragraph, end_paragraph, start,"
            " speaker, role, description, text) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (library, article_id, i, q.paragraph, q.end_paragraph, q.start, q.speaker,
                 q.role, q.description, q.text)
                for i, q in enumerate(quotes)
            ],
        )

    def replace_quotes(self, library: int, article_id: str, quotes: Sequence[Quote]) -> None:
        with self._lock, self._transaction():
            self._write_quotes(library, article_id, quotes)
            self._count_change(library)

    def delete_article(self, library: int, article_id: str) -> list[StoredParagraph]:
        """Remove an article with its paragraphs and quotes; returns the removed paragraphs."""
        with self._lock, self._transaction():
            removed = [
                StoredParagraph(r[0], article_id, r[1], r[2], r[3])
                for r in self._db.execute(
                    "SELECT id, n, terms, forms FROM paragraphs WHERE library_id=? AND article_id=?",
                    (library, article_id),
                )
            ]
            self._db.executemany(
                "DELETE FROM paragraph_vectors WHERE paragraph_id=?", [(r.key,) for r in removed]
            )
            self._db.execute(
                "DELETE FROM paragraphs WHERE library_id=? AND article_id=?", (library, article_id)
            )
            self._db.execute(
                "DELETE FROM quotes WHERE library_id=? AND article_id=?", (library, article_id)
            )
            self._db.execute(
                "DELETE FROM articles WHERE library_id=? AND id=?", (library, article_id)
            )
            self._count_change(library)
            return removed

    def articles(self, library: int) -> list[Article]:
        """Every article of a library, oldest first, with its paragraphs."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, title, standfirst, authors, outlet, published, url, added_at"
                " FROM articles WHERE library_id=? ORDER BY seq",
                (library,),
            ).fetchall()
            paragraphs: dict[str, list[str]] = {r[0]: [] for r in rows}
            for article_id, text in self._db.execute(
                "SELECT article_id, text FROM paragraphs WHERE library_id=? ORDER BY article_id, n",
                (library,),
            ):
                paragraphs[article_id].append(text)
        return [
            Article(
                id=r[0], title=r[1], standfirst=r[2], authors=tuple(json.loads(r[3])),
                outlet=r[4], published=r[5], url=r[6], added_at=r[7],
                paragraphs=tuple(paragraphs[r[0]]),
            )
            for r in rows
        ]

    def article_sources(self, library: int) -> dict[str, str | None]:
        with self._lock:
            return dict(
                self._db.execute("SELECT id, source FROM articles WHERE library_id=?", (library,))
            )

    def paragraph_rows(self, library: int) -> Iterator[StoredParagraph]:
        """Paragraph keys and encoded terms, for building the search index at start."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, article_id, n, terms, forms FROM paragraphs WHERE library_id=?"
                " ORDER BY id",
                (library,),
            ).fetchall()
        return (StoredParagraph(r[0], r[1], r[2], r[3], r[4]) for r in rows)

    def quotes(self, library: int) -> list[Quote]:
        with self._lock:
            rows = self._db.execute(
                "SELECT q.article_id, q.paragraph, q.end_paragraph, q.start, q.speaker, q.role,"
                " q.description, q.text FROM quotes q JOIN articles a"
                " ON a.library_id=q.library_id AND a.id=q.article_id"
                " WHERE q.library_id=? ORDER BY a.seq, q.seq",
                (library,),
            ).fetchall()
        return [
            Quote(text=r[7], paragraph=r[1], end_paragraph=r[2], start=r[3], speaker=r[4],
                  role=r[5], description=r[6], article_id=r[0])
            for r in rows
        ]

    # -- paragraph vectors ------------------------------------------------------------

    def vector_rows(self, library: int, model: str) -> Iterator[tuple[int, bytes, bytes]]:
        """(paragraph key, int8 vectors, float32 scales) of the library's paragraphs that
        have vectors from this model, streamed (consume it before the next store call)."""
        with self._lock:
            for r in self._db.execute(
                "SELECT v.paragraph_id, v.vecs, v.scales FROM paragraph_vectors v"
                " JOIN paragraphs p ON p.id = v.paragraph_id"
                " WHERE p.library_id=? AND v.model=? ORDER BY v.paragraph_id",
                (library, model),
            ):
                yield int(r[0]), r[1], r[2]

    def count_vector_rows(self, library: int, model: str) -> int:
        """How many vectors (paragraphs' and sentences') the library has from this model."""
        with self._lock:
            row = self._db.execute(
                "SELECT COALESCE(SUM(LENGTH(v.scales)), 0) / 4 FROM paragraph_vectors v"
                " JOIN paragraphs p ON p.id = v.paragraph_id"
                " WHERE p.library_id=? AND v.model=?", (library, model)).fetchone()
            return int(row[0])

    def vectors_of(self, keys: Sequence[int], model: str) -> list[tuple[int, bytes, bytes]]:
        """(key, int8 vectors, scales) of these paragraphs that have vectors of this model."""
        out: list[tuple[int, bytes, bytes]] = []
        with self._lock:
            for start in range(0, len(keys), 500):  # SQLite caps the variables a statement has
                chunk = list(keys[start:start + 500])
                marks = ",".join("?" * len(chunk))
                out += [(int(r[0]), r[1], r[2]) for r in self._db.execute(
                    f"SELECT paragraph_id, vecs, scales FROM paragraph_vectors"
                    f" WHERE model=? AND paragraph_id IN ({marks})", [model, *chunk])]
        return out

    def paragraphs_without_vector(
        self, library: int, model: str, limit: int
    ) -> list[tuple[int, str]]:
        """Up to limit (key, text) of paragraphs with no vector from this model, oldest
        first."""
        with self._lock:
            return [
                (int(r[0]), r[1])
                for r in self._db.execute(
                    "SELECT p.id, p.text FROM paragraphs p LEFT JOIN paragraph_vectors v"
                    " ON v.paragraph_id = p.id AND v.model = ?"
                    " WHERE p.library_id=? AND v.paragraph_id IS NULL ORDER BY p.id LIMIT ?",
                    (model, library, limit),
                )
            ]

    def count_vectors(self, library: int, model: str) -> tuple[int, int]:
        """(paragraphs with a vector from this model, paragraphs) of a library."""
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(v.paragraph_id), COUNT(*) FROM paragraphs p LEFT JOIN"
                " paragraph_vectors v ON v.paragraph_id = p.id AND v.model = ?"
                " WHERE p.library_id=?",
                (model, library),
            ).fetchone()
            return int(row[0]), int(row[1])

    def delete_vectors(self, library: int) -> None:
        with self._lock, self._transaction():
            self._db.execute(
                "DELETE FROM paragraph_vectors WHERE paragraph_id IN"
                " (SELECT id FROM paragraphs WHERE library_id=?)", (library,))

    def write_vectors(self, model: str, rows: Sequence[tuple[int, bytes, bytes]]) -> list[int]:
        """Store vectors in one transaction; returns the keys written (a paragraph removed
        meanwhile gets none)."""
        with self._lock, self._transaction():
            written: list[int] = []
            for key, blob, scales in rows:
                cur = self._db.execute(
                    "INSERT OR REPLACE INTO paragraph_vectors(paragraph_id, model, scales, vecs)"
                    " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM paragraphs WHERE id=?)",
                    (key, model, scales, blob, key),
                )
                if cur.rowcount:
                    written.append(key)
            return written

    # -- feeds --------------------------------------------------------------------------

    _FEED_COLUMNS = ("url, title, channel_id, added_at, etag, last_modified, last_polled,"
                     " last_success, last_error, failures, next_poll, articles_added")

    def add_feed(self, library: int, url: str, title: str | None, channel_id: int | None,
                 limit: int) -> FeedRow:
        """Follow a feed (or update its title and channel when followed already); at most
        limit feeds a library, checked inside the write so racing adds cannot pass it."""
        with self._lock, self._transaction():
            known = self._db.execute(
                "SELECT 1 FROM feeds WHERE library_id=? AND url=?", (library, url)
            ).fetchone()
            if known:
                self._db.execute(
                    "UPDATE feeds SET title=COALESCE(?, title), channel_id=? WHERE"
                    " library_id=? AND url=?", (title, channel_id, library, url))
            else:
                count = self._db.execute(
                    "SELECT COUNT(*) FROM feeds WHERE library_id=?", (library,)
                ).fetchone()[0]
                if count >= limit:
                    raise FeedLimitReached(limit)
                self._db.execute(
                    "INSERT INTO feeds(library_id, url, title, channel_id, added_at)"
                    " VALUES (?,?,?,?,?)", (library, url, title, channel_id, _now()))
            row = self._feed(library, url)
            assert row is not None
            return row

    def remove_feed(self, library: int, url: str) -> bool:
        """Stop following a feed (its articles stay); False when it was not followed."""
        with self._lock, self._transaction():
            cur = self._db.execute(
                "DELETE FROM feeds WHERE library_id=? AND url=?", (library, url))
            self._db.execute(
                "DELETE FROM feed_items WHERE library_id=? AND feed_url=?", (library, url))
            return cur.rowcount > 0

    def feeds(self, library: int) -> list[FeedRow]:
        with self._lock:
            urls = [r[0] for r in self._db.execute(
                "SELECT url FROM feeds WHERE library_id=? ORDER BY added_at, url", (library,))]
            return [row for url in urls if (row := self._feed(library, url)) is not None]

    def feed(self, library: int, url: str) -> FeedRow | None:
        with self._lock:
            return self._feed(library, url)

    def _feed(self, library: int, url: str) -> FeedRow | None:
        row = self._db.execute(
            f"SELECT {self._FEED_COLUMNS} FROM feeds WHERE library_id=? AND url=?",
            (library, url)).fetchone()
        if row is None:
            return None
        pending = self._db.execute(
            "SELECT COUNT(*) FROM feed_items WHERE library_id=? AND feed_url=?"
            " AND article_id IS NULL", (library, url)).fetchone()[0]
        return FeedRow(*row, pending=int(pending))

    def feed_libraries(self) -> list[tuple[str, int]]:
        """(library name, feeds) of every library that follows a feed."""
        with self._lock:
            return [(r[0], int(r[1])) for r in self._db.execute(
                "SELECT l.name, COUNT(*) FROM feeds f JOIN libraries l ON l.id = f.library_id"
                " GROUP BY l.name ORDER BY l.name")]

    def known_items(self, library: int, feed_url: str, keys: Sequence[str],
                    links: Sequence[str]) -> tuple[set[str], set[str]]:
        """Of these item keys and links: the keys this feed has recorded, and the links
        recorded (by this feed) or stored as an article's URL in the library."""
        seen_keys: set[str] = set()
        seen_links: set[str] = set()
        with self._lock:
            for start in range(0, len(keys), _SQL_CHUNK):
                chunk = list(keys[start:start + _SQL_CHUNK])
                marks = ",".join("?" * len(chunk))
                seen_keys.update(r[0] for r in self._db.execute(
                    f"SELECT key FROM feed_items WHERE library_id=? AND feed_url=?"
                    f" AND key IN ({marks})", [library, feed_url, *chunk]))
            for start in range(0, len(links), _SQL_CHUNK):
                chunk = list(links[start:start + _SQL_CHUNK])
                marks = ",".join("?" * len(chunk))
                seen_links.update(r[0] for r in self._db.execute(
                    f"SELECT link FROM feed_items WHERE library_id=? AND feed_url=?"
                    f" AND link IN ({marks})", [library, feed_url, *chunk]))
                seen_links.update(r[0] for r in self._db.execute(
                    f"SELECT url FROM articles WHERE library_id=? AND url IN ({marks})",
                    [library, *chunk]))
        return seen_keys, seen_links

    def pending_items(self, library: int, feed_url: str, limit: int,
                      max_attempts: int) -> list[tuple[str, str]]:
        """(key, item JSON) of items still waiting for their page, oldest first."""
        with self._lock:
            return [(r[0], r[1]) for r in self._db.execute(
                "SELECT key, item FROM feed_items WHERE library_id=? AND feed_url=?"
                " AND article_id IS NULL AND attempts < ? ORDER BY seen_at, rowid LIMIT ?",
                (library, feed_url, max_attempts, limit))]

    def record_items(self, library: int, marks: Sequence[tuple[FeedMark, str | None]],
                     ) -> None:
        """Items settled without a new article: (mark, the stored article it duplicates)."""
        with self._lock, self._transaction():
            for mark, article_id in marks:
                self._write_mark(library, mark, article_id, new=False)

    def item_failed(self, library: int, mark: FeedMark, error: str) -> None:
        """An item whose page could not be fetched or read: kept, to be tried again."""
        with self._lock, self._transaction():
            self._db.execute(
                "INSERT INTO feed_items(library_id, feed_url, key, link, item, attempts,"
                " last_error, seen_at) VALUES (?,?,?,?,?,1,?,?)"
                " ON CONFLICT(library_id, feed_url, key) DO UPDATE SET"
                " attempts = attempts + 1, last_error = excluded.last_error",
                (library, mark.feed_url, mark.key, mark.link, mark.item, error, _now()))

    def _write_mark(self, library: int, mark: FeedMark, article_id: str | None,
                    new: bool) -> None:
        self._db.execute(
            "INSERT INTO feed_items(library_id, feed_url, key, link, item, article_id,"
            " seen_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT(library_id, feed_url, key)"
            " DO UPDATE SET article_id = excluded.article_id, last_error = NULL",
            (library, mark.feed_url, mark.key, mark.link, mark.item, article_id, _now()))
        if new and mark.counts:
            self._db.execute(
                "UPDATE feeds SET articles_added = articles_added + 1"
                " WHERE library_id=? AND url=?", (library, mark.feed_url))

    def feed_polled(self, library: int, url: str, *, ok: bool, error: str | None,
                    next_poll: float, title: str | None = None, etag: str | None = None,
                    last_modified: str | None = None, keep_validators: bool = False) -> None:
        """A poll's outcome: success resets the failures (and keeps the new validators),
        an error counts one more failure; next_poll is when to poll again."""
        now = _now()
        with self._lock, self._transaction():
            if ok:
                self._db.execute(
                    "UPDATE feeds SET last_polled=?, last_success=?, last_error=?, failures=0,"
                    " next_poll=?, title=COALESCE(?, title),"
                    " etag=CASE WHEN ? THEN etag ELSE ? END,"
                    " last_modified=CASE WHEN ? THEN last_modified ELSE ? END"
                    " WHERE library_id=? AND url=?",
                    (now, now, error, next_poll, title, keep_validators, etag,
                     keep_validators, last_modified, library, url))
            else:
                self._db.execute(
                    "UPDATE feeds SET last_polled=?, last_error=?, failures=failures+1,"
                    " next_poll=? WHERE library_id=? AND url=?",
                    (now, error, next_poll, library, url))

    def refresh_quotes(
        self, version_key: str, version: str, extract: Callable[[Sequence[str]], list[Quote]]
    ) -> int:
        """Re-run quote extraction on every stored article when the extractor changed."""
        if self.get_meta(version_key) == version:
            return 0
        with self._lock:
            libs = [r[0] for r in self._db.execute("SELECT id FROM libraries")]
        count = 0
        for lib in libs:
            for article in self.articles(lib):
                self.replace_quotes(lib, article.id, extract(article.paragraphs))
                count += 1
        self.set_meta(version_key, version)
        if count:
            log.info("re-extracted quotes of %d stored articles", count)
        return count


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""

    def __init__(self, db: sqlite3.Connection, busy_timeout: float) -> None:
        self._db = db
        self._busy_timeout = busy_timeout

    def __enter__(self) -> None:
        with busy_as_store_error(self._busy_timeout):
            self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            try:
                with busy_as_store_error(self._busy_timeout):
                    self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        else:
            self._db.execute("ROLLBACK")
