"""Mentions, paging buttons, server isolation and a gateway RESUME, end to end."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.e2e.harness import (
    ALICE,
    BOB,
    CAROL,
    GUILD_A,
    GUILD_B,
    MOD,
    custom_ids,
    running_bot,
    text_of,
)


def test_a_mention_question_is_answered_as_a_reply(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            asked = await h.fake.say(
                ALICE, GUILD_A, "<@900000000000000002> when does the bridge reopen?"
            )
            replies = await h.fake.wait_for(lambda: h.fake.replies_to(asked["id"]))
            assert "reopen to traffic on 4 March" in text_of(replies[0])

    asyncio.run(scenario())


def test_a_mention_asking_what_someone_said_answers_from_their_quotes(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            asked = await h.fake.say(
                ALICE, GUILD_A, "<@900000000000000002> what did Osei say about the ferries?"
            )
            replies = await h.fake.wait_for(lambda: h.fake.replies_to(asked["id"]))
            text = text_of(replies[0])
            assert "What Ben Osei said" in text and "extra eleven thousand passengers" in text

    asyncio.run(scenario())


def test_everyone_inside_an_article_pings_no_one(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            msg = await h.answer(
                "ask", question="When is the public meeting at the town hall?", results=1
            )
            text = text_of(msg)
            assert "public meeting" in text
            assert "@everyone" not in text and "@\u200beveryone" in text
            assert msg["allowed_mentions"]["parse"] == []

    asyncio.run(scenario())


def test_pages_turn_for_the_asker_and_refuse_anyone_else(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            first = await h.answer("ask", question="bridge council", results=3)
            assert "passage 1 of 3" in text_of(first)
            stored = h.fake.messages[max(h.fake.messages)]
            prev_id, next_id = custom_ids(stored)
            turned = await h.fake.click(stored, next_id, ALICE, GUILD_A)
            await h.fake.wait_for(turned.finished)
            update = turned.callbacks[0]
            assert update["type"] == 7 and "passage 2 of 3" in text_of(update["data"])
            other = await h.fake.click(stored, next_id, BOB, GUILD_A)
            shown = await h.fake.wait_for(other.visible)
            assert shown[0]["ephemeral"] and "Only the person who asked" in text_of(shown[0])

    asyncio.run(scenario())


def test_buttons_are_disabled_when_the_pager_times_out(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path, pager_timeout=0.3) as h:
            h.add_fixture("harbour_bridge.txt")
            await h.answer("ask", question="bridge council", results=2)
            exchange = next(iter(h.fake.exchanges.values()))
            edit = await h.fake.wait_for(lambda: exchange.edits, timeout=5)
            buttons = [c for row in edit[0]["components"] for c in row["components"]]
            assert buttons and all(b["disabled"] for b in buttons)

    asyncio.run(scenario())


def test_a_button_pressed_after_a_restart_says_the_answer_expired(tmp_path: Path) -> None:
    async def scenario() -> None:
        data = tmp_path / "data"
        async with running_bot(tmp_path, data_dir=data) as h:
            h.add_fixture("harbour_bridge.txt")
            await h.answer("ask", question="bridge council", results=2)
            old = dict(h.fake.messages[max(h.fake.messages)])
        async with running_bot(tmp_path, data_dir=data) as h:
            h.fake.messages[int(old["id"])] = old
            pressed = await h.fake.click(old, custom_ids(old)[1], ALICE, GUILD_A)
            shown = await h.fake.wait_for(pressed.visible)
            assert shown[0]["ephemeral"] and "expired" in text_of(shown[0])
            still = await h.answer("ask", question="When does the bridge reopen?", results=1)
            assert "4 March" in text_of(still)

    asyncio.run(scenario())


def test_two_servers_never_see_each_others_articles(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt", guild_id=GUILD_A)
            h.add_fixture("library_fire.txt", guild_id=GUILD_B)
            in_b = await h.answer(
                "ask", CAROL, GUILD_B, question="When does the harbour bridge reopen?"
            )
            assert "No answer found" in text_of(in_b)
            listing = text_of(await h.answer("articles", CAROL, GUILD_B, global_command=True))
            assert "Fire damages" in listing and "Harbour" not in listing
            b_speakers = await h.fake.autocomplete("quotes", CAROL, GUILD_B, "speaker", speaker="")
            names = [c["value"] for c in b_speakers]
            assert "Omar Haddad" in names and "Maria Alvarez" not in names

    asyncio.run(scenario())


def test_a_long_answer_is_split_into_pages_within_discord_limits(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            sentence = ("The ferry timetable changed again on {n} May, and the harbour office said "
                        "the bridge works would decide the next timetable for the ferries. ")
            paragraphs = ["".join(sentence.format(n=(i + k) % 28 + 1) for k in range(30))
                          for i in range(12)]
            text = "Ferry timetable keeps changing\nBy Test Writer\n\n" + "\n\n".join(paragraphs)
            h.libraries.get(str(GUILD_A)).add_text(text)
            shown = await h.answer("article", sub="show", article="ferry")
            assert "page 1 of" in text_of(shown)
            assert "\u2026" in shown["embeds"][0]["description"]
            answer = await h.answer("ask", question="ferry timetable bridge works", results=10)
            assert "\u2026" in answer["embeds"][0]["description"]
            assert len(answer["embeds"][0]["description"]) <= 4096

    asyncio.run(scenario())


def test_the_bot_resumes_after_the_gateway_drops_and_keeps_answering(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            await h.answer("ask", question="When does the bridge reopen?", results=1)
            await h.fake.drop_connection(4000)
            await h.fake.wait_for(lambda: h.fake.resumes == 1 and h.fake.ready, timeout=15)
            msg = await h.answer("ask", question="Who is the harbour master?", results=1)
            assert "Maria Alvarez" in text_of(msg)
            assert h.fake.identifies == 1

    asyncio.run(scenario())


def test_commands_in_a_dm_say_newsdesk_works_in_servers(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            msg = await h.answer("ask", MOD, None, question="hello?")
            assert msg["ephemeral"] and "works in servers" in text_of(msg)
            dm = await h.fake.say(MOD, None, "hello there", mention_bot=False)
            sent = await h.fake.wait_for(lambda: [m for m in h.fake.messages.values()
                                                  if m["channel_id"] == dm["channel_id"]])
            assert "works in servers" in sent[0]["content"]

    asyncio.run(scenario())
