"""From a question to answering passages: query terms, BM25 candidates, the relevance
rule, the best sentence of each paragraph, and the words no stored article has.

The relevance rule (measured on SQuAD, see eval/ask_eval.py and README): a passage
answers only if it covers MIN_COVERAGE of the question's idf weight, where a key word
that no stored article contains weighs MISSING_WEIGHT of the rarest stored word's, and a
name no stored paragraph writes rules the question out (it is about something not stored).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

import numpy as np

from index.errors import QuestionError
from index.meaning.vectors import VectorIndex
from index.models import Answer, Article, Passage, Quote
from index.search.answer_types import AnswerType, expected_type, holds_near
from index.search.bm25 import Bm25Index, Bm25Params
from index.search.synonyms import EVENT_PHRASES, EVENT_VERBS, alternatives
from index.sentences import sentence_spans
from index.store import Store
from index.text import Word, clean_input, form_of, normalize, term_spans, tokenize, words

DEFAULT_PARAMS = Bm25Params(k1=0.9, b=0.75, idf="lucene")
# Re-ranking of the BM25 candidates (tuned on half of SQuAD's articles, eval/ask_eval.py):
# score + SENTENCE_WEIGHT * (idf the best single sentence shares with the question)
#       + BIGRAM_WEIGHT * (idf of question word pairs found side by side in the paragraph).
SENTENCE_WEIGHT = 0.5
BIGRAM_WEIGHT = 0.5
# A sentence holding the kind of answer the question wants (a place for "where"...) next
# to a question word adds this share of the question's whole idf weight to its evidence.
# Per kind, measured on SQuAD (eval/ask_eval.py): times, durations and numbers help
# there; a place right after the word asked about ("talks in Geneva") costs SQuAD 0.4
# points of R@1 (Wikipedia is dense with places) but is what answers "where" in news;
# a person detector from capitals alone hurts, so it is left out.
ANSWER_TYPE_WEIGHTS: dict[AnswerType, float] = {
    AnswerType.TIME: 0.5,
    AnswerType.DURATION: 0.5,
    AnswerType.NUMBER: 0.25,
    AnswerType.PLACE: 1.5,
}
MAX_QUESTION_CHARS = 500
MAX_RESULTS = 10
# A passage must carry at least this share of the question's idf weight.
MIN_COVERAGE = 0.4
CANDIDATES = 30
MISSING_WEIGHT = 0.5
# A lexicon variant ("negotiations" for "talks") is weaker evidence than the word itself.
VARIANT_WEIGHT = 0.8
# Meaning search (tuned on SQuAD's tuning half and the BBC dev set, eval/ask_eval.py):
# the nearest paragraphs by cosine join the BM25 candidates, and the two are fused as
#   z(word score) * c^2 + MEANING_WEIGHT * z(cosine)
# over the candidates, where c is the best share of the question's idf weight any
# candidate covers: when the question's own words are found, they count fully; when it
# is asked in other words (c small), the word score is mostly noise and meaning decides.
# A passage that fails the word-coverage rule still answers ("matched by meaning") when
# its cosine with the question reaches MIN_COSINE, or SUPPORTED_COSINE with at least
# SUPPORT_COVERAGE of the question's idf weight. Measured (eval/ask_eval.py): BBC dev
# paraphrases refused 8 of 80 (25 with words alone), SQuAD questions about articles not
# stored refused 43% (54% with words alone), answerable ones answered 98.2%.
VECTOR_CANDIDATES = 30
MEANING_WEIGHT = 0.75
MIN_COSINE = 0.45
SUPPORTED_COSINE = 0.35
SUPPORT_COVERAGE = 0.3
# A where/when/how-many question is answered by a sentence holding a place, time or
# number next to a question word, however similar other paragraphs are in meaning: such
# a candidate keeps this much (in z units) of its word-score advantage through fusion.
TYPED_WEIGHT = 1.0


@dataclass(frozen=True)
class Meaning:
    """What meaning search needs: the question's vector, the library's paragraph vectors,
    and how a paragraph was cut into the texts its vectors stand for (to pick a sentence
    by meaning when no word matches, from the stored vectors: nothing is embedded)."""

    query: np.ndarray
    vectors: VectorIndex
    units: Callable[[str], list[str]]


class QueryWords:
    """The question's key words (not stopwords) with the store's ids of their terms.

    Each key word yields its own terms plus the lexicon's alternatives for them; in a
    question asking where or when, verbs that only say an event happened are left out.
    """

    def __init__(self, question: str, store: Store) -> None:
        self.all_words = words(question)
        self.kind = expected_type(question)
        self.key = _key_words(self.all_words, self.kind)
        self.terms: list[str] = []
        self.term_ids: list[int | None] = []
        self.word_of_position: list[int] = []  # query position -> index into self.key
        self.weight: list[float] = []  # 1 for the word's own terms, less for lexicon variants
        for i, w in enumerate(self.key):
            for term in w.terms:
                for variant in (term, *alternatives(term)):
                    self.terms.append(variant)
                    self.term_ids.append(store.known_term_id(variant))
                    self.word_of_position.append(i)
                    self.weight.append(1.0 if variant == term else VARIANT_WEIGHT)

    def ids_of(self, word_index: int) -> list[int | None]:
        owners = zip(self.term_ids, self.word_of_position, strict=True)
        return [t for t, owner in owners if owner == word_index]

    def terms_of(self, word_index: int) -> set[str]:
        """The word's terms and their lexicon variants."""
        owners = zip(self.terms, self.word_of_position, strict=True)
        return {t for t, owner in owners if owner == word_index}


