"""Sentence splitting on made-up news text with the traps real copy has."""

import pytest

from index.sentences import quote_groups, sentence_spans, split_sentences


def test_titles_do_not_end_a_sentence():
    text = "Mr. Okafor met Dr. Lind and Gen. Baptiste. They spoke for an hour."
    assert split_sentences(text) == [
        "Mr. Okafor met Dr. Lind and Gen. Baptiste.",
        "They spoke for an hour.",
    ]


def test_mrs_and_st_inside_a_sentence():
    text = "Mrs. Varga opened the St. Brigid clinic. Patients queued outside."
    assert split_sentences(text)[0] == "Mrs. Varga opened the St. Brigid clinic."


def test_dotted_acronym_inside_a_sentence_is_kept():
    text = "The U.S. Treasury and the U.K. regulator agreed. Markets rose."
    assert split_sentences(text) == [
        "The U.S. Treasury and the U.K. regulator agreed.",
        "Markets rose.",
    ]


def test_dotted_acronym_ending_a_sentence_splits_before_an_opener():
    text = "The company moved to the U.S. The decision surprised staff."
    assert split_sentences(text) == [
        "The company moved to the U.S.",
        "The decision surprised staff.",
    ]


def test_times_and_dates_stay_in_one_sentence():
    text = "The vote opens at 9 a.m. on Jan. 14 and closes at 6 p.m. on Feb. 2. Turnout is low."
    assert split_sentences(text) == [
        "The vote opens at 9 a.m. on Jan. 14 and closes at 6 p.m. on Feb. 2.",
        "Turnout is low.",
    ]


def test_time_ending_a_sentence_splits_before_an_opener():
    text = "The ferry left at 7 p.m. It never arrived."
    assert split_sentences(text) == ["The ferry left at 7 p.m.", "It never arrived."]


def test_number_abbreviation_before_a_digit():
    text = "No. 4 Quay Street was sold. Buyers queued."
    assert split_sentences(text) == ["No. 4 Quay Street was sold.", "Buyers queued."]


def test_company_suffixes_and_versus():
    text = "Brightwater Inc. sued Kessel Ltd. in March, in Brightwater vs. Kessel. A ruling is due."
    assert split_sentences(text) == [
        "Brightwater Inc. sued Kessel Ltd. in March, in Brightwater vs. Kessel.",
        "A ruling is due.",
    ]


def test_company_suffix_ending_a_sentence():
    text = "The contract went to Norland Corp. Its rival will appeal."
    assert split_sentences(text) == ["The contract went to Norland Corp.", "Its rival will appeal."]


def test_initials_of_a_name_are_not_boundaries():
    text = "The novel by P. D. Marlowe sold a million copies. A sequel is planned."
    assert split_sentences(text) == [
        "The novel by P. D. Marlowe sold a million copies.",
        "A sequel is planned.",
    ]


def test_decimals_money_and_percentages():
    text = "Revenue rose 2.5% to $10.9bn, or £8.4bn. The shares closed at 3.30 pence."
    assert split_sentences(text) == [
        "Revenue rose 2.5% to $10.9bn, or £8.4bn.",
        "The shares closed at 3.30 pence.",
    ]


def test_full_stop_inside_closing_straight_quote_ends_the_sentence():
    text = 'She said the deal was "done." Talks ended on Friday.'
    assert split_sentences(text) == ['She said the deal was "done."', "Talks ended on Friday."]


def test_full_stop_inside_closing_curly_quote_ends_the_sentence():
    text = "\u201cWe will rebuild.\u201d The mayor then left the stage."
    assert split_sentences(text) == [
        "\u201cWe will rebuild.\u201d",
        "The mayor then left the stage.",
    ]


def test_question_in_quotes_followed_by_attribution_is_one_sentence():
    text = "\u201cWho pays for this?\u201d asked one resident. Nobody answered."
    assert split_sentences(text) == [
        "\u201cWho pays for this?\u201d asked one resident.",
        "Nobody answered.",
    ]


def test_comma_inside_quote_does_not_split():
    text = "\u201cThe bridge is safe,\u201d the engineer said. Traffic resumed."
    assert split_sentences(text)[0] == "\u201cThe bridge is safe,\u201d the engineer said."


def test_sentence_running_into_a_quote_ends_after_the_quote():
    text = "The minister said: \u201cWe are ready.\u201d Critics were unconvinced."
    assert split_sentences(text) == [
        "The minister said: \u201cWe are ready.\u201d",
        "Critics were unconvinced.",
    ]


def test_ellipsis_before_a_capital_ends_a_sentence():
    text = "The crowd waited... Then the lights went out."
    assert split_sentences(text) == ["The crowd waited...", "Then the lights went out."]


def test_ellipsis_before_lowercase_continues_the_sentence():
    text = "It was the end\u2026 of an era, fans said. They left."
    assert split_sentences(text) == ["It was the end\u2026 of an era, fans said.", "They left."]


def test_headline_without_full_stop_stands_alone():
    text = "Harbour bridge to reopen\n\nEngineers finished the repairs. Traffic returns Monday."
    assert split_sentences(text) == [
        "Harbour bridge to reopen",
        "Engineers finished the repairs.",
        "Traffic returns Monday.",
    ]


def test_text_without_full_stops_is_one_sentence():
    assert split_sentences("Council approves new budget") == ["Council approves new budget"]


def test_empty_and_blank_text_have_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []


def test_spans_point_at_the_sentences_in_the_original_text():
    text = "  First point here.  Second one, with Mr. Ade!  Third? "
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "First point here.",
        "Second one, with Mr. Ade!",
        "Third?",
    ]


