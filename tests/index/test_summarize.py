"""Extractive summaries of made-up articles: order, faithfulness, edge cases."""

import random

import pytest

from index.errors import NewsdeskError, QuestionError
from index.models import SummarySentence
from index.sentences import split_sentences
from index.summaries.summarize import (
    leans_on_previous,
    says_the_same,
    summarize,
    validate_sentence_count,
)

TITLE = "Northport council approves harbour bridge repairs"
ARTICLE = (
    "Northport council on Tuesday approved a £4.2m plan to repair the harbour bridge, "
    "which has been closed to traffic since cracks were found in two support cables.",
    "The vote was 9 to 2. Councillor Maria Alvarez said the bridge repairs would start in "
    "March and the harbour bridge should reopen to traffic by the end of June.",
    "He added that the cost would be shared with the regional transport board.",
    "Local shop owners have complained that the closed bridge has cut trade by a third. "
    "\u201cWe are losing customers every week the bridge stays shut,\u201d said baker Tom Reyes.",
    "Engineers from Dunmore Ltd. found the cracked cables during a routine inspection in "
    "October. The company will also carry out the repairs to the harbour bridge.",
    "Council meetings are streamed online.",
)


def _all_sentences(paragraphs):
    return [s for p in paragraphs for s in split_sentences(p)]


def test_summary_has_the_requested_number_of_sentences():
    assert len(summarize(ARTICLE, 3, title=TITLE)) == 3


def test_summary_sentences_are_verbatim_sentences_of_the_body():
    body = _all_sentences(ARTICLE)
    for sentence in summarize(ARTICLE, 4, title=TITLE):
        assert sentence.text in body


def test_summary_sentences_keep_article_order():
    body = _all_sentences(ARTICLE)
    picked = [body.index(s.text) for s in summarize(ARTICLE, 4, title=TITLE)]
    assert picked == sorted(picked)


def test_summary_sentences_carry_their_paragraph_number():
    for sentence in summarize(ARTICLE, 5, title=TITLE):
        assert sentence.text in ARTICLE[sentence.paragraph - 1]


def test_summary_prefers_the_central_sentence_over_a_footer():
    texts = [s.text for s in summarize(ARTICLE, 2, title=TITLE)]
    assert "Council meetings are streamed online." not in texts
    assert ARTICLE[0] in texts


def test_summary_avoids_he_added_when_its_antecedent_is_not_chosen():
    texts = [s.text for s in summarize(ARTICLE, 2, title=TITLE)]
    assert not any(t.startswith("He added") for t in texts)


def test_near_duplicate_sentences_appear_once():
    paragraphs = (
        "The harbour bridge will reopen in June after repairs to two cracked cables.",
        "Shops near the quay expect trade to recover once traffic returns.",
        "The harbour bridge will reopen in June after the repairs to two cracked cables, "
        "officials said.",
        "A new ferry timetable starts next week.",
    )
    texts = [s.text for s in summarize(paragraphs, 3)]
    assert sum("will reopen in June" in t for t in texts) == 1


def test_article_with_fewer_sentences_than_asked_returns_all_of_them():
    paragraphs = ("The ferry resumed service on Monday.", "Passengers welcomed the news.")
    assert summarize(paragraphs, 5) == [
        SummarySentence("The ferry resumed service on Monday.", 1),
        SummarySentence("Passengers welcomed the news.", 2),
    ]


def test_one_sentence_article_is_its_own_summary():
    assert summarize(("Storm closes every school in Kelby.",), 3) == [
        SummarySentence("Storm closes every school in Kelby.", 1)
    ]


def test_text_without_full_stops_is_summarized_as_one_sentence():
    paragraphs = ("Kelby market reopens after flood repairs",)
    assert summarize(paragraphs, 3) == [
        SummarySentence("Kelby market reopens after flood repairs", 1)
    ]


