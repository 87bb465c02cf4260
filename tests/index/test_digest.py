"""Topic digests over made-up articles and made-up search hits."""

import pytest

from index.errors import QuestionError
from index.models import Article, SummarySentence
from index.summaries.digest import digest

CEASEFIRE = Article(
    id="a1",
    title="Monitors arrive to watch Varnia ceasefire",
    paragraphs=(
        "Forty international monitors arrived in Varnia on Sunday to oversee the ceasefire "
        "agreed last week. The weather was mild.",
        "The ceasefire monitoring mission will report to the regional council every ten days.",
        "He added that roads in the north remained closed.",
    ),
)
TALKS = Article(
    id="a2",
    title="Varnia talks resume in Lisbrook",
    paragraphs=(
        "Negotiators met in Lisbrook on Monday. Delegates praised the hotel food.",
        "Both sides said ceasefire monitoring had so far prevented any serious clash.",
    ),
)
WIRE_COPY = Article(
    id="a3",
    title="Ceasefire monitors reach Varnia",
    paragraphs=(
        "Forty international monitors arrived in Varnia on Sunday to oversee the ceasefire "
        "agreed last week, officials said.",
    ),
)
TERMS = ["ceasefire", "monitoring"]


def _texts(sections):
    return [s.text for section in sections for s in section.sentences]


def test_digest_picks_the_sentence_carrying_the_topic_not_its_neighbour():
    sections = digest(TERMS, [(CEASEFIRE, 1, 8.0)], 1)
    assert _texts(sections) == [
        "Forty international monitors arrived in Varnia on Sunday to oversee the ceasefire "
        "agreed last week."
    ]


def test_digest_groups_sentences_by_article_in_relevance_order():
    hits = [(CEASEFIRE, 2, 9.0), (TALKS, 2, 7.0), (CEASEFIRE, 1, 5.0)]
    sections = digest(TERMS, hits, 3)
    assert [s.article.id for s in sections] == ["a1", "a2"]


def test_digest_sentences_within_an_article_keep_article_order():
    hits = [(CEASEFIRE, 2, 9.0), (CEASEFIRE, 1, 8.5)]
    sections = digest(TERMS, hits, 2)
    assert [s.paragraph for s in sections[0].sentences] == [1, 2]


def test_digest_sentences_carry_their_paragraph():
    sections = digest(TERMS, [(TALKS, 2, 7.0)], 1)
    assert sections[0].sentences == (
        SummarySentence(
            "Both sides said ceasefire monitoring had so far prevented any serious clash.", 2
        ),
    )


def test_digest_gives_at_most_n_sentences():
    hits = [(CEASEFIRE, 1, 9.0), (CEASEFIRE, 2, 8.0), (TALKS, 1, 3.0), (TALKS, 2, 7.0)]
    assert len(_texts(digest(TERMS, hits, 2))) == 2


def test_digest_takes_wire_copy_once():
    hits = [(CEASEFIRE, 1, 9.0), (WIRE_COPY, 1, 8.9), (TALKS, 2, 7.0)]
    texts = _texts(digest(TERMS, hits, 3))
    assert sum(t.startswith("Forty international monitors") for t in texts) == 1


def test_digest_prefers_on_topic_sentences_over_leaning_ones():
    hits = [(CEASEFIRE, 3, 9.0), (TALKS, 2, 4.0)]
    assert _texts(digest(TERMS, hits, 1)) == [
        "Both sides said ceasefire monitoring had so far prevented any serious clash."
    ]


def test_digest_accepts_index_terms_as_well_as_typed_words():
    typed = digest(["ceasefire", "monitoring"], [(TALKS, 2, 7.0), (TALKS, 1, 6.0)], 1)
    stems = digest(["ceasefir", "monitor"], [(TALKS, 2, 7.0), (TALKS, 1, 6.0)], 1)
    assert _texts(typed) == _texts(stems)


def test_digest_of_no_hits_is_empty():
    assert digest(TERMS, [], 3) == []


def test_digest_skips_a_hit_naming_a_missing_paragraph():
    sections = digest(TERMS, [(TALKS, 9, 9.0), (TALKS, 2, 7.0)], 3)
    assert [s.paragraph for s in sections[0].sentences] == [2]


@pytest.mark.parametrize("n", [0, 11])
def test_digest_refuses_a_sentence_count_out_of_range(n):
    with pytest.raises(QuestionError):
        digest(TERMS, [(TALKS, 2, 7.0)], n)


QUOTED = Article(
    id="a4",
    title="Varnia monitors speak",
    paragraphs=(
        "The head of the ceasefire monitoring mission spoke in Lisbrook on Tuesday.",
        '"Ceasefire monitoring works. Both armies have pulled back," said mission head '
        "Ana Brook.",
        'She went on: "The ceasefire monitoring teams will stay all winter. They have the '
        "money for it.",
        '"Nobody should doubt the ceasefire."',
    ),
)
LEANING = Article(
    id="a5",
    title="Varnia border crossings",
    paragraphs=(
        "Border crossings into Varnia reopened on Friday for the first time since March.",
        "But ceasefire monitoring teams said the ceasefire monitoring posts stayed shut.",
    ),
)


def test_digest_takes_a_quotation_over_two_sentences_whole():
    texts = _texts(digest(TERMS, [(QUOTED, 2, 9.0)], 2))
    assert texts == [QUOTED.paragraphs[1]]


def test_digest_never_takes_a_quotation_running_on_past_its_paragraph():
    texts = _texts(digest(TERMS, [(QUOTED, 3, 9.0), (QUOTED, 1, 2.0)], 3))
    assert all(t.count('"') % 2 == 0 for t in texts), texts


def test_digest_takes_a_leaning_sentence_only_with_the_one_it_leans_on():
    sections = digest(TERMS, [(LEANING, 2, 9.0)], 2)
    assert _texts(sections) == [LEANING.paragraphs[0], LEANING.paragraphs[1]]
    assert [s.paragraph for s in sections[0].sentences] == [1, 2]


def test_digest_of_one_sentence_never_shows_a_leaning_sentence_alone():
    texts = _texts(digest(TERMS, [(LEANING, 2, 9.0)], 1))
    assert not any(t.startswith("But") for t in texts)


def test_digest_tells_the_same_fact_from_two_articles_once():
    retold = Article(
        id="a6",
        title="Monitors in Varnia",
        paragraphs=(
            "On Sunday forty international monitors arrived in Varnia to oversee the "
            "ceasefire.",
        ),
    )
    texts = _texts(digest(TERMS, [(CEASEFIRE, 1, 9.0), (retold, 1, 8.8), (TALKS, 2, 7.0)], 3))
    assert sum("monitors arrived in Varnia" in t for t in texts) == 1
