"""A topic digest: the most relevant sentences across the library, grouped by article.

The search index has already ranked paragraphs by BM25 for the topic; here each of
those paragraphs is split into sentences and each sentence is scored by its
paragraph's BM25 score times how many of the topic's terms it contains itself, so the
sentence that carries the topic wins over its neighbours. Near-duplicates (the same
wire copy in two articles) are taken once, and a sentence leaning on one that is not
shown ("He added...") only when nothing better is left.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from index.models import Article, DigestSection, SummarySentence
from index.sentences import split_sentences
from index.summarize import leans_on_previous, says_the_same, validate_sentence_count
from index.text import tokenize

log = logging.getLogger(__name__)

# A sentence with none of the topic's terms earns this share of one term's worth.
_OFF_TOPIC = 0.15
_LEANING = 0.6  # multiplier for "He added..." style openings
_SHORT = 0.5  # multiplier for sentences of fewer than _SHORT_TERMS terms
_SHORT_TERMS = 4


@dataclass(frozen=True)
class _Candidate:
    article: Article
    paragraph: int
    order: int  # sentence position within the paragraph
    text: str
    terms: tuple[str, ...]
    score: float


def _topic_terms(topic_terms: Sequence[str]) -> set[str]:
    """Index terms of the topic, whether given as typed words or as index terms already."""
    out: set[str] = set()
    for term in topic_terms:
        out.update(tokenize(term))
        out.add(term.casefold())
    return out


def _candidates(
    terms: set[str], hits: Sequence[tuple[Article, int, float]]
) -> list[_Candidate]:
    top = max((score for _, _, score in hits), default=0.0)
    scale = top if top > 0 else 1.0
    seen: set[tuple[str, int]] = set()
    out: list[_Candidate] = []
    for article, paragraph, score in hits:
        if (article.id, paragraph) in seen:
            continue
        seen.add((article.id, paragraph))
        if not 1 <= paragraph <= len(article.paragraphs):
            log.warning("hit for %s names paragraph %d of %d", article.id, paragraph,
                        len(article.paragraphs))
            continue
        relevance = max(score, 0.0) / scale
        for order, text in enumerate(split_sentences(article.paragraph(paragraph))):
            sentence_terms = tuple(tokenize(text))
            share = len(terms & set(sentence_terms)) / len(terms) if terms else 0.0
            # No topic term at all: a fraction of what one term would have earned.
            value = relevance * (share or _OFF_TOPIC / max(len(terms), 1))
            if leans_on_previous(text):
                value *= _LEANING
            if len(sentence_terms) < _SHORT_TERMS:
                value *= _SHORT
            out.append(_Candidate(article, paragraph, order, text, sentence_terms, value))
    return out


def digest(
    topic_terms: Sequence[str], hits: Sequence[tuple[Article, int, float]], n: int
) -> list[DigestSection]:
    """The n most relevant sentences for the topic, grouped by article.

    hits are (article, 1-based paragraph, BM25 score) for the topic's best paragraphs.
    Articles come in order of their best sentence; sentences in article order.
    """
    n = validate_sentence_count(n)
    terms = _topic_terms(topic_terms)
    ranked = sorted(
        _candidates(terms, hits), key=lambda c: (-c.score, c.article.id, c.paragraph, c.order)
    )
    chosen: list[_Candidate] = []
    for candidate in ranked:
        if len(chosen) == n:
            break
        if any(
            candidate.text == c.text or says_the_same(candidate.terms, c.terms) for c in chosen
        ):
            continue
        chosen.append(candidate)
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