def test_article_of_only_quotes_gives_whole_quoted_sentences():
    paragraphs = (
        "\u201cWe will rebuild the pier.\u201d",
        "\u201cIt will take two years.\u201d",
        "\u201cNobody should doubt it.\u201d",
        "\u201cThe money is already there.\u201d",
    )
    result = summarize(paragraphs, 2)
    assert len(result) == 2
    assert all(s.text in paragraphs for s in result)


def test_empty_body_gives_an_empty_summary():
    assert summarize((), 3) == []
    assert summarize(("   ",), 3) == []


@pytest.mark.parametrize("n", [0, -1, 11, 1000])
def test_sentence_count_out_of_range_is_refused(n):
    with pytest.raises(QuestionError, match="1 to 10 sentences"):
        summarize(ARTICLE, n)


def test_sentence_count_error_is_a_newsdesk_error():
    with pytest.raises(NewsdeskError):
        validate_sentence_count(0)


def test_sentence_count_must_be_a_whole_number():
    with pytest.raises(QuestionError, match="whole number"):
        validate_sentence_count(2.5)  # type: ignore[arg-type]


def test_sentence_count_in_range_is_returned():
    assert validate_sentence_count(1) == 1
    assert validate_sentence_count(10) == 10


@pytest.mark.parametrize(
    "text",
    [
        "He added that talks would resume.",
        "But the council disagreed.",
        "It was the third closure this year.",
        "They rejected the offer.",
        "However, the plan stalled.",
        "Indeed, the pier was already shut.",
        "In fact, the vote was close.",
        "The mayor added that the money was found.",
        "The latter was closed in May.",
        "Such a closure is rare.",
        "Also, the ferry will stop.",
        "This was the first strike since 2009.",
    ],
)
def test_sentences_leaning_on_their_neighbour_are_recognized(text):
    assert leans_on_previous(text)


@pytest.mark.parametrize(
    "text",
    [
        "The council rejected the offer.",
        "This year the festival moves to the quay.",
        "Heavy rain closed the road.",
        "Italy won the match.",
        "It is expected that the pier will reopen in May.",
        "It was understood the mayor would resign.",
    ],
)
def test_self_contained_sentences_are_not_flagged(text):
    assert not leans_on_previous(text)


def test_says_the_same_compares_terms():
    assert says_the_same(["bridg", "reopen", "june"], ["bridg", "reopen", "june", "offici"])
    assert not says_the_same(["bridg", "reopen"], ["ferri", "timet"])


def test_two_thousand_word_article_gives_three_sentences_in_order():
    # Its speed is a figure, not a test: eval/summary_eval.py prints the mean over BBC and
    # the time for the longest BBC article.
    rng = random.Random(7)
    vocabulary = [f"{a}{b}" for a in ("har", "kel", "mor", "dal", "fen") for b in
                  ("bor", "by", "ton", "wick", "ford", "stead", "mere", "gate")]
    sentences = [
        "The " + " ".join(rng.choice(vocabulary) for _ in range(13)) + " rose."
        for _ in range(150)
    ]
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    assert sum(len(p.split()) for p in paragraphs) >= 2000
    picked = summarize(paragraphs, 3)
    assert len(picked) == 3
    assert [s.paragraph for s in picked] == sorted(s.paragraph for s in picked)
    assert all(s.text in paragraphs[s.paragraph - 1] for s in picked)


QUOTED = (
    "Kelby council voted on Tuesday to rebuild the flood wall along the river.",
    "\u201cWe listened to residents for a year. The flood wall along the river will be rebuilt "
    "higher and the river path reopened by spring,\u201d council leader Ana Brook told reporters.",
    "The river flooded twice last winter, closing the river path.",
    "A new ferry timetable is published next week.",
)
MID_QUOTE = (
    "The flood wall along the river will be rebuilt higher and the river path reopened by "
    "spring,\u201d council leader Ana Brook told reporters."
)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_summary_never_opens_inside_a_quotation_without_its_first_sentence(n):
    texts = [s.text for s in summarize(QUOTED, n)]
    assert MID_QUOTE not in texts or "\u201cWe listened to residents for a year." in texts


