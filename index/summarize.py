"""Extractive summaries: whole sentences of the body, in the article's order.

Each sentence is scored by how central it is to the article (TextRank over word
overlap) and how frequent its words are in the article (SumBasic), plus a lead weight
when the text has lost its paragraph layout (see Weights); title overlap is available
as a weight but measured as no gain on BBC. A wire dateline ("Kabul (CNN) -- ") is left
out of the first sentence. Sentences are then taken best first, skipping near-duplicates
of ones already taken, sentences that start inside a quotation whose opening mark is in
the sentence before (unless that sentence is taken), and, while better ones remain,
sentences that lean on the sentence before them ("He added...", "But...", a leading
"It"/"They") when that sentence is not in the summary.
The weights were chosen by measuring ROUGE on BBC News Summary and CNN/DM
(eval/summary_eval.py).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.boilerplate import dateline_end
from index.errors import QuestionError
from index.models import SummarySentence
from index.sentences import opens_inside_quote, split_sentences
from index.text import normalize, tokenize

log = logging.getLogger(__name__)

MIN_SENTENCES = 1
MAX_SENTENCES = 10


@dataclass(frozen=True)
class Weights:
    """How much each signal counts; the defaults are the measured best."""

    centrality: float = 1.0
    frequency: float = 0.5  # mean article frequency of the sentence's terms (SumBasic)
    # Lead weight, by sentence order. It counts only when the opening paragraph runs past
    # position_from sentences (fully from position_full_at): a news lede is one or two
    # sentences (99% of BBC openings), so a longer opening run means the text lost its
    # paragraphs (a flattened page, a wall of text) and order is the structure left.
    # Measured: on such texts (CNN/DM) it beats Lead-3; on paragraphed BBC text any lead
    # weight costs ROUGE, which this gate leaves untouched.
    position: float = 1.5
    position_decay: float = 0.1
    position_from: int = 3
    position_full_at: int = 6
    title: float = 0.0  # title overlap: measured no gain on BBC (politics/tech lose 0.6)
    short_penalty: float = 0.5  # multiplier for sentences under `short_words` terms
    short_words: int = 4
    dangling_penalty: float = 0.9  # multiplier for a sentence leaning on its missing neighbour
    duplicate_overlap: float = 0.7  # term-set overlap above which two sentences say the same
    damping: float = 0.85


DEFAULT_WEIGHTS = Weights()

# Openings that only make sense after the sentence before them. A pronoun opening
# inside a quote is speech ("It is over," she said) and stands on its own.
_DANGLING_RE = re.compile(
    r"""^(?:
        ["'(]?(?:but|and|or|so|yet|also|however|nevertheless|nonetheless|instead|still|then|
           thus|hence|therefore|besides|moreover|furthermore|otherwise|likewise|similarly|
           meanwhile|indeed|additionally|consequently|accordingly|in\s+addition|in\s+fact|
           as\s+a\s+result|even\s+so|after\s+all)\b
      | (?:he|she|it|they|this|that|these|those|his|her|its|their|such)\b
        (?!\s+(?:year|week|month|weekend|morning|afternoon|evening|season|summer|winter|
                 spring|autumn|time)\b)
      | [^,"]{0,40}\b(?:added|continued|went\s+on)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def validate_sentence_count(n: int) -> int:
    """The number of summary sentences asked for, checked: 1 to 10."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise QuestionError(f"The number of sentences must be a whole number, not {n!r}.")
    if n < MIN_SENTENCES or n > MAX_SENTENCES:
        raise QuestionError(
            f"A summary can have {MIN_SENTENCES} to {MAX_SENTENCES} sentences; {n} was asked for."
        )
    return n


@dataclass(frozen=True)
class _Sentence:
    text: str
    paragraph: int  # 1-based
    order: int  # position among all body sentences
    terms: tuple[str, ...]
    mid_quote: bool  # starts inside a quotation opened in an earlier sentence


def _sentences_of(paragraphs: Sequence[str]) -> list[_Sentence]:
    out: list[_Sentence] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        if number == 1:  # a wire dateline ("Kabul (CNN) -- ") is not part of the news
            paragraph = paragraph[dateline_end(paragraph):]
        texts = split_sentences(paragraph)
        for text, mid_quote in zip(texts, opens_inside_quote(texts)):
            out.append(_Sentence(text, number, len(out), tuple(tokenize(text)), mid_quote))
    return out


def _centrality(sentences: list[_Sentence], damping: float) -> np.ndarray:
    """TextRank: PageRank over shared-term counts normalized by log sentence lengths."""
    n = len(sentences)
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, s in enumerate(sentences):
        for term in s.terms:
            rows.append(i)
            cols.append(vocab.setdefault(term, len(vocab)))
    if not vocab:
        return np.full(n, 1.0 / n)
    counts = np.zeros((n, len(vocab)))
    np.add.at(counts, (rows, cols), 1.0)
    overlap = counts @ counts.T
    lengths = np.log(np.maximum(counts.sum(axis=1), 1.0))
    norm = lengths[:, None] + lengths[None, :]
    weights = np.where(norm > 0, overlap / np.where(norm > 0, norm, 1.0), overlap)
    weights /= weights.sum(axis=1, keepdims=True) + 1e-9
    transition = (1.0 - damping) / n + damping * weights
    rank = np.full(n, 1.0 / n)
    for _ in range(100):
        nxt = transition.T @ rank
        if np.abs(nxt - rank).sum() < 1e-6:
            rank = nxt
            break
        rank = nxt
    return rank / (rank.max() or 1.0)


def _frequency(sentences: list[_Sentence]) -> np.ndarray:
    """Mean article frequency of each sentence's terms, scaled so the best is 1."""
    counts = Counter(t for s in sentences for t in s.terms)
    if not counts:
        return np.zeros(len(sentences))
    means = np.array(
        [sum(counts[t] for t in s.terms) / len(s.terms) if s.terms else 0.0 for s in sentences]
    )
    return means / (means.max() or 1.0)


def _scores(sentences: list[_Sentence], title: str | None, w: Weights) -> np.ndarray:
    n = len(sentences)
    central = _centrality(sentences, w.damping) if n > 1 else np.ones(1)
    order = np.arange(n, dtype=float)
    position = np.exp(-w.position_decay * order)
    opening = sum(1 for s in sentences if s.paragraph == sentences[0].paragraph)
    if w.position_full_at > w.position_from:
        ramp = (opening - w.position_from) / (w.position_full_at - w.position_from)
        position *= min(1.0, max(0.0, ramp))
    title_terms = set(tokenize(title)) if title else set()
    title_share = np.array(
        [
            len(title_terms & set(s.terms)) / len(title_terms) if title_terms else 0.0
            for s in sentences
        ]
    )
    score = (
        w.centrality * central
        + w.frequency * _frequency(sentences)
        + w.position * position
        + w.title * title_share
    )
    short = np.array([len(s.terms) < w.short_words for s in sentences])
    return np.where(short, score * w.short_penalty, score)


def says_the_same(a: Sequence[str], b: Sequence[str], threshold: float = 0.7) -> bool:
    """Whether two sentences' terms overlap so much that one adds nothing to the other."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return False
    return len(sa & sb) / min(len(sa), len(sb)) >= threshold


def leans_on_previous(text: str) -> bool:
    """Whether a sentence opens by leaning on the one before ("But...", "He added...")."""
    return _DANGLING_RE.match(normalize(text)) is not None


def _repeats(a: _Sentence, b: _Sentence, threshold: float) -> bool:
    if normalize(a.text).casefold() == normalize(b.text).casefold():
        return True
    return says_the_same(a.terms, b.terms, threshold)


def _select(sentences: list[_Sentence], scores: np.ndarray, n: int, w: Weights) -> list[int]:
    """Best first; near-duplicates never, leaning sentences only with their neighbour."""
    leaning = np.array([leans_on_previous(s.text) for s in sentences])
    mid_quote = np.array([s.mid_quote for s in sentences])
    open_ = np.ones(len(sentences), dtype=bool)  # neither chosen nor refused yet
    chosen: list[int] = []
    while len(chosen) < n and open_.any():
        predecessor_chosen = np.zeros(len(sentences), dtype=bool)
        predecessor_chosen[[i + 1 for i in chosen if i + 1 < len(sentences)]] = True
        effective = np.where(leaning & ~predecessor_chosen, scores * w.dangling_penalty, scores)
        # A sentence starting inside a quotation reads as broken without its opening mark:
        # it may only follow its own predecessor.
        eligible = open_ & ~(mid_quote & ~predecessor_chosen)
        if not eligible.any():
            break
        best = int(np.argmax(np.where(eligible, effective, -np.inf)))
        open_[best] = False
        if any(_repeats(sentences[best], sentences[j], w.duplicate_overlap) for j in chosen):
            continue
        chosen.append(best)
    if len(chosen) < n:  # a shorter summary beats a repeat or a broken-off quotation
        log.debug("summary has %d of %d sentences asked for", len(chosen), n)
    return sorted(chosen)


def summarize(
    paragraphs: Sequence[str],
    n: int = 3,
    *,
    title: str | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[SummarySentence]:
    """The n (1 to 10) most informative whole sentences of the body, in article order.

    An article with n sentences or fewer gives all of them; an empty body gives [].
    """
    return extract(paragraphs, validate_sentence_count(n), title=title, weights=weights)


def extract(
    paragraphs: Sequence[str],
    n: int,
    *,
    title: str | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[SummarySentence]:
    """summarize() without the 1-10 limit, for evaluation at a reference's own length."""
    sentences = _sentences_of(paragraphs)
    if not sentences or n < 1:
        return []
    picked = _select(sentences, _scores(sentences, title, weights), n, weights)
    return [SummarySentence(sentences[i].text, sentences[i].paragraph) for i in picked]
