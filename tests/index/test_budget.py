"""Libraries load on first use and the least recently used are dropped past the memory
budget, on either store; a dropped library loads again, whole, from the store."""

from __future__ import annotations

from index.library import Libraries
from tests.conftest import ARTICLES

NAMES = ("one", "two", "three")
FILES = ("ferry_strike.txt", "orchard_frost.txt", "library_opening.txt")


def test_least_recently_used_libraries_are_dropped_past_the_budget(tmp_path, database_url):
    filler = Libraries(tmp_path / "data", database_url=database_url, background=False)
    for name, file in zip(NAMES, FILES, strict=True):
        assert not filler.get(name).add_inputs([str(ARTICLES / file)]).refused
    filler.close()
    measure = Libraries(tmp_path / "data", database_url=database_url)  # as loaded, no budget
    one, two, three = (measure.get(name).memory_bytes() for name in NAMES)
    measure.close()
    # room for "one" with either other library, not for all three
    budget = max(one + two, one + three) + min(two, three) // 2

    libraries = Libraries(tmp_path / "data", database_url=database_url, memory_budget=budget)
    try:
        assert libraries.loaded() == []  # nothing loads before it is used
        libraries.get("one")
        libraries.get("two")
        libraries.get("one")  # "two" is now the least recently used
        libraries.get("three")
        assert [lib.name for lib in libraries.loaded()] == ["one", "three"]
        assert libraries.dropped == 1
        assert libraries.memory_bytes() <= libraries.memory_budget
        # loaded again on its next use, with everything it holds
        assert libraries.get("two").ask("Why did the apple blossom suffer?").passages
    finally:
        libraries.close()


def test_a_library_larger_than_the_budget_still_serves(tmp_path, database_url):
    libraries = Libraries(tmp_path / "data", database_url=database_url, memory_budget=1)
    try:
        library = libraries.get("big")
        assert not library.add_inputs([str(ARTICLES / "ferry_strike.txt")]).refused
        assert libraries.get("big").ask("Why did the ferry crews walk out?").passages
        assert [lib.name for lib in libraries.loaded()] == ["big"]
    finally:
        libraries.close()