def _key_words(all_words: list[Word], kind: AnswerType | None) -> list[Word]:
    key = [w for w in all_words if w.terms]
    if kind not in (AnswerType.PLACE, AnswerType.TIME):
        return key
    drop: set[int] = set()
    for i, w in enumerate(key):
        if set(w.terms) <= EVENT_VERBS:
            drop.add(i)
        if i + 1 < len(key) and (w.terms[-1], key[i + 1].terms[0]) in EVENT_PHRASES:
            drop.update((i, i + 1))
    kept = [w for i, w in enumerate(key) if i not in drop]
    return kept or key


def validate_question(question: str) -> str:
    """The question tidied, or a QuestionError a user can act on."""
    tidy = " ".join(normalize(clean_input(question, "question")).split())
    if not tidy:
        raise QuestionError("the question is empty: ask something about the stored articles")
    if len(tidy) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"the question is {len(tidy)} characters long; keep it under {MAX_QUESTION_CHARS}"
        )
    if not tokenize(tidy):
        if not any(ch.isalnum() for ch in tidy):
            raise QuestionError("the question has no words to search for")
        raise QuestionError(
            "the question is made only of common words; add the names or topic you mean"
        )
    return tidy


def validate_count(k: int) -> int:
    if not 1 <= k <= MAX_RESULTS:
        raise QuestionError(f"ask for between 1 and {MAX_RESULTS} results, not {k}")
    return k


def missing_words(question: str, index: Bm25Index, store: Store) -> list[str]:
    """Key words of question (as typed) that no paragraph of this library contains."""
    query = QueryWords(question, store)
    return _missing(query, index)


def _missing(query: QueryWords, index: Bm25Index) -> list[str]:
    out: list[str] = []
    for i, w in enumerate(query.key):
        if all(index.df(term) == 0 for term in query.ids_of(i)):
            if w.surface not in out:
                out.append(w.surface)
    return out


def _is_name(word: Word, position: int) -> bool:
    """A capitalised word that is not the question's first word, or one with digits."""
    s = word.surface
    return (position > 0 and s[:1].isupper()) or any(ch.isdigit() for ch in s)


def _unknown_names(query: QueryWords, has_form: Callable[[str], bool]) -> list[str]:
    """Names in the question that no stored paragraph writes exactly: "Truss" is unknown
    even where roof "trusses" share its stem; "Covid-19" is unknown unless the whole word,
    or each of its parts, is written somewhere."""
    positions = {id(w): i for i, w in enumerate(query.all_words)}
    out: list[str] = []
    for w in query.key:
        if not _is_name(w, positions[id(w)]):
            continue
        if has_form(form_of(w.surface)):
            continue
        parts = [p for p in w.surface.split("-") if p]
        if len(parts) > 1 and all(has_form(form_of(p)) for p in parts):
            continue
        out.append(w.surface)
    return out


@dataclass(frozen=True)
class _ParagraphShape:
    """What re-ranking needs of a paragraph: each sentence's terms and adjacent term pairs."""

    sentences: tuple[frozenset[str], ...]
    texts: tuple[str, ...]
    positions: tuple[dict[str, list[int]], ...]  # per sentence: term -> offsets in it
    bigrams: frozenset[tuple[str, str]]


