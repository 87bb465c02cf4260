"""Start the real bot against the fake Discord, and fail on anything that went wrong.

`running_bot` yields a `Harness` holding the fake, the bot and its libraries. On the way
out it closes the bot, awaits its task (so a crash in the gateway loop fails the test),
and checks that no payload broke Discord's rules and nothing logged an ERROR.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.client import NewsdeskBot
from bot.config import Settings
from bot.cooldown import Rate
from index.library import Libraries
from tests.e2e.fake_discord import (
    MANAGE_GUILD,
    MEMBER_PERMISSIONS,
    Exchange,
    FakeDiscord,
    Guild,
    Member,
)

FIXTURES = Path(__file__).parent / "fixtures"
GUILD_A = 111111111111111111
GUILD_B = 222222222222222222
EDITOR_ROLE = 333333333333333333

MOD = Member(500000000000000001, "moderator", permissions=MEMBER_PERMISSIONS | MANAGE_GUILD)
ALICE = Member(500000000000000002, "alice")
BOB = Member(500000000000000003, "bob")
EDITOR = Member(500000000000000004, "editor", roles=[EDITOR_ROLE])
CAROL = Member(500000000000000005, "carol")  # member of server B only
UNLIMITED = Rate(100_000, 60)  # a cooldown no test reaches unless it sets its own


class ErrorLogs(logging.Handler):
    """Collects ERROR records from discord.py and the bot: a test must end with none."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(("discord", "bot", "index")):
            self.records.append(record)


@dataclass
class Harness:
    fake: FakeDiscord
    bot: NewsdeskBot
    libraries: Libraries
    errors: ErrorLogs
    expected_errors: list[str] = field(default_factory=list)

    async def run(self, name: str, member: Member = ALICE, guild_id: int | None = GUILD_A,
                  **kwargs: Any) -> Exchange:
        """A slash command, waited until the bot has answered it."""
        exchange = await self.fake.command(name, member, guild_id, **kwargs)
        await self.fake.wait_for(exchange.finished)
        await asyncio.sleep(0)  # let a follow-up written in the same breath arrive
        return exchange

    async def answer(self, name: str, member: Member = ALICE, guild_id: int | None = GUILD_A,
                     **kwargs: Any) -> dict[str, Any]:
        """The one message the user sees for a command."""
        exchange = await self.fake.command(name, member, guild_id, **kwargs)
        shown = await self.fake.wait_for(lambda: exchange.visible())
        assert len(shown) == 1, shown
        return shown[0]

    def add_fixture(self, filename: str, guild_id: int = GUILD_A) -> None:
        report = self.libraries.get(str(guild_id)).add_inputs([str(FIXTURES / filename)])
        assert not report.refused, report


def text_of(message: dict[str, Any]) -> str:
    """Everything a user reads in a message: content and every embed's texts."""
    parts = [message.get("content") or ""]
    for e in message.get("embeds") or []:
        parts += [e.get("title") or "", e.get("description") or "",
                  (e.get("footer") or {}).get("text") or ""]
        for f in e.get("fields") or []:
            parts += [f.get("name", ""), f.get("value", "")]
    return "\n".join(parts)


def custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message.get("components") or []
            for c in row.get("components", []) if "custom_id" in c]


def make_fake() -> FakeDiscord:
    """The fake Discord with servers A and B and their members (not started yet)."""
    guilds = [Guild(GUILD_A, 600000000000000001, roles={EDITOR_ROLE: "Editors"}, name="A"),
              Guild(GUILD_B, 600000000000000002, name="B")]
    members = {GUILD_A: [MOD, ALICE, BOB, EDITOR], GUILD_B: [CAROL, MOD]}
    return FakeDiscord(guilds, members)


@dataclass
class BotRun:
    """A started bot with its libraries and the ERROR records it logged."""

    bot: NewsdeskBot
    libraries: Libraries
    errors: ErrorLogs
    expected_errors: list[str] = field(default_factory=list)


@asynccontextmanager
async def bot_against(api_base: str, gateway_url: str, data_dir: Path, *,
                      manager_role: str | None = "Editors",
                      pager_timeout: float | None = None,
                      user_rate: Rate = UNLIMITED,
                      semantic: bool = False,
                      feed_interval: float = 900.0) -> AsyncIterator[BotRun]:
    """The real bot connected to a Discord at these endpoints, on the running loop.

    The fake may run elsewhere (another thread or process, as bench.loop_lag does so the
    bot's loop carries only the bot). Yields once the bot is ready; on the way out closes
    the bot, awaits its task, and fails on any unexpected ERROR record.
    """
    settings = Settings(
        token="test-token", data_dir=data_dir, guild_id=GUILD_A,
        manager_role=manager_role, api_base=api_base, gateway_url=gateway_url,
        fetch_allow=("127.0.0.1",),  # the tests' own page servers
        user_rate=user_rate, server_rate=UNLIMITED, feed_interval=feed_interval,
    )
    errors = ErrorLogs()
    root = logging.getLogger()
    root.addHandler(errors)
    libraries = Libraries(settings.data_dir, fetch_policy=settings.fetch_policy,
                          semantic=semantic)
    bot = NewsdeskBot(settings, libraries, guild_ready_timeout=0.05, pager_timeout=pager_timeout)
    task = asyncio.create_task(bot.start(settings.token), name="bot")
    run = BotRun(bot, libraries, errors)
    try:
        await asyncio.wait_for(bot.wait_until_ready(), timeout=15)
        # on_ready's warm-up loads every library: a test that damages the store on purpose
        # must not race it (it did, under load)
        await asyncio.wait_for(bot.warmed.wait(), timeout=15)
        yield run
    finally:
        try:
            await bot.close()
            await asyncio.wait_for(task, timeout=10)
        finally:
            libraries.close()
            root.removeHandler(errors)
    unexpected = [r for r in errors.records
                  if not any(e in r.getMessage() for e in run.expected_errors)]
    assert not unexpected, [r.getMessage() for r in unexpected]


@asynccontextmanager
async def running_bot(tmp_path: Path, *, manager_role: str | None = "Editors",
                      pager_timeout: float | None = None,
                      data_dir: Path | None = None,
                      user_rate: Rate = UNLIMITED,
                      feed_interval: float = 900.0) -> AsyncIterator[Harness]:
    fake = make_fake()
    await fake.start()
    try:
        async with bot_against(fake.api_base, fake.gateway_url, data_dir or tmp_path / "data",
                               manager_role=manager_role, pager_timeout=pager_timeout,
                               user_rate=user_rate, feed_interval=feed_interval) as run:
            await fake.wait_for(lambda: fake.ready and fake.commands, timeout=15)
            harness = Harness(fake, run.bot, run.libraries, run.errors, run.expected_errors)
            yield harness
    finally:
        await fake.stop()
    assert not fake.violations, fake.violations
