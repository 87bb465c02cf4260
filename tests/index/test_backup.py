"""Exports sealed with a trailer and read all or nothing; online backups of the store."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from index.backup import atomic_file, backup_store, read_export, write_export
from index.errors import ImportFormatError, InputError
from index.library import Libraries
from tests.conftest import ARTICLES


def _export(filled, tmp_path: Path) -> tuple[Path, list[bytes]]:
    path = tmp_path / "export.jsonl"
    assert filled.export_to(path) == 3
    return path, path.read_bytes().split(b"\n")[:-1]


def _refused(libraries, path: Path, message: str) -> None:
    target = libraries.get("copy")
    with pytest.raises(ImportFormatError, match=message):
        target.import_from(path)
    assert target.articles() == []


def test_export_ends_with_a_count_and_checksum_trailer(filled, tmp_path):
    _, lines = _export(filled, tmp_path)
    trailer = json.loads(lines[-1])
    assert trailer["end"] == "newsdesk-export" and trailer["articles"] == 3
    assert len(trailer["sha256"]) == 64 and len(lines) == 5


def test_import_keeps_added_at(filled, libraries, tmp_path):
    path, _ = _export(filled, tmp_path)
    libraries.get("copy").import_from(path)
    before = {a.id: a.added_at for a in filled.articles()}
    after = {a.id: a.added_at for a in libraries.get("copy").articles()}
    assert after == before and all(before.values())


def test_a_file_cut_at_a_line_boundary_imports_nothing(filled, libraries, tmp_path):
    path, lines = _export(filled, tmp_path)
    path.write_bytes(b"\n".join(lines[:-2]) + b"\n")  # the last article and the trailer gone
    _refused(libraries, path, "cut short")


def test_a_wrong_count_imports_nothing(filled, libraries, tmp_path):
    path, lines = _export(filled, tmp_path)
    trailer = json.loads(lines[-1])
    trailer["articles"] = 4
    path.write_bytes(b"\n".join([*lines[:-1], json.dumps(trailer).encode()]) + b"\n")
    _refused(libraries, path, "counts 4 articles but the file holds 3")


def test_an_edited_record_fails_the_checksum(filled, libraries, tmp_path):
    path, lines = _export(filled, tmp_path)
    record = json.loads(lines[2])
    record["paragraphs"][0] = "An edited paragraph that was never exported."
    lines[2] = json.dumps(record).encode()
    path.write_bytes(b"\n".join(lines) + b"\n")
    _refused(libraries, path, "checksum does not match")


@pytest.mark.parametrize(
    "damage, message",
    [
        (
            b'{"title": "T\\ud800", "paragraphs": ["Text."]}',
            "line 2: damaged article record.*surrogate",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "line 2: JSON nested too deeply"),
        (b'{"title": "T", "paragraphs": ["Text."], "added_at": "yesterday"}', "line 2: damaged"),
        (b'["a list, not an article"]', "line 2: damaged article record"),
        (b"\xff\xfe not text", "line 2: not UTF-8"),
    ],
)
def test_damaged_records_are_named_by_line_and_import_nothing(libraries, tmp_path, damage,
                                                              message):
    path = tmp_path / "damaged.jsonl"
    header = json.dumps({"format": "newsdesk-export", "version": 2, "library": "x"}).encode()
    path.write_bytes(header + b"\n" + damage + b"\n")
    _refused(libraries, path, message)


def test_an_export_without_a_trailer_from_the_first_format_is_refused(libraries, tmp_path):
    path = tmp_path / "old.jsonl"
    header = {"format": "newsdesk-export", "version": 1, "library": "x"}
    record = {"title": "T", "paragraphs": ["Text."]}
    path.write_text(json.dumps(header) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    _refused(libraries, path, "unsupported export version 1")


def test_export_to_a_folder_or_a_missing_folder_is_one_clear_error(filled, tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        filled.export_to(tmp_path)
    with pytest.raises(InputError, match="does not exist"):
        filled.export_to(tmp_path / "nowhere" / "x.jsonl")
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == []


def test_a_failed_export_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text("the previous export\n", encoding="utf-8")

    def records():
        yield {"title": "T", "paragraphs": ["Text."]}
        raise RuntimeError("disk pulled out")

    with pytest.raises(RuntimeError):
        write_export(path, "x", records())
    assert path.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.jsonl"]


def test_write_export_round_trips_through_read_export(tmp_path):
    path = tmp_path / "e.jsonl"
    write_export(path, "x", [{"title": "Tide times", "paragraphs": ["High tide at noon."],
                              "added_at": "2025-01-02T03:04:05+00:00"}])
    [draft] = read_export(path)
    assert (draft.title, draft.added_at) == ("Tide times", "2025-01-02T03:04:05+00:00")


def test_atomic_file_refuses_a_folder(tmp_path):
    with pytest.raises(InputError, match="is a folder"), atomic_file(tmp_path):
        pass


def test_backup_is_not_blocked_by_a_writer_and_copies_what_was_committed(tmp_path):
    """SQLite's online backup (a PostgreSQL store's backup is `migrate`'s copy)."""
    libraries = Libraries(tmp_path / "data")
    filled = libraries.get("default")
    filled.add_inputs([str(ARTICLES)])
    source = filled.store.path
    writer = sqlite3.connect(source, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a bot in the middle of an add
    writer.execute("DELETE FROM paragraphs")
    target = tmp_path / "backup.sqlite3"
    try:
        started = time.monotonic()
        backup_store(source, target)
        assert time.monotonic() - started < 5
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    copy = Libraries(tmp_path / "restored", database_url=f"sqlite:///{target}")
    try:
        restored = copy.get("default")
        assert sorted(a.id for a in restored.articles()) == sorted(a.id for a in filled.articles())
        assert restored.ask("apple blossom frost").passages
    finally:
        copy.close()
        libraries.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.sqlite3", "data"]
