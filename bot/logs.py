"""Logging set-up with one filter that keeps secrets and users' words out of every log line.

discord.py's DEBUG logs carry gateway payloads and REST routes: interaction and webhook
tokens (each one lets its holder answer as the bot for 15 minutes), message contents and
option values (users' questions). Fetch logs may carry `user:password@` in a URL. The
filter sits on the root handlers, so it sees every record of every logger at every level,
tracebacks included, and rewrites it before any handler formats it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

REDACTED = "[redacted]"
_OURS = "_newsdesk_handler"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # /interactions/<id>/<token>/callback and /webhooks/<application id>/<token>/...
    (re.compile(r"(/(?:interactions|webhooks)/\d+/)[^/\s?'\"]+"), r"\1" + REDACTED),
    # "token": "..." in a payload (JSON or a Python dict's repr)
    (
        re.compile(r"""(['"]token['"]\s*:\s*)(['"])(?:\\.|(?!\2)[^\\])*\2"""),
        r"\1'" + REDACTED + "'",
    ),
    # message contents and option values: what users typed
    (
        re.compile(r"""(['"](?:content|value)['"]\s*:\s*)(['"])(?:\\.|(?!\2)[^\\])*\2"""),
        r"\1'" + REDACTED + "'",
    ),
    # scheme://user:password@host
    (re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s@:]*:[^/\s@]*@"), r"\1" + REDACTED + "@"),
    # an Authorization header's value
    (re.compile(r"((?:Bot|Bearer)\s+)[A-Za-z0-9._\-]{20,}"), r"\1" + REDACTED),
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """text without tokens, webhook paths' secrets, URL credentials and users' words."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and traceback text) through redact()."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message, self._secrets)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self._secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self._secrets)
        return True


class VoiceSupportFilter(logging.Filter):
    """Drops discord.py's start-up warnings that voice is unsupported (PyNaCl, davey
    missing): newsdesk never joins a voice channel, so they only alarm the operator."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "voice will NOT be supported" not in str(record.msg)


class LabelFilter(logging.Filter):
    """Puts the process's label (its shard ids) at the start of every line, so the logs
    of N bot processes gathered in one place say which shards each line is from."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "_labelled", False):
            record.msg = f"[{self.label}] {record.msg}"
            record._labelled = True
        return True


def install(level: int, secrets: Iterable[str] = (), *, discord_style: bool = False,
            label: str | None = None) -> None:
    """Root logging at level, one handler, every handler filtered. Called again (the
    CLI's set-up, then the bot's), it replaces its earlier handler: lines never double.

    discord_style: discord.py's own coloured format (the bot); else one plain line per
    record on stderr (the CLI). label: put at the start of every line (the shard ids).
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):  # an earlier install (the CLI's, before `run`)
            root.removeHandler(handler)
    before = set(root.handlers)
    if discord_style:
        import discord

        discord.utils.setup_logging(level=level, root=True)
    else:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("newsdesk: %(levelname)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(level)
    voice = logging.getLogger("discord.client")  # the logger that warns, so no handler sees it
    if not any(isinstance(f, VoiceSupportFilter) for f in voice.filters):
        voice.addFilter(VoiceSupportFilter())
    flt = RedactingFilter(secrets)
    for handler in root.handlers:
        if handler not in before:
            setattr(handler, _OURS, True)
        handler.addFilter(flt)
        if label:
            handler.addFilter(LabelFilter(label))
