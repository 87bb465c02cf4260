"""Speaker look-up by person: keys, matching, suggestions, counts, text search, questions."""

from __future__ import annotations

import pytest

from index.errors import QuestionError
from index.models import Quote
from index.quotes.speakers import (
    match_quotes,
    quotes_containing,
    speaker_counts,
    speaker_key,
    speaker_question,
    suggest_speakers,
    validate_speaker_query,
)


def _q(text: str, speaker: str | None, article: str = "a1", role: str | None = None,
       description: str | None = None) -> Quote:
    return Quote(text=text, paragraph=1, speaker=speaker, role=role, description=description,
                 article_id=article)


QUOTES = [
    _q("We will hold the line.", "Oleksiy Danylenko", "a1", role="defence minister"),
    _q("The next step is a ceasefire map.", "Danylenko", "a2"),
    _q("That is already a “constructive signal.”", "Oleksiy Danylenko", "a3"),
    _q("Talks were hard but businesslike.", "Arkady Melnisky", "a1", role="the governor's "
                                                                          "negotiator"),
    _q("It was not that good.", None, "a1", description="a person familiar with the talks"),
    _q("Confusing, frankly.", None, "a2", description="a person familiar with the talks"),
]


def test_speaker_key_folds_case_accents_titles_and_transliteration():
    assert speaker_key("President Volodymyr Zelenskyy") == speaker_key("volodymyr zelensky")
    assert speaker_key("Zelenskiy") == speaker_key("Zelenskii") == speaker_key("ZELENSKY")
    assert speaker_key("Mr. José Núñez") == speaker_key("jose nunez")


def test_speaker_key_keeps_different_people_apart():
    assert speaker_key("Anna Weiss") != speaker_key("Anne Weiss")


def test_match_by_surname_full_name_and_mr_surname():
    for query in ("Danylenko", "Oleksiy Danylenko", "Mr Danylenko", "mr. danylenko", "DANYLENKO"):
        assert [q.article_id for q in match_quotes(query, QUOTES)] == ["a1", "a2", "a3"], query


def test_a_double_barrelled_surname_is_found_whole_or_by_either_half():
    quotes = [_q("Selling is still on the table.", "Peter Harbour-Vane", "a1"),
              _q("We live by the sea.", "Ann Vane", "a2"),
              _q("It was a family firm.", "Tom al-Reed", "a3")]
    for query in ("Harbour-Vane", "Peter Harbour-Vane", "Harbour", "Mr Harbour", "Peter Vane"):
        assert [q.article_id for q in match_quotes(query, quotes)] == ["a1"], query
    assert [q.article_id for q in match_quotes("Vane", quotes)] == ["a1", "a2"]
    assert [q.article_id for q in match_quotes("Ann Vane", quotes)] == ["a2"]
    assert match_quotes("al", quotes) == []  # a lowercase particle is no half of a name


def test_match_transliteration_variant():
    assert len(match_quotes("Melnisky", QUOTES)) == 1
    assert len(match_quotes("Melniskiy", QUOTES)) == 1
    assert len(match_quotes("Arkady Melniskii", QUOTES)) == 1


def test_different_first_name_is_a_different_person():
    assert match_quotes("Ivan Danylenko", QUOTES) == []


def test_name_in_a_role_or_description_never_matches():
    assert match_quotes("governor", QUOTES) == []
    assert match_quotes("familiar", QUOTES) == []


def test_suggest_close_names_only():
    names = ["Oleksiy Danylenko", "Arkady Melnisky", "Helen Marsh"]
    assert suggest_speakers("Danilenko", names) == ["Oleksiy Danylenko"]
    assert suggest_speakers("Thompson", names) == []


def test_suggest_respects_limit():
    names = ["Ann Marsh", "Anne Marsh", "Anna Marsh", "Annie Marsh"]
    assert len(suggest_speakers("Anna Marsh", names, limit=2)) == 2


