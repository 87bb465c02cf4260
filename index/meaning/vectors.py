"""Paragraph vectors of one library, searched by cosine, exactly (brute force).

A paragraph has several vectors: one for the whole paragraph and one for each of its
sentences when it has more than one. A question usually asks about one sentence, and a
sentence vector matches it far better than the vector of a long paragraph (where the
model also truncates at 256 tokens); the paragraph's cosine is the best of its vectors.

Vectors are kept as int8 with one scale per row (a unit vector's largest component maps
to 127): 384 bytes a row. The cosine of a question with every row is one pass of integer
dot products (the C kernel in index/meaning/_vectors.c; numpy when it is not built), exact for
the stored int8 vectors: brute force meets the latency target at 105,000 paragraphs, so
no approximate index (and none of its recall loss) is needed at that size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

try:
    from index.meaning import _vectors
except ImportError:  # the extension is optional: numpy computes the same products
    _vectors = None  # type: ignore[assignment]

DIMENSION = 384
CODE_WORDS = DIMENSION // 64  # a row's sign code: one bit a dimension, as uint64 words
# Up to this many rows every question scans the int8 rows (exact). Beyond, a first pass
# over one-bit sign codes (48 bytes a row, an eighth of the int8 bytes) picks the
# RESCORE_DEPTH nearest rows by Hamming distance, and only those are scored exactly:
# at 105,000 paragraphs (140,000 rows) the int8 scan alone reads 54 MB a question.
EXACT_ROWS = 40_000
RESCORE_DEPTH = 1000


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(int8 rows, float32 scale per row) with row ≈ int8 row * scale."""
    vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    peak = np.abs(vectors).max(axis=1)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale


def encode_vectors(vectors: np.ndarray) -> tuple[bytes, bytes]:
    """A paragraph's unit vectors as stored: int8 rows and their float32 scales."""
    q, scale = quantize(vectors)
    return q.tobytes(), scale.tobytes()


def sign_codes(rows: np.ndarray) -> np.ndarray:
    """One bit a dimension (set where the component is positive), as uint64 words."""
    bits = np.packbits(np.atleast_2d(rows) > 0, axis=1)
    return bits.view(np.uint64).reshape(len(bits), CODE_WORDS)


def hamming_rows(codes: np.ndarray, query_code: np.ndarray) -> np.ndarray:
    """Bits that differ between each row's code and the query's."""
    n = len(codes)
    out = np.empty(n, dtype=np.int32)
    if n == 0:
        return out
    if _vectors is not None:
        _vectors.hamming(np.ascontiguousarray(codes), n, CODE_WORDS, query_code, out)
        return out
    diff = np.bitwise_xor(codes, query_code[None, :]).view(np.uint8)
    return np.unpackbits(diff, axis=1).sum(axis=1, dtype=np.int32)


def dot_rows(rows: np.ndarray, query: np.ndarray) -> np.ndarray:
    """int32 dot products of int8 rows with an int8 query."""
    n = len(rows)
    dots = np.empty(n, dtype=np.int32)
    if n == 0:
        return dots
    if _vectors is not None:
        _vectors.dot_i8(np.ascontiguousarray(rows), n, DIMENSION, query, dots)
        return dots
    for start in range(0, n, 8192):  # bounded float32 scratch
        block = rows[start:start + 8192].astype(np.float32)
        dots[start:start + len(block)] = block @ query.astype(np.float32)
    return dots


