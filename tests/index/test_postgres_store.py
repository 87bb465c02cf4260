"""What PostgreSQL adds to the shared store behaviour: change notices between processes
(LISTEN/NOTIFY) with the change counters as the fallback while the listener is cut off,
and `migrate` copying every library from SQLite with counts and checksums."""

from __future__ import annotations

import json
import time

import psycopg
import pytest

from bot.cli import main
from index.errors import InputError
from index.library import Libraries
from index.storage.copy import copy_store
from index.store import open_store
from tests.conftest import ARTICLES

FERRY = ARTICLES / "ferry_strike.txt"
ORCHARD = ARTICLES / "orchard_frost.txt"


def _wait(check, seconds: float = 2.0) -> float:
    began = time.monotonic()
    while not check():
        assert time.monotonic() - began < seconds, "not within the time allowed"
        time.sleep(0.01)
    return time.monotonic() - began


def test_a_change_notice_reaches_a_watching_process_and_its_library_reloads(tmp_path, postgres):
    url = postgres.new_url()
    watcher = Libraries(tmp_path / "w", database_url=url, background=True)  # a bot
    writer = Libraries(tmp_path / "c", database_url=url, background=False)  # a CLI call
    try:
        held = watcher.get("lib")
        assert not held.ask("ferry crews walk out").passages
        before = watcher.store.data_version()
        writer.get("lib").add_inputs([str(FERRY)])
        _wait(lambda: watcher.store.data_version() != before)  # the notice, not a poll
        assert held.ask("Why did the ferry crews walk out?").passages
        assert watcher.store.notify_lag_ms() is not None
    finally:
        writer.close()
        watcher.close()


def test_a_change_made_while_the_listener_is_cut_off_is_still_seen(tmp_path, postgres):
    url = postgres.new_url()
    watcher = Libraries(tmp_path / "w", database_url=url, background=True)
    writer = Libraries(tmp_path / "c", database_url=url, background=False)
    try:
        held = watcher.get("lib")
        held.articles()
        with psycopg.connect(postgres.url_of(), autocommit=True) as admin:
            cut = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                " WHERE application_name = 'newsdesk-listen'"
                                " AND query LIKE %s", (f"%{watcher.store.channel}%",)).fetchall()
        assert cut, "the listener's connection was not found"
        writer.get("lib").add_inputs([str(ORCHARD)])  # while no notice can arrive
        _wait(lambda: bool(held.articles()), seconds=5.0)
        assert held.ask("What did the frost do to the apple blossom?").passages
    finally:
        writer.close()
        watcher.close()


def test_migrate_copies_every_library_with_counts_and_checksums(tmp_path, postgres, capsys):
    data = tmp_path / "data"
    for library, path in (("111", FERRY), ("222", ORCHARD)):
        assert main(["--data", str(data), "--library", library, "add", str(path)]) == 0
    assert main(["--data", str(data), "--library", "222", "feed", "list"]) == 0
    capsys.readouterr()
    target = postgres.new_url()
    code = main(["--data", str(data), "migrate", "--from",
                 f"sqlite:///{data / 'newsdesk.sqlite3'}", "--to", target, "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    rows = {r["library"]: r for r in json.loads(out)["libraries"]}
    assert set(rows) == {"111", "222"} and all(r["same"] for r in rows.values())
    assert rows["111"]["target"]["articles"] == 1 and rows["111"]["target"]["quotes"] >= 1
    assert rows["111"]["source"]["checksum"] == rows["111"]["target"]["checksum"]
    # the copy answers as the original did, and new articles get new ids after the copied ones
    assert main(["--database-url", target, "--library", "111", "ask", "ferry strike",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["answers"]
    assert main(["--database-url", target, "--library", "111", "add",
                 str(ARTICLES / "library_opening.txt")]) == 0


def test_migrate_refuses_a_target_that_holds_libraries(tmp_path, postgres):
    source = open_store(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    target = open_store(postgres.new_url())
    try:
        target.library_id("already here")
        with pytest.raises(InputError, match="already holds libraries"):
            copy_store(source, target)
    finally:
        source.close()
        target.close()


def test_an_unreachable_database_is_one_clear_line(tmp_path, capsys):
    code = main(["--database-url", "postgresql://newsdesk@127.0.0.1:9/none", "list"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "cannot" in err and "127.0.0.1:9" in err


def test_processes_opening_a_new_database_at_once_migrate_it_once(postgres):
    from concurrent.futures import ThreadPoolExecutor

    url = postgres.new_url()
    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: open_store(url), range(4)))
    try:
        assert {s.get_meta("schema_version") for s in stores} == {"6"}
    finally:
        for store in stores:
            store.close()