def test_speaker_counts_merge_one_person_across_articles():
    counts = speaker_counts(QUOTES)
    first = counts[0]
    assert first.name == "Oleksiy Danylenko"
    assert first.quotes == 3
    assert first.articles == 3
    assert first.roles == ("defence minister",)


def test_speaker_counts_group_unnamed_sources_after_named_ones():
    counts = speaker_counts(QUOTES)
    assert [c.name for c in counts] == [
        "Oleksiy Danylenko", "Arkady Melnisky", "a person familiar with the talks"]
    assert counts[-1].quotes == 2


def test_quotes_containing_phrase_folds_case_and_quote_marks():
    hits = quotes_containing('"Constructive signal"', QUOTES)
    assert [q.article_id for q in hits] == ["a3"]


def test_quotes_containing_falls_back_to_all_words():
    hits = quotes_containing("ceasefire step", QUOTES)
    assert [q.text for q in hits] == ["The next step is a ceasefire map."]


def test_quotes_containing_nothing_matches_returns_empty():
    assert quotes_containing("harbour bridge", QUOTES) == []


KNOWN = ["Oleksiy Danylenko", "Arkady Melnisky"]


@pytest.mark.parametrize(
    "question, expected",
    [
        ("what did Danylenko say about the next step?", ("Oleksiy Danylenko", "the next step")),
        ("What has Danylenko said?", ("Oleksiy Danylenko", "")),
        ("what did Mr Melniskiy say on the talks", ("Arkady Melnisky", "the talks")),
        ("Danylenko quotes on ceasefire", ("Oleksiy Danylenko", "ceasefire")),
        ("quotes from Arkady Melnisky about the talks", ("Arkady Melnisky", "the talks")),
    ],
)
def test_speaker_question_detected(question, expected):
    assert speaker_question(question, KNOWN) == expected


@pytest.mark.parametrize(
    "question",
    ["what did Putin say about the talks?", "Where were the talks held?", "what did the talks "
                                                                          "achieve?", ""],
)
def test_speaker_question_none_when_not_a_known_speaker(question):
    assert speaker_question(question, KNOWN) is None


@pytest.mark.parametrize("query", ["", "   ", "x", "?!", "…", "a" * 500])
def test_bad_speaker_queries_raise_question_error(query):
    with pytest.raises(QuestionError):
        validate_speaker_query(query)


def test_good_query_is_returned_trimmed():
    assert validate_speaker_query("  Danylenko ") == "Danylenko"


def test_match_quotes_rejects_bad_query_with_question_error():
    with pytest.raises(QuestionError):
        match_quotes("!!", QUOTES)


def test_speaker_counts_of_made_up_articles_list_people_not_sentence_openers():
    from index.quotes.extract import extract_quotes

    articles = {
        "fair": [
            "More than nine hundred people visited the Dunmore cheese fair, organisers said.",
            "“We had to open a second car park,” said fair director Owen Pryce. “Next year we will "
            "run buses.”",
        ],
        "fire": [
            "Many residents watched from the street as the roof burned.",
            "“The crews kept the flames from the archive,” said chief fire officer Hannah Lind.",
        ],
    }
    quotes = [
        Quote(text=q.text, paragraph=q.paragraph, speaker=q.speaker, role=q.role,
              description=q.description, article_id=aid)
        for aid, paragraphs in articles.items()
        for q in extract_quotes(paragraphs)
    ]
    counts = {c.name: c.quotes for c in speaker_counts(quotes)}
    assert counts == {"Owen Pryce": 2, "Hannah Lind": 1}


def test_courtesy_title_of_the_other_gender_does_not_match():
    quotes = extract_quotes_for_lookup()
    assert [q.speaker for q in match_quotes("Mr Vane", quotes)] == []
    assert [q.speaker for q in match_quotes("Ms Vane", quotes)] == ["Ann Vane"]


def extract_quotes_for_lookup():
    from index.quotes.extract import extract_quotes

    return extract_quotes(["“The ferry is late again,” said Ann Vane, whose brother Tom runs the "
                           "kiosk."])
