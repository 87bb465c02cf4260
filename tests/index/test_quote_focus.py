"""Whom a quote goes to when the story names several people: the person it is about,
the source it has just introduced, the owner of a document. Sentences are made up for
the project."""

from __future__ import annotations

from index.quotes.extract import extract_quotes


def _speakers(paragraphs: list[str]) -> list[str | None]:
    return [q.speaker for q in extract_quotes(paragraphs)]


def test_a_nationality_noun_brings_the_story_back_to_its_subject():
    # Vane is quoted indirectly in between; "the Welshman" is Pryce, whom "he said" continues
    assert _speakers([
        "Cardiff harbour pilot Owen Pryce says the port \u201cforgot its own pilots\u201d.",
        "The port sacked Pryce in 2003. But harbour master Tom Vane insisted he had cut the "
        "post to save money. The decision still stings the Welshman.",
        "\u201cI gave them twenty years and they gave me a week's notice,\u201d he said.",
    ]) == ["Owen Pryce", "Owen Pryce"]


def test_an_adjective_of_nationality_is_no_mention():
    # "the Welsh economy" names nobody: "he said" stays with the last one who spoke
    assert _speakers([
        "Cardiff harbour pilot Owen Pryce says the port \u201cforgot its own pilots\u201d.",
        "But harbour master Tom Vane insisted he had cut the post to save money for the Welsh "
        "economy.",
        "\u201cWe had no choice at all,\u201d he said.",
    ]) == ["Owen Pryce", "Tom Vane"]


def test_referring_to_something_as_a_quote_is_speech():
    assert _speakers([
        "Mayor Claire Roux opened the new ferry terminal on Friday.",
        "At the ceremony it was put to Ms Roux that she had once referred to the old ferry as "
        "\u201ca rusting scrapyard with a timetable\u201d.",
    ]) == ["Claire Roux"]


def test_a_speech_verb_after_how_is_the_embedded_subjects():
    assert _speakers([
        "Harbour master Tom Vane would not discuss the toll on Monday. Instead, he pointed "
        "to how Claire Roux had in 2001 complained about \u201cboats nobody can afford to "
        "board\u201d.",
    ]) == ["Claire Roux"]


def test_a_cue_of_the_next_clause_does_not_take_the_quote_before_it():
    assert _speakers([
        "Ferry operator Owen Pryce had promised to keep the fleet \u201clean, cheap and on "
        "time,\u201d and, according to the Harbour Gazette, once told staff he would sell "
        "the flagship.",
    ]) == ["Owen Pryce"]


def test_the_star_of_a_film_is_the_person_the_story_is_about():
    # "star" is said of the film's title, not given to "Harbour Lights" as a person's role
    assert _speakers([
        "Screen veteran Nora Bell has criticised the state of British cinema.",
        "The star of Harbour Lights said the industry was \u201crunning on empty\u201d at a "
        "festival on Sunday.",
    ]) == ["Nora Bell"]


def test_a_role_refers_to_the_person_the_paragraph_introduced():
    assert _speakers([
        "The band's third album went straight to number one.",
        "Jo Vane, a presenter on the station Harbour FM, thinks a long break is coming. "
        "\u201cThey have earned a rest and they know it,\u201d says the DJ.",
    ]) == ["Jo Vane"]


def test_a_role_met_as_an_object_is_no_one_introduced():
    # Vane is mentioned after a verb, so "the minister" is nobody named
    assert _speakers([
        "The band's third album went straight to number one.",
        "The council thanked Jo Vane for the concert. \u201cWe will fund a second one,\u201d "
        "said the minister.",
    ]) == [None]


def test_a_text_speaks_for_its_owner_and_so_does_the_same_text_later():
    # "Her lawsuit, filed ..., said" is Roux's; "the suit added" is the same text
    assert _speakers([
        "Ferry captain Claire Roux has sued the harbour board for unfair dismissal.",
        "Her lawsuit, filed in the county court on Monday, said she had \u201cnever once "
        "missed a crossing\u201d. The board's claims, the suit added, were \u201cspiteful and "
        "untrue\u201d.",
    ]) == ["Claire Roux", "Claire Roux"]


