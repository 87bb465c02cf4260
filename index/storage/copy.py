"""Copying every library from one store to another (`newsdesk migrate`, and `backup` of a
PostgreSQL store into an SQLite file), with nothing lost: rows are copied with their ids
from one read snapshot into one write transaction, then each library's counts and
checksum are read back from both sides and must match.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.errors import InputError, StoreError
from index.storage.sql import TABLES
from index.store import LibraryCounts, Store


@dataclass(frozen=True)
class CopiedLibrary:
    """One library as the source holds it and as the target holds it after the copy."""

    source: LibraryCounts
    target: LibraryCounts

    @property
    def same(self) -> bool:
        return self.source == self.target


def copy_store(source: Store, target: Store) -> list[CopiedLibrary]:
    """Copy every library of source into target, which must hold none yet.

    StoreError when a library reads back different from its source (the target is then
    not to be trusted: start again on an empty one).
    """
    if source.url == target.url:
        raise InputError("migrate: the source and the target are the same database")
    if not target.is_empty():
        raise InputError(f"migrate: {target.url} already holds libraries; copy into an empty "
                         "database (or schema)")
    with source.snapshot():
        target.bulk_load((table, source.table_rows(table)) for table in TABLES)
        names = source.library_names()
        before = [source.library_counts(name) for name in names]
    copied = [CopiedLibrary(counts, target.library_counts(counts.name)) for counts in before]
    differing = [c.source.name for c in copied if not c.same]
    if differing:
        raise StoreError(f"migrate: {len(differing)} libraries read back different from the "
                         f"source ({', '.join(differing[:5])}); do not use {target.url}")
    return copied
