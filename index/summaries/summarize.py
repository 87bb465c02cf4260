"""Extractive summaries: whole sentences of the body, in the article's order.

The units are sentences, except that a quotation running over several sentences is one
unit, taken whole or not at all, and one that runs on past its paragraph (or closes
without opening) is never taken: no summary sentence starts or ends inside a quotation.
Each unit is scored by how central it is to the article (TextRank over shared terms) and
how frequent its words are (SumBasic), plus a lead weight when the text has lost its
paragraph layout (see Weights). Units are then taken best first within the sentences
asked for: for a news story the first comes from its opening paragraphs (the lead
carries the news) unless they are furniture; later ones lose score for what the lead
already says; a unit that leans on the one before it ("But...", "He added...", "They")
comes only together with that one; near-duplicates never. A wire dateline ("Kabul (CNN)
-- ") is left out. Cost is bounded: a text over MAX_CHARS is read as its lead plus
windows spread evenly, at most MAX_CONSIDERED units, and the term overlap is summed over
the sentences sharing each term, never through a dense term matrix.
The weights were chosen by measuring ROUGE and the sense figures on BBC News Summary and
CNN/DM (eval/summary_eval.py).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

import numpy as np

from index.errors import QuestionError
from index.ingest.boilerplate import dateline_end, is_boilerplate
from index.models import SummarySentence
from index.sentences import SentenceGroup, quote_groups
from index.text import normalize, tokenize

log = logging.getLogger(__name__)

MIN_SENTENCES = 1
MAX_SENTENCES = 10
# A very long text is summarized from this many units (sentences, or quotations taken
# whole): the lead's and the rest spread evenly, so cost stays bounded at any length.
MAX_CONSIDERED = 1000
MAX_CHARS = 120_000  # about 700 news sentences: longer texts are read in windows
_WINDOWS = 100
_WINDOW_PARAGRAPHS = 20
LEAD_PARAGRAPHS = 3  # the opening paragraphs of a news story: its lead
LEAD_SENTENCES = 3  # ... and of those, the sentences the first summary sentence comes from
_FURNITURE_WORDS = 5


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
    redundancy: float = 0.2  # score lost per share of its terms the lead already has
    lead_first: bool = True  # a news story's first summary sentence comes from its lead
    # A quotation over k sentences is valued at its score / k ** this: a long unit's
    # TextRank score grows with its length, and it takes k of the sentences asked for.
    group_exponent: float = 0.5
    longest_quote: int = 4  # sentences: a longer quotation is not taken (it is never cut)
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
      | the\s+(?:latter|former)\b
      # "It is expected that...": an "it" pointing forward to its clause, not back.
      | (?!it\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be)\s+(?:expected|
            likely|unlikely|understood|thought|believed|hoped|feared|estimated|reported|
            unclear|not\s+clear|possible|important)\b)
        (?:he|she|it|they|this|that|these|those|his|her|its|their|such)\b
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
    """One unit of selection: a sentence, or a quotation over several taken whole."""

    text: str
    paragraph: int  # 1-based
    order: int  # position among the units considered
    terms: tuple[str, ...]
    sentences: int  # sentences in the unit
    whole: bool  # False: starts or ends inside a quotation running outside its paragraph
    leaning: bool  # opens leaning on the unit before it
    after_gap: bool  # the unit before it in the body was not read (a very long text)
    furniture: bool  # too short or unfinished to carry news ("Updated 10:32", a label)
    listing: bool  # a list of names (a team sheet): never chosen, and no part of the graph


def _is_furniture(text: str) -> bool:
    """A line that carries no news: a few words, an unfinished label, page boilerplate."""
    words = text.split()
    finished = text.rstrip("\"'\u201d\u2019)]")[-1:] in ".!?\u2026"
    return len(words) < _FURNITURE_WORDS or (not finished and len(words) < 12) or (
        is_boilerplate(text)
    )


def _is_list_of_names(words: Sequence[str]) -> bool:
    """A team sheet or a list of credits ("G Thomas (Toulouse, capt); H Luscombe (Dragons),
    ..."): eight words or more, most of them names (a capital, then lowercase) and nearly
    none a lowercase word, so no sentence. Its names would otherwise make the sentences
    that share them look central. Text in capitals or in a script without case is none."""
    bare = [w.strip("(),;:.'\"") for w in words]
    plain = sum(1 for w in bare if w.isalpha() and w.islower())
    named = sum(1 for w in bare if w[:1].isupper() and (len(w) == 1 or not w.isupper()))
    return len(words) >= 8 and plain < 0.15 * len(words) and named >= 0.6 * len(words)


def _pieces(paragraphs: Sequence[str]) -> list[tuple[int, str, bool, bool]]:
    """What of the body to read: (paragraph number, text, cut at start, cut at end).

    All of it up to MAX_CHARS; beyond that the lead (the opening paragraphs) and windows
    spread evenly over the rest, each at most _WINDOW_PARAGRAPHS paragraphs, so that
    splitting costs the same at any length. A window's cut ends fall mid-sentence.
    """
    texts = list(paragraphs)
    if texts:  # a wire dateline ("Kabul (CNN) -- ") is not part of the news
        texts[0] = texts[0][dateline_end(texts[0]):]
    starts = list(accumulate(map(len, texts), initial=0))
    total = starts.pop()
    if total <= MAX_CHARS:
        return [(n, t, False, False) for n, t in enumerate(texts, start=1)]
    lead = min(starts[LEAD_PARAGRAPHS] if len(texts) > LEAD_PARAGRAPHS else total,
               MAX_CHARS // 4)
    width = (MAX_CHARS - lead) // _WINDOWS
    windows = [(0, lead)] + [
        (int(x), int(x) + width) for x in np.linspace(lead, total - width, _WINDOWS)
    ]
    out: list[tuple[int, str, bool, bool]] = []
    for a, b in windows:
        k = bisect_right(starts, a) - 1
        last = min(len(texts), k + _WINDOW_PARAGRAPHS)
        while k < last and starts[k] < b:
            lo, hi = max(a - starts[k], 0), min(b - starts[k], len(texts[k]))
            if hi > lo:
                out.append((k + 1, texts[k][lo:hi], lo > 0, hi < len(texts[k])))
            k += 1
    return out


def _chosen_evenly(count: int, lead: int) -> list[int]:
    """Which of count units to consider: all, or the lead's and the rest spread evenly."""
    if count <= MAX_CONSIDERED:
        return list(range(count))
    lead = min(lead, MAX_CONSIDERED // 4)
    rest = np.linspace(lead, count - 1, MAX_CONSIDERED - lead).round().astype(np.int64)
    return [*range(lead), *dict.fromkeys(int(i) for i in rest)]


def _sentences_of(paragraphs: Sequence[str]) -> list[_Sentence]:
    """The units of the body read (see _pieces), at most MAX_CONSIDERED, tokenized once."""
    # (paragraph, text, group, whether it directly follows the unit listed before it)
    found: list[tuple[int, str, SentenceGroup, bool]] = []
    lead = 0
    previous_number = 0
    for number, text, cut_start, cut_end in _pieces(paragraphs):
        groups = quote_groups(text)
        for g, group in enumerate(groups):
            if (cut_start and g == 0) or (cut_end and g == len(groups) - 1):
                previous_number = -1
                continue  # a window's edge falls inside this one
            follows = g > 0 or (not cut_start and previous_number == number - 1)
            found.append((number, text, group, follows and bool(found)))
            previous_number = number
        if not cut_end:
            previous_number = number
        if number <= LEAD_PARAGRAPHS:
            lead = len(found)
    out: list[_Sentence] = []
    last = -2
    for i in _chosen_evenly(len(found), lead):
        number, text, group, follows = found[i]
        unit = text[group.start:group.end]
        adjacent = follows and last == i - 1
        # The body's first unit leans on nothing; one after a gap has no neighbour read.
        leaning = i > 0 and leans_on_previous(unit)
        listing = _is_list_of_names(unit.split())
        out.append(
            _Sentence(
                unit, number, len(out), () if listing else tuple(tokenize(unit)),
                group.sentences, group.whole, leaning, not adjacent,
                listing or _is_furniture(unit), listing,
            )
        )
        last = i
    return out


def _centrality(sentences: list[_Sentence], damping: float) -> np.ndarray:
    """TextRank: PageRank over shared-term counts normalized by log sentence lengths.

    The overlap is summed term by term over the sentences holding each term (the
    term-sentence matrix is sparse), into an n x n array that MAX_CONSIDERED bounds.
    """
    n = len(sentences)
    postings: dict[str, list[tuple[int, int]]] = {}
    lengths = np.ones(n)
    for i, s in enumerate(sentences):
        term_counts = Counter(s.terms)
        lengths[i] = max(len(s.terms), 1)
        for term, count in term_counts.items():
            postings.setdefault(term, []).append((i, count))
    if not postings:
        return np.full(n, 1.0 / n)
    overlap = np.zeros((n, n))
    for posting in postings.values():
        if len(posting) == 1:  # a term of one sentence links it only to itself
            i, c = posting[0]
            overlap[i, i] += c * c
            continue
        ids = np.fromiter((i for i, _ in posting), dtype=np.int64, count=len(posting))
        counts = np.fromiter((c for _, c in posting), dtype=float, count=len(posting))
        overlap[np.ix_(ids, ids)] += np.outer(counts, counts)
    logs = np.log(lengths)
    norm = logs[:, None] + logs[None, :]
    weights = np.divide(overlap, norm, out=overlap, where=norm > 0)
    weights /= weights.sum(axis=1, keepdims=True) + 1e-9
    transition = weights
    transition *= damping
    transition += (1.0 - damping) / n
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
    opening = sum(s.sentences for s in sentences if s.paragraph == sentences[0].paragraph)
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


def _is_news_layout(sentences: Sequence[_Sentence], w: Weights) -> bool:
    """Whether the text kept a news story's paragraphs: a short opening paragraph."""
    opening = sum(s.sentences for s in sentences if s.paragraph == sentences[0].paragraph)
    return opening <= w.position_from


def _select(sentences: list[_Sentence], scores: np.ndarray, n: int, w: Weights) -> list[int]:
    """Units best first within n sentences, each choice one of these moves:

    - a unit that stands alone (no leaning opening, or the unit it leans on chosen);
    - a leaning unit together with the one it leans on, both counted, valued at their mean;
    never a near-duplicate of a chosen unit, never a unit starting or ending inside a
    quotation that runs outside it. For a news story the first choice comes from the
    opening paragraphs (the lead carries the news), and every later one loses score for
    what it shares with the lead, so it adds what the lead does not say.
    """
    picked = _Selection(sentences, scores, n, w)
    lead = _lead(sentences)
    lead_first = w.lead_first and _is_news_layout(sentences, w)
    while picked.budget > 0:
        moves = picked.moves_from(lead) if lead_first and not picked.chosen else []
        moves = moves or picked.moves_from(range(len(sentences)))
        if not moves:
            break
        _, move = max(moves, key=lambda m: (m[0], -m[1][0]))
        picked.take(move)
    if picked.budget > 0:  # a shorter summary beats a repeat or a broken-off quotation
        log.debug("summary is %d sentences short of %d", picked.budget, n)
    return sorted(picked.chosen)


def _lead(sentences: Sequence[_Sentence]) -> list[int]:
    """The lead: the opening sentences that are not furniture, at most LEAD_SENTENCES of
    them within the first LEAD_PARAGRAPHS paragraphs (a "paragraph" can hold half the
    story where a page lost its breaks; the news is in its first sentences)."""
    opening = list(dict.fromkeys(s.paragraph for s in sentences if not s.furniture))
    opening = opening[:LEAD_PARAGRAPHS]
    return [
        i for i, s in enumerate(sentences)
        if s.paragraph in opening and not s.furniture and not s.leaning
    ][:LEAD_SENTENCES]


class _Selection:
    """One summary's choices so far and the sentences it has left (see _select)."""

    def __init__(self, sentences: list[_Sentence], scores: np.ndarray, budget: int,
                 w: Weights) -> None:
        self.sentences = sentences
        self.scores = scores
        self.budget = budget
        self.w = w
        self.chosen: list[int] = []
        self.folded = [normalize(s.text).casefold() for s in sentences]
        self.terms = [set(s.terms) for s in sentences]

    def overlap(self, i: int, j: int) -> float:
        """Share of the smaller unit's terms the other one has too (0 to 1)."""
        a, b = self.terms[i], self.terms[j]
        return len(a & b) / min(len(a), len(b)) if a and b else 0.0

    def fits(self, i: int) -> bool:
        s, w = self.sentences[i], self.w
        return (
            i not in self.chosen and s.whole and not s.listing
            and s.sentences <= min(self.budget, w.longest_quote)
            and not any(
                self.folded[i] == self.folded[j] or self.overlap(i, j) >= w.duplicate_overlap
                for j in self.chosen
            )
        )

    def value(self, i: int) -> float:
        w = self.w
        base = float(self.scores[i]) / self.sentences[i].sentences ** w.group_exponent
        if not self.chosen:
            return base
        return base - w.redundancy * self.overlap(i, self.chosen[0])

    def moves_from(self, pool: Sequence[int] | range) -> list[tuple[float, tuple[int, ...]]]:
        moves: list[tuple[float, tuple[int, ...]]] = []
        for i in pool:
            if not self.fits(i):
                continue
            s = self.sentences[i]
            if not s.leaning or i - 1 in self.chosen:
                moves.append((self.value(i), (i,)))
                continue
            before = self.sentences[i - 1] if i > 0 else None
            if (
                before is not None and not s.after_gap and self.fits(i - 1)
                and (not before.leaning or i - 2 in self.chosen)
                and before.sentences + s.sentences <= self.budget
            ):
                moves.append(((self.value(i) + self.value(i - 1)) / 2, (i - 1, i)))
        return moves

    def take(self, move: tuple[int, ...]) -> None:
        for i in move:
            self.chosen.append(i)
            self.budget -= self.sentences[i].sentences


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
