"""BM25 over paragraphs: an inverted index whose scores equal rank-bm25's.

rank-bm25 is the reference model (tests compare against it on generated corpora); this
module is the only one importing it, for `reference_model`. The index itself keeps
postings per term so a question costs in proportion to the postings of its terms, not
to the size of the library, and statistics (N, document frequency, average length) are
always exact: they are kept as counts and turned into idf at query time.
"""

from __future__ import annotations

import logging
import math
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi

from index.search import topk

try:  # built by pip from index/search/_bm25.c; without a C compiler, numpy does the walk
    from index.search import _bm25
except ImportError:  # pragma: no cover - depends on the build
    _bm25 = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

# The top-k walks, by name: the C kernel when it was built, and its numpy twin (same
# results; tests run the search-equivalence checks against both, as bm25s tests its
# optional backends).
KERNELS: dict[str, Callable[..., list[tuple[int, float, bytes]]]] = {"numpy": topk.search}
if _bm25 is not None:
    KERNELS["c"] = _bm25.search


def default_kernel() -> str:
    """"c" when the extension is built, else "numpy"."""
    return "c" if "c" in KERNELS else "numpy"


@dataclass(frozen=True)
class Bm25Params:
    """BM25 parameters. idf "lucene" is log(1 + (N - df + .5) / (df + .5)): never zero or
    negative, so a term in half of a small library still counts; "okapi" is rank-bm25's
    BM25Okapi idf with its epsilon floor for negative values."""

    k1: float = 1.2
    b: float = 0.75
    idf: str = "lucene"
    epsilon: float = 0.25

    def __post_init__(self) -> None:
        if self.idf not in ("lucene", "okapi"):
            raise ValueError(f"unknown idf {self.idf!r}: use 'lucene' or 'okapi'")
        if self.k1 < 0 or not 0 <= self.b <= 1:
            raise ValueError("k1 must be >= 0 and b within [0, 1]")


@dataclass(frozen=True)
class Hit:
    """A scored paragraph: its store key, its BM25 score and the query positions it matched."""

    key: int
    score: float
    matched: tuple[int, ...]  # positions in the query term list that the paragraph contains


_EMPTY = np.zeros(0, dtype=np.int32)
_EMPTY.flags.writeable = False


class _Growable:
    """A numpy vector with amortised O(1) append, read through `view`."""

    def __init__(self, dtype: type, initial: np.ndarray | None = None) -> None:
        data: np.ndarray = np.zeros(0, dtype=dtype) if initial is None else initial.astype(dtype)
        self._data: np.ndarray = np.zeros(max(16, len(data) * 2), dtype=dtype)
        self._data[: len(data)] = data
        self.size = len(data)

    def ensure(self, size: int) -> None:
        if size > len(self._data):
            grown = np.zeros(max(size, len(self._data) * 2), dtype=self._data.dtype)
            grown[: self.size] = self._data[: self.size]
            self._data = grown
        self.size = max(self.size, size)

    def append(self, value: float) -> int:
        self.ensure(self.size + 1)
        self._data[self.size - 1] = value
        return self.size - 1

    @property
    def view(self) -> np.ndarray:
        return self._data[: self.size]

    @property
    def raw(self) -> np.ndarray:
        """The whole buffer (indexes past `size` read zeros)."""
        return self._data


