"""Engine fairness end to end: a slow link fetch holds nobody's /ask, and members over
their rate limit get a polite private reply while others go on."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from aiohttp import web

from bot.cooldown import Rate
from tests.e2e.harness import ALICE, BOB, CAROL, GUILD_A, GUILD_B, MOD, running_bot, text_of
from tests.e2e.test_manage import HTML

SLOW = 3.0


async def _slow_site() -> tuple[web.AppRunner, str]:
    """A page that answers after SLOW seconds (well within the fetch deadline)."""

    async def page(request: web.Request) -> web.Response:
        await asyncio.sleep(SLOW)
        return web.Response(body=HTML.encode(), content_type="text/html", charset="utf-8")

    app = web.Application()
    app.router.add_get("/slow", page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}/slow"


def test_a_slow_fetch_holds_no_other_question(tmp_path: Path) -> None:
    async def scenario() -> None:
        runner, url = await _slow_site()
        try:
            async with running_bot(tmp_path) as h:
                h.add_fixture("harbour_bridge.txt", GUILD_A)
                h.add_fixture("harbour_bridge.txt", GUILD_B)
                started = time.monotonic()
                adding = await h.fake.command("add", MOD, GUILD_A, sub="url", url=url)
                await asyncio.sleep(0.3)  # the fetch is under way
                for member, guild in ((CAROL, GUILD_B), (ALICE, GUILD_A)):
                    msg = await h.answer(
                        "ask", member, guild, question="When does the bridge reopen?"
                    )
                    assert "4 March" in text_of(msg)
                assert time.monotonic() - started < SLOW - 0.5  # answered while it fetched
                assert not adding.followups
                shown = await h.fake.wait_for(adding.visible, timeout=SLOW + 10)
                assert "Added **Orchard festival" in text_of(shown[0])
        finally:
            await runner.cleanup()

    asyncio.run(scenario())


def test_a_member_over_the_rate_is_answered_politely_and_privately(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path, user_rate=Rate(2, 60)) as h:
            h.add_fixture("harbour_bridge.txt")
            for _ in range(2):
                msg = await h.answer("ask", ALICE, question="When does the bridge reopen?")
                assert "4 March" in text_of(msg)
            refused = await h.answer("ask", ALICE, question="When does the bridge reopen?")
            assert refused["ephemeral"] and "please wait" in text_of(refused)
            assert "4 March" in text_of(
                await h.answer("ask", BOB, question="When does the bridge reopen?"))
            asked = await h.fake.say(ALICE, GUILD_A, "<@900000000000000002> when does it reopen?")
            replies = await h.fake.wait_for(lambda: h.fake.replies_to(asked["id"]))
            assert "please wait" in text_of(replies[0])

    asyncio.run(scenario())


def test_an_unexpected_failure_is_logged_with_a_reference_the_member_sees(tmp_path: Path) -> None:
    """A fault nobody planned for (the database damaged by hand under a running bot)."""
    import re
    import sqlite3

    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            h.expected_errors.append("unexpected error in /ask")
            library_id = h.libraries.store.library_id(str(GUILD_A))
            db = sqlite3.connect(h.libraries.store.path, isolation_level=None)
            db.execute("DROP TABLE quotes")
            db.execute("UPDATE meta SET value = value + 1 WHERE key = ?",
                       (f"changes:{library_id}",))
            db.close()
            msg = await h.answer("ask", ALICE, question="When does the bridge reopen?")
            text = text_of(msg)
            assert msg["ephemeral"] and "Sorry, something went wrong" in text, text
            ref = re.search(r"reference `(\w+)`", text).group(1)
            logged = [r.getMessage() for r in h.errors.records]
            assert any(ref in line for line in logged), logged
            again = await h.answer("ask", BOB, question="When does the bridge reopen?")
            assert "Sorry, something went wrong" in text_of(again)  # still answering

    asyncio.run(scenario())
