# The types of the C kernel built from _vectors.c (mypy cannot read an extension module).
import numpy as np

def dot_i8(rows: np.ndarray, n: int, dimension: int, query: np.ndarray,
           out: np.ndarray) -> None: ...
def hamming(codes: np.ndarray, n: int, words: int, query: np.ndarray,
            out: np.ndarray) -> None: ...
