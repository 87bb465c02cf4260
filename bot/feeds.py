"""Polling the servers' feeds inside the running bot: one asyncio task, no extra process.

Every feed is polled when its own time comes (the interval after its last poll, longer
after failures: index/ingest/feeds.py backs off). Fetching runs in the bot's fetch pool, off the
event loop and off the engine thread, one request at a time per host with a gap between
two (per-host pacing, so ten feeds of one outlet do not hammer it); reading and storing
run in the engine thread under the server's turn (bot/engine.py), like any /add.
New articles are announced in the feed's channel when it has one: one message a poll,
one line an article, at most NOTICES_PER_POLL lines and a count of the rest.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import discord

from bot import render
from bot.replies import NO_MENTIONS
from index.errors import NewsdeskError
from index.ingest import feeds
from index.ingest.fetch import FetchedPage, fetch_feed, fetch_url
from index.models import Article
from index.store import FeedRow

if TYPE_CHECKING:
    from bot.client import NewsdeskBot

log = logging.getLogger(__name__)

NOTICES_PER_POLL = 5  # article lines in one announcement; the rest are counted
HOST_GAP = 1.0  # seconds between two requests to one host
IDLE = 30.0  # the longest the poller sleeps before looking at the feeds again
MESSAGE_LIMIT = 2000


def notice_text(articles: Sequence[Article], outlet: str | None,
                limit: int = NOTICES_PER_POLL) -> str:
    """One line an article (title, outlet, link), at most limit lines, then how many more;
    everything escaped, links in <> so Discord shows no previews."""
    lines: list[str] = []
    for article in articles[:limit]:
        parts = [f"**{render.escape(render.clip(article.title, 200))}**"]
        source = article.outlet or outlet
        if source:
            parts.append(render.escape(render.clip(source, 100)))
        link = render.safe_url(article.url)
        if link and len(link) <= 500:
            parts.append(f"<{link}>")
        lines.append("\U0001f4f0 " + " \u00b7 ".join(parts))
    rest = len(articles) - len(lines)
    if rest > 0:
        lines.append(f"\u2026 and {rest} more new article{'s' if rest != 1 else ''} "
                     "(see /articles)")
    text = "\n".join(lines)
    return text if len(text) <= MESSAGE_LIMIT else render.clip(text, MESSAGE_LIMIT)


class FeedPoller:
    """The one task that polls every due feed of the servers the bot is in."""

    def __init__(self, bot: NewsdeskBot, interval: float, *, host_gap: float = HOST_GAP,
                 idle: float = IDLE, notices: int = NOTICES_PER_POLL,
                 items_per_poll: int = feeds.ITEMS_PER_POLL) -> None:
        self.bot = bot
        self.interval = interval
        self.host_gap = host_gap
        self.idle = idle
        self.notices = notices
        self.items_per_poll = items_per_poll
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._hosts: dict[str, asyncio.Lock] = {}
        self._last_request: dict[str, float] = {}
        self.polls = 0  # completed rounds over the feeds (tests wait on it)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="newsdesk-feeds")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    def wake(self) -> None:
        """Look at the feeds now (a feed was just followed)."""
        self._wake.set()

    async def _run(self) -> None:
        while True:
            try:
                next_due = await self.poll_due()
            except asyncio.CancelledError:
                raise
            except Exception:  # one bad round must not end polling for every server
                log.exception("feed polling round failed; trying again later")
                next_due = time.time() + self.idle
            self.polls += 1
            delay = min(max(next_due - time.time(), 0.0), self.idle)
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=max(delay, 0.01))
            except TimeoutError:
                pass

    async def poll_due(self) -> float:
        """Poll every feed whose time has come; returns when the next one is due."""
        next_due = time.time() + self.idle
        store = self.bot.libraries.store
        following = await asyncio.wrap_future(
            self.bot.engine.submit("feeds", store.feed_libraries))
        names = {name for name, _ in following}
        for guild in list(self.bot.guilds):
            if str(guild.id) not in names:
                continue
            rows: list[FeedRow] = await self.bot.run_engine(guild.id, feeds.feeds)
            for row in rows:
                if row.next_poll <= time.time():
                    try:
                        row = await self.poll_feed(guild.id, row)
                    except NewsdeskError as exc:  # the library is busy, say: next round
                        log.warning("feed %s of server %s not polled: %s", row.url,
                                    guild.id, exc)
                        continue
                next_due = min(next_due, row.next_poll)
        return next_due

    async def poll_feed(self, guild_id: int, row: FeedRow) -> FeedRow:
        """One poll of one feed; the feed's state after it."""
        policy = self.bot.libraries.fetch_policy
        fetched = await self.fetch(row.url, fetch_feed, row.url, policy, row.etag,
                                   row.last_modified)
        plan = await self.bot.run_engine(guild_id, feeds.plan, row, fetched,
                                         self.items_per_poll)
        pages: dict[str, FetchedPage | NewsdeskError] = {}
        for link in plan.links_to_fetch():
            if link not in pages:
                pages[link] = await self.fetch(link, fetch_url, link, policy)
        result: feeds.PollResult = await self.bot.run_engine(
            guild_id, feeds.ingest_items, plan, pages, self.interval)
        if result.added and row.channel_id is not None:
            await self.announce(guild_id, row.channel_id, result)
        return result.feed

    async def fetch(self, url: str, fn: Callable[..., FetchedPage],
                    *args: Any) -> FetchedPage | NewsdeskError:
        """fn(*args) in the fetch pool, one at a time per host and host_gap apart."""
        host = (urlsplit(url).hostname or "").lower()
        lock = self._hosts.setdefault(host, asyncio.Lock())
        loop = asyncio.get_running_loop()
        async with lock:
            wait = self._last_request.get(host, -self.host_gap) + self.host_gap - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await loop.run_in_executor(self.bot.fetcher, fn, *args)
            except NewsdeskError as exc:
                return exc
            finally:
                self._last_request[host] = loop.time()

    async def announce(self, guild_id: int, channel_id: int,
                       result: feeds.PollResult) -> None:
        """The new articles in the feed's channel, in one message; a channel that is gone
        or closed to the bot is logged, not retried."""
        channel = self.bot.get_channel(channel_id)
        if channel is None or getattr(getattr(channel, "guild", None), "id", None) != guild_id:
            log.warning("feed %s of server %s: channel %s not found for notices",
                        result.feed.url, guild_id, channel_id)
            return
        text = notice_text(result.added, result.feed.title, self.notices)
        try:
            await channel.send(text, allowed_mentions=NO_MENTIONS)  # type: ignore[union-attr]
        except discord.HTTPException as exc:
            log.warning("feed %s of server %s: notice not posted in %s (%s)",
                        result.feed.url, guild_id, channel_id, exc.status)
