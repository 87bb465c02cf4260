"""A topic digest: the most relevant sentences across the library, grouped by article.

The search index has already ranked paragraphs by BM25 for the topic; here each of
those paragraphs is split into sentences (a quotation over several taken whole, one
running on past its paragraph never) and each is scored by its paragraph's BM25 score
times how many of the topic's terms it contains itself, so the sentence that carries
the topic wins over its neighbours. A sentence leaning on the one before it ("He
added...", "But...") is taken only together with that one. Near-duplicates (the same
fact in two articles, wire copy) are taken once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from index.models import Article, DigestSection, SummarySentence
from index.sentences import quote_groups
from index.summaries.summarize import leans_on_previous, says_the_same, validate_sentence_count
from index.text import normalize, tokenize

log = logging.getLogger(__name__)

# A sentence with none of the topic's terms earns this share of one term's worth.
_OFF_TOPIC = 0.15
_SHORT = 0.5  # multiplier for sentences of fewer than _SHORT_TERMS terms
_SHORT_TERMS = 4
_LONGEST_QUOTE = 4  # sentences: a longer quotation is not taken (it is never cut)
# Of a very long paragraph only its start is read: the cost stays bounded.
_PARAGRAPH_CHARS = 20_000


@dataclass(frozen=True)
class _Candidate:
    article: Article
    paragraph: int
    order: int  # unit position within the paragraph
    text: str
    terms: tuple[str, ...]
    sentences: int
    score: float


@dataclass(frozen=True)
class _Choice:
    """One candidate, or a leaning one with the one it leans on (in article order)."""

    units: tuple[_Candidate, ...]
    score: float

    @property
    def sentences(self) -> int:
        return sum(u.sentences for u in self.units)


def _topic_terms(topic_terms: Sequence[str]) -> set[str]:
    """Index terms of the topic, whether given as typed words or as index terms already."""
    out: set[str] = set()
    for term in topic_terms:
        out.update(tokenize(term))
        out.add(term.casefold())
    return out


def _units(text: str) -> list[tuple[str, int, bool]]:
    """(text, sentences, whole) of one paragraph's units, a very long one cut short."""
    cut = len(text) > _PARAGRAPH_CHARS
    groups = quote_groups(text[:_PARAGRAPH_CHARS] if cut else text)
    if cut:
        groups = groups[:-1]  # the last one may be cut off mid-sentence
    return [(text[g.start:g.end], g.sentences, g.whole) for g in groups]


def _value(terms: set[str], relevance: float, text: str, sentence_terms: tuple[str, ...]) -> float:
    share = len(terms & set(sentence_terms)) / len(terms) if terms else 0.0
    # No topic term at all: a fraction of what one term would have earned.
    value = relevance * (share or _OFF_TOPIC / max(len(terms), 1))
    return value * _SHORT if len(sentence_terms) < _SHORT_TERMS else value


def _choices(terms: set[str], hits: Sequence[tuple[Article, int, float]]) -> list[_Choice]:
    top = max((score for _, _, score in hits), default=0.0)
    scale = top if top > 0 else 1.0
    seen: set[tuple[str, int]] = set()
    out: list[_Choice] = []
    for article, paragraph, score in hits:
        if (article.id, paragraph) in seen:
            continue
        seen.add((article.id, paragraph))
        if not 1 <= paragraph <= len(article.paragraphs):
            log.warning("hit for %s names paragraph %d of %d", article.id, paragraph,
                        len(article.paragraphs))
            continue
        relevance = max(score, 0.0) / scale
        units = _units(article.paragraph(paragraph))
        before = _units(article.paragraph(paragraph - 1))[-1:] if paragraph > 1 else []
        previous: _Candidate | None = None
        if before:
            text, size, whole = before[0]
            if whole:
                previous = _Candidate(article, paragraph - 1, 1 << 30, text,
                                      tuple(tokenize(text)), size, 0.0)
        for order, (text, size, whole) in enumerate(units):
            sentence_terms = tuple(tokenize(text))
            value = _value(terms, relevance, text, sentence_terms)
            unit = _Candidate(article, paragraph, order, text, sentence_terms, size, value)
            if whole and size <= _LONGEST_QUOTE:
                if not leans_on_previous(text) or (order == 0 and paragraph == 1):
                    out.append(_Choice((unit,), value))
                elif previous is not None and not leans_on_previous(previous.text):
                    pair_value = (value + _value(terms, relevance, previous.text,
                                                 previous.terms)) / 2
                    out.append(_Choice((previous, unit), pair_value))
            previous = unit if whole else None
    return out


def _same(a: _Candidate, b: _Candidate) -> bool:
    if normalize(a.text).casefold() == normalize(b.text).casefold():
        return True
    return says_the_same(a.terms, b.terms)


def digest(
    topic_terms: Sequence[str], hits: Sequence[tuple[Article, int, float]], n: int
) -> list[DigestSection]:
    """The n most relevant sentences for the topic, grouped by article.

    hits are (article, 1-based paragraph, BM25 score) for the topic's best paragraphs.
    Articles come in order of their best sentence; sentences in article order. A
    quotation taken whole counts its sentences toward n.
    """
    n = validate_sentence_count(n)
    terms = _topic_terms(topic_terms)
    ranked = sorted(
        _choices(terms, hits),
        key=lambda c: (-c.score, c.units[-1].article.id, c.units[-1].paragraph,
                       c.units[-1].order),
    )
    chosen: list[_Candidate] = []
    budget = n
    for choice in ranked:
        if budget == 0:
            break
        taken = {(c.article.id, c.paragraph, c.text) for c in chosen}
        new = [u for u in choice.units if (u.article.id, u.paragraph, u.text) not in taken]
        if sum(u.sentences for u in new) > budget or not new:
            continue
        if any(_same(u, c) for u in new for c in chosen):
            continue  # the same fact, here or in another article, is told once
        chosen.extend(new)
        budget -= sum(u.sentences for u in new)
    by_article: dict[str, list[_Candidate]] = {}
    for candidate in chosen:  # best first, so articles enter in relevance order
        by_article.setdefault(candidate.article.id, []).append(candidate)
    return [
        DigestSection(
            group[0].article,
            tuple(
                SummarySentence(c.text, c.paragraph)
                for c in sorted(group, key=lambda c: (c.paragraph, c.order))
            ),
        )
        for group in by_article.values()
    ]
