"""Bad input gets a clear ephemeral answer, and the bot keeps serving afterwards."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import Any

import pytest

from index.ingest.articles import MAX_FILE_BYTES
from tests.e2e.harness import ALICE, MOD, running_bot, text_of


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/article"


QUESTIONS = {
    "empty": ("   ", "empty"),
    "too long": ("why " * 250, "characters long"),
    "only emoji": ("\U0001f525\U0001f309\u2753", "no words"),
    "zero-width only": ("\u200b\u200c\u200d", "empty"),
}


@pytest.mark.parametrize("case", sorted(QUESTIONS))
def test_a_question_that_cannot_be_searched_gets_an_ephemeral_reason(
    tmp_path: Path, case: str
) -> None:
    question, reason = QUESTIONS[case]

    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            msg = await h.answer("ask", question=question)
            assert msg["ephemeral"] and reason in text_of(msg)
            ok = await h.answer("ask", question="When does the bridge reopen?", results=1)
            assert "4 March" in text_of(ok)

    asyncio.run(scenario())


def test_zero_width_characters_inside_words_do_not_break_a_question(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            msg = await h.answer(
                "ask", question="When does the bri\u200bdge re\u200dopen?", results=1
            )
            assert "4 March" in text_of(msg)

    asyncio.run(scenario())


def test_an_unknown_article_is_an_ephemeral_not_found(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            msg = await h.answer("summary", article="volcano")
            assert msg["ephemeral"] and "volcano" in text_of(msg)
            shown = await h.answer("article", sub="show", article="volcano")
            assert shown["ephemeral"]

    asyncio.run(scenario())


def attachment(h: Any, name: str, data: bytes, size: int | None = None) -> dict[str, Any]:
    att = h.fake.add_attachment(name, data, size)
    return {"attachment": att["id"], "resolved": {"attachments": {att["id"]: att}}}


ATTACHMENTS = {
    "binary": ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, None, "png image"),
    "empty": ("empty.txt", b"", None, "empty"),
    "oversized": ("huge.txt", b"x", MAX_FILE_BYTES + 1, "limit"),
    "wrong type": ("sheet.xlsx", b"PK\x03\x04", None, ".txt, .md or .html"),
}


@pytest.mark.parametrize("case", sorted(ATTACHMENTS))
def test_a_bad_attachment_is_refused_with_the_reason(tmp_path: Path, case: str) -> None:
    name, data, size, reason = ATTACHMENTS[case]

    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            msg = await h.answer("add", MOD, sub="file", **attachment(h, name, data, size))
            assert msg["ephemeral"] and reason in text_of(msg).lower()
            assert h.libraries.get(str(h.bot.settings.guild_id)).articles() == []

    asyncio.run(scenario())


@pytest.mark.parametrize("url,reason", [
    ("ftp://127.0.0.1/article.txt", "http"),
    ("javascript:alert(1)", "http"),
])
def test_a_non_http_url_is_refused(tmp_path: Path, url: str, reason: str) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            msg = await h.answer("add", MOD, sub="url", url=url)
            assert msg["ephemeral"] and reason in text_of(msg)

    asyncio.run(scenario())


def test_an_unreachable_url_is_refused_and_the_bot_keeps_serving(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            msg = await h.answer("add", MOD, sub="url", url=closed_port_url())
            assert msg["ephemeral"] and "Not added" in text_of(msg)
            h.add_fixture("harbour_bridge.txt")
            ok = await h.answer("ask", ALICE, question="When does the bridge reopen?", results=1)
            assert "4 March" in text_of(ok)

    asyncio.run(scenario())


def test_summary_needs_an_article_or_a_topic(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            msg = await h.answer("summary")
            assert msg["ephemeral"] and "either an article" in text_of(msg)

    asyncio.run(scenario())