def test_quotation_over_two_sentences_is_taken_whole_as_one_entry():
    paragraphs = ("\u201cThe pier reopens today. Ferries to Dunmore run hourly,\u201d she said.",)
    assert summarize(paragraphs, 2) == [SummarySentence(paragraphs[0], 1)]


def test_quotation_longer_than_the_sentences_asked_for_is_left_out():
    paragraphs = (
        "The Kelby pier reopened on Monday after a winter of repairs to its timber deck.",
        "\u201cThe deck is new. The rails are new. The lights are new,\u201d said harbour "
        "master Ana Brook.",
    )
    assert [s.paragraph for s in summarize(paragraphs, 2)] == [1]


def test_quotation_running_on_to_the_next_paragraph_is_never_cut():
    paragraphs = (
        "Kelby council approved a new harbour wall on Tuesday after the winter floods.",
        'Council leader Ana Brook said: "The harbour wall will be finished by the autumn '
        "and the harbour path will reopen with it.",
        '"Residents asked for this harbour wall and they will have it."',
        "Work on the harbour wall starts in May.",
    )
    for sentence in summarize(paragraphs, 3):
        assert sentence.text.count('"') % 2 == 0, sentence.text


def test_leaning_sentence_comes_with_the_sentence_it_leans_on():
    paragraphs = (
        "Kelby's harbour bridge closed on Monday after inspectors found cracked cables.",
        "Ferries will run every hour. But the ferry service cannot carry the bridge's "
        "lorries, and lorries bound for the harbour will take the coast road.",
        "A spokesman thanked drivers for their patience.",
    )
    texts = [s.text for s in summarize(paragraphs, 3)]
    assert "Ferries will run every hour." in texts or not any(
        t.startswith("But") for t in texts
    )
    one = [s.text for s in summarize(paragraphs, 2)]
    assert not any(t.startswith("But") for t in one) or "Ferries will run every hour." in one


def test_news_story_opens_its_summary_with_the_lead():
    paragraphs = (
        "Kelby's ferry terminal will close for a month from Friday for repairs.",
        "Ferry operators said passengers could use the bus to reach other ferry ports.",
        "Ferry tickets for cancelled ferry services will be refunded, the ferry operator said.",
        "Ferry services from the other ferry ports will run more ferry trips.",
        "Ferry passengers can claim ferry refunds online.",
    )
    assert summarize(paragraphs, 2)[0].paragraph <= 3


def test_furniture_before_the_lead_is_not_the_first_summary_sentence():
    paragraphs = (
        "Updated 4 March",
        "Kelby's ferry terminal will close for a month from Friday for repairs.",
        "Ferry operators said passengers could use the bus to reach other ferry ports.",
        "Ferry tickets for cancelled ferry services will be refunded, the ferry operator said.",
    )
    assert summarize(paragraphs, 2)[0].paragraph in (2, 3, 4)


def test_later_sentences_add_to_the_lead_rather_than_reword_it():
    paragraphs = (
        "The Kelby harbour bridge will reopen on 4 March after repairs to two cables.",
        "Repairs to the two cables of the harbour bridge in Kelby will let it reopen in March.",
        "Shop owners said the closure had cut their takings by a third since January.",
        "The harbour bridge carries about 30,000 vehicles a day across the Kelby harbour.",
    )
    texts = [s.text for s in summarize(paragraphs, 2)]
    assert texts[0] == paragraphs[0]
    assert paragraphs[1] not in texts


@pytest.mark.parametrize("dateline", ["Northport (CNN) -- ", "NORTHPORT, Dec. 8 (UPI) \u2014 "])
def test_wire_dateline_is_left_out_of_the_summary(dateline):
    paragraphs = (
        dateline + "The harbour bridge will stay shut until March, engineers said.",
        "Ferries will carry commuters until the harbour bridge reopens.",
    )
    first = summarize(paragraphs, 2)[0]
    assert first == SummarySentence(
        "The harbour bridge will stay shut until March, engineers said.", 1
    )


