"""Slash commands end to end: real discord.py client and cogs against the local fake."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.e2e.harness import ALICE, GUILD_A, running_bot, text_of


def test_commands_sync_to_the_development_server_within_discord_limits(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            names = {c["name"] for c in h.fake.commands[str(GUILD_A)]}
            assert names == {"ask", "quotes", "whosaid", "speakers", "summary", "articles",
                             "article", "add", "remove", "help"}
            ask = h.fake.schema("ask")
            assert [(o["name"], o["type"], o.get("required", False)) for o in ask["options"]] == [
                ("question", 3, True), ("results", 4, False)]
            add = h.fake.schema("add")
            assert int(add["default_member_permissions"]) == 1 << 5
            assert {o["name"]: o["type"] for o in add["options"]} == {"url": 1, "file": 1, "paste": 1}
            assert int(h.fake.schema("remove")["default_member_permissions"]) == 1 << 5
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
            assert "**The Northport harbour bridge will reopen to traffic on 4 March" in embed["description"]
            assert "Jane Roe and Tomas Weller" in embed["description"]
            assert "\u00b61" in embed["description"] and "matched: harbour, bridge, reopen" in embed["description"]

    asyncio.run(scenario())
