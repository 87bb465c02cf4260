"""Bodies that speak: credited to the organisation the article named, acronyms written out."""

from __future__ import annotations

from index.quotes.extract import extract_quotes
from index.quotes.speakers import match_quotes


def test_the_magazine_said_is_credited_to_the_magazine_named_earlier():
    quotes = extract_quotes([
        "Trade magazine Harbour Weekly has ranked the ports of the north coast.",
        "“Eastfield is the busiest port in the region,” said the magazine.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [("Harbour Weekly", None)]


def test_according_to_the_report_credits_the_body_that_wrote_it():
    quotes = extract_quotes([
        "The Coastal Audit Office report found the ferry contract was poorly run.",
        "According to the report, the contract was “drawn up in a hurry”.",
    ])
    assert [q.speaker for q in quotes] == ["Coastal Audit Office"]


def test_a_body_the_article_never_named_stays_unnamed():
    quotes = extract_quotes(["“Fares will not rise this year,” the company said on Friday."])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "the company")]


def test_acronym_is_written_out_and_found_by_either_form():
    quotes = extract_quotes([
        "Factory output rose in May, the Northern Institute for Shipping Data said.",
        "The NISD said orders were “stronger than at any time since 2019”.",
    ])
    assert quotes[0].speaker == "Northern Institute for Shipping Data (NISD)"
    assert match_quotes("NISD", quotes) == quotes
    assert match_quotes("Northern Institute for Shipping Data", quotes) == quotes


def test_the_board_of_a_named_club_speaks_for_the_club():
    quotes = extract_quotes([
        "The bid was deemed “far too low” by Eastfield United's board when it met on Monday.",
    ])
    assert [q.speaker for q in quotes] == ["Eastfield United"]
    assert match_quotes("Eastfield United", quotes) == quotes


def test_a_party_named_by_its_members_speaks_as_a_body():
    quotes = extract_quotes([
        "The ferry cuts were called a mistake. “This is a betrayal of the coast,” the Liberal "
        "Democrats said.",
    ])
    assert [q.speaker for q in quotes] == ["Liberal Democrats"]
