"""The named rules of attribution, one test each: how a subject phrase is read
(names.SOURCE_RULES) and whom a quote with no cue of its own is credited to
(extract.CONTEXT_RULES). Sentences are made up for the project."""

from __future__ import annotations

from index.quotes.attribution import sentence_subject
from index.quotes.extract import CONTEXT_RULES, extract_quotes
from index.quotes.names import SOURCE_RULES, Source, _clean_phrase, _Reading, parse_source
from index.quotes.speakers import match_quotes


def _decided(phrase: str, inverted: bool = False) -> tuple[str, Source]:
    """The rule that decides a phrase, and what parse_source makes of it."""
    reading = _Reading(_clean_phrase(phrase), inverted)
    for rule in SOURCE_RULES:
        verdict = rule(reading)
        if verdict is not None:
            assert parse_source(phrase, inverted) == verdict
            return rule.__name__, verdict
    raise AssertionError("no rule decided")


# -- subject phrases -------------------------------------------------------------------

def test_rule_inverted_apposition_credits_the_name_after_a_described_person():
    assert _decided("another harbour user, Jo Bayer", inverted=True) == (
        "_inverted_apposition", Source("name", "Jo Bayer", "another harbour user"))


def test_rule_inverted_apposition_a_possessive_description_before_the_name():
    assert _decided("her lawyer, Ann Bayer, who declined to say more", inverted=True) == (
        "_inverted_apposition", Source("name", "Ann Bayer", "her lawyer"))
    quotes = extract_quotes(["\u201cThe claim is false,\u201d said its chairman, Tom Hale."])
    assert [(q.speaker, q.role) for q in quotes] == [("Tom Hale", "its chairman")]


def test_rule_name_before_apposition_credits_the_name_not_its_description():
    assert _decided("Nick Vane, a fellow at the harbour trust,") == (
        "_name_before_apposition", Source("name", "Nick Vane", "a fellow at the harbour trust"))


def test_rule_name_before_apposition_a_relative_clause_describes_the_subject_before_it():
    assert _decided("Jo Roux, whose firm built the pier,") == ("_person", Source("name", "Jo Roux"))
    assert parse_source("A Vane adviser, who asked not to be named,") == Source(
        "description", description="A Vane adviser")
    quotes = extract_quotes([
        "Tom Vane toured the harbour on Monday.",
        "A Vane adviser, who spoke on condition of anonymity, said: \u201cHe is exhausted "
        "but he will carry on.\u201d",
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "A Vane adviser")]


def test_rule_name_before_apposition_a_clause_of_its_own_is_not_a_name():
    assert parse_source("Although Vane criticised Roux, the crowd") == Source(
        "description", description="the crowd")
    assert parse_source("Although Tom Vane, the harbour master,") == Source(
        "name", "Tom Vane", "the harbour master")
    quotes = extract_quotes([
        "Once Vane had thanked Roux, the audience chanted: \u201cFour more years!\u201d"
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "the audience")]


def test_rule_pronoun_subject_reads_past_joining_words_and_adverbs():
    assert _decided("and she later") == ("_pronoun_subject", Source("pronoun", name="she"))


def test_rule_words_of_subject_cuts_an_inverted_subject_at_its_trailing_clause():
    assert _decided("Tom Hale of Eastfield Trust after the meeting", inverted=True) == (
        "_person", Source("name", "Tom Hale"))


def test_nothing_is_read_from_punctuation_alone():
    assert parse_source(", ;") is None


def test_rule_organisation_ending_in_common_word():
    assert _decided("Harbour Watch") == (
        "_organisation_ending_in_common_word", Source("org", "Harbour Watch"))


def test_rule_no_name_at_the_end_is_a_description():
    assert _decided("a council spokesman") == (
        "_no_name_at_the_end", Source("description", description="a council spokesman"))


def test_rule_first_of_two_names_credits_the_first():
    rule, src = _decided("Nina Tarr and Blake Eden")
    assert rule == "_first_of_two_names" and src is not None and src.name == "Nina Tarr"


def test_rule_titles_only_is_a_description():
    assert _decided("the Prime Minister") == (
        "_titles_only", Source("description", description="the Prime Minister"))


