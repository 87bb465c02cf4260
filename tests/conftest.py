"""Shared fixtures: made-up articles written for the tests, and fresh libraries."""

from pathlib import Path

import pytest

from index.library import Libraries, Library

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles"


@pytest.fixture
def libraries(tmp_path):
    libs = Libraries(tmp_path / "data")
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
