"""Operations: each bot process records a heartbeat row in the store (its shards, the
libraries it holds, its memory, how far behind the store it is), and `newsdesk status`
prints those rows, so N processes on M machines are seen in one place."""

from __future__ import annotations

import logging
import os
import resource
import time
from datetime import UTC, datetime
from typing import Any

from index.library import Libraries
from index.storage.sql import process_id
from index.store import ProcessRow, Store

log = logging.getLogger(__name__)

SILENT_AFTER = 3  # heartbeats missed before status calls a process silent


def resident_bytes() -> int:
    """This process's resident memory (Linux /proc; else the peak from getrusage)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class Heartbeat:
    """The row one bot process keeps up to date in the store."""

    def __init__(self, libraries: Libraries, shard_label: str) -> None:
        self.libraries = libraries
        self.shard_label = shard_label
        self.started = time.time()
        self.id, self.host, self.pid = process_id(self.started)

    def row(self) -> ProcessRow:
        loaded = self.libraries.loaded()
        behind = sum(1 for library in loaded if library.behind())
        return ProcessRow(
            id=self.id, host=self.host, pid=self.pid, shards=self.shard_label,
            libraries=len(loaded), memory=resident_bytes(), behind=behind,
            notify_lag_ms=self.libraries.store.notify_lag_ms(),
            started_at=datetime.fromtimestamp(self.started, UTC).isoformat(timespec="seconds"),
            beat_at=time.time(),
        )

    def beat(self) -> None:
        self.libraries.store.beat(self.row())

    def stop(self) -> None:
        """A clean stop removes the row (a killed process's row turns silent instead)."""
        self.libraries.store.forget_process(self.id)


def status(store: Store, heartbeat: float, now: float | None = None) -> dict[str, Any]:
    """The store and its processes as `status --json` prints them."""
    now = time.time() if now is None else now
    processes = []
    for row in store.processes():
        age = max(0.0, now - row.beat_at)
        processes.append({
            "id": row.id, "host": row.host, "pid": row.pid, "shards": row.shards,
            "libraries": row.libraries, "memory_mb": round(row.memory / 2**20, 1),
            "behind": row.behind,
            "notify_lag_ms": None if row.notify_lag_ms is None else round(row.notify_lag_ms, 1),
            "started_at": row.started_at, "heartbeat_age_s": round(age, 1),
            "silent": age > SILENT_AFTER * heartbeat,
        })
    return {"store": store.url, "libraries": len(store.library_names()),
            "processes": processes}


def status_text(report: dict[str, Any]) -> str:
    lines = [f"store {report['store']}: {report['libraries']} libraries, "
             f"{len(report['processes'])} bot processes"]
    for p in report["processes"]:
        lag = "" if p["notify_lag_ms"] is None else f", change notices {p['notify_lag_ms']:g} ms"
        state = " SILENT (stopped or stuck?)" if p["silent"] else ""
        lines.append(
            f"  {p['host']} pid {p['pid']}  {p['shards']}  {p['libraries']} libraries loaded  "
            f"{p['memory_mb']:g} MB  store lag: {p['behind']} libraries behind{lag}  "
            f"heartbeat {p['heartbeat_age_s']:g} s ago{state}")
    if not report["processes"]:
        lines.append("  no bot process has reported (`newsdesk run` writes a heartbeat)")
    return "\n".join(lines)
