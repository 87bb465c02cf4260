"""/feed add, /feed list, /feed remove: the feeds a server follows (bot/feeds.py polls them).

Adding and removing are for Manage Server or the manager role (re-checked on every call,
as for /add); the feed is fetched in the fetch pool and read in the engine thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import actions, feedout, render
from bot.replies import NO_MENTIONS, defer, send_pages
from index.errors import NewsdeskError
from index.ingest import feeds
from index.ingest.fetch import fetch_feed

if TYPE_CHECKING:
    from bot.client import NewsdeskBot

MANAGE = discord.Permissions(manage_guild=True)


def feed_pages(rows: list) -> list[render.Page]:
    if not rows:
        return [render.message("This server follows no feeds. A moderator can follow one "
                               "with `/feed add`.", title="Feeds")]
    entries = []
    for row in rows:
        channel = f" \u2192 <#{row.channel_id}>" if row.channel_id else ""
        name = render.escape(render.clip(row.title or "(untitled feed)", 200))
        entries.append(f"**{name}**{channel}\n{render.escape(row.url)}\n"
                       f"{render.escape(feedout.status_line(row))}")
    return render.pack_entries(entries, title="Followed feeds", per_page=5,
                               footer=f"{len(rows)} feed{'s' if len(rows) != 1 else ''}")


class FeedsCog(commands.Cog):
    feed = app_commands.Group(
        name="feed", description="Feeds this server follows (Manage Server or the manager role)",
        default_permissions=MANAGE,
    )

    def __init__(self, bot: NewsdeskBot) -> None:
        self.bot = bot

    @feed.command(name="add", description="Follow an RSS or Atom feed: its new articles are added")
    @app_commands.describe(url="The feed's address (RSS or Atom), from http:// or https://",
                           channel="Announce each new article here (optional)")
    async def add(self, interaction: discord.Interaction,
                  url: app_commands.Range[str, 1, 2000],
                  channel: discord.TextChannel | None = None) -> None:
        self.bot.require_manager(interaction)
        link = actions.check_url(url)
        await defer(interaction, ephemeral=True)
        limit = self.bot.settings.feeds_per_server
        guild_id = interaction.guild_id
        await self.bot.run_engine(guild_id, feeds.check_room, link, limit)
        fetched = await self.bot.feed_poller.fetch(link, fetch_feed, link,
                                                   self.bot.libraries.fetch_policy)
        if isinstance(fetched, NewsdeskError):
            raise fetched
        row = await self.bot.run_engine(guild_id, feeds.follow_fetched, link, fetched, limit,
                                        channel.id if channel else None)
        self.bot.feed_poller.wake()
        where = f" New articles will be announced in <#{channel.id}>." if channel else ""
        text = (f"Following **{render.escape(row.title or row.url)}**. Its articles are "
                f"added within a minute, then every "
                f"{_minutes(self.bot.settings.feed_interval)}.{where}")
        await interaction.followup.send(embeds=render.message(text, title="Feed followed"),
                                        ephemeral=True, allowed_mentions=NO_MENTIONS)

    @feed.command(name="list", description="The feeds this server follows, with their status")
    async def list_feeds(self, interaction: discord.Interaction) -> None:
        await defer(interaction, ephemeral=True)
        rows = await self.bot.run_engine(interaction.guild_id, feeds.feeds)
        await send_pages(interaction, feed_pages(rows), self.bot.pager, ephemeral=True)

    @feed.command(name="remove", description="Stop following a feed (its articles stay)")
    @app_commands.describe(url="The feed's address (pick from the list)")
    async def remove(self, interaction: discord.Interaction,
                     url: app_commands.Range[str, 1, 2000]) -> None:
        self.bot.require_manager(interaction)
        await defer(interaction, ephemeral=True)
        await self.bot.run_engine(interaction.guild_id, feeds.unfollow, url)
        await interaction.followup.send(
            embeds=render.message(f"No longer following {render.escape(url.strip())}. Its "
                                  "articles stay.", title="Feed removed"),
            ephemeral=True, allowed_mentions=NO_MENTIONS)

    @remove.autocomplete("url")
    async def remove_url(self, interaction: discord.Interaction,
                         current: str) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        rows = await self.bot.run_engine(interaction.guild_id, feeds.feeds)
        wanted = current.casefold()
        return [app_commands.Choice(name=render.plain_label(r.title or r.url, 100),
                                    value=r.url)
                for r in rows if len(r.url) <= 100
                and (wanted in r.url.casefold() or wanted in (r.title or "").casefold())][:25]


def _minutes(seconds: float) -> str:
    if seconds >= 120:
        return f"{seconds / 60:g} minutes"
    return f"{seconds:g} seconds"
