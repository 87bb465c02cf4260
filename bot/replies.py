"""How the bot answers an interaction: defer first, then pages, with no pings ever.

Discord gives 3 seconds to acknowledge; every command defers before touching the
engine. An error after a public "thinking…" deletes it and answers ephemerally, so
only the person who asked sees what to fix.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable, Sequence
from typing import Protocol, cast

import discord

from bot.paging import Pager
from bot.render import Page
from index.errors import NewsdeskError

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
APOLOGY = "Sorry, something went wrong on our side (reference `{ref}`). Please try again."
_PUBLIC_DEFER = "newsdesk_public_defer"


class Pacer:
    """At most `per_turn` acknowledgements start in one turn of the event loop; the bot
    holds one (`bot.pacer`), so it lives and dies with the bot and its loop.

    A burst of interactions (say 100 /ask at once) would otherwise open and write 100
    HTTP requests in one turn, a stall of tens of ms for everyone else on the loop. The
    rest wait a turn or more each (measured by bench.loop_lag: well under a second for
    the last of 100, against Discord's 3 s).
    """

    def __init__(self, per_turn: int = 10) -> None:
        self.per_turn = per_turn
        self._started = 0
        self._reset_pending = False
        self._loop: asyncio.AbstractEventLoop | None = None

    def _reset(self) -> None:
        self._started = 0
        self._reset_pending = False

    async def turn(self) -> None:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            # a new loop (a restarted bot): a reset scheduled on the old one never runs
            self._loop = loop
            self._reset()
        while self._started >= self.per_turn:
            await asyncio.sleep(0)
        self._started += 1
        if not self._reset_pending:
            self._reset_pending = True
            loop.call_soon(self._reset)


class HasPacer(Protocol):
    """What `defer` needs of the interaction's client (the bot): its pacer."""

    pacer: Pacer


async def defer(interaction: discord.Interaction, *, ephemeral: bool = False) -> None:
    """Acknowledge now ("newsdesk is thinking…"), paced in bursts; the answer follows."""
    if interaction.response.is_done():
        return
    await cast(HasPacer, interaction.client).pacer.turn()
    if interaction.response.is_done():
        return
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    interaction.extras[_PUBLIC_DEFER] = not ephemeral


async def send_pages(
    interaction: discord.Interaction,
    pages: Sequence[Page],
    make_pager: Callable[[list[Page], int], Pager],
    *,
    ephemeral: bool = False,
) -> None:
    """The first page, with ◀ ▶ buttons for the asker when there are more."""
    if not interaction.response.is_done():
        await defer(interaction, ephemeral=ephemeral)
    if len(pages) <= 1:
        await interaction.followup.send(
            embeds=list(pages[0]) if pages else [], ephemeral=ephemeral,
            allowed_mentions=NO_MENTIONS,
        )
        return
    pager = make_pager(list(pages), interaction.user.id)
    pager.message = await interaction.followup.send(
        embeds=pager.page, view=pager, ephemeral=ephemeral, allowed_mentions=NO_MENTIONS,
        wait=True,
    )


async def send_error(interaction: discord.Interaction, text: str) -> None:
    """An ephemeral message to the person who used the command, whatever state it is in."""
    embed = discord.Embed(description=text[:4000], colour=discord.Colour(0xC05621))
    if interaction.type is discord.InteractionType.autocomplete:
        return
    if not interaction.response.is_done():
        await interaction.response.send_message(
            embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS
        )
        return
    if interaction.extras.get(_PUBLIC_DEFER):
        interaction.extras[_PUBLIC_DEFER] = False
        try:
            await interaction.delete_original_response()
        except discord.HTTPException as exc:
            log.info("could not delete the thinking message: %s", exc)
    await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


def new_reference() -> str:
    """A short id tying a user's apology to the logged traceback."""
    return secrets.token_hex(4)


async def report_error(interaction: discord.Interaction, error: BaseException, where: str) -> None:
    """A NewsdeskError's message for the user; anything else logged with a reference id."""
    if isinstance(error, NewsdeskError):
        log.info("%s refused for guild %s: %s", where, interaction.guild_id, error)
        text = str(error)
    else:
        ref = new_reference()
        log.error(
            "unexpected error in %s (guild %s, reference %s)", where, interaction.guild_id, ref,
            exc_info=error,
        )
        text = APOLOGY.format(ref=ref)
    try:
        await send_error(interaction, text)
    except discord.HTTPException as exc:
        log.warning("could not tell the user about an error: %s", exc)
