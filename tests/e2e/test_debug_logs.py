"""discord.py's DEBUG logs through the redacting filter, end to end: gateway payloads and
REST routes of a real exchange leave no interaction token and no question behind."""

from __future__ import annotations

import asyncio
import io
import logging
from pathlib import Path

from bot.logs import RedactingFilter
from tests.e2e.harness import ALICE, GUILD_A, running_bot

QUESTION = "When does the zebracrossing bridge reopen?"


def test_debug_logs_carry_no_interaction_token_and_no_question(tmp_path: Path) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.DEBUG)
    handler.addFilter(RedactingFilter(["test-token"]))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    tokens: list[str] = []

    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            exchange = await h.run("ask", ALICE, GUILD_A, question=QUESTION)
            tokens.append(exchange.token)
            asked = await h.fake.say(ALICE, GUILD_A, f"<@900000000000000002> {QUESTION}")
            await h.fake.wait_for(lambda: h.fake.replies_to(asked["id"]))

    try:
        asyncio.run(scenario())
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    text = stream.getvalue()
    assert "INTERACTION_CREATE" in text and "[redacted]" in text  # the payloads were logged
    assert tokens and tokens[0] not in text
    assert "zebracrossing" not in text
    assert "test-token" not in text