@lru_cache(maxsize=8192)
def _shape(text: str) -> _ParagraphShape:
    """One pass of the tokenizer over the paragraph, its words then dealt to sentences
    (at 105,000 paragraphs most candidates are not cached: this is most of a question's
    re-ranking time)."""
    spans = sentence_spans(text) or [(0, len(text))]
    words_at = term_spans(text)
    sentences: list[frozenset[str]] = []
    positions: list[dict[str, list[int]]] = []
    i = 0
    for a, b in spans:
        while i < len(words_at) and words_at[i][0] < a:
            i += 1
        where: dict[str, list[int]] = {}
        while i < len(words_at) and words_at[i][0] < b:
            start, _, found = words_at[i]
            for term in found:
                where.setdefault(term, []).append(start - a)
            i += 1
        sentences.append(frozenset(where))
        positions.append(where)
    terms = [term for _, _, found in words_at for term in found]
    return _ParagraphShape(
        sentences=tuple(sentences),
        texts=tuple(text[a:b] for a, b in spans),
        positions=tuple(positions),
        bigrams=frozenset(pairwise(terms)),
    )


@dataclass(frozen=True)
class Ranked:
    """A candidate after re-ranking, with the question's key words it matched."""

    key: int
    score: float
    bm25: float
    matched_words: tuple[int, ...]
    cosine: float | None = None  # with the question, when meaning search is on
    coverage: float = 0.0  # share of the question's idf weight the paragraph holds
    typed: bool = False  # a sentence holds the kind of answer asked for by a question word


@dataclass(frozen=True)
class _SentenceWeights:
    """What scoring one sentence needs of the question: for each key word the idf of each
    of its terms and lexicon variants, the kind of answer wanted, and its bonus."""

    word_idf: list[dict[str, float]]
    kind: AnswerType | None
    type_bonus: float


def _sentence_weights(query: QueryWords, index: Bm25Index) -> _SentenceWeights:
    """Computed once a question: ranking and the sentence shown score sentences alike."""
    word_idf: list[dict[str, float]] = [{} for _ in query.key]
    for tid, owner, weight, term in zip(query.term_ids, query.word_of_position, query.weight,
                                        query.terms, strict=True):
        value = index.idf(tid) * weight
        if value > 0:
            word_idf[owner][term] = max(value, word_idf[owner].get(term, 0.0))
    kind = query.kind
    total = sum(max(v.values(), default=0.0) for v in word_idf)
    type_bonus = ANSWER_TYPE_WEIGHTS.get(kind, 0.0) * total if kind else 0.0
    return _SentenceWeights(word_idf, kind, type_bonus)


def _sentence_scores(shape: _ParagraphShape, weights: _SentenceWeights) -> list[tuple[float, bool]]:
    """Each sentence's evidence: for each question word the idf of its best variant the
    sentence contains, plus the bonus when the wanted kind of answer stands next to one of
    them; and whether the sentence holds that kind of answer so."""
    scores: list[tuple[float, bool]] = []
    for terms, text, where in zip(shape.sentences, shape.texts, shape.positions, strict=True):
        shared = 0.0
        anchors: list[int] = []
        for variants in weights.word_idf:
            present = [v for t, v in variants.items() if t in terms]
            if present:
                shared += max(present)
                anchors.extend(pos for t in variants if t in terms for pos in where.get(t, ()))
        typed = bool(shared and weights.kind is not None and weights.type_bonus
                     and holds_near(text, weights.kind, anchors))
        scores.append((shared + weights.type_bonus if typed else shared, typed))
    return scores


def _sentence_evidence(shape: _ParagraphShape, weights: _SentenceWeights) -> tuple[float, bool]:
    """The best sentence's evidence, and whether some sentence holds the wanted kind of
    answer beside a question word."""
    scores = _sentence_scores(shape, weights)
    return max(score for score, _ in scores), any(typed for _, typed in scores)


def _word_bm25(query: QueryWords, index: Bm25Index,
               keys: list[int]) -> tuple[list[float], list[tuple[int, ...]]]:
    """BM25 with each question word counted once: the best of its lexicon variants, so
    a paragraph saying both "talks" and "negotiations" is not paid twice for one word
    (without variants this is exactly the engine's BM25 score); and, per paragraph, the
    key words whose terms (or variants) it contains."""
    if not keys:
        return [], []
    per_term = index.term_scores(query.term_ids, keys) * np.asarray(query.weight)[:, None]
    owners = np.asarray(query.word_of_position)
    per_word = np.array([per_term[owners == i].max(axis=0) for i in range(len(query.key))])
    present = per_word > 0
    matched = [tuple(int(i) for i in np.flatnonzero(present[:, j])) for j in range(len(keys))]
    return np.sum(per_word, axis=0).tolist(), matched


