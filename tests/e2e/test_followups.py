"""Follow-up questions: a reply to one of the bot's answers, or a question in the thread
started from one, is read in the context of that answer's article."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from tests.e2e.harness import ALICE, BOB, GUILD_A, running_bot, text_of

BOT = "<@900000000000000002>"
QUESTION = "what did the council say?"  # both stored articles quote a council


def _first_title(message: dict[str, Any]) -> str:
    return message["embeds"][0]["title"]


async def _bridge_answer(h: Any) -> dict[str, Any]:
    h.add_fixture("harbour_bridge.txt")
    h.add_fixture("library_fire.txt")
    asked = await h.fake.say(ALICE, GUILD_A, f"{BOT} when does the bridge reopen?")
    replies = await h.fake.wait_for(lambda: h.fake.replies_to(asked["id"]))
    assert _first_title(replies[0]).startswith("Harbour bridge")
    return replies[0]


def test_without_context_the_question_is_answered_from_the_whole_library(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            await _bridge_answer(h)
            asked = await h.fake.say(BOB, GUILD_A, f"{BOT} {QUESTION}")
            replies = await h.fake.wait_for(lambda: h.fake.replies_to(asked["id"]))
            assert _first_title(replies[0]).startswith("Fire damages old library")

    asyncio.run(scenario())


def test_a_reply_to_an_answer_stays_with_that_answers_article(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            answer = await _bridge_answer(h)
            asked = await h.fake.say(BOB, GUILD_A, f"{BOT} {QUESTION}", reply_to=answer)
            replies = await h.fake.wait_for(lambda: h.fake.replies_to(asked["id"]))
            assert _first_title(replies[0]).startswith("Harbour bridge")
            assert "city council said" in text_of(replies[0])

    asyncio.run(scenario())


def test_a_reply_whose_answer_is_not_resolved_fetches_it(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            answer = await _bridge_answer(h)
            asked = await h.fake.say(BOB, GUILD_A, f"{BOT} {QUESTION}", reply_to=answer,
                                     resolve_reply=False)
            replies = await h.fake.wait_for(lambda: h.fake.replies_to(asked["id"]))
            assert _first_title(replies[0]).startswith("Harbour bridge")

    asyncio.run(scenario())


def test_a_question_in_the_thread_of_an_answer_stays_with_its_article(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            answer = await _bridge_answer(h)
            thread = await h.fake.open_thread(answer, GUILD_A)
            asked = await h.fake.say(BOB, GUILD_A, f"{BOT} {QUESTION}", thread_id=thread)
            replies = await h.fake.wait_for(lambda: h.fake.replies_to(asked["id"]))
            assert _first_title(replies[0]).startswith("Harbour bridge")

    asyncio.run(scenario())


def test_a_follow_up_its_article_cannot_answer_is_answered_from_the_library(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            answer = await _bridge_answer(h)
            asked = await h.fake.say(BOB, GUILD_A, f"{BOT} who saved the rare book room?",
                                     reply_to=answer)
            replies = await h.fake.wait_for(lambda: h.fake.replies_to(asked["id"]))
            assert _first_title(replies[0]).startswith("Fire damages old library")

    asyncio.run(scenario())


def test_a_reply_to_someone_elses_message_is_a_fresh_question(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            await _bridge_answer(h)
            chat = await h.fake.say(
                ALICE, GUILD_A, "the bridge story is bad news", mention_bot=False
            )
            asked = await h.fake.say(BOB, GUILD_A, f"{BOT} {QUESTION}", reply_to=chat)
            replies = await h.fake.wait_for(lambda: h.fake.replies_to(asked["id"]))
            assert _first_title(replies[0]).startswith("Fire damages old library")

    asyncio.run(scenario())
