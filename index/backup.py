"""Exports you can trust: JSON lines written atomically and sealed with a trailer, read
back all or nothing; and online copies of the whole store through SQLite's backup API.

An export is a header line, one article a line, then a trailer holding the article
count and the SHA-256 of every byte before it, so a file cut at a line boundary (a full
disk, a copy interrupted) is refused instead of restoring part of a library.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from index.errors import ImportFormatError, InputError, StoreError
from index.models import ArticleDraft

EXPORT_FORMAT = "newsdesk-export"
EXPORT_VERSION = 2  # 2: the count/checksum trailer and added_at kept on import
_SURROGATE = re.compile("[\ud800-\udfff]")


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A temporary file beside path that replaces it only when the block succeeds; on
    any failure it is removed and path is left as it was. InputError for a path that
    cannot be written (a folder, a missing folder, no permission)."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name to write")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        handle = tempfile.NamedTemporaryFile(
            dir=folder, prefix=f".{path.name}.", suffix=".part", delete=False
        )
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    tmp = Path(handle.name)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_export(path: Path, library: str, records: Iterable[dict[str, Any]]) -> int:
    """Write the records as a sealed export; how many articles it holds."""
    digest = hashlib.sha256()
    count = 0
    with atomic_file(path) as out:

        def line(value: dict[str, Any]) -> None:
            data = (json.dumps(value, ensure_ascii=False) + "\n").encode("utf-8")
            digest.update(data)
            out.write(data)

        line({"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "library": library})
        for record in records:
            line(record)
            count += 1
        trailer = {"end": EXPORT_FORMAT, "articles": count, "sha256": digest.hexdigest()}
        out.write((json.dumps(trailer) + "\n").encode("utf-8"))
    return count


def read_export(path: Path) -> list[ArticleDraft]:
    """Parse and verify a whole export first, so a damaged one imports nothing."""
    lines = _export_lines(path)
    _check_header(path, lines[0])
    drafts, trailer, sha256 = _read_articles(path, lines)
    _check_trailer(path, trailer, len(drafts), sha256)
    return drafts


def _export_lines(path: Path) -> list[bytes]:
    """The file's lines without their ends; at least one (the header)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportFormatError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImportFormatError(f"{path} is a folder, not an export file") from None
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if not lines:
        raise ImportFormatError(f"{path}: the file is empty")
    return lines


def _check_header(path: Path, raw: bytes) -> None:
    """Refuse a file that is not an export, or one of a version this code does not read."""
    header = _json_line(path, 1, raw)
    if not isinstance(header, dict) or header.get("format") != EXPORT_FORMAT:
        raise ImportFormatError(f"{path}, line 1: not a newsdesk export (no header)")
    if header.get("version") != EXPORT_VERSION:
        raise ImportFormatError(
            f"{path}, line 1: unsupported export version {header.get('version')!r} "
            f"(this newsdesk reads version {EXPORT_VERSION}; export the library again)"
        )


def _read_articles(
    path: Path, lines: list[bytes]
) -> tuple[list[ArticleDraft], dict[str, Any] | None, str]:
    """The articles after the header, the trailer (None when the file has none) and the
    SHA-256 of every line before the trailer; a line after the trailer or a damaged record
    is refused."""
    digest = hashlib.sha256(lines[0] + b"\n")
    drafts: list[ArticleDraft] = []
    trailer: dict[str, Any] | None = None
    for number, raw in enumerate(lines[1:], start=2):
        if trailer is not None:
            raise ImportFormatError(f"{path}, line {number}: text after the end of the export")
        value = _json_line(path, number, raw)
        if isinstance(value, dict) and value.get("end") == EXPORT_FORMAT:
            trailer = value
            continue
        digest.update(raw + b"\n")
        try:
            drafts.append(_draft_from_record(value))
        except (KeyError, TypeError, ValueError) as exc:
            raise ImportFormatError(
                f"{path}, line {number}: damaged article record ({exc})"
            ) from None
    return drafts, trailer, digest.hexdigest()


def _check_trailer(
    path: Path, trailer: dict[str, Any] | None, articles: int, sha256: str
) -> None:
    """Refuse an export cut short, or one whose count or checksum does not match."""
    if trailer is None:
        raise ImportFormatError(
            f"{path}: the export has no end line, so it was cut short; nothing was imported"
        )
    if trailer.get("articles") != articles:
        raise ImportFormatError(
            f"{path}: the end line counts {trailer.get('articles')!r} articles but the file "
            f"holds {articles}; nothing was imported"
        )
    if trailer.get("sha256") != sha256:
        raise ImportFormatError(
            f"{path}: the checksum does not match, so the file was changed or damaged; "
            "nothing was imported"
        )


def _json_line(path: Path, number: int, raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportFormatError(f"{path}, line {number}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{path}, line {number}: not a JSON line ({exc.msg})") from None
    except RecursionError:
        raise ImportFormatError(f"{path}, line {number}: JSON nested too deeply") from None


def _draft_from_record(rec: Any) -> ArticleDraft:
    if not isinstance(rec, dict):
        raise ValueError("not an article object")

    def text(value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise ValueError(f"'{key}' must be text")
        if _SURROGATE.search(value):
            raise ValueError(f"'{key}' holds an invalid character (a lone surrogate)")
        return value

    def optional(key: str) -> str | None:
        value = rec.get(key)
        return None if value is None else text(value, key)

    title = text(rec["title"], "title")
    paragraphs = rec["paragraphs"]
    authors = rec.get("authors") or []
    if not title.strip():
        raise ValueError("'title' must be non-empty text")
    if (not isinstance(paragraphs, list) or not paragraphs
            or not all(isinstance(p, str) and p.strip() for p in paragraphs)):
        raise ValueError("'paragraphs' must be a non-empty list of text")
    if not isinstance(authors, list):
        raise ValueError("'authors' must be a list of names")
    added_at = optional("added_at")
    if added_at is not None:
        datetime.fromisoformat(added_at)  # ValueError names the bad date
    return ArticleDraft(
        title=title, paragraphs=tuple(text(p, "paragraphs") for p in paragraphs),
        standfirst=optional("standfirst"), authors=tuple(text(a, "authors") for a in authors),
        outlet=optional("outlet"), published=optional("published"), url=optional("url"),
        source=optional("source"), added_at=added_at,
    )


def backup_store(source: Path, target: Path) -> None:
    """An online copy of the whole SQLite file through SQLite's backup API, in one step
    (one read snapshot: in WAL mode a writing bot neither blocks it nor is blocked)."""
    with atomic_file(target) as out:
        tmp = Path(out.name)
        try:
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {source}: {exc}") from None
        try:
            dest = sqlite3.connect(tmp)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                dest.close()
        except sqlite3.Error as exc:
            raise StoreError(f"the backup of {source} failed: {exc}") from None
        finally:
            src.close()
