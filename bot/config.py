"""Settings for the bot: the one place that reads the environment and `.env`.

`main()` builds a `Settings` once and passes it down; nothing else looks at os.environ.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import dotenv_values

from bot.cooldown import Rate
from index.errors import NewsdeskError
from index.ingest.fetch import FetchPolicy
from index.store import store_kind

_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DEFAULT_FEEDS_PER_SERVER = 20
DEFAULT_FEED_INTERVAL = 15 * 60.0
MIN_FEED_INTERVAL = 60.0  # an outlet is not asked more than once a minute
DEFAULT_MEMORY_BUDGET_MB = 2048
DEFAULT_HEARTBEAT = 15.0
MAX_SHARDS = 4096


class ConfigError(NewsdeskError):
    """A setting is present but malformed; the message names the setting and the fix."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from its environment, validated."""

    token: str | None = field(default=None, repr=False)  # a secret: never in repr or logs
    data_dir: Path = Path("data")
    guild_id: int | None = None  # development server whose commands sync at start
    manager_role: str | None = None  # role name or id allowed to add/remove articles
    log_level: str = "INFO"
    api_base: str | None = None  # REST base including the version path
    gateway_url: str | None = None  # gateway websocket URL
    fetch_allow: tuple[str, ...] = ()  # hosts and networks links may reach besides public ones
    user_rate: Rate = Rate(10, 60)  # each member: /ask, /add, /summary (each) per window
    server_rate: Rate = Rate(120, 60)  # each server, the same three commands
    feeds_per_server: int = DEFAULT_FEEDS_PER_SERVER  # feeds one server may follow
    feed_interval: float = DEFAULT_FEED_INTERVAL  # seconds between two polls of a feed
    database_url: str | None = field(default=None, repr=False)  # may hold a password
    shard_count: int = 1  # Discord shards in all the bot's processes together
    shard_ids: tuple[int, ...] | None = None  # the shards this process serves (None: all)
    memory_budget: int = DEFAULT_MEMORY_BUDGET_MB * 2**20  # bytes the loaded libraries may take
    heartbeat: float = DEFAULT_HEARTBEAT  # seconds between two status rows in the store

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, dotenv_path: Path | None = None
    ) -> Settings:
        """Read settings from `env` (default os.environ) over the values of a .env file.

        The environment wins over .env, as python-dotenv's load_dotenv does by default.
        dotenv_path defaults to ./.env; a missing file is fine.
        """
        return cls.from_mapping(_raw_values(env, dotenv_path))

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> Settings:
        """Validate raw string settings; blank values count as unset."""

        def get(name: str) -> str | None:
            value = values.get(name)
            if value is None:
                return None
            value = value.strip()
            return value or None

        token = get("DISCORD_TOKEN")
        data_dir = Path(get("NEWSDESK_DATA") or "data")
        guild_raw = get("DISCORD_GUILD_ID")
        guild_id = None
        if guild_raw is not None:
            if not guild_raw.isdigit() or int(guild_raw) == 0:
                raise ConfigError(
                    f"DISCORD_GUILD_ID must be a server id (digits only), not {guild_raw!r}. "
                    "In Discord: Settings > Advanced > Developer Mode, then right-click the "
                    "server > Copy Server ID."
                )
            guild_id = int(guild_raw)
        level = (get("NEWSDESK_LOG_LEVEL") or "INFO").upper()
        if level not in _LOG_LEVELS:
            raise ConfigError(
                f"NEWSDESK_LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}, not {level!r}."
            )
        api_base = get("DISCORD_API_BASE")
        if api_base is not None:
            api_base = _check_url("DISCORD_API_BASE", api_base, ("http", "https")).rstrip("/")
        gateway = get("DISCORD_GATEWAY_URL")
        if gateway is not None:
            gateway = _check_url("DISCORD_GATEWAY_URL", gateway, ("ws", "wss"))
        return cls(
            token=token,
            data_dir=data_dir,
            guild_id=guild_id,
            manager_role=get("NEWSDESK_MANAGER_ROLE"),
            log_level=level,
            api_base=api_base,
            gateway_url=gateway,
            fetch_allow=parse_fetch_allow(get("NEWSDESK_FETCH_ALLOW")),
            user_rate=_rate("NEWSDESK_USER_RATE", get("NEWSDESK_USER_RATE"), Rate(10, 60)),
            server_rate=_rate("NEWSDESK_SERVER_RATE", get("NEWSDESK_SERVER_RATE"), Rate(120, 60)),
            feeds_per_server=parse_feeds_per_server(get("NEWSDESK_FEEDS_PER_SERVER")),
            feed_interval=parse_feed_interval(get("NEWSDESK_FEED_INTERVAL")),
            database_url=parse_database_url(get("DATABASE_URL")),
            shard_count=parse_shard_count(get("NEWSDESK_SHARD_COUNT")),
            shard_ids=parse_shard_ids(get("NEWSDESK_SHARD_IDS")),
            memory_budget=parse_memory_budget(get("NEWSDESK_MEMORY_BUDGET")),
            heartbeat=parse_heartbeat(get("NEWSDESK_HEARTBEAT")),
        ).checked_shards()

    def checked_shards(self) -> Settings:
        """These settings, after checking the shard ids fall within the shard count."""
        if self.shard_ids is not None:
            wrong = [i for i in self.shard_ids if i >= self.shard_count]
            if wrong:
                raise ConfigError(
                    f"shard ids {', '.join(map(str, wrong))} are not below the shard count "
                    f"{self.shard_count}: shards are numbered 0 to {self.shard_count - 1}."
                )
        return self

    def with_sharding(self, shard_count: int | None, shard_ids: str | None) -> Settings:
        """The same settings with the command line's --shard-count / --shard-ids, if given."""
        count = self.shard_count if shard_count is None else shard_count
        ids = self.shard_ids if shard_ids is None else parse_shard_ids(shard_ids)
        return replace(self, shard_count=count, shard_ids=ids).checked_shards()

    @property
    def shard_label(self) -> str:
        """"shard 0,1/4": the shards this process serves of the count (log lines, status)."""
        ids = ",".join(map(str, self.shard_ids)) if self.shard_ids is not None else (
            ",".join(map(str, range(self.shard_count))))
        return f"shard {ids}/{self.shard_count}"

    @property
    def fetch_policy(self) -> FetchPolicy:
        return FetchPolicy.allowing(self.fetch_allow)

    def with_data_dir(self, data_dir: Path | None) -> Settings:
        """The same settings with the data folder given on the command line, if any."""
        return self if data_dir is None else replace(self, data_dir=Path(data_dir))

    @property
    def log_level_number(self) -> int:
        return logging.getLevelName(self.log_level)

    def require_token(self) -> str:
        """The bot token, or a ConfigError saying how to provide one."""
        if not self.token:
            raise ConfigError(
                "DISCORD_TOKEN is not set: put it in .env (see .env.example) or the "
                "environment. Without a token, `newsdesk console` runs locally."
            )
        return self.token


