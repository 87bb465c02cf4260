"""Question answering figures: the sample article's gold questions and SQuAD v1.1 dev.

    python -m eval.ask_eval            # both, table + JSON
    python -m eval.ask_eval --seed     # only the sample article

SQuAD: every dev paragraph in one library (one article per SQuAD title, paragraphs in
order), every question asked; Recall@1/3/10 and MRR@10 of the ranking newsdesk answers
from (before the relevance rule), on the half of the articles the weights were tuned on,
the other half, and all; beside it rank-bm25 with `text.lower().split()` from the same run.
The relevance rule is measured too: answerable questions answered, and questions about
the other half's articles (not in a library of the tuning half) refused.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from index.ingest.articles import read_file
from index.library import Libraries, Library
from index.models import ArticleDraft

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_ARTICLE = SHARED / "corpus" / "000_112936baa972ca14.txt"
SEED_GOLD = SHARED / "eval" / "seed-gold.json"
SQUAD = SHARED / "data" / "squad-v1.1-dev"
BBC_ARTICLES = SHARED / "data" / "bbc" / "articles"
BBC_DEV_GOLD = SHARED / "eval" / "bbc-dev-gold.json"


@dataclass
class SeedResult:
    failures: list[str]
    questions: int


def seed_eval(work: Path, semantic: object = False) -> SeedResult:
    """Every gold question's first paragraph ranked first (the paraphrase: in the top 3);
    the off-topic question gets no passages."""
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    libs = Libraries(work, semantic=semantic, background=False)
    try:
        lib = libs.get("seed")
        lib.add_draft(read_file(SEED_ARTICLE))
        libs.fill_vectors()
        failures: list[str] = []
        for q in gold["questions"]:
            got = [p.paragraph for p in lib.ask(q["ask"], k=3).passages]
            want = q["paragraphs"]
            if not want:
                ok = not got
            elif "paraphrase" in q.get("note", ""):
                ok = want[0] in got[:3]
            else:
                ok = got[:1] == want[:1]
            if not ok:
                failures.append(f"{q['ask']!r}: got {got}, want {want}")
        return SeedResult(failures, len(gold["questions"]))
    finally:
        libs.close()


def bbc_dev_files() -> tuple[list[str], list[str]]:
    """(the 40 dev articles, the library's other articles): every BBC file whose index in
    the sorted list of all files is 2 modulo 5 and is not a dev article (issue 9)."""
    gold = json.loads(BBC_DEV_GOLD.read_text(encoding="utf-8"))
    dev = [a["file"] for a in gold["articles"]]
    every = sorted(p.relative_to(BBC_ARTICLES).as_posix() for p in BBC_ARTICLES.rglob("*.txt"))
    others = [f for i, f in enumerate(every) if i % 5 == 2 and f not in set(dev)]
    return dev, others


def bbc_dev_eval(work: Path, semantic: object = False) -> dict:
    """The BBC dev set's questions: literal and paraphrased ones apart, R@1 and R@3 of the
    passages `ask` returns (a refused question counts as a miss), answerable questions
    refused, and off-topic questions refused."""
    gold = json.loads(BBC_DEV_GOLD.read_text(encoding="utf-8"))
    dev, others = bbc_dev_files()
    libs = Libraries(work, semantic=semantic, background=False)
    try:
        lib = libs.get("bbc-dev")
        ids: dict[str, str] = {}
        for name in dev + others:
            outcome = lib.add_draft(read_file(BBC_ARTICLES / name), name)
            ids[name] = (outcome.article or outcome.duplicate_of).id
        libs.fill_vectors()
        kinds: dict[str, dict[str, float]] = {}
        rows: dict[str, list[tuple[int | None, bool]]] = {"literal": [], "paraphrase": []}
        misses: list[str] = []
        started = time.perf_counter()
        asked = 0
        for art in gold["articles"]:
            for q in art["questions"]:
                kind = "paraphrase" if "paraphrase" in q.get("note", "") else "literal"
                got = [(p.article.id, p.paragraph) for p in lib.ask(q["ask"], k=3).passages]
                asked += 1
                want = {(ids[art["file"]], n) for n in q["paragraphs"]}
                rank = next((i for i, place in enumerate(got) if place in want), None)
                rows[kind].append((rank, not got))
                if rank is None:
                    misses.append(f"{kind}: {q['ask']!r} -> {got[:3]} want {sorted(want)}")
        refused_offtopic = sum(1 for q in gold["offtopic"] if not lib.ask(q["ask"], k=3).passages)
        ms = (time.perf_counter() - started) * 1000 / (asked + len(gold["offtopic"]))
        for kind, ranks in rows.items():
            kinds[kind] = {
                "questions": len(ranks),
                "R@1": sum(1 for r, _ in ranks if r is not None and r < 1) / len(ranks),
                "R@3": sum(1 for r, _ in ranks if r is not None and r < 3) / len(ranks),
                "refused": sum(1 for _, refused in ranks if refused),
            }
        return {"library articles": len(dev) + len(others), **kinds,
                "offtopic": {"questions": len(gold["offtopic"]), "refused": refused_offtopic},
                "ms_per_question": ms, "misses": misses}
    finally:
        libs.close()


def _squad() -> tuple[list[dict], list[dict]]:
    paras = [json.loads(line) for line in (SQUAD / "paragraphs.jsonl").open(encoding="utf-8")]
    questions = [json.loads(line) for line in (SQUAD / "questions.jsonl").open(encoding="utf-8")]
    return paras, questions


def _load_squad(lib: Library, paras: list[dict], titles: set[str]) -> dict[tuple[str, int], str]:
    """One article per SQuAD title; returns (article id, paragraph) -> SQuAD pid."""
    by_title: dict[str, list[dict]] = defaultdict(list)
    for p in paras:
        if p["title"] in titles:
            by_title[p["title"]].append(p)
    where: dict[tuple[str, int], str] = {}
    for title, ps in by_title.items():
        ps.sort(key=lambda p: p["para_index"])
        draft = ArticleDraft(title=title.replace("_", " "),
                             paragraphs=tuple(p["context"] for p in ps), source=title)
        outcome = lib.add_draft(draft)
        article = outcome.article or outcome.duplicate_of
        for n, p in enumerate(ps, start=1):
            where[(article.id, n)] = p["pid"]
    return where


def _ranking(lib: Library, question: str) -> list[tuple[str, int]]:
    return [(article.id, n) for article, n, _ in lib.ranking(question, 10)]


def _metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {
        "R@1": sum(1 for r in ranks if r is not None and r < 1) / n,
        "R@3": sum(1 for r in ranks if r is not None and r < 3) / n,
        "R@10": sum(1 for r in ranks if r is not None and r < 10) / n,
        "MRR@10": sum(1 / (r + 1) for r in ranks if r is not None) / n,
    }


def squad_eval(work: Path, relevance_sample: int = 1500, baseline: bool = True,
               semantic: object = False) -> dict:
    """SQuAD figures; baseline=False skips rank-bm25's naive run (the gate needs only ours)."""
    paras, questions = _squad()
    titles = sorted({p["title"] for p in paras})
    half = {t: i % 2 for i, t in enumerate(titles)}  # half 0: tuned on; half 1: held out
    libs = Libraries(work, semantic=semantic, background=False)
    try:
        lib = libs.get("squad")
        where = _load_squad(lib, paras, set(titles))
        libs.fill_vectors()
        pid_rank: dict[str, list[int | None]] = {"tune": [], "held-out": [], "all": []}
        started = time.perf_counter()
        for q in questions:
            ranking = [where[loc] for loc in _ranking(lib, q["question"])]
            r = ranking.index(q["pid"]) if q["pid"] in ranking else None
            pid_rank["all"].append(r)
            pid_rank["tune" if half[_title(paras, q)] == 0 else "held-out"].append(r)
        ms = (time.perf_counter() - started) * 1000 / len(questions)
        system = {name: _metrics(ranks) for name, ranks in pid_rank.items()}
        system["all"]["ms_per_question"] = ms

        result = {"newsdesk": system, "questions": len(questions), "paragraphs": len(paras),
                  "relevance rule": _relevance(work, paras, questions, half, relevance_sample,
                                               semantic)}
        if baseline:
            result["rank-bm25 lower().split()"] = _naive_baseline(paras, questions)
        return result
    finally:
        libs.close()


def _naive_baseline(paras: list[dict], questions: list[dict]) -> dict[str, float]:
    """rank-bm25's BM25Okapi over the same paragraphs with text.lower().split()."""
    from rank_bm25 import BM25Okapi

    pids = [p["pid"] for p in paras]
    naive = BM25Okapi([p["context"].lower().split() for p in paras])
    ranks: list[int | None] = []
    for q in questions:
        scores = naive.get_scores(q["question"].lower().split())
        ranking = [pids[i] for i in sorted(range(len(pids)), key=lambda i: -scores[i])[:10]]
        ranks.append(ranking.index(q["pid"]) if q["pid"] in ranking else None)
    return _metrics(ranks)


_TITLE_OF: dict[str, str] = {}


def _title(paras: list[dict], q: dict) -> str:
    if not _TITLE_OF:
        _TITLE_OF.update({p["pid"]: p["title"] for p in paras})
    return _TITLE_OF[q["pid"]]


def _relevance(work: Path, paras: list[dict], questions: list[dict], half: dict[str, int],
               sample: int, semantic: object = False) -> dict[str, float]:
    """A library of the tuning half: its questions should be answered, the other half's
    questions (about articles it does not hold) refused."""
    libs = Libraries(work / "relevance", semantic=semantic, background=False)
    try:
        lib = libs.get("tune-half")
        _load_squad(lib, paras, {t for t, h in half.items() if h == 0})
        libs.fill_vectors()
        rng = random.Random(0)
        own = rng.sample([q for q in questions if half[_title(paras, q)] == 0], sample)
        other = rng.sample([q for q in questions if half[_title(paras, q)] == 1], sample)
        answered = sum(1 for q in own if lib.ask(q["question"], k=1).passages)
        refused = sum(1 for q in other if not lib.ask(q["question"], k=1).passages)
        return {"answerable answered": answered / sample, "not covered refused": refused / sample}
    finally:
        libs.close()


def _print_table(result: dict, label: str = "") -> None:
    print(f"SQuAD v1.1 dev{label}:", result["paragraphs"], "paragraphs,", result["questions"],
          "questions")
    print(f"{'system':34} {'R@1':>6} {'R@3':>6} {'R@10':>6} {'MRR@10':>7}")
    rows = [*(("newsdesk " + k, v) for k, v in result["newsdesk"].items())]
    if "rank-bm25 lower().split()" in result:
        rows.append(("rank-bm25 lower().split()", result["rank-bm25 lower().split()"]))
    for name, row in rows:
        print(
            f"{name:34} {row['R@1']:6.3f} {row['R@3']:6.3f} {row['R@10']:6.3f} {row['MRR@10']:7.3f}"
        )
    print(f"mean ms per question: {result['newsdesk']['all']['ms_per_question']:.2f}")
    rel = result["relevance rule"]
    print(f"relevance rule: answerable answered {rel['answerable answered']:.3f}, "
          f"not covered refused {rel['not covered refused']:.3f}")


def _print_bbc(result: dict, label: str) -> None:
    print(f"BBC dev set{label} ({result['library articles']} articles in the library):")
    for kind in ("literal", "paraphrase"):
        row = result[kind]
        print(f"  {kind:10} R@1 {row['R@1']:.3f}  R@3 {row['R@3']:.3f}  "
              f"refused {row['refused']} of {row['questions']}")
    off = result["offtopic"]
    print(f"  off-topic refused {off['refused']} of {off['questions']}; "
          f"{result['ms_per_question']:.1f} ms per question")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", action="store_true", help="only the sample article")
    parser.add_argument("--semantic", choices=("both", "on", "off"), default="both",
                        help="meaning search on, off, or both side by side (default)")
    parser.add_argument("--misses", action="store_true", help="list the BBC questions missed")
    args = parser.parse_args(argv)
    if not SEED_GOLD.exists():
        print(f"no shared data at {SHARED}: nothing to evaluate", file=sys.stderr)
        return 2
    modes = {"both": [False, True], "on": [True], "off": [False]}[args.semantic]
    report: dict = {}
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for on in modes:
            label = " (meaning search on)" if on else " (BM25 only)"
            semantic = _eval_embedder() if on else False
            work = Path(tmp) / ("on" if on else "off")
            seed = seed_eval(work / "seed", semantic)
            print(f"sample article{label}: {seed.questions - len(seed.failures)}/"
                  f"{seed.questions} questions right")
            for failure in seed.failures:
                print("  MISS", failure)
            failed |= bool(seed.failures)
            entry: dict = {"seed_failures": seed.failures}
            if not args.seed:
                bbc = bbc_dev_eval(work / "bbc", semantic)
                misses = bbc.pop("misses")
                _print_bbc(bbc, label)
                if args.misses:
                    print("\n".join("  MISS " + m for m in misses))
                result = squad_eval(work / "squad", baseline=not on, semantic=semantic)
                _print_table(result, label)
                entry.update({"bbc_dev": bbc, "squad": result})
            report["on" if on else "off"] = entry
        print(json.dumps(report, indent=2))
    return 1 if failed and args.seed else 0


def _eval_embedder() -> object:
    """The packaged model behind the on-disk vector cache (eval/vector_cache.py)."""
    from eval.vector_cache import CachedEmbedder

    return CachedEmbedder()


if __name__ == "__main__":
    sys.exit(main())
