"""/ask: the passages that answer a question, quoted with their attribution."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import actions, options, render
from bot.replies import defer, send_pages

if TYPE_CHECKING:
    from bot.client import NewsdeskBot


class AskCog(commands.Cog):
    def __init__(self, bot: NewsdeskBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="ask",
        description="Ask a question; get the passages that answer it, quoted and attributed",
    )
    @app_commands.describe(**options.describe("ask"))
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, options.MAX_QUESTION_CHARS],
        results: app_commands.Range[int, 1, options.MAX_RESULTS] | None = None,
    ) -> None:
        text = actions.check_question(question)
        await defer(interaction)
        pages = await self.bot.engine_pages(
            interaction.guild_id, render.ask_pages, actions.ask, text, results
        )
        await send_pages(interaction, pages, self.bot.pager)
