"""Two `newsdesk run` processes, one shard each, against one PostgreSQL store and the fake
Discord: each answers only its own servers, an article added from the CLI is answered
within 2 s, `newsdesk status` shows both, and kill -9 loses nothing (the restarted
process answers again from the store)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.e2e.fake_discord import MEMBER_PERMISSIONS, FakeDiscord, Guild, Member
from tests.e2e.harness import text_of

ROOT = Path(__file__).resolve().parents[2]
SHARDS = 2
GUILD_0 = (123_456_780 << 22) | 17  # (id >> 22) % 2 == 0: shard 0
GUILD_1 = (123_456_781 << 22) | 17  # shard 1
READER = Member(500000000000000042, "reader", permissions=MEMBER_PERMISSIONS)

CANAL = """Canal lock gates to be replaced at Lowmoor

A made-up article written for newsdesk's tests.

By Ada Fenwick

The two lock gates at Lowmoor will be lifted out by crane in March and replaced with oak \
gates built in Ellesby.

Boats will be turned back at the junction for three weeks while the work is done, the \
waterways trust said.
"""
ORCHESTRA = """Brackenfield youth orchestra wins regional prize

A made-up article written for newsdesk's tests.

By Tomas Reyes

The Brackenfield youth orchestra won the regional prize on Saturday with a programme of sea \
shanties arranged for strings.

