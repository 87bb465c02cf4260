"""The top-k walks (the C kernel and its numpy twin) refuse bad arguments with a ValueError
at their boundary, before reading any array, and agree with each other to the last bit.

`make asan` runs this file against a sanitizer build of the kernel: a posting list that
is unsorted or out of range must be refused, never read out of bounds.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from index.search.bm25 import KERNELS, Bm25Index, Bm25Params
from index.store import encode_terms


@pytest.fixture(params=["c", "numpy"])
def walk(request: pytest.FixtureRequest):
    if request.param not in KERNELS:
        pytest.skip("the C search kernel is not built (no C compiler at install)")
    return KERNELS[request.param]


def call(walk, docs: list[int], tfs: list[int] | None = None, k: int = 3, ndocs: int = 6):
    """One search over ndocs paragraphs with one posting list."""
    norm = np.full(ndocs, 1.2, dtype=np.float64)
    keys = np.arange(ndocs, dtype=np.int64) * 10
    acc = np.zeros(ndocs, dtype=np.float64)
    mark = np.zeros(ndocs, dtype=np.uint8)
    posting = np.array(docs, dtype=np.int32)
    counts = np.array(tfs if tfs is not None else [1] * len(docs), dtype=np.int32)
    return walk(norm, keys, None, acc, mark, [(posting, counts, 1.5, 1.0)], [0], k, 1.2, True)


def test_a_sorted_posting_list_is_searched(walk) -> None:
    found = call(walk, [1, 3, 4], [1, 2, 1], k=2)
    assert [key for key, _, _ in found] == [30, 10]
    assert all(flags == b"\x01" for _, _, flags in found)


@pytest.mark.parametrize("k", [0, -1, -(2**40)])
def test_k_below_one_is_a_value_error(walk, k: int) -> None:
    with pytest.raises(ValueError, match="k must be at least 1"):
        call(walk, [1, 3], k=k)


def test_an_unsorted_posting_list_is_refused(walk) -> None:
    with pytest.raises(ValueError, match="not sorted"):
        call(walk, [1, 4, 2, 5])


def test_a_repeated_paragraph_in_a_posting_list_is_refused(walk) -> None:
    with pytest.raises(ValueError, match="not sorted"):
        call(walk, [1, 2, 2, 5])


def test_a_posting_past_the_last_paragraph_is_refused(walk) -> None:
    # sorted ends in range, a middle entry far out of it: only a full check catches this
    with pytest.raises(ValueError):
        call(walk, [0, 1_000_000, 5])


@pytest.mark.parametrize("docs", [[-1, 2], [2, 6]])
def test_a_posting_outside_the_paragraphs_is_refused(walk, docs: list[int]) -> None:
    with pytest.raises(ValueError, match="outside the paragraph range"):
        call(walk, docs)


def test_counts_of_another_length_than_the_paragraphs_are_refused(walk) -> None:
    with pytest.raises(ValueError, match="differ in length"):
        call(walk, [1, 2, 3], [1, 1])


def test_bm25_index_refuses_k_below_one_whichever_kernel() -> None:
    for name in KERNELS:
        index = Bm25Index(Bm25Params(), name)
        index.add(1, encode_terms([0, 1]))
        with pytest.raises(ValueError, match="k must be at least 1"):
            index.search([0], 0)


def test_an_unknown_kernel_name_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not available"):
        Bm25Index(Bm25Params(), "fortran")


@pytest.mark.skipif("c" not in KERNELS, reason="the C search kernel is not built")
@pytest.mark.parametrize("idf", ["lucene", "okapi"])
def test_the_numpy_walk_returns_what_the_c_kernel_returns(idf: str) -> None:
    # Keys, scores (bit for bit) and matched flags, through adds, removes and pruning.
    rng = random.Random(31)
    indexes = [Bm25Index(Bm25Params(idf=idf), name) for name in ("c", "numpy")]
    blobs = {}
    for key in range(1, 2001):
        blobs[key] = encode_terms([min(int(rng.paretovariate(1.1)), 400) for _ in range(20)])
        for index in indexes:
            index.add(key, blobs[key])
    for key in rng.sample(sorted(blobs), 300):
        for index in indexes:
            index.remove(key, blobs[key])
    for _ in range(60):
        query = [rng.choice([None, *range(12)]) for _ in range(rng.randint(1, 6))]
        k = rng.choice([1, 5, 10, 100])
        c_hits, numpy_hits = (index.search(query, k) for index in indexes)
        assert c_hits == numpy_hits, query


@pytest.mark.parametrize("k", [1, 2])
def test_a_disordered_list_only_looked_up_is_never_read_out_of_bounds(walk, k: int) -> None:
    # A rare term walked whole, then a long list whose middle is out of range: the kernel
    # may only search it (no full pass), so it either refuses it or answers from valid
    # paragraphs; under `make asan` any read outside the arrays aborts the run.
    ndocs = 64
    norm = np.full(ndocs, 1.2, dtype=np.float64)
    keys = np.arange(ndocs, dtype=np.int64)
    acc = np.zeros(ndocs, dtype=np.float64)
    mark = np.zeros(ndocs, dtype=np.uint8)
    rare = (np.array([3], dtype=np.int32), np.array([4], dtype=np.int32), 3.0, 1.0)
    bad = np.array([0, 2, 1 << 30, -(1 << 30), 7, 9, 63], dtype=np.int32)
    common = (bad, np.ones(len(bad), dtype=np.int32), 0.1, 1.0)
    try:
        found = walk(norm, keys, None, acc, mark, [rare, common], [0, 1], k, 1.2, True)
    except ValueError:
        found = []
    assert all(0 <= key < ndocs for key, _, _ in found)
    assert not acc.any() and not mark.any()  # scratch left clean either way
