"""The feed settings, the notice lines and the poller's per-host pacing."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from bot.config import ConfigError, Settings, feed_settings_from_env
from bot.feeds import FeedPoller, notice_text
from index.errors import FetchError
from index.models import Article


def test_feed_settings_default_to_20_feeds_and_15_minutes(tmp_path) -> None:
    s = Settings.from_env({}, dotenv_path=tmp_path / "missing.env")
    assert s.feeds_per_server == 20 and s.feed_interval == 900.0
    assert feed_settings_from_env({}, dotenv_path=tmp_path / "missing.env") == (20, 900.0)


@pytest.mark.parametrize("raw, seconds", [("15m", 900.0), ("900s", 900.0), ("1h", 3600.0),
                                          ("5", 300.0), (" 2M ", 120.0)])
def test_feed_interval_reads_minutes_seconds_or_hours(raw: str, seconds: float) -> None:
    assert Settings.from_mapping({"NEWSDESK_FEED_INTERVAL": raw}).feed_interval == seconds


@pytest.mark.parametrize("name, raw", [
    ("NEWSDESK_FEED_INTERVAL", "10s"), ("NEWSDESK_FEED_INTERVAL", "often"),
    ("NEWSDESK_FEED_INTERVAL", "2d"), ("NEWSDESK_FEEDS_PER_SERVER", "0"),
    ("NEWSDESK_FEEDS_PER_SERVER", "many"), ("NEWSDESK_FEEDS_PER_SERVER", "-3"),
])
def test_malformed_feed_settings_are_refused_by_name(name: str, raw: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_mapping({name: raw})


def _article(n: int, title: str = "Ferry fares halved") -> Article:
    return Article(id=f"a{n}", title=f"{title} {n}", paragraphs=("Text.",),
                   outlet="Valley Courier", url=f"https://news.example/{n}")


def test_a_notice_is_one_line_an_article_within_the_limit_then_a_count() -> None:
    text = notice_text([_article(n) for n in range(8)], "Valley Courier", limit=3)
    lines = text.splitlines()
    assert len(lines) == 4 and lines[-1].startswith("\u2026 and 5 more new articles")
    assert "**Ferry fares halved 0**" in lines[0] and "<https://news.example/0>" in lines[0]
    assert "Valley Courier" in lines[0]


def test_a_notice_cannot_ping_or_format_from_a_title() -> None:
    text = notice_text([_article(1, "@everyone look: <@123> **now**")], None)
    assert "@everyone" not in text and "<@123>" not in text and "\\*\\*now\\*\\*" in text


def test_requests_to_one_host_are_paced_and_never_overlap() -> None:
    stamps: list[tuple[str, float, float]] = []

    def slow(url: str) -> str:
        start = time.monotonic()
        time.sleep(0.05)
        stamps.append((url, start, time.monotonic()))
        return url

    async def scenario() -> None:
        pool = ThreadPoolExecutor(max_workers=4)
        bot = SimpleNamespace(fetcher=pool)
        poller = FeedPoller(bot, 60.0, host_gap=0.2)  # type: ignore[arg-type]
        urls = ["http://a.example/1", "http://a.example/2", "http://b.example/1"]
        await asyncio.gather(*(poller.fetch(u, slow, u) for u in urls))
        pool.shutdown()

    asyncio.run(scenario())
    by_url = {url: (start, end) for url, start, end in stamps}
    a1, a2 = sorted([by_url["http://a.example/1"], by_url["http://a.example/2"]])
    assert a2[0] - a1[1] >= 0.19  # the second waited the gap after the first ended
    b = by_url["http://b.example/1"]
    assert b[0] < a2[0]  # another host did not wait for a.example's gap


def test_a_failed_fetch_is_returned_not_raised() -> None:
    def refuse(url: str) -> str:
        raise FetchError(f"could not fetch {url}")

    async def scenario() -> object:
        pool = ThreadPoolExecutor(max_workers=1)
        bot = SimpleNamespace(fetcher=pool)
        poller = FeedPoller(bot, 60.0, host_gap=0)  # type: ignore[arg-type]
        try:
            return await poller.fetch("http://a.example/x", refuse, "http://a.example/x")
        finally:
            pool.shutdown()

    assert isinstance(asyncio.run(scenario()), FetchError)
