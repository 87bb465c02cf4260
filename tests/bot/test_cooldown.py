"""Per-member and per-server sliding-window limits, with a clock the test moves."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, Settings
from bot.cooldown import Cooldowns, CoolingDown, Rate


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_member_over_the_limit_is_told_when_to_retry():
    clock = Clock()
    limits = Cooldowns(Rate(2, 10), Rate(100, 10), clock)
    limits.check("ask", 1, 7)
    limits.check("ask", 1, 7)
    with pytest.raises(CoolingDown, match="please wait 10 seconds"):
        limits.check("ask", 1, 7)
    limits.check("ask", 2, 7)  # another member is not affected
    limits.check("summary", 1, 7)  # nor another command
    clock.now += 4
    with pytest.raises(CoolingDown, match="wait 6 seconds"):
        limits.check("ask", 1, 7)
    clock.now += 6
    limits.check("ask", 1, 7)


def test_a_busy_server_is_limited_as_a_whole():
    clock = Clock()
    limits = Cooldowns(Rate(100, 10), Rate(3, 10), clock)
    for member in range(3):
        limits.check("add", member, 7)
    with pytest.raises(CoolingDown, match="This server"):
        limits.check("add", 99, 7)
    limits.check("add", 99, 8)  # another server has its own window


def test_commands_that_cost_little_are_not_limited():
    limits = Cooldowns(Rate(1, 10), Rate(1, 10), Clock())
    for _ in range(5):
        limits.check("articles", 1, 7)
        limits.check("help", 1, 7)


def test_a_refused_use_is_not_counted_and_quiet_members_are_forgotten():
    clock = Clock()
    limits = Cooldowns(Rate(1, 10), Rate(100, 10), clock)
    limits.check("ask", 1, 7)
    for _ in range(5):
        with pytest.raises(CoolingDown):
            limits.check("ask", 1, 7)
    clock.now += 10
    limits.check("ask", 1, 7)  # the refusals did not extend the wait
    for member in range(2, 3000):
        clock.now += 1
        limits.check("ask", member, None)
    assert len(limits._uses) < 1100  # members quiet for a window were pruned


def test_rates_come_from_the_settings():
    s = Settings.from_mapping({"NEWSDESK_USER_RATE": "3/20", "NEWSDESK_SERVER_RATE": "50/60"})
    assert (s.user_rate, s.server_rate) == (Rate(3, 20), Rate(50, 60))
    assert Settings.from_mapping({}).user_rate == Rate(10, 60)
    for bad in ("fast", "0/10", "5/0", "5/x"):
        with pytest.raises(ConfigError, match="NEWSDESK_USER_RATE"):
            Settings.from_mapping({"NEWSDESK_USER_RATE": bad})
