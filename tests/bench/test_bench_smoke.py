"""The benchmark's quick mode still runs end to end, on a made-up corpus (no ../shared)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

# The benchmark compares against the engines of the bench extra; without them it cannot
# run, which is a missing install, not a failure.
for _engine in ("bm25s", "tantivy", "psutil"):
    pytest.importorskip(_engine, reason=f"{_engine} is missing: the bench extra is not "
                        "installed (pip install -e '.[bench]')")

from bench.bench import main  # noqa: E402


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    capture = tmp_path_factory.mktemp("stdout") / "printed.txt"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["--quick", "--corpus", "synthetic", "--synthetic-articles", "120",
                     "--sizes", "150,all", "--questions", "40", "--rank-questions", "20",
                     "--adds", "2", "--json-out", str(out)])
    assert code == 0
    capture.write_text(printed.getvalue())
    return json.loads(Path(out).read_text()), printed.getvalue()


def test_quick_run_measures_every_size_it_was_given(quick_run: tuple[dict, str]) -> None:
    result, _ = quick_run
    sizes = [s["paragraphs"] for s in result["sizes"]]
    assert len(sizes) == 2 and sizes[0] < sizes[1] == result["corpus"]["paragraphs"]
    for size in result["sizes"]:
        assert size["engine"]["n"] == 40 and size["engine"]["p50_ms"] > 0
        assert size["cold_start"]["seconds"] > 0 and size["cold_start"]["peak_rss_mb"] > 0
        assert size["add_searchable"]["n"] == 2
        assert set(size["engines"]) == {"rank_bm25", "bm25s", "tantivy"}


def test_quick_run_finds_newsdesk_top_10_equal_to_rank_bm25(quick_run: tuple[dict, str]) -> None:
    result, _ = quick_run
    for size in result["sizes"]:
        assert size["equality"]["checked"] == 20
        assert size["equality"]["equal"] == 20, size["equality"]["mismatches"]


def test_quick_run_prints_the_table_and_a_verdict_per_target(quick_run: tuple[dict, str]) -> None:
    result, printed = quick_run
    assert "| paragraphs | engine |" in printed
    verdicts = {t["target"]: t["verdict"] for t in result["targets"]}
    assert len(verdicts) == 7 and set(verdicts.values()) <= {"PASS", "MISS"}
    for name in verdicts:
        assert name in printed
