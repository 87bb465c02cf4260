"""Autocomplete choices from the asking server's own library, never another's."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot import render
from index.models import Article, SpeakerCount
from index.text import clean_input

if TYPE_CHECKING:
    from bot.client import NewsdeskBot
    from index.library import Library

log = logging.getLogger(__name__)


def _matches(label: str, current: str) -> bool:
    return current.casefold() in clean_input(label).casefold()


def speaker_choices(speakers: list[SpeakerCount], current: str) -> list[app_commands.Choice[str]]:
    """Speakers whose name contains what was typed, most quoted first, at most 25."""
    ranked = sorted(speakers, key=lambda s: (-s.quotes, s.name.casefold()))
    choices = []
    for s in ranked:
        if not _matches(s.name, clean_input(current)):
            continue
        label = f"{s.name} ({s.quotes} quote{'' if s.quotes == 1 else 's'})"
        value = s.name[: render.CHOICE_LIMIT]
        choices.append(app_commands.Choice(name=render.plain_label(label, render.CHOICE_LIMIT),
                                           value=value))
        if len(choices) == render.CHOICES_PER_RESPONSE:
            break
    return choices


def article_choices(articles: list[Article], current: str) -> list[app_commands.Choice[str]]:
    """Articles whose title or id contains what was typed, newest first, at most 25."""
    typed = clean_input(current)  # never refuses: a half-typed word only narrows the list
    ranked = sorted(articles, key=lambda a: a.added_at or "", reverse=True)
    choices = []
    for a in ranked:
        if typed and not (_matches(a.title, typed) or a.id.casefold().startswith(typed.casefold())):
            continue
        if len(a.id) > render.CHOICE_LIMIT:
            continue
        choices.append(
            app_commands.Choice(
                name=render.plain_label(a.title or a.id, render.CHOICE_LIMIT), value=a.id
            )
        )
        if len(choices) == render.CHOICES_PER_RESPONSE:
            break
    return choices


async def speakers_for(
    bot: NewsdeskBot, interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return await _choices(bot, interaction, "speaker",
                          lambda lib: speaker_choices(list(lib.speakers()), current))


async def articles_for(
    bot: NewsdeskBot, interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return await _choices(bot, interaction, "article",
                          lambda lib: article_choices(list(lib.articles()), current))


async def _choices(bot: NewsdeskBot, interaction: discord.Interaction, what: str,
                   build: Callable[[Library], list[app_commands.Choice[str]]]
                   ) -> list[app_commands.Choice[str]]:
    """Choices built in the engine thread; a failure offers none rather than an error
    (Discord shows nothing for a failed autocomplete anyway)."""
    try:
        return await bot.run_engine(interaction.guild_id, build)
    except Exception:
        log.warning("%s autocomplete failed for guild %s", what, interaction.guild_id,
                    exc_info=True)
        return []
