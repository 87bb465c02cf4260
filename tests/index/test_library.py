"""The library facade: adding, de-duplicating, resolving, removing, export and import."""

import json

import pytest

from index.errors import AmbiguousArticle, ArticleNotFound, ImportFormatError, InputError
from index.library import Libraries
from index.models import ArticleDraft
from tests.conftest import ARTICLES


def test_folder_adds_every_article_with_its_byline(filled):
    titles = {a.title: a for a in filled.articles()}
    assert len(titles) == 3
    opening = titles["New city library opens after three-year build"]
    assert opening.authors == ("Tom Okafor", "Lena Fischer")
    assert len(opening.paragraphs) == 4  # the blog footer is not body


def test_same_article_twice_is_stored_once_and_named(filled):
    before = len(filled)
    report = filled.add_inputs([str(ARTICLES / "ferry_strike.txt")])
    [outcome] = report.outcomes
    assert outcome.duplicate_of is not None and "Ferry crews" in outcome.duplicate_of.title
    assert len(filled) == before and not report.refused


def test_duplicate_is_judged_by_normalized_body(library):
    draft = ArticleDraft(title="A", paragraphs=("\u201cYes,\u201d she said.", "Second one."))
    twin = ArticleDraft(title="Another title", paragraphs=('"yes,"  she said.', "SECOND ONE."))
    first = library.add_draft(draft)
    second = library.add_draft(twin)
    assert second.duplicate_of == first.article


def test_resolve_by_id_prefix_and_title_part(filled):
    ferry = filled.resolve("ferry crews")
    assert filled.resolve(ferry.id) == ferry
    assert filled.resolve(ferry.id[:6]) == ferry


def test_ambiguous_reference_lists_candidates(filled):
    with pytest.raises(AmbiguousArticle) as err:
        filled.resolve("OUT")  # "walk out over..." and "wipes out half..."
    assert len(err.value.candidates) >= 2
    assert all(aid in str(err.value) for aid, _ in err.value.candidates)


def test_unknown_reference_says_so(filled):
    with pytest.raises(ArticleNotFound, match="no stored article matches 'volcano'"):
        filled.resolve("volcano")


def test_remove_forgets_paragraphs_and_quotes(filled):
    ferry = filled.resolve("Ferry crews")
    filled.remove(ferry.id)
    assert ferry.id not in {a.id for a in filled.articles()}
    assert not filled.ask("Why did the ferry crews walk out?").passages
    assert all(q.article_id != ferry.id for q, _ in filled.quotes().quotes)


def test_index_survives_a_restart_without_reindexing(tmp_path):
    libs = Libraries(tmp_path)
    libs.get("default").add_inputs([str(ARTICLES)])
    libs.close()
    reopened = Libraries(tmp_path).get("default")
    answer = reopened.ask("How many books does the library hold?")
    assert answer.passages[0].paragraph == 2


def test_libraries_are_isolated(libraries):
    libraries.get("111").add_inputs([str(ARTICLES / "orchard_frost.txt")])
    other = libraries.get("222")
    assert other.articles() == [] and other.speakers() == []
    assert not other.ask("apple blossom frost").passages


def test_export_then_import_into_another_library(filled, libraries, tmp_path):
    path = tmp_path / "export.jsonl"
    assert filled.export_to(path) == 3
    target = libraries.get("copy")
    added, skipped = target.import_from(path)
    assert len(added) == 3 and skipped == []
    added, skipped = target.import_from(path)
    assert added == [] and len(skipped) == 3


def test_damaged_import_names_the_line_and_imports_nothing(filled, libraries, tmp_path):
    path = tmp_path / "export.jsonl"
    filled.export_to(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][:40]  # cut a record in half
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = libraries.get("copy")
    with pytest.raises(ImportFormatError, match="line 3"):
        target.import_from(path)
    assert target.articles() == []


def test_import_refuses_a_file_that_is_not_an_export(library, tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"title": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="line 1"):
        library.import_from(path)


def test_pasted_text_with_lone_surrogates_is_stored_with_replacement_characters(library):
    outcome = library.add_text(
        "Quay \ud800 closes\n\nThe quay closed on Friday \udc00 for repairs."
    )
    assert outcome.article is not None and outcome.article.title == "Quay \ufffd closes"
    assert library.ask("When did the quay close?").passages
    assert library.ask("quay \ud800 repairs").passages


def test_a_flood_of_tiny_paragraphs_is_refused_with_the_count(library, tmp_path):
    path = tmp_path / "flood.txt"
    path.write_text("Flood\n\n" + "\n\n".join(["pier"] * 6000) + "\n", encoding="utf-8")
    [outcome] = library.add_inputs([str(path)]).outcomes
    assert outcome.error is not None and "6,000 paragraphs" in outcome.error
    assert "at most 5,000" in outcome.error and len(library) == 0


def test_a_word_list_is_refused_before_it_is_indexed(library):
    draft = ArticleDraft(title="Words", paragraphs=(" ".join(f"qu{i}x" for i in range(60_000)),))
    with pytest.raises(InputError, match="different words"):
        library.add_draft(draft)
    assert len(library) == 0 and library.store.known_term_id("qu1x") is None


def test_an_overlong_paragraph_is_cut_at_sentence_ends(library):
    sentence = "The ferry to Port Ellery was delayed again on Tuesday morning. "
    body = (sentence * 400).strip()  # about 25,000 characters in one paragraph
    outcome = library.add_draft(ArticleDraft(title="Ferry delays", paragraphs=(body,)))
    pieces = outcome.article.paragraphs
    assert len(pieces) == 3 and all(len(p) <= 10_000 for p in pieces)
    assert all(p.endswith("morning.") for p in pieces)
    assert " ".join(pieces).split() == body.split()  # nothing lost or reordered
