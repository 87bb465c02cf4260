"""The store, on SQLite and on PostgreSQL: one transaction per article, schema versions,
libraries kept apart."""

import sqlite3
from dataclasses import replace

import pytest

from index.errors import StoreError
from index.models import Article, Quote
from index.storage.sqlite import SqliteStore as Store
from index.store import SCHEMA_VERSION, NewArticle, decode_terms, encode_terms, open_store


@pytest.fixture
def store(database_url):
    opened = open_store(database_url)
    yield opened
    opened.close()


def _article(aid: str = "a1", paragraphs: tuple[str, ...] = ("One two.", "Three.")) -> Article:
    return Article(id=aid, title=f"Title {aid}", paragraphs=paragraphs, authors=("Jo Doe",))


def _item(article: Article) -> NewArticle:
    return NewArticle(
        article,
        "key-" + article.id,
        "src.txt",
        [p.lower().strip(".").split() for p in article.paragraphs],
        [Quote(text="One two.", paragraph=1, speaker="Jo Doe", article_id=article.id)],
    )


def test_database_uses_wal_and_records_its_schema_version(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    store.close()
    db = sqlite3.connect(tmp_path / "db.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(
        SCHEMA_VERSION
    )


def test_a_database_from_a_newer_release_is_refused(store, database_url):
    store.set_meta("schema_version", "99")
    with pytest.raises(StoreError, match="newer newsdesk"):
        open_store(database_url)


def test_article_round_trips_with_paragraphs_and_quotes(store):
    lib = store.library_id("default")
    store.insert_articles(lib, [_item(_article())])
    [back] = store.articles(lib)
    assert back.paragraphs == ("One two.", "Three.") and back.authors == ("Jo Doe",)
    assert [q.speaker for q in store.quotes(lib)] == ["Jo Doe"]


def test_failed_batch_leaves_nothing_behind(store):
    lib = store.library_id("default")
    store.insert_articles(lib, [_item(_article("keep"))])
    with pytest.raises(StoreError):
        # the second article repeats the first one's id: the whole batch must roll back
        store.insert_articles(lib, [_item(_article("new")),
                                    replace(_item(_article("new")), body_key="key-other")])
    assert [a.id for a in store.articles(lib)] == ["keep"]
    assert len(list(store.paragraph_rows(lib))) == 2


def test_term_ids_stay_consistent_after_a_rollback(store):
    lib = store.library_id("default")
    with pytest.raises(StoreError):
        store.insert_articles(lib, [_item(_article("x", ("Zebra fish.",))),
                                    replace(_item(_article("x", ("Other words.",))),
                                            body_key="key-y")])
    store.insert_articles(lib, [_item(_article("y", ("Zebra fish.",)))])
    [row] = store.paragraph_rows(lib)
    ids, _ = decode_terms(row.blob)
    assert sorted(ids) == sorted(store.term_ids(["zebra", "fish"]))


def test_libraries_do_not_see_each_other(store):
    one, two = store.library_id("111"), store.library_id("222")
    store.insert_articles(one, [_item(_article())])
    assert store.articles(two) == [] and store.quotes(two) == []
    assert list(store.paragraph_rows(two)) == []


def test_delete_removes_paragraphs_and_quotes(store):
    lib = store.library_id("default")
    store.insert_articles(lib, [_item(_article())])
    removed = store.delete_article(lib, "a1")
    assert [r.n for r in removed] == [1, 2]
    assert store.articles(lib) == [] and store.quotes(lib) == []


def test_terms_encode_as_sorted_counts():
    ids, counts = decode_terms(encode_terms([5, 2, 5, 5]))
    assert list(ids) == [2, 5] and list(counts) == [1, 3]


def test_quotes_are_re_extracted_when_the_extractor_changes(store):
    lib = store.library_id("default")
    store.insert_articles(lib, [_item(_article())])
    store.set_meta("quote_extractor_version", "1")
    changed = store.refresh_quotes("quote_extractor_version", "2", lambda paragraphs: [])
    assert changed == 1 and store.quotes(lib) == []
    assert store.refresh_quotes("quote_extractor_version", "2", lambda paragraphs: []) == 0


def test_a_first_release_database_is_migrated_with_word_forms(tmp_path):
    from index.storage.sqlite import _MIGRATIONS  # schema 1 as released
    from index.text import form_of

    path = tmp_path / "db.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(_MIGRATIONS[1])
    db.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '1')")
    db.execute("INSERT INTO libraries(id, name, created_at) VALUES (1, 'default', 'now')")
    db.execute("INSERT INTO articles VALUES (1, 'a1', 1, 'k', 'T', NULL, '[]', NULL, NULL, NULL,"
               " NULL, 'now')")
    db.execute("INSERT INTO paragraphs(library_id, article_id, n, text, terms)"
               " VALUES (1, 'a1', 1, 'Roof trusses held.', x'')")
    db.commit()
    db.close()
    store = Store(path)
    [row] = store.paragraph_rows(1)
    forms = set(array_of(row.forms))
    assert store.known_term_id(form_of("trusses")) in forms
    assert store.known_term_id(form_of("Truss")) is None
    assert store.get_meta("schema_version") == str(SCHEMA_VERSION)


def array_of(blob: bytes) -> list[int]:
    from array import array

    out = array("I")
    out.frombytes(blob)
    return list(out)


def test_more_new_terms_than_sqlite_variables_are_stored(store, database_url):
    lib = store.library_id("default")
    words = [f"w{i}" for i in range(40_000)]  # over SQLite's 32,766 variables per statement
    article = _article("many", (" ".join(words),))
    store.insert_articles(lib, [NewArticle(article, "key-many", None, [words], [])])
    assert len(store.term_ids(words)) == 40_000 and len(set(store.term_ids(words))) == 40_000
    reopened = open_store(database_url)
    assert reopened.known_term_id("w39999") == store.known_term_id("w39999") is not None
    reopened.close()
