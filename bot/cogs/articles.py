"""/articles and /article show: what this server has stored."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import actions, autocomplete, options, render
from bot.replies import defer, send_pages

if TYPE_CHECKING:
    from bot.client import NewsdeskBot


class ArticlesCog(commands.Cog):
    article = app_commands.Group(name="article", description="Look at one stored article")

    def __init__(self, bot: NewsdeskBot) -> None:
        self.bot = bot

    @app_commands.command(name="articles", description="List the articles stored in this server")
    async def articles(self, interaction: discord.Interaction) -> None:
        await defer(interaction)
        pages = await self.bot.engine_pages(
            interaction.guild_id, render.articles_pages, actions.articles
        )
        await send_pages(interaction, pages, self.bot.pager)

    @article.command(name="show", description="Show an article's details and numbered paragraphs")
    @app_commands.describe(**options.describe("article show"))
    async def show(
        self,
        interaction: discord.Interaction,
        article: app_commands.Range[str, 1, options.MAX_NAME_CHARS],
    ) -> None:
        await defer(interaction)
        pages = await self.bot.engine_pages(
            interaction.guild_id, render.article_pages, actions.show, article
        )
        await send_pages(interaction, pages, self.bot.pager)

    @show.autocomplete("article")
    async def show_article(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await autocomplete.articles_for(self.bot, interaction, current)