def _candidates(query: QueryWords, index: Bm25Index, depth: int, meaning: Meaning | None,
                scope: Sequence[int] | None) -> tuple[list[int], dict[int, float]]:
    """The paragraphs worth re-ranking (BM25's best, then the nearest by meaning) and the
    cosine of each with the question. With a scope, only its paragraphs compete."""
    if scope is None:
        keys = [h.key for h in index.search(query.term_ids, k=depth)]
        if meaning is None:
            return keys, {}
        seen = set(keys)
        keys += [key for key, _ in meaning.vectors.search(meaning.query, VECTOR_CANDIDATES)
                 if key not in seen]
        return keys, meaning.vectors.cosine_of(meaning.query, keys)
    scope = list(scope)
    scores, _ = _word_bm25(query, index, scope)
    by_words = [key for score, key in sorted(zip(scores, scope, strict=True), key=lambda x: -x[0])
                if score > 0][:depth]
    cosines = meaning.vectors.cosine_of(meaning.query, scope) if meaning is not None else {}
    seen = set(by_words)
    by_meaning = sorted(cosines, key=lambda key: -cosines[key])[:VECTOR_CANDIDATES]
    keys = by_words + [key for key in by_meaning if key not in seen]
    return keys, {key: cosines[key] for key in keys if key in cosines}


def _zscores(values: np.ndarray) -> np.ndarray:
    spread = float(values.std())
    return (values - values.mean()) / spread if spread > 1e-9 else np.zeros_like(values)


def rank(query: QueryWords, index: Bm25Index, source: Callable[[int], tuple[Article, int]],
         depth: int = CANDIDATES, meaning: Meaning | None = None,
         scope: Sequence[int] | None = None) -> list[Ranked]:
    """BM25 candidates (joined by the nearest paragraphs by meaning) re-ranked by
    sentence-level and word-pair evidence, then fused with the cosine; best first."""
    keys, cosines = _candidates(query, index, depth, meaning, scope)
    idf: dict[str, float] = {}
    for term, tid in zip(query.terms, query.term_ids, strict=True):
        idf[term] = max(idf.get(term, 0.0), index.idf(tid))
    q_terms = [t for w in query.key for t in w.terms]
    pairs = [(a, b) for a, b in pairwise(q_terms) if idf.get(a) and idf.get(b)]
    sentence_weights = _sentence_weights(query, index)
    base, matched = _word_bm25(query, index, keys)
    weights = _word_weights(query, index)
    total_weight = sum(weights)
    ranked: list[Ranked] = []
    for key, bm25, words_matched in zip(keys, base, matched, strict=True):
        sentence = bigram = 0.0
        typed = False
        if words_matched:  # a paragraph found only by meaning has no word evidence to weigh
            article, n = source(key)
            shape = _shape(article.paragraph(n))
            sentence, typed = _sentence_evidence(shape, sentence_weights)
            bigram = sum((idf[a] + idf[b]) / 2 for a, b in pairs if (a, b) in shape.bigrams)
        ranked.append(Ranked(
            key=key,
            score=bm25 + SENTENCE_WEIGHT * sentence + BIGRAM_WEIGHT * bigram,
            bm25=bm25,
            matched_words=words_matched,
            cosine=cosines.get(key),
            coverage=(sum(weights[i] for i in words_matched) / total_weight
                      if total_weight else 0.0),
            typed=typed,
        ))
    if cosines and len(ranked) > 1:
        ranked = _fuse(ranked)
    ranked.sort(key=lambda r: -r.score)  # stable: the engine's order breaks ties
    return ranked


def _fuse(ranked: list[Ranked]) -> list[Ranked]:
    """z(word score) * c^2 + MEANING_WEIGHT * z(cosine) (see MEANING_WEIGHT); a paragraph
    without a vector yet counts as the candidates' mean cosine."""
    words_score = np.array([r.score for r in ranked])
    known = [r.cosine for r in ranked if r.cosine is not None]
    mean = float(np.mean(known))
    cos = np.array([r.cosine if r.cosine is not None else mean for r in ranked])
    best_cover = max(r.coverage for r in ranked)
    typed = np.array([r.typed for r in ranked], dtype=float)
    fused = (_zscores(words_score) * best_cover**2 + MEANING_WEIGHT * _zscores(cos)
             + TYPED_WEIGHT * typed)
    return [replace(r, score=float(f)) for r, f in zip(ranked, fused, strict=True)]


