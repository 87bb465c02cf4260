"""The int8 vector index: exact top-k by cosine (for the stored int8 vectors), the C
kernel equal to numpy, and rows that follow adds and removes."""

from __future__ import annotations

import numpy as np
import pytest

import index.meaning.vectors as vectors_mod
from index.meaning.vectors import DIMENSION, VectorIndex, encode_vectors, quantize


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.normal(size=(n, DIMENSION)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _index(rows: dict[int, np.ndarray]) -> VectorIndex:
    index = VectorIndex()
    index.load([(key, *encode_vectors(v)) for key, v in rows.items()])
    return index


def _reference(rows: dict[int, np.ndarray], query: np.ndarray, k: int) -> list[int]:
    """Best cosine per paragraph from the dequantized int8 rows, computed in float64."""
    q, qs = quantize(query)
    best = {}
    for key, v in rows.items():
        r, s = quantize(v)
        cos = (r.astype(np.float64) * s[:, None]) @ (q[0].astype(np.float64) * qs[0])
        best[key] = cos.max()
    return sorted(best, key=lambda key: (-best[key], key))[:k]


def test_quantized_cosines_stay_within_a_hundredth_of_the_float_ones() -> None:
    rng = np.random.default_rng(1)
    a, b = _unit(rng, 200), _unit(rng, 1)[0]
    qa, sa = quantize(a)
    qb, sb = quantize(b)
    approx = (qa.astype(np.int32) @ qb[0].astype(np.int32)) * sa * sb[0]
    assert np.abs(approx - a @ b).max() < 0.01


def test_search_returns_the_exact_top_k_paragraphs_by_their_best_vector() -> None:
    rng = np.random.default_rng(2)
    rows = {key: _unit(rng, 1 + key % 3) for key in range(1, 400)}
    index = _index(rows)
    for query in _unit(rng, 5):
        assert [key for key, _ in index.search(query, 10)] == _reference(rows, query, 10)


def test_the_numpy_fallback_gives_the_kernels_products(monkeypatch: pytest.MonkeyPatch) -> None:
    if vectors_mod._vectors is None:
        pytest.skip("the C kernel is not built here: only the fallback runs")
    rng = np.random.default_rng(3)
    rows, _ = quantize(_unit(rng, 300))
    query, _ = quantize(_unit(rng, 1))
    with_kernel = vectors_mod.dot_rows(rows, query[0])
    monkeypatch.setattr(vectors_mod, "_vectors", None)
    assert np.array_equal(vectors_mod.dot_rows(rows, query[0]), with_kernel)


def test_the_kernel_refuses_a_query_of_the_wrong_size() -> None:
    if vectors_mod._vectors is None:
        pytest.skip("the C kernel is not built here")
    rows = np.zeros((4, DIMENSION), dtype=np.int8)
    out = np.zeros(4, dtype=np.int32)
    with pytest.raises(ValueError):
        vectors_mod._vectors.dot_i8(rows, 4, DIMENSION, np.zeros(10, dtype=np.int8), out)


def test_adds_and_removes_keep_search_exact_through_compaction() -> None:
    rng = np.random.default_rng(4)
    rows = {key: _unit(rng, 2) for key in range(1, 3000)}
    index = VectorIndex()
    for key, v in rows.items():
        index.add(key, *encode_vectors(v))
    for key in range(1, 3000, 2):  # half removed: dead rows are compacted away
        index.remove(key)
        del rows[key]
    assert len(index) == len(rows)
    query = _unit(rng, 1)[0]
    assert [key for key, _ in index.search(query, 10)] == _reference(rows, query, 10)
    assert set(index.cosine_of(query, [2, 3, 4])) == {2, 4}


def _cosines(v: np.ndarray, query: np.ndarray) -> np.ndarray:
    q, qs = quantize(query)
    r, s = quantize(v)
    return (r.astype(np.float64) * s[:, None]) @ (q[0].astype(np.float64) * qs[0])


def test_each_paragraph_keeps_its_own_rows_through_replacement_and_compaction() -> None:
    rng = np.random.default_rng(7)
    rows = {key: _unit(rng, 1 + key % 3) for key in range(1, 2500)}
    index = _index(rows)
    for key in range(1, 2500, 3):  # replaced: the old rows die, new ones are appended
        rows[key] = _unit(rng, 1 + (key + 1) % 3)
        index.add(key, *encode_vectors(rows[key]))
    for key in range(2, 2500, 2):  # enough removed to compact
        index.remove(key)
        del rows[key]
    query = _unit(rng, 1)[0]
    sample = [1, 3, 4, 7, 2497, 2499]
    got = index.cosine_of(query, sample)
    assert set(got) == {key for key in sample if key in rows}
    for key in got:
        expected = _cosines(rows[key], query)
        assert np.allclose(index.row_cosines(query, key), expected, atol=1e-5)
        assert got[key] == pytest.approx(expected.max(), abs=1e-5)
    assert [key for key, _ in index.search(query, 10)] == _reference(rows, query, 10)


def test_an_empty_index_finds_nothing() -> None:
    assert VectorIndex().search(np.ones(DIMENSION, dtype=np.float32) / 20, 5) == []


def test_a_large_index_rescoring_every_row_by_code_equals_the_exact_search(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(5)
    rows = {key: _unit(rng, 1 + key % 2) for key in range(1, 500)}
    index = _index(rows)
    monkeypatch.setattr(vectors_mod, "EXACT_ROWS", 0)
    monkeypatch.setattr(vectors_mod, "RESCORE_DEPTH", 10_000)
    query = _unit(rng, 1)[0]
    assert [key for key, _ in index.search(query, 10)] == _reference(rows, query, 10)


def test_the_sign_code_pass_keeps_the_nearest_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(6)
    base = _unit(rng, 2000)
    rows = {key: base[key][None, :] for key in range(2000)}
    index = _index(rows)
    monkeypatch.setattr(vectors_mod, "EXACT_ROWS", 0)
    monkeypatch.setattr(vectors_mod, "RESCORE_DEPTH", 200)
    near = base[7] + 0.3 * _unit(rng, 1)[0]  # a query close to row 7
    near /= np.linalg.norm(near)
    assert index.search(near, 1)[0][0] == 7


def test_hamming_distances_from_the_kernel_equal_numpys(monkeypatch: pytest.MonkeyPatch) -> None:
    if vectors_mod._vectors is None:
        pytest.skip("the C kernel is not built here: only the fallback runs")
    rng = np.random.default_rng(7)
    codes = vectors_mod.sign_codes(quantize(_unit(rng, 300))[0])
    query = vectors_mod.sign_codes(quantize(_unit(rng, 1))[0])[0]
    with_kernel = vectors_mod.hamming_rows(codes, query)
    monkeypatch.setattr(vectors_mod, "_vectors", None)
    assert np.array_equal(vectors_mod.hamming_rows(codes, query), with_kernel)
    assert with_kernel.min() >= 0 and with_kernel.max() <= DIMENSION
