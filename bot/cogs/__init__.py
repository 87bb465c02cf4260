"""One cog per area of the bot; `all_cogs` builds them with the bot they serve."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord.ext import commands

if TYPE_CHECKING:
    from bot.client import NewsdeskBot


def all_cogs(bot: NewsdeskBot) -> list[commands.Cog]:
    from bot.cogs.articles import ArticlesCog
    from bot.cogs.ask import AskCog
    from bot.cogs.feeds import FeedsCog
    from bot.cogs.help import HelpCog
    from bot.cogs.manage import ManageCog
    from bot.cogs.quotes import QuotesCog
    from bot.cogs.summary import SummaryCog

    return [AskCog(bot), QuotesCog(bot), SummaryCog(bot), ArticlesCog(bot), ManageCog(bot),
            HelpCog(bot), FeedsCog(bot)]