def parse_fetch_allow(raw: str | None) -> tuple[str, ...]:
    """NEWSDESK_FETCH_ALLOW: host names, addresses or CIDR networks, comma or space
    separated; the default (unset) allows public addresses only."""
    entries = tuple(e for e in (raw or "").replace(",", " ").split() if e)
    try:
        FetchPolicy.allowing(entries)
    except ValueError as exc:
        raise ConfigError(
            f"NEWSDESK_FETCH_ALLOW: {exc}. Give host names, addresses or networks such as "
            "127.0.0.1, 10.0.0.0/8 or news.internal, separated by commas."
        ) from None
    return entries


def fetch_policy_from_env(env: Mapping[str, str] | None = None,
                          dotenv_path: Path | None = None) -> FetchPolicy:
    """The fetch policy NEWSDESK_FETCH_ALLOW asks for (the CLI's commands need only this
    and the data folder)."""
    values = _raw_values(env, dotenv_path)
    return FetchPolicy.allowing(parse_fetch_allow(values.get("NEWSDESK_FETCH_ALLOW")))


def data_dir_from_env(env: Mapping[str, str] | None = None,
                      dotenv_path: Path | None = None) -> Path:
    """NEWSDESK_DATA from the environment or .env, else ./data: all the CLI needs to open
    a library, without validating the bot's other settings."""
    values = _raw_values(env, dotenv_path)
    return Path((values.get("NEWSDESK_DATA") or "").strip() or "data")


def parse_database_url(raw: str | None) -> str | None:
    """DATABASE_URL: sqlite:///PATH or postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE;
    unset means the SQLite file in the data folder."""
    if raw is None or not raw.strip():
        return None
    try:
        store_kind(raw.strip())
    except NewsdeskError as exc:
        raise ConfigError(f"DATABASE_URL: {exc}") from None
    return raw.strip()


def database_url_from_env(env: Mapping[str, str] | None = None,
                          dotenv_path: Path | None = None) -> str | None:
    """DATABASE_URL from the environment or .env, for the CLI."""
    return parse_database_url(_raw_values(env, dotenv_path).get("DATABASE_URL"))


def parse_shard_count(raw: str | None) -> int:
    """NEWSDESK_SHARD_COUNT (or --shard-count): shards across every process (default 1)."""
    if raw is None or not str(raw).strip():
        return 1
    text = str(raw).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_SHARDS:
        raise ConfigError(f"the shard count must be a whole number from 1 to {MAX_SHARDS}, "
                          f"not {raw!r}.")
    return int(text)


def parse_shard_ids(raw: str | None) -> tuple[int, ...] | None:
    """NEWSDESK_SHARD_IDS (or --shard-ids): this process's shards, as 0,1,2 (unset: all)."""
    if raw is None or not raw.strip():
        return None
    parts = [p.strip() for p in raw.replace(" ", ",").split(",") if p.strip()]
    if not parts or not all(p.isdigit() for p in parts) or len(set(parts)) != len(parts):
        raise ConfigError(f"shard ids must be distinct whole numbers separated by commas, "
                          f"e.g. 0,1; not {raw!r}.")
    return tuple(sorted(int(p) for p in parts))


