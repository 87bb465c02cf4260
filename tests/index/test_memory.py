"""Memory a process frees goes back to the system: large blocks once freed, and what the
embedding worker's arena holds after a batch (index/memory.py)."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc",
                                reason="the malloc tuning is glibc's; elsewhere it is a no-op")

# A new process (the threshold is set before anything is allocated, as the CLI does):
# after one 8 MB block is freed, glibc's own threshold would keep every smaller large block
# in the heap, pinned there by the small blocks allocated between them.
_SCRIPT = """
import sys
from index.memory import return_large_blocks
if sys.argv[1] == "fixed":
    assert return_large_blocks()
def rss():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024
first = bytearray(8 * 1024 * 1024)
del first
base = rss()
keep, big = [], []
for _ in range(80):
    big.append(bytearray(1024 * 1024))
    keep.append(bytearray(2000))
del big
print(rss() - base)
"""


def _kept_mb(mode: str) -> int:
    out = subprocess.run([sys.executable, "-c", _SCRIPT, mode], capture_output=True, text=True,
                         check=True)
    return int(out.stdout)


def test_freed_large_blocks_go_back_to_the_system_with_the_fixed_threshold() -> None:
    assert _kept_mb("fixed") <= 8


def test_without_it_the_same_blocks_stay_with_the_process() -> None:
    assert _kept_mb("default") >= 60  # what the fixed threshold is for
