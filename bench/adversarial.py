"""Adversarial inputs just under the 5 MB cap: time and peak memory of `newsdesk add`
and of the next `newsdesk ask` on the same library, each in a process of its own.

    python -m bench.adversarial              # every case once (part of `make bench`)
    python -m bench.adversarial --soak       # every case at 1, 2.5 and 5 MB, three rounds

An input may be stored or refused with a one-line reason; either way the bound is
BOUND_SECONDS and BOUND_MB per process, and nothing may crash. The cases are made-up
text generated here (no evaluation data).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from index.ingest.articles import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parents[1]
BOUND_SECONDS = 30.0
BOUND_MB = 500.0
_SAID = ("the harbour board said repairs on the north pier would finish in march "
         "according to engineers who inspected the cables").split()


_VOICES = (
    'A harbour engineer inspected the pier. "The cables are sound," said the engineer.',
    'The news did not surprise historian Ann Vane. "We have seen this before," she said.',
    'Tom Reed made it clear to the judge that the work was done. "No more," the judge said.',
    'The board linked to the audit report, which notes, "Half the bolts were loose."',
)


def _fill(unit: Callable[[int], str], size: int, sep: str) -> str:
    """Units joined by sep up to size bytes of UTF-8."""
    parts: list[str] = []
    total, i = 0, 0
    while True:
        piece = unit(i)
        if total + len(piece.encode("utf-8")) + len(sep) > size:
            break
        parts.append(piece)
        total += len(piece.encode("utf-8")) + len(sep)
        i += 1
    return sep.join(parts)


def _letters(i: int) -> str:
    out = ""
    while True:
        out += "bcdfghjklmnpqrstvwxz"[i % 20]
        i //= 20
        if i == 0:
            return "qu" + out


CASES: dict[str, Callable[[int], str]] = {
    "one huge paragraph": lambda n: "Harbour works\n\n" + _fill(
        lambda i: _SAID[i % len(_SAID)], n - 64, " ") + ".\n",
    "600k one-word paragraphs": lambda n: "Paragraph flood\n\n" + _fill(
        lambda i: "pier", n - 64, "\n\n") + "\n",
    "600k distinct words": lambda n: "Word list\n\n" + _fill(_letters, n - 64, " ") + "\n",
    "quotation marks only": lambda n: "Quotes\n\n" + _fill(lambda i: '"', n - 64, "") + "\n",
    "unbalanced quotation marks": lambda n: "Quotes\n\n" + _fill(
        lambda i: '\u201c pier' if i % 3 else 'said \u201d', n - 64, " ") + "\n",
    # every sentence a quote credited through a role, a pronoun or a text: each reads back
    # over what came before it, which must stay a bounded look, not a rescan
    "described speakers in one paragraph": lambda n: "Voices\n\n" + _fill(
        lambda i: _VOICES[i % len(_VOICES)], n - 64, " ") + "\n",
}
# The cases whose cost is newsdesk's ingestion and index (tests assert these); the quote
# cases measure the quote extractor too.
INDEX_CASES = ("one huge paragraph", "600k one-word paragraphs", "600k distinct words")


@dataclass(frozen=True)
class Run:
    """One process: what it did, how long it took and its peak resident memory."""

    case: str
    step: str
    seconds: float
    peak_mb: float
    exit_code: int
    stderr: str

    @property
    def within_bounds(self) -> bool:
        return self.seconds <= BOUND_SECONDS and self.peak_mb <= BOUND_MB

    @property
    def clean(self) -> bool:
        """Exit 0, or 1 with exactly one line saying why; never a traceback."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        return "Traceback" not in self.stderr and (
            (self.exit_code == 0 and not lines) or (self.exit_code == 1 and len(lines) == 1)
        )


def measure(argv: list[str], case: str, step: str, timeout: float) -> Run:
    """Run `newsdesk argv` in a child process; wall time and its peak RSS (wait4)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "DISCORD_"))}
    env["PYTHONPATH"] = str(ROOT)
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli", *argv], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=err)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Run(case, step, seconds, usage.ru_maxrss / 1024, proc.returncode, stderr)


def run_case(case: str, folder: Path, size: int = MAX_FILE_BYTES - 1024,
             timeout: float = 120.0) -> list[Run]:
    """Add the case's text to a fresh library, then ask about it."""
    path = folder / f"{case.replace(' ', '_')}.txt"
    path.write_text(CASES[case](size), encoding="utf-8")
    data = folder / f"data-{path.stem}"
    # ingestion's bounds: meaning search's embedding (linear, ~100 texts/s, waited for at
    # most bot.cli.EMBED_WAIT_S by `add`) is measured by bench.bench, not here
    runs = [measure(["--data", str(data), "--semantic", "off", "add", str(path)], case, "add",
                    timeout),
            measure(["--data", str(data), "ask", "When will the pier repairs finish?"], case,
                    "ask", timeout)]
    path.unlink()
    return runs


def report(runs: list[Run]) -> str:
    lines = [f"{'case':<28} {'step':<5} {'seconds':>8} {'peak MB':>8}  outcome",
             "-" * 78]
    for r in runs:
        said = r.stderr.strip().splitlines()[-1][:60] if r.stderr.strip() else "ok"
        if r.exit_code < 0:
            said = f"killed after {r.seconds:.0f} s (signal {-r.exit_code})"
        mark = "" if r.within_bounds and r.clean else "  <-- OVER BOUND OR NOT CLEAN"
        lines.append(f"{r.case:<28} {r.step:<5} {r.seconds:>8.2f} {r.peak_mb:>8.0f}  "
                     f"exit {r.exit_code}: {said}{mark}")
    lines.append(f"bounds: {BOUND_SECONDS:g} s and {BOUND_MB:g} MB peak RSS per process")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--soak", action="store_true",
                        help="every case at 1, 2.5 and 5 MB, three rounds")
    parser.add_argument("--cases", default=",".join(CASES),
                        help="comma-separated case names (default: all)")
    args = parser.parse_args(argv)
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    sizes = ([MAX_FILE_BYTES // 5, MAX_FILE_BYTES // 2, MAX_FILE_BYTES - 1024] if args.soak
             else [MAX_FILE_BYTES - 1024])
    rounds = 3 if args.soak else 1
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-adversarial-") as tmp:
        for _ in range(rounds):
            for size in sizes:
                for case in cases:
                    runs.extend(run_case(case, Path(tmp), size))
    print(report(runs))
    return 0 if all(r.within_bounds and r.clean for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
