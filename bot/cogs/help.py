"""/help: the commands at a glance, only for the person asking."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.replies import NO_MENTIONS

if TYPE_CHECKING:
    from bot.client import NewsdeskBot


class HelpCog(commands.Cog):
    def __init__(self, bot: NewsdeskBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="help", description="How to use newsdesk: the commands and what they do"
    )
    async def help(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            embeds=render.help_pages()[0], ephemeral=True, allowed_mentions=NO_MENTIONS
        )
