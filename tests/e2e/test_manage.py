"""/add and /remove end to end: attachments and URLs served from 127.0.0.1, permissions."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp import web

from tests.e2e.harness import ALICE, EDITOR, FIXTURES, GUILD_A, MOD, running_bot, text_of


@asynccontextmanager
async def article_site(body: bytes) -> AsyncIterator[str]:
    """An HTTP server on 127.0.0.1 serving one HTML article; yields its URL."""

    async def page(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="text/html", charset="utf-8")

    app = web.Application()
    app.router.add_get("/news/orchard", page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/news/orchard"
    finally:
        await runner.cleanup()


HTML = """<!doctype html><html><head><title>Orchard festival draws record crowds</title>
<meta property="og:site_name" content="Millbrook Courier">
<meta name="author" content="Lucy Brandt">
<meta property="article:published_time" content="2025-09-14T09:00:00Z"></head>
<body><article><h1>Orchard festival draws record crowds</h1>
<p>More than twelve thousand people visited the Millbrook orchard festival over the weekend,
the largest crowd in its thirty-year history, organisers said.</p>
<p>"We had to open two extra fields for parking," said festival director Colin Marsh.
"Next year we will run shuttle buses from the station."</p>
<p>Apple growers said sales of cider and juice doubled compared with last year, helped by
dry and sunny weather across the whole weekend.</p></article></body></html>"""


def test_a_moderator_adds_an_attached_file_and_members_can_ask_about_it(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            data = (FIXTURES / "library_fire.txt").read_bytes()
            att = h.fake.add_attachment("fire.txt", data)
            msg = await h.answer("add", MOD, sub="file", attachment=att["id"],
                                 resolved={"attachments": {att["id"]: att}})
            assert msg["ephemeral"]
            assert "Added **Fire damages old library roof in Eastfield**" in text_of(msg)
            answer = await h.answer(
                "ask", question="How many firefighters fought the library fire?"
            )
            assert "forty firefighters" in text_of(answer)

    asyncio.run(scenario())


def test_a_moderator_adds_an_article_by_url(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h, article_site(HTML.encode()) as url:
            msg = await h.answer("add", MOD, sub="url", url=url)
            assert msg["ephemeral"] and "Added **Orchard festival draws record crowds**" in text_of(
                msg
            )
            again = await h.answer("add", MOD, sub="url", url=url)
            assert "Already stored as" in text_of(again)

    asyncio.run(scenario())


def test_the_manager_role_may_add_by_pasting_into_a_form(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            opened = await h.run("add", EDITOR, sub="paste")
            modal = opened.callbacks[0]
            assert modal["type"] == 9
            custom_id = modal["data"]["custom_id"]
            body = (FIXTURES / "orchard_festival.md").read_text().split("\n", 2)[2]
            submitted = await h.fake.submit_modal(
                custom_id, EDITOR, GUILD_A, {"title": "Orchard festival record", "body": body}
            )
            shown = await h.fake.wait_for(submitted.visible)
            assert shown[0]["ephemeral"] and "Added **Orchard festival record**" in text_of(
                shown[0]
            )

    asyncio.run(scenario())


def test_remove_is_refused_for_a_member_without_permission(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            msg = await h.answer("remove", ALICE, article="bridge")
            assert msg["ephemeral"] and "Only members with Manage Server" in text_of(msg)
            refused = await h.answer("add", ALICE, sub="paste")
            assert refused["ephemeral"] and "Only members with Manage Server" in text_of(refused)
            assert len(h.libraries.get(str(GUILD_A)).articles()) == 1

    asyncio.run(scenario())


def test_a_moderator_removes_an_article(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            h.add_fixture("harbour_bridge.txt")
            msg = await h.answer("remove", MOD, article="harbour bridge")
            assert msg["ephemeral"] and "Removed **Harbour bridge" in text_of(msg)
            assert h.libraries.get(str(GUILD_A)).articles() == []

    asyncio.run(scenario())


def test_a_paste_with_lone_surrogates_is_stored_not_a_crash(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            opened = await h.run("add", EDITOR, sub="paste")
            custom_id = opened.callbacks[0]["data"]["custom_id"]
            body = ("The harbour board voted on Tuesday to rebuild the \ud800 north pier.\n\n"
                    "Work will start in spring, the board said.\udfff")
            submitted = await h.fake.submit_modal(custom_id, EDITOR, GUILD_A,
                                                  {"title": "Pier \ud83d rebuilt", "body": body})
            shown = await h.fake.wait_for(submitted.visible)
            assert shown[0]["ephemeral"] and "Added **Pier \ufffd rebuilt**" in text_of(shown[0])
            [article] = h.libraries.get(str(GUILD_A)).articles()
            assert "\ufffd north pier" in article.paragraphs[0]

    asyncio.run(scenario())


def test_a_link_inside_the_host_is_refused_in_the_common_words(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(tmp_path) as h:
            for url in ("http://169.254.169.254/latest/meta-data/", "http://[::ffff:10.0.0.1]/",
                        "http://0x0a.0.0.1:8080/admin"):
                msg = await h.answer("add", MOD, sub="url", url=url)
                text = text_of(msg)
                assert msg["ephemeral"] and "could not fetch" in text, text
                assert "public http(s) addresses" in text
            assert h.libraries.get(str(GUILD_A)).articles() == []

    asyncio.run(scenario())
