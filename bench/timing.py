"""Small measuring helpers shared by the benchmark's parts."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Sequence
from typing import Any


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation, as numpy computes it."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def latency(times_s: Sequence[float]) -> dict[str, float]:
    """p50, p95, max and mean in milliseconds, with the number of calls measured."""
    ms = [t * 1000.0 for t in times_s]
    return {
        "n": len(ms),
        "p50_ms": percentile(ms, 50),
        "p95_ms": percentile(ms, 95),
        "max_ms": max(ms) if ms else float("nan"),
        "mean_ms": sum(ms) / len(ms) if ms else float("nan"),
    }


def time_calls(call: Callable[[Any], object], inputs: Sequence[Any],
               budget_s: float | None = None) -> list[float]:
    """Seconds per call over inputs in order; stops early once budget_s is spent."""
    times: list[float] = []
    started = time.perf_counter()
    for item in inputs:
        t = time.perf_counter()
        call(item)
        times.append(time.perf_counter() - t)
        if budget_s is not None and time.perf_counter() - started > budget_s:
            break
    return times


def peak_rss_mb() -> float:
    """This process's peak resident set size so far.

    Linux's VmHWM belongs to the process image itself. getrusage's ru_maxrss does not:
    across fork and exec it keeps the parent's size at the fork, so a probe started by
    the benchmark (which holds the whole library) reported the parent's 364 MB instead
    of its own 267 MB. ru_maxrss (KiB on Linux) is only the fallback without /proc.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def current_rss_mb() -> float:
    """This process's resident set size now."""
    import psutil

    return psutil.Process().memory_info().rss / (1024.0 * 1024.0)
