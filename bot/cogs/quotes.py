"""/quotes, /whosaid, /speakers: who said what, word for word."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import actions, autocomplete, options, render
from bot.replies import defer, send_pages

if TYPE_CHECKING:
    from bot.client import NewsdeskBot


class QuotesCog(commands.Cog):
    def __init__(self, bot: NewsdeskBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="quotes",
        description="What someone said, quoted word for word from this server's articles",
    )
    @app_commands.describe(**options.describe("quotes"))
    async def quotes(
        self,
        interaction: discord.Interaction,
        speaker: app_commands.Range[str, 1, options.MAX_NAME_CHARS],
        article: app_commands.Range[str, 1, options.MAX_NAME_CHARS] | None = None,
    ) -> None:
        name = actions.check_speaker(speaker)
        await defer(interaction)
        pages = await self.bot.engine_pages(
            interaction.guild_id, render.quotes_pages, actions.quotes, name, article
        )
        await send_pages(interaction, pages, self.bot.pager)

    @quotes.autocomplete("speaker")
    async def quotes_speaker(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await autocomplete.speakers_for(self.bot, interaction, current)

    @quotes.autocomplete("article")
    async def quotes_article(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await autocomplete.articles_for(self.bot, interaction, current)

    @app_commands.command(name="whosaid", description="Find who said some words, and where")
    @app_commands.describe(**options.describe("whosaid"))
    async def whosaid(
        self,
        interaction: discord.Interaction,
        words: app_commands.Range[str, 1, options.MAX_QUESTION_CHARS],
    ) -> None:
        text = actions.check_question(words)
        await defer(interaction)
        title = f"Who said \u201c{render.plain_label(text, 150)}\u201d"
        pages = await self.bot.engine_pages(
            interaction.guild_id, partial(render.quotes_pages, title=title), actions.whosaid, text
        )
        await send_pages(interaction, pages, self.bot.pager)

    @app_commands.command(
        name="speakers", description="Everyone quoted in this server's articles, most quoted first"
    )
    async def speakers(self, interaction: discord.Interaction) -> None:
        await defer(interaction)
        pages = await self.bot.engine_pages(
            interaction.guild_id, render.speakers_pages, actions.speakers
        )
        await send_pages(interaction, pages, self.bot.pager)
