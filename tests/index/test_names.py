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
