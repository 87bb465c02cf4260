"""/feed end to end: a moderator follows a feed served from 127.0.0.1, the bot's poller
adds its articles and announces them once in the chosen channel, within the limit."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.feeds import NOTICES_PER_POLL
from tests.e2e.harness import ALICE, CAROL, GUILD_A, GUILD_B, MOD, Harness, running_bot, text_of
from tests.feedsite import FeedSite, rss

RSS = "application/rss+xml"


def _channel_resolved(h: Harness, guild_id: int) -> dict[str, Any]:
    channel_id = h.fake.guild(guild_id).channel_id
    return {"channels": {str(channel_id): {
        "id": str(channel_id), "type": 0, "name": "news", "guild_id": str(guild_id),
        "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None,
        "permissions": "2147483647"}}}


def _notices(h: Harness, guild_id: int) -> list[dict[str, Any]]:
    """Messages the bot posted in the channel itself (not interaction replies)."""
    channel = str(h.fake.guild(guild_id).channel_id)
    return [m for m in h.fake.messages.values()
            if m["channel_id"] == channel and "webhook_id" not in m]


async def _until(check: Callable[[], Any], timeout: float = 20.0) -> None:
    """Wait for a state the fake Discord is not told about (the poller's, the store's)."""
    async def loop() -> None:
        while not check():
            await asyncio.sleep(0.05)

    await asyncio.wait_for(loop(), timeout)


async def _rounds(h: Harness, n: int) -> None:
    """Wait for n more complete polling rounds."""
    target = h.bot.feed_poller.polls + n
    await _until(lambda: h.bot.feed_poller.polls >= target)


def test_a_followed_feed_is_polled_stored_and_announced_once(tmp_path: Path) -> None:
    async def scenario() -> None:
        with FeedSite() as site:
            items = site.put_articles(range(NOTICES_PER_POLL + 2))
            url = site.put("/feed.xml", rss("Valley Courier", items), RSS, etag='"v1"')
            async with running_bot(tmp_path, feed_interval=0.3) as h:
                h.bot.feed_poller.host_gap = 0.0
                channel_id = h.fake.guild(GUILD_A).channel_id
                msg = await h.answer("feed", MOD, sub="add", url=url, channel=str(channel_id),
                                     resolved=_channel_resolved(h, GUILD_A))
                assert msg["ephemeral"] and "Following **Valley Courier**" in text_of(msg)
                library = h.libraries.get(str(GUILD_A))
                await _until(lambda: len(library.articles()) == len(items))
                await _until(lambda: _notices(h, GUILD_A))
                [notice] = _notices(h, GUILD_A)
                lines = notice["content"].splitlines()
                assert len(lines) == NOTICES_PER_POLL + 1  # the limit, then the count
                assert "and 2 more new articles" in lines[-1]
                assert "Valley Courier" in lines[0] and f"<{items[0].link}>" in lines[0]

                await _rounds(h, 3)  # polls that find nothing new announce nothing
                assert len(_notices(h, GUILD_A)) == 1
                assert site.not_modified["/feed.xml"] >= 1  # 304s from the unchanged feed

                fresh = site.put_articles([40])
                site.put("/feed.xml", rss("Valley Courier", items + fresh), RSS, etag='"v2"')
                await _until(lambda: len(_notices(h, GUILD_A)) == 2)
                latest = _notices(h, GUILD_A)[-1]["content"]
                assert latest.count("\n") == 0 and fresh[0].link in latest
                await _rounds(h, 2)
                assert len(_notices(h, GUILD_A)) == 2
                assert len(library.articles()) == len(items) + 1

                listed = text_of(await h.answer("feed", ALICE, sub="list"))
                assert "Valley Courier" in listed and f"{len(items) + 1} articles added" in listed

                # server B: nothing of A's feed, articles or notices
                other = text_of(await h.answer("feed", CAROL, guild_id=GUILD_B, sub="list"))
                assert "follows no feeds" in other
                assert h.libraries.get(str(GUILD_B)).articles() == []
                assert _notices(h, GUILD_B) == []

                removed = await h.answer("feed", MOD, sub="remove", url=url)
                assert "No longer following" in text_of(removed)
                assert "follows no feeds" in text_of(await h.answer("feed", ALICE, sub="list"))

    asyncio.run(scenario())


def test_feed_add_refuses_members_and_pages_that_are_not_feeds(tmp_path: Path) -> None:
    async def scenario() -> None:
        with FeedSite() as site:
            page = site.put("/front.html", "<!doctype html><html><body><p>Hi</p></body></html>")
            feed = site.put("/feed.xml", rss("Valley Courier", []), RSS)
            async with running_bot(tmp_path) as h:
                refused = await h.answer("feed", ALICE, sub="add", url=feed)
                assert refused["ephemeral"] and "Manage Server" in text_of(refused)
                wrong = await h.answer("feed", MOD, sub="add", url=page)
                assert wrong["ephemeral"] and "is an HTML page, not a feed" in text_of(wrong)
                gone = await h.answer("feed", MOD, sub="remove", url=feed)
                assert gone["ephemeral"] and "does not follow" in text_of(gone)
                assert "follows no feeds" in text_of(await h.answer("feed", MOD, sub="list"))

    asyncio.run(scenario())
