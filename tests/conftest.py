"""Shared fixtures: made-up articles written for the tests, fresh libraries, and the
stores they are kept in: every store-facing test runs on SQLite and on a real
PostgreSQL server the test run starts itself (tests/pg.py)."""

from pathlib import Path

import pytest

from index.library import Libraries, Library
from tests.pg import SKIP_REASON, PostgresServer, find_binaries, start_server

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles"
STORES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres() -> PostgresServer:
    """One PostgreSQL server for the whole run, stopped at the end."""
    if find_binaries() is None:
        pytest.skip(SKIP_REASON)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install -e '.[test]')")
    server = start_server()
    yield server
    server.stop()


@pytest.fixture(params=STORES)
def database_url(request, tmp_path) -> str:
    """A new empty store of each kind: an SQLite file, a PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'newsdesk.sqlite3'}"
    return request.getfixturevalue("postgres").new_url()


@pytest.fixture
def libraries(tmp_path, database_url):
    libs = Libraries(tmp_path / "data", database_url=database_url)
    yield libs
    libs.close()


@pytest.fixture
def library(libraries) -> Library:
    return libraries.get("default")


@pytest.fixture
def filled(library) -> Library:
    """A library holding the three made-up fixture articles."""
    report = library.add_inputs([str(ARTICLES)])
    assert not report.refused, report.refused
    return library
