"""Bm25Index ranks and scores exactly as rank-bm25 does, on generated corpora, and stays so
through adds, removes and compaction (equal to a fresh build of the same paragraphs).

rank-bm25 (index.search.bm25.reference_model with the same Bm25Params) is the reference.
Scores must agree within 1e-9 relative; rankings must agree up to the order of paragraphs
with equal scores. The engine returns only paragraphs sharing a term with the question,
so the expected ranking is rank-bm25's over those paragraphs.

Every test runs against each top-k walk: the C kernel and its numpy fallback (`make asan`
runs this file against a sanitizer build of the kernel).
"""

from __future__ import annotations

import random

import pytest

from index.search.bm25 import KERNELS, Bm25Index, Bm25Params, reference_model
from index.store import encode_terms

REL = 1e-9
MODES = ["lucene", "okapi"]


@pytest.fixture(params=["c", "numpy"])
def kernel(request: pytest.FixtureRequest) -> str:
    """Each top-k walk; the C one only where it was built."""
    if request.param not in KERNELS:
        pytest.skip("the C search kernel is not built (no C compiler at install)")
    return request.param


def close(a: float, b: float) -> bool:
    return abs(a - b) <= REL * max(abs(a), abs(b))


class Corpus:
    """Paragraphs as token lists, keyed like the store keys them, with term ids."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.docs: dict[int, list[str]] = {}

    def term_id(self, token: str) -> int:
        return self.ids.setdefault(token, len(self.ids))

    def blob(self, key: int) -> bytes:
        return encode_terms([self.term_id(t) for t in self.docs[key]])

    def put(self, key: int, tokens: list[str]) -> bytes:
        self.docs[key] = tokens
        return self.blob(key)

    def query_ids(self, query: list[str]) -> list[int | None]:
        return [self.ids.get(t) for t in query]


def random_corpus(rng: random.Random, paragraphs: int, vocab_size: int,
                  max_len: int) -> list[list[str]]:
    vocab = [f"w{i}" for i in range(vocab_size)]
    weights = [1.0 / (r + 1) ** rng.uniform(0.6, 1.2) for r in range(vocab_size)]
    return [rng.choices(vocab, weights, k=rng.randint(1, max_len)) for _ in range(paragraphs)]


def random_queries(rng: random.Random, docs: list[list[str]], count: int) -> list[list[str]]:
    out = []
    for _ in range(count):
        doc = rng.choice(docs)
        query = rng.sample(doc, min(len(doc), rng.randint(1, 6)))
        if rng.random() < 0.3:
            query.append(query[0])  # a repeated word counts twice, as in rank-bm25
        if rng.random() < 0.3:
            query.append("never-seen")
        out.append(query)
    return out


def build(corpus: Corpus, params: Bm25Params, kernel: str) -> Bm25Index:
    index = Bm25Index(params, kernel)
    index.load((key, corpus.blob(key)) for key in sorted(corpus.docs))
    return index


def expected_ranking(corpus: Corpus, params: Bm25Params, query: list[str],
                     k: int) -> tuple[list[tuple[int, float]], dict[int, float]]:
    keys = sorted(corpus.docs)
    model = reference_model([corpus.docs[key] for key in keys], params)
    scores = model.get_scores(query)
    wanted = set(query)
    sharing = [(key, float(s)) for key, s in zip(keys, scores, strict=True)
               if wanted & set(corpus.docs[key])]
    sharing.sort(key=lambda pair: -pair[1])
    return sharing[:k], dict(zip(keys, (float(s) for s in scores), strict=True))


def assert_same_as_reference(index: Bm25Index, corpus: Corpus, params: Bm25Params,
                             query: list[str], k: int = 10) -> None:
    hits = index.search(corpus.query_ids(query), k)
    expected, all_scores = expected_ranking(corpus, params, query, k)
    assert len(hits) == len(expected), (query, hits, expected)
    cutoff = expected[-1][1] if expected else 0.0
    top = {key for key, _ in expected}
    for rank, (hit, (_, score)) in enumerate(zip(hits, expected, strict=True), start=1):
        assert close(hit.score, score), (query, rank, hit.score, score)
        assert close(hit.score, all_scores[hit.key]), (query, rank, hit.key)
        assert hit.key in top or close(hit.score, cutoff), (query, rank, hit.key)
    assert len({h.key for h in hits}) == len(hits)


def assert_same_as_fresh_build(index: Bm25Index, corpus: Corpus, params: Bm25Params,
                               queries: list[list[str]], k: int = 10) -> None:
    fresh = build(corpus, params, index.kernel)
    assert len(index) == len(fresh) == len(corpus.docs)
    for query in queries:
        ids = corpus.query_ids(query)
        got = [(h.key, h.score) for h in index.search(ids, k)]
        want = [(h.key, h.score) for h in fresh.search(ids, k)]
        assert [key for key, _ in got] == [key for key, _ in want], query
        assert all(close(a, b) for (_, a), (_, b) in zip(got, want, strict=True)), query


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_generated_corpus_ranks_as_rank_bm25(mode: str, seed: int, kernel: str) -> None:
    rng = random.Random(seed)
    params = Bm25Params(k1=rng.choice([0.9, 1.2, 1.5]), b=rng.choice([0.0, 0.5, 0.75, 1.0]),
                        idf=mode)
    docs = random_corpus(rng, paragraphs=rng.randint(20, 300), vocab_size=rng.randint(5, 400),
                         max_len=rng.randint(3, 60))
    corpus = Corpus()
    for key, tokens in enumerate(docs, start=1):
        corpus.put(key * 3, tokens)  # keys are not positions
    index = build(corpus, params, kernel)
    for query in random_queries(rng, docs, 40):
        assert_same_as_reference(index, corpus, params, query, k=rng.choice([1, 3, 10, 50]))


@pytest.mark.parametrize("mode", MODES)
def test_library_of_one_paragraph_ranks_as_rank_bm25(mode: str, kernel: str) -> None:
    params = Bm25Params(idf=mode)
    corpus = Corpus()
    corpus.put(7, ["harbour", "bridge", "reopen", "bridge"])
    index = build(corpus, params, kernel)
    for query in (["bridge"], ["reopen", "harbour"], ["bridge", "bridge"], ["ferry", "bridge"]):
        assert_same_as_reference(index, corpus, params, query)


@pytest.mark.parametrize("mode", MODES)
def test_library_of_two_paragraphs_ranks_as_rank_bm25(mode: str, kernel: str) -> None:
    params = Bm25Params(idf=mode)
    corpus = Corpus()
    corpus.put(1, ["council", "vote", "budget", "budget"])
    corpus.put(2, ["budget", "cut", "library", "hours"])
    index = build(corpus, params, kernel)
    for query in (["budget"], ["council", "budget"], ["library", "vote"], ["cut", "cut"]):
        assert_same_as_reference(index, corpus, params, query)


@pytest.mark.parametrize("mode", MODES)
def test_term_in_exactly_half_the_paragraphs_scores_as_rank_bm25(mode: str,
                                                                  kernel: str) -> None:
    params = Bm25Params(idf=mode)
    corpus = Corpus()
    corpus.put(1, ["strike", "port", "workers"])
    corpus.put(2, ["strike", "rail", "talks", "talks"])
    corpus.put(3, ["harvest", "rain"])
    corpus.put(4, ["museum", "opens", "port"])
    index = build(corpus, params, kernel)
    for query in (["strike"], ["strike", "talks"], ["port", "strike"], ["strike", "rain"]):
        assert_same_as_reference(index, corpus, params, query)


def test_term_in_exactly_half_the_paragraphs_still_counts_with_lucene_idf(kernel: str) -> None:
    corpus = Corpus()
    for key, tokens in enumerate([["strike", "port"], ["strike", "rail"], ["rain"], ["museum"]]):
        corpus.put(key, tokens)
    index = build(corpus, Bm25Params(idf="lucene"), kernel)
    hits = index.search(corpus.query_ids(["strike"]), 10)
    assert len(hits) == 2 and all(h.score > 0 for h in hits)


def test_matched_lists_the_query_positions_a_paragraph_contains(kernel: str) -> None:
    corpus = Corpus()
    corpus.put(1, ["flood", "warning", "river"])
    corpus.put(2, ["river", "festival"])
    index = build(corpus, Bm25Params(), kernel)
    query = ["river", "flood", "never-seen", "river"]
    by_key = {h.key: h.matched for h in index.search(corpus.query_ids(query), 10)}
    assert by_key == {1: (0, 1, 3), 2: (0, 3)}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("seed", [5, 6, 7])
def test_adds_and_removes_rank_as_a_fresh_build_and_as_rank_bm25(mode: str, seed: int,
                                                                  kernel: str) -> None:
    rng = random.Random(seed)
    params = Bm25Params(k1=1.2, b=0.75, idf=mode)
    docs = random_corpus(rng, paragraphs=240, vocab_size=rng.randint(30, 300), max_len=40)
    corpus = Corpus()
    for key, tokens in enumerate(docs[:120], start=1):
        corpus.put(key, tokens)
    index = build(corpus, params, kernel)
    index.MERGE_AT = 400  # small, so adding also merges appended postings into the block
    next_key = 1000
    for tokens in docs[120:]:
        if rng.random() < 0.3 and corpus.docs:
            gone = rng.choice(sorted(corpus.docs))
            index.remove(gone, corpus.blob(gone))
            del corpus.docs[gone]
        index.add(next_key, corpus.put(next_key, tokens))
        next_key += 1
    queries = random_queries(rng, list(corpus.docs.values()), 40)
    assert_same_as_fresh_build(index, corpus, params, queries)
    for query in queries:
        assert_same_as_reference(index, corpus, params, query)


@pytest.mark.parametrize("mode", MODES)
def test_compaction_after_adds_and_removes_ranks_as_a_fresh_build(mode: str, kernel: str) -> None:
    rng = random.Random(8)
    params = Bm25Params(idf=mode)
    docs = random_corpus(rng, paragraphs=200, vocab_size=150, max_len=30)
    corpus = Corpus()
    index = Bm25Index(params, kernel)
    for key, tokens in enumerate(docs, start=1):
        index.add(key, corpus.put(key, tokens))
    for gone in rng.sample(sorted(corpus.docs), 60):
        index.remove(gone, corpus.blob(gone))
        del corpus.docs[gone]
    index.compact()
    queries = random_queries(rng, list(corpus.docs.values()), 40)
    assert_same_as_fresh_build(index, corpus, params, queries)
    for query in queries:
        assert_same_as_reference(index, corpus, params, query)


def test_removing_every_paragraph_leaves_nothing_to_find(kernel: str) -> None:
    corpus = Corpus()
    index = Bm25Index(Bm25Params(), kernel)
    for key, tokens in enumerate([["tide", "table"], ["tide", "mark"]]):
        index.add(key, corpus.put(key, tokens))
    for key in (0, 1):
        index.remove(key, corpus.blob(key))
    assert index.search(corpus.query_ids(["tide"]), 10) == []


@pytest.mark.parametrize("mode", MODES)
def test_removed_paragraphs_do_not_crowd_others_out_of_the_top(mode: str, kernel: str) -> None:
    params = Bm25Params(idf=mode)
    corpus = Corpus()
    index = Bm25Index(params, kernel)
    key = 0
    for _ in range(12):  # a rare word, many times in each: these will be removed
        key += 1
        index.add(key, corpus.put(key, ["zeta"] * 5 + ["dock"]))
    for _ in range(2):
        key += 1
        index.add(key, corpus.put(key, ["zeta", "crane"]))
    for i in range(60):
        key += 1
        index.add(key, corpus.put(key, ["dock", f"ship{i}", "crane", f"cargo{i % 7}"]))
    for gone in range(1, 13):
        index.remove(gone, corpus.blob(gone))
        del corpus.docs[gone]
    for query in (["zeta", "dock"], ["zeta", "crane", "dock"], ["dock", "zeta", "zeta"]):
        assert_same_as_reference(index, corpus, params, query)


def exact_top(corpus: Corpus, params: Bm25Params, query: list[str],
              k: int) -> list[tuple[int, float]]:
    """rank-bm25's scores of the paragraphs sharing a term, best first, ties by lower key."""
    keys = sorted(corpus.docs)
    scores = reference_model([corpus.docs[key] for key in keys], params).get_scores(query)
    wanted = set(query)
    sharing = [
        (key, float(s))
        for key, s in zip(keys, scores, strict=True)
        if wanted & set(corpus.docs[key])
    ]
    return sorted(sharing, key=lambda pair: (-pair[1], pair[0]))[:k]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("seed", [21, 22, 23])
