"""The kind of answer a question asks for, and whether a sentence holds one beside the
word asked about (index/search/answer_types.py)."""

from __future__ import annotations

import pytest

from index.search.answer_types import AnswerType, expected_type, holds, holds_near


@pytest.mark.parametrize("question", [
    "What stake does Ann Roux own in the ferry company?",
    "What was the score against Eastfield?",
    "What is the new fee for the harbour berth?",
    "Which share price did the board accept?",
    "How far behind the leaders are the Rovers?",
    "How old is the lighthouse keeper?",
    "How many berths does the marina have?",
])
def test_a_question_about_a_figure_wants_a_number(question: str) -> None:
    assert expected_type(question) is AnswerType.NUMBER


@pytest.mark.parametrize(("question", "kind"), [
    ("What did the harbour master say?", None),
    ("Which film opened the festival?", None),
    ("How long will the bridge stay closed?", AnswerType.DURATION),
    ("When does the ferry resume?", AnswerType.TIME),
    ("Which city hosted the negotiations?", AnswerType.PLACE),
])
def test_other_questions_keep_their_kind(question: str, kind: AnswerType | None) -> None:
    assert expected_type(question) is kind


@pytest.mark.parametrize(("sentence", "number"), [
    ("Ms Roux owns 28.1% of the ferry company.", True),
    ("The fare rose to £4.50 this spring.", True),
    ("Rovers won 2-0 at Eastfield.", True),
    ("Two berths were lost in the storm.", True),
    ("She built up her holding in late 2003.", False),  # a bare year says when, not how many
    ("In 1999, the quay was rebuilt.", False),
])
def test_a_bare_year_is_not_a_number_answer(sentence: str, number: bool) -> None:
    assert holds(sentence, AnswerType.NUMBER) is number


def test_a_figure_beside_the_word_asked_about_answers_a_number_question() -> None:
    sentence = "She built up her stake in 2003 and now owns 28.1% of the company."
    stake = sentence.index("stake")
    owns = sentence.index("owns")
    assert not holds_near(sentence[: owns - 1], AnswerType.NUMBER, [stake])
    assert holds_near(sentence, AnswerType.NUMBER, [owns])