def test_rule_indefinite_kind_is_a_description_not_a_name():
    assert _decided("one Harbourshire Republican", inverted=True) == (
        "_indefinite_kind",
        Source("description", description="one Harbourshire Republican"))
    assert _decided("a Portuguese")[1].kind == "description"
    assert parse_source("one Jo Bayer", inverted=True) == Source("name", "Jo Bayer", "one")
    assert parse_source("Marcus A Lindqvist").kind == "name"  # an initial, no article
    quotes = extract_quotes([
        "Turnout was low in the county. \u201cNobody here trusts the polls,\u201d said a "
        "Westfold Democrat. \u201cWe will see on Tuesday.\u201d"
    ])
    assert quotes and all(q.speaker is None for q in quotes)
    assert quotes[0].description == "a Westfold Democrat"


def test_rule_organisation_with_joining_words_keeps_of_and_and():
    assert _decided("the Department of Harbours and Ferries") == (
        "_organisation_with_joining_words", Source("org", "Department of Harbours and Ferries"))


def test_rule_object_of_preposition_names_nobody_who_speaks():
    rule, src = _decided("A spokesman for the Northport University Press")
    assert rule == "_object_of_preposition" and src is not None and src.kind == "description"
    assert _decided("Labour MP for West Harbour")[0] == "_object_of_preposition"


def test_rule_organisation_name_keeps_its_title_like_words():
    assert _decided("The Democratic Harbour Committee") == (
        "_organisation_name", Source("org", "Democratic Harbour Committee"))


def test_rule_person_takes_the_words_before_the_name_as_role():
    assert _decided("Harbour MP Jane Porter") == (
        "_person", Source("name", "Jane Porter", "Harbour MP"))


def test_source_rules_are_each_named_once():
    names = [rule.__name__ for rule in SOURCE_RULES]
    assert len(names) == len(set(names)) and names[-1] == "_person"


# -- quotes with no cue of their own -----------------------------------------------------

def _credits(paragraphs: list[str]) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.description) for q in extract_quotes(paragraphs)]


def test_rule_sign_off_after_the_quote():
    credits = _credits(["“The quay is our living room.” - Carla Ruiz, Eastfield"])
    assert credits[0][0] == "Carla Ruiz"


def test_a_sign_off_reads_past_initials_and_never_starts_on_a_lowercase_word():
    credits = _credits([
        "“The buses have been cut twice this year.” \u2015 Maria L. Ortega Ruiz.",
        "Several councillors objected -- “It is a disgrace to cut the service” -- and Bill "
        "Crane, the transport chief, walked out.",
    ])
    assert credits[0][0] == "Maria L. Ortega Ruiz"
    assert credits[1][0] != "Bill Crane"  # "- and Bill Crane" goes on with the sentence


def test_rule_quote_set_off_after_a_name_is_that_person_s_over_the_sentence_s_cue():
    credits = _credits([
        "A chorus of councillors has said the same, including the former mayor Tom Vane -- "
        "“It is wrong to cut a bus that people need” -- and Jo Reed, a former chief.",
        "Some objected, including Ann Moss -- “It is a disgrace to cut the service.”",
        "Tom Vane said -- “and I mean this” -- that he would go. Reed agreed.",
    ])
    assert [c[0] for c in credits] == ["Tom Vane", "Ann Moss", "Tom Vane"]


def test_rule_sign_off_line_after_the_quote():
    credits = _credits(["“Keep the ferry running, whatever it costs.”", "- Ann Roux, ferry user"])
    assert credits[0][0] == "Ann Roux"


def test_rule_cue_sentence_after_the_quote():
    credits = _credits(["“Not paid!” Tom Vane declared, waving the letter at the council."])
    assert credits[0][0] == "Tom Vane"


def test_rule_subject_of_the_sentence_says_the_quoted_words():
    credits = _credits(["Mayor Ann Roux is calling the plan “a harbour for the few”."])
    assert credits[0][0] == "Ann Roux"


def test_rule_unnamed_between_quotes_takes_over():
    assert _credits([
        "“Fares are fine,” says Mr Lakhani. One ferry broker said the rise was political. "
        "“Nobody pays more for the same boat.”",
    ])[1] == (None, "One ferry broker")


def test_rule_speaker_of_the_paragraph_goes_on():
    assert _credits([
        "“We are ready,” said Ann Roux. “The boats are painted and the crews are back.”"
    ]) == [("Ann Roux", None), ("Ann Roux", None)]


def test_rule_colon_lead_names_the_speaker():
    credits = _credits([
        "Harbour master Maria Alvarez: “The cables will hold for another forty years.”"
    ])
    assert credits[0][0] == "Maria Alvarez"


def test_rule_speaker_of_the_paragraph_after_a_colon_lead_that_names_nobody():
    assert _credits([
        "“We are ready,” said Ann Roux. The plan in short: “Boats first, then the cars, then "
        "the lorries.”"
    ]) == [("Ann Roux", None), ("Ann Roux", None)]


