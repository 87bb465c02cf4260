"""One normal form for text from outside: NFC, no invisible characters, no raw controls,
on every road that takes it (questions, names, titles, speakers, topics, bylines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import QuestionError
from index.library import Libraries, Library
from index.text import clean_input

ARTICLE = (
    "Ferry fares frozen for the winter timetable\n"
    "By Lena\u200d Okafor\n"
    "\n"
    "Fares on the Eastmouth ferry will stay at their summer level until March, the operator said "
    "on Monday.\n"
    "\n"
    '"Nobody should pay more to cross the water in the dark months," said Paul Brennan, the '
    "operator's chief executive.\n"
)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    libraries = Libraries(tmp_path / "data", semantic=False)
    lib = libraries.get("default")
    outcome = lib.add_text(ARTICLE, source="ferry.txt")
    assert outcome.article is not None
    yield lib
    libraries.close()


def test_clean_input_composes_and_drops_invisible_characters() -> None:
    typed = "Ze\u0301lensky\u200by  said\u00ad \u2066this\u2069\ufeff"
    assert clean_input(typed) == "Z\u00e9lenskyy said this"


def test_clean_input_refuses_a_control_character_in_typed_text_without_echoing_it() -> None:
    with pytest.raises(QuestionError) as refused:
        clean_input("when does the bridge \x1b[31mreopen?", "question")
    message = str(refused.value)
    assert "U+001B" in message and "question" in message and "\x1b" not in message


def test_clean_input_reads_a_control_character_in_a_file_line_as_a_space() -> None:
    assert clean_input("By Jane\x07Roe\t and Tom Vale") == "By Jane Roe and Tom Vale"


def test_a_zero_width_joiner_inside_a_byline_still_makes_it_the_byline(library: Library) -> None:
    article = library.articles()[0]
    assert article.authors == ("Lena Okafor",)
    assert article.paragraphs[0].startswith("Fares on the Eastmouth ferry")


def test_a_title_typed_with_a_zero_width_space_finds_the_article(library: Library) -> None:
    assert library.resolve("fer\u200bry fares").title.startswith("Ferry fares frozen")


def test_a_speaker_typed_with_invisible_characters_finds_the_quotes(library: Library) -> None:
    lookup = library.quotes("Bren\u200bnan\u200e")
    assert lookup.speaker == "Brennan"
    assert [q.speaker for q, _ in lookup.quotes] == ["Paul Brennan"]


def test_a_question_with_a_bell_character_is_refused_by_the_engine(library: Library) -> None:
    with pytest.raises(QuestionError, match="U\\+0007"):
        library.ask("what did the operator say\x07?")


def test_a_topic_with_an_escape_character_is_refused(library: Library) -> None:
    with pytest.raises(QuestionError, match="U\\+001B"):
        library.digest("ferry\x1b fares")
