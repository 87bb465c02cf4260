"""Is newsdesk's top 10 rank-bm25's top 10? Ties may come in any order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

REL_TOL = 1e-9


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b), 1e-300)


@dataclass(frozen=True)
class Mismatch:
    question: int
    reason: str


def same_top(ours: Sequence[tuple[int, float]], reference: Sequence[tuple[int, float]],
             position_of_key: dict[int, int]) -> str | None:
    """None when equal, else why not.

    ours: (paragraph key, score) best first; reference: (corpus position, score) best
    first. rank-bm25 ranks every paragraph, so its top k may end with zero scores for
    paragraphs sharing no term with the question; newsdesk only returns paragraphs that
    share one, so those are left out. Equal means: the same score at each rank, and each
    paragraph of ours is either the reference's paragraph with that score or ties with
    the reference's lowest kept score (a permutation among equal scores at the cut-off).
    """
    ref = [(pos, score) for pos, score in reference if score > 0]
    if len(ours) != len(ref):
        return f"{len(ours)} results, rank-bm25 has {len(ref)} with a positive score"
    ref_score = dict(ref)
    floor = ref[-1][1] if ref else 0.0
    for rank, ((key, score), (_, expected)) in enumerate(zip(ours, ref, strict=True), start=1):
        if not _close(score, expected):
            return f"rank {rank}: score {score!r}, rank-bm25 {expected!r}"
        pos = position_of_key.get(key)
        if pos is None:
            return f"rank {rank}: paragraph key {key} is not in the corpus"
        if pos in ref_score:
            if not _close(ref_score[pos], score):
                return f"rank {rank}: paragraph {pos} scores {ref_score[pos]!r} in rank-bm25"
        elif not _close(score, floor):
            return f"rank {rank}: paragraph {pos} is not in rank-bm25's top and no tie"
    if len({key for key, _ in ours}) != len(ours):
        return "a paragraph is listed twice"
    return None


def compare_all(ours: Sequence[Sequence[tuple[int, float]]],
                reference: Sequence[Sequence[tuple[int, float]]],
                position_of_key: dict[int, int]) -> dict:
    """Counts of equal rankings over the questions both measured, with the first misses."""
    mismatches: list[Mismatch] = []
    for i, (a, b) in enumerate(zip(ours, reference, strict=False)):
        why = same_top(a, b, position_of_key)
        if why is not None:
            mismatches.append(Mismatch(i, why))
    checked = min(len(ours), len(reference))
    return {
        "checked": checked,
        "equal": checked - len(mismatches),
        "mismatches": [{"question": m.question, "reason": m.reason} for m in mismatches[:10]],
    }
