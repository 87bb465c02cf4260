"""newsdesk's speed and memory on Reuters-21578, against rank-bm25, bm25s and tantivy.

    python -m bench.bench                      # 1k, 10k and every paragraph (~105k)
    python -m bench.bench --quick              # a small run, for a sanity check
    python -m bench.bench --sizes 1000,all --questions 500 --json-out bench.json

One library in a temporary folder grows through the sizes by Library.add_draft (the
ingestion rate at a size is its paragraphs over the time from empty). At each size a new
process opens the library (cold start, peak RSS) and times the engine, `ask`, quotes,
summaries and adding an article; then each other engine is built in a process of its
own over the same tokens and asked the same questions. newsdesk's top 10 is compared
with rank-bm25's (the project's reference_model and parameters) for every question
rank-bm25 answered.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import pickle
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.compare import compare_all
from bench.corpus import make_questions, reuters_drafts, synthetic_drafts, take_paragraphs
from bench.engines import ENGINES
from bench.probe import Plan
from bench.report import judge, table
from index.library import Libraries, Library
from index.models import ArticleDraft
from index.search.answers import DEFAULT_PARAMS
from index.text import tokenize

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
LIBRARY = "bench"


def parse_sizes(text: str) -> list[int | None]:
    """"1000,10000,all" -> [1000, 10000, None] (None: every paragraph)."""
    sizes: list[int | None] = []
    for part in text.split(","):
        part = part.strip().lower()
        if part in ("all", "full"):
            sizes.append(None)
        elif part:
            value = int(part.replace("_", "").replace("k", "000"))
            if value <= 0:
                raise argparse.ArgumentTypeError("sizes must be positive")
            sizes.append(value)
    if not sizes:
        raise argparse.ArgumentTypeError("give at least one size")
    return sizes


def _marker(i: int) -> str:
    """A made-up word no corpus has, different for each i (letters only, no digits)."""
    letters = "bcdfghjklmnpqrstvwxz"
    word = "qvz"
    while True:
        word += letters[i % len(letters)]
        i //= len(letters)
        if i == 0:
            return word + "ox"


def new_articles(drafts: list[ArticleDraft], count: int) -> tuple[list[ArticleDraft], list[str]]:
    """Articles not stored yet: real-sized bodies, each with a marker word to search for."""
    made: list[ArticleDraft] = []
    markers: list[str] = []
    for i in range(count):
        base = drafts[(i * 7919) % len(drafts)]
        marker = _marker(i)
        made.append(ArticleDraft(
            title=f"{base.title} ({marker})",
            paragraphs=base.paragraphs + (f"The code word for this check is {marker}.",),
            source=f"bench:{marker}",
        ))
        markers.append(marker)
    return made, markers


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _run(args: list[str]) -> None:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=_env(),
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed:\n{done.stderr[-3000:]}")


def library_corpus(lib: Library) -> tuple[list[list[str]], dict[int, int]]:
    """Every stored paragraph's tokens (the one tokenizer, on the stored text), in key
    order, with each paragraph key's position in that list."""
    library_id = lib.store.library_id(lib.name)
    articles = {a.id: a for a in lib.articles()}
    corpus: list[list[str]] = []
    position: dict[int, int] = {}
    for row in lib.store.paragraph_rows(library_id):
        position[row.key] = len(corpus)
        corpus.append(tokenize(articles[row.article_id].paragraph(row.n)))
    return corpus, position


def long_article(drafts: list[ArticleDraft], paragraphs: int = 30) -> ArticleDraft:
    """A new article of real paragraphs (taken from several stories), each made unique."""
    taken: list[str] = []
    for i, draft in enumerate(drafts[::37]):
        taken += [f"{p} ({_marker(100_000 + i)})" for p in draft.paragraphs]
        if len(taken) >= paragraphs:
            break
    return ArticleDraft(title=f"Long check article ({_marker(99_999)})",
                        paragraphs=tuple(taken[:paragraphs]), source="bench:long")


def probe(data: Path, work: Path, plan: Plan) -> dict:
    """bench.probe in a new process (cold start included) with this plan."""
    plan_path, probe_out = work / "plan.pkl", work / "probe.json"
    with plan_path.open("wb") as f:
        pickle.dump(plan, f)
    _run(["-m", "bench.probe", "--data", str(data), "--library", LIBRARY,
          "--work", str(plan_path), "--out", str(probe_out), "--spawned-at", repr(time.time())])
    return json.loads(probe_out.read_text())


