"""The BM25 top-k walk in numpy: the fallback for the C kernel (index/search/_bm25.c).

Same arguments, same checks and the same results, scores to the last bit: every paragraph
sharing a term is scored exactly, term by term in query order with the operations the
kernel performs, then the k best are taken (ties: lower key first). It does not prune, so
it costs in proportion to the posting lists of the question's terms (a few ms a question
at 100,000 paragraphs, against tens of microseconds in C); it is what runs where no C
compiler built the kernel, and the reference the kernel is tested against.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Term = tuple[np.ndarray, np.ndarray, float, float]  # (paragraphs, counts, idf, repeats)


def check_postings(docs: np.ndarray, tfs: np.ndarray, ndocs: int) -> None:
    """ValueError unless docs rises strictly within [0, ndocs) and tfs matches it in length."""
    if len(docs) != len(tfs):
        raise ValueError("docs and tfs differ in length")
    if len(docs) and (docs[0] < 0 or docs[-1] >= ndocs):
        raise ValueError("posting outside the paragraph range")
    if len(docs) > 1 and not bool(np.all(docs[1:] > docs[:-1])):
        raise ValueError("posting list not sorted by paragraph")


def _tf_in(docs: np.ndarray, tfs: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The count of each wanted paragraph in a sorted posting list (0 when absent)."""
    if len(docs) == 0:
        return np.zeros(len(wanted), dtype=np.int32)
    at = np.minimum(np.searchsorted(docs, wanted), len(docs) - 1)
    return np.where(docs[at] == wanted, tfs[at], 0)


def search(norm: np.ndarray, keys: np.ndarray, alive: np.ndarray | None, acc: np.ndarray,
           mark: np.ndarray, terms: Sequence[Term], query: Sequence[int], k: int, k1: float,
           prune: bool) -> list[tuple[int, float, bytes]]:
    """The kernel's `search` (see _bm25.c for the arguments). acc, mark and prune serve
    the kernel's pruning walk; this exact walk needs none of them."""
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    ndocs = len(norm)
    if len(keys) < ndocs or (alive is not None and len(alive) < ndocs):
        raise ValueError("arrays shorter than the paragraph count")
    lists: list[tuple[np.ndarray, np.ndarray, float]] = []
    for docs, tfs, idf, _count in terms:
        docs = np.asarray(docs, dtype=np.int32)
        tfs = np.asarray(tfs, dtype=np.int32)
        check_postings(docs, tfs, ndocs)
        lists.append((docs, tfs, float(idf)))
    if any(not -1 <= r < len(lists) for r in query):
        raise ValueError("query refers to an unknown term")
    if not lists:
        return []
    cand = np.unique(np.concatenate([docs for docs, _, _ in lists]))
    if alive is not None:
        cand = cand[np.asarray(alive[:ndocs], dtype=bool)[cand]]
    norms = norm[cand]
    k1p1 = k1 + 1.0
    scores = np.zeros(len(cand), dtype=np.float64)
    for r in query:  # in query order, repeats included, as rank-bm25 sums
        if r < 0:
            continue
        docs, tfs, idf = lists[r]
        tf = _tf_in(docs, tfs, cand).astype(np.float64)
        present = tf > 0
        scores[present] += idf * ((tf[present] * k1p1) / (tf[present] + norms[present]))
    order = np.lexsort((keys[cand], -scores))[:k]
    best = cand[order]
    flags = np.zeros((len(best), len(lists)), dtype=np.uint8)
    for i, (docs, tfs, _) in enumerate(lists):
        flags[:, i] = _tf_in(docs, tfs, best) > 0
    return [(int(keys[d]), float(scores[o]), flags[j].tobytes())
            for j, (d, o) in enumerate(zip(best.tolist(), order.tolist(), strict=True))]