class VectorIndex:
    """Rows owned by paragraph keys; add, remove, top-k paragraphs by best cosine."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._rows = np.zeros((16, DIMENSION), dtype=np.int8)
        self._codes = np.zeros((16, CODE_WORDS), dtype=np.uint64)
        self._scale = np.zeros(16, dtype=np.float32)
        self._owner = np.full(16, -1, dtype=np.int64)
        self._size = 0
        self._dead = 0
        # a paragraph's rows are always contiguous (added together, compacted in order):
        # (first row, count) per key, two ints instead of a list of row numbers
        self._slots: dict[int, tuple[int, int]] = {}

    def __len__(self) -> int:
        """Paragraphs with vectors."""
        return len(self._slots)

    def __contains__(self, key: int) -> bool:
        return key in self._slots

    def load(self, rows: Iterable[tuple[int, bytes, bytes]], total: int | None = None) -> None:
        """Replace the contents with (key, int8 rows, float32 scales) per paragraph; given
        the total number of vectors, rows are copied in chunks as they stream in (no copy
        of the whole matrix is ever held twice)."""
        self._reset()
        if total is not None:
            # room for an eighth more: articles added after a cold start go in without
            # copying the index (a copy holds old and new rows at once: +70 MB at 105,000
            # paragraphs); the spare rows are zero pages the system has not yet handed out
            self._reserve(total + total // 8)
        chunk: list[tuple[int, bytes, bytes]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == 4096:
                self._append(chunk)
                chunk = []
        if chunk:
            self._append(chunk)

    def _append(self, rows: Sequence[tuple[int, bytes, bytes]]) -> None:
        counts = [len(scales) // 4 for _, _, scales in rows]
        count = sum(counts)
        start = self._size
        self._reserve(start + count)
        block = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.int8).reshape(count, DIMENSION)
        self._rows[start:start + count] = block
        self._codes[start:start + count] = sign_codes(block)
        self._scale[start:start + count] = np.frombuffer(b"".join(r[2] for r in rows),
                                                         dtype=np.float32)
        self._owner[start:start + count] = np.repeat([key for key, _, _ in rows], counts)
        for (key, _, _), n in zip(rows, counts, strict=True):
            self._slots[key] = (start, n)
            start += n
        self._size = start

    def add(self, key: int, blob: bytes, scales: bytes) -> None:
        self.remove(key)
        vectors = np.frombuffer(blob, dtype=np.int8).reshape(-1, DIMENSION)
        count = len(vectors)
        self._reserve(self._size + count)
        start = self._size
        self._rows[start:start + count] = vectors
        self._codes[start:start + count] = sign_codes(vectors)
        self._scale[start:start + count] = np.frombuffer(scales, dtype=np.float32)
        self._owner[start:start + count] = key
        self._slots[key] = (start, count)
        self._size += count

    def remove(self, key: int) -> None:
        """Rows of a removed paragraph stay as dead rows until they are half the index."""
        slots = self._slots.pop(key, None)
        if slots is None:
            return
        start, count = slots
        self._owner[start:start + count] = -1
        self._scale[start:start + count] = 0
        self._dead += count
        if self._dead > max(1024, self._size // 2):
            self._compact()

    def _reserve(self, size: int) -> None:
        """Room for size rows. Capacity grows by an eighth (still amortised constant time
        a row): doubling would hold 2x the loaded library's rows after the first article
        added to it (+124 MB at 105,000 paragraphs)."""
        if size <= len(self._owner):
            return
        capacity = max(size, len(self._owner) + len(self._owner) // 8 + 64)
        rows = np.zeros((capacity, DIMENSION), dtype=np.int8)
        rows[: self._size] = self._rows[: self._size]
        codes = np.zeros((capacity, CODE_WORDS), dtype=np.uint64)
        codes[: self._size] = self._codes[: self._size]
        self._codes = codes
        scale = np.zeros(capacity, dtype=np.float32)
        scale[: self._size] = self._scale[: self._size]
        owner = np.full(capacity, -1, dtype=np.int64)
        owner[: self._size] = self._owner[: self._size]
        self._rows, self._scale, self._owner = rows, scale, owner

    def _compact(self) -> None:
        live = np.flatnonzero(self._owner[: self._size] >= 0)
        n = len(live)
        self._rows[:n] = self._rows[live]
        self._codes[:n] = self._codes[live]
        self._scale[:n] = self._scale[live]
        self._owner[:n] = self._owner[live]
        self._owner[n:] = -1
        self._scale[n:] = 0
        self._size, self._dead = n, 0
        self._slots = {}
        owners = self._owner[:n].tolist()
        for slot, key in enumerate(owners):
            if slot == 0 or owners[slot - 1] != key:
                self._slots[key] = (slot, 1)
            else:
                first, count = self._slots[key]
                self._slots[key] = (first, count + 1)

    def _cosines(self, query: np.ndarray, rows: np.ndarray | slice) -> np.ndarray:
        q, q_scale = quantize(query)
        return dot_rows(self._rows[rows], q[0]) * (self._scale[rows] * q_scale[0])

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The k paragraphs (key, best cosine) nearest query, best first: exact up to
        EXACT_ROWS rows, else exact over the RESCORE_DEPTH rows nearest by sign code."""
        if len(self._slots) == 0 or k <= 0:
            return []
        n = self._size
        if n <= EXACT_ROWS:
            cos = self._cosines(query, slice(0, n))
            owners = self._owner[:n]
        else:
            q_code = sign_codes(quantize(query)[0])[0]
            distance = hamming_rows(self._codes[:n], q_code)
            distance[self._owner[:n] < 0] = DIMENSION + 1
            depth = min(n, max(RESCORE_DEPTH, 8 * k))
            slots = np.argpartition(distance, depth - 1)[:depth]
            cos = self._cosines(query, slots)
            owners = self._owner[slots]
        cos[owners < 0] = -np.inf
        depth = min(len(cos), 8 * k)
        top = np.argpartition(-cos, depth - 1)[:depth]
        top = top[np.argsort(-cos[top], kind="stable")]
        out: dict[int, float] = {}
        for i in top.tolist():
            key = int(owners[i])
            if key >= 0 and key not in out:
                out[key] = float(cos[i])
                if len(out) == k:
                    break
        return list(out.items())

    def row_cosines(self, query: np.ndarray, key: int) -> np.ndarray:
        """The cosine of query with each of a paragraph's vectors, in stored order (the
        paragraph's, then its sentences'); empty when it has none."""
        slots = self._slots.get(key)
        if not slots:
            return np.zeros(0, dtype=np.float32)
        start, count = slots
        return self._cosines(query, slice(start, start + count))

    def cosine_of(self, query: np.ndarray, keys: Sequence[int]) -> dict[int, float]:
        """The best cosine of query with each given paragraph that has vectors."""
        present = [key for key in keys if key in self._slots]
        if not present:
            return {}
        spans = [self._slots[key] for key in present]
        slots = np.concatenate([np.arange(first, first + count) for first, count in spans])
        cos = self._cosines(query, slots)
        out: dict[int, float] = {}
        start = 0
        for key, (_, count) in zip(present, spans, strict=True):
            out[key] = float(cos[start:start + count].max())
            start += count
        return out
