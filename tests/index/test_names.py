"""Names: the lexicon's first-name lists and gender, as quotes rely on them."""

from __future__ import annotations

from index.lexicon import FEMALE_FIRST, MALE_FIRST
from index.quotes.extract import extract_quotes
from index.quotes.names import gender_of


def test_no_first_name_is_listed_as_both_genders():
    assert not FEMALE_FIRST & MALE_FIRST


def test_first_name_lists_hold_no_surnames_or_marks():
    assert "pelosi" not in FEMALE_FIRST
    assert not any("?" in name for name in FEMALE_FIRST | MALE_FIRST)


def test_male_first_name_is_male():
    assert gender_of("Rishi Sunak", None) == "m"


def test_male_speaker_is_resolved_by_he_said():
    quotes = extract_quotes([
        "Rishi Sunak visited the harbour works on Tuesday.",
        '"The new bridge will open on time," he said.',
    ])
    assert [q.speaker for q in quotes] == ["Rishi Sunak"]


def test_a_full_name_after_a_sentence_end_in_a_capitalised_run_is_known():
    quotes = extract_quotes([
        "The fund spoke to Northshire and Eastfield. Chancellor Tom Vane backed the plan.",
        "Mr Vane, who was not at the meeting, says he has held “intensive talks” with the banks.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_a_demonym_before_a_full_name_is_not_part_of_it():
    quotes = extract_quotes([
        "Ruth Amari will meet Canadian Jo Tessel on Sunday. “It feels like home for me,” said "
        "Tessel.",
    ])
    assert [q.speaker for q in quotes] == ["Jo Tessel"]


def test_a_hyphenated_title_is_a_title():
    quotes = extract_quotes([
        "Vice-President Dan Roux met the harbour board. “The cuts are fair and responsible,” Mr "
        "Roux said.",
    ])
    assert [q.speaker for q in quotes] == ["Dan Roux"]