WALL = (
    "A fire closed Kelby's ferry terminal on Sunday, and ferry services were cancelled.",
    "Ferry passengers were told to use buses to reach the region's ferry ports.",
    "The region's ferry operator said ferry tickets for cancelled ferry services would be "
    "refunded.",
    "Staff helped passengers at the bus station.",
    "Ferry operators in the region expect ferry services to resume within a week.",
    "Some passengers waited hours for news.",
    "The ferry operator apologised to ferry passengers.",
    "Ferry passengers can claim refunds for cancelled ferry services online.",
)


def test_text_without_paragraph_breaks_keeps_its_opening_sentence():
    texts = [s.text for s in summarize((" ".join(WALL),), 2)]
    assert WALL[0] in texts


def test_paragraphed_text_opens_with_one_of_its_opening_paragraphs():
    assert summarize(WALL, 2)[0].paragraph <= 3


def _long_text(sentences: int) -> list[str]:
    """A made-up text of many sentences, five to a paragraph."""
    rng = random.Random(7)
    words = (
        "harbour bridge quay ferry terminal station market school road council mayor budget "
        "river flood wall cable repair traffic vote police hospital museum library park "
        "festival tram bus harbourmaster engineer contractor union strike fare ticket"
    ).split()
    body = [
        f"The {' '.join(rng.sample(words, 3))} in Kelby will {' '.join(rng.sample(words, 3))} "
        f"by {i % 97} per cent, officials said."
        for i in range(sentences)
    ]
    return [" ".join(body[i:i + 5]) for i in range(0, sentences, 5)]


@pytest.mark.parametrize("layout", ["paragraphs", "one block"])
def test_twenty_thousand_sentence_text_is_summarized_within_bounded_memory(layout):
    import time
    import tracemalloc

    paragraphs = _long_text(20_000)
    if layout == "one block":
        paragraphs = [" ".join(paragraphs)]
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = summarize(paragraphs, 3)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    # Loose bounds (the figures come from eval/summary_eval.py): dense n x n arrays took
    # 3 GB and 13 s for 8,000 sentences.
    assert peak < 150_000_000
    assert elapsed < 20
    assert len(result) == 3
    assert result[0].paragraph == 1  # the lead is always read
    assert all(s.text in paragraphs[s.paragraph - 1] for s in result)


def test_a_team_sheet_is_never_a_summary_sentence_nor_lifts_the_names_it_lists():
    paragraphs = (
        "Tom Vane will start at centre for Harbour against Eastfield on Saturday after Jo "
        "Reed failed to recover from a neck injury.",
        "Vane was first-choice wing in the autumn. Wing Ben Hale takes Vane's place. Up "
        "front, Ann Roux plays at hooker and Sam Lee replaces veteran Dan Cole.",
        "Roux is back for the first time since last season, the second row back to form "
        "after a groin problem that kept her out for three months.",
        "T Vane (Harbour, capt); B Hale (Harbour), A Roux (Eastfield), S Lee (Kelby), D Cole "
        "(Harbour), J Reed (Eastfield), M Tate (Kelby), P Ward (Harbour).",
        "Replacements: A Roux (Eastfield), S Lee (Kelby), B Hale (Harbour), M Tate (Kelby), "
        "P Ward (Harbour), K Wood (Harbour).",
    )
    chosen = summarize(paragraphs, 3)
    assert [s.paragraph for s in chosen] == [1, 2, 3]
    assert all("(" not in s.text for s in chosen)


def test_text_in_capitals_or_without_case_is_no_list_of_names():
    paragraphs = (
        "THE HARBOUR BRIDGE WILL REOPEN ON MONDAY AFTER TWO WEEKS OF REPAIRS TO ITS CABLES.",
        "港口 大桥 将于 周一 重新 开放 工程师 表示 修理 已经 完成",
    )
    assert [s.paragraph for s in summarize(paragraphs, 2)] == [1, 2]
