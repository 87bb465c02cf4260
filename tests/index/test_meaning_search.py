"""Meaning search in a library: vectors follow adds in the background, questions in
other words than the article's are answered "by meaning", and what no stored article
covers is still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library import Libraries, meaning_units
from index.meaning.embedder import Embedder, default_embedder
from index.models import ArticleDraft

STEELWORKS = ArticleDraft(
    title="Eastvale counts the cost of the steelworks closure",
    paragraphs=(
        "The number of people out of work in Eastvale rose to 12,000 in March, the "
        "statistics office said on Monday.",
        "The council blamed the closure of the Harlow steelworks, which shed 900 posts in "
        "January. \"We saw it coming for years,\" said councillor Dana Price.",
        "Bus fares in the town will rise by 10p from June to cover higher fuel costs. The "
        "operator said it had held prices for three years.",
    ),
    authors=("Lee Marsh",),
)
ORCHARD = ArticleDraft(
    title="Orchard festival returns to Millbrook",
    paragraphs=(
        "The apple festival returns to Millbrook this weekend after a two-year break, with "
        "cider tastings and a parade of vintage tractors.",
        "Organisers expect eight thousand visitors and have laid on extra buses from the "
        "station.",
    ),
)


@pytest.fixture
def libraries(tmp_path: Path):
    libs = Libraries(tmp_path / "data", semantic=True)
    yield libs
    libs.close()


def _filled(libraries: Libraries):
    lib = libraries.get("default")
    lib.add_draft(STEELWORKS)
    lib.add_draft(ORCHARD)
    assert libraries.fill_vectors(timeout=60)
    return lib


def test_an_added_article_is_searchable_by_words_at_once_and_by_meaning_soon(libraries) -> None:
    lib = libraries.get("default")
    article = lib.add_draft(STEELWORKS).article
    assert lib.ask("statistics office Eastvale").passages  # BM25, no wait
    assert libraries.fill_vectors(timeout=60)
    assert lib.searchable_by_meaning(article.id)
    assert lib.vector_coverage() == (3, 3)


def test_a_question_in_everyday_words_is_answered_by_meaning(libraries) -> None:
    lib = _filled(libraries)
    answer = lib.ask("how many visitors will come to the festival?", k=1)
    assert answer.passages, answer.missing
    passage = answer.passages[0]
    assert passage.article.title.startswith("Orchard festival") and passage.paragraph == 2
    assert passage.by == "meaning"


def test_a_question_sharing_the_articles_words_is_answered_by_words(libraries) -> None:
    lib = _filled(libraries)
    passage = lib.ask("How many posts did the Harlow steelworks shed?", k=1).passages[0]
    assert passage.paragraph == 2 and passage.by == "words" and "steelworks" in passage.matched


def test_a_name_no_article_mentions_is_still_refused(libraries) -> None:
    lib = _filled(libraries)
    answer = lib.ask("What did Kowalczyk say about joblessness?")
    assert answer.passages == () and "Kowalczyk" in answer.missing


def test_an_unrelated_question_is_refused(libraries) -> None:
    lib = _filled(libraries)
    assert lib.ask("what is the best recipe for chocolate brownies?").passages == ()


def test_a_passage_found_by_meaning_marks_its_nearest_sentence(libraries) -> None:
    lib = _filled(libraries)
    passage = lib.ask("is it getting more expensive to take the bus?", k=1).passages[0]
    assert passage.paragraph == 3 and passage.by == "meaning"
    assert passage.sentence.startswith("Bus fares in the town will rise")


def test_a_library_opened_without_some_vectors_fills_them_in_the_background(tmp_path) -> None:
    plain = Libraries(tmp_path / "data")  # meaning search off: stores no vectors
    plain.get("default").add_draft(STEELWORKS)
    plain.close()
    libs = Libraries(tmp_path / "data", semantic=True)
    try:
        lib = libs.get("default")
        assert libs.semantic.filler.wait_idle(60)
        assert lib.vector_coverage() == (3, 3)
    finally:
        libs.close()


class _OtherModel(Embedder):
    """The same network under another version tag: stands for a model upgrade."""

    def __init__(self) -> None:
        super().__init__()
        self.version = self.version + ":other"


def test_vectors_of_another_model_are_made_again(tmp_path) -> None:
    first = Libraries(tmp_path / "data", semantic=default_embedder(), background=False)
    first.get("default").add_draft(STEELWORKS)
    assert first.fill_vectors(60)
    first.close()
    second = Libraries(tmp_path / "data", semantic=_OtherModel(), background=False)
    try:
        lib = second.get("default")
        assert lib.vector_coverage() == (0, 3)  # the old model's vectors are not used
        assert second.fill_vectors(60)
        assert lib.vector_coverage() == (3, 3)
    finally:
        second.close()


def test_removing_an_article_removes_its_vectors(libraries) -> None:
    lib = _filled(libraries)
    lib.remove("Eastvale counts")
    assert lib.vector_coverage() == (2, 2)
    assert all(p.article.title.startswith("Orchard")
               for p in lib.ask("is it getting more expensive to take the bus?").passages)


def test_a_scoped_question_answers_from_that_article_only(libraries) -> None:
    lib = _filled(libraries)
    answer = lib.ask("how many visitors will come?", articles=["Orchard festival"])
    assert answer.passages and {p.article.title for p in answer.passages} == {ORCHARD.title}


def test_a_paragraph_is_embedded_whole_and_sentence_by_sentence() -> None:
    units = meaning_units("First sentence here. Second one follows on. Tiny.")
    assert units[0] == "First sentence here. Second one follows on. Tiny."
    assert units[1:] == ["First sentence here.", "Second one follows on."]
    assert meaning_units("Just one sentence here.") == ["Just one sentence here."]


def test_vectors_another_process_stored_are_taken_up(tmp_path) -> None:
    running = Libraries(tmp_path / "data", semantic=True, background=False)
    try:
        lib = running.get("default")
        # another process (a CLI `add`) stores an article, then embeds it itself
        other = Libraries(tmp_path / "data", semantic=True, background=False)
        other.get("default").add_draft(STEELWORKS)
        lib.articles()  # the running process notices the article before its vectors exist
        assert lib.vector_coverage() == (0, 3)
        assert other.fill_vectors(60)
        other.close()
        assert running.fill_vectors(60)  # nothing left to embed: the stored ones are read
        assert lib.vector_coverage() == (3, 3)
    finally:
        running.close()


def test_background_embedding_waits_while_questions_are_answered() -> None:
    from index.meaning.filler import VectorFiller

    busy = [True]
    done: list[int] = []

    class Work:
        name = "w"

        def fill_vectors(self, limit: int) -> int:
            done.append(limit)
            return 0

    filler = VectorFiller(pause_while=lambda: busy[0])
    filler.notify(Work())
    assert not filler.wait_idle(0.3) and done == []  # held while busy
    busy[0] = False
    assert filler.wait_idle(5) and done == [filler.batch]
    filler.stop()
