"""The stored quotes follow the extractor: a changed extractor re-extracts them on open,
whether or not its author bumped EXTRACTOR_VERSION."""

from __future__ import annotations

import sqlite3

from index.library import Libraries
from index.quotes import extract
from index.quotes.version import extractor_version, source_digest
from index.store import DATABASE_NAME

ARTICLE = (
    "Harbour bridge to reopen\n\n"
    "Engineers say the harbour bridge will reopen on Monday.\n\n"
    "\u201cThe repairs are finished,\u201d said site manager Tom Vane."
)


def test_the_version_names_the_number_and_changes_with_any_source_byte(tmp_path):
    assert extractor_version().startswith(f"{extract.EXTRACTOR_VERSION}:")
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("WORDS = 'said says'\n")
    b.write_text("def f(): return 1\n")
    before = source_digest([a, b], "0.2.3")
    assert source_digest([a, b], "0.2.3") == before
    a.write_text("WORDS = 'said says told'\n")
    assert source_digest([a, b], "0.2.3") != before
    a.write_text("WORDS = 'said says'\n")
    assert source_digest([a, b], "0.2.4") != before  # a new release of the word lexicon


def test_quotes_stored_by_an_older_extractor_are_read_again_on_open(tmp_path):
    libraries = Libraries(tmp_path / "data", background=False)
    library = libraries.get("default")
    added = library.add_text(ARTICLE)
    assert added.article is not None
    article_id = added.article.id
    assert [q.speaker for q in library.quotes_of(article_id)] == ["Tom Vane"]
    libraries.store.set_meta("quote_extractor_version", "50")  # a release before this one
    libraries.close()
    with sqlite3.connect(tmp_path / "data" / DATABASE_NAME) as db:
        db.execute("UPDATE quotes SET speaker = 'site manager'")  # what that release stored
    db.close()
    reopened = Libraries(tmp_path / "data", background=False)
    assert [q.speaker for q in reopened.get("default").quotes_of(article_id)] == ["Tom Vane"]
    assert reopened.store.get_meta("quote_extractor_version") == extractor_version()
    reopened.close()