def parse_memory_budget(raw: str | None) -> int:
    """NEWSDESK_MEMORY_BUDGET: megabytes the loaded libraries of one process may take
    before the least recently used are dropped (default 2048)."""
    if raw is None or not raw.strip():
        return DEFAULT_MEMORY_BUDGET_MB * 2**20
    text = raw.strip().lower().removesuffix("mb").strip()
    if not text.isdigit() or not 1 <= int(text) <= 1_048_576:
        raise ConfigError(f"NEWSDESK_MEMORY_BUDGET must be megabytes, a whole number from 1 "
                          f"to 1048576, not {raw!r}.")
    return int(text) * 2**20


def parse_heartbeat(raw: str | None) -> float:
    """NEWSDESK_HEARTBEAT: seconds between two status rows a bot writes (default 15)."""
    if raw is None or not raw.strip():
        return DEFAULT_HEARTBEAT
    try:
        seconds = float(raw.strip().lower().removesuffix("s"))
    except ValueError:
        seconds = -1.0
    if not 0.2 <= seconds <= 3600:
        raise ConfigError(f"NEWSDESK_HEARTBEAT must be seconds from 0.2 to 3600, not {raw!r}.")
    return seconds


def parse_feeds_per_server(raw: str | None) -> int:
    """NEWSDESK_FEEDS_PER_SERVER: how many feeds one server may follow (default 20)."""
    if raw is None or not raw.strip():
        return DEFAULT_FEEDS_PER_SERVER
    text = raw.strip()
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise ConfigError(f"NEWSDESK_FEEDS_PER_SERVER must be a whole number from 1 to 1000, "
                          f"not {raw!r}.")
    return int(text)


_DURATION_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0}


def parse_feed_interval(raw: str | None) -> float:
    """NEWSDESK_FEED_INTERVAL: time between two polls of a feed, as 15m, 900s or 1h (a
    bare number is minutes); at least a minute, at most a day. Default 15 minutes."""
    if raw is None or not raw.strip():
        return DEFAULT_FEED_INTERVAL
    text = raw.strip().lower()
    unit = _DURATION_UNITS.get(text[-1:], None)
    number = text[:-1] if unit is not None else text
    try:
        seconds = float(number) * (unit or 60.0)
    except ValueError:
        seconds = -1.0
    if not MIN_FEED_INTERVAL <= seconds <= 86400.0:
        raise ConfigError(f"NEWSDESK_FEED_INTERVAL must be between 1m and 24h (e.g. 15m, 900s, "
                          f"1h; a bare number is minutes), not {raw!r}.")
    return seconds


def feed_settings_from_env(env: Mapping[str, str] | None = None,
                           dotenv_path: Path | None = None) -> tuple[int, float]:
    """(NEWSDESK_FEEDS_PER_SERVER, NEWSDESK_FEED_INTERVAL in seconds), for the CLI."""
    values = _raw_values(env, dotenv_path)
    return (parse_feeds_per_server(values.get("NEWSDESK_FEEDS_PER_SERVER")),
            parse_feed_interval(values.get("NEWSDESK_FEED_INTERVAL")))


_ON = ("on", "true", "yes", "1")
_OFF = ("off", "false", "no", "0")


def parse_switch(name: str, value: str | None, default: bool) -> bool:
    """An on/off setting; anything else is a ConfigError naming the accepted words."""
    if value is None or not value.strip():
        return default
    word = value.strip().lower()
    if word in _ON:
        return True
    if word in _OFF:
        return False
    raise ConfigError(f"{name} must be on or off, not {value!r}.")


def semantic_from_env(env: Mapping[str, str] | None = None,
                      dotenv_path: Path | None = None) -> bool:
    """NEWSDESK_SEMANTIC from the environment or .env (default on), for the CLI."""
    values = _raw_values(env, dotenv_path)
    return parse_switch("NEWSDESK_SEMANTIC", values.get("NEWSDESK_SEMANTIC"), default=True)


def _raw_values(env: Mapping[str, str] | None, dotenv_path: Path | None) -> dict[str, str]:
    """The .env file's values (./.env by default; a missing file is fine) under the
    environment's, which win as python-dotenv's load_dotenv does by default."""
    path = dotenv_path if dotenv_path is not None else Path.cwd() / ".env"
    values: dict[str, str] = {}
    if path.is_file():
        values.update({k: v for k, v in dotenv_values(path).items() if v is not None})
    values.update(os.environ if env is None else env)
    return values


def _rate(name: str, raw: str | None, default: Rate) -> Rate:
    if raw is None:
        return default
    try:
        return Rate.parse(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}: {exc}; write USES/SECONDS, e.g. 10/60.") from None


def _check_url(name: str, value: str, schemes: tuple[str, ...]) -> str:
    parts = urlsplit(value)
    if parts.scheme not in schemes or not parts.netloc:
        wanted = " or ".join(f"{s}://" for s in schemes)
        raise ConfigError(f"{name} must be a {wanted} URL, not {value!r}.")
    return value