def test_space_before_full_stop_still_ends_a_sentence():
    text = "The clinic shut . Staff were told on Monday ."
    assert split_sentences(text) == ["The clinic shut .", "Staff were told on Monday ."]


def _sizes(text):
    return [(g.sentences, g.whole) for g in quote_groups(text)]


def test_curly_quoted_speech_over_two_sentences_stays_together():
    text = (
        "\u201cThe pier is safe again. Ferries can dock from Monday,\u201d the harbour master "
        "said. Repairs cost \u00a32m."
    )
    assert _sizes(text) == [(2, True), (1, True)]


def test_straight_quoted_speech_with_a_title_stays_together():
    text = '"We have the money. The work starts in May," Ms. Dale said. The vote was close.'
    assert _sizes(text) == [(2, True), (1, True)]


def test_single_quoted_speech_over_three_sentences_stays_together():
    text = "'Nobody was hurt. The crew acted fast. We are grateful,' she said. Trains resumed."
    assert _sizes(text) == [(3, True), (1, True)]


def test_quote_closed_within_its_sentence_leaves_the_next_one_apart():
    text = "It was a \u201cconstructive signal.\u201d The talks resume on Friday."
    assert _sizes(text) == [(1, True), (1, True)]


def test_apostrophes_are_not_quotation_marks():
    text = "The players' union won't sign. Kelby's mayor said it's over. The club's fans left."
    assert _sizes(text) == [(1, True), (1, True), (1, True)]


def test_unclosed_quotation_mark_keeps_the_rest_of_the_paragraph_out():
    text = 'A sign read "closed. ' + " ".join(f"Ferry {i} sailed late." for i in range(1, 4))
    assert _sizes(text) == [(4, False)]


# --- quotations kept whole ----------------------------------------------------------------


def _groups(text):
    return [(text[g.start:g.end], g.sentences, g.whole) for g in quote_groups(text)]


def test_quotation_over_two_sentences_is_one_group():
    text = '"The pier is ready. Ferries run hourly," she said. The crowd cheered.'
    assert _groups(text) == [
        ('"The pier is ready. Ferries run hourly," she said.', 2, True),
        ("The crowd cheered.", 1, True),
    ]


def test_curly_quotation_over_sentences_is_one_group():
    text = "Ana Brook said: \u201cIt is done. Go home.\u201d Traffic resumed."
    assert [g[1] for g in _groups(text)] == [2, 1]


def test_quotation_running_on_past_the_paragraph_is_not_whole():
    text = 'The mayor said: "We will rebuild the wall. It will be higher.'
    assert _groups(text) == [(text, 2, False)]


def test_paragraph_continuing_a_quotation_from_the_one_before_is_not_whole():
    text = 'we will never stop." The crowd cheered.'
    assert _groups(text) == [('we will never stop."', 1, False), ("The crowd cheered.", 1, True)]


def test_reopened_quotation_where_a_paragraph_break_was_lost_is_not_whole():
    text = 'She said: "The wall is finished. "The path reopens on Monday." Traffic resumed.'
    groups = _groups(text)
    assert groups[0] == ('She said: "The wall is finished.', 1, False)
    assert groups[1] == ('"The path reopens on Monday."', 1, True)


def test_apostrophes_and_elisions_do_not_make_quotations():
    text = "The players' union met in the '90s hall. Fans cheered. Rock 'n' roll played."
    assert [g[1:] for g in _groups(text)] == [(1, True), (1, True), (1, True)]


def test_single_quoted_speech_over_sentences_is_one_group():
    text = "The union said 'no more. Never again,' and left. Fans cheered."
    assert [g[1] for g in _groups(text)] == [2, 1]


@pytest.mark.parametrize(
    "flood",
    ["." * 1_000_000 + " End.", " " * 1_000_000 + "x\nA", "!?" * 500_000 + " B", '"' * 200_000],
)
def test_splitting_runs_of_marks_or_spaces_is_linear(flood):
    import time

    started = time.perf_counter()
    split_sentences(flood)
    quote_groups(flood[:200_000])
    # Loose: a quadratic pass over a million characters takes minutes.
    assert time.perf_counter() - started < 10


def test_sentence_with_a_stray_closing_mark_is_not_whole():
    text = (
        'The mayor called the wall "overdue". Its cost was met by the county." '
        "Traffic resumed."
    )
    assert [g[2] for g in _groups(text)] == [True, False, True]


def test_many_broken_quotations_are_grouped_in_linear_time():
    import time

    text = 'The mayor called it "late". ' + "The wall was finished.\" " * 20_000
    started = time.perf_counter()
    groups = quote_groups(text)
    assert time.perf_counter() - started < 10  # loose: quadratic takes many minutes
    assert groups[0].whole and not any(g.whole for g in groups[1:])


def test_acronym_spelled_like_an_abbreviation_ends_a_sentence():
    assert split_sentences("Fewer holes were found in IE. Paul Vane said so.") == [
        "Fewer holes were found in IE.", "Paul Vane said so."]


def test_article_abbreviation_holds_only_before_a_number():
    assert len(split_sentences("It breaks Art. 5 of the treaty.")) == 1
    assert len(split_sentences("He staged the hit Art. The run sold out.")) == 2


def test_a_dash_and_a_lowercase_word_after_the_mark_carry_the_sentence_on():
    text = 'He shouted "Stop!" - and she did. Then it ended. "Go!" - The crowd left.'
    assert split_sentences(text) == [
        'He shouted "Stop!" - and she did.', "Then it ended.", '"Go!"', "- The crowd left."]
