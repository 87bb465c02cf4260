"""`newsdesk run` against the fake Discord: each log line once, and no voice-support
warnings (the bot never joins a voice channel)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.e2e.harness import make_fake

ROOT = Path(__file__).resolve().parents[2]
READY = "libraries of 2 servers loaded"


async def _run_until_ready(tmp_path: Path, api_base: str, gateway_url: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "DISCORD_"))}
    env.update(PYTHONPATH=str(ROOT), DISCORD_TOKEN="test-token", DISCORD_API_BASE=api_base,
               DISCORD_GATEWAY_URL=gateway_url, NEWSDESK_SEMANTIC="off",
               NEWSDESK_LOG_LEVEL="INFO")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "--data", str(tmp_path / "data"), "run",
        cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stderr is not None
    lines: list[str] = []
    try:
        async with asyncio.timeout(60):
            while not any(READY in line for line in lines):
                raw = await proc.stderr.readline()
                if not raw:
                    break
                lines.append(raw.decode())
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
        rest = await asyncio.wait_for(proc.stderr.read(), timeout=30)
        await asyncio.wait_for(proc.wait(), timeout=30)
    return "".join(lines) + rest.decode()


def test_run_logs_each_line_once_and_no_voice_warnings(tmp_path: Path) -> None:
    async def scenario() -> str:
        fake = make_fake()
        await fake.start()
        try:
            return await _run_until_ready(tmp_path, fake.api_base, fake.gateway_url)
        finally:
            await fake.stop()

    err = asyncio.run(scenario())
    lines = [line for line in err.splitlines() if line.strip()]
    assert any(READY in line for line in lines), err
    assert sum("connected as newsdesk" in line for line in lines) == 1, err
    assert len(lines) == len(set(lines)), err
    assert "voice" not in err and "PyNaCl" not in err, err
