"""The benchmark's memory figure is the measured process's own, not its parent's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_peak_rss_of_a_child_does_not_include_its_parents_memory() -> None:
    from bench.timing import peak_rss_mb

    ballast = b"\x01" * (200 * 1024 * 1024)  # touched pages: 200 MB resident in this parent
    done = subprocess.run(
        [sys.executable, "-c", "from bench.timing import peak_rss_mb; print(peak_rss_mb())"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    parent = peak_rss_mb()
    del ballast
    assert parent > 200  # the parent really held the ballast while the child ran
    assert float(done.stdout) < 150
