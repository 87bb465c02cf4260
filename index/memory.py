"""Memory the process no longer uses goes back to the system (glibc; a no-op elsewhere).

A bot process holds a large library for hours while questions, added articles and the
embedding model come and go. glibc keeps what they free: blocks above its mmap threshold
are returned, but the threshold rises to the largest block freed so far, so after the
first big numpy or onnxruntime buffer every later one is carved from the heap and kept;
and memory freed in a worker thread stays in that thread's own arena. Measured at
103,541 Reuters paragraphs with meaning search (bench/): the peak over the benchmark's
questions, adds and removes was 535 MB, 65 MB above the cold start; with a fixed threshold
and a trim after each embedding batch it is 470 MB, the cold start's own.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache

# Blocks of at least this size get their own mapping, returned to the system when freed
# (the model's activations, an index's arrays). Smaller thresholds give back a little more
# but make every new block fresh zero pages: 256 KB cost ~0.5 s of cold start at 105k.
MMAP_THRESHOLD = 1024 * 1024
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number in glibc's malloc.h


@lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
    except (OSError, AttributeError):
        return None
    return libc


def return_large_blocks() -> bool:
    """Fix the mmap threshold (the bot, the console and the CLI call this first thing, so
    the library they load is not carved around kept blocks); whether it took effect."""
    libc = _libc()
    return bool(libc is not None and libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1)


def give_back_freed_memory() -> None:
    """Return what this process has freed but glibc still holds, in every arena (~2 ms
    with a 105k-paragraph library loaded)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
