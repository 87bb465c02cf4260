"""Slash commands end to end: real discord.py client and cogs against the local fake."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.e2e.harness import ALICE, GUILD_A, GUILD_B, running_bot, text_of


def test_commands_sync_to_the_development_server_within_discord_limits(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            names = {c["name"] for c in h.fake.commands[str(GUILD_A)]}
            assert names == {"ask", "quotes", "whosaid", "speakers", "summary", "articles",
                             "article", "add", "remove", "help", "feed"}
            ask = h.fake.schema("ask")
            assert [(o["name"], o["type"], o.get("required", False)) for o in ask["options"]] == [
                ("question", 3, True), ("results", 4, False)]
            add = h.fake.schema("add")
            assert int(add["default_member_permissions"]) == 1 << 5
            assert {o["name"]: o["type"] for o in add["options"]} == {
                "url": 1,
                "file": 1,
                "paste": 1,
            }
            assert int(h.fake.schema("remove")["default_member_permissions"]) == 1 << 5
            feed = h.fake.schema("feed")
            assert int(feed["default_member_permissions"]) == 1 << 5
            assert {o["name"]: o["type"] for o in feed["options"]} == {
                "add": 1, "list": 1, "remove": 1}
            assert h.fake.schema("quotes")["options"][0]["autocomplete"] is True
            assert all(c.get("contexts") == [0] for c in h.fake.commands[str(GUILD_A)])

    asyncio.run(scenario())


def test_ask_quotes_the_answering_paragraph_with_its_attribution(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            msg = await h.answer("ask", question="When does the harbour bridge reopen?", results=1)
            assert not msg["ephemeral"]
            embed = msg["embeds"][0]
            assert embed["title"] == "Harbour bridge to reopen after cable repairs"
            assert (
                "**The Northport harbour bridge will reopen to traffic on 4 March"
                in embed["description"]
            )
            assert "Jane Roe and Tomas Weller" in embed["description"]
            assert (
                "\u00b61" in embed["description"]
                and "matched: harbour, bridge, reopen" in embed["description"]
            )

    asyncio.run(scenario())


def test_a_question_nothing_answers_says_so_and_names_unknown_words(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            msg = await h.answer("ask", question="What is the weather in Paris?")
            text = text_of(msg)
            assert "No answer found" in text and "*Paris*" in text and "/articles" in text

    asyncio.run(scenario())


def test_quotes_autocomplete_offers_this_servers_speakers_then_lists_quotes(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            h.add_fixture("library_fire.txt", guild_id=GUILD_B)
            choices = await h.fake.autocomplete("quotes", ALICE, GUILD_A, "speaker", speaker="")
            values = [c["value"] for c in choices]
            assert 0 < len(values) <= 25
            assert "Maria Alvarez" in values and "Omar Haddad" not in values
            typed = await h.fake.autocomplete("quotes", ALICE, GUILD_A, "speaker", speaker="alv")
            assert [c["value"] for c in typed] == ["Maria Alvarez"]
            msg = await h.answer("quotes", speaker="Maria Alvarez")
            text = text_of(msg)
            assert "Safety comes before the timetable, every single time." in text
            assert "\u2014 Maria Alvarez" in text and "\u00b62" in text

    asyncio.run(scenario())


def test_quotes_for_an_unknown_speaker_suggest_names(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            msg = await h.answer("quotes", speaker="Alvares")
            assert "No quotes from Alvares" in text_of(msg)

    asyncio.run(scenario())


def test_whosaid_finds_the_speaker_of_some_words(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            msg = await h.answer("whosaid", words="extra eleven thousand passengers")
            assert "Ben Osei" in text_of(msg)

    asyncio.run(scenario())


def test_speakers_lists_who_is_quoted(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            msg = await h.answer("speakers")
            assert "**Maria Alvarez**, harbour master \u2014 2 quotes" in text_of(msg)

    asyncio.run(scenario())


def test_summary_gives_whole_sentences_with_paragraph_numbers(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            choices = await h.fake.autocomplete(
                "summary", ALICE, GUILD_A, "article", article="harb"
            )
            assert [c["name"] for c in choices] == ["Harbour bridge to reopen after cable repairs"]
            msg = await h.answer("summary", article=choices[0]["value"], sentences=2)
            embed = msg["embeds"][0]
            assert embed["title"] == "Harbour bridge to reopen after cable repairs"
            assert embed["description"].count("*(\u00b6") == 2
            assert "Quoted: Maria Alvarez, harbour master (2)" in embed["description"]

    asyncio.run(scenario())


def test_summary_about_a_topic_gives_a_digest(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            h.add_fixture("library_fire.txt")
            msg = await h.answer("summary", about="library fire")
            assert msg["embeds"][0]["title"] == "Fire damages old library roof in Eastfield"

    asyncio.run(scenario())


def test_articles_and_article_show(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            h.add_fixture("orchard_festival.md")
            listing = text_of(await h.answer("articles"))
            assert "Harbour bridge to reopen" in listing and "Orchard festival" in listing
            shown = await h.answer("article", sub="show", article="orchard")
            text = text_of(shown)
            assert "**\u00b62** " in text and "Colin Marsh" in text

    asyncio.run(scenario())


def test_help_is_only_for_the_asker(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            msg = await h.answer("help")
            assert msg["ephemeral"] and "/ask question" in text_of(msg)

    asyncio.run(scenario())
