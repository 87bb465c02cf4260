"""Heartbeats and `newsdesk status`, on both stores: a running process's row shows its
shards, the libraries it holds, its memory and whether it is behind the store; a clean
stop removes the row and a silent process is called so."""

from __future__ import annotations

import json
import time

from bot.cli import main
from bot.status import Heartbeat, status, status_text
from index.library import Libraries
from tests.conftest import ARTICLES


def test_a_heartbeat_shows_shards_libraries_memory_and_lag(libraries, database_url, tmp_path):
    libraries.get("111").add_inputs([str(ARTICLES / "ferry_strike.txt")])
    libraries.get("222")
    beat = Heartbeat(libraries, "shard 1/4")
    beat.beat()
    [row] = status(libraries.store, heartbeat=15.0)["processes"]
    assert (row["shards"], row["libraries"], row["behind"], row["silent"]) == (
        "shard 1/4", 2, 0, False)
    assert row["memory_mb"] > 10  # a Python process with numpy loaded
    # another process adds to a library this one holds: it is one library behind
    other = Libraries(tmp_path / "other", database_url=database_url, background=False)
    try:
        other.get("222").add_inputs([str(ARTICLES / "orchard_frost.txt")])
    finally:
        other.close()
    beat.beat()
    [row] = status(libraries.store, heartbeat=15.0)["processes"]
    assert row["behind"] == 1
    assert "shard 1/4" in status_text(status(libraries.store, heartbeat=15.0))
    beat.stop()
    assert status(libraries.store, heartbeat=15.0)["processes"] == []


def test_a_process_whose_heartbeats_stopped_is_called_silent(libraries):
    Heartbeat(libraries, "shard 0/1").beat()
    report = status(libraries.store, heartbeat=15.0, now=time.time() + 60)
    assert report["processes"][0]["silent"]
    assert "SILENT" in status_text(report)


def test_status_with_no_bot_running_says_so(tmp_path, database_url, capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["--data", str(tmp_path / "data"), "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["processes"] == []
    assert main(["--data", str(tmp_path / "data"), "status"]) == 0
    assert "no bot process has reported" in capsys.readouterr().out
