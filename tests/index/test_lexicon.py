"""The one lexicon: its lists agree with each other (a word is one thing unless meant)."""

from __future__ import annotations

import pytest

from index import lexicon as lx

FIRST_NAMES = lx.MALE_FIRST | lx.FEMALE_FIRST | lx.UNISEX_FIRST

# Words meant to be in two lists, with why.
STOP_CAPS_AND_TITLES = {
    "editor",  # "Editor's note:" opens a footer; "editor Jane Roe" is a role
    "then",  # "Then he left" opens a sentence; "then-minister Tom Vane" is a role
}
# index.sentences lets these end a sentence by the next word
NEVER_AND_MAYBE_FINAL = {"jr", "sr", "st"}


def _word_lists() -> dict[str, frozenset[str]]:
    return {name: value for name, value in vars(lx).items()
            if name.isupper() and isinstance(value, frozenset)}


def test_no_first_name_is_a_title_or_role():
    assert not lx.TITLE_WORDS & FIRST_NAMES


def test_no_first_name_has_two_genders():
    assert not lx.MALE_FIRST & lx.FEMALE_FIRST
    assert not lx.UNISEX_FIRST & (lx.MALE_FIRST | lx.FEMALE_FIRST)


def test_gendered_titles_are_titles_of_one_gender():
    assert lx.FEMALE_TITLES | lx.MALE_TITLES <= lx.TITLE_WORDS
    assert not lx.FEMALE_TITLES & lx.MALE_TITLES


def test_courtesy_titles_are_titles_and_their_gender_agrees():
    assert lx.COURTESY <= lx.TITLE_WORDS
    assert lx.FEMALE_COURTESY <= lx.COURTESY & lx.FEMALE_TITLES
    assert lx.MALE_COURTESY <= lx.COURTESY & lx.MALE_TITLES


def test_look_up_titles_are_titles():
    assert lx.LOOKUP_TITLES <= lx.TITLE_WORDS


def test_quote_particles_are_byline_particles():
    assert lx.PARTICLES <= lx.BYLINE_PARTICLES


def test_no_demonym_stop_word_or_discourse_word_is_a_first_name():
    assert not lx.DEMONYMS & FIRST_NAMES
    assert not lx.STOP_CAPS & FIRST_NAMES
    assert not lx.DISCOURSE_OPENERS & FIRST_NAMES


def test_sentence_openers_are_titles_only_where_meant():
    assert lx.STOP_CAPS & lx.TITLE_WORDS == STOP_CAPS_AND_TITLES


def test_group_nouns_are_not_titles():
    assert not lx.GROUP_NOUNS & lx.TITLE_WORDS


def test_participles_and_continuations_are_speech_verbs():
    verbs = set(lx.SPEECH_VERBS)
    assert lx.PARTICIPLES <= verbs
    assert lx.CONTINUATION_VERBS - {"went"} <= verbs  # "went on" is a two-word cue


def test_unnamed_roles_are_unnamed_people():
    assert lx.UNNAMED_ROLES <= lx.UNNAMED_PERSON_NOUNS


def test_abbreviation_lists_meet_only_where_meant():
    assert lx.NEVER_FINAL & lx.MAYBE_FINAL == NEVER_AND_MAYBE_FINAL
    assert not lx.NEVER_FINAL & lx.BEFORE_NUMBER


@pytest.mark.parametrize("name", sorted(_word_lists()))
def test_entries_are_folded_words_without_marks(name):
    entries = _word_lists()[name]
    assert entries, name
    bad = sorted(w for w in entries if w != w.casefold() or not w or any(ch in w for ch in "?* \t"))
    assert not bad, f"{name}: {bad}"
