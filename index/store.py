"""Storage: the ONE store protocol the library facade holds, the rows it exchanges, and
`open_store(url)`, which picks the implementation by the URL's scheme.

Two implementations keep the same schema, migrations and behaviour: SQLite (the default,
one file, one process or a few on one machine: index/storage/sqlite.py) and PostgreSQL
(many bot processes on many machines: index/storage/postgres.py). Callers never ask
which one they hold.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from index.errors import InputError
from index.models import Article, Quote

SCHEMA_VERSION = 6
DATABASE_NAME = "newsdesk.sqlite3"
SQLITE_SCHEME = "sqlite:///"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


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


@dataclass(frozen=True)
class ProcessRow:
    """A running bot process's heartbeat, as `newsdesk status` shows it."""

    id: str  # host:pid:start, unique per process run
    host: str
    pid: int
    shards: str  # "0,1/4": the shard ids it serves of the shard count; "all/1" unsharded
    libraries: int  # libraries held in memory
    memory: int  # resident memory, bytes
    behind: int  # loaded libraries whose stored change count moved past the memory's
    notify_lag_ms: float | None  # delay of the last change notice (PostgreSQL only)
    started_at: str
    beat_at: float  # epoch seconds of the last heartbeat


@dataclass(frozen=True)
class LibraryCounts:
    """What one library holds, as `migrate` compares source and target."""

    name: str
    articles: int
    paragraphs: int
    quotes: int
    vectors: int
    feeds: int
    feed_items: int
    checksum: str  # SHA-256 over every stored field of articles, paragraphs and quotes


class Store(Protocol):
    """What the library facade, feeds, the CLI and the bot need from storage.

    Methods are thread-safe. Each write is one transaction: a crash never leaves half an
    article. Reads inside `snapshot()` see one committed state.
    """

    url: str  # where it is, without a password (for messages and `status`)
    written: dict[int, int]  # per library: the change count after this process's last write

    def close(self) -> None: ...
    def snapshot(self) -> AbstractContextManager[None]: ...
    def data_version(self) -> int: ...
    def changes(self, library: int) -> int: ...
    def load_new_terms(self) -> None: ...
    def get_meta(self, key: str) -> str | None: ...
    def set_meta(self, key: str, value: str) -> None: ...
    def library_id(self, name: str) -> int: ...
    def library_names(self) -> list[str]: ...
    def term_ids(self, terms: Sequence[str]) -> list[int]: ...
    def known_term_id(self, term: str) -> int | None: ...
    def find_by_body(self, library: int, body_key: str) -> str | None: ...
    def insert_articles(self, library: int, batch: Sequence[NewArticle],
                        marks: Sequence[FeedMark | None] = ()
                        ) -> list[list[StoredParagraph] | str]: ...
    def replace_quotes(self, library: int, article_id: str, quotes: Sequence[Quote]) -> None: ...
    def delete_article(self, library: int, article_id: str) -> list[StoredParagraph]: ...
    def articles(self, library: int) -> list[Article]: ...
    def article_sources(self, library: int) -> dict[str, str | None]: ...
    def paragraph_rows(self, library: int) -> Iterator[StoredParagraph]: ...
    def quotes(self, library: int) -> list[Quote]: ...
    def vector_rows(self, library: int, model: str) -> Iterator[tuple[int, bytes, bytes]]: ...
    def count_vector_rows(self, library: int, model: str) -> int: ...
    def vectors_of(self, keys: Sequence[int], model: str) -> list[tuple[int, bytes, bytes]]: ...
    def paragraphs_without_vector(self, library: int, model: str,
                                  limit: int) -> list[tuple[int, str]]: ...
    def count_vectors(self, library: int, model: str) -> tuple[int, int]: ...
    def delete_vectors(self, library: int) -> None: ...
    def write_vectors(self, model: str,
                      rows: Sequence[tuple[int, bytes, bytes]]) -> list[int]: ...
    def add_feed(self, library: int, url: str, title: str | None, channel_id: int | None,
                 limit: int) -> FeedRow: ...
    def remove_feed(self, library: int, url: str) -> bool: ...
    def feeds(self, library: int) -> list[FeedRow]: ...
    def feed(self, library: int, url: str) -> FeedRow | None: ...
    def feed_libraries(self) -> list[tuple[str, int]]: ...
    def known_items(self, library: int, feed_url: str, keys: Sequence[str],
                    links: Sequence[str]) -> tuple[set[str], set[str]]: ...
    def pending_items(self, library: int, feed_url: str, limit: int,
                      max_attempts: int) -> list[tuple[str, str]]: ...
    def record_items(self, library: int,
                     marks: Sequence[tuple[FeedMark, str | None]]) -> None: ...
    def item_failed(self, library: int, mark: FeedMark, error: str) -> None: ...
    def feed_polled(self, library: int, url: str, *, ok: bool, error: str | None,
                    next_poll: float, title: str | None = None, etag: str | None = None,
                    last_modified: str | None = None, keep_validators: bool = False) -> None: ...
    def refresh_quotes(self, version_key: str, version: str,
                       extract: Callable[[Sequence[str]], list[Quote]]) -> int: ...
    def beat(self, row: ProcessRow) -> None: ...
    def forget_process(self, process_id: str) -> None: ...
    def processes(self) -> list[ProcessRow]: ...
    def table_rows(self, table: str) -> Iterator[tuple[object, ...]]: ...
    def bulk_load(self, tables: Iterable[tuple[str, Iterable[tuple[object, ...]]]]
                  ) -> dict[str, int]: ...
    def is_empty(self) -> bool: ...
    def library_counts(self, name: str) -> LibraryCounts: ...
    def notify_lag_ms(self) -> float | None: ...


def open_store(url: str | None, data_dir: Path | None = None, watch: bool = False) -> Store:
    """The store at url: sqlite:///PATH or postgresql://…; None means the SQLite file in
    data_dir. A URL of another kind is an InputError naming the two accepted forms.

    watch: the caller holds libraries in memory for long (the bot, the console) and wants
    other processes' changes pushed to it where the database can (LISTEN/NOTIFY); a
    one-shot command reads change counters instead.
    """
    if url is None:
        from index.storage.sqlite import SqliteStore

        return SqliteStore(Path(data_dir or "data") / DATABASE_NAME)
    kind = store_kind(url)
    if kind == "sqlite":
        from index.storage.sqlite import SqliteStore

        return SqliteStore(Path(url[len(SQLITE_SCHEME):]))
    from index.storage.postgres import PostgresStore

    return PostgresStore(url, listen=watch)


def store_kind(url: str) -> str:
    """"sqlite" or "postgresql" for a database URL; InputError for anything else."""
    if url.startswith(SQLITE_SCHEME) and len(url) > len(SQLITE_SCHEME):
        return "sqlite"
    if url.startswith(POSTGRES_SCHEMES):
        return "postgresql"
    raise InputError(f"unsupported database URL {redact_url(url)!r}: give sqlite:///PATH or "
                     "postgresql://USER@HOST:PORT/DATABASE")


def redact_url(url: str) -> str:
    """A database URL without its password, for messages and logs."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest.split("/", 1)[0]:
        return url
    credentials, _, host = rest.partition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}{':[redacted]' if ':' in credentials else ''}@{host}"
