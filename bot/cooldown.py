"""Per-member and per-server rate limits on the commands that cost engine time.

A sliding window per (member, command) and per (server, command): at most `uses` in any
`seconds`. The fair engine keeps one server from starving another; these keep one member
from filling their own server's queue, and one server from filling the engine.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from index.errors import NewsdeskError

LIMITED_COMMANDS = ("ask", "add", "summary")


@dataclass(frozen=True)
class Rate:
    """At most `uses` within any `seconds`."""

    uses: int
    seconds: float

    @classmethod
    def parse(cls, text: str) -> Rate:
        """"5/30" -> 5 uses per 30 seconds; ValueError for anything else."""
        uses, sep, seconds = text.partition("/")
        if not sep or not uses.strip().isdigit() or int(uses) < 1:
            raise ValueError(f"{text!r} is not USES/SECONDS (e.g. 5/30)")
        span = float(seconds)
        if not 0 < span <= 86_400:
            raise ValueError(f"{text!r}: the window must be 1 s to a day")
        return cls(int(uses), span)


class CoolingDown(NewsdeskError):
    """A member or server used a command too often; the message says when to retry."""


class Cooldowns:
    """Sliding-window counters; memory is one timestamp per use inside the window."""

    def __init__(self, per_user: Rate, per_server: Rate,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_user = per_user
        self.per_server = per_server
        self._clock = clock
        self._uses: dict[Hashable, deque[float]] = {}
        self._checks = 0

    def check(self, command: str, user_id: int, guild_id: int | None) -> None:
        """Count one use of command, or raise CoolingDown (and count nothing)."""
        if command not in LIMITED_COMMANDS:
            return
        now = self._clock()
        self._checks += 1
        if self._checks % 1024 == 0:
            self._prune(now)
        user_key = ("user", user_id, command)
        server_key = ("server", guild_id, command)
        wait = self._wait(user_key, self.per_user, now)
        if wait > 0:
            raise CoolingDown(f"You are using /{command} quickly: please wait {_secs(wait)} "
                              "and try again.")
        if guild_id is not None:
            wait = self._wait(server_key, self.per_server, now)
            if wait > 0:
                raise CoolingDown(f"This server is using /{command} a lot right now: please "
                                  f"try again in {_secs(wait)}.")
            self._uses.setdefault(server_key, deque()).append(now)
        self._uses.setdefault(user_key, deque()).append(now)

    def _wait(self, key: Hashable, rate: Rate, now: float) -> float:
        uses = self._uses.get(key)
        if uses is None:
            return 0.0
        while uses and uses[0] <= now - rate.seconds:
            uses.popleft()
        if len(uses) < rate.uses:
            return 0.0
        return uses[0] + rate.seconds - now

    def _prune(self, now: float) -> None:
        """Forget keys whose uses all left their window (members who went quiet)."""
        longest = max(self.per_user.seconds, self.per_server.seconds)
        for key in [k for k, uses in self._uses.items() if not uses or uses[-1] <= now - longest]:
            del self._uses[key]


def _secs(seconds: float) -> str:
    whole = max(1, int(seconds + 0.999))
    return f"{whole} second{'s' if whole != 1 else ''}"
