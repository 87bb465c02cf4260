"""The console reads a plain question that follows an answer in that answer's context."""

from __future__ import annotations

import io
from pathlib import Path

from bot.console import run_console
from index.library import Libraries

FIXTURES = Path(__file__).parents[1] / "e2e" / "fixtures"


def _session(tmp_path: Path, lines: list[str]) -> str:
    libs = Libraries(tmp_path)
    try:
        lib = libs.get("default")
        lib.add_inputs([str(FIXTURES / "harbour_bridge.txt"), str(FIXTURES / "library_fire.txt")])
        out = io.StringIO()
        assert run_console(lib, io.StringIO("\n".join(lines) + "\n"), out) == 0
        return out.getvalue()
    finally:
        libs.close()


def _first_answer_title(block: str) -> str:
    return block.split("\n", 1)[0]


def test_a_plain_question_after_an_answer_stays_with_its_article(tmp_path: Path) -> None:
    out = _session(tmp_path, ["when does the bridge reopen?", "what did the council say?"])
    second = out.split("[1] ")[2]
    assert _first_answer_title(second).startswith("Harbour bridge")


def test_slash_ask_starts_afresh(tmp_path: Path) -> None:
    out = _session(tmp_path, ["when does the bridge reopen?", "/ask what did the council say?"])
    second = out.split("[1] ")[2]
    assert _first_answer_title(second).startswith("Fire damages old library")