def test_rule_cue_of_the_sentence_before():
    credits = _credits(["Tom Vane said the toll would stay. “Nobody wants a dearer crossing.”"])
    assert credits[0][0] == "Tom Vane"


def test_rule_name_line_of_a_vox_pop():
    credits = _credits(["Julie Marin, 34, Eastfield", "“I cross twice a day and I want it open.”"])
    assert credits[0][0] == "Julie Marin"


def test_rule_paragraph_before_ending_in_a_colon():
    credits = _credits(["Tom Vane, the harbour master, told the meeting:",
                        "“The cables are sound and the deck is dry.”"])
    assert credits[0][0] == "Tom Vane"


def test_rule_person_just_named_opens_the_next_paragraph():
    credits = _credits(["Owen Pryce runs the ferry café by the quay.",
                        "“Trade has halved since the closure.”"])
    assert credits[0][0] == "Owen Pryce"


def test_context_rules_are_each_named_once():
    names = [rule.__name__ for rule in CONTEXT_RULES]
    assert len(names) == len(set(names))


def test_rule_party_of_members_names_a_party_not_a_group():
    assert _decided("the Social Democrats", inverted=True) == (
        "_party_of_members", Source("org", "Social Democrats"))
    assert parse_source("House Democrats", inverted=True) == Source(
        "description", description="House Democrats")


def test_a_party_label_before_a_full_name_is_the_role():
    assert parse_source("Green Alliance Ann Roux", inverted=True) == Source(
        "name", "Ann Roux", "Green Alliance")


def test_a_person_after_a_party_label_is_found_by_full_name_later():
    quotes = extract_quotes([
        "Green Alliance Ann Roux called the plan a “harbour grab”.",
        "Ms Roux said: “The quay belongs to the town.”",
    ])
    assert [q.speaker for q in quotes] == ["Ann Roux", "Ann Roux"]
    assert match_quotes("Ann Roux", quotes) == quotes


def test_a_first_name_the_lists_lack_is_no_label():
    assert parse_source("Farouk Omar Haddad", inverted=True) == Source("name", "Farouk Omar Haddad")
    assert parse_source("Drummer Omar Haddad", inverted=True) == Source(
        "name", "Omar Haddad", "Drummer")


def test_a_fronted_time_is_not_the_sentence_subject():
    assert sentence_subject("Back in 2009, Mr. Vane praised the harbour") == Source(
        "name", "Vane", "Mr.")
    quotes = extract_quotes([
        "Back in 2009, Mr. Vane praised the harbour master, telling a local paper: "
        "\u201cShe runs the tightest port on the coast.\u201d"
    ])
    assert [q.speaker for q in quotes] == ["Vane"]
    # a surname and "then" in the clause before the verb stays the subject
    quotes = extract_quotes(["Vane then told the council, \u201cWe open in May.\u201d"])
    assert [q.speaker for q in quotes] == ["Vane"]


def test_an_opening_clause_keeps_its_conjunction_so_its_names_do_not_speak():
    quotes = extract_quotes([
        "As Vane attacked Roux, the audience chanted, \u201cSend him home!\u201d as they "
        "had all night."
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "the audience")]
    quotes = extract_quotes([
        "While Tom Vane, the harbour master, said: \u201cWe are ready,\u201d the crews "
        "were less sure."
    ])
    assert [q.speaker for q in quotes] == ["Tom Vane"]


def test_a_group_before_a_participle_speaks_not_the_sentence_subject():
    quotes = extract_quotes([
        "Eastfield was on everyone's mind, with hundreds of marchers chanting "
        "\u201cWe stand with Eastfield\u201d along the seafront."
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "hundreds of marchers")]


def test_a_fronted_phrase_does_not_hide_the_subject_after_its_comma():
    quotes = extract_quotes([
        "Tom Vane, a retired fisherman, has lived in Eastfield all his life.",
        "\u201cThe ferry talks have failed,\u201d said Sam Roux, the harbour master.",
        "On the outskirts of Eastfield, Mr Vane watched the boats come in.",
        "\u201cWe built this port together,\u201d he said.",
    ])
    assert [q.speaker for q in quotes] == ["Sam Roux", "Tom Vane"]


