"""Quote spans: marks, multi-paragraph quotes, partial and scare quotes, bad input."""

from __future__ import annotations

import time

import pytest

from index.quotes.extract import extract_quotes


def test_straight_double_quotes_are_found_without_marks():
    [q] = extract_quotes(['"The ferry is late again," said commuter Jo Banks.'])
    assert q.text == "The ferry is late again,"
    assert q.paragraph == 1


def test_start_is_offset_of_first_quoted_word():
    text = "At noon, Banks said: “Enough is enough.”"
    [q] = extract_quotes([text])
    assert text[q.start :].startswith("Enough is enough")


def test_guillemets_are_quotation_marks():
    [q] = extract_quotes(["«We will rebuild the bridge», said mayor Claire Roux."])
    assert q.text == "We will rebuild the bridge"
    assert q.speaker == "Claire Roux"


def test_nyt_double_apostrophes_are_quotation_marks():
    [q] = extract_quotes(["''We will not raise the toll,'' Mr. Banks said."])
    assert q.text == "We will not raise the toll,"
    assert q.speaker == "Banks"


def test_single_quotes_nested_in_double_stay_inside_the_quote():
    [q] = extract_quotes(["“They told us ‘wait a week’ and then said nothing,” Banks said."])
    assert q.text == "They told us ‘wait a week’ and then said nothing,"


def test_multi_paragraph_quote_is_one_quote():
    quotes = extract_quotes(
        [
            "“We have waited two years for this bridge,” said residents’ chair Helen Marsh.",
            "“The shops on the north bank have lost half their trade.",
            "“Now we want a date,” she said.",
        ]
    )
    assert len(quotes) == 2
    long = quotes[1]
    assert long.paragraph == 2 and long.end_paragraph == 3
    assert long.text.startswith("The shops") and long.text.endswith("want a date,")
    assert long.speaker == "Helen Marsh"


def test_partial_quote_inside_reported_speech_is_credited():
    [q] = extract_quotes(["Marsh said the delay was “simply not good enough” for local traders."])
    assert q.text == "simply not good enough"
    assert q.speaker == "Marsh"


def test_scare_quote_with_no_speech_cue_is_not_a_quote():
    scare = "The so-called “smart” cables cost twice as much as ordinary ones."
    assert extract_quotes([scare]) == []


def test_film_title_with_no_speaker_is_not_a_quote():
    assert extract_quotes(["The cinema on the quay is showing “Harbour Lights” all week."]) == []


def test_quote_with_no_speaker_anywhere_is_kept_without_a_name():
    [q] = extract_quotes(["“Nobody knows when the last ferry leaves, and nobody asks anymore.”"])
    assert q.speaker is None


def test_unbalanced_mark_does_not_swallow_the_next_paragraphs():
    quotes = extract_quotes(
        [
            "Banks said the toll was “too high for families.",
            "The council meets on Friday.",
            "“We will listen,” council leader Anna Weiss said.",
        ]
    )
    assert [q.paragraph for q in quotes][-1] == 3
    assert quotes[-1].speaker == "Anna Weiss"
    assert all("council meets" not in q.text for q in quotes)


def test_stray_closing_mark_is_ignored():
    quotes = extract_quotes(["The toll” rose again.", "“Too much,” Banks said."])
    assert [q.text for q in quotes] == ["Too much,"]


def test_hundreds_of_quotes_are_all_found():
    paragraphs = [f"“Reading number {i} is fine,” inspector Lara Voss said." for i in range(400)]
    quotes = extract_quotes(paragraphs)
    assert len(quotes) == 400
    assert {q.speaker for q in quotes} == {"Lara Voss"}
    assert quotes[-1].paragraph == 400


def test_non_latin_names_are_speakers():
    [q] = extract_quotes(["“Мы восстановим мост,” said Иван Петров."])
    assert q.text == "Мы восстановим мост,"
    assert q.speaker == "Иван Петров"
    [q] = extract_quotes(["“The bridge is safe,” engineer Владимир Орлов said."])
    assert q.speaker == "Владимир Орлов"


