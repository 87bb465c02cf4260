"""The Discord client: dependencies passed in, one cog per area, errors turned into replies.

Built as discord.py's examples/advanced_startup.py does: `main()` makes the settings and
the libraries and hands them to the bot; nothing here reads the environment.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypedDict, TypeVar

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket

from bot import actions, logs, render
from bot.config import ConfigError, Settings
from bot.cooldown import Cooldowns, CoolingDown
from bot.engine import FairEngine
from bot.feeds import FeedPoller
from bot.paging import EXPIRED_TEXT, LiveComponents, Pager
from bot.replies import APOLOGY, NO_MENTIONS, Pacer, new_reference, report_error
from bot.status import Heartbeat
from index.errors import FetchError, NewsdeskError
from index.ingest.fetch import FetchedPage, fetch_url
from index.library import Libraries, Library

log = logging.getLogger(__name__)

T = TypeVar("T")

DM_TEXT = (
    "newsdesk works in servers: each server has its own articles. Use the commands or "
    "mention me in a channel of a server we share."
)
MENTION_HINT = (
    "Ask me something about this server's articles, e.g. *@newsdesk what did the mayor say?*"
)


def point_discord_at(settings: Settings) -> None:
    """Send REST and gateway traffic to the configured endpoints (proxies, the e2e fake).

    The one place that touches discord.py's class-level endpoints. Set before login:
    discord.http._set_api_version() resets Route.BASE, so nothing may call it after this.
    """
    if settings.api_base:
        discord.http.Route.BASE = settings.api_base
    if settings.gateway_url:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)


class NewsdeskTree(app_commands.CommandTree):
    """The command tree: servers only, and one place where errors become replies."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.guild_id is not None:
            return await self._within_rate(interaction)
        if interaction.type is discord.InteractionType.application_command:
            await interaction.response.send_message(
                DM_TEXT, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
        elif interaction.type is discord.InteractionType.autocomplete:
            await interaction.response.autocomplete([])
        return False

    async def _within_rate(self, interaction: discord.Interaction) -> bool:
        """The member's and the server's cooldowns (bot/cooldown.py), answered politely."""
        if interaction.type is not discord.InteractionType.application_command:
            return True
        command = interaction.command
        if command is None:
            return True
        command = getattr(command, "root_parent", None) or command
        try:
            self.client.cooldowns.check(command.name, interaction.user.id, interaction.guild_id)  # type: ignore[attr-defined]
        except CoolingDown as exc:
            await interaction.response.send_message(
                str(exc), ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return False
        return True

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        original: BaseException = error
        if isinstance(error, app_commands.CommandInvokeError):
            original = error.original
        elif isinstance(error, (app_commands.TransformerError, app_commands.CheckFailure)):
            original = NewsdeskError(str(error))
        elif isinstance(error, app_commands.CommandNotFound):
            original = NewsdeskError(
                "That command is not known any more; type / to see the current commands."
            )
        command = interaction.command.qualified_name if interaction.command else "?"
        await report_error(interaction, original, f"/{command}")


class _ShardIds(TypedDict, total=False):
    shard_ids: list[int]


def _shard_ids(settings: Settings) -> _ShardIds:
    """The `shard_ids` option only when settings name shards: discord.py types it as a list,
    and leaving it out is how it is told to serve every shard."""
    if settings.shard_ids is None:
        return {}
    return {"shard_ids": list(settings.shard_ids)}


class NewsdeskBot(commands.AutoShardedBot):
    """The bot, holding the libraries (one per server) and the settings it was given.

    Sharded as settings say: this process serves settings.shard_ids (all when None) of
    settings.shard_count shards, one gateway connection each; Discord sends it the events
    of those shards' servers only, so it loads only their libraries.
    """

    def __init__(
        self,
        settings: Settings,
        libraries: Libraries,
        *,
        sync_guild_on_start: bool = True,
        guild_ready_timeout: float = 2.0,
        pager_timeout: float | None = None,
    ) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True
        intents.dm_messages = True
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            help_command=None,
            allowed_mentions=NO_MENTIONS,
            tree_cls=NewsdeskTree,
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=False, private_channel=False
            ),
            guild_ready_timeout=guild_ready_timeout,
            shard_count=settings.shard_count,
            **_shard_ids(settings),
        )
        self.settings = settings
        self.libraries = libraries
        # One engine thread: engine work is CPU-bound Python, so more threads only fight
        # the event loop for the GIL (measured: loop lag under 100 concurrent /ask). Its
        # queue is per server, served round robin (bot/engine.py states the bound).
        self.engine = FairEngine()
        if libraries.semantic is not None:  # answers first: vectors are filled between them
            libraries.semantic.pause_when(self.engine.busy)
        # Links are fetched here, never in the engine: a slow server holds only its fetch.
        self.fetcher = ThreadPoolExecutor(max_workers=4, thread_name_prefix="newsdesk-fetch")
        self.cooldowns = Cooldowns(settings.user_rate, settings.server_rate)
        self.live = LiveComponents()
        self.pacer = Pacer()  # acknowledgements paced per turn of this bot's loop
        self._warm_up_started = False
        self.warmed = asyncio.Event()  # set once warm_up has loaded and frozen
        self.sync_guild_on_start = sync_guild_on_start
        self.pager_timeout = pager_timeout
        # feeds: one task polling every followed feed when due (bot/feeds.py)
        self.feed_poller = FeedPoller(self, settings.feed_interval)
        # operations: this process's row in the store, for `newsdesk status`
        self.heartbeat = Heartbeat(libraries, settings.shard_label)
        self._heartbeat_task: asyncio.Task[None] | None = None
        point_discord_at(settings)

    async def setup_hook(self) -> None:
        from bot.cogs import all_cogs

        for cog in all_cogs(self):
            await self.add_cog(cog)
        if self.settings.guild_id and self.sync_guild_on_start:
            guild = discord.Object(id=self.settings.guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to server %s", len(synced), self.settings.guild_id)

    async def on_ready(self) -> None:
        log.info("connected as %s to %d servers", self.user, len(self.guilds))
        await self.warm_up()
        self.feed_poller.start()
        if self._heartbeat_task is None:
            self._heartbeat_task = asyncio.create_task(self._beat(), name="heartbeat")

    async def _beat(self) -> None:
        """Record this process's state in the store every settings.heartbeat seconds."""
        while True:
            try:
                await asyncio.to_thread(self.heartbeat.beat)
            except NewsdeskError as exc:  # the store is unreachable: say so, keep serving
                log.warning("heartbeat not recorded: %s", exc)
            await asyncio.sleep(self.settings.heartbeat)

    async def warm_up(self) -> None:
        """Load every server's library now, then keep the loaded objects out of the
        garbage collector's full sweeps (once per bot; reconnects skip it).

        Why: otherwise the first question loads its library while other interactions
        wait; and a full collection walking every loaded article, paragraph and quote
        holds the GIL for tens of ms (81 ms measured at 10k paragraphs, in the engine
        thread), which stalls the event loop just as long. gc.freeze() moves the objects
        alive now to a permanent generation that collections skip; the collect before it
        keeps start-up garbage from being frozen, and later garbage is collected as usual.
        """
        if self._warm_up_started:
            return
        self._warm_up_started = True
        guild_ids = [guild.id for guild in self.guilds]
        budget = self.libraries.memory_budget

        def load_and_freeze() -> int:
            loaded = 0
            for guild_id in guild_ids:  # the rest load on first use
                if budget is not None and self.libraries.memory_bytes() >= budget:
                    break
                self.library(guild_id)
                loaded += 1
            gc.collect()
            gc.freeze()
            return loaded

        loaded = await asyncio.wrap_future(self.engine.submit("warm-up", load_and_freeze))
        self.warmed.set()
        log.info("libraries of %d servers loaded", loaded)

    def library(self, guild_id: int) -> Library:
        return self.libraries.get(str(guild_id))

    async def run_engine(
        self, guild_id: int | None, fn: Callable[..., T], *args: Any
    ) -> T:
        """fn(library_of_that_server, *args) in a worker thread, off the event loop."""
        if guild_id is None:
            raise NewsdeskError(DM_TEXT)
        return await asyncio.wrap_future(
            self.engine.submit(guild_id, lambda: fn(self.library(guild_id), *args))
        )

    async def fetch_page(self, url: str) -> FetchedPage | FetchError:
        """The page at url, fetched in the fetch pool under the libraries' policy, or the
        FetchError (reported to the user as that link's refusal)."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self.fetcher, fetch_url, url, self.libraries.fetch_policy
            )
        except FetchError as exc:
            return exc

    async def engine_pages(
        self, guild_id: int | None, show: Callable[[T], list[render.Page]],
        fn: Callable[..., T], *args: Any
    ) -> list[render.Page]:
        """show(fn(library, *args)) in the engine thread: rendering embeds is pure CPU work
        too, so it stays off the event loop with the engine call it belongs to."""
        return await self.run_engine(guild_id, lambda library: show(fn(library, *args)))

    async def close(self) -> None:
        await self.feed_poller.stop()
        if self._heartbeat_task is not None:
            self._heartbeat_task.cancel()
            self._heartbeat_task = None
            try:
                await asyncio.to_thread(self.heartbeat.stop)
            except NewsdeskError as exc:
                log.warning("heartbeat row not removed: %s", exc)
        await super().close()
        self.engine.shutdown()
        self.fetcher.shutdown(wait=False, cancel_futures=True)

    def can_manage(self, interaction: discord.Interaction) -> bool:
        """Manage Server, or the configured manager role (by id or name)."""
        if interaction.permissions.manage_guild or interaction.permissions.administrator:
            return True
        role_setting = self.settings.manager_role
        member = interaction.user
        if not role_setting or not isinstance(member, discord.Member):
            return False
        wanted = role_setting.casefold()
        return any(str(role.id) == role_setting or role.name.casefold() == wanted
                   for role in member.roles)

    def require_manager(self, interaction: discord.Interaction) -> None:
        if not self.can_manage(interaction):
            manager_role = self.settings.manager_role
            role = f" or the {manager_role} role" if manager_role else ""
            raise actions.PermissionRefused(
                f"Only members with Manage Server{role} can add or remove articles."
            )

    def pager(self, pages: list[render.Page], owner_id: int) -> Pager:
        if self.pager_timeout is None:
            return Pager(pages, owner_id, self.live)
        return Pager(pages, owner_id, self.live, timeout=self.pager_timeout)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Buttons and forms from before a restart or timeout: say so instead of failing."""
        if interaction.type not in (
            discord.InteractionType.component, discord.InteractionType.modal_submit
        ):
            return
        custom_id = interaction.custom_id or ""
        if not LiveComponents.is_ours(custom_id) or self.live.is_live(custom_id):
            return
        if not interaction.response.is_done():
            await interaction.response.send_message(
                EXPIRED_TEXT, ephemeral=True, allowed_mentions=NO_MENTIONS
            )

    async def on_message(self, message: discord.Message) -> None:
        """Answer a message that @mentions the bot, as a reply in the channel."""
        if message.author.bot or self.user is None:
            return
        if message.guild is None:
            await message.channel.send(DM_TEXT, allowed_mentions=NO_MENTIONS)
            return
        if not any(user.id == self.user.id for user in message.mentions):
            return
        question = actions.mention_question(message.content, self.user.id)
        try:
            if not question:
                await message.reply(MENTION_HINT, allowed_mentions=NO_MENTIONS)
                return
            self.cooldowns.check("ask", message.author.id, message.guild.id)
            context = await self.followed_answer(message)
            async with message.channel.typing():
                pages = await self.engine_pages(
                    message.guild.id, render.ask_pages, actions.ask, question, None, context
                )
            if len(pages) > 1:
                pager = self.pager(pages, message.author.id)
                pager.message = await message.reply(
                    embeds=pager.page, view=pager, allowed_mentions=NO_MENTIONS
                )
            else:
                await message.reply(embeds=pages[0], allowed_mentions=NO_MENTIONS)
        except NewsdeskError as exc:
            await message.reply(
                embeds=render.message(str(exc), colour=render.WARN_COLOUR),
                allowed_mentions=NO_MENTIONS,
            )
        except Exception:
            ref = new_reference()
            log.exception("unexpected error answering a mention (reference %s)", ref)
            await message.reply(APOLOGY.format(ref=ref), allowed_mentions=NO_MENTIONS)


    async def followed_answer(self, message: discord.Message) -> list[str]:
        """The articles of the bot's answer that this message follows up: the answer it
        replies to, else the answer that started its thread; none otherwise."""
        answer: discord.Message | None = None
        try:
            if message.reference is not None and message.reference.message_id is not None:
                resolved = message.reference.resolved
                if isinstance(resolved, discord.Message):
                    answer = resolved
                else:
                    answer = await message.channel.fetch_message(message.reference.message_id)
            elif isinstance(message.channel, discord.Thread):
                # a thread started from a message has that message's id; it stands in the
                # parent channel (a forum post's opening message stands in the thread)
                thread = message.channel
                holder = thread.parent if isinstance(thread.parent, discord.TextChannel) else thread
                answer = thread.starter_message or await holder.fetch_message(thread.id)
        except discord.HTTPException:  # deleted, or not visible to the bot: a fresh question
            return []
        if answer is None or self.user is None or answer.author.id != self.user.id:
            return []
        return render.articles_named(answer.embeds)


def run_bot(settings: Settings, libraries: Libraries) -> None:
    """Run the bot until interrupted (blocking). Logging at settings.log_level."""
    token = settings.require_token()
    logs.install(settings.log_level_number, [token, settings.database_url or ""],
                 discord_style=True, label=settings.shard_label)

    async def main() -> None:
        async with NewsdeskBot(settings, libraries) as bot:
            await bot.start(token)

    try:
        with discord_failures(settings):
            asyncio.run(main())
    except KeyboardInterrupt:
        log.info("stopped")


def sync_global(settings: Settings, libraries: Libraries) -> int:
    """Register the slash commands globally (Discord caps creations per day); the count."""
    token = settings.require_token()

    async def main() -> int:
        async with NewsdeskBot(settings, libraries, sync_guild_on_start=False) as bot:
            await bot.login(token)
            synced = await bot.tree.sync()
            return len(synced)

    with discord_failures(settings):
        return asyncio.run(main())


@contextmanager
def discord_failures(settings: Settings) -> Iterator[None]:
    """A rejected token or an unreachable Discord as one line for the operator (never
    with the token in it), not a traceback."""
    where = settings.api_base or "discord.com"
    try:
        yield
    except discord.LoginFailure:
        raise ConfigError(
            "Discord refused DISCORD_TOKEN: reset it in the developer portal (your app > Bot "
            "> Reset Token) and put the new token in .env"
        ) from None
    except discord.PrivilegedIntentsRequired:
        raise ConfigError("Discord refused the connection: the bot asked for an intent the "
                          "developer portal has not enabled") from None
    except discord.HTTPException as exc:
        raise NewsdeskError(f"Discord at {where} answered {exc.status}: try again "
                            "later") from None
    except (aiohttp.ClientError, OSError, TimeoutError, discord.GatewayNotFound,
            discord.ConnectionClosed) as exc:
        reason = exc.__class__.__name__
        raise NewsdeskError(f"cannot reach Discord at {where} ({reason}); check the network "
                            "and DISCORD_API_BASE / DISCORD_GATEWAY_URL") from None
