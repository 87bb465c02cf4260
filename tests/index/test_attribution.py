"""Who said it: one test per attribution case, on short made-up news paragraphs."""

from __future__ import annotations

from index.quotes.extract import extract_quotes
from index.quotes.speakers import match_quotes


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
            "Transport minister Ruth Ngata visited the site. Engineer Samuel Okoro showed her the "
            "cables.",
            "“The steel is sound,” Mr. Okoro said.",
            "“I am satisfied,” Ngata said.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Samuel Okoro", "Ruth Ngata"]


def test_title_before_name_is_role_not_speaker():
    q = _only(
        ["“Talks will resume,” Northern Harbour Authority Deputy Chair Rosa Villanueva said in a "
         "statement."]
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
    q = _only(["“The talks were hard but useful,” said the governor’s negotiator Dara Quill after "
               "the meeting."])
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
    q = _only(["The plans were “confusing” in places, said the official, who asked not to be "
               "named."])
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
    quotes = extract_quotes(["“It is safe,” Okoro said. “I would drive my own children across "
                             "it.”"])
    assert [q.speaker for q in quotes] == ["Okoro", "Okoro"]


def test_indirect_speech_is_not_a_quote():
    assert extract_quotes(["Okoro said the bridge was safe and would reopen soon."]) == []


def test_unattributed_speaker_never_named_from_a_mention_inside_the_quote():
    q = _only(["“Ask Alvarez, not me,” the driver said."])
    assert q.speaker is None
    assert q.description == "the driver"


# -- sentence-initial capitalised words that are not names ------------------------------


def test_quantifier_opening_a_sentence_is_never_a_speaker():
    quotes = extract_quotes(
        [
            "More than nine hundred people came to the Dunmore cheese fair, organisers said.",
            "“We ran out of bread by noon.”",
            "Stallholder Tessa Brill said the queues were the longest she had seen.",
        ]
    )
    assert [q.speaker for q in quotes] == [None]


def test_more_opening_the_previous_sentence_does_not_take_a_pronoun():
    quotes = extract_quotes(
        [
            "More than nine hundred people came, said fair director Owen Pryce. "
            "“We ran out of bread by noon,” he said."
        ]
    )
    assert [q.speaker for q in quotes] == ["Owen Pryce"]


def test_more_said_is_a_description_not_a_person():
    q = _only(["More said, “It is too late for the old pier.”"])
    assert q.speaker is None
    assert q.description == "More"


def test_plural_group_noun_subject_is_a_description():
    q = _only(["Officials said the pier was “unsafe for anyone to walk on” this winter."])
    assert q.speaker is None
    assert q.description == "Officials"


def test_quantity_of_people_is_a_description():
    q = _only(["Thousands of fans said “thank you, Dunmore” to the band."])
    assert q.speaker is None
    assert q.description == "Thousands of fans"


def test_others_said_is_a_description():
    q = _only(["“Enough is enough for this pier,” Others said."])
    assert q.speaker is None


def test_participle_opening_a_sentence_is_not_the_speaker():
    q = _only(
        ["Appearing before supporters on Monday, Aung Min, 70, said it was early but added, "
         "“You all know the results already.”"]
    )
    assert q.speaker == "Aung Min"


def test_participle_apposition_between_name_and_verb():
    q = _only(["Corinne Vale, speaking to voters, said, “Nobody has voted yet in this county.”"])
    assert q.speaker == "Corinne Vale"
    assert q.role is None


# -- roles and titles before and after names ---------------------------------------------


def test_capitalised_role_noun_opening_a_sentence_is_a_role():
    q = _only(["Resident Ruth Amari said: “We will rebuild the pier ourselves.”"])
    assert q.speaker == "Ruth Amari"
    assert q.role == "Resident"


def test_lower_case_multiword_role_before_name():
    q = _only(["“The crews kept the flames from the archive,” said chief fire officer "
               "Hannah Lind."])
    assert q.speaker == "Hannah Lind"
    assert q.role == "chief fire officer"


def test_capitalised_multiword_role_then_surname_resolves_to_the_full_name():
    quotes = extract_quotes(
        [
            "“The crews kept the flames from the archive,” said Chief Fire Officer Hannah Lind.",
            "Later, Lind said: “The roof will need a new frame.”",
        ]
    )
    assert [q.speaker for q in quotes] == ["Hannah Lind", "Hannah Lind"]


def test_name_of_organisation_is_the_person_not_the_organisation():
    q = _only(["“We will pay for the repairs,” said chief executive Tom Hale of Eastfield Trust."])
    assert q.speaker == "Tom Hale"


def test_role_after_inverted_name_in_apposition():
    q = _only(["“It was close,” said Hannah Lind, the chief fire officer."])
    assert q.speaker == "Hannah Lind"
    assert q.role == "chief fire officer"


def test_lower_case_role_apposition_before_the_verb():
    q = _only(
        ["Michael Dorn, pastor of the Eastfield chapel and a library volunteer, said: “The books "
         "are safe.”"]
    )
    assert q.speaker == "Michael Dorn"
    assert q.role == "pastor of the Eastfield chapel and a library volunteer"


def test_possessive_role_apposition_before_the_verb():
    q = _only(["Jenna Gold, the Gazette’s director of advertising, said, “Readers are coming "
               "back.”"])
    assert q.speaker == "Jenna Gold"


def test_capitalised_title_then_and_then_name():
    q = _only(
        ["“Turnout is what matters,” said former Westshire Gov. and party chairman Ed Rennick."]
    )
    assert q.speaker == "Ed Rennick"


# -- cues the quote does not sit beside -------------------------------------------------


def test_exclaimed_quote_then_name_and_verb_in_a_long_next_sentence():
    q = _only(
        ["“All the way to the final!” Dawson shouted, a slogan he has used at every match in the "
         "county "
         "since the club was promoted."]
    )
    assert q.speaker == "Dawson"


def test_subject_before_a_cited_quote_speaks():
    q = _only(["Mr. Varga, citing “the spirit of the whole harbour,” said the council could still "
               "act."])
    assert q.speaker == "Varga"


def test_book_title_inside_the_subject_is_not_a_quote():
    quotes = extract_quotes(
        ["As Nadia Orr, a professor of law and author of “Bridges and Budgets,” put it, "
         "“Nobody wants to pay for steel.”"]
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Nobody wants to pay for steel.", "Nadia Orr")
    ]


def test_capitalised_verb_inside_a_name_is_not_a_cue():
    q = _only(
        ["Lazlo Brenn said he welcomed the move to the United States and added, “I will plead "
         "guilty, no problem.”"]
    )
    assert q.speaker == "Lazlo Brenn"


def test_cueless_quote_belongs_to_the_named_subject_of_its_sentence():
    q = _only(
        ["In Eastfield, Mayor Ruth Amari released a statement condemning “what looks like a "
         "deliberate fire.”"]
    )
    assert q.speaker == "Ruth Amari"


def test_cueless_quote_after_a_passive_subject_is_not_the_subject_s():
    q = _only(
        ["Amari was asked by the host, who chairs the council, “Will the library ever reopen on "
         "time?”"]
    )
    assert q.speaker is None


def test_period_ended_quote_then_indirect_speech_is_not_that_speaker_s():
    quotes = extract_quotes(
        ["“It is a sad day,” Brill told reporters outside the hall. “The culture of this club is "
         "abusive.” "
         "Deputy Mayor Ian Castell said he would have closed the club if such a thing had "
         "happened."]
    )
    assert [q.speaker for q in quotes] == ["Brill", "Brill"]


def test_headline_then_dash_then_name_and_colon():
    q = _only(["TURNOUT FELL IN THE NORTH - Carla Ruiz: “Fewer people voted than at any time since "
               "1990.”"])
    assert q.speaker == "Carla Ruiz"


def test_organisation_keeps_its_full_name():
    q = _only(["The Westshire National Committee released a statement offering “a deep and sincere "
               "apology.”"])
    assert q.speaker == "Westshire National Committee"


def test_report_of_an_organisation_is_credited_to_the_organisation():
    q = _only(["“Growth will slow sharply next year,” the IMF report said."])
    assert q.speaker == "IMF"


def test_possessor_of_a_post_is_the_speaker():
    q = _only(["From Vale’s Facebook post: “We will not give up on the harbour, not now and not "
               "ever.”"])
    assert q.speaker == "Vale"


def test_quote_sentence_running_on_before_an_inverted_cue():
    q = _only(
        ["“He can say it, but it seems unlikely” that Ostrova can catch Brill, said Ed Rennick, "
         "a former campaign manager."]
    )
    assert q.speaker == "Ed Rennick"


def test_middle_initial_stays_in_the_name():
    q = _only(["“The plan costs more than it says,” said Steven M. Ross, a tax lawyer at the "
               "Eastfield Policy Center."])
    assert q.speaker == "Steven M. Ross"
    assert q.role == "tax lawyer at the Eastfield Policy Center"


def test_abbreviated_delegate_title_does_not_end_the_sentence():
    q = _only(["“This vote is a stunt,” said Del. Stacey Harlan, a Democrat from the islands."])
    assert q.speaker == "Stacey Harlan"


def test_two_people_before_the_verb_credit_the_first_like_after_it():
    quotes = extract_quotes(
        [
            "Nina Tarr and Blake Eden wrote: “We need the bridge back before the summer.”",
            "“The ferries cannot cope,” said Nina Tarr and Blake Eden in a joint statement.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Nina Tarr", "Nina Tarr"]


def test_colon_lead_with_age_and_place_names_the_person():
    q = _only(["Julie Marin, 34, Eastfield: “I vote because my mother never could.”"])
    assert q.speaker == "Julie Marin"


def test_vox_pop_name_line_before_each_quote():
    quotes = extract_quotes(
        [
            "We asked voters in Eastfield why they vote.",
            "Julie A. Marin, 34, teacher",
            "“I vote because my mother never could.”",
            "Tomas Reyes, 61, retired",
            "“It is the one day the town listens to me.”",
        ]
    )
    assert [q.speaker for q in quotes] == ["Julie A. Marin", "Tomas Reyes"]


def test_vox_pop_name_line_after_each_quote():
    quotes = extract_quotes(
        [
            "We asked voters in Eastfield why they vote.",
            "“I vote because my mother never could.”",
            "Julie A. Marin, 34, teacher",
            "“It is the one day the town listens to me.”",
            "Tomas Reyes, 61, retired",
        ]
    )
    assert [q.speaker for q in quotes] == ["Julie A. Marin", "Tomas Reyes"]


def test_a_sentence_after_a_quote_is_not_a_name_line():
    quotes = extract_quotes(
        [
            "“I vote because my mother never could.”",
            "Tomas Reyes left early.",
        ]
    )
    assert [q.speaker for q in quotes] == [None]


def test_org_word_ending_a_name_is_an_organisation():
    q = _only(["“The records were hidden for years,” Harbour Watch added."])
    assert q.speaker == "Harbour Watch"


def test_new_speech_verbs_opined_and_remembered():
    quotes = extract_quotes(
        [
            "“Leave the boats at home,” opined the Eastfield Courier.",
            "“Nobody listened to the warnings,” remembered Roy Vell, the former harbour spokesman.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Eastfield Courier", "Roy Vell"]


def test_passive_asked_opener_is_not_a_cue():
    q = _only(["Asked on Tuesday about Vale, Brill said “I know nothing about Vale and the "
               "ferries,” she said."])
    assert q.speaker == "Brill"


def test_headline_colon_credits_every_quote_after_it():
    quotes = extract_quotes(["Brill: ‘Harbour Fees’ Have ‘No Place In A Free Port Any Longer.’"])
    assert quotes[-1].speaker == "Brill"


def test_family_name_first_with_courtesy_title_resolves_to_the_full_name():
    quotes = extract_quotes(
        [
            "Finance minister Lou Jinhai met the delegation in Eastport.",
            "“The whole port thanked us then,” Mr. Lou told reporters.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Lou Jinhai"]


def test_bare_surname_never_becomes_a_longer_name_that_starts_with_it():
    quotes = extract_quotes(
        [
            "Supporters cheered the Brill Express as it pulled into Eastfield.",
            "“We will win this county,” Brill told the crowd.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Brill"]


def test_known_first_name_alone_resolves_to_the_full_name():
    quotes = extract_quotes(
        [
            "Hillary Vance spoke first at the harbour meeting.",
            "Later Hillary shot back, “I chose to work, and I would choose it again.”",
        ]
    )
    assert [q.speaker for q in quotes] == ["Hillary Vance"]


def test_alternating_colon_leads_in_one_paragraph():
    quotes = extract_quotes(
        ["Vale: “Our goal is to rebuild the pier by May.” Brill: “The pier must wait until the "
         "bridge is done.”"]
    )
    assert [q.speaker for q in quotes] == ["Vale", "Brill"]


def test_for_his_part_apposition_then_progressive_verb():
    q = _only(["Former Gov. Mike Halden, for his part, is calling the plan “a blatant abuse of the "
               "harbour fund.”"])
    assert q.speaker == "Mike Halden"


def test_subordinate_clause_with_participle_apposition():
    q = _only(
        ["While Mr. Halden, representing the port owners, laid out a vision for “a harbour that "
         "pays its way,” "
         "the mayor left early."]
    )
    assert q.speaker == "Halden"


def test_name_right_before_a_speech_participle_speaks():
    q = _only(
        ["At a rally in Eastfield on Saturday, some fans pushed a heckler out, with Vale "
         "reportedly yelling: "
         "“Get him out of here!”"]
    )
    assert q.speaker == "Vale"


# -- issue 10: speakers on any news article -------------------------------------------


def test_name_after_a_role_with_a_preposition_is_not_the_speaker():
    q = _only(["But Ned Harlow, Green MP for Port Ellis, said the ferry levy was “a tax on "
               "islanders”."])
    assert q.speaker == "Ned Harlow"


def test_person_from_an_organisation_is_credited_not_the_organisation():
    q = _only(["“Margins will stay thin all year,” Mr Vane from Coastal Analytics said."])
    assert q.speaker == "Vane"


def test_he_said_finds_the_man_named_as_an_object_in_the_previous_sentence():
    quotes = extract_quotes([
        "Councillor Ruth Amari said the plan was ready. Her remarks did not impress opposition "
        "leader Tom Vane.",
        "“The plan has no money behind it,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_he_said_skips_a_title_that_is_no_person():
    quotes = extract_quotes([
        "For Owen Pryce, head of sound at a small studio, the new format is a gift. He worked on "
        "the "
        "Harbour Lights DVD box set.",
        "“Nobody hears the difference on a phone,” he told reporters.",
    ])
    assert [q.speaker for q in quotes] == ["Owen Pryce"]


def test_he_said_finds_a_lord_introduced_in_an_apposition():
    quotes = extract_quotes([
        "The Home Secretary, Lord Fenwick, has so far given no guidance. He said he would consult "
        "the "
        "police “in the coming weeks” before deciding.",
    ])
    assert [q.speaker for q in quotes] == ["Fenwick"]


def test_capitalised_common_word_opening_a_sentence_is_no_speaker():
    quotes = extract_quotes([
        "Delays are common on the line, and the delays cost commuters dearly.",
        "Ferries are “a lifeline, not a luxury”, said the harbour report.",
        "Ferries, said the ferries' operator, run “as often as the tide allows”.",
    ])
    assert all(q.speaker != "Ferries" for q in quotes)


def test_paper_quoting_a_person_credits_the_person():
    quotes = extract_quotes([
        "Chief executive Dara Quill said the firm was looking at buyers. Ferries are “a good "
        "business”, "
        "the paper quoted Mr Quill as saying.",
    ])
    assert [q.speaker for q in quotes] == ["Dara Quill"]


def test_ministry_name_with_of_and_and_is_one_organisation():
    q = _only(["In a statement, the Department of Harbours and Fisheries said the quota was "
               "“final”."])
    assert q.speaker == "Department of Harbours and Fisheries"


def test_film_titles_after_star_of_are_not_the_speaker():
    q = _only(["The star of Low Tide and Harbour Lights said the studio was “out of ideas” on "
               "Monday."])
    assert q.speaker is None


def test_compound_nationality_adjective_is_no_speaker():
    q = _only(["Anglo-Dutch said it was “a fair price” for the ferry line."])
    assert q.speaker is None


def test_person_after_an_according_to_opener_is_the_speaker():
    q = _only(["According to the Northport Gazette, chief operating officer Dara Quill said the "
               "firm was "
               "“looking at every ferry operator”."])
    assert q.speaker == "Dara Quill"


def test_definite_role_given_to_the_person_earlier_refers_back_to_them():
    quotes = extract_quotes([
        "Harbour captain Mia Lund has no plans to retire.",
        "“I will sail until the bridge is built,” the captain said on local radio.",
    ])
    assert [q.speaker for q in quotes] == ["Mia Lund"]


def test_new_role_for_the_person_just_quoted_refers_back_to_them():
    quotes = extract_quotes([
        "“The club needs owners who care about it,” said Ferro. “Nobody knows what they want.” "
        "The veteran goalkeeper added on local radio: “We will have to wait and see.”",
    ])
    assert [q.speaker for q in quotes] == ["Ferro", "Ferro", "Ferro"]


def test_definite_role_nobody_held_stays_unnamed_when_the_role_is_not_a_persons():
    quotes = extract_quotes([
        "Mayor Lina Okafor opened the bridge on Monday.",
        "“It is the longest in the county,” the narrator of the council film said.",
    ])
    assert [q.speaker for q in quotes] == [None]


def test_sentence_end_after_mr_surname_ends_the_name():
    quotes = extract_quotes([
        "“Orders are up,” said the firm's chief executive Jon Abery.",
        "“Nine of our eleven yards grew,” said Mr Abery. Full year sales were flat.",
    ])
    assert [q.speaker for q in quotes] == ["Jon Abery", "Jon Abery"]


def test_name_written_with_a_possessive_mark_is_recorded_without_it():
    quotes = extract_quotes([
        "Rovers were denied after Luis Mendes' shot crossed the line. Mendes could not believe it.",
        "He said: “It was clearly over the line.”",
    ])
    assert [q.speaker for q in quotes] == ["Luis Mendes"]


def test_title_word_that_is_always_part_of_a_name_stays_in_it():
    q = _only(["Shipping giant General Freight said cargo was “well ahead of forecasts”. General "
               "Freight "
               "runs forty ships."])
    assert q.speaker == "General Freight"


def test_he_said_after_an_unnamed_spokesman_stays_unnamed():
    quotes = extract_quotes([
        "Council leader Tom Vane opened the bridge. A Labour spokesman later said the timing was "
        "fine.",
        "“Nobody complained until this week,” he said.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "A Labour spokesman")]


def test_name_after_the_verb_is_an_object_not_a_subject_for_he_said():
    quotes = extract_quotes([
        "Campaign spokesman Ned Harlow said the poster had been misread. The poster portrayed Mr "
        "Quill "
        "as a magician, he argued.",
        "“Nobody was meant to take it literally.”",
    ])
    assert [q.speaker for q in quotes] == ["Ned Harlow"]


def test_relative_of_a_named_person_says_a_short_partial_quote():
    q = _only(["Meanwhile Tom Vane's sister has said she is “completely sure” he was at home."])
    assert q.text == "completely sure"
    assert q.speaker is None and q.description == "Tom Vane's sister"


def test_capitalised_modifier_before_a_group_is_no_speaker():
    q = _only(["City experts say there is “a hole of ten million in the harbour budget”."])
    assert q.speaker is None


def test_definite_role_refers_to_the_person_the_story_opens_with():
    quotes = extract_quotes([
        "Rovers midfielder Dan Okoro has no plans to become a coach.",
        "“I would rather run a football school,” the club captain said on local radio.",
    ])
    assert [q.speaker for q in quotes] == ["Dan Okoro"]


def test_full_name_right_before_a_speaking_participle_is_the_speaker():
    q = _only(["The advert uses footage of Ann Vane asking, “Why is the ferry still late?”"])
    assert q.speaker == "Ann Vane"


def test_asserting_is_a_speech_cue():
    q = _only(["Mr Quill hardly settled the matter, asserting later: “Of course the yard pays its "
               "rates.”"])
    assert q.speaker == "Quill"


def test_capitalised_adjective_before_groups_is_no_speaker():
    q = _only(["Small groups of fans kept marching, while chanting “Keep the yard open” outside "
               "the hall."])
    assert q.speaker is None


def test_name_before_an_apposition_opening_with_someones_possessive_speaks():
    q = _only(["“It is long and tiring work,” Ada Brill, Mrs. Vane's chief of staff, said in an "
               "interview."])
    assert q.speaker == "Ada Brill"


def test_she_said_after_a_spokeswoman_for_an_organisation_stays_unnamed():
    quotes = extract_quotes([
        "Mayor Ann Roux opened the library. A spokeswoman for Eastfield University said the books "
        "would be scanned. “Rare works will be open to everyone,” she said.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "A spokeswoman for Eastfield "
                                                                   "University")]


def test_unnamed_speaker_between_two_quotes_takes_over():
    quotes = extract_quotes([
        "“I am not surprised by the rally,” says Mr Lakhani. One harbour broker said the reasons "
        "were "
        "political. “Nobody sends money where it is not welcome.”",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        ("Lakhani", None), (None, "One harbour broker")]


def test_he_said_after_a_spokesman_for_the_named_press_stays_unnamed():
    quotes = extract_quotes([
        "Grainger Books said the word led its list. A spokesman for the Northport University "
        "Press said that the word was now in children's dictionaries. “It was the word of last "
        "year,” he said. "
        "“But,” he added, “it took hold very quickly.”",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, "A spokesman for the Northport University Press"),
        (None, "A spokesman for the Northport University Press"),
    ]


def test_indirect_speech_subject_is_the_one_he_added_continues():
    quotes = extract_quotes([
        "Tom Vane visited the quay on Monday. He argued that the ferry fares must rise. Bill "
        "Roux, the harbour master, met the visitors at the gate. “They will rise by spring,” he "
        "added.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_the_person_a_copula_names_is_the_subject_a_he_said_takes():
    quotes = extract_quotes([
        "“The songs will be new,” said Mr Hale. The show's director is Owen Pryce, known for the "
        "stage hit Art. “The staging will be bold,” he said.",
    ])
    assert [q.speaker for q in quotes] == ["Hale", "Owen Pryce"]


def test_pronoun_after_a_time_phrase_is_the_sentence_subject():
    quotes = extract_quotes([
        "Tom Vane announced the levy in June. A month later, he visited the quay at Eastfield, "
        "Northshire and explained why the levy was “fair”.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_unresolved_pronoun_is_neither_speaker_nor_description():
    [q] = extract_quotes(["“We will appeal the ruling,” he said."])
    assert (q.speaker, q.description) == (None, None)


def test_a_discourse_word_broken_off_by_its_cue_is_not_a_quote():
    quotes = extract_quotes(["“Also,” said Ann Roux, “the ferry will run on Sundays.”"])
    assert [(q.text, q.speaker) for q in quotes] == [("the ferry will run on Sundays.", "Ann Roux")]


def _speakers(paragraphs: list[str]) -> list[str | None]:
    return [q.speaker for q in extract_quotes(paragraphs)]


def test_a_cue_ending_in_a_colon_opens_the_quote_after_it_not_the_one_before():
    assert _speakers([
        "“The crossing was rough,” said Ann Roux. “Two cars slid on the deck.” "
        "Harbour master Tom Vane said: “Nobody was hurt and the ferry runs tomorrow.”"
    ]) == ["Ann Roux", "Ann Roux", "Tom Vane"]


def test_a_name_in_a_fronted_phrase_is_not_the_subject_a_pronoun_stands_for():
    assert _speakers([
        "Rosa Lind, who played the late singer Maria Costa in the film, said the part was “a "
        "gift”. Of Costa, she said: “Her voice carried the whole harbour.”"
    ]) == ["Rosa Lind", "Rosa Lind"]


def test_the_role_an_article_gave_one_person_stands_for_them_and_their_later_he():
    assert _speakers([
        "Green spokesman Owen Pryce said the budget was thin.",
        "Mayor Tom Vane set aside £2m for the quay. But the Green spokesman questioned where the "
        "money came from. He called the parking charge “a tax on visitors”.",
    ]) == ["Owen Pryce"]


def test_a_quote_credited_to_nobody_hands_nothing_to_the_next_quote_of_its_paragraph():
    assert _speakers([
        "The old sign on the quay read “Closed for the winter, back when the boats return”. "
        "Ann Roux, who runs the café, said the sign was out of date. "
        "“We want people to know the quay is open all year.”"
    ]) == [None, "Ann Roux"]


def test_a_pronoun_after_a_fronted_time_is_the_subject_of_the_speech_verb():
    assert _speakers([
        "Maria Alvarez has run the harbour since 2019.",
        "In March 2023 she said she was “ready to hand over the keys” to the council.",
    ]) == ["Maria Alvarez"]


def test_a_name_before_a_modified_role_of_an_organisation_speaks():
    quotes = extract_quotes([
        "Crews were angry. “We could understand a loss-making ferry,” Tom Vane, international "
        "branch secretary of the Ferry Crews Association, told the Harbour Times.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_the_person_a_paper_quoted_speaks_whatever_words_stand_before_the_name():
    quotes = extract_quotes([
        "“We need the money to stay open,” the newspaper quoted Harbourline chief executive "
        "Tom Vane as saying.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_an_unnamed_person_a_paper_quoted_is_the_source_not_the_paper():
    quotes = extract_quotes([
        "The Gazette quoted a senior harbour official as saying the ferry was “finished”.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "a senior harbour official")]


def test_quoted_him_as_saying_is_the_man_the_article_named():
    quotes = extract_quotes([
        "Tom Vane runs the ferry. The Gazette quoted him as saying the service was “finished”.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_quoted_by_a_paper_as_saying_leaves_the_subject_speaking():
    quotes = extract_quotes([
        "Chief executive Ann Roux was quoted by the Gazette as saying the quay was “unsafe”.",
    ])
    assert [q.speaker for q in quotes] == ["Ann Roux"]


def test_the_agent_of_a_passive_judgement_is_the_speaker():
    quotes = extract_quotes([
        "Plans to close the ferry have been branded “reckless” by the Harbour Party.",
        "The offer was dismissed as “an insult” by critics.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        ("Harbour Party", None), (None, "critics")]


def test_a_title_called_by_its_author_is_no_passive_judgement():
    quotes = extract_quotes(["She sang a song called “Harbour Lights” by Tom Vane."])
    assert "Tom Vane" not in [q.speaker for q in quotes]


def test_a_person_named_by_first_name_only_is_the_she_who_speaks():
    quotes = extract_quotes([
        "Jane, who runs the harbour blog, keeps a list of the ferry's delays. “Nobody at the "
        "port answers the phone,” she said.",
    ])
    assert [q.speaker for q in quotes] == ["Jane"]
    assert match_quotes("Jane", quotes) == quotes


def test_an_aside_between_dashes_before_the_verb_leaves_the_subject_speaking():
    quotes = extract_quotes([
        "Jane runs the harbour blog. One reader - none give their names - wrote: “The ferry "
        "left without us twice this week.”",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "One reader")]


def test_words_on_placards_are_the_placards_not_the_last_speaker():
    quotes = extract_quotes([
        "“The ferry is our lifeline,” said Tom Vane. Among the crowd were children carrying "
        "placards saying “save our ferry” and waving flags.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        ("Tom Vane", None), (None, "placards")]


def test_letters_a_named_person_sent_are_that_persons_words():
    quotes = extract_quotes([
        "Tom Vane runs the ferry. He sent letters saying “the service must stay” to every "
        "councillor.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_a_party_after_for_is_the_speakers_party_not_the_speaker():
    quotes = extract_quotes([
        "Tom Vane, for the Liberal Democrats, said the plan had “lost the trust of the town”.",
    ])
    assert [(q.speaker, q.role) for q in quotes][0][0] == "Tom Vane"


def test_a_name_given_to_a_day_is_no_quote_without_an_agent():
    quotes = extract_quotes(["The Harbour Trust has deemed Tuesday “Ferry Day” this year."])
    assert quotes == []