def test_empty_and_lone_marks_give_no_quotes():
    assert extract_quotes([]) == []
    assert extract_quotes(["", "   ", "“", "”", '"', "''", "«»"]) == []
    assert extract_quotes(["“" * 50, "”" * 50, "a “b” c “d"]) == []


def test_article_id_left_empty():
    [q] = extract_quotes(["“Fine,” Banks said."])
    assert q.article_id == ""


# Adversarial input (issue 12): span matching must be linear. Before, 5 MB of marks took
# over ten minutes; the bound here is loose on purpose (a shared, loaded machine) and
# would still catch the quadratic bookkeeping, which needs minutes at this size.
_ADVERSARIAL_BYTES = 2 * 1024 * 1024
_LOOSE_BOUND_S = 30.0


def _extract_timed(paragraphs: list[str]) -> tuple[list, float]:
    t0 = time.perf_counter()
    quotes = extract_quotes(paragraphs)
    return quotes, time.perf_counter() - t0


@pytest.mark.parametrize("unit", ['"', "\u201c\u201d "])
def test_megabytes_of_only_quotation_marks_finish_quickly(unit):
    text = unit * (_ADVERSARIAL_BYTES // len(unit))
    quotes, seconds = _extract_timed(["The council met on Monday.", text])
    assert seconds < _LOOSE_BOUND_S
    assert all(any(ch.isalnum() for ch in q.text) for q in quotes)


_DOUBLE_LEAD = '"We will reopen the bridge in March," said mayor Claire Roux.'
# British style: the article quotes with straight single marks, so they are read as quotes
_SINGLE_LEAD = "'We will reopen the bridge in March,' said mayor Claire Roux."


@pytest.mark.parametrize(("lead", "unit"), [
    (_DOUBLE_LEAD, '"a '), (_DOUBLE_LEAD, "\u2018a "), (_DOUBLE_LEAD, '"Yes," he said. '),
    (_SINGLE_LEAD, "'a' "), (_SINGLE_LEAD, "'Yes,' he said. "), (_SINGLE_LEAD, "'xs' a "),
])
def test_megabytes_of_unbalanced_marks_finish_quickly(lead, unit):
    text = unit * (_ADVERSARIAL_BYTES // len(unit))
    quotes, seconds = _extract_timed([lead, text])
    assert seconds < _LOOSE_BOUND_S
    assert quotes[0].text == "We will reopen the bridge in March,"
    assert quotes[0].speaker == "Claire Roux"


def _named_body(i: int) -> str:
    letters = "bcdfghklmnprst"
    return "".join(letters[(i // 14 ** k) % 14] + "ax" for k in range(3)).title()


def test_megabytes_of_named_bodies_and_the_board_said_finish_quickly():
    # every "the board said" looks back over the bodies named before it: an index, not a
    # walk over all of them (quadratic: minutes at this size)
    unit = 'The {} Board met. "Yes, we agree," the board said. '
    count = _ADVERSARIAL_BYTES // len(unit.format("Xaxxaxxax"))
    text = "".join(unit.format(_named_body(i)) for i in range(count))
    quotes, seconds = _extract_timed([text])
    assert seconds < _LOOSE_BOUND_S
    assert quotes[0].speaker == f"{_named_body(0)} Board"
    assert quotes[1].speaker is None  # two boards named by then: which one is unclear


def test_quote_reopened_after_a_lost_paragraph_break_is_one_quote():
    quotes = extract_quotes([
        'Mayor Claire Roux said: "The bridge will reopen in March. "Nobody will pay a toll this '
        'year."'
    ])
    assert [q.text for q in quotes] == ["The bridge will reopen in March. Nobody will pay a toll "
                                        "this year."]
    assert quotes[0].speaker == "Claire Roux"


def test_a_reporter_sentence_after_a_lost_closer_ends_the_quote_before_it():
    quotes = extract_quotes([
        'Mayor Claire Roux said: "The bridge will reopen in March. Roux\'s only worry was that '
        'her council had spent too much. "We should have asked for help," said Roux.'
    ])
    assert [q.text for q in quotes] == ["The bridge will reopen in March.",
                                        "We should have asked for help,"]
    assert [q.speaker for q in quotes] == ["Claire Roux", "Claire Roux"]


def test_a_quoted_sentence_about_someone_else_in_the_first_person_is_still_quoted():
    quotes = extract_quotes([
        'Mayor Claire Roux said: "The bridge will reopen in March. Vane\'s firm told me it '
        'would cost less. "Nobody will pay a toll this year."'
    ])
    assert len(quotes) == 1 and quotes[0].text.endswith("this year.")


def test_new_opening_mark_mid_sentence_still_starts_a_new_quote():
    quotes = extract_quotes(['Roux called it "a disgrace and Vale called it "a triumph" on '
                             'Monday.'])
    assert len(quotes) == 2


def test_a_contraction_is_no_name_that_ends_a_quote_early():
    quotes = extract_quotes([
        '"He served better than me," said Tom Vane. "He was quicker. That\'s what he did all '
        'week. "I had my chances," Vane added.'
    ])
    # the reopened quote goes on as the same one: no sentence of it is taken for narrative
    assert len(quotes) == 2
    assert quotes[1].text.startswith("He was quicker. That's what he did all week. I had")


def test_an_article_quoting_with_straight_single_marks_is_read_in_british_style():
    quotes = extract_quotes([
        "Mayor Tom Vane said the bridge would reopen. 'We will not close the harbour,' he said.",
        "'The players' union is strong,' said Ann Lee, who called the plan 'a disgrace'.",
        "Rock 'n' roll fans and 'bot nets aside, she added: 'It's the '90s all over again.'",
        "'I thought \"wow\", so I grabbed the binoculars,' Vane said.",
    ])
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will not close the harbour,", "Tom Vane"),
        ("The players' union is strong,", "Ann Lee"),
        ("a disgrace", "Ann Lee"),
        ("It's the '90s all over again.", "Ann Lee"),
        ('I thought "wow", so I grabbed the binoculars,', "Tom Vane"),
    ]


def test_apostrophes_in_an_article_that_quotes_with_double_marks_open_no_quote():
    quotes = extract_quotes([
        "The study of zombie or 'bot nets was done by the Harbour Project, which runs "
        "\"honey pots\" for hackers.",
        "While 'bot nets are known, 'bot net owners hide. \"They are everywhere,\" said Ann Lee.",
    ])
    assert [q.text for q in quotes] == ["They are everywhere,"]


def test_the_inch_mark_of_a_height_is_part_of_the_quote():
    quotes = extract_quotes([
        "Tom Vane spoke in Leeds on Sunday.",
        "\u201cHe keeps calling me names. He is like 6\u20192\u201d,\u201d Vane said as the "
        "crowd laughed.",
        "\u201cWhich is why I wonder about someone who is 5\u20192\u201d. You know what they "
        "say? You can\u2019t trust them.\u201d",
    ])
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Tom Vane", "He keeps calling me names. He is like 6\u20192\u201d,"),
        ("Tom Vane", "Which is why I wonder about someone who is 5\u20192\u201d. You know what "
                     "they say? You can\u2019t trust them."),
    ]


def test_a_quote_nested_in_the_same_marks_stays_inside_the_outer_quote():
    quotes = extract_quotes([
        "\u201cI\u2019d rather walk than pay what they call \u201cfair fares\u201d for a bus "
        "that never comes,\u201d said Tom Vane.",
        "\u201cWe will fight them all the way.\u201d \u201cNever,\u201d she said.",
    ])
    assert [(q.speaker, q.text) for q in quotes][0] == (
        "Tom Vane",
        "I\u2019d rather walk than pay what they call \u201cfair fares\u201d for a bus that "
        "never comes,",
    )
    assert [q.text for q in quotes][1:] == ["We will fight them all the way.", "Never,"]
