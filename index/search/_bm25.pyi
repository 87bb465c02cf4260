# The types of the C kernel built from _bm25.c (mypy cannot read an extension module).
from collections.abc import Sequence

import numpy as np

from index.search.topk import Term

def search(norm: np.ndarray, keys: np.ndarray, alive: np.ndarray | None, acc: np.ndarray,
           mark: np.ndarray, terms: Sequence[Term], query: Sequence[int], k: int, k1: float,
           prune: bool) -> list[tuple[int, float, bytes]]: ...
