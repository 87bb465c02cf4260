"""Several processes on one library: a running console or bot sees what the CLI adds and
removes, the same article added at once by several processes is stored once, reads run
in one snapshot, a long write is waited for (and named when it is not), and kill -9 in
the middle of an add or remove leaves whole articles only."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from index.errors import StoreError
from index.library import Libraries
from index.storage.sqlite import SqliteStore as Store
from tests.conftest import ARTICLES

ROOT = Path(__file__).resolve().parents[2]
FERRY = ARTICLES / "ferry_strike.txt"
LIBRARY = "lib"  # not "default": the console would load its sample article into that


def _cli(data: Path, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--data", str(data), "--library", LIBRARY, *argv],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=_env(),
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "DISCORD_"))}
    env["PYTHONPATH"] = str(ROOT)
    return env


def _spawn(data: Path, *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "--data", str(data), "--library", LIBRARY, *argv],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=_env(),
    )


class _Reader:
    """Collects a stream in a thread, so the test can wait for what it expects."""

    def __init__(self, stream) -> None:
        self.text = ""
        self._lock = threading.Lock()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream) -> None:
        for line in stream:
            with self._lock:
                self.text += line

    def wait_for(self, needle: str, start: int, timeout: float = 10.0) -> float:
        began = time.monotonic()
        while time.monotonic() - began < timeout:
            with self._lock:
                if needle in self.text[start:]:
                    return time.monotonic() - began
            time.sleep(0.01)
        raise AssertionError(f"{needle!r} did not appear; got {self.text[start:]!r}")


# ------------------------------------------------------------ in one process, two stores


def test_an_article_added_elsewhere_is_askable_and_a_removed_one_gone(tmp_path):
    here, there = Libraries(tmp_path), Libraries(tmp_path)
    try:
        mine, theirs = here.get(LIBRARY), there.get(LIBRARY)
        assert len(mine) == 0
        added = theirs.add_inputs([str(FERRY)]).outcomes[0].article
        answer = mine.ask("Where did the ferry talks break down?")
        assert answer.passages and answer.passages[0].article.id == added.id
        theirs.remove(added.id)
        assert mine.ask("Where did the ferry talks break down?").passages == ()
        assert [o.article is not None for o in mine.add_inputs([str(FERRY)]).outcomes] == [True]
        assert len(theirs) == 1 and theirs.ask("ferry talks").passages
    finally:
        here.close()
        there.close()


def test_a_stale_process_adding_the_same_article_gets_the_stored_copy(tmp_path):
    here, there = Libraries(tmp_path), Libraries(tmp_path)
    try:
        mine, theirs = here.get(LIBRARY), there.get(LIBRARY)
        first = theirs.add_inputs([str(FERRY)]).outcomes[0].article
        mine._data_version = here.store.data_version()  # as if the change arrived just after
        [outcome] = mine.add_inputs([str(FERRY)]).outcomes
        assert outcome.duplicate_of is not None and outcome.duplicate_of.id == first.id
        assert [a.id for a in mine.articles()] == [first.id]
        assert len(Store.in_folder(tmp_path).articles(here.store.library_id(LIBRARY))) == 1
    finally:
        here.close()
        there.close()


def test_a_write_held_too_long_is_named_not_a_traceback(tmp_path):
    Store.in_folder(tmp_path).close()
    blocker = sqlite3.connect(tmp_path / "newsdesk.sqlite3", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        store = Store(tmp_path / "newsdesk.sqlite3", busy_timeout=0.2)
        with pytest.raises(StoreError, match="busy: another newsdesk process"):
            store.library_id("new one")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_a_write_waits_for_another_process_to_finish(tmp_path):
    libs = Libraries(tmp_path)
    library = libs.get(LIBRARY)
    blocker = sqlite3.connect(tmp_path / "newsdesk.sqlite3", isolation_level=None,
                              check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, lambda: blocker.execute("COMMIT")).start()
    try:
        assert library.add_inputs([str(FERRY)]).outcomes[0].article is not None
    finally:
        blocker.close()
        libs.close()


# ------------------------------------------------------------ real processes


def test_console_sees_cli_adds_and_removes_within_two_seconds(tmp_path):
    console = _spawn(tmp_path, "console")
    out, err = _Reader(console.stdout), _Reader(console.stderr)
    try:
        console.stdin.write("/articles\n")
        console.stdin.flush()
        out.wait_for("No articles", 0)
        added = json.loads(_cli(tmp_path, "add", str(FERRY), "--json").stdout)["added"][0]
        mark = len(out.text)
        console.stdin.write("Where did the ferry talks break down?\n")
        console.stdin.flush()
        assert out.wait_for("Port Ellery", mark) < 2.0
        _cli(tmp_path, "remove", added["id"])
        mark = len(err.text)
        console.stdin.write(f"/article show {added['id']}\n")
        console.stdin.flush()
        assert err.wait_for("no stored article matches", mark) < 2.0
        console.stdin.close()
        assert console.wait(timeout=30) == 0
        assert "Traceback" not in err.text
    finally:
        if console.poll() is None:
            console.kill()


def test_three_processes_adding_the_same_files_store_one_copy_each(tmp_path):
    _cli(tmp_path, "list")  # the database exists; the race is over the articles
    adders = [_spawn(tmp_path, "add", str(ARTICLES), "--json") for _ in range(3)]
    results = [proc.communicate(timeout=120) for proc in adders]
    for proc, (stdout, stderr) in zip(adders, results, strict=True):
        assert proc.returncode == 0 and stderr == "", stderr
        report = json.loads(stdout)
        assert len(report["added"]) + len(report["duplicates"]) == 3
    assert sum(len(json.loads(o)["added"]) for o, _ in results) == 3
    listed = json.loads(_cli(tmp_path, "list", "--json").stdout)["articles"]
    assert len(listed) == 3 == len({a["id"] for a in listed})


def test_ask_batch_during_an_add_answers_every_line(tmp_path):
    _cli(tmp_path, "add", str(FERRY))
    many = tmp_path / "many"
    many.mkdir()
    for n in range(40):  # distinct bodies, so each is a real write
        text = (
            FERRY.read_text(encoding="utf-8")
            + f"\nThe crossing reopened on day {n} of the dispute.\n"
        )
        (many / f"ferry_{n}.txt").write_text(text, encoding="utf-8")
    questions = tmp_path / "questions.txt"
    questions.write_text("Where did the ferry talks break down?\n" * 400, encoding="utf-8")
    adder = _spawn(tmp_path, "add", str(many), str(ARTICLES))
    asker = _spawn(tmp_path, "ask", "--batch", str(questions), "--json")
    asked, ask_err = asker.communicate(timeout=120)
    _, add_err = adder.communicate(timeout=120)
    assert asker.returncode == 0 and ask_err == "", ask_err
    assert adder.returncode == 0 and add_err == "", add_err
    lines = [json.loads(line) for line in asked.splitlines()]
    assert len(lines) == 400 and all(line["answers"] for line in lines)
    listed = json.loads(_cli(tmp_path, "list", "--json").stdout)["articles"]
    assert len(listed) == 43 == len({a["id"] for a in listed})
    after = json.loads(_cli(tmp_path, "ask", "When did the frost hit the valley?", "--json").stdout)
    assert "frost" in after["answers"][0]["article"]["title"].lower()


# ------------------------------------------------------------ kill -9


def _whole_articles_only(data: Path) -> int:
    """Every stored article has all its paragraphs; the file passes SQLite's check."""
    db = sqlite3.connect(data / "newsdesk.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute(
            "SELECT a.id, COUNT(p.id), MAX(p.n) FROM articles a LEFT JOIN paragraphs p"
            " ON p.library_id=a.library_id AND p.article_id=a.id GROUP BY a.library_id, a.id"
        ).fetchall()
        orphans = db.execute(
            "SELECT COUNT(*) FROM paragraphs p WHERE NOT EXISTS (SELECT 1 FROM articles a"
            " WHERE a.library_id=p.library_id AND a.id=p.article_id)"
        ).fetchone()[0]
    finally:
        db.close()
    assert orphans == 0
    assert all(count > 0 and count == top for _, count, top in rows), rows
    return len(rows)


