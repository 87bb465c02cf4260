"""newsdesk measured in a new process, as a restarted bot would be.

    python -m bench.probe --data DIR --library NAME --work PLAN.pkl --out OUT.json

The process opens the library and answers one question (cold start, peak RSS), then
times the engine on pre-tokenized questions (Library.bm25_hits), full `ask`, quote
look-ups, summaries, and adding one article until a search finds it; the added articles
are removed again so the library is left as it was found.
"""

from __future__ import annotations

import time

STARTED = time.time()  # before the heavy imports: they are part of a cold start

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import pickle  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

from bench.timing import latency, peak_rss_mb, time_calls  # noqa: E402


@dataclass
class Plan:
    """What the parent asks the probe to do (pickled to a file)."""

    questions: list[tuple[str, tuple[str, ...]]]  # (text, terms)
    compare: int  # return the top 10 of this many first questions
    ask_budget_s: float
    new_articles: list = field(default_factory=list)  # ArticleDraft with a marker word
    markers: list[str] = field(default_factory=list)  # the marker word of each
    seed: int = 5
    semantic: bool = False  # meaning search on (the vectors are already stored)
    long_article: object = None  # a 30-paragraph ArticleDraft: add -> searchable by meaning


def run(data: Path, library: str, plan: Plan, spawned_at: float) -> dict:
    from index.errors import NewsdeskError
    from index.library import Libraries
    from index.memory import return_large_blocks

    return_large_blocks()  # as `newsdesk run` and the CLI do first thing

    t_open = time.perf_counter()
    libraries = Libraries(data, semantic=plan.semantic)
    lib = libraries.get(library)
    opened_s = time.perf_counter() - t_open
    first = lib.ask(plan.questions[0][0])
    answered_at = time.time()
    out: dict = {
        "cold_start": {
            "seconds": answered_at - spawned_at,
            "seconds_in_process": answered_at - STARTED,
            "open_s": opened_s,
            "first_answer_passages": len(first.passages),
            "peak_rss_mb": peak_rss_mb(),
        },
        "paragraphs": sum(len(a.paragraphs) for a in lib.articles()),
        "articles": len(lib),
    }
    terms = [list(q[1]) for q in plan.questions]
    for q in terms[:20]:
        lib.bm25_hits(q, 10)
    gc.collect()
    out["engine"] = latency(time_calls(lambda q: lib.bm25_hits(q, 10), terms))
    out["top"] = [[(h.key, h.score) for h in lib.bm25_hits(q, 10)] for q in terms[: plan.compare]]

    texts = [q[0] for q in plan.questions]
    refused: list[str] = []

    def ask(question: str) -> None:
        try:
            lib.ask(question)
        except NewsdeskError as exc:  # a refusal is an answer too; counted and shown
            refused.append(f"{question!r}: {type(exc).__name__}: {exc}")

    out["ask"] = latency(time_calls(ask, texts, budget_s=plan.ask_budget_s))
    out["ask"]["refused"] = len(refused)
    out["ask"]["refusals"] = refused[:5]

    rng = random.Random(plan.seed)
    names = [s.name for s in lib.speakers()]
    lookups = rng.sample(names, min(20, len(names))) + ["Nobody Known", "Zqx"]
    out["quotes"] = latency(time_calls(lambda n: lib.quotes(speaker=n), lookups))
    out["quotes"]["speakers_known"] = len(names)
    ids = [a.id for a in lib.articles()]
    picked = rng.sample(ids, min(30, len(ids)))
    out["summary"] = latency(time_calls(lambda i: lib.summary(i), picked))

    add_times: list[float] = []
    added_ids: list[str] = []
    for draft, marker in zip(plan.new_articles, plan.markers, strict=True):
        t = time.perf_counter()
        outcome = lib.add_draft(draft)
        found = lib.search_paragraphs(marker, 10)
        add_times.append(time.perf_counter() - t)
        if outcome.article is None or not any(a.id == outcome.article.id for a, _, _ in found):
            raise RuntimeError(f"an added article was not searchable at once ({marker})")
        added_ids.append(outcome.article.id)
    out["add_searchable"] = latency(add_times)
    if plan.semantic and plan.long_article is not None:
        out["add_meaning"] = _meaning_delay(lib, plan.long_article)
        added_ids.append(out["add_meaning"].pop("id"))
    remove_times = time_calls(lambda i: lib.remove(i), added_ids)
    out["remove"] = latency(remove_times)
    out["peak_rss_mb_end"] = peak_rss_mb()
    libraries.close()
    return out


def _meaning_delay(lib, draft, timeout_s: float = 120.0) -> dict:
    """Add an article; seconds until it is searchable by its words (at once) and until the
    background worker has given every paragraph its vectors."""
    t = time.perf_counter()
    outcome = lib.add_draft(draft)
    words_s = time.perf_counter() - t
    article = outcome.article
    if article is None:
        raise RuntimeError("the long article was already stored")
    while time.perf_counter() - t < timeout_s and not lib.searchable_by_meaning(article.id):
        time.sleep(0.005)
    return {"id": article.id, "paragraphs": len(article.paragraphs), "words_s": words_s,
            "meaning_s": time.perf_counter() - t,
            "complete": lib.searchable_by_meaning(article.id)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--library", required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--spawned-at", type=float, required=True,
                        help="time.time() when the parent started this process")
    args = parser.parse_args(argv)
    with args.work.open("rb") as f:
        plan: Plan = pickle.load(f)
    args.out.write_text(json.dumps(run(args.data, args.library, plan, args.spawned_at)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
