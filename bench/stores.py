"""The two stores side by side on Reuters-21578: adding articles, a cold load, questions,
and how soon another process's add is seen.

    python -m bench.stores          # 2,000 Reuters articles (synthetic without ../shared)
    python -m bench.stores --articles 500 --json-out stores.json

SQLite is a file in a temporary folder; PostgreSQL a server this script starts on
127.0.0.1 as tests/pg.py does (initdb + pg_ctl, fsync off as in the tests: the figures
compare the code paths, not disks). For each store: articles added per second through
Library.add_draft (one transaction each), the time a second process's Libraries takes
to load the library (what a bot does on a library's first use), the median and p95 of
`ask` over the same questions (asked once before, untimed), and the delay from one
process's add to the other process's data_version moving (LISTEN/NOTIFY on PostgreSQL;
SQLite's data_version).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import make_questions, reuters_drafts, synthetic_drafts
from index.library import Libraries
from index.models import ArticleDraft
from tests.pg import find_binaries, start_server

LIBRARY = "bench"


def _drafts(count: int) -> tuple[list[ArticleDraft], str]:
    try:
        drafts = reuters_drafts()
        return drafts[:count], "Reuters-21578"
    except (OSError, ValueError):
        return synthetic_drafts(count), "synthetic (no ../shared)"


def measure(url: str, drafts: list[ArticleDraft], folder: Path,
            questions: list[str]) -> dict[str, Any]:
    writer = Libraries(folder, database_url=url, background=False)
    try:
        library = writer.get(LIBRARY)
        began = time.perf_counter()
        for draft in drafts:
            library.add_draft(draft)
        add_s = time.perf_counter() - began
        paragraphs = sum(len(d.paragraphs) for d in drafts)

        began = time.perf_counter()
        reader = Libraries(folder, database_url=url, background=True)  # as a bot
        held = reader.get(LIBRARY)
        load_s = time.perf_counter() - began
        try:
            for question in questions:  # warm: stemmer and term caches, as a running bot
                held.ask(question)
            times = []
            for question in questions:
                t0 = time.perf_counter()
                held.ask(question)
                times.append(time.perf_counter() - t0)
            notices = []
            for n in range(10):
                before = reader.store.data_version()
                t0 = time.perf_counter()
                library.add_text(f"Bench notice {n}\n\nBy A Writer\n\nHarbour pilots counted "
                                 f"{n} more ferries on the morning crossing than a year ago.")
                while reader.store.data_version() == before:
                    time.sleep(0.0005)
                notices.append(time.perf_counter() - t0)
                held.articles()  # the reload the next question would do
        finally:
            reader.close()
        times.sort()
        return {
            "articles": len(drafts), "paragraphs": paragraphs,
            "articles_per_s": round(len(drafts) / add_s, 1),
            "paragraphs_per_s": round(paragraphs / add_s, 1),
            "cold_load_s": round(load_s, 3),
            "ask_median_ms": round(1000 * statistics.median(times), 2),
            "ask_p95_ms": round(1000 * times[int(len(times) * 0.95) - 1], 2),
            "add_seen_elsewhere_median_ms": round(1000 * statistics.median(notices), 1),
        }
    finally:
        writer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    drafts, source = _drafts(args.articles)
    questions = [q.text for q in make_questions(drafts, args.questions)]
    results: dict[str, Any] = {"corpus": source}
    with tempfile.TemporaryDirectory(prefix="newsdesk-stores-") as tmp:
        folder = Path(tmp)
        results["sqlite"] = measure(f"sqlite:///{folder / 'bench.sqlite3'}", drafts,
                                    folder / "sqlite", questions)
        if find_binaries() is None:
            results["postgresql"] = "skipped: no PostgreSQL server binaries"
        else:
            server = start_server()
            try:
                results["postgresql"] = measure(server.new_url(), drafts, folder / "pg",
                                                questions)
            finally:
                server.stop()
    print(json.dumps(results, indent=2))
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
