"""◀ ▶ buttons that page through a long answer, for the person who asked only.

Each pager's buttons carry a fresh token in their custom ids and the token is kept in
a `LiveComponents` registry while the pager lives. A click whose token is unknown (the
pager timed out, or the bot restarted) gets an ephemeral "this answer expired" from the
client's interaction listener instead of Discord's "This interaction failed".
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence

import discord

from bot.render import Page

log = logging.getLogger(__name__)

PREFIX = "newsdesk:"
PAGER_TIMEOUT = 600.0  # seconds; interaction tokens live 15 minutes, so stay below
EXPIRED_TEXT = "This answer has expired (the buttons only work for a while). Ask again."
NOT_YOURS_TEXT = (
    "Only the person who asked can turn these pages. Ask your own question to page through it."
)


class LiveComponents:
    """Tokens of the pagers and modals currently listening."""

    def __init__(self) -> None:
        self._tokens: set[str] = set()

    def new(self) -> str:
        token = secrets.token_hex(6)
        self._tokens.add(token)
        return token

    def drop(self, token: str) -> None:
        self._tokens.discard(token)

    def is_live(self, custom_id: str) -> bool:
        """Whether a newsdesk custom id belongs to something still listening."""
        parts = custom_id.split(":")
        return len(parts) >= 3 and parts[2] in self._tokens

    @staticmethod
    def is_ours(custom_id: str) -> bool:
        return custom_id.startswith(PREFIX)


class Pager(discord.ui.View):
    """Shows one page at a time; only `owner_id` may press the buttons."""

    def __init__(
        self,
        pages: Sequence[Page],
        owner_id: int,
        live: LiveComponents,
        *,
        timeout: float = PAGER_TIMEOUT,
    ) -> None:
        super().__init__(timeout=timeout)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self.live = live
        self.token = live.new()
        self.message: discord.Message | discord.WebhookMessage | None = None
        self.previous: discord.ui.Button[Pager] = discord.ui.Button(
            label="\u25c0", style=discord.ButtonStyle.secondary,
            custom_id=f"{PREFIX}page:{self.token}:prev",
        )
        self.next: discord.ui.Button[Pager] = discord.ui.Button(
            label="\u25b6", style=discord.ButtonStyle.secondary,
            custom_id=f"{PREFIX}page:{self.token}:next",
        )
        # discord.py's documented way to give a button its callback; mypy reads it as
        # replacing a method
        self.previous.callback = self._on_previous  # type: ignore[method-assign]
        self.next.callback = self._on_next  # type: ignore[method-assign]
        self.add_item(self.previous)
        self.add_item(self.next)
        self._sync_buttons()

    @property
    def page(self) -> Page:
        return self.pages[self.index]

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            NOT_YOURS_TEXT, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )
        return False

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        self.index = max(0, min(self.index + step, len(self.pages) - 1))
        self._sync_buttons()
        await interaction.response.edit_message(embeds=self.page, view=self)

    async def _on_previous(self, interaction: discord.Interaction) -> None:
        await self._turn(interaction, -1)

    async def _on_next(self, interaction: discord.Interaction) -> None:
        await self._turn(interaction, 1)

    def stop(self) -> None:
        self.live.drop(self.token)
        super().stop()

    async def on_timeout(self) -> None:
        """Grey the buttons out so nobody presses a dead control."""
        self.live.drop(self.token)
        self.previous.disabled = True
        self.next.disabled = True
        if self.message is None:
            return
        try:
            await self.message.edit(view=self)
        except discord.HTTPException as exc:
            log.info("could not disable the buttons of an expired pager: %s", exc)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item
    ) -> None:
        from bot.replies import report_error  # replies imports this module

        await report_error(interaction, error, "the page buttons")