def embed_library(data: Path) -> dict:
    """Give every stored paragraph its vectors, as `newsdesk reindex` would, through the
    on-disk vector cache (eval/vector_cache.py) so later runs skip the model."""
    from eval.vector_cache import CachedEmbedder

    embedder = CachedEmbedder()
    libraries = Libraries(data, semantic=embedder, background=False)
    try:
        lib = libraries.get(LIBRARY)
        t = time.perf_counter()
        libraries.fill_vectors()
        have, total = lib.vector_coverage()
    finally:
        libraries.close()
    return {"seconds": time.perf_counter() - t, "paragraphs": total, "with_vectors": have,
            "texts_embedded_fresh": embedder.fresh_texts,
            "fresh_texts_per_s": (embedder.fresh_texts / embedder.fresh_seconds
                                  if embedder.fresh_seconds else None),
            "cache": str(embedder.path)}


def measure_size(lib: Library, data: Path, work: Path, drafts: list[ArticleDraft],
                 opts: argparse.Namespace, ingest: dict) -> dict:
    """Everything measured on the library as it stands now."""
    questions = make_questions(drafts, opts.questions, seed=opts.seed)
    extra, markers = new_articles(drafts, opts.adds)
    plan = Plan(questions=[(q.text, q.terms) for q in questions],
                compare=opts.rank_questions, ask_budget_s=opts.ask_budget,
                new_articles=extra, markers=markers, seed=opts.seed)
    size = probe(data, work, plan)
    size["ingest"] = ingest
    if opts.semantic:
        embedding = embed_library(data)
        meaning_plan = Plan(questions=plan.questions, compare=0, ask_budget_s=opts.ask_budget,
                            new_articles=extra, markers=markers, seed=opts.seed, semantic=True,
                            long_article=long_article(drafts))
        size["semantic"] = probe(data, work, meaning_plan)
        size["semantic"]["embedding"] = embedding

    corpus, position = library_corpus(lib)
    corpus_path, questions_path = work / "corpus.pkl", work / "questions.pkl"
    with corpus_path.open("wb") as f:
        pickle.dump(corpus, f, protocol=pickle.HIGHEST_PROTOCOL)
    with questions_path.open("wb") as f:
        pickle.dump([list(q.terms) for q in questions], f)
    params = DEFAULT_PARAMS
    size["params"] = {"k1": params.k1, "b": params.b, "idf": params.idf}
    size["engines"] = {}
    for engine in opts.engines:
        out = work / f"{engine}.json"
        limit = ["--limit", str(opts.rank_questions)] if engine == "rank_bm25" else []
        _run(["-m", "bench.engines", engine, str(corpus_path), str(questions_path), str(out),
              "--k1", str(params.k1), "--b", str(params.b), "--idf", params.idf, *limit])
        result = json.loads(out.read_text())
        top = result.pop("top")
        if engine == "rank_bm25":
            size["equality"] = compare_all(size["top"], top, position)
        size["engines"][engine] = result
    size.pop("top")
    return size


def run(opts: argparse.Namespace) -> dict:
    drafts = synthetic_drafts(opts.synthetic_articles) if opts.corpus == "synthetic" \
        else reuters_drafts()
    total = sum(len(d.paragraphs) for d in drafts)
    result: dict = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "command": " ".join(["python -m bench.bench", *opts.argv]),
        "corpus": {"name": opts.corpus, "articles": len(drafts), "paragraphs": total},
        "sizes": [],
    }
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        data, work = Path(tmp) / "data", Path(tmp) / "work"
        work.mkdir()
        libraries = Libraries(data)
        try:
            lib = libraries.get(LIBRARY)
            done, stored, ingest_s = 0, 0, 0.0
            for wanted in opts.sizes:
                end, _ = take_paragraphs(drafts, done, (wanted or total) - stored)
                t = time.perf_counter()
                for draft in drafts[done:end]:
                    outcome = lib.add_draft(draft)
                    if outcome.article is not None:
                        stored += len(draft.paragraphs)
                ingest_s += time.perf_counter() - t
                done = end
                ingest = {"paragraphs": stored, "seconds": ingest_s,
                          "paragraphs_per_s": stored / ingest_s if ingest_s else None,
                          "articles_offered": done}
                log.info("%d paragraphs stored in %.1f s; measuring", stored, ingest_s)
                size = measure_size(lib, data, work, drafts[:done], opts, ingest)
                result["sizes"].append(size)
                if done >= len(drafts):
                    break
        finally:
            libraries.close()
    result["targets"] = judge(result["sizes"][-1])
    if opts.loop_lag:
        result["loop_lag"] = measure_loop_lag(opts)
        result["targets"] += result["loop_lag"]["targets"]
        if opts.semantic:
            result["loop_lag_filled"] = measure_loop_lag(opts, semantic="filled")
            result["loop_lag_semantic"] = measure_loop_lag(opts, semantic="filling")
    return result