Its conductor said the prize money would pay for a tour of three coastal towns in the summer.
"""


def _env(api_base: str, gateway_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("NEWSDESK_", "DISCORD_", "DATABASE_"))}
    env.update(PYTHONPATH=str(ROOT), DISCORD_TOKEN="test-token", DISCORD_API_BASE=api_base,
               DISCORD_GATEWAY_URL=gateway_url, DISCORD_GUILD_ID=str(GUILD_0),
               NEWSDESK_SEMANTIC="off", NEWSDESK_LOG_LEVEL="INFO", NEWSDESK_HEARTBEAT="0.5")
    return env


class BotProcess:
    """One `newsdesk run --shard-ids N` with its stderr collected."""

    def __init__(self, url: str, shard: int, env: dict[str, str], cwd: Path) -> None:
        self.shard = shard
        self.lines: list[str] = []
        self.proc: asyncio.subprocess.Process | None = None
        self._argv = [sys.executable, "-m", "bot.cli", "--database-url", url, "run",
                      "--shard-count", str(SHARDS), "--shard-ids", str(shard)]
        self._env = env
        self._cwd = cwd
        self._pump: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.lines = []
        self.proc = await asyncio.create_subprocess_exec(
            *self._argv, cwd=self._cwd, env=self._env, stderr=asyncio.subprocess.PIPE)
        self._pump = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.proc is not None and self.proc.stderr is not None
        while raw := await self.proc.stderr.readline():
            self.lines.append(raw.decode(errors="replace"))

    async def wait_ready(self, timeout: float = 60) -> None:
        began = time.monotonic()
        while not any("libraries of" in line for line in self.lines):
            assert self.proc is not None
            if self.proc.returncode is not None or time.monotonic() - began > timeout:
                raise AssertionError(f"shard {self.shard} did not start:\n{self.log}")
            await asyncio.sleep(0.05)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    async def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()  # SIGKILL: no clean shutdown, no goodbye to the store
        await self.proc.wait()
        if self._pump is not None:
            await self._pump

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(self.proc.wait(), 30)
            except TimeoutError:
                await self.kill()
        if self._pump is not None:
            await self._pump


def _cli(url: str, env: dict[str, str], cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", "--database-url", url, *argv],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


async def _ask(fake: FakeDiscord, guild_id: int, question: str) -> str:
    exchange = await fake.command("ask", READER, guild_id, question=question)
    shown = await fake.wait_for(lambda: exchange.visible(), timeout=15)
    return text_of(shown[0])


async def _answered_within(fake: FakeDiscord, guild_id: int, question: str, expected: str,
                           seconds: float) -> float:
    """Ask until the answer holds expected; how long that took (fails past seconds)."""
    began = time.monotonic()
    while True:
        answer = await _ask(fake, guild_id, question)
        took = time.monotonic() - began
        if expected in answer:
            return took
        assert took < seconds, f"not answered within {seconds} s: {answer}"
        await asyncio.sleep(0.1)


def test_two_shard_processes_share_one_postgresql_store(tmp_path: Path, postgres) -> None:
    url = postgres.new_url()
    canal, orchestra = tmp_path / "canal.txt", tmp_path / "orchestra.txt"
    canal.write_text(CANAL, encoding="utf-8")
    orchestra.write_text(ORCHESTRA, encoding="utf-8")

    async def scenario() -> None:
        fake = FakeDiscord([Guild(GUILD_0, 600000000000000010, name="zero"),
                            Guild(GUILD_1, 600000000000000011, name="one")],
                           {GUILD_0: [READER], GUILD_1: [READER]})
        await fake.start()
        env = _env(fake.api_base, fake.gateway_url)
        bots = [BotProcess(url, shard, env, tmp_path) for shard in range(SHARDS)]
        try:
            for bot in bots:
                await bot.start()
            await asyncio.gather(*(bot.wait_ready() for bot in bots))
            await fake.wait_for(lambda: fake.shard_ready(0) and fake.shard_ready(1)
                                and fake.commands, timeout=30)
            assert fake.shard_count == SHARDS

            # each process loaded only its own shard's server, and says its shard in its logs
            for bot in bots:
                assert "libraries of 1 servers loaded" in bot.log, bot.log
                assert f"[shard {bot.shard}/{SHARDS}]" in bot.log, bot.log

            # an article added from the CLI is answered by the process serving its server
            added = await asyncio.to_thread(
                _cli, url, env, tmp_path, "--library", str(GUILD_0), "add", str(canal))
            assert added.returncode == 0, added.stderr
            took = await _answered_within(fake, GUILD_0, "When will the lock gates be replaced?",
                                          "oak gates", 2.0)
            added = await asyncio.to_thread(
                _cli, url, env, tmp_path, "--library", str(GUILD_1), "add", str(orchestra))
            assert added.returncode == 0, added.stderr
            await _answered_within(fake, GUILD_1, "What prize did the orchestra win?",
                                   "regional prize", 2.0)
            # libraries stay apart: server 1 knows nothing of the canal
            assert "oak gates" not in await _ask(fake, GUILD_1, "lock gates oak")

            # status: two processes, one shard each, each holding its one library
            done = await asyncio.to_thread(_cli, url, env, tmp_path, "status", "--json")
            assert done.returncode == 0, done.stderr
            rows = {p["shards"]: p for p in json.loads(done.stdout)["processes"]}
            assert set(rows) == {"shard 0/2", "shard 1/2"}, rows
            assert all(p["libraries"] == 1 and p["memory_mb"] > 10 and not p["silent"]
                       and p["notify_lag_ms"] is not None for p in rows.values()), rows

            # kill -9 the second process: the first answers on; nothing stored is lost
            await bots[1].kill()
            await fake.wait_for(lambda: not fake.shard_ready(1), timeout=10)
            assert "oak gates" in await _ask(fake, GUILD_0, "When will the lock gates be replaced?")
            await bots[1].start()
            await bots[1].wait_ready()
            await fake.wait_for(lambda: fake.shard_ready(1), timeout=30)
            answer = await _ask(fake, GUILD_1, "What prize did the orchestra win?")
            assert "regional prize" in answer
            assert not fake.violations, fake.violations
            print(f"CLI add answered in the other process after {took * 1000:.0f} ms")
        finally:
            for bot in bots:
                await bot.stop()
            await fake.stop()

    asyncio.run(scenario())