def test_a_share_of_people_is_a_subject_of_its_own():
    quotes = extract_quotes([
        "The survey asked how likely Roux was to win in May, to which 21 percent said "
        "\u201cnot very likely\u201d and 14 percent said \u201cnever.\u201d"
    ])
    assert [(q.speaker, q.description) for q in quotes] == [
        (None, "21 percent"), (None, "14 percent")]
    quotes = extract_quotes([
        "Asked about Roux, 40 percent of voters said she was \u201ctoo cautious.\u201d"
    ])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "40 percent of voters")]
    # an age after a name is still the name's apposition
    assert parse_source("Tom Vane, 70,").name == "Tom Vane"


def test_a_capitalised_modifier_before_a_role_is_not_the_subject():
    assert sentence_subject("Band member Hale shared the news online, writing") == Source(
        "name", "Hale")
    quotes = extract_quotes([
        "Harbour Trust chairman Ian Pell later wrote to members, saying the plan was "
        "\u201ca betrayal of the town.\u201d"
    ])
    assert [q.speaker for q in quotes] == ["Ian Pell"]
    # a titled full name before a role word stays the subject
    assert sentence_subject("Dr Ann Hale head of research said").name == "Ann Hale"
    # "then" is no role: the name before it is the subject
    assert sentence_subject("Vane then wrote back").name == "Vane"


def test_words_a_text_reads_are_the_texts_not_the_last_speakers():
    said = "Mayor Tom Hale spoke to the rally in the square on Friday."
    words = "Keep the ferry running for every island family this winter."
    cases = {
        f"A banner by the stage read: \u201c{words}\u201d": (None, "A banner by the stage"),
        f"\u201c{words}\u201d read one placard.": (None, "one placard"),
        f"\u201c{words}\u201d reads an editorial in the Gazette.":
            (None, "an editorial in the Gazette"),
        f"\u201c{words}\u201d the leaflet in every letterbox reads.":
            (None, "the leaflet in every letterbox"),
        f"\u201c{words}\u201d a Ferry Trust statement read.": ("Ferry Trust", None),
        f"\u201c{words}\u201d Hale read from his notes.": ("Tom Hale", None),
    }
    for line, (speaker, description) in cases.items():
        quote = extract_quotes([said, line])[-1]
        assert (quote.speaker, quote.description) == (speaker, description), line
    names = [rule.__name__ for rule in CONTEXT_RULES]
    assert names.index("_written_words") < names.index("_person_just_named")


def test_a_common_word_the_article_uses_as_a_surname_is_a_name_there():
    paragraphs = [
        "The ferry song was written by radio presenter Ann Read and pianist Tom From.",
        "\u201cIt came to me on the quay one morning in the rain,\u201d Read said.",
        "From agreed. \u201cWe finished the tune before the last boat sailed,\u201d From said.",
        "\u201cTake the early boat, not the late one,\u201d said the notice. Then the crowd sang.",
    ]
    speakers = [q.speaker for q in extract_quotes(paragraphs)]
    assert speakers == ["Ann Read", "Tom From", None]
    # without a first name before it, the same word is no one's name
    alone = extract_quotes(["\u201cIt came to me on the quay one morning,\u201d Read said."])
    assert [q.speaker for q in alone] == [None]


def test_a_quoted_phrase_inside_an_aside_leaves_the_name_before_it_the_speaker():
    line = ("\u201cWe have never seen a crowd this size at the quay before,\u201d harbour"
            " volunteer Jo Pryce, wearing a yellow coat and \u201cSave the Quay\u201d badges,"
            " said as the boats came in.")
    quotes = extract_quotes([line])
    assert [(q.speaker, q.role) for q in quotes] == [("Jo Pryce", "harbour volunteer")]
    # a quote closing the aside is still the speaker's own words when she cites them
    cited = extract_quotes(["Jo Pryce, citing \u201cthe worst winter in memory,\u201d said"
                            " the ferry must run daily."])
    assert [(q.text, q.speaker) for q in cited] == [("the worst winter in memory,", "Jo Pryce")]


def test_the_subject_before_goes_on_to_say_is_the_speaker():
    said = "Mayor Tom Hale spoke to the ferry campaign in the square on Friday."
    words = "\u201cThe winter timetable leaves island families stranded for days.\u201d"
    leaflet = extract_quotes([said, f"The campaign leaflet goes on to say: {words}"])
    assert [(q.speaker, q.description) for q in leaflet] == [(None, "The campaign leaflet")]
    person = extract_quotes([said, f"Ann Roux, a ferry user, went on to say: {words}"])
    assert [q.speaker for q in person] == ["Ann Roux"]


