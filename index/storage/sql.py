"""The store's SQL, written once for both databases: every statement here runs as it is
on SQLite and on PostgreSQL (`?` placeholders, ON CONFLICT upserts, RETURNING).

The two implementations (sqlite.py, postgres.py) supply what differs: connections and
transactions, the schema's column types, how new terms are inserted in bulk, how other
processes learn of a change, and how a table's insertion order is kept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from index.errors import FeedLimitReached, StoreError
from index.models import Article, Quote
from index.store import (
    SCHEMA_VERSION,
    FeedMark,
    FeedRow,
    LibraryCounts,
    NewArticle,
    ProcessRow,
    StoredParagraph,
    encode_ids,
    encode_terms,
)
from index.text import word_forms

log = logging.getLogger(__name__)

# Variables per statement, well under SQLite's limit (999 in builds before 3.32).
SQL_CHUNK = 900
T = TypeVar("T")


def sql_chunks(values: Sequence[T]) -> Iterator[list[T]]:
    """values in runs of at most SQL_CHUNK, one statement's variables each."""
    for start in range(0, len(values), SQL_CHUNK):
        yield list(values[start:start + SQL_CHUNK])
# A heartbeat older than this is a process that stopped without saying so: pruned.
STALE_PROCESS_S = 24 * 3600.0

# The tables `migrate` copies, with their columns in a fixed order (processes are not
# copied: they describe the processes running on the source).
TABLES: dict[str, tuple[str, ...]] = {
    "libraries": ("id", "name", "created_at"),
    "terms": ("id", "term"),
    "articles": ("library_id", "id", "seq", "body_key", "title", "standfirst", "authors",
                 "outlet", "published", "url", "source", "added_at"),
    "paragraphs": ("id", "library_id", "article_id", "n", "text", "terms", "forms"),
    "quotes": ("library_id", "article_id", "seq", "paragraph", "end_paragraph", "start",
               "speaker", "role", "description", "text"),
    "paragraph_vectors": ("paragraph_id", "model", "scales", "vecs"),
    "feeds": ("library_id", "url", "title", "channel_id", "added_at", "etag", "last_modified",
              "last_polled", "last_success", "last_error", "failures", "next_poll",
              "articles_added"),
    "feed_items": ("library_id", "feed_url", "key", "link", "item", "article_id", "attempts",
                   "last_error", "seen_at"),
    "meta": ("key", "value"),
}
_TABLE_ORDER: dict[str, str] = {
    "libraries": "id", "terms": "id", "articles": "library_id, seq",
    "paragraphs": "id", "quotes": "library_id, article_id, seq",
    "paragraph_vectors": "paragraph_id", "feeds": "library_id, url", "meta": "key",
}


class Db(Protocol):
    """The little of a DB-API connection the shared SQL uses."""

    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...
    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> Any: ...


