"""The console answers the bot's commands as text and survives errors."""

from __future__ import annotations

import io
from pathlib import Path

from bot.console import parse, run_console
from index.library import Libraries

FIXTURES = Path(__file__).resolve().parents[1] / "e2e" / "fixtures"


def run(tmp_path: Path, text: str) -> tuple[int, str]:
    libs = Libraries(tmp_path / "data")
    try:
        out = io.StringIO()
        code = run_console(libs.get("default"), io.StringIO(text), out)
        return code, out.getvalue()
    finally:
        libs.close()


def test_options_are_read_as_name_colon_value() -> None:
    line = parse("/summary about: harbour repairs sentences: 4")
    assert (line.command, line.options) == (
        "summary", {"about": "harbour repairs", "sentences": 4})
    assert parse("/show bridge").command == "article show"
    assert parse("when does it reopen?").command == "ask"


def test_add_then_ask_answers_with_attribution(tmp_path: Path) -> None:
    code, out = run(tmp_path, f"/add {FIXTURES / 'harbour_bridge.txt'}\n"
                              "/ask When does the bridge reopen? results: 1\n")
    assert code == 0
    assert "added" in out and "\u00bbThe Northport harbour bridge will reopen" in out
    assert "Jane Roe and Tomas Weller \u00b7 \u00b61" in out


def test_errors_print_one_line_and_the_console_goes_on(tmp_path: Path) -> None:
    code, out = run(tmp_path, "/ask\n/frobnicate\n/articles\n")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("error: ") and lines[1].startswith("error: unknown command")
    assert "No articles are stored yet" in lines[2]


def test_quit_stops_before_the_rest_of_the_input(tmp_path: Path) -> None:
    code, out = run(tmp_path, "/quit\n/help\n")
    assert code == 0 and out == ""