def test_a_sign_that_says_speaks_for_itself_not_for_the_sentence_subject():
    said = "Mayor Tom Hale spoke to the ferry campaign in the square on Friday."
    line = ("Hale posted a photo of the quay under a headline that said, \u201cThe last"
            " ferry home is a lifeline, not a luxury.\u201d")
    quotes = extract_quotes([said, line])
    assert [(q.speaker, q.description) for q in quotes] == [(None, "a headline")]
    # a hat or badge with words on it is a sign too
    hat = extract_quotes([said, "Hale wore a campaign hat that says “KEEP THE LAST FERRY"
                                " RUNNING ALL YEAR” at every event."])
    assert [(q.speaker, q.description) for q in hat] == [(None, "a campaign hat")]
    # a letter is its sender's words
    sent = extract_quotes([said, "Hale sent a letter that said: \u201cThe last ferry home is"
                                 " a lifeline, not a luxury.\u201d"])
    assert [q.speaker for q in sent] == ["Tom Hale"]


def test_the_one_after_by_asks_or_tells_not_the_one_asked():
    lead = "Ann Roux runs the cafe on the quay."
    question = "\u201cWould you close the quay if the council voted for it tomorrow?\u201d"
    cases = {
        f"Roux was asked by presenter Tom Vane, who backs the ferry plan, {question}":
            ("Tom Vane", None),
        f"Roux was asked by reporters: {question}": (None, "reporters"),
        "Roux was told by Tom Vane that \u201cthe quay will close in the spring whatever"
        " happens.\u201d": ("Tom Vane", None),
    }
    for line, want in cases.items():
        quotes = extract_quotes([lead, line])
        assert [(q.speaker, q.description) for q in quotes] == [want], line


def test_a_crowd_in_the_clause_before_a_chant_is_the_chanter():
    said = "\u201cWe will keep the ferry running every single day,\u201d Mayor Tom Hale said."
    line = ("Hale spoke near the quay, where about 40 protesters had gathered since dawn,"
            " chanting \u201cno ferry, no vote\u201d after the talks failed.")
    quotes = extract_quotes([said, line])
    assert [(q.speaker, q.description) for q in quotes[1:]] == [(None, "about 40 protesters")]
    # saying is the subject's own: "Hale left the hall, where ..., saying" stays his
    own = extract_quotes([said, "Hale left the hall, where islanders had gathered, saying"
                                " \u201cthe ferry will run every day\u201d to reporters."])
    assert [q.speaker for q in own[1:]] == ["Tom Hale"]


def test_then_after_a_subject_is_an_adverb_not_a_new_clause():
    said = "\u201cWe will keep the ferry running every day,\u201d Mayor Tom Hale said on Friday."
    words = "\u201cthe matter of the ferry is now closed for good.\u201d"
    statement = extract_quotes([said, f"The trust\u2019s statement then declares {words}"])
    assert [(q.speaker, q.description) for q in statement[1:]] == [
        (None, "The trust\u2019s statement")]
    nodded = extract_quotes([said, f"He nodded then said: {words}"])
    assert [q.speaker for q in nodded[1:]] == ["Tom Hale"]


def test_and_co_belongs_to_a_firm_s_name_never_ends_a_person_s():
    assert parse_source("Vane and Co assistant manager Jo Reed", inverted=True) == Source(
        "name", "Jo Reed", "Vane and Co assistant manager")
    assert parse_source("a spokesman for Harbour Sachs and Co.", inverted=True) == Source(
        "description", description="a spokesman for Harbour Sachs and Co.")
    assert parse_source("Tom Vane and Jo Reed", inverted=True) == Source("name", "Tom Vane")


def test_a_name_ending_its_part_as_an_object_takes_no_apposition_after_it():
    assert parse_source("The deal left a loss for Harbour Bank, the regulator") == Source(
        "description", description="the regulator")
    assert parse_source("It meant a loss for Vane and Co, the regulator") == Source(
        "description", description="the regulator")
    # people of a body speak for it
    assert parse_source("Analysts at Harbour Bank, the biggest lender") == Source(
        "org", "Harbour Bank", "the biggest lender")


def test_a_party_and_state_after_a_lawmaker_s_name_is_no_name():
    assert parse_source("Senate Majority Leader Ann Vane, R-Ky.") == Source(
        "name", "Ann Vane", "Senate Majority Leader")
    assert parse_source("Rep. Tom Reed, D-N.Y.", inverted=True) == Source(
        "name", "Tom Reed", "Rep.")
    assert parse_source("M&S.", inverted=True) == Source("org", "M&S")
