"""A small hand-written lexicon of news words that stand for each other in questions.

Readers ask "which city hosted the negotiations?" of an article that says "talks in
Geneva". Each group lists words (as typed; they are stemmed with the one tokenizer)
that a question word may be answered by. Groups are kept few and tight: a loose synonym
costs more precision than it gains recall.
"""

from __future__ import annotations

from functools import lru_cache

from index.text import tokenize

_GROUPS: tuple[tuple[str, ...], ...] = (
    ("talks", "negotiations"),
    ("ceasefire", "truce", "armistice"),
    ("company", "firm"),
    ("buy", "acquire", "purchase", "takeover"),
    ("killed", "dead", "died", "deaths"),
    ("rise", "increase", "climb"),
    ("fall", "decline", "drop"),
    ("job", "employment"),
    ("film", "movie"),
    ("vote", "ballot"),
    ("chancellor", "treasury"),
    ("prime minister", "premier"),
)

# Verbs that only say an event happened; in a "where" or "when" question the place or
# time is what is asked, and the verb ("were the talks held") matches unrelated events.
EVENT_VERBS: frozenset[str] = frozenset(
    tokenize("held hold holding hosted host hosting happen happened occur occurred")
)
EVENT_PHRASES: tuple[tuple[str, str], ...] = (
    (tokenize("take")[0], tokenize("place")[0]),
    (tokenize("took")[0], tokenize("place")[0]),
    (tokenize("taking")[0], tokenize("place")[0]),
)


@lru_cache(maxsize=1)
def _alternatives() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for group in _GROUPS:
        stems = [tuple(tokenize(word)) for word in group]
        singles = [s[0] for s in stems if len(s) == 1]
        for stem in singles:
            table[stem] = tuple(other for other in singles if other != stem)
    return table


def alternatives(term: str) -> tuple[str, ...]:
    """Other terms that may answer for term (stemmed), none for most words."""
    return _alternatives().get(term, ())