class Bm25Index:
    """Postings of term ids -> (paragraph, term count); not thread-safe: callers lock.

    Paragraphs loaded at start live in one compressed-sparse-row block; paragraphs added
    later go to small per-term arrays that are merged into the block once they grow.
    Removed paragraphs are masked out and dropped at the next merge.
    """

    MERGE_AT = 250_000  # appended postings before the block is rebuilt

    def __init__(self, params: Bm25Params | None = None, kernel: str | None = None) -> None:
        """kernel: "c" or "numpy" (see KERNELS); None takes the C one when it is built."""
        self.params = params or Bm25Params()
        self.kernel = kernel or default_kernel()
        if self.kernel not in KERNELS:
            raise ValueError(f"kernel {self.kernel!r} is not available (built: "
                             f"{', '.join(sorted(KERNELS))})")
        if self.kernel == "numpy" and kernel is None:
            log.info("the C search kernel is not built; searching with numpy (slower)")
        self._walk = KERNELS[self.kernel]
        self._doc_key = _Growable(np.int64)
        self._doc_len = _Growable(np.int64)
        self._alive = _Growable(np.bool_)
        self._df = _Growable(np.int64)
        self._key_to_doc: dict[int, int] = {}
        self._ptr = np.zeros(1, dtype=np.int64)
        self._post_doc = np.zeros(0, dtype=np.int32)
        self._post_tf = np.zeros(0, dtype=np.int32)
        self._delta: dict[int, tuple[array, array]] = {}
        self._delta_size = 0
        self._dead = 0
        self._total_len = 0
        self._scratch = np.zeros(0, dtype=np.float64)
        self._mark = np.zeros(0, dtype=np.uint8)
        self._norm = np.zeros(0, dtype=np.float64)
        self._norm_key: tuple[int, int, int] | None = None
        self._avg_okapi_idf: float | None = None

    # -- size and statistics ----------------------------------------------------------

    def __len__(self) -> int:
        return len(self._key_to_doc)

    def __contains__(self, key: int) -> bool:
        return key in self._key_to_doc

    def df(self, term: int | None) -> int:
        if term is None or term >= self._df.size:
            return 0
        return int(self._df.view[term])

    def idf(self, term: int | None) -> float:
        """The idf of a term in this index now; 0 for a term no paragraph has."""
        df = self.df(term)
        if df == 0:
            return 0.0
        return self._idf_of(df, len(self))

    def unseen_idf(self) -> float:
        """The idf a term would have if one paragraph had it: the weight of a missing word."""
        return self._idf_of(1, len(self) + 1)

    def _idf_of(self, df: int, n: int) -> float:
        if self.params.idf == "lucene":
            return math.log(1.0 + (n - df + 0.5) / (df + 0.5))
        value = math.log(n - df + 0.5) - math.log(df + 0.5)
        if value < 0:
            return self.params.epsilon * self._average_okapi_idf()
        return value

    def _average_okapi_idf(self) -> float:
        """rank-bm25's average idf over every term of the index (before flooring).

        rank-bm25 adds the idfs one by one in the order the words first appear; term ids
        are handed out in that order, so a running sum (cumsum, not numpy's pairwise sum)
        in id order gives its average to the last bit."""
        if self._avg_okapi_idf is None:
            n = len(self)
            raw = [math.log(n - df + 0.5) - math.log(df + 0.5)
                   for df in self._df.view[self._df.view > 0].tolist()]
            total = float(np.cumsum(raw)[-1]) if raw else 0.0
            self._avg_okapi_idf = total / len(raw) if raw else 0.0
        return self._avg_okapi_idf

    # -- building and updating --------------------------------------------------------

    def load(self, rows: Iterable[tuple[int, bytes]]) -> None:
        """Build from (key, encoded terms) rows as the store keeps them: no re-tokenizing."""
        keys: list[int] = []
        blobs: list[bytes] = []
        for key, blob in rows:
            keys.append(key)
            blobs.append(blob)
        self.__init__(self.params, self.kernel)  # type: ignore[misc]
        if not keys:
            return
        pairs = np.frombuffer(b"".join(blobs), dtype=np.uint32).reshape(-1, 2)
        per_doc = np.fromiter((len(b) // 8 for b in blobs), dtype=np.int64, count=len(blobs))
        doc_of_pair = np.repeat(np.arange(len(keys), dtype=np.int32), per_doc)
        self._install(np.asarray(keys, dtype=np.int64), pairs[:, 0].astype(np.int64),
                      pairs[:, 1].astype(np.int32), doc_of_pair)

    def _install(self, keys: np.ndarray, terms: np.ndarray, tfs: np.ndarray,
                 docs: np.ndarray) -> None:
        """Replace the block with these postings (docs index into keys)."""
        n_docs = len(keys)
        doc_len = np.bincount(docs, weights=tfs, minlength=n_docs).astype(np.int64)
        order = np.argsort(terms, kind="stable")
        terms_sorted = terms[order]
        vocab = int(terms_sorted[-1]) + 1 if len(terms_sorted) else 0
        counts = np.bincount(terms_sorted, minlength=vocab)
        self._ptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        self._post_doc = docs[order].astype(np.int32)
        self._post_tf = tfs[order].astype(np.int32)
        self._doc_key = _Growable(np.int64, keys)
        self._doc_len = _Growable(np.int64, doc_len)
        self._alive = _Growable(np.bool_, np.ones(n_docs, dtype=np.bool_))
        self._df = _Growable(np.int64, counts.astype(np.int64))
        self._key_to_doc = {int(k): i for i, k in enumerate(keys.tolist())}
        self._delta = {}
        self._delta_size = 0
        self._dead = 0
        self._total_len = int(doc_len.sum())
        self._scratch = np.zeros(max(16, n_docs * 2), dtype=np.float64)
        self._mark = np.zeros(len(self._scratch), dtype=np.uint8)
        self._norm_key = None
        self._avg_okapi_idf = None

    def add(self, key: int, blob: bytes) -> None:
        """Make one paragraph searchable at once (its encoded (term id, count) pairs)."""
        if key in self._key_to_doc:
            raise ValueError(f"paragraph {key} is already indexed")
        pairs = np.frombuffer(blob, dtype=np.uint32).reshape(-1, 2)
        doc = self._doc_key.append(key)
        self._doc_len.append(int(pairs[:, 1].sum()))
        self._alive.append(True)
        self._key_to_doc[key] = doc
        if len(self._scratch) <= doc:
            self._scratch = np.zeros(max(16, (doc + 1) * 2), dtype=np.float64)
            self._mark = np.zeros(len(self._scratch), dtype=np.uint8)
        terms = pairs[:, 0].tolist()
        if terms:
            self._df.ensure(max(terms) + 1)
        df = self._df.view
        for term, tf in zip(terms, pairs[:, 1].tolist(), strict=True):
            entry = self._delta.get(term)
            if entry is None:
                entry = self._delta[term] = (array("i"), array("i"))
            entry[0].append(doc)
            entry[1].append(tf)
            df[term] += 1
        self._delta_size += len(terms)
        self._total_len += int(pairs[:, 1].sum())
        self._avg_okapi_idf = None
        if self._delta_size >= self.MERGE_AT:
            self.compact()

    def remove(self, key: int, blob: bytes) -> None:
        """Forget one paragraph; its postings are masked until the next merge."""
        doc = self._key_to_doc.pop(key, None)
        if doc is None:
            return
        pairs = np.frombuffer(blob, dtype=np.uint32).reshape(-1, 2)
        self._alive.view[doc] = False
        df = self._df.view
        for term in pairs[:, 0].tolist():
            df[term] -= 1
        self._total_len -= int(self._doc_len.view[doc])
        self._dead += 1
        self._avg_okapi_idf = None
        if self._dead > 1000 and self._dead * 4 > len(self._key_to_doc):
            self.compact()

    def compact(self) -> None:
        """Fold appended postings into the block and drop removed paragraphs."""
        terms_parts = [np.repeat(np.arange(len(self._ptr) - 1, dtype=np.int64),
                                 np.diff(self._ptr))]
        doc_parts = [self._post_doc.astype(np.int64)]
        tf_parts = [self._post_tf]
        for term, (delta_docs, delta_tfs) in self._delta.items():
            terms_parts.append(np.full(len(delta_docs), term, dtype=np.int64))
            doc_parts.append(np.array(delta_docs, dtype=np.int64))
            tf_parts.append(np.array(delta_tfs, dtype=np.int32))
        terms = np.concatenate(terms_parts)
        docs = np.concatenate(doc_parts)
        tfs = np.concatenate(tf_parts)
        alive = self._alive.view
        keep = alive[docs]
        live_docs = np.flatnonzero(alive)
        renumber = np.full(len(alive), -1, dtype=np.int64)
        renumber[live_docs] = np.arange(len(live_docs))
        self._install(self._doc_key.view[live_docs].copy(), terms[keep], tfs[keep],
                      renumber[docs[keep]])

    # -- querying ---------------------------------------------------------------------

    def _postings(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        parts_doc: list[np.ndarray] = []
        parts_tf: list[np.ndarray] = []
        if term + 1 < len(self._ptr):
            lo, hi = self._ptr[term], self._ptr[term + 1]
            if hi > lo:
                parts_doc.append(self._post_doc[lo:hi])
                parts_tf.append(self._post_tf[lo:hi])
        extra = self._delta.get(term)
        if extra is not None:
            parts_doc.append(np.array(extra[0], dtype=np.int32))
            parts_tf.append(np.array(extra[1], dtype=np.int32))
        if not parts_doc:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
        if len(parts_doc) == 1:
            docs, tfs = parts_doc[0], parts_tf[0]
        else:
            docs, tfs = np.concatenate(parts_doc), np.concatenate(parts_tf)
        if self._dead:
            keep = self._alive.raw[docs]
            docs, tfs = docs[keep], tfs[keep]
        return docs, tfs

    def search(self, query: Sequence[int | None], k: int = 10) -> list[Hit]:
        """Top k paragraphs sharing at least one term with query, best first (ties: lower
        key first).

        query is the question's term ids in order, repeats kept and None for a term the
        store has never seen, exactly as rank-bm25 takes a tokenized query.

        The walk is index/search/_bm25.c: MaxScore over the posting lists, rarest term first,
        then the survivors scored term by term in query order, as rank-bm25 adds, so the
        scores are rank-bm25's to the last bit (index/search/topk.py without the C build).
        """
        if k < 1:
            raise ValueError(f"k must be at least 1, not {k}")
        if len(self) == 0:
            return []
        df = self._df.raw
        known = self._df.size
        slot: dict[int, int] = {}  # term -> its index in counts
        counts: list[int] = []
        for term in query:
            if term is not None and term < known and df[term] > 0:
                i = slot.get(term)
                if i is None:
                    slot[term] = len(counts)
                    counts.append(1)
                else:
                    counts[i] += 1
        if not slot:
            return []
        terms = list(slot)
        postings = [self._raw_postings(t) for t in terms]
        order = sorted(range(len(terms)), key=lambda i: (len(postings[i][0]), i))
        rank = [0] * len(terms)
        walk = []
        idfs = []
        for r, i in enumerate(order):
            rank[i] = r
            idf = self._idf_of(int(df[terms[i]]), len(self))
            idfs.append(idf)
            walk.append((postings[i][0], postings[i][1], idf, float(counts[i])))
        positions = [rank[slot[t]] if t in slot else -1 for t in query]
        alive = self._alive.raw if self._dead else None
        found = self._walk(self._norms(), self._doc_key.raw, alive, self._scratch,
                             self._mark, walk, positions, k, self.params.k1,
                             all(v > 0 for v in idfs))
        asked = [(pos, r) for pos, r in enumerate(positions) if r >= 0]
        return [Hit(key, score, tuple([pos for pos, r in asked if flags[r]]))
                for key, score, flags in found]

    def _norms(self) -> np.ndarray:
        """k1 * (1 - b + b * length / average length) per paragraph, as rank-bm25 computes
        it, kept until a paragraph is added or removed."""
        key = (self._total_len, len(self), self._doc_len.size)
        if self._norm_key != key:
            k1, b = self.params.k1, self.params.b
            avgdl = self._total_len / len(self)
            self._norm = k1 * (1 - b + b * self._doc_len.view / avgdl)
            self._norm_key = key
        return self._norm

    def _raw_postings(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        """A term's (paragraphs, counts) sorted by paragraph, removed ones included."""
        docs = tfs = _EMPTY
        if term + 1 < len(self._ptr):
            lo, hi = self._ptr[term], self._ptr[term + 1]
            docs, tfs = self._post_doc[lo:hi], self._post_tf[lo:hi]
        extra = self._delta.get(term)
        if extra is None:
            return docs, tfs
        more_docs = np.frombuffer(extra[0], dtype=np.int32)
        more_tfs = np.frombuffer(extra[1], dtype=np.int32)
        if len(docs) == 0:  # copies: a live view would stop the arrays from growing
            return more_docs.copy(), more_tfs.copy()
        return np.concatenate((docs, more_docs)), np.concatenate((tfs, more_tfs))

    def term_scores(self, query: Sequence[int | None], keys: Sequence[int]) -> np.ndarray:
        """Each query term's BM25 contribution to each given paragraph: a (terms x keys)
        matrix whose column sums are the paragraphs' scores, for re-ranking a few."""
        out = np.zeros((len(query), len(keys)), dtype=np.float64)
        n = len(self)
        if n == 0 or not keys:
            return out
        k1, b = self.params.k1, self.params.b
        avgdl = self._total_len / n
        docs = np.array([self._key_to_doc[k] for k in keys], dtype=np.int64)
        dl = self._doc_len.raw[docs]
        for row, term in enumerate(query):
            if term is None or self.df(term) == 0:
                continue
            pdocs, ptfs = self._postings(term)  # sorted by paragraph: appends come last
            idx = np.minimum(np.searchsorted(pdocs, docs), len(pdocs) - 1)
            tf = np.where(pdocs[idx] == docs, ptfs[idx], 0)
            out[row] = self.idf(term) * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)))
        return out


class _LuceneIdfOkapi(BM25Okapi):
    """rank-bm25's BM25Okapi with the Lucene idf: the reference for idf="lucene"."""

    def _calc_idf(self, nd: dict[str, int]) -> None:  # noqa: D401 - rank-bm25 hook
        n = self.corpus_size
        self.idf = {w: math.log(1.0 + (n - f + 0.5) / (f + 0.5)) for w, f in nd.items()}


def reference_model(corpus: list[list[str]], params: Bm25Params) -> BM25Okapi:
    """rank-bm25 over tokenized paragraphs with the same parameters: the reference."""
    if params.idf == "lucene":
        return _LuceneIdfOkapi(corpus, k1=params.k1, b=params.b)
    return BM25Okapi(corpus, k1=params.k1, b=params.b, epsilon=params.epsilon)
