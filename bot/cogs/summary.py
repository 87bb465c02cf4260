"""/summary: an article's key sentences in order, or a digest about a topic."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import actions, autocomplete, options, render
from bot.replies import defer, send_pages

if TYPE_CHECKING:
    from bot.client import NewsdeskBot


class SummaryCog(commands.Cog):
    def __init__(self, bot: NewsdeskBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="summary",
        description="Summarize an article, or give a digest about a topic across articles",
    )
    @app_commands.describe(**options.describe("summary"))
    async def summary(
        self,
        interaction: discord.Interaction,
        article: app_commands.Range[str, 1, options.MAX_NAME_CHARS] | None = None,
        about: app_commands.Range[str, 1, options.MAX_QUESTION_CHARS] | None = None,
        sentences: app_commands.Range[int, 1, options.MAX_SENTENCES] | None = None,
    ) -> None:
        actions.check_target(article, about)
        if about is not None:
            topic = actions.check_question(about)
            await defer(interaction)
            pages = await self.bot.engine_pages(
                interaction.guild_id, render.digest_pages, actions.digest, topic, sentences
            )
            await send_pages(interaction, pages, self.bot.pager)
            return
        await defer(interaction)
        pages = await self.bot.engine_pages(
            interaction.guild_id, render.summary_pages, actions.summary, article or "", sentences
        )
        await send_pages(interaction, pages, self.bot.pager)

    @summary.autocomplete("article")
    async def summary_article(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await autocomplete.articles_for(self.bot, interaction, current)
