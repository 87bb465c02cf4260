"""Ingestion cuts text at sentence ends with the one splitter (index/sentences.py): a
title made from a first sentence and a long paragraph cut in pieces never stop at a
title's full stop ("Mr.", "Dr.") or inside an abbreviation."""

from index.ingest.limits import MAX_PARAGRAPH_CHARS, split_long_paragraphs
from index.ingest.titles import first_sentence_title, is_title_line


def test_a_title_from_the_first_sentence_runs_past_a_courtesy_title() -> None:
    text = ("Mr. Okafor opened the new ferry terminal on Monday. Passengers queued from dawn "
            "to board the first crossing.")
    assert first_sentence_title(text) == "Mr. Okafor opened the new ferry terminal on Monday"


def test_a_title_from_the_first_sentence_drops_a_cnn_dateline() -> None:
    text = "PORTSMOUTH, England (CNN) -- Dock workers voted to strike. Talks resume Friday."
    assert first_sentence_title(text) == "Dock workers voted to strike"


def test_a_long_first_line_of_several_sentences_is_not_a_title() -> None:
    line = ("The council met on Tuesday to discuss the harbour budget for the coming year. "
            "Members agreed to delay the vote until the engineers report in March.")
    assert len(line) > 120 and not is_title_line(line)


def test_a_long_first_line_with_only_a_title_abbreviation_is_a_title() -> None:
    line = ("Dr. Ana Ruiz, the harbour engineer who found cracks in two support cables during "
            "the winter inspection, is asked back to lead the repairs")
    assert len(line) > 120 and is_title_line(line)


def test_a_long_paragraph_is_cut_at_a_sentence_end_not_after_mr() -> None:
    sentence = "The ferry to the island ran late again on Monday morning. "
    tricky = "Passengers complained to Mr. Okafor about the delay. "
    text = (sentence * 200)[: MAX_PARAGRAPH_CHARS - 500] + tricky * 40
    pieces = split_long_paragraphs([text])
    assert len(pieces) >= 2 and all(len(p) <= MAX_PARAGRAPH_CHARS for p in pieces)
    assert all(p.endswith(".") for p in pieces[:-1])
    assert not any(p.endswith("Mr.") for p in pieces)
    assert " ".join(pieces) == " ".join(text.split())


def test_a_long_run_without_sentence_ends_is_cut_at_a_space() -> None:
    text = "harbour " * 3000
    pieces = split_long_paragraphs([text])
    assert all(len(p) <= MAX_PARAGRAPH_CHARS for p in pieces)
    assert " ".join(pieces) == " ".join(text.split())
