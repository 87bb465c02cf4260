"""Adversarial 5 MB inputs end in time and memory, stored or refused in one line (the
figures come from `python -m bench.adversarial`; the bounds here are the loose ones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.adversarial import BOUND_MB, BOUND_SECONDS, INDEX_CASES, run_case


@pytest.mark.parametrize("case", INDEX_CASES)
def test_an_adversarial_input_stays_within_time_and_memory(case: str, tmp_path: Path) -> None:
    runs = run_case(case, tmp_path, timeout=BOUND_SECONDS * 2)
    for run in runs:
        assert run.clean, (run.step, run.exit_code, run.stderr)
        assert run.seconds < BOUND_SECONDS and run.peak_mb < BOUND_MB, run