def measure_loop_lag(opts: argparse.Namespace, semantic: str = "off") -> dict:
    """bench.loop_lag in a process of its own (the real bot against the fake Discord);
    semantic: with the background worker embedding the library during the burst."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-lag-") as tmp:
        out = Path(tmp) / "lag.json"
        corpus = ["--corpus", opts.corpus, "--semantic", semantic]
        _run(["-m", "bench.loop_lag", "--asks", str(opts.loop_lag_asks), "--paragraphs",
              str(opts.loop_lag_paragraphs), *corpus, "--json-out", str(out)])
        return json.loads(out.read_text())


def options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=None,
                        help="paragraph counts, comma-separated; 'all' for every paragraph "
                             "(default 1000,10000,all)")
    parser.add_argument("--questions", type=int, default=None, help="questions (default 1000)")
    parser.add_argument("--rank-questions", type=int, default=None,
                        help="questions also run through rank-bm25 and compared (default 100)")
    parser.add_argument("--ask-budget", type=float, default=None,
                        help="seconds spent timing full ask() per size (default 30)")
    parser.add_argument("--adds", type=int, default=None,
                        help="articles added one by one to time add->searchable (default 20)")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help=f"other engines to measure (default {','.join(ENGINES)}; '' for none)")
    parser.add_argument("--corpus", choices=("reuters", "synthetic"), default="reuters",
                        help="reuters reads ../shared; synthetic is made up (for tests)")
    parser.add_argument("--synthetic-articles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--loop-lag", action=argparse.BooleanOptionalAction, default=None,
                        help="also run bench.loop_lag: concurrent /ask through the fake "
                             "Discord (default: on, off with --quick)")
    parser.add_argument("--loop-lag-asks", type=int, default=100)
    parser.add_argument("--loop-lag-paragraphs", default="10000")
    parser.add_argument("--semantic", action=argparse.BooleanOptionalAction, default=True,
                        help="also measure with meaning search on (vectors cached in "
                             "~/.cache/newsdesk, or NEWSDESK_VECTOR_CACHE; default: on)")
    parser.add_argument("--quick", action="store_true", help="a small run for a sanity check")
    parser.add_argument("--json-out", type=Path, default=None, help="also write the JSON here")
    opts = parser.parse_args(argv)
    quick = opts.quick
    defaults = {"sizes": ([300, 1000] if quick else [1000, 10000, None]),
                "questions": 100 if quick else 1000, "rank_questions": 30 if quick else 100,
                "ask_budget": 3.0 if quick else 30.0, "adds": 5 if quick else 20,
                "loop_lag": not quick}
    for name, value in defaults.items():
        if getattr(opts, name) is None:
            setattr(opts, name, value)
    opts.engines = [e for e in opts.engines.split(",") if e]
    unknown = [e for e in opts.engines if e not in ENGINES]
    if unknown:
        parser.error(f"unknown engines {unknown}: choose among {', '.join(ENGINES)}")
    opts.argv = list(sys.argv[1:] if argv is None else argv)
    return opts


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("index").setLevel(logging.WARNING)
    opts = options(argv)
    try:
        result = run(opts)
    except FileNotFoundError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    print(table(result))
    print(json.dumps(result, indent=1))
    if opts.json_out is not None:
        opts.json_out.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