def answer(
    question: str,
    k: int,
    index: Bm25Index,
    store: Store,
    source: Callable[[int], tuple[Article, int]],
    has_form: Callable[[str], bool],
    meaning: Meaning | None = None,
    scope: Sequence[int] | None = None,
) -> Answer:
    """The k best passages that pass the relevance rule: enough of the question's words
    (by idf), or, with meaning search, a cosine of at least MIN_COSINE."""
    query = QueryWords(question, store)
    missing = _missing(query, index)
    unknown = _unknown_names(query, has_form)
    if unknown:
        missing += [name for name in unknown if name not in missing]
        return Answer(question=question, passages=(), missing=tuple(missing))
    ranked = rank(query, index, source, max(k, CANDIDATES), meaning, scope)
    weights = _sentence_weights(query, index)  # the shown sentence is scored as in ranking
    passages: list[Passage] = []
    for hit in ranked:
        matched_words = hit.matched_words
        if hit.coverage >= MIN_COVERAGE:
            by = "words"
        elif _close_in_meaning(hit):
            by = "meaning"
        else:
            continue
        article, n = source(hit.key)
        text = article.paragraph(n)
        para_terms = frozenset().union(*_shape(text).sentences)
        shown = [query.key[i].surface for i in matched_words if query.terms_of(i) & para_terms]
        sentence = best_sentence(text, weights)
        if by == "meaning" and meaning is not None:
            sentence = closest_sentence(hit.key, text, meaning, sentence)
        passages.append(Passage(
            article=article, paragraph=n, text=text, sentence=sentence, score=hit.score,
            matched=tuple(dict.fromkeys(shown)), by=by,
        ))
        if len(passages) == k:
            break
    return Answer(question=question, passages=tuple(passages), missing=tuple(missing))


def _close_in_meaning(hit: Ranked) -> bool:
    if hit.cosine is None:
        return False
    return hit.cosine >= MIN_COSINE or (
        hit.cosine >= SUPPORTED_COSINE and hit.coverage >= SUPPORT_COVERAGE)


def closest_sentence(key: int, text: str, meaning: Meaning, fallback: str) -> str:
    """The sentence of the paragraph nearest the question by meaning (for a passage found
    by meaning, where shared words say little), from its stored sentence vectors."""
    units = meaning.units(text)
    cosines = meaning.vectors.row_cosines(meaning.query, key)
    if len(units) < 2 or len(cosines) != len(units):
        return fallback
    return units[1 + int(np.argmax(cosines[1:]))]


def _word_weights(query: QueryWords, index: Bm25Index) -> list[float]:
    """Each key word's weight: its best term idf; a word no paragraph has weighs
    MISSING_WEIGHT times the idf of a one-paragraph term."""
    unseen = MISSING_WEIGHT * index.unseen_idf()
    weights: list[float] = []
    for i, _ in enumerate(query.key):
        known = [index.idf(t) for t in query.ids_of(i) if index.df(t) > 0]
        weights.append(max(known) if known else unseen)
    return weights


def best_sentence(text: str, weights: _SentenceWeights) -> str:
    """The sentence of text that re-ranking scored best (the earliest on a tie): the most
    question weight, and for a where/when/how-many question the one holding the place,
    time or number beside a question word, so the answer shown is the one that ranked."""
    shape = _shape(text)  # already made while ranking: nothing is tokenized again
    scores = _sentence_scores(shape, weights)
    best = max(range(len(scores)), key=lambda i: (scores[i][0], -i))
    return shape.texts[best].strip()


def rank_quotes(rest_of_question: str, found: Sequence[Quote],
                idf_of: Callable[[str], float]) -> list[Quote]:
    """A speaker's quotes ranked by the idf they share with the rest of the question;
    in article order when nothing is shared."""
    wanted = set(tokenize(rest_of_question))
    if not wanted:
        return list(found)

    def score(quote: Quote) -> float:
        return sum(idf_of(t) for t in wanted & set(tokenize(quote.text)))

    scored = sorted(enumerate(found), key=lambda item: (-score(item[1]), item[0]))
    return [q for _, q in scored]


def speaker_passages(speaker: str, ranked: Sequence[Quote], k: int,
                     source: Callable[[str], Article]) -> list[Passage]:
    """The paragraphs of a speaker's top quotes, one passage per paragraph, each with the
    quote as its answering sentence."""
    passages: list[Passage] = []
    seen: set[tuple[str, int]] = set()
    for rank_no, quote in enumerate(ranked):
        place = (quote.article_id, quote.paragraph)
        if place in seen:
            continue
        seen.add(place)
        article = source(quote.article_id)
        passages.append(Passage(
            article=article, paragraph=quote.paragraph, text=article.paragraph(quote.paragraph),
            sentence=quote.text, score=float(len(ranked) - rank_no), matched=(speaker,),
        ))
        if len(passages) == k:
            break
    return passages