def now_text() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class SqlStore(ABC):
    """Everything both stores do the same way; subclasses open the connections."""

    MIGRATIONS: dict[int, str]
    ITEM_ORDER: str  # the column that orders feed items as they were first seen
    TEXT_ORDER: str  # appended to an ORDER BY on text: byte order on both databases
    url: str

    def __init__(self, busy_timeout: float) -> None:
        self.busy_timeout = busy_timeout
        # per library: the change count after this process's last write (see changes)
        self.written: dict[int, int] = {}
        self._term_ids: dict[str, int] = {}

    def _open_schema(self) -> None:
        """Migrate to the current schema and read the term ids (subclasses' __init__)."""
        self._migrate()
        with self._reading() as db:
            self._term_ids = dict(db.execute("SELECT term, id FROM terms"))

    # -- what each database does its own way --------------------------------------------

    @abstractmethod
    def _reading(self) -> AbstractContextManager[Db]:
        """A connection for reads (the snapshot's, inside one)."""

    @abstractmethod
    def _writing(self) -> AbstractContextManager[Db]:
        """One write transaction, writers one at a time as in SQLite (term ids and
        article seqs are handed out in commit order); rolled back on any exception."""

    @abstractmethod
    def snapshot(self) -> AbstractContextManager[None]:
        """One read transaction: every read inside sees the same committed state."""

    @abstractmethod
    def data_version(self) -> int:
        """Moves when another connection may have committed a change; costs no I/O."""

    @abstractmethod
    def _has_table(self, db: Db, name: str) -> bool: ...

    @abstractmethod
    def _insert_terms(self, db: Db, new: list[str]) -> Iterable[tuple[str, int]]:
        """Insert new terms (another process may have added some) and return the
        (term, id) of every one of them."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _announce(self, db: Db, library: int, count: int) -> None:
        """Inside a write: tell other processes the library changed (PostgreSQL notifies;
        SQLite readers see it through data_version)."""

    @abstractmethod
    def _after_bulk_load(self, db: Db) -> None:
        """After rows were copied in with their ids: let new ids follow them."""

    def notify_lag_ms(self) -> float | None:
        """The delay of the last change notice received (stores that push notices)."""
        return None

    # -- schema -----------------------------------------------------------------------

    def _migrate(self) -> None:
        with self._reading() as db:
            version = self._schema_version(db)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.url} was written by a newer newsdesk (schema {version}); upgrade newsdesk"
            )
        for step in range(version + 1, SCHEMA_VERSION + 1):
            with self._writing() as db:
                if self._schema_version(db) >= step:
                    continue  # another process migrated first
                log.info("migrating %s to schema %d", self.url, step)
                for statement in self.MIGRATIONS[step].split(";"):
                    if statement.strip():
                        db.execute(statement)
                if step == 2:
                    self._fill_forms(db)
                self._put_meta(db, "schema_version", str(step))

    def _schema_version(self, db: Db) -> int:
        if not self._has_table(db, "meta"):
            return 0
        row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _fill_forms(self, db: Db) -> None:
        """Migration 2: the word forms of paragraphs stored before forms were kept."""
        self._term_ids = dict(db.execute("SELECT term, id FROM terms"))
        rows = db.execute("SELECT id, text FROM paragraphs").fetchall()
        for key, text in rows:
            blob = encode_ids(self._ids_in(db, word_forms(text)))
            db.execute("UPDATE paragraphs SET forms=? WHERE id=?", (blob, key))

    @staticmethod
    def _put_meta(db: Db, key: str, value: str) -> None:
        db.execute("INSERT INTO meta(key, value) VALUES (?, ?)"
                   " ON CONFLICT(key) DO UPDATE SET value=excluded.value", (key, value))

    # -- other processes ----------------------------------------------------------------

    def changes(self, library: int) -> int:
        """How many writes a library has had, from any process: a reader holding it in
        memory reloads when this moved."""
        with self._reading() as db:
            return self._changes_in(db, library)

    @staticmethod
    def _changes_in(db: Db, library: int) -> int:
        row = db.execute("SELECT value FROM meta WHERE key=?", (f"changes:{library}",)).fetchone()
        return int(row[0]) if row else 0

    def _count_change(self, db: Db, library: int) -> None:
        """Inside a write transaction: one more change to this library."""
        count = self._changes_in(db, library) + 1
        self._put_meta(db, f"changes:{library}", str(count))
        self._announce(db, library, count)
        self.written[library] = count

    def load_new_terms(self) -> None:
        """Term ids other processes created since this connection read them."""
        top = max(self._term_ids.values(), default=0)
        with self._reading() as db:
            self._term_ids.update(db.execute("SELECT term, id FROM terms WHERE id > ?", (top,)))

    def get_meta(self, key: str) -> str | None:
        with self._reading() as db:
            row = db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
            return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._writing() as db:
            self._put_meta(db, key, value)

    # -- libraries --------------------------------------------------------------------

    def library_id(self, name: str) -> int:
        """The id of a named library, created on first use."""
        with self._reading() as db:
            row = db.execute("SELECT id FROM libraries WHERE name=?", (name,)).fetchone()
        if row:
            return int(row[0])
        with self._writing() as db:  # DO NOTHING: another process may create it first
            db.execute("INSERT INTO libraries(name, created_at) VALUES (?, ?)"
                       " ON CONFLICT(name) DO NOTHING", (name, now_text()))
            row = db.execute("SELECT id FROM libraries WHERE name=?", (name,)).fetchone()
            return int(row[0])

    def library_names(self) -> list[str]:
        with self._reading() as db:
            return [r[0] for r in db.execute(
                f"SELECT name FROM libraries ORDER BY name{self.TEXT_ORDER}")]

    # -- terms ------------------------------------------------------------------------

    def term_ids(self, terms: Sequence[str]) -> list[int]:
        """Ids for terms, adding unknown ones."""
        if all(t in self._term_ids for t in terms):
            return [self._term_ids[t] for t in terms]
        with self._writing() as db:
            return self._ids_in(db, terms)

    def _ids_in(self, db: Db, terms: Sequence[str]) -> list[int]:
        """Ids for terms inside the caller's write transaction."""
        ids = self._term_ids
        new = [t for t in dict.fromkeys(terms) if t not in ids]
        if new:
            ids.update(self._insert_terms(db, new))
        return [ids[t] for t in terms]

    def known_term_id(self, term: str) -> int | None:
        return self._term_ids.get(term)

    # -- articles ---------------------------------------------------------------------

    def find_by_body(self, library: int, body_key: str) -> str | None:
        with self._reading() as db:
            row = db.execute("SELECT id FROM articles WHERE library_id=? AND body_key=?",
                             (library, body_key)).fetchone()
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
        try:
            with self._writing() as db:
                stored: list[list[StoredParagraph] | str] = []
                for n, item in enumerate(batch):
                    existing = self.find_by_body(library, item.body_key)
                    stored.append(existing if existing is not None
                                  else self._insert_one(db, library, item))
                    mark = marks[n] if n < len(marks) else None
                    if mark is not None:
                        self._write_mark(db, library, mark, existing or item.article.id,
                                         new=existing is None)
                self._count_change(db, library)
                return stored
        except BaseException:
            # Term ids handed out inside the rolled-back transaction no longer exist.
            with self._reading() as db:
                self._term_ids = dict(db.execute("SELECT term, id FROM terms"))
            raise

    def _insert_one(self, db: Db, library: int, item: NewArticle) -> list[StoredParagraph]:
        article = item.article
        seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles WHERE library_id=?",
                         (library,)).fetchone()[0]
        db.execute(
            "INSERT INTO articles(library_id, id, seq, body_key, title, standfirst, authors,"
            " outlet, published, url, source, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                library, article.id, seq, item.body_key, article.title,
                article.standfirst, json.dumps(list(article.authors)), article.outlet,
                article.published, article.url, item.source, article.added_at or now_text(),
            ),
        )
        forms_of = item.paragraph_forms or [word_forms(p) for p in article.paragraphs]
        # every new term of the article in one go (one statement on PostgreSQL)
        self._ids_in(db, [t for terms in item.paragraph_terms for t in terms]
                     + [f for forms in forms_of for f in forms])
        rows = [
            (library, article.id, n, text, encode_terms(self._ids_in(db, terms)),
             encode_ids(self._ids_in(db, forms)))
            for n, (text, terms, forms) in enumerate(
                zip(article.paragraphs, item.paragraph_terms, forms_of, strict=True), start=1)
        ]
        keys = self._insert_returning_ids(
            db, "INSERT INTO paragraphs(library_id, article_id, n, text, terms, forms)"
            " VALUES (?,?,?,?,?,?) RETURNING id", rows)
        self._write_quotes(db, library, article.id, item.quotes)
        return [StoredParagraph(int(key), article.id, row[2], row[4], row[5])
                for key, row in zip(keys, rows, strict=True)]

    def _insert_returning_ids(self, db: Db, sql: str, rows: list[tuple[Any, ...]]) -> list[int]:
        """Insert rows, in order; the id each got."""
        return [int(db.execute(sql, row).fetchone()[0]) for row in rows]

    @staticmethod
    def _write_quotes(db: Db, library: int, article_id: str, quotes: Sequence[Quote]) -> None:
        db.execute("DELETE FROM quotes WHERE library_id=? AND article_id=?", (library, article_id))
        rows = [(library, article_id, i, q.paragraph, q.end_paragraph, q.start, q.speaker,
                 q.role, q.description, q.text) for i, q in enumerate(quotes)]
        if rows:
            db.executemany(
                "INSERT INTO quotes(library_id, article_id, seq, paragraph, end_paragraph, start,"
                " speaker, role, description, text) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)

    def replace_quotes(self, library: int, article_id: str, quotes: Sequence[Quote]) -> None:
        with self._writing() as db:
            self._write_quotes(db, library, article_id, quotes)
            self._count_change(db, library)

    def delete_article(self, library: int, article_id: str) -> list[StoredParagraph]:
        """Remove an article with its paragraphs and quotes; returns the removed paragraphs."""
        with self._writing() as db:
            removed = [
                StoredParagraph(int(r[0]), article_id, r[1], r[2], r[3])
                for r in db.execute(
                    "SELECT id, n, terms, forms FROM paragraphs WHERE library_id=? AND article_id=?"
                    " ORDER BY id", (library, article_id))
            ]
            if removed:
                db.executemany("DELETE FROM paragraph_vectors WHERE paragraph_id=?",
                               [(r.key,) for r in removed])
            db.execute("DELETE FROM paragraphs WHERE library_id=? AND article_id=?",
                       (library, article_id))
            db.execute("DELETE FROM quotes WHERE library_id=? AND article_id=?",
                       (library, article_id))
            db.execute("DELETE FROM articles WHERE library_id=? AND id=?", (library, article_id))
            self._count_change(db, library)
            return removed

    def articles(self, library: int) -> list[Article]:
        """Every article of a library, oldest first, with its paragraphs."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT id, title, standfirst, authors, outlet, published, url, added_at"
                " FROM articles WHERE library_id=? ORDER BY seq", (library,)).fetchall()
            paragraphs: dict[str, list[str]] = {r[0]: [] for r in rows}
            for article_id, text in db.execute(
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
        with self._reading() as db:
            return dict(db.execute("SELECT id, source FROM articles WHERE library_id=?",
                                   (library,)).fetchall())

    def paragraph_rows(self, library: int) -> Iterator[StoredParagraph]:
        """Paragraph keys and encoded terms, for building the search index at start."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT id, article_id, n, terms, forms FROM paragraphs WHERE library_id=?"
                " ORDER BY id", (library,)).fetchall()
        return (StoredParagraph(int(r[0]), r[1], r[2], bytes(r[3]), bytes(r[4])) for r in rows)

    def quotes(self, library: int) -> list[Quote]:
        with self._reading() as db:
            rows = db.execute(
                "SELECT q.article_id, q.paragraph, q.end_paragraph, q.start, q.speaker, q.role,"
                " q.description, q.text FROM quotes q JOIN articles a"
                " ON a.library_id=q.library_id AND a.id=q.article_id"
                " WHERE q.library_id=? ORDER BY a.seq, q.seq", (library,)).fetchall()
        return [
            Quote(text=r[7], paragraph=r[1], end_paragraph=r[2], start=r[3], speaker=r[4],
                  role=r[5], description=r[6], article_id=r[0])
            for r in rows
        ]

    # -- paragraph vectors ------------------------------------------------------------

    def _stream(self, db: Db, sql: str, params: Sequence[Any]) -> Iterator[Any]:
        """Rows one at a time, not all in memory first."""
        yield from db.execute(sql, params)

    def vector_rows(self, library: int, model: str) -> Iterator[tuple[int, bytes, bytes]]:
        """(paragraph key, int8 vectors, float32 scales) of the library's paragraphs that
        have vectors from this model, streamed (consume it before the next store call)."""
        with self._reading() as db:
            for r in self._stream(
                db, "SELECT v.paragraph_id, v.vecs, v.scales FROM paragraph_vectors v"
                " JOIN paragraphs p ON p.id = v.paragraph_id"
                " WHERE p.library_id=? AND v.model=? ORDER BY v.paragraph_id", (library, model),
            ):
                yield int(r[0]), bytes(r[1]), bytes(r[2])

    def count_vector_rows(self, library: int, model: str) -> int:
        """How many vectors (paragraphs' and sentences') the library has from this model."""
        with self._reading() as db:
            row = db.execute(
                "SELECT COALESCE(SUM(LENGTH(v.scales)), 0) / 4 FROM paragraph_vectors v"
                " JOIN paragraphs p ON p.id = v.paragraph_id"
                " WHERE p.library_id=? AND v.model=?", (library, model)).fetchone()
            return int(row[0])

    def vectors_of(self, keys: Sequence[int], model: str) -> list[tuple[int, bytes, bytes]]:
        """(key, int8 vectors, scales) of these paragraphs that have vectors of this model."""
        out: list[tuple[int, bytes, bytes]] = []
        with self._reading() as db:
            for start in range(0, len(keys), 500):  # SQLite caps the variables a statement has
                chunk = list(keys[start:start + 500])
                marks = ",".join("?" * len(chunk))
                out += [(int(r[0]), bytes(r[1]), bytes(r[2])) for r in db.execute(
                    f"SELECT paragraph_id, vecs, scales FROM paragraph_vectors"
                    f" WHERE model=? AND paragraph_id IN ({marks})", [model, *chunk])]
        return out

    def paragraphs_without_vector(
        self, library: int, model: str, limit: int
    ) -> list[tuple[int, str]]:
        """Up to limit (key, text) of paragraphs with no vector from this model, oldest
        first."""
        with self._reading() as db:
            return [
                (int(r[0]), r[1])
                for r in db.execute(
                    "SELECT p.id, p.text FROM paragraphs p LEFT JOIN paragraph_vectors v"
                    " ON v.paragraph_id = p.id AND v.model = ?"
                    " WHERE p.library_id=? AND v.paragraph_id IS NULL ORDER BY p.id LIMIT ?",
                    (model, library, limit),
                )
            ]

    def count_vectors(self, library: int, model: str) -> tuple[int, int]:
        """(paragraphs with a vector from this model, paragraphs) of a library."""
        with self._reading() as db:
            row = db.execute(
                "SELECT COUNT(v.paragraph_id), COUNT(*) FROM paragraphs p LEFT JOIN"
                " paragraph_vectors v ON v.paragraph_id = p.id AND v.model = ?"
                " WHERE p.library_id=?", (model, library)).fetchone()
            return int(row[0]), int(row[1])

    def delete_vectors(self, library: int) -> None:
        with self._writing() as db:
            db.execute("DELETE FROM paragraph_vectors WHERE paragraph_id IN"
                       " (SELECT id FROM paragraphs WHERE library_id=?)", (library,))

    def write_vectors(self, model: str, rows: Sequence[tuple[int, bytes, bytes]]) -> list[int]:
        """Store vectors in one transaction; returns the keys written (a paragraph removed
        meanwhile gets none)."""
        with self._writing() as db:
            written: list[int] = []
            for key, blob, scales in rows:
                cur = db.execute(
                    "INSERT INTO paragraph_vectors(paragraph_id, model, scales, vecs)"
                    " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM paragraphs WHERE id=?)"
                    " ON CONFLICT(paragraph_id) DO UPDATE SET model=excluded.model,"
                    " scales=excluded.scales, vecs=excluded.vecs",
                    (key, model, scales, blob, key),
                )
                if cur.rowcount:
                    written.append(key)
            return written

    # -- feeds --------------------------------------------------------------------------

    # A feed's stored columns are FeedRow's fields, read by name (pending is counted).
    _FEED_FIELDS = tuple(f.name for f in fields(FeedRow) if f.name != "pending")
    _FEED_COLUMNS = ", ".join(_FEED_FIELDS)

    def add_feed(self, library: int, url: str, title: str | None, channel_id: int | None,
                 limit: int) -> FeedRow:
        """Follow a feed (or update its title and channel when followed already); at most
        limit feeds a library, checked inside the write so racing adds cannot pass it."""
        with self._writing() as db:
            known = db.execute("SELECT 1 FROM feeds WHERE library_id=? AND url=?",
                               (library, url)).fetchone()
            if known:
                db.execute("UPDATE feeds SET title=COALESCE(?, title), channel_id=? WHERE"
                           " library_id=? AND url=?", (title, channel_id, library, url))
            else:
                count = db.execute("SELECT COUNT(*) FROM feeds WHERE library_id=?",
                                   (library,)).fetchone()[0]
                if count >= limit:
                    raise FeedLimitReached(limit)
                db.execute("INSERT INTO feeds(library_id, url, title, channel_id, added_at)"
                           " VALUES (?,?,?,?,?)", (library, url, title, channel_id, now_text()))
            row = self._feed(db, library, url)
            assert row is not None
            return row

    def remove_feed(self, library: int, url: str) -> bool:
        """Stop following a feed (its articles stay); False when it was not followed."""
        with self._writing() as db:
            cur = db.execute("DELETE FROM feeds WHERE library_id=? AND url=?", (library, url))
            db.execute("DELETE FROM feed_items WHERE library_id=? AND feed_url=?", (library, url))
            return cur.rowcount > 0

    def feeds(self, library: int) -> list[FeedRow]:
        with self._reading() as db:
            urls = [r[0] for r in db.execute(
                f"SELECT url FROM feeds WHERE library_id=?"
                f" ORDER BY added_at, url{self.TEXT_ORDER}", (library,)).fetchall()]
            return [row for url in urls if (row := self._feed(db, library, url)) is not None]

    def feed(self, library: int, url: str) -> FeedRow | None:
        with self._reading() as db:
            return self._feed(db, library, url)

    def _feed(self, db: Db, library: int, url: str) -> FeedRow | None:
        row = db.execute(f"SELECT {self._FEED_COLUMNS} FROM feeds WHERE library_id=? AND url=?",
                         (library, url)).fetchone()
        if row is None:
            return None
        pending = db.execute(
            "SELECT COUNT(*) FROM feed_items WHERE library_id=? AND feed_url=?"
            " AND article_id IS NULL", (library, url)).fetchone()[0]
        return FeedRow(**dict(zip(self._FEED_FIELDS, row, strict=True)), pending=int(pending))

    def feed_libraries(self) -> list[tuple[str, int]]:
        """(library name, feeds) of every library that follows a feed."""
        with self._reading() as db:
            return [(r[0], int(r[1])) for r in db.execute(
                "SELECT l.name, COUNT(*) FROM feeds f JOIN libraries l ON l.id = f.library_id"
                f" GROUP BY l.name ORDER BY l.name{self.TEXT_ORDER}").fetchall()]

    def known_items(self, library: int, feed_url: str, keys: Sequence[str],
                    links: Sequence[str]) -> tuple[set[str], set[str]]:
        """Of these item keys and links: the keys this feed has recorded, and the links
        recorded (by this feed) or stored as an article's URL in the library."""
        seen_keys: set[str] = set()
        seen_links: set[str] = set()
        with self._reading() as db:
            for chunk in sql_chunks(keys):
                marks = ",".join("?" * len(chunk))
                seen_keys.update(r[0] for r in db.execute(
                    f"SELECT key FROM feed_items WHERE library_id=? AND feed_url=?"
                    f" AND key IN ({marks})", [library, feed_url, *chunk]))
            for chunk in sql_chunks(links):
                marks = ",".join("?" * len(chunk))
                seen_links.update(r[0] for r in db.execute(
                    f"SELECT link FROM feed_items WHERE library_id=? AND feed_url=?"
                    f" AND link IN ({marks})", [library, feed_url, *chunk]))
                seen_links.update(r[0] for r in db.execute(
                    f"SELECT url FROM articles WHERE library_id=? AND url IN ({marks})",
                    [library, *chunk]))
        return seen_keys, seen_links

    def pending_items(self, library: int, feed_url: str, limit: int,
                      max_attempts: int) -> list[tuple[str, str]]:
        """(key, item JSON) of items still waiting for their page, oldest first."""
        with self._reading() as db:
            return [(r[0], r[1]) for r in db.execute(
                "SELECT key, item FROM feed_items WHERE library_id=? AND feed_url=?"
                f" AND article_id IS NULL AND attempts < ? ORDER BY seen_at, {self.ITEM_ORDER}"
                " LIMIT ?", (library, feed_url, max_attempts, limit))]

    def record_items(self, library: int, marks: Sequence[tuple[FeedMark, str | None]],
                     ) -> None:
        """Items settled without a new article: (mark, the stored article it duplicates)."""
        with self._writing() as db:
            for mark, article_id in marks:
                self._write_mark(db, library, mark, article_id, new=False)

    def item_failed(self, library: int, mark: FeedMark, error: str) -> None:
        """An item whose page could not be fetched or read: kept, to be tried again."""
        with self._writing() as db:
            db.execute(
                "INSERT INTO feed_items(library_id, feed_url, key, link, item, attempts,"
                " last_error, seen_at) VALUES (?,?,?,?,?,1,?,?)"
                " ON CONFLICT(library_id, feed_url, key) DO UPDATE SET"
                " attempts = feed_items.attempts + 1, last_error = excluded.last_error",
                (library, mark.feed_url, mark.key, mark.link, mark.item, error, now_text()))

    @staticmethod
    def _write_mark(db: Db, library: int, mark: FeedMark, article_id: str | None,
                    new: bool) -> None:
        db.execute(
            "INSERT INTO feed_items(library_id, feed_url, key, link, item, article_id,"
            " seen_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT(library_id, feed_url, key)"
            " DO UPDATE SET article_id = excluded.article_id, last_error = NULL",
            (library, mark.feed_url, mark.key, mark.link, mark.item, article_id, now_text()))
        if new and mark.counts:
            db.execute("UPDATE feeds SET articles_added = articles_added + 1"
                       " WHERE library_id=? AND url=?", (library, mark.feed_url))

    def feed_polled(self, library: int, url: str, *, ok: bool, error: str | None,
                    next_poll: float, title: str | None = None, etag: str | None = None,
                    last_modified: str | None = None, keep_validators: bool = False) -> None:
        """A poll's outcome: success resets the failures (and keeps the new validators),
        an error counts one more failure; next_poll is when to poll again."""
        now = now_text()
        with self._writing() as db:
            if ok:
                if keep_validators:
                    etag, last_modified = self._validators(db, library, url)
                db.execute(
                    "UPDATE feeds SET last_polled=?, last_success=?, last_error=?, failures=0,"
                    " next_poll=?, title=COALESCE(?, title), etag=?, last_modified=?"
                    " WHERE library_id=? AND url=?",
                    (now, now, error, next_poll, title, etag, last_modified, library, url))
            else:
                db.execute(
                    "UPDATE feeds SET last_polled=?, last_error=?, failures=failures+1,"
                    " next_poll=? WHERE library_id=? AND url=?",
                    (now, error, next_poll, library, url))

    @staticmethod
    def _validators(db: Db, library: int, url: str) -> tuple[str | None, str | None]:
        row = db.execute("SELECT etag, last_modified FROM feeds WHERE library_id=? AND url=?",
                         (library, url)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def refresh_quotes(
        self, version_key: str, version: str, extract: Callable[[Sequence[str]], list[Quote]]
    ) -> int:
        """Re-run quote extraction on every stored article when the extractor changed."""
        if self.get_meta(version_key) == version:
            return 0
        with self._reading() as db:
            libs = [int(r[0]) for r in db.execute("SELECT id FROM libraries").fetchall()]
        count = 0
        for lib in libs:
            for article in self.articles(lib):
                self.replace_quotes(lib, article.id, extract(article.paragraphs))
                count += 1
        self.set_meta(version_key, version)
        if count:
            log.info("re-extracted quotes of %d stored articles", count)
        return count

    # -- processes (heartbeats for `newsdesk status`) -------------------------------------

    _PROCESS_COLUMNS = ("id, host, pid, shards, libraries, memory, behind, notify_lag_ms,"
                        " started_at, beat_at")

    def beat(self, row: ProcessRow) -> None:
        """Record a running process's state (not a change of any library); drops the rows
        of processes silent for a day."""
        with self._writing() as db:
            db.execute(
                f"INSERT INTO processes({self._PROCESS_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET shards=excluded.shards,"
                " libraries=excluded.libraries, memory=excluded.memory,"
                " behind=excluded.behind, notify_lag_ms=excluded.notify_lag_ms,"
                " beat_at=excluded.beat_at",
                (row.id, row.host, row.pid, row.shards, row.libraries, row.memory, row.behind,
                 row.notify_lag_ms, row.started_at, row.beat_at))
            db.execute("DELETE FROM processes WHERE beat_at < ?",
                       (time.time() - STALE_PROCESS_S,))

    def forget_process(self, process_id: str) -> None:
        with self._writing() as db:
            db.execute("DELETE FROM processes WHERE id=?", (process_id,))

    def processes(self) -> list[ProcessRow]:
        with self._reading() as db:
            return [ProcessRow(*r) for r in db.execute(
                f"SELECT {self._PROCESS_COLUMNS} FROM processes"
                f" ORDER BY shards{self.TEXT_ORDER}, id{self.TEXT_ORDER}").fetchall()]

    # -- copying between stores (`newsdesk migrate`) -----------------------------------

    def table_rows(self, table: str) -> Iterator[tuple[Any, ...]]:
        """Every row of one of TABLES, columns in TABLES' order, in a stable order."""
        columns = ", ".join(TABLES[table])
        order = _TABLE_ORDER.get(table, f"seen_at, {self.ITEM_ORDER}")
        with self._reading() as db:
            for r in self._stream(db, f"SELECT {columns} FROM {table} ORDER BY {order}", ()):
                yield tuple(bytes(v) if isinstance(v, memoryview) else v for v in r)

    def bulk_load(self, tables: Iterable[tuple[str, Iterable[tuple[Any, ...]]]]
                  ) -> dict[str, int]:
        """Insert the rows of several tables, ids kept, in ONE transaction: all or
        nothing. meta rows replace the same keys; schema_version stays this store's."""
        counts: dict[str, int] = {}
        with self._writing() as db:
            for table, rows in tables:
                columns = TABLES[table]
                sql = (f"INSERT INTO {table}({', '.join(columns)})"
                       f" VALUES ({','.join('?' * len(columns))})")
                if table == "meta":
                    sql += " ON CONFLICT(key) DO UPDATE SET value=excluded.value"
                    rows = (r for r in rows if r[0] != "schema_version")
                count = 0
                chunk: list[tuple[Any, ...]] = []
                for row in rows:
                    chunk.append(row)
                    if len(chunk) >= 1000:
                        db.executemany(sql, chunk)
                        count += len(chunk)
                        chunk = []
                if chunk:
                    db.executemany(sql, chunk)
                    count += len(chunk)
                counts[table] = count
            self._after_bulk_load(db)
        with self._reading() as db:
            self._term_ids = dict(db.execute("SELECT term, id FROM terms"))
        return counts

    def is_empty(self) -> bool:
        """No library and no article: a store `migrate` may copy into."""
        with self._reading() as db:
            return db.execute("SELECT COUNT(*) FROM libraries").fetchone()[0] == 0

    def library_counts(self, name: str) -> LibraryCounts:
        """Counts and a checksum of everything one library holds (in one snapshot)."""
        digest = hashlib.sha256()

        def take(sql: str, params: Sequence[Any]) -> int:
            count = 0
            for r in self._stream(db, sql, params):
                values = [bytes(v).hex() if isinstance(v, (bytes, memoryview)) else v for v in r]
                digest.update(json.dumps(values, ensure_ascii=False).encode("utf-8"))
                digest.update(b"\n")
                count += 1
            return count

        with self.snapshot(), self._reading() as db:
            row = db.execute("SELECT id FROM libraries WHERE name=?", (name,)).fetchone()
            if row is None:
                return LibraryCounts(name, 0, 0, 0, 0, 0, 0, hashlib.sha256().hexdigest())
            lib = int(row[0])
            articles = take(f"SELECT {', '.join(TABLES['articles'])} FROM articles"
                            " WHERE library_id=? ORDER BY seq", (lib,))
            paragraphs = take(f"SELECT {', '.join(TABLES['paragraphs'])} FROM paragraphs"
                              " WHERE library_id=? ORDER BY id", (lib,))
            quotes = take(f"SELECT {', '.join(TABLES['quotes'])} FROM quotes"
                          f" WHERE library_id=? ORDER BY article_id{self.TEXT_ORDER}, seq",
                          (lib,))
            vectors = take("SELECT v.paragraph_id, v.model, v.scales, v.vecs FROM"
                           " paragraph_vectors v JOIN paragraphs p ON p.id = v.paragraph_id"
                           " WHERE p.library_id=? ORDER BY v.paragraph_id", (lib,))
            feeds = take(f"SELECT {', '.join(TABLES['feeds'])} FROM feeds WHERE library_id=?"
                         f" ORDER BY url{self.TEXT_ORDER}", (lib,))
            items = take(f"SELECT {', '.join(TABLES['feed_items'])} FROM feed_items"
                         f" WHERE library_id=? ORDER BY feed_url{self.TEXT_ORDER},"
                         f" key{self.TEXT_ORDER}", (lib,))
        return LibraryCounts(name, articles, paragraphs, quotes, vectors, feeds, items,
                             digest.hexdigest())


def process_id(started: float) -> tuple[str, str, int]:
    """(id, host, pid) naming this process run in the processes table."""
    host = os.uname().nodename
    pid = os.getpid()
    return f"{host}:{pid}:{int(started)}", host, pid
