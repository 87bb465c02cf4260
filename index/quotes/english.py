"""Which words are plain English words and never a name: the seam to lemminflect's lexicon.

A word that opens a sentence is capitalised whatever it is, so "Prosecutors said" and
"Anger grew, said …" look like names to a reader of capitals. lemminflect ships the word
forms of the NLM SPECIALIST lexicon with their lemmas, common words in lower case and
proper nouns capitalised, so it tells "prosecutors", "anger" and "ballot" (only common
words) from "Bush", "Ford" or "Rose" (names too). Only the caller knows whether an
article also writes the word as a name; this module answers for the language.
"""

from __future__ import annotations

import functools

from lemminflect import getAllLemmas


@functools.lru_cache(maxsize=65536)
def is_plain_word(word: str) -> bool:
    """Is `word` (any case) a common noun or adjective of English that the lexicon never
    lists as a proper noun: "Judges", "Anger", "Wheelchair" yes; "Brown", "Ford",
    "Prutton" no. Verbs and adverbs ("Preceded", "Apparently") are left to the readers of
    clauses, which know them for what they are."""
    low = word.lower()
    if not low.isalpha():
        return False
    lemmas = getAllLemmas(low)
    return ("NOUN" in lemmas or "ADJ" in lemmas) and not getAllLemmas(low, "PROPN")


@functools.lru_cache(maxsize=65536)
def is_plural_noun(word: str) -> bool:
    """Is `word` the plural of an English common noun ("prosecutors", "judges", "makers"),
    which makes a whole subject without a determiner ("Judges said")?"""
    low = word.lower()
    if not low.isalpha():
        return False
    lemmas = getAllLemmas(low, "NOUN").get("NOUN", ())
    return bool(lemmas) and low not in lemmas


@functools.lru_cache(maxsize=65536)
def is_verb_only(word: str) -> bool:
    """Is `word` a verb form and nothing else ("reported", "said", "has"), so a singular
    word before it is a bare subject, which English gives only to names ("Politico
    reported") and mass nouns?"""
    low = word.lower()
    if not low.isalpha():
        return False
    lemmas = getAllLemmas(low)
    return bool(lemmas) and all(pos in ("VERB", "AUX") for pos in lemmas)


@functools.lru_cache(maxsize=65536)
def is_verb_form(word: str) -> bool:
    """Can `word` be a verb ("makes", "links", "said")?"""
    lemmas = getAllLemmas(word.lower())
    return "VERB" in lemmas or "AUX" in lemmas


@functools.lru_cache(maxsize=65536)
def is_adverb(word: str) -> bool:
    """Can `word` be an adverb ("then", "also", "quickly")?"""
    return "ADV" in getAllLemmas(word.lower())


@functools.lru_cache(maxsize=65536)
def is_noun(word: str) -> bool:
    """Can `word` be a noun ("veteran", "chief"; not "crestfallen", "angry", "visibly")?"""
    return "NOUN" in getAllLemmas(word.lower())


@functools.lru_cache(maxsize=65536)
def is_english_word(word: str) -> bool:
    """Is `word` (any case) a common word of English of any part of speech that the lexicon
    never lists as a proper noun ("Understated", "Donor"; not "Perez", "Brown")? A word
    the lexicon lacks ("billionaire") is none."""
    low = word.lower()
    if not low.isalpha():
        return False
    return bool(getAllLemmas(low)) and not getAllLemmas(low, "PROPN")


@functools.lru_cache(maxsize=65536)
def is_adjective(word: str) -> bool:
    """Can `word` be an adjective ("former", "eldest", "new")?"""
    return "ADJ" in getAllLemmas(word.lower())


@functools.lru_cache(maxsize=65536)
def singular_of(word: str) -> str | None:
    """The singular of a plural common noun ("hosts" -> "host", "actresses" -> "actress"),
    or None when `word` is no plural noun."""
    low = word.lower()
    if not is_plural_noun(low):
        return None
    lemmas = getAllLemmas(low, "NOUN").get("NOUN", ())
    return lemmas[0] if lemmas else None
