"""The console and the slash commands are one road: the same session typed in each gets
the same answers and the same refusals (options by name, limits, input checks)."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

from bot.console import run_console
from index.library import Libraries
from tests.e2e.harness import FIXTURES, running_bot, text_of

# (slash command, its options, the console line a user would type for it)
SESSION: list[tuple[str, dict[str, Any], str]] = [
    (
        "ask",
        {"question": "When does the harbour bridge reopen?", "results": 1},
        "/ask question: When does the harbour bridge reopen? results: 1",
    ),
    (
        "ask",
        {"question": "When does the bridge reopen?", "results": 50},
        "/ask When does the bridge reopen? results: 50",
    ),
    (
        "ask",
        {"question": "When does the bridge reopen?", "results": 0},
        "/ask When does the bridge reopen? results: 0",
    ),
    (
        "ask",
        {"question": "When does the \x07bridge reopen?"},
        "/ask When does the \x07bridge reopen?",
    ),
    ("summary", {"article": "harbour", "sentences": 2}, "/summary article: harbour sentences: 2"),
    ("summary", {"article": "harbour", "sentences": 11}, "/summary harbour sentences: 11"),
    (
        "summary",
        {"article": "harbour", "about": "bridge"},
        "/summary article: harbour about: bridge",
    ),
    ("quotes", {"speaker": "Alvares"}, "/quotes speaker: Alvares"),
    ("quotes", {"speaker": "Osei", "article": "harbour"}, "/quotes Osei article: harbour"),
    ("whosaid", {"words": "vouch for the timetable"}, "/whosaid words: vouch for the timetable"),
]

# What each step must show (an answer's words, or the refusal's reason), in both.
EXPECTED = [
    "4 March",
    "ask for between 1 and 10 results, not 50",
    "ask for between 1 and 10 results, not 0",
    "control character (U+0007)",
    "cracks",
    "1 to 10 sentences; 11 was asked for",
    "Give either an article to summarize or about: a topic, not both.",
    "Did you mean: Maria Alvarez?",
    "Nobody enjoys a detour",
    "Closest quotes:",
]


def console_session(data: Path) -> list[str]:
    """Each console line's output (or its error line) on its own."""
    libraries = Libraries(data, semantic=False)
    outputs: list[str] = []
    try:
        library = libraries.get("default")
        library.add_inputs([str(FIXTURES / "harbour_bridge.txt")])
        for _, _, line in SESSION:
            out = io.StringIO()
            run_console(library, io.StringIO(line + "\n"), out,
                        on_error=lambda message, out=out: out.write(message + "\n"))
            outputs.append(out.getvalue())
    finally:
        libraries.close()
    return outputs


def test_a_console_session_gets_the_slash_commands_answers_and_refusals(tmp_path: Path) -> None:
    typed = console_session(tmp_path / "console")

    async def scenario() -> list[dict[str, Any]]:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            return [await h.answer(name, **options) for name, options, _ in SESSION]

    shown = asyncio.run(scenario())
    for (_name, _options, line), want, console, slash in zip(SESSION, EXPECTED, typed, shown,
                                                               strict=True):
        refused = console.startswith("error: ")
        assert refused == bool(slash["ephemeral"]), (line, console, slash)
        assert want in console and want in text_of(slash), (line, console, text_of(slash))
        if refused:  # the very same message, word for word
            assert console.removeprefix("error: ").strip() in text_of(slash), (line, console)
        assert "\x07" not in console and "\x07" not in text_of(slash)
