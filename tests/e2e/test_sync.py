"""`newsdesk sync`: a global registration of the commands, through the real client."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from bot.client import sync_global
from bot.config import Settings
from index.library import Libraries
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.harness import GUILD_A, MOD, Guild


def test_sync_global_registers_every_command_globally(tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    fake = FakeDiscord([Guild(GUILD_A, 600000000000000001)], {GUILD_A: [MOD]})
    asyncio.run_coroutine_threadsafe(fake.start(), loop).result(10)
    libraries = Libraries(tmp_path / "data")
    try:
        settings = Settings(token="test-token", data_dir=tmp_path / "data", guild_id=GUILD_A,
                            api_base=fake.api_base, gateway_url=fake.gateway_url)
        count = sync_global(settings, libraries)
    finally:
        libraries.close()
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
    assert count == 11
    assert set(fake.commands) == {"global"} and len(fake.commands["global"]) == 11
    assert fake.identifies == 0 and not fake.violations

