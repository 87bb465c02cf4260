"""/add (url, file, paste) and /remove: for Manage Server or the manager role only.

`default_permissions` hides these from other members in Discord's UI, and every call is
re-checked here, because server admins can change who sees a command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import actions, autocomplete, options, render
from bot.paging import PREFIX
from bot.replies import NO_MENTIONS, defer, report_error, send_pages

if TYPE_CHECKING:
    from bot.client import NewsdeskBot

MANAGE = discord.Permissions(manage_guild=True)
PASTE_LIMIT = 4000  # a modal text input holds at most 4,000 characters


class PasteModal(discord.ui.Modal):
    """A form for pasting an article: its title and its text."""

    headline: discord.ui.TextInput = discord.ui.TextInput(
        label="Title", placeholder="The article's headline", max_length=200, custom_id="title"
    )
    body: discord.ui.TextInput = discord.ui.TextInput(
        label="Article text",
        style=discord.TextStyle.paragraph,
        placeholder="Paste the article; a blank line between paragraphs",
        max_length=PASTE_LIMIT,
        custom_id="body",
    )

    def __init__(self, bot: NewsdeskBot) -> None:
        self.bot = bot
        self.token = bot.live.new()
        super().__init__(title="Add an article", custom_id=f"{PREFIX}paste:{self.token}",
                         timeout=900)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        try:
            self.bot.require_manager(interaction)
            await defer(interaction, ephemeral=True)
            outcome = await self.bot.run_engine(
                interaction.guild_id, actions.add_text, self.headline.value, self.body.value
            )
            await send_pages(interaction, render.add_pages([outcome]), self.bot.pager,
                             ephemeral=True)
        finally:  # only now: the expired-form fallback must not answer this submit too
            self.bot.live.drop(self.token)

    async def on_timeout(self) -> None:
        self.bot.live.drop(self.token)

    # Modal.on_error's own signature (discord.py's Modal narrows BaseView's, which mypy flags)
    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction, error: Exception
    ) -> None:
        await report_error(interaction, error, "the paste form")


class ManageCog(commands.Cog):
    add = app_commands.Group(
        name="add", description="Add an article to this server (Manage Server or the manager role)",
        default_permissions=MANAGE,
    )

    def __init__(self, bot: NewsdeskBot) -> None:
        self.bot = bot

    @add.command(name="url", description="Add the article at a web address")
    @app_commands.describe(url="The article's address, starting with http:// or https://")
    async def add_url(
        self, interaction: discord.Interaction, url: app_commands.Range[str, 1, 2000]
    ) -> None:
        self.bot.require_manager(interaction)
        link = actions.check_url(url)
        await defer(interaction, ephemeral=True)
        page = await self.bot.fetch_page(link)  # outside the engine: a slow site waits alone
        report = await self.bot.run_engine(interaction.guild_id, actions.add_page, link, page)
        await send_pages(interaction, render.add_pages(report), self.bot.pager, ephemeral=True)

    @add.command(name="file", description="Add an article from an attached .txt, .md or .html file")
    @app_commands.describe(attachment="The article as a .txt, .md or .html file (5 MB at most)")
    async def add_file(
        self, interaction: discord.Interaction, attachment: discord.Attachment
    ) -> None:
        self.bot.require_manager(interaction)
        actions.check_attachment(attachment.filename, attachment.size)
        await defer(interaction, ephemeral=True)
        data = await attachment.read()
        actions.check_attachment(attachment.filename, len(data))
        outcome = await self.bot.run_engine(
            interaction.guild_id, actions.add_file, data, attachment.filename,
            f"attachment {attachment.filename}",
        )
        await send_pages(interaction, render.add_pages([outcome]), self.bot.pager, ephemeral=True)

    @add.command(name="paste", description="Add an article by pasting its text into a form")
    async def add_paste(self, interaction: discord.Interaction) -> None:
        self.bot.require_manager(interaction)
        await interaction.response.send_modal(PasteModal(self.bot))

    @app_commands.command(
        name="remove",
        description="Remove an article from this server (Manage Server or the manager role)",
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.describe(**options.describe("remove"))
    async def remove(
        self,
        interaction: discord.Interaction,
        article: app_commands.Range[str, 1, options.MAX_NAME_CHARS],
    ) -> None:
        self.bot.require_manager(interaction)
        await defer(interaction, ephemeral=True)
        removed = await self.bot.run_engine(interaction.guild_id, actions.remove, article)
        await interaction.followup.send(
            embeds=render.removed_page(removed)[0], ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    @remove.autocomplete("article")
    async def remove_article(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await autocomplete.articles_for(self.bot, interaction, current)
