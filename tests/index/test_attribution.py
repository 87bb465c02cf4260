"""Who said it: one test per attribution case, on short made-up news paragraphs."""

from __future__ import annotations

from index.quotes import extract_quotes


def _only(paragraphs: list[str]):
    quotes = extract_quotes(paragraphs)
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_inverted_cue_after_quote_names_the_speaker():
    q = _only(["“The bridge will reopen in March,” said harbour master Maria Alvarez."])
    assert q.speaker == "Maria Alvarez"
    assert q.role == "harbour master"


def test_name_before_said_after_quote():
    q = _only(["“We found cracks in two cables,” engineer Tomas Berg said on Monday."])
    assert q.speaker == "Tomas Berg"


def test_cue_before_quote_with_colon():
    q = _only(["Mayor Lina Okafor told reporters: “Nobody will pay a toll this year.”"])
    assert q.speaker == "Lina Okafor"
    assert q.role == "Mayor"


def test_told_reporters_after_quote():
    q = _only(["“The repairs are on budget,” Deputy Mayor Ian Castell told reporters."])
    assert q.speaker == "Ian Castell"


def test_according_to_ties_a_partial_quote():
    q = _only(["According to Alvarez, the delay is “a matter of weeks.”"])
    assert q.speaker == "Alvarez"
    assert q.text == "a matter of weeks."


def test_said_in_a_statement():
    q = _only(["“We regret the delay,” transport minister Ruth Ngata said in a statement Tuesday."])
    assert q.speaker == "Ruth Ngata"
    assert q.role == "transport minister"


def test_wrote_cue():
    q = _only(["“The cables were never inspected,” columnist Aldo Ferri wrote in the Gazette."])
    assert q.speaker == "Aldo Ferri"


def test_he_added_resolves_to_previous_speaker_in_earlier_paragraph():
    quotes = extract_quotes(
        [
            "“We are working day and night,” said site manager Pavel Dorn.",
            "Council leader Anna Weiss has asked for weekly reports.",
            "“The last cable goes in on Friday,” he added.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Pavel Dorn", "Pavel Dorn"]


def test_she_said_skips_a_man_named_more_recently():
    quotes = extract_quotes(
        [
            "Mrs. Helen Marsh, who chairs the residents' group, met the engineers on Friday.",
            "Their report was sent to Mr. Oskar Lind, the city treasurer.",
            "“We were told nothing until the bridge closed,” she said.",
        ]
    )
    assert quotes[0].speaker == "Helen Marsh"


def test_surname_and_mr_surname_resolve_to_the_full_name():
    quotes = extract_quotes(
        [
            "Transport minister Ruth Ngata visited the site. Engineer Samuel Okoro showed her the cables.",
            "“The steel is sound,” Mr. Okoro said.",
            "“I am satisfied,” Ngata said.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Samuel Okoro", "Ruth Ngata"]


def test_title_before_name_is_role_not_speaker():
    q = _only(
        ["“Talks will resume,” Northern Harbour Authority Deputy Chair Rosa Villanueva said in a statement."]
    )
    assert q.speaker == "Rosa Villanueva"
    assert q.role == "Northern Harbour Authority Deputy Chair"


def test_chancellor_and_party_leader_titles():
    quotes = extract_quotes(
        [
            "“Borrowing will fall,” Chancellor Gordon Vale said.",
            "“Nobody believes that,” said Tory leader Michael Hart.",
        ]
    )
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Gordon Vale", "Chancellor"),
        ("Michael Hart", "Tory leader"),
    ]


def test_possessive_negotiator_is_credited_never_the_boss():
    q = _only(["“The talks were hard but useful,” said the governor’s negotiator Dara Quill after the meeting."])
    assert q.speaker == "Dara Quill"
    assert q.role == "the governor’s negotiator" or q.role == "governor’s negotiator"


def test_possessive_negotiator_with_named_boss_never_goes_to_the_boss():
    q = _only(["“We will meet again soon,” said Governor Pell’s negotiator Ivo Brandt."])
    assert q.speaker == "Ivo Brandt"
    assert "Pell" not in (q.speaker or "")


def test_anonymous_source_keeps_description_and_no_name():
    q = _only(
        ["The meeting was not “productive,” a person familiar with the talks told the Gazette."]
    )
    assert q.speaker is None
    assert q.description == "a person familiar with the talks"


def test_the_official_inverted_is_anonymous():
    q = _only(["The plans were “confusing” in places, said the official, who asked not to be named."])
    assert q.speaker is None
    assert q.description == "the official"


def test_organisational_spokesman_is_not_credited_to_a_person():
    q = _only(["“We do not comment on leaks,” a Downing Street spokesman said."])
    assert q.speaker is None
    assert q.description == "a Downing Street spokesman"


def test_possessive_spokesman_is_not_credited_to_the_boss():
    q = _only(["“The minister is on holiday,” Ngata’s spokesman said."])
    assert q.speaker is None
    assert q.description == "Ngata’s spokesman"


def test_the_company_said_is_a_description():
    q = _only(["“Our ferries will run extra services,” the company said."])
    assert q.speaker is None
    assert q.description == "the company"


def test_split_quote_is_two_quotes_by_one_speaker():
    quotes = extract_quotes(["“We are ready,” Alvarez said, “but the weather is not.”"])
    assert [q.text for q in quotes] == ["We are ready,", "but the weather is not."]
    assert {q.speaker for q in quotes} == {"Alvarez"}


def test_split_quote_with_pronoun_resolves_both_halves():
    quotes = extract_quotes(
        [
            "Harbour master Maria Alvarez spoke at noon.",
            "“We are ready,” she said, “but the weather is not.”",
        ]
    )
    assert [q.speaker for q in quotes] == ["Maria Alvarez", "Maria Alvarez"]


def test_second_quote_in_paragraph_without_cue_keeps_the_speaker():
    quotes = extract_quotes(["“It is safe,” Okoro said. “I would drive my own children across it.”"])
    assert [q.speaker for q in quotes] == ["Okoro", "Okoro"]


def test_indirect_speech_is_not_a_quote():
    assert extract_quotes(["Okoro said the bridge was safe and would reopen soon."]) == []


def test_unattributed_speaker_never_named_from_a_mention_inside_the_quote():
    q = _only(["“Ask Alvarez, not me,” the driver said."])
    assert q.speaker is None
    assert q.description == "the driver"