def test_where_a_statement_went_is_no_part_of_its_owner():
    assert _speakers([
        "Harbourline's statement to the stock exchange said: \u201cThe board has received an "
        "approach and is considering it.\u201d",
    ]) == ["Harbourline"]


def test_verbs_of_judgement_and_belief_carry_partial_quotes():
    quotes = extract_quotes([
        "Harbour master Tom Vane has rejected a \u201cblanket ban\u201d on night crossings. "
        "Councillor Ann Roux accused the board of turning the quay into a \u201ccar park\u201d. "
        "If the toll rises again, \u201cfewer boats will come\u201d, thinks Mr Vane.",
    ])
    assert [(q.text, q.speaker) for q in quotes] == [
        ("blanket ban", "Tom Vane"), ("car park", "Ann Roux"),
        ("fewer boats will come", "Tom Vane"),
    ]


def test_a_plural_noun_like_attacks_is_no_speech_verb():
    # "the harbour attacks" is a noun: the quote is the subject's, not the harbour's
    assert _speakers([
        "After the harbour attacks, Tom Vane released a statement calling the response "
        "\u201cslow and confused\u201d.",
    ]) == ["Tom Vane"]


def test_a_constituency_and_a_role_describe_the_person_just_named():
    assert _speakers([
        "Owen Pryce, who sits for Harbourside, said he would stand again in May. The "
        "Harbourside MP, who was expelled from his party last year, accused the council of "
        "running a \u201cclosed shop\u201d.",
    ]) == ["Owen Pryce"]


def test_a_party_or_body_ending_in_a_title_word_stays_an_organisation():
    assert _speakers([
        "Amnesty International UK said the new rules were \u201ca charter for secret "
        "trials\u201d.",
    ]) == ["Amnesty International UK"]


def test_a_text_whose_owner_is_unknown_keeps_its_description():
    [q] = extract_quotes([
        "Its report said: \u201cThe crossing is safe for another decade.\u201d",
    ])
    assert (q.speaker, q.description) == (None, "Its report")


def test_a_co_chairman_is_a_chairman():
    assert _speakers([
        "Party co-chairman Liam Vane said the campaign would stay positive. The Harbour "
        "Party co-chairman attacked the council's plans as \u201chollow\u201d.",
    ]) == ["Liam Vane"]


def test_he_after_a_person_introduced_with_an_apposition_is_that_person():
    quotes = extract_quotes([
        "“The ferry will be late,” said harbour master Tom Vane.",
        "The new timetable is the work of Jo Roux, head of planning at Eastfield Council. "
        "But while he praised it, he warned of delays. “We need two more boats,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Jo Roux"]


def test_he_after_a_person_named_without_an_apposition_stays_with_the_speaker():
    quotes = extract_quotes([
        "“The ferry will be late,” said harbour master Tom Vane.",
        "He thanked Jo Roux on Monday. “We need two more boats,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Tom Vane"]


def test_a_relative_described_first_is_the_one_named_later_with_that_surname():
    quotes = extract_quotes([
        "Tom Vane's mother has said she is “completely sure” her son is innocent.",
        "The trial opens on Monday. His mother Ann Vane told the Gazette he was a kind man.",
    ])
    assert [q.speaker for q in quotes] == ["Ann Vane"]


def test_a_relative_is_not_credited_to_someone_of_another_surname():
    quotes = extract_quotes([
        "Tom Vane's mother has said she is “completely sure” her son is innocent.",
        "His mother Ann Roux told the Gazette he was a kind man.",
    ])
    assert [q.speaker for q in quotes] == [None]


def test_he_after_someone_the_speaker_praised_stays_with_the_speaker():
    quotes = extract_quotes([
        "“We were poor,” said coach Tom Vane. Vane also praised Jo Roux, who scored twice. "
        "“He was the best man on the pitch,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Tom Vane"]


def test_she_after_the_actress_she_made_up_with_is_still_her():
    quotes = extract_quotes([
        "Ann Vane left the show on Friday. But she was glad to make up with actress Jo Roux, "
        "her former sister-in-law. “That alone was worth it,” she said.",
    ])
    assert [q.speaker for q in quotes] == ["Ann Vane"]
