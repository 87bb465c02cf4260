"""Cues whose subject is easy to mistake: a nation's noun for the person named before it,
a name after "said" once the reported words ran before it, a role read across a full stop.
Sentences are made up for the project."""

from __future__ import annotations

from index.quotes.attribution import cues_in
from index.quotes.extract import extract_quotes


def _speakers(paragraphs: list[str]) -> list[str | None]:
    return [q.speaker for q in extract_quotes(paragraphs)]


MATCH_REPORT = [
    "Harbour City manager Martin Vos praised his players after their 2-0 win over Eastfield.",
    "\u201cWe were patient and it paid off,\u201d the Dutchman said. Captain Sean Brady, who "
    "scored the second goal, was pleased. \u201cWe kept going,\u201d he said.",
    "He admitted the pitch had been poor. \u201cIt was hard to pass the ball,\u201d the "
    "Irishman said.",
]


def test_a_nation_noun_as_subject_is_the_person_just_written_about_never_a_name():
    # "the Dutchman" is the manager the story opened on; "the Irishman" the captain just
    # quoted ("he said", "He admitted")
    assert _speakers(MATCH_REPORT) == ["Martin Vos", "Sean Brady", "Sean Brady"]


def test_a_role_is_read_only_from_the_sentence_of_the_name():
    # "the Dutchman said. Captain Sean Brady": "Dutchman" is no role of Brady's, so "the
    # Dutchman" still refers to Vos, not to the captain named after the full stop
    first = _speakers(MATCH_REPORT[:2])
    assert first[0] == "Martin Vos"


def _cue_subjects(sentence: str) -> list[tuple[str | None, bool]]:
    return [(c.source.name, c.inverted) for c in cues_in(sentence, 0, len(sentence))]


def test_a_name_alone_after_said_speaks_for_the_reported_words_before_it():
    # the words before the comma are what Reed said, whatever names they hold
    assert _cue_subjects("Apple has done well in the market the Mac mini is aimed at, said "
                         "Mr Reed, who expects rivals to copy it.") == [("Reed", True)]
    assert _cue_subjects("The Harbour Line trains will run late, said Ann Roux.") \
        == [("Ann Roux", True)]


def test_said_with_a_name_that_opens_a_clause_keeps_the_subject_before_it():
    # "said Ann Roux was right": Ann Roux is what was said about, not who said it
    assert _cue_subjects("Tom Vane, the chief executive, said Ann Roux was right.") \
        == [("Tom Vane", False)]
    # "said Mr. Cameron and ...": the full stop after a title ends no sentence
    assert _cue_subjects("Jo Vane, a pollster, said Mr. Cameron and his camp had failed.") \
        == [("Jo Vane", False)]


def test_told_is_followed_by_its_listener_not_its_subject():
    assert _cue_subjects("The plan will cost more, Tom Vane told Harbour Radio.") \
        == [("Tom Vane", False)]


def test_a_product_in_the_reported_words_never_takes_a_later_he_said():
    paragraphs = [
        "Analyst Tom Reed of Northfield Research liked the new computer.",
        "Apple has done well in the market the Mac mini is aimed at, said Mr Reed, who "
        "expects rivals to copy it.",
        "He said buyers may find it odd. \u201cThey will pair it with a flat monitor,\u201d "
        "he said.",
    ]
    assert _speakers(paragraphs) == ["Tom Reed"]