def _wait_until(data: Path, ready, timeout: float = 60.0) -> None:
    """Poll the stored article count (read-only) until ready(count)."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            db = sqlite3.connect(f"file:{data / 'newsdesk.sqlite3'}?mode=ro", uri=True)
            try:
                count = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            finally:
                db.close()
            if ready(count):
                return
        except sqlite3.Error:
            pass  # not created yet
        time.sleep(0.01)
    raise AssertionError("the process never got going")


@pytest.mark.parametrize("step", ["add", "remove"])
def test_kill_9_during_add_or_remove_leaves_whole_articles(tmp_path, step):
    many = tmp_path / "many"
    many.mkdir()
    body = "\n\n".join(f"Paragraph {i} says the harbour board met on day {i}." for i in range(60))
    for n in range(150):
        (many / f"story_{n:03}.txt").write_text(f"Story {n}\n\nBy Jo Doe\n\n{body} Story {n}.\n",
                                                 encoding="utf-8")
    data = tmp_path / "data"
    if step == "remove":
        _cli(data, "add", str(many))
        ids = [a["id"] for a in json.loads(_cli(data, "list", "--json").stdout)["articles"]]
        script = "\n".join(f"/remove {i}" for i in ids) + "\n"
        proc = _spawn(data, "console")
        proc.stdin.write(script)
        proc.stdin.flush()
    else:
        proc = _spawn(data, "add", str(many))
    _wait_until(data, (lambda n: n > 0) if step == "add" else (lambda n: n < 150))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    stored = _whole_articles_only(data)
    assert 0 < stored < 150, stored  # killed in the middle, not before or after
    done = _cli(data, "add", str(many), check=False)
    assert done.returncode == 0, done.stderr
    assert _whole_articles_only(data) == 150
    shutil.rmtree(many)
