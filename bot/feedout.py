"""Feeds and polls as the CLI's JSON and as plain text lines (CLI, console and /feed list).

The JSON keys are part of the CLI contract (`feed add|list|poll --json`): keys may be
added, never renamed or removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot import jsonout
from index.ingest.feeds import PollResult, iso_time
from index.store import FeedRow

Json = dict[str, Any]


def feed(row: FeedRow) -> Json:
    return {
        "url": row.url, "title": row.title,
        "channel": str(row.channel_id) if row.channel_id is not None else None,
        "added": row.added_at, "last_polled": row.last_polled,
        "last_success": row.last_success, "last_error": row.last_error,
        "failures": row.failures, "articles_added": row.articles_added,
        "pending": row.pending,
        "next_poll": iso_time(row.next_poll) if row.next_poll else None,
    }


def feed_list(rows: Sequence[FeedRow]) -> Json:
    return {"feeds": [feed(r) for r in rows]}


def poll(results: Sequence[PollResult]) -> Json:
    return {"feeds": [{
        "feed": feed(r.feed),
        "added": [jsonout.article(a) for a in r.added],
        "duplicates": r.duplicates,
        "failed": [{"url": link, "reason": reason} for link, reason in r.failed],
        "without_link": r.without_link,
        "not_modified": r.not_modified,
        "error": r.error,
    } for r in results]}


def status_line(row: FeedRow) -> str:
    """How a feed is doing, in one line: last success, last error, articles added."""
    parts = [f"{row.articles_added} article{'s' if row.articles_added != 1 else ''} added"]
    parts.append(f"last success {row.last_success}" if row.last_success else "not read yet")
    if row.failures:
        parts.append(f"failing ({row.failures} in a row): {row.last_error}")
    elif row.last_error:
        parts.append(f"note: {row.last_error}")
    if row.pending:
        parts.append(f"{row.pending} item{'s' if row.pending != 1 else ''} waiting")
    return "; ".join(parts)


def feed_text(row: FeedRow) -> str:
    name = row.title or "(untitled feed)"
    return f"{name} <{row.url}>\n  {status_line(row)}"


def feeds_text(rows: Sequence[FeedRow]) -> str:
    if not rows:
        return "No feeds followed. Follow one with: feed add URL"
    return "\n".join(feed_text(r) for r in rows)


def poll_text(results: Sequence[PollResult]) -> str:
    if not results:
        return "No feeds followed."
    lines: list[str] = []
    for r in results:
        name = r.feed.title or r.feed.url
        if r.error:
            lines.append(f"{name}: failed: {r.error}")
        elif r.not_modified and not r.added and not r.failed:
            lines.append(f"{name}: not modified since the last poll")
        else:
            lines.append(f"{name}: {len(r.added)} added, {r.duplicates} already stored, "
                         f"{len(r.failed)} failed")
        lines += [f"  + {a.id} {a.title}" for a in r.added]
        lines += [f"  ! {link}: {reason}" for link, reason in r.failed]
    return "\n".join(lines)