def test_a_speech_noun_before_a_plural_verb_is_no_cue():
    # "the press reports were not ...": "reports" is a noun; the home secretary speaks
    quotes = extract_quotes([
        "The home secretary said he would not open an inquiry and that the press reports "
        "were not \u201cwell informed\u201d.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "The home secretary")]
    # "the changes he says are needed": the verb after its subject still speaks
    assert _cue_subjects("Tom Vane set out the changes he says are needed.") == [("he", False)]


def test_a_name_before_a_dashed_who_clause_speaks():
    # (not the department the clause names)
    quotes = extract_quotes([
        "Liberal Democrat Ann Roux - who chairs the select committee which monitors the "
        "Department for Coastal Affairs - said if the claims were true, Whitehall was "
        "\u201cacting in bad faith\u201d.",
    ])
    assert [q.speaker for q in quotes] == ["Ann Roux"]
    # a dashed "which" clause describes a thing, not the speaker
    assert _cue_subjects("Vane tried to revive Harbour Records - which folded in 2001 - but "
                         "conceded the effort was hopeless.")[:1] != [("Harbour Records", False)]


def test_a_person_named_before_from_or_of_speaks_not_the_firm_after_it():
    quotes = extract_quotes([
        "Tom Vane from broker Harbour Securities said: \u201cThe bank brought this on "
        "itself.\u201d",
        "\u201cIt was a fair result,\u201d said Ann Roux of the Eastfield Rowing Club.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Ann Roux"]
    assert quotes[0].role == "from broker Harbour Securities"


def test_a_title_or_role_before_a_name_and_its_state_or_firm_after_credits_the_person():
    quotes = extract_quotes([
        "\u201cIt will not be easy for him to win,\u201d said Senator Ann Bishop of Ohio, who "
        "endorsed Mr. Vane on Tuesday.",
        "\u201cWe expect more cuts,\u201d said Representative Peter T. Vale of Kansas.",
        "\u201cMargins are thin,\u201d said Chief Executive Tom Roux of Harbour Bank.",
    ])
    assert [q.speaker for q in quotes] == ["Ann Bishop", "Peter T. Vale", "Tom Roux"]
    assert quotes[0].role == "Senator of Ohio"
    assert quotes[2].role.startswith("Chief Executive")


def test_a_cue_sentence_after_the_quote_with_an_apposition_or_what_the_words_were_about():
    quotes = extract_quotes([
        "Ann Vale spoke first. \u201cHe just stopped and said, 'We have to win the county.'\u201d "
        "Tom Moss, the chairman of the county party, said of the meeting.",
        "\u201cWe have to win the county.\u201d Ann Roux said of the meeting she had last "
        "week with the candidate at a rally in the town.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Moss", "Ann Roux"]
    assert quotes[0].role == "the chairman of the county party"
    # "asked about" is a question put to the subject, not the words before it
    quotes = extract_quotes([
        "\u201cHe should say sorry and move on.\u201d Party leader Tom Moss, asked about the "
        "remark by reporters, said the row was a matter for the council.",
    ])
    assert [q.speaker for q in quotes] == [None]


def test_a_missing_full_stop_after_an_inverted_name_ends_the_name():
    quotes = extract_quotes([
        "\u201cThe risks are real,\u201d said harbour analyst Ann Vale The dispute is partly "
        "driven by politics.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [("Ann Vale", "harbour analyst")]


def test_an_aide_to_a_titled_person_is_described_not_named_after_the_person():
    quotes = extract_quotes([
        "\u201cThe party has gone the other way,\u201d said the former top aide to President "
        "Tom Vane.",
        "\u201cWe have work to do,\u201d said a longtime adviser to both Roux sisters.",
        "\u201cThe plan is sound,\u201d said a spokesman for the Prime Minister Ann Bishop.",
        # a title of its own and a passive agent still name the speaker
        "\u201cWe will talk,\u201d said Secretary of State Jane Porter.",
        "His claims were denied by Foreign Secretary Jack Moss, who accused them of "
        "\u201crunning scared\u201d of debate.",
    ])
    assert [q.speaker for q in quotes] == [None, None, None, "Jane Porter", "Jack Moss"]
    assert quotes[0].description == "the former top aide to President Tom Vane"


def test_a_wire_dateline_is_never_the_speaker():
    quotes = extract_quotes([
        "PORTSMOUTH, Dec. 8 (UPI) \u2014 In reply to the council's plan, Ann Roux rallied "
        "supporters, saying: \u201cWe have to be ready to stop it.\u201d",
        "LONDON (Reuters) - Jo Pryce met the board on Monday, saying: \u201cWe are ready.\u201d",
        "NEW YORK -- Tom Vane said: \u201cWe are ready too.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Ann Roux", "Jo Pryce", "Tom Vane"]


def test_a_participle_cue_whose_clause_names_no_one_is_not_handed_to_the_last_speaker():
    quotes = extract_quotes([
        "\u201cWe will fight on,\u201d said Ann Roux, the council leader.",
        "It is a view shared by Tom Vane, who believes \u201cthe harbour must stay open\u201d.",
        "A spokesman for the Harbour Casino Association, which represents the trade, said: "
        "\u201cWe are disappointed.\u201d",
        "The firm closed its books on Friday, saying: \u201cThe year began well.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Ann Roux", "Tom Vane", None, None]
    assert quotes[2].description == "A spokesman for the Harbour Casino Association"
    assert quotes[3].description == "The firm"
    # a passive subject is not the speaker: the quote goes to whoever context gives
    quotes = extract_quotes([
        "\u201cIt is rubbish,\u201d said Jo Pryce, the party's spokesman.",
        "But the claim was denied by the party spokesman, who said: \u201cIt is all lies.\u201d",
    ])
    assert quotes[1].description != "the claim"


def test_a_capitalised_title_after_a_kind_of_work_is_not_a_quote():
    quotes = extract_quotes([
        "Actress Ann Day, known for the web series \u201cThe Harbour,\u201d had her address "
        "posted online after she criticised the campaign.",
        "A report entitled \u201cLost Years\u201d was published on Monday, and Tom Vane said "
        "it was \u201cthe best work we have done\u201d.",
        "Tom Vane dubbed him \u201cLittle Jo\u201d, the crowd said.",
    ])
    assert [q.text for q in quotes] == ["the best work we have done", "Little Jo"]


def test_words_that_only_open_sentences_and_nationalities_are_never_speakers():
    quotes = extract_quotes([
        "Bosses were polled. Possibly as a result, the worry has eased, with just 54% of "
        "firms calling it a \u201csignificant threat\u201d.",
        "Only 25% agreed. Forty-four percent said they would buy something \u201cother\u201d.",
        "Separately, the Harbour Bank warned that the plans carried \u201chuge risks\u201d.",
        "Ann Vale, 24, won in Eastfield on Sunday. Speaking to a local paper, the 24-year-old "
        "Swiss added: \u201cThere will not be as many people at the next one.\u201d",
        "Ahead of the launch, a party spokesperson said: \u201cThey would cap ambition.\u201d",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, None), (None, None), ("Harbour Bank", None), ("Ann Vale", None),
        (None, "a party spokesperson"),
    ]
    # a common-word surname the article gives a first name or title is still a name
    quotes = extract_quotes([
        "Analyst Oliver Irish said: \u201cDemand is huge.\u201d",
        "\u201cIt will sell out,\u201d Mr Irish added.",
    ])
    assert [q.speaker for q in quotes] == ["Oliver Irish", "Oliver Irish"]


def test_a_station_or_office_with_a_number_speaks_by_its_whole_name():
    quotes = extract_quotes([
        "Radio 1 said the station would rise to the \u201cchallenge\u201d of keeping his "
        "legacy alive.",
        "Number 10 said ministers were not interested in a \u201csoap opera\u201d.",
    ])
    assert [q.speaker for q in quotes] == ["Radio 1", "Number 10"]



def test_a_relative_clause_with_its_own_pronoun_subject_credits_that_speaker():
    quotes = extract_quotes([
        "Foreign Secretary Jo Pryce said she had always had good relations with Mr Vane, "
        "who she described as \u201cvery talented\u201d.",
        "The film shows Mr Roux laughing at an impression of him as a vampire, which he "
        "calls \u201cgood fun\u201d.",
    ])
    assert [q.speaker for q in quotes] == ["Jo Pryce", "Roux"]


def test_an_attribution_set_off_by_commas_is_no_apposition_and_a_clause_names_no_subject():
    quotes = extract_quotes([
        "Tom Vane spoke on Tuesday.",
        "As the crowd cheered Vane in Northport on Tuesday night, the Gazette's Ann Lee "
        "reported, his wife whispered to him: \u201cThey're still with you.\u201d",
        "\u201cNooooo!\u201d the crowd cried out, booing.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, "his wife"), (None, "the crowd")]


def test_an_auxiliary_opening_a_question_is_no_first_name():
    quotes = extract_quotes([
        "Game over. Will Vane step down after the vote?",
        "Tom Vane spoke on Tuesday. \u201cWe fight on,\u201d Vane said.",
        "\u201cI am staying,\u201d said Will Moss, his deputy.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Will Moss"]


def test_a_body_introduced_by_a_kind_or_a_place_is_not_named_by_it():
    quotes = extract_quotes([
        "A Northport newspaper called on the mayor to visit the harbour.",
        "\u201cThe harbour deserves better,\u201d the newspaper wrote.",
        "The Gazette newspaper later backed the plan.",
        "\u201cIt is a fair deal,\u201d the newspaper said.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, "the newspaper"), ("Gazette", None)]


def test_a_relative_clause_with_a_named_subject_credits_that_name():
    quotes = extract_quotes([
        "Tom Vane spoke on Tuesday.",
        "And the North Harbour Trade Agreement, which Vane had called a \u201cdisaster\u201d "
        "and promised to \u201crip up\u201d? He spoke instead about improving it.",
        "Ann Lee praised Jo Moss, whom Mr Vane once described as \u201cthe best of us\u201d.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [("Tom Vane", None)] * 3


def test_a_subject_with_a_perfect_tense_verb_speaks_unless_a_relative_clause_intervenes():
    quotes = extract_quotes([
        "Tom Vane, the harbour master and treasurer of the Northport Trust, has egged on "
        "supporters online with pep talks like \u201cWe will win the vote and keep the "
        "harbour open.\u201d",
        "Ann Lee has hired Jo Moss of the Gazette, a paper that has run stories with "
        "headlines such as \u201cHarbour plan is a disgrace\u201d.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", None]
    # a name given is not words said
    quotes = extract_quotes([
        "The Northport Trust has deemed Tuesday \u201cHarbour Lights Day For Everyone\u201d "
        "as part of its first campaign.",
    ])
    assert quotes == []


def test_a_title_after_a_biography_and_its_comma_is_no_quote():
    quotes = extract_quotes([
        "Ann Lee had hoped to republish her out-of-print biography, \u201cHarbour Lights: "
        "The Many Lives of Tom Vane,\u201d with her first publisher this year.",
    ])
    assert quotes == []


def test_an_organisation_with_an_elided_particle_speaks_by_its_name():
    quotes = extract_quotes([
        "\u201cIt will sell,\u201d said Olivier Roux, chief operating officer of TNT.",
        "The Conseil Superieur de l'Audiovisuel (CSA), the French broadcasting regulator, "
        "said: \u201cSome manufacturers are gearing up.\u201d",
        "\u201cWe are ready,\u201d said Valery Giscard d'Estaing.",
    ])
    assert [q.speaker for q in quotes] == [
        "Olivier Roux", "Conseil Superieur de l'Audiovisuel", "Valery Giscard d'Estaing"]


def test_a_clause_after_but_makes_its_subject_the_one_a_later_he_continues():
    quotes = extract_quotes([
        "\u201cI am ready,\u201d said Tom Vane, the favourite.",
        "Russian Ivan Petrov won at the same venue last week and then claimed the race "
        "would be between himself and Ed Roux but Vane is unfazed.",
        "He admitted: \u201cHe looked quite good in his win.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Tom Vane"]


def test_a_participle_opening_its_sentence_is_no_speaker():
    quotes = extract_quotes([
        "Recognized by the Harbour Gazette as \u201cone of the nine best walks in the "
        "county,\u201d the trail reopens on Friday.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, None)]


def test_an_organisation_opening_on_a_qualifier_and_a_counsel_suffix_are_read_as_names():
    quotes = extract_quotes([
        "Network Rail said the work had overrun.",
        "National Rail said services would be \u201csignificantly disrupted\u201d tomorrow.",
        "\u201cThe case is rooted in error,\u201d said barrister Bret Walker SC.",
    ])
    assert [q.speaker for q in quotes] == ["National Rail", "Bret Walker"]


def test_participle_asides_and_questions_do_not_hand_the_quote_to_a_name_inside_them():
    quotes = extract_quotes([
        "Is Vane finally winning over young voters?",
        "Tom Vane, a teacher, gave a kidney to his pupil Alya. Mr Vane, pictured with Alya "
        "and her father Ahmed Ali, said he was still a bit \u201cperplexed\u201d by the award.",
        "The sound system, cycling through songs by Pearl Jam and Ann Lee, added \u201cLa "
        "Gozadera\u201d and \u201cMadre Tierra\u201d to the mix.",
        "\u201cWe will win,\u201d Vane said.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        ("Tom Vane", None), (None, "The sound system"), (None, "The sound system"),
        ("Tom Vane", None)]


def test_a_role_after_a_clause_opening_on_a_person_is_that_person():
    quotes = extract_quotes([
        "Roger Vane - nice bloke, fantastic tennis player.",
        "When Lleyton Moss shook his hand after another thrashing, a third in as many months, "
        "the Australian said: \u201cYou're the best.\u201d Even Vane himself knows the Swiss "
        "star is in a different league.",
        "\u201cRight now I feel that a little bit,\u201d he told reporters.",
    ])
    assert [q.speaker for q in quotes] == ["Lleyton Moss", "Roger Vane"]
    quotes = extract_quotes([
        "Kelly Roux has pulled out of the indoor championships.",
        "The double Olympic champion said: \u201cI am very disappointed.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Kelly Roux"]


def test_a_role_given_in_a_relative_clause_is_the_noun_phrase_without_its_verb():
    quotes = extract_quotes([
        "Peter Vane, who is UKIP Scotland chairman, said: \u201cHe will remain suspended.\u201d",
        "Ann Lee, who is also in Dubai, said: \u201cIt is exciting.\u201d",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Peter Vane", "UKIP Scotland chairman"), ("Ann Lee", "who is also in Dubai")]


def test_a_name_followed_by_a_participle_is_no_new_voice_for_the_next_he():
    quotes = extract_quotes([
        "Business star Tom Vane has offered a reward to find a man who threatened his "
        "daughter.",
        "The TV star received tweets from someone calling himself Ed Roux, linking to a "
        "message threatening his family. He responded by posting: \u201cI offer a reward "
        "for the capture of the coward.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]
    # a noun-phrase apposition still introduces the voice that "he" continues
    quotes = extract_quotes([
        "Tom Vane opened the show. It impressed Ed Roux, editor of the Gazette. "
        "He said: \u201cIt is the best yet.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Ed Roux"]


def test_one_editorial_of_a_named_outlet_speaks_for_the_outlet():
    quotes = extract_quotes([
        "\u201cIt is not clear,\u201d Ed Roux said.",
        "\u201cThe system was designed to keep order,\u201d read one Harbour Gazette editorial.",
    ])
    assert [q.speaker for q in quotes] == ["Ed Roux", "Harbour Gazette"]


def test_a_playing_position_refers_back_to_the_player_just_named():
    quotes = extract_quotes([
        "Italy skipper Marco Vane believes Saturday's game will be a scrappy encounter.",
        "\u201cIt will not be a pretty game,\u201d said the lock forward.",
        "Ann Roux was delighted with her award. \u201cIt is a genuine honour,\u201d said the "
        "Gloucester fly-half.",
    ])
    assert [q.speaker for q in quotes] == ["Marco Vane", "Ann Roux"]


def test_a_plain_word_that_only_opens_sentences_is_no_speaker():
    quotes = extract_quotes([
        "The trial of the former chief executive, Tom Vane, opened in Leeds on Monday.",
        "Prosecutors told the court: \u201cHe hid the losses from his board for three years.\u201d",
        "Judges said the case was \u201cone of the most serious frauds\u201d they had seen.",
        "Anger over the fine has grown, with many saying it was \u201cfar too small\u201d.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, "Prosecutors"), (None, "Judges"), (None, None)]


def test_a_common_word_the_article_also_writes_as_a_name_stays_a_name():
    quotes = extract_quotes([
        "The bank's chairman, Tom Brown, spoke after the vote.",
        "Brown said: \u201cWe will keep watching the sector.\u201d",
        "Wheelchair user Ann Lee said: \u201cThe ramps are still missing.\u201d",
        "Slate reported the memo had called the plan \u201ca dead end\u201d.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Brown", "Ann Lee", "Slate"]


def test_a_plain_plural_with_its_modifiers_is_the_description():
    quotes = extract_quotes([
        "Policy makers in Europe have called the slide \u201cbrutal\u201d.",
        "About four in 10 said they were \u201cangry\u201d with the council.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, "Policy makers in Europe"), (None, "About four in 10")]


def test_a_name_with_of_in_it_modifying_a_plural_is_an_unnamed_group():
    quotes = extract_quotes([
        "Labour officials said the plan was \u201cdead\u201d.",
        "Bank of England officials said the collapse was \u201ccontained\u201d.",
        "Friends of the Earth campaigners called the scheme \u201ca disgrace\u201d.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, "Labour officials"), (None, "Bank of England officials"),
        (None, "Friends of the Earth campaigners")]


def test_a_bare_plural_after_told_is_its_object_not_the_speaker():
    quotes = extract_quotes([
        "Ann Lee, one of the new members elected in May, told researchers: \u201cThe "
        "heckling never stopped.\u201d",
        "Tom Vane, counsel for the residents, called the plan \u201cdeeply flawed\u201d.",
    ])
    assert [q.speaker for q in quotes] == ["Ann Lee", "Tom Vane"]


def test_what_a_subject_was_asked_or_told_is_not_their_quote():
    quotes = extract_quotes([
        "The panel questioned each candidate in turn.",
        "Tom Vane was asked: \u201cWhy do you want to be an MP at all?\u201d",
        "Ann Lee says she was told: \u201cYou will never win a seat.\u201d",
        "\u201cI will,\u201d she replied.",
        "According to the handbook, staff were told: \u201cNever promise a refund.\u201d",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, None), (None, None), ("Ann Lee", None), (None, "the handbook")]


def test_implored_is_a_speech_verb():
    quotes = extract_quotes([
        "\u201cDon't you care about the river?\u201d implored campaigner Ann Lee.",
        "\u201cJust Vote\u201d implored the front page of the Harbour Gazette.",
    ])
    assert [q.speaker for q in quotes] == ["Ann Lee", "Harbour Gazette"]


def test_a_report_speaking_in_between_ends_the_earlier_speakers_turn():
    vane = ("Auditor Tom Vane said progress had been \u201cslow but real\u201d since the launch. "
            "Some \u00a33bn will be spent by 2027. ")
    learners = ("Adult learners could bring their \u201cenergy, patience and local "
                "knowledge\u201d to the scheme.")
    quotes = extract_quotes([vane + learners])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Tom Vane"]
    quotes = extract_quotes([vane + "The study recommends more evening classes. " + learners])
    assert [q.speaker for q in quotes] == ["Tom Vane", None]


def test_a_plurals_possessive_belongs_to_the_organisation_name():
    quotes = extract_quotes([
        "Groups including the Musicians' Union are calling for an end to the \u201craw deal\u201d "
        "faced by touring bands.",
        "The Builders\u2019 Association said prices would stay \u201cfar too high for first "
        "buyers\u201d.",
    ])
    assert [q.speaker for q in quotes] == ["Musicians' Union", "Builders\u2019 Association"]


def test_a_pronoun_just_before_the_verb_is_its_subject_after_a_relative_clause():
    quotes = extract_quotes([
        "Tom Vane, a former adviser, says the focus on \u201crogue states\u201d is wrong. The "
        "danger lies in \u201cfailing states\u201d, including Northland, which cannot guard "
        "its stockpiles, he argues.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Tom Vane"]


def test_a_group_noun_inside_an_organisations_name_keeps_the_name_whole():
    quotes = extract_quotes([
        "\u201cAnyone may use force to stop an intruder,\u201d said the leaflet published by the "
        "Association of Chief Police Officers.",
        "The National Farmers Union called the cut \u201ca body blow to the whole valley\u201d.",
    ])
    assert [q.speaker for q in quotes] == [
        "Association of Chief Police Officers", "National Farmers Union"]


def test_a_time_word_after_an_inverted_name_is_not_part_of_it():
    quotes = extract_quotes([
        "Ann Vane won the final in three sets.",
        "Ed Roux took the first set. \u201cI kept telling myself to hang on,\u201d said Vane "
        "afterwards. \u201cIt was close,\u201d said Roux yesterday.",
    ])
    assert [q.speaker for q in quotes] == ["Ann Vane", "Ed Roux"]


def test_a_word_of_a_bodys_name_before_a_noun_is_no_speaker():
    quotes = extract_quotes([
        "Tom Vane was charged in the District Court on Tuesday.",
        "Court documents do not name the gang but say it hid the drugs \u201cinside crates of "
        "fresh bananas and pineapples\u201d.",
        "Home Office minister Ann Lee said the plan would give officers \u201ca little bit of "
        "edge\u201d.",
    ])
    assert [q.speaker for q in quotes] == [None, "Ann Lee"]


def test_a_web_address_does_not_make_a_company_name_a_common_word():
    quotes = extract_quotes([
        "\u201cOur designers answer every fan,\u201d Harbourwear told the Gazette.",
        "Follow Harbourwear at www.facebook.com/harbourwear or @harbourwear.",
    ])
    assert [q.speaker for q in quotes] == ["Harbourwear"]


def test_a_role_then_comma_then_full_name_after_the_verb_is_that_person():
    quotes = extract_quotes([
        "\u201cRates are working,\u201d said Harbour Bank chief economist, Ann Lee. "
        "\u201cThe decision is a blow,\u201d said the council, which runs the port.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Ann Lee", "Harbour Bank chief economist"), (None, None)]


def test_a_surname_with_a_particle_resolves_to_the_full_name():
    quotes = extract_quotes([
        "Planning minister Julio De Vane has offered help but not for \u201cnothing at all\u201d.",
        "Mr De Vane said the state would not pay \u201cin the form of a subsidy\u201d.",
        "\u201cWe will wait,\u201d said Van Roux, after Pieter Van Roux had left the room.",
    ])
    assert [q.speaker for q in quotes] == ["Julio De Vane", "Julio De Vane", "Pieter Van Roux"]


def test_he_is_never_a_body_the_article_introduced():
    quotes = extract_quotes([
        "A row between the state and the water firm Harbour Aguas is growing.",
        "Planning minister Tom Vane said the state would not pay \u201cin the form of a "
        "subsidy\u201d.",
        "However, Harbour Aguas told a local newspaper it would not accept any change. Yet he "
        "added that he did not like to do \u201cguesswork about the future\u201d.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Tom Vane"]


def test_a_descriptive_compound_before_a_name_is_not_part_of_it():
    quotes = extract_quotes([
        "Oscar-winner Ann Dennis has been congratulated by the film council.",
        "Dennis, from Dartford, called her win \u201ctruly overwhelming and a surprise\u201d, she "
        "said.",
        "Film-maker Tom Roux said: \u201cEverybody can't be an actor.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Ann Dennis", "Tom Roux"]


def test_the_company_is_the_one_business_the_story_introduced():
    quotes = extract_quotes([
        "Shares in music giant Harbourphone sank after the firm issued a profit warning.",
        "\u201cSales have been lower than we hoped,\u201d the company added.",
    ])
    assert [q.speaker for q in quotes] == ["Harbourphone"]
    quotes = extract_quotes([
        "Software giant Vanesoft is buying the games maker Roux Play.",
        "\u201cWe expect the deal to close in May,\u201d the company said.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "the company")]


def test_a_fronted_time_without_a_comma_is_not_part_of_the_subject():
    quotes = extract_quotes([
        "The bank's boss, Tom Vane, faced questions about his tax affairs.",
        "Last night one accountant described the scheme as a \u201cclassic case of tax "
        "avoidance\u201d. Yesterday the 54-year-old chief executive said he felt \u201cno shame "
        "at all about it\u201d.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, "one accountant"), ("Tom Vane", None)]


def test_the_board_is_the_body_whose_name_gives_that_kind():
    quotes = extract_quotes([
        "The Harbour Transport Safety Board published its report on Thursday.",
        "\u201cThe pilots let the talk take over,\u201d the board said. \u201cThey missed the "
        "calls,\u201d the safety board added.",
    ])
    assert [q.speaker for q in quotes] == ["Harbour Transport Safety Board"] * 2
    quotes = extract_quotes([
        "Vane Bank and Roux Bank both owned slaves in the 1800s, the records show.",
        "\u201cWe apologise for that history,\u201d the bank said.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "the bank")]


def test_a_person_from_a_body_speaks_not_the_body():
    quotes = extract_quotes([
        "Tom Vane, from Harbour's Marine Research Laboratory, said: \u201cWe aimed to build a "
        "robot that could live with people.\u201d",
        "Ann Lee, from the Institute for Port Studies, said: \u201cIt will all come out in the "
        "wash.\u201d",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Tom Vane", "from Harbour's Marine Research Laboratory"),
        ("Ann Lee", "from the Institute for Port Studies")]


def test_words_of_a_question_put_to_the_speaker_are_not_his():
    quotes = extract_quotes([
        "Tom Vane will be the new ambassador to Chile.",
        "Asked if he was chosen after a \u201cfair and open\u201d contest, he replied: \u201cI was "
        "appointed the usual way.\u201d Asked on Monday about the move Mr Vane told the Gazette "
        "he thought it was a \u201cnon-story\u201d.",
    ])
    assert [(q.text, q.speaker) for q in quotes] == [
        ("fair and open", None), ("I was appointed the usual way.", "Tom Vane"),
        ("non-story", "Tom Vane")]


def test_a_crowd_chanting_inside_a_dashed_aside_says_only_the_aside_words():
    quotes = extract_quotes([
        "Mayor Jane Porter spoke at the rally in Leeds on Friday.",
        "She said, \u201cThe mill will reopen\u201d - at which point the crowd chanted \u201cOpen "
        "it now!\u201d - \u201cand the jobs will come back.\u201d",
    ])
    assert [(q.text, q.speaker, q.description) for q in quotes] == [
        ("The mill will reopen", "Jane Porter", None),
        ("Open it now!", None, "the crowd"),
        ("and the jobs will come back.", "Jane Porter", None)]


def test_a_chant_taken_up_again_is_the_crowds_again():
    quotes = extract_quotes([
        "Mayor Jane Porter spoke to the crowd in Leeds on Friday.",
        "\u201cShould we give up?\u201d she asked.",
        "\u201cNo way!\u201d the crowd roared back.",
        "\u201cOr should we fight for every job in this town?\u201d Ms Porter asked.",
        "\u201cNo way!\u201d",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        ("Jane Porter", None), (None, "the crowd"), ("Jane Porter", None), (None, "the crowd")]


def test_a_crowds_reply_does_not_end_the_speakers_turn():
    quotes = extract_quotes([
        "Mayor Jane Porter spoke to the crowd in Leeds on Friday.",
        "\u201cShould we give up?\u201d Ms Porter asked.",
        "\u201cNo way!\u201d the crowd shouted back.",
        "\u201cOr should we fight for every job in this town?\u201d",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        ("Jane Porter", None), (None, "the crowd"), ("Jane Porter", None)]


def test_a_role_answering_a_question_is_not_the_one_who_asked_it():
    quotes = extract_quotes([
        "Senator Tom Vane spoke to presenter Ann Roux on the Harbour Hour on Sunday.",
        "\u201cI have always put the town first,\u201d Mr Vane said.",
        "\u201cEven when you voted to close the hospital?\u201d Ms Roux asked.",
        "\u201cEven then,\u201d the senator replied.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Ann Roux", "Tom Vane"]
    quotes = extract_quotes([
        "Tom Vane has no backing from the Senate, he told Ann Roux in an interview.",
        "\u201cIt tells you who is the candidate of the establishment,\u201d Vane said.",
        "\u201cThat would be you?\u201d Roux asked.",
        "\u201cThat would be me, yes,\u201d the senator said.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Ann Roux", "Tom Vane"]
    quotes = extract_quotes([
        "Senator Tom Vane met the press on Sunday.",
        "\u201cWhy now?\u201d Senator Vane asked. \u201cIt is too late,\u201d the senator added.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Tom Vane"]


def test_he_replied_after_a_question_is_the_one_asked():
    quotes = extract_quotes([
        "Defence lawyer Tom Reed questioned the witness, Mark Hale, on Monday.",
        "\u201cDid you ever see the boss make an accounting entry?\u201d Mr Reed asked. "
        "\u201cNo,\u201d he replied. \u201cI never saw one,\u201d he added.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Reed", "Mark Hale", "Mark Hale"]


def test_an_ampersand_joins_the_words_of_a_name():
    quotes = extract_quotes([
        "The Harbour Securities & Exchange Board accused the bank of methods that \u201cdid not "
        "comply in material respects\u201d with the rules.",
        "Law firm Vane & Roux said its fees were \u201cfair\u201d.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Harbour Securities & Exchange Board", None), ("Vane & Roux", "Law firm")]


def test_a_plain_noun_opening_the_sentence_before_a_name_is_the_persons_role():
    quotes = extract_quotes([
        "Casino owner Sheldon Vane has given millions to the party.",
        "Donor Vane said the party needed \u201ca winner\u201d.",
        "Striker Tom Roux said: \u201cWe were too slow.\u201d",
        "Age Concern said the plan was \u201ca disgrace\u201d.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Sheldon Vane", "Donor"), ("Tom Roux", "Striker"), ("Age Concern", None)]


def test_a_kind_of_business_opening_the_sentence_is_the_role_of_the_name_after_it():
    quotes = extract_quotes([
        "Carmaker Harbour Motors said sales were \u201cflat\u201d.",
        "Insurer Vaneva said profits were \u201cstrong\u201d.",
        "Bank Roux said profits were \u201cweak\u201d.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Harbour Motors", "Carmaker"), ("Vaneva", "Insurer"), ("Bank Roux", None)]


def test_a_surname_stands_for_the_persons_name_not_a_headlines_label_and_name():
    quotes = extract_quotes([
        "Republican Donor Vane Meets Roux In Macau",
        "Top party donor Sheldon Vane said on Friday he had met Tom Roux.",
        "\u201cIt was very nice,\u201d Vane said.",
    ])
    assert [q.speaker for q in quotes] == ["Sheldon Vane"]


def test_a_role_after_a_lede_that_names_one_person_as_its_object_is_that_person():
    quotes = extract_quotes([
        "Eastfield have signed Harbour midfielder Tom Vane until the end of the season.",
        "\u201cIt was an easy decision,\u201d the 34-year-old told the club's website.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]
    quotes = extract_quotes([
        "Eastfield have signed Tom Vane and Ed Roux from Harbour.",
        "\u201cIt was an easy decision,\u201d the 34-year-old told the club's website.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "the 34-year-old")]


def test_he_added_after_a_persons_stance_is_that_person():
    quotes = extract_quotes([
        "Eastfield have signed midfielder Tom Vane from Harbour.",
        "Eastfield boss Ed Roux said: \u201cHe gives us experience.\u201d The club is second from "
        "bottom, but Vane is confident that it has a bright future. \u201cI have been very "
        "impressed with the training ground,\u201d he added.",
    ])
    assert [q.speaker for q in quotes] == ["Ed Roux", "Tom Vane"]


def test_a_title_in_title_case_is_no_ones_words():
    quotes = extract_quotes([
        "Ann Vane wrote \u2018Love to the Highest Bidder\u2019 in 1998 about two art dealers.",
        "Tom Roux told \u201cThe Harbour Hour with Jo Lee\u201d on Sunday that he would run.",
        "Vane dubbed the plan \u201cThe Great Harbour Giveaway\u201d on Monday.",
        "\u201cJust Do It\u201d implored the front page of the Harbour Mail.",
        "Roux tweeted: \u201cTHIS IS NOT OK.\u201d",
    ])
    assert [q.text for q in quotes] == [
        "The Great Harbour Giveaway", "Just Do It", "THIS IS NOT OK."]
    assert [q.speaker for q in quotes] == ["Ann Vane", None, "Tom Roux"]
    headline = extract_quotes(["Harbour Chief: \u201cWe Will Not Pay For The Bridge\u201d"])
    assert [q.text for q in headline] == ["We Will Not Pay For The Bridge"]


def test_a_mood_before_a_courtesy_title_is_no_role():
    quotes = extract_quotes([
        "Tom Lim and Ed Roux took part in the show.",
        "\u201cThat was a total disaster,\u201d a crestfallen Mr Lim confided to the presenter.",
        "\u201cI will fight on,\u201d a visibly angry Mr Roux said.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [("Tom Lim", None), ("Ed Roux", None)]


def test_a_possessive_before_a_full_name_says_whose_the_person_is():
    quotes = extract_quotes([
        "The minister named three players, Ann Vane of France and Harbour's Jo Roux among "
        "them. But Vane is fuming. \u201cI am upset,\u201d Vane said.",
        "Roux is also angry and says that both are victims. \u201cYou have no idea what I "
        "have been through,\u201d she said.",
    ])
    assert [q.speaker for q in quotes] == ["Ann Vane", "Jo Roux"]


def test_a_brand_with_a_capital_inside_is_a_name():
    quotes = extract_quotes([
        "Online auction site eHarbour said it was \u201clooking into the matter\u201d.",
        "\u201cWe are shocked,\u201d eHarbour said.",
        "Budget airline vaneJet said profits were \u201cstrong\u201d.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("eHarbour", "Online auction site"), ("eHarbour", None), ("vaneJet", "Budget airline")]


def test_who_after_a_name_in_another_clause_makes_that_name_the_speaker():
    quotes = extract_quotes([
        "Ann Vane was nominated for best actress. Jo Roux was also nominated for her role "
        "in a comedy.",
        "It is a debut nomination for Vane, 49, who told the Gazette she had not expected it. "
        "\u201cIt was an extraordinary time,\u201d she said.",
        "Sen. Tom Hale of Harbour, who spoke on Monday, called it \u201ca disgrace\u201d.",
    ])
    assert [q.speaker for q in quotes] == ["Ann Vane", "Tom Hale"]


def test_words_a_subject_was_called_by_nobody_named_are_nobodys():
    quotes = extract_quotes([
        "Tom Vane criticised the studio in a long interview on Monday.",
        "Meanwhile Ann Roux was referred to as \u201ca minimally talented and spoiled star\u201d "
        "in one exchange. The match has been dubbed \u201cthe battle\u201d.",
        "The album was described as a \u201crevelatory debut\u201d which showed \u201cthey had "
        "songs to spare\u201d, Harbour Magazine said.",
    ])
    assert [(q.text, q.speaker) for q in quotes] == [
        ("a minimally talented and spoiled star", None),
        ("they had songs to spare", "Harbour Magazine")]


def test_a_name_ending_in_ly_is_no_adverb():
    quotes = extract_quotes([
        "Festival founder Tom Vane said the tickets would go on sale in April.",
        "The idea was floated, Mr Vane's daughter Emily said it would be \u201ca big step "
        "for the festival\u201d.",
        "Ann Schlafly, who founded the forum, died on Monday. She said that \u201cthe "
        "amendment would hurt families\u201d.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Emily", "Mr Vane's daughter"), ("Ann Schlafly", None)]


def test_who_with_no_comma_after_a_name_and_a_spokesperson_of_a_listed_body():
    quotes = extract_quotes([
        "Her call was backed by Culture, Harbour and Sport Secretary Ann Vane who said: "
        "\u201cYou would not let a child watch it.\u201d",
        "A Department for Harbours, Culture and Sport spokeswoman said: \u201cWe are aware of "
        "the problems.\u201d",
        "Tom Roux, the hard-right Harbourite who went on to lead the party, called it "
        "\u201ca disgrace\u201d.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        ("Ann Vane", None), (None, "A Department for Harbours, Culture and Sport spokeswoman"),
        ("Tom Roux", None)]


def test_a_courtesy_title_is_never_part_of_a_speaker_name_nor_its_role():
    quotes = extract_quotes([
        "Labour MP Ann Vain said she had been elected in 1987. That was a rate of progress "
        "Ms Vane described as \u201cpainful\u201d.",
        "\u201cWe won,\u201d Tory MP Mr Roux said.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [("Vane", None), ("Roux", "Tory MP")]


def test_a_role_is_a_noun_phrase_not_the_clause_before_the_name():
    quotes = extract_quotes([
        "Speaking in Harbourgate Mr Tom Vane said it was \u201ca fine day\u201d.",
        "The report included what Mr Ed Roux called an \u201cecosystem of ideas\u201d.",
        "Mr Lee had recently undergone surgery and Harbour football federation spokesman Jo "
        "Hale said: \u201cHe is recovering well.\u201d",
        "\u201cWe stand ready,\u201d said Ann Moss, a pollster who is working with the party.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Tom Vane", None), ("Ed Roux", None),
        ("Jo Hale", "Harbour football federation spokesman"),
        ("Ann Moss", "pollster who is working with the party")]


def test_names_of_bodies_and_labels_keep_their_own_words():
    quotes = extract_quotes([
        "Film-maker Tom Vane said: \u201cIt was a great night.\u201d",
        "Cambridge-based Vanesense said its sales were \u201cstrong\u201d.",
        "A spokesman for Doctors Without Harbours, which tracks press freedom, described the "
        "sentence as \u201charsh\u201d and called for his release.",
        "Lord Roux, Minister for Harbour Procurement, said he was \u201cstill disappointed "
        "with the cost\u201d.",
        "Prince beat Madonna in US magazine Harbour Stone's annual list. \u201cPrince "
        "returned to centre stage,\u201d the magazine reported.",
    ])
    assert [(q.speaker, q.role, q.description) for q in quotes] == [
        ("Tom Vane", "Film-maker", None), ("Vanesense", "Cambridge-based", None),
        (None, None, "A spokesman for Doctors Without Harbours"), ("Lord Roux", None, None),
        ("Harbour Stone", None, None)]


def test_an_office_is_no_part_of_a_name_and_a_programme_is_no_quote():
    quotes = extract_quotes([
        "Understated Vane raises his profile.",
        "Labor Secretary Thomas Vane stopped writing his speech and moved to the back.",
        "\u201cHarbour is a fraud,\u201d Vane said Sunday on NBC's \u201cMeet the Press.\u201d",
        "The inn, which President Roux on Friday declared a monument \u201cto tell the story "
        "of the struggle\u201d, was full.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Thomas Vane", None), ("Roux", "President")]


def test_the_subject_before_a_relative_clause_between_commas_speaks():
    quotes = extract_quotes([
        "US bankruptcy judge Ann Vane, who issued an injunction in May to try and prevent "
        "the Harbour sale, has said she will rule \u201cpretty promptly\u201d.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [("Ann Vane", "US bankruptcy judge")]


def test_the_report_is_its_authors():
    quotes = extract_quotes([
        "The government will only hit its target if courses improve, a report says.",
        "The Harbour Audit Office praised ministers for reaching the benchmark. According to "
        "the report, \u201cmore than half\u201d the passes were by teenagers.",
        "Around 23 million Britons will miss out, predicts a study by telecoms giant Vanecom. "
        "The idea that the divide will close by itself is \u201cwishful thinking\u201d, the "
        "study concludes.",
    ])
    assert [q.speaker for q in quotes] == ["Harbour Audit Office", "Vanecom"]
    quotes = extract_quotes([
        "The Harbour Trust and the Vane Institute both criticised the plan.",
        "\u201cIt is a mistake,\u201d the report said.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "the report")]


def test_a_body_before_a_role_and_a_full_name_modifies_the_role():
    quotes = extract_quotes([
        "Harbourfam senior policy adviser Max Vane welcomed the statement and said ministers "
        "had \u201cpassed the first hurdle\u201d.",
    ])
    assert [q.speaker for q in quotes] == ["Max Vane"]


def test_a_clause_before_the_main_one_lends_its_subject_only_to_a_pronoun():
    quotes = extract_quotes([
        "Tom Vane leads the search for a running mate.",
        "Ever since she endorsed Mrs. Roux this month, Ms. Lee has been a powerful surrogate, "
        "visiting the headquarters to encourage staffers with a simple message: \u201cDo not "
        "screw this up!\u201d",
        "When Ed Moss, the campaign manager, was asked if Mrs. Roux would hold a press "
        "conference, he laughed and said, \u201cWe will see.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Lee", "Ed Moss"]


def test_a_barristers_letters_are_no_part_of_the_name_a_surname_stands_for():
    quotes = extract_quotes([
        "\u201cThe case is rooted in error,\u201d said barrister Tom Vane SC.",
        "Instead, Mr Vane argued, the interviews became \u201cinextricably entangled\u201d in "
        "the investigation.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Tom Vane"]


def test_a_possessive_phrase_speaks_for_itself_never_for_its_possessor():
    quotes = extract_quotes([
        "Mayor Helen Park unveiled the housing plan on Monday.",
        "At the opening, Park's right-hand man rallied supporters, saying: \u201cWe have to "
        "win this vote.\u201d",
        "Park's former chief of staff Tom Reed later wrote, \u201cShe never asked me.\u201d",
        "Lord Vane's report earlier this year into Harbour finances said the accounts were "
        "\u201cvery thin\u201d.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, "Park's right-hand man"), ("Tom Reed", None), ("Lord Vane", None)]


def test_a_text_that_a_which_clause_makes_speak_is_the_speaker_not_the_sentence_subject():
    quotes = extract_quotes([
        "Mayor Ann Vane opened the bridge on Monday.",
        "Vane's press release linked to the council report, which notes, \u201cMore than half "
        "the people who met the mayor gave money to her fund.\u201d",
        "Looking to the coming elections, which are all expected in May, Ms Vane said: "
        "\u201cWe are going to win more seats.\u201d",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, "the council report"), ("Ann Vane", None)]


def test_a_name_inside_the_relative_clause_after_an_unnamed_speaker_is_its_object():
    quotes = extract_quotes([
        "Mayor Helen Park unveiled the housing plan on Monday.",
        "\u201cIt will cost too much,\u201d said one source who identified Park but spoke on "
        "condition of anonymity.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "one source")]


def test_the_role_of_someone_just_brought_in_unnamed_is_theirs_not_the_story_subjects():
    quotes = extract_quotes([
        "Ann Vane, the retailer's founder, gave her speech on Monday.",
        "A fashion designer at the firm watched from home and rolled her eyes.",
        "\u201cIt is hard enough to come back to work,\u201d said the designer.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "the designer")]
    quotes = extract_quotes([
        "Ann Vane, the retailer's founder, gave her speech on Monday. She became a designer "
        "in 1990 and never looked back.",
        "\u201cIt is hard enough to come back to work,\u201d said the designer.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [("Ann Vane", None)]


def test_a_colon_hands_a_quote_to_the_person_just_named_only_when_its_lead_points_to_them():
    quotes = extract_quotes([
        "Ann Vane, the mayor, opened the bridge on Monday.",
        "\u201cIt is a great day,\u201d she said. Her message to the council was: \u201cKeep "
        "the tolls low for every family.\u201d",
        "Each election cycle there is a threat many people make but few keep: \u201cIf "
        "so-and-so wins, I am moving to Canada!\u201d",
        "When Tom Reed died in 1998, Ms Vane released the following statement:",
        "\u201cWe offer our condolences to the family and friends of Tom Reed.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Ann Vane", "Ann Vane", None, "Ann Vane"]


def test_the_verb_that_opens_a_quote_is_its_cue_before_a_verb_after_it():
    quotes = extract_quotes([
        "Tom Vane held up a book at the rally in Harbour.",
        "When someone in the audience shouted, \u201cReed,\u201d Vane joked, again in a "
        "Southern accent, \u201cAmen, brother! Come on up.\u201d",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, "someone in the audience"), ("Tom Vane", None)]


def test_a_name_after_a_preposition_is_its_object_never_the_clause_subject():
    quotes = extract_quotes([
        "Tom Band worked for the Roux foundation for a decade.",
        "Regarding the exchanges between Mr. Band and Mrs. Roux's aides, the campaign said in "
        "a statement: \u201cNeither of these emails involve the foundation's work.\u201d",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "the campaign")]


def test_a_role_named_after_a_person_is_someone_else():
    quotes = extract_quotes([
        "Mayor Ann Vane was in a good mood at the launch. A comedy sketch about her aired on "
        "Friday.",
        "\u201cIt is all in good fun,\u201d the Vane actor says of the sketch.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "the Vane actor")]


def test_where_a_body_is_based_is_no_part_of_its_name():
    quotes = extract_quotes([
        "Paris-based Vanext and the Harbour exchange are both keen on the deal.",
        "In a statement, Vanext said: \u201cThere can be no assurances at this stage.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Vanext"]


def test_a_full_name_a_comma_and_a_body_credits_the_person_with_the_body_as_role():
    quotes = extract_quotes([
        "The party will hold its conference in Harbour this year.",
        "Colin Vane, Eastfield Hotel Association said: \u201cWe have tried very hard to make "
        "sure they come back.\u201d",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Colin Vane", "Eastfield Hotel Association")]


def test_a_voice_named_last_in_the_sentence_before_with_its_role_is_the_next_he_or_she():
    quotes = extract_quotes([
        "Shoppers gathered outside. Jo Roux told Reuters that she was worried. \u201cIt is a "
        "shame,\u201d she said.",
        "The news did not surprise author and historian Ann Vane. \u201cWe have seen this "
        "before,\u201d she said.",
        "Mr Reed did not ask for a fee during the talks for striker Tom Lee. He said: "
        "\u201cThey wanted more from the deal.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Jo Roux", "Ann Vane", "Reed"]


def test_a_capitalised_office_and_a_regnal_numeral_refer_to_the_person():
    quotes = extract_quotes([
        "King Tomas Luis I of Harbouria became the latest royal to say he is stepping down. It "
        "is \u201ctime to hand over to a new generation,\u201d the 76-year-old announced.",
        "The Bishop of Eastfield, the Rt Rev Dr Tom Vane, described the novel as a \u201cgreat "
        "thriller\u201d. Writing in the Echo, the Bishop said: \u201cConspiracy theories are "
        "always fun to read.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Tomas Luis", "Tom Vane", "Tom Vane"]


def test_a_person_the_sentence_before_is_about_takes_the_quote_from_the_last_speaker():
    quotes = extract_quotes([
        "Tom Nadel became the youngest player to win the cup. \u201cWhat a great way to finish "
        "the year,\u201d said Nadel afterwards. US coach Pat Rowe wants his team to play more "
        "on clay. \u201cI think it will help these guys even on slow hard courts.\u201d",
        "\u201cThis is a satire of the elite,\u201d said Jo Roux, who stars in the show. But "
        "the oversized Vane face beaming from billboards has not hurt interest. \u201cIt has "
        "had a marvellous result.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Tom Nadel", "Pat Rowe", "Jo Roux", "Jo Roux"]


def test_a_courtesy_title_inside_a_run_of_capitals_opens_the_name():
    quotes = extract_quotes([
        "Shadow foreign secretary Tom Reed said the campaign had been positive.",
        "In a speech to the Harbour Policy Centre Mr Vane said of the Tory leader: \u201cHe is "
        "clever, but he is not wise.\u201d The Foreign Secretary told the BBC: \u201cI was "
        "making an observation.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Vane", "Vane"]


def test_a_qualified_role_is_another_office_than_its_head_alone():
    quotes = extract_quotes([
        "Deputy home secretary Tom Reed said the plan was unworkable. \u201cIt is not a "
        "mess,\u201d Ann Vane said. \u201cWe will press on,\u201d the home secretary added.",
    ])
    assert [q.speaker for q in quotes] == ["Ann Vane", "Ann Vane"]


def test_a_pull_quote_is_the_voice_the_article_credits_the_same_words_to():
    quotes = extract_quotes([
        "\u201cWe are going to enter the next recession without that consensus.\u201d",
        "Economists are divided. \u201cWe are going to enter the next recession without that "
        "consensus,\u201d said Tom Vane, research director of the Harbour Institute.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Tom Vane"]


def test_a_text_a_body_issued_in_the_paragraph_before_is_its_words():
    quotes = extract_quotes([
        "At Roux's direction, the Harbour Party issued a statement apologising to Vane.",
        "\u201cOn behalf of everyone at the party, we want to offer a deep and sincere "
        "apology.\u201d",
        "What do you think of Reed privately saying \u201cpray for him\u201d in response?",
    ])
    assert [q.speaker for q in quotes] == ["Harbour Party", "Reed"]


def test_a_role_the_article_set_apart_from_a_person_is_never_that_person():
    quotes = extract_quotes([
        "Tom Vane made it clear to the judge that a prison sentence would be unusual. "
        "\u201cThere is no such case anywhere,\u201d he said.",
        "Vane sat down. \u201cEverything that you have said,\u201d the judge exclaimed, \u201chas "
        "overlapped with what I have said.\u201d",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        ("Tom Vane", None), (None, "the judge"), (None, "the judge")]


def test_a_magazine_cover_saying_something_is_the_covers_words():
    quotes = extract_quotes([
        "Tom Vane told the Harbour Gazette that Ms Roux was \u201cdragging her feet.\u201d "
        "This prompted the tabloid to do a cover saying \u201cDon't be a bum, Jo!\u201d",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        ("Tom Vane", None), (None, "a cover")]


def test_a_person_set_against_a_speaking_body_with_but_is_the_next_he():
    quotes = extract_quotes([
        "Harbour Maps claims that it is on a \u201cnever-ending quest for the perfect map\u201d, "
        "but Tom Vane, historian of cartography and the author of a book on maps, isn\u2019t so "
        "sure. He argues that all maps are of their time. \u201cNo world map is, or can be, a "
        "definitive depiction of its subject,\u201d he writes.",
    ])
    assert [q.speaker for q in quotes] == ["Harbour Maps", "Tom Vane"]


def test_a_word_for_a_person_by_its_ending_refers_back_like_a_title():
    quotes = extract_quotes([
        "Dragons' Den star Tom Vane offered a reward on Twitter. And although Mr Vane later "
        "withdrew his threat, the entrepreneur said \u201cI would gladly do my time\u201d to "
        "catch the man.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_the_subject_before_a_participle_aside_speaks_not_a_name_inside_it():
    quotes = extract_quotes([
        "Tom Vane asked his followers for help. But one user, speculating that Jo Reed was a "
        "fake name, told Mr Vane: \u201cWhoever the real Jo Reed is, I hope this ends well.\u201d",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "one user")]


def test_a_courtesy_title_overrules_a_guessed_sex_for_a_surname_alone_in_the_article():
    quotes = extract_quotes([
        "Deputy Mayor Nicky Gavron told the BBC the mayor would say sorry.",
        "Ms Gavron said the comments were \u201cinappropriate\u201d. She said: \u201cI work very "
        "closely with him, so I can speak of what he is like.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Nicky Gavron", "Nicky Gavron"]


def test_a_he_that_opens_the_sentence_before_a_quote_is_its_speaker():
    quotes = extract_quotes([
        "Tory leader Tom Vane stressed his party's commitment to cut taxes. \u201cWe will win,"
        "\u201d said Ann Roux, his deputy. He finished with a personal appeal to activists. "
        "\u201cOne day you will be able to tell your children that you were there.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Ann Roux", "Tom Vane"]


def test_a_role_given_in_the_plural_to_two_people_makes_the_role_neither_of_the_story_s():
    quotes = extract_quotes([
        "In an interview with breakfast show hosts Tom Reed and Jo Vane, the Labour candidate "
        "Ann Moss said the row did not \u201cfit with what I knew\u201d. Of course, Moss said, "
        "\u201cI did not know him well.\u201d",
        "\u201cI said she was exactly right when you answered the question,\u201d the host said.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        ("Ann Moss", None), ("Ann Moss", None), (None, "the host")]


def test_a_verb_before_names_gives_them_no_role():
    quotes = extract_quotes([
        "Actor Tom Vane has criticised the film industry.",
        "The star of Harbour Lights said the film culture was \u201cin decline\u201d on "
        "Tuesday. Vane is in London for his new comedy, which also stars Jo Reed, Ann "
        "Roux and Ben Hale.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_an_office_of_one_is_not_the_story_s_subject_when_given_another_office():
    quotes = extract_quotes([
        "Home Secretary Tom Vane was joined by Jo Reed at a school in Leeds. Mr Vane said "
        "he wanted police \u201cto be part of the community\u201d. The prime minister said "
        "citizens should be in charge, \u201cnot the minority who cause trouble\u201d.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        ("Tom Vane", None), (None, "The prime minister")]


def test_words_before_a_comma_are_not_the_role_of_the_name_after_it():
    quotes = extract_quotes([
        "Ann Roux will change course in her second term as US president, Tom Reed has said.",
        "The prime minister said the US now had \u201ca harder position\u201d on trade.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Reed"]


def test_a_player_is_not_the_boss_and_a_manager_not_the_striker():
    quotes = extract_quotes([
        "Harbour manager Tom Vane was frustrated his side scored only once. \u201cWe had "
        "chances,\u201d said Vane. The goal came from a cross. \u201cIt was great play "
        "from Ben,\u201d said the Tottenham striker.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        ("Tom Vane", None), (None, "the Tottenham striker")]


def test_a_label_before_the_surname_of_a_person_named_already_is_that_person():
    quotes = extract_quotes([
        "Jo Reed took her record to 24 with a first-half goal. Harbour coach Tom Vane was "
        "pleased. Matchwinner Reed was full of praise for her team. \u201cIt was great play "
        "from Ann,\u201d said the Harbour striker.",
    ])
    assert [q.speaker for q in quotes] == ["Jo Reed"]


def test_mr_and_a_particle_before_a_surname_name_the_person_given_in_full():
    quotes = extract_quotes([
        "Tom Reed received the award from Culture Minister Jean Paul de Vane. \u201cYou have "
        "a rare talent,\u201d Mr de Vane said. Reed thanked him.",
        "\u201cYour work shows us what art is for,\u201d Mr de Vane said.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Jean Paul de Vane", None), ("Jean Paul de Vane", None)]


def test_an_adjective_and_a_plural_noun_opening_a_sentence_name_nobody():
    quotes = extract_quotes([
        "The British producers of Harbour Swap are taking legal action against a show they "
        "claim is \u201ca blatant and wholesale copycat\u201d of their programme.",
    ])
    assert [q.speaker for q in quotes] == [None]


def test_a_courtesy_title_never_names_a_first_name_of_the_other_sex():
    quotes = extract_quotes([
        "Roger Vane found the cat in a park. \u201cIt is amazing,\u201d Roger Vane said. Roger "
        "Vane said it was brave.",
        "She \u201creally just adopted us,\u201d Mrs Vane said.",
    ])
    assert [q.speaker for q in quotes] == ["Roger Vane", "Vane"]


def test_mrs_and_a_surname_shared_by_a_couple_is_the_wife():
    quotes = extract_quotes([
        "Hillary Reed said her husband, former president Bill Reed, would help. Bill Reed "
        "smiled. Bill Reed waved.",
        "Mrs. Reed said Mr. Reed would be \u201cin charge of the economy,\u201d because he "
        "knows how.",
    ])
    assert [q.speaker for q in quotes] == ["Hillary Reed"]


def test_a_name_inside_an_opening_participle_phrase_is_no_subject():
    quotes = extract_quotes([
        "World number one Ann Roux has criticised Harbour over equal prize money.",
        "Reacting to a disputed comment by club chairman Tom Vane, the American said: "
        "\u201cI think it is highly insulting.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Ann Roux"]


def test_a_noun_ending_in_ly_is_kept_whole_as_the_subject():
    quotes = extract_quotes([
        "Led by council speaker Jo Vane, the rally denounced Tom Reed\u2019s call for "
        "\u201ca total shutdown\u201d of the port. The family said it was \u201cheartbroken\u201d.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, "the rally"), (None, "The family")]


def test_the_agent_is_the_agent_just_quoted():
    quotes = extract_quotes([
        "Tom Vane's agent has warned Harbour they have a week to improve their offer.",
        "Jo Reed says she has received a better offer. \u201cTom wants to stay,\u201d Reed "
        "told the Gazette. But Reed insists he is worth more. \u201cHarbour have to "
        "recognise his value,\u201d the agent added.",
    ])
    assert [q.speaker for q in quotes] == ["Jo Reed", "Jo Reed"]


def test_his_apology_read_is_his():
    quotes = extract_quotes([
        "Tom Vane finally backed down on Saturday, three days after his remarks. His apology "
        "read: \u201cFor 20 years I have illustrated the absurd with absurdity.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_a_speech_noun_after_a_possessive_is_no_cue():
    quotes = extract_quotes([
        "Annoyed: President Tom Vane, seen on Friday, considers Mr Reed's remarks "
        "\u201creprehensible\u201d and called Ms Roux to express his regret.",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [("Tom Vane", None)]


def test_ok_is_no_name():
    quotes = extract_quotes([
        "Harbour can post for you. We don't recommend it unless you're OK with someone putting "
        "words in your mouth like: \u201cHow cool! Banjo tells me we're close by!\u201d",
    ])
    assert [q.speaker for q in quotes] == [None]


def test_a_capitalised_kin_word_before_a_first_name_is_the_role():
    quotes = extract_quotes([
        "Tom Vane, winner of Big Brother 2012, is to become a father. Wife Becki says they "
        "have an \u201cincredible life\u201d together.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [("Becki", "wife")]


def test_and_before_a_name_after_a_clause_of_its_own_starts_the_subject():
    quotes = extract_quotes([
        "Harbour coach Tom Vane said his team were looking forward to the final. Harbour beat "
        "Eastfield in a shootout after a draw at Old Trafford and Vane said: \u201cWe are "
        "all very happy to return.\u201d",
        "Culture, Media and Sport Secretary Ann Roux who said: \u201cYou would not let your "
        "child watch it.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Ann Roux"]
    assert quotes[1].role is not None and quotes[1].role.endswith("Media and Sport Secretary")


def test_an_office_then_the_person_holding_it_in_apposition_is_the_person():
    quotes = extract_quotes([
        "The Roman Catholic Archbishop of Eastfield, the Most Reverend Tom Vane, told the "
        "Gazette that the church wanted people to \u201creflect on the issues\u201d first.",
    ])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Tom Vane", "The Roman Catholic Archbishop of Eastfield")]


def test_a_compound_adjective_opening_the_sentence_is_no_name():
    quotes = extract_quotes([
        "Anti-abortion group the Harbour Alliance \u201ccongratulated\u201d Mr Vane on his "
        "stance, but said it did not go far enough.",
    ])
    assert [q.speaker for q in quotes] == ["Harbour Alliance"]


def test_and_inside_an_aside_before_the_verb_does_not_start_the_subject():
    quotes = extract_quotes([
        "Tom Vane, the chief executive of Harbour Media -- the company that owns the show, "
        "which is also streamed on Hulu and Harbour's site -- told me, \u201cWe're a content "
        "provider.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_a_first_name_is_never_a_person_the_story_names_only_later():
    quotes = extract_quotes([
        "Tory leader Tom Vane was introduced by his son Nick, who praised his father's "
        "honesty. \u201cI always know where I am with him,\u201d he said. His wife Ann "
        "Vane smiled.",
        "\u201cIt has been a fantastic few weeks,\u201d said student Nick Reed.",
    ])
    assert [q.speaker for q in quotes] == ["Nick", "Nick Reed"]


def test_a_sentence_opening_on_but_after_a_quote_does_not_claim_it():
    quotes = extract_quotes([
        "The Harbour Council said in a statement: \u201cWe are concerned by the show.\u201d "
        "\u201cThere is not a single positive character in it.\u201d But Harbour TV denied "
        "the show broke the rules.",
    ])
    assert [q.speaker for q in quotes] == ["Harbour Council", "Harbour Council"]


def test_which_it_describes_as_is_the_sentence_subject_s():
    quotes = extract_quotes([
        "The Harbour Office has produced its own report on wardens which it describes as "
        "\u201cencouraging\u201d. Ms Vane said the study shows wardens are working.",
    ])
    assert [q.speaker for q in quotes] == ["Harbour Office"]


def test_a_quote_after_one_sentence_of_background_goes_on_from_the_reported_speech():
    quotes = extract_quotes([
        "Mr Vane said that, although television money had driven the game forward, he "
        "feared there might now be too many games shown. Since 1992, Harbour clubs have seen "
        "their income from television soar. \u201cTelevision has been the driving force, but "
        "we must constantly improve.\u201d",
        "Four hours later, Mr Vane called Tom Reed back to the office. The minutes of the "
        "meeting show how the deal fell apart. \u201cThe chairman said he was bound to "
        "refuse.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Vane", None]


def test_a_body_s_short_name_or_its_kind_owning_a_text_is_the_body_named_in_full():
    quotes = extract_quotes([
        "The Bank of Harbour left interest rates on hold at 4.75% this month.",
        "The Bank's minutes said that risks were \u201csufficiently to the downside\u201d to "
        "keep rates on hold. However, the minutes added: \u201cSome members noted that a rise "
        "might be warranted in due course.\u201d",
        "The Eastfield Media Council has banned the play. \u201cThe play is obscene and it "
        "is hereby banned,\u201d the council's ruling said.",
    ])
    assert [q.speaker for q in quotes] == [
        "Bank of Harbour", "Bank of Harbour", "Eastfield Media Council"]


def test_a_name_right_before_the_verb_speaks_over_a_relative_clause_earlier_in_the_sentence():
    quotes = extract_quotes([
        "Tom Vane spoke to reporters on Monday.",
        "News of the \u201cenormous problems\u201d in Leeds, which reached Harbour City before "
        "the market opened, caused a flurry of selling, Vane said.",
        "Reports of \u201cserious failings\u201d at the plant, which worried Ann Moss last "
        "year, have been denied, Vane said.",
        "Jo Reed, who made a fortune from the trade, was called \u201cthe biggest pirate in "
        "the north\u201d by the judge.",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Tom Vane", None]


def test_a_titled_name_after_by_is_who_acted_not_who_speaks_unless_a_text_is_theirs():
    quotes = extract_quotes([
        "Treasury Secretary Jo Reed has cancelled a trip to Leeds because of business at "
        "home, including the visit this week by Danish Prime Minister Tom Vane, a Treasury "
        "spokesman said.",
        "The spokesman, who asked not to be identified, said: \u201cI would not draw any "
        "conclusion from the cancellation at all.\u201d",
        "But he added that the visit was \u201cpart of the press of business.\u201d",
        "A statement by Prime Minister Tom Vane said: \u201cWe will not give in to this at "
        "all.\u201d",
    ])
    assert [q.speaker for q in quotes] == [None, None, "Tom Vane"]


def test_the_statement_said_is_whoever_released_or_issued_it_just_before():
    quotes = extract_quotes([
        "Tom Vane declined to be interviewed but did release a statement that was published "
        "with the report. \u201cI make no excuses and accept full responsibility for my "
        "actions,\u201d the statement said.",
        "Days later the Harbour Museum issued a statement of concern. Recalling \u201cthe "
        "cost to families who were unable to leave,\u201d the statement urged readers to "
        "\u201cavoid condemning the newcomers as a group.\u201d",
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane", "Harbour Museum", "Harbour Museum"]


def test_a_quote_after_another_person_s_reported_speech_is_theirs_not_the_paragraph_s():
    quotes = extract_quotes([
        "The pound fell sharply. \u201cThe fall has been sudden and violent,\u201d said Bo "
        "Hale of Harbour Bank. \u201cRecent moves have had no impact yet.\u201d Finance "
        "Minister Tom Vane put a brave face on the news, saying it was a sign of growth. "
        "\u201cThe economy is growing at such a fast rate that it is pulling in imports.\u201d",
        "\u201cWe expected some of this but nothing like this,\u201d said Jo Reed. Ann Moss "
        "said the findings were no surprise. \u201cWe have known it for years and years.\u201d "
        "The study took a year.",
    ])
    assert [q.speaker for q in quotes] == ["Bo Hale", "Bo Hale", "Tom Vane", "Jo Reed", "Ann Moss"]
