"""Other BM25 engines on the same tokens, each measured in a process of its own.

    python -m bench.engines ENGINE CORPUS.pkl QUESTIONS.pkl OUT.json [--k1 --b --idf --limit N]

ENGINE is rank_bm25, bm25s or tantivy. The corpus is the library's paragraphs as token
lists (index.text.tokenize output) in the order the caller maps back to paragraphs; the
questions are token lists too, so every engine scores exactly the same tokens. A process
of its own gives each engine a clean memory figure (RSS growth while building) and keeps
its garbage out of the others' timings. Each question's top 10 (corpus position, score)
is written out so the caller can compare rankings.
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.timing import current_rss_mb, latency

ENGINES = ("rank_bm25", "bm25s", "tantivy")
Top = list[tuple[int, float]]


@dataclass
class Built:
    """A built engine: how to answer tokens with a top k, and optional notes."""

    search: Callable[[Sequence[str], int], Top]
    search_only: Callable[[Sequence[str], int], object] | None = None
    prepare: Callable[[Sequence[str]], object] | None = None
    note: str = ""


def _top_k(scores: np.ndarray, k: int) -> Top:
    k = min(k, len(scores))
    part = np.argpartition(-scores, k - 1)[:k] if len(scores) > k else np.arange(len(scores))
    order = part[np.argsort(-scores[part], kind="stable")]
    return [(int(i), float(scores[i])) for i in order]


def build_rank_bm25(corpus: list[list[str]], k1: float, b: float, idf: str) -> Built:
    from index.search.bm25 import Bm25Params, reference_model

    model = reference_model(corpus, Bm25Params(k1=k1, b=b, idf=idf))
    return Built(search=lambda q, k: _top_k(model.get_scores(list(q)), k),
                 note="reference_model (rank-bm25 BM25Okapi, project idf), get_scores + top k")


def build_bm25s(corpus: list[list[str]], k1: float, b: float, idf: str) -> Built:
    import bm25s

    method = "lucene" if idf == "lucene" else "robertson"
    retriever = bm25s.BM25(k1=k1, b=b, method=method, backend="numpy")
    retriever.index(corpus, show_progress=False)
    n = len(corpus)

    def search(q: Sequence[str], k: int) -> Top:
        docs, scores = retriever.retrieve([list(q)], k=min(k, n), show_progress=False,
                                          n_threads=0, sorted=True)
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    return Built(search=search, note=f"bm25s numpy backend, method={method}, retrieve(k)")


def build_tantivy(corpus: list[list[str]], k1: float, b: float, idf: str) -> Built:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="tokens", index_option="freq")
    schema = builder.build()
    index = tantivy.Index(schema)  # no path: in RAM
    index.register_tokenizer(
        "tokens", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
    )
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for tokens in corpus:
        writer.add_document(tantivy.Document(body=" ".join(tokens)))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()

    def prepare(q: Sequence[str]) -> object:
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "body", t)) for t in q]
        )

    def search(q: Sequence[str], k: int) -> Top:
        hits = searcher.search(prepare(q), k).hits
        return [(-1, float(score)) for score, _address in hits]

    def search_only(query: object, k: int) -> object:
        return searcher.search(query, k).hits

    return Built(search=search, search_only=search_only, prepare=prepare,
                 note="tantivy in RAM, whitespace tokenizer over the same tokens, its own "
                      "BM25 (k1=1.2, b=0.75); query built from the tokens inside the timing")


BUILDERS = {"rank_bm25": build_rank_bm25, "bm25s": build_bm25s, "tantivy": build_tantivy}


def measure(engine: str, corpus: list[list[str]], questions: list[list[str]],
            k1: float, b: float, idf: str, k: int = 10) -> dict:
    """Build time, RSS growth while building, per-question latency and each top k."""
    gc.collect()
    before = current_rss_mb()
    t = time.perf_counter()
    built = BUILDERS[engine](corpus, k1, b, idf)
    build_s = time.perf_counter() - t
    gc.collect()
    memory_mb = current_rss_mb() - before
    for q in questions[:20]:  # warm caches and lazy imports
        built.search(q, k)
    times: list[float] = []
    tops: list[Top] = []
    for q in questions:
        t = time.perf_counter()
        top = built.search(q, k)
        times.append(time.perf_counter() - t)
        tops.append(top)
    result = {"engine": engine, "build_s": build_s, "index_rss_mb": memory_mb,
              "latency": latency(times), "top": tops, "note": built.note}
    if built.search_only is not None and built.prepare is not None:
        prepared = [built.prepare(q) for q in questions]
        only: list[float] = []
        for query in prepared:
            t = time.perf_counter()
            built.search_only(query, k)
            only.append(time.perf_counter() - t)
        result["search_only_latency"] = latency(only)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("engine", choices=ENGINES)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("questions", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--k1", type=float, required=True)
    parser.add_argument("--b", type=float, required=True)
    parser.add_argument("--idf", choices=("lucene", "okapi"), required=True)
    parser.add_argument("--limit", type=int, default=None, help="only the first N questions")
    args = parser.parse_args(argv)
    with args.corpus.open("rb") as f:
        corpus = pickle.load(f)
    with args.questions.open("rb") as f:
        questions = pickle.load(f)
    if args.limit is not None:
        questions = questions[: args.limit]
    result = measure(args.engine, corpus, questions, args.k1, args.b, args.idf)
    args.out.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