def test_top_k_and_scores_equal_rank_bm25_to_the_last_bit(mode: str, seed: int,
                                                           kernel: str) -> None:
    # Thousands of paragraphs over a small vocabulary: long posting lists, so the search
    # prunes (candidates only, exact re-scoring) rather than adding every list up.
    rng = random.Random(seed)
    params = Bm25Params(idf=mode)
    docs = random_corpus(rng, paragraphs=3000, vocab_size=600, max_len=30)
    corpus = Corpus()
    for key, tokens in enumerate(docs, start=1):
        corpus.put(key * 2, tokens)
    index = build(corpus, params, kernel)
    for query in random_queries(rng, docs, 30):
        k = rng.choice([1, 5, 10])
        got = [(h.key, h.score) for h in index.search(corpus.query_ids(query), k)]
        assert got == exact_top(corpus, params, query, k), query


def test_equal_scores_are_ranked_by_lower_key_first(kernel: str) -> None:
    corpus = Corpus()
    for key in (9, 4, 7):
        corpus.put(key, ["harbour", "crane"])
    corpus.put(5, ["harbour", "fishing", "fleet", "boats"])
    hits = build(corpus, Bm25Params(), kernel).search(corpus.query_ids(["crane"]), 2)
    assert [h.key for h in hits] == [4, 7]
