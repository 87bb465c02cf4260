"""Recognizing page furniture without losing article sentences."""

import pytest

from index.ingest.boilerplate import (
    dateline_end,
    is_boilerplate,
    strip_boilerplate,
    strip_inline_furniture,
)


@pytest.mark.parametrize(
    "line",
    [
        "No comments:",
        "Post a Comment",
        "Note: Only a member of this blog may post a comment.",
        "Newer Post Older Post Home",
        "Subscribe to: Post Comments (Atom)",
        "Share this article",
        "Follow us on Twitter",
        "Sign up for our newsletter",
        "Sign up for our morning newsletter to get the headlines first",
        "Advertisement",
        "ADVERTISEMENT",
        "Read more: How the harbour bridge repairs fell behind schedule",
        "READ MORE",
        "Related: Ferry fares to be halved",
        "© 2025 Northport Gazette. All rights reserved.",
        "Copyright 2025 Northport Gazette",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Reporting by Jane Roe; Editing by Tom Vale",
        "Posted by Jane Roe at 10:15 AM",
    ],
)
def test_furniture_lines_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister declined to comment.",
        "A council spokesman did not respond to a request for comment on Tuesday.",
        "Residents can post a comment on the consultation until Friday, the council said.",
        "Share prices fell 4% after the announcement.",
        "Copyright lawyers said the ruling would be appealed.",
        "Reporting by the Gazette showed the council had overspent by £2m.",
        "Read the full report, the harbour master said, and you will see the cracks.",
        "Advertisement revenue at the paper fell by a fifth last year.",
        "Follow the money, the auditor told councillors.",
    ],
)
def test_sentences_mentioning_furniture_words_are_kept(sentence):
    assert not is_boilerplate(sentence)


def test_trailing_blog_footer_run_is_stripped():
    body = [
        "The bridge will reopen on 4 March.",
        "Ferries will run every twenty minutes until then.",
        "No comments:",
        "Post a Comment",
        "Note: Only a member of this blog may post a comment.",
    ]
    assert strip_boilerplate(body) == body[:2]


def test_isolated_advertisement_in_the_middle_is_dropped():
    body = ["First paragraph of the story.", "Advertisement", "Second paragraph of the story."]
    assert strip_boilerplate(body) == [body[0], body[2]]


def test_weak_footer_words_are_dropped_only_at_the_end():
    body = ["Home", "The Home Office said the rules would change.", "Tags: harbour, bridge", "Home"]
    assert strip_boilerplate(body) == body[:2]


def test_long_paragraph_starting_like_a_footer_is_kept():
    long = "Read more about it: " + "the council said the work would take longer than planned " * 5
    assert strip_boilerplate([long]) == [long]


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("(CNN) -- The ferry sank.", "The ferry sank."),
        ("Northport, Kelland (CNN) -- The ferry sank.", "The ferry sank."),
        ("NORTHPORT (Reuters) - Shares fell.", "Shares fell."),
        ("(CNN)The ferry sank.", "The ferry sank."),
        ("NORTHPORT, Dec. 8 (UPI) \u2014 The ferry sank.", "The ferry sank."),
        ("NEW NORTHPORT -- The ferry sank.", "The ferry sank."),
    ],
)
def test_wire_dateline_is_recognized(text, rest):
    assert text[dateline_end(text):] == rest


@pytest.mark.parametrize(
    "text",
    ["The ferry sank near Northport.", "Officials told CNN (CNN) that the ferry sank.",
     "NATO - the alliance - met.", "A - the first grade - rose.", "BBC said - in the end - yes."],
)
def test_text_without_a_leading_dateline_has_none(text):
    assert dateline_end(text) == 0


def test_furniture_sentence_inside_a_paragraph_is_dropped():
    paragraph = "The pier reopened on Monday. Scroll down for video . Crowds gathered at noon."
    expected = "The pier reopened on Monday. Crowds gathered at noon."
    assert strip_inline_furniture(paragraph) == expected


def test_sentence_merely_mentioning_a_video_is_kept():
    paragraph = "The pier reopened on Monday. A video shows crowds scrolling down the quay."
    assert strip_inline_furniture(paragraph) == paragraph


def test_furniture_sentences_are_dropped_from_stripped_paragraphs():
    paragraphs = ["The pier reopened. Advertisement. Crowds gathered.", "Ferries ran late."]
    expected = ["The pier reopened. Crowds gathered.", "Ferries ran late."]
    assert strip_boilerplate(paragraphs) == expected
