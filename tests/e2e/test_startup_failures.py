"""`newsdesk run` against a Discord that refuses the token or is not there: one line on
stderr, exit 1, and never the token itself."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path

from tests.e2e.harness import make_fake

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "wrong-token-abc123"


def _env(api_base: str, gateway_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "DISCORD_"))}
    env.update(PYTHONPATH=str(ROOT), DISCORD_TOKEN=TOKEN, DISCORD_API_BASE=api_base,
               DISCORD_GATEWAY_URL=gateway_url)
    return env


async def _run(tmp_path: Path, api_base: str, gateway_url: str) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "--data", str(tmp_path / "data"), "run",
        cwd=tmp_path, env=_env(api_base, gateway_url),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    return proc.returncode, err.decode()


def _one_line(err: str) -> str:
    """The failure: the last line, alone (start-up INFO/WARNING logs may come before it)."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err and TOKEN not in err, err
    assert lines[-1].startswith("newsdesk: ") and "ERROR" not in err, err
    return lines[-1]


def test_a_rejected_token_is_one_line(tmp_path: Path) -> None:
    async def scenario() -> tuple[int, str]:
        fake = make_fake()
        await fake.start()
        try:
            return await _run(tmp_path, fake.api_base, fake.gateway_url)
        finally:
            await fake.stop()

    code, err = asyncio.run(scenario())
    assert code == 1
    assert "Discord refused DISCORD_TOKEN" in _one_line(err)


def test_an_unreachable_discord_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, err = asyncio.run(_run(tmp_path, f"http://127.0.0.1:{port}/api/v10",
                                 f"ws://127.0.0.1:{port}/gateway"))
    assert code == 1
    assert f"cannot reach Discord at http://127.0.0.1:{port}/api/v10" in _one_line(err)
