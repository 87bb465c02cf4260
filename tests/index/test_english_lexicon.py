"""The seam to lemminflect's English lexicon (index/quotes/english.py)."""

from __future__ import annotations

import pytest

from index.quotes.english import (
    is_adverb,
    is_plain_word,
    is_plural_noun,
    is_verb_form,
    is_verb_only,
)


@pytest.mark.parametrize("word", ["Judges", "prosecutors", "Anger", "Wheelchair", "Ballot"])
def test_common_nouns_and_adjectives_are_plain_words(word: str) -> None:
    assert is_plain_word(word)


@pytest.mark.parametrize("word", ["Brown", "Ford", "Prutton", "Preceded", "Apparently",
                                  "T-shirts", "Radio1", ""])
def test_names_verbs_adverbs_and_odd_tokens_are_not(word: str) -> None:
    assert not is_plain_word(word)


def test_plural_nouns_are_told_from_singulars_and_verbs() -> None:
    assert is_plural_noun("prosecutors") and is_plural_noun("Makers")
    assert not is_plural_noun("news") and not is_plural_noun("anger")
    assert not is_plural_noun("said")


def test_verb_only_forms() -> None:
    assert is_verb_only("reported") and is_verb_only("said")
    assert not is_verb_only("reports")  # also a plural noun
    assert not is_verb_only("over") and not is_verb_only("user")


def test_verb_forms_and_adverbs() -> None:
    assert is_verb_form("makes") and is_verb_form("Links") and not is_verb_form("officials")
    assert is_adverb("then") and is_adverb("quickly") and not is_adverb("she")
