"""Question-answering gate over ../shared: the sample article's gold questions exactly,
SQuAD v1.1 dev above floors.

The texts are third-party evaluation data read in place, never copied. Without ../shared
the gate skips with its reason. Floors are the issue's targets (R@1 0.80, MRR@10 0.86 over
all 10,570 questions) and, for the relevance rule, just under what eval/ask_eval.py
measured when the rule was chosen.
"""

from __future__ import annotations

import pytest

from eval.ask_eval import SEED_GOLD, SQUAD, seed_eval, squad_eval

pytestmark = pytest.mark.skipif(
    not SEED_GOLD.is_file() or not (SQUAD / "questions.jsonl").is_file(),
    reason=f"evaluation data not found at {SEED_GOLD.parents[1].resolve()} (../shared)",
)


def test_every_sample_question_is_answered_by_its_gold_paragraph(tmp_path):
    result = seed_eval(tmp_path)
    assert result.questions == 18
    assert result.failures == []


@pytest.fixture(scope="module")
def squad(tmp_path_factory) -> dict:
    return squad_eval(tmp_path_factory.mktemp("squad"), relevance_sample=500, baseline=False)


def test_squad_recall_at_1_reaches_the_target(squad):
    assert squad["newsdesk"]["all"]["R@1"] >= 0.80


def test_squad_mrr_at_10_reaches_the_target(squad):
    assert squad["newsdesk"]["all"]["MRR@10"] >= 0.86


def test_held_out_half_is_not_worse_than_the_tuned_half(squad):
    held, tuned = squad["newsdesk"]["held-out"], squad["newsdesk"]["tune"]
    assert held["R@1"] >= tuned["R@1"] - 0.02


def test_relevance_rule_answers_answerable_questions(squad):
    assert squad["relevance rule"]["answerable answered"] >= 0.97


def test_relevance_rule_refuses_questions_about_articles_not_stored(squad):
    assert squad["relevance rule"]["not covered refused"] >= 0.50


BBC = SEED_GOLD.parents[1] / "data" / "bbc" / "articles"


@pytest.fixture(scope="module")
def bbc(tmp_path_factory):
    from index.library import Libraries

    libs = Libraries(tmp_path_factory.mktemp("bbc"))
    library = libs.get("bbc")
    library.add_inputs([str(BBC / "business"), str(BBC / "politics")])
    yield library
    libs.close()


def test_a_question_about_someone_bbc_never_mentions_gets_no_passages(bbc):
    # roof "trusses" share the stem of "Truss" in one business story
    answer = bbc.ask("Who became UK prime minister after Liz Truss resigned?")
    assert answer.passages == () and "Truss" in answer.missing


def test_a_question_bbc_covers_is_answered(bbc):
    answer = bbc.ask("How much does Russia say Yukos owes in back taxes?")
    assert answer.passages and "Yukos" in answer.passages[0].text


# -- meaning search (issue 9) ---------------------------------------------------------

BBC_DEV_GOLD = SEED_GOLD.parent / "bbc-dev-gold.json"
# Floors just under what eval/ask_eval.py measured with meaning search on (literal R@1
# 0.762, paraphrase R@3 0.362 with 8 of 80 refused, 10 of 12 off-topic refused; SQuAD
# R@1 0.844, 43-46% of questions about articles not stored refused, by sample). Issue 9's
# targets for the BBC set (literal R@1 0.85, paraphrase R@3 0.50) are not reached by this
# model yet: the floors guard what is reached so far; the refusal counts are its targets.
LITERAL_R1_FLOOR = 0.74
PARAPHRASE_R3_FLOOR = 0.34
SQUAD_MEANING_R1_FLOOR = 0.84
MEANING_REFUSED_FLOOR = 0.40
needs_bbc_dev = pytest.mark.skipif(
    not BBC_DEV_GOLD.is_file(), reason=f"BBC dev set not found at {BBC_DEV_GOLD} (../shared)")


@pytest.fixture(scope="module")
def embedder():
    from eval.vector_cache import CachedEmbedder

    # the evaluations' vector cache (~/.cache/newsdesk, or NEWSDESK_VECTOR_CACHE): the
    # SQuAD relevance library holds the same paragraphs as the whole-SQuAD one, and a
    # machine that ran the gates before embeds nothing again (a cold run embeds ~32,000
    # texts, about 4 minutes on two idle cores)
    return CachedEmbedder(threads=2)


def test_every_sample_question_is_answered_with_meaning_search_on(tmp_path, embedder):
    result = seed_eval(tmp_path, semantic=embedder)
    assert result.failures == []


@pytest.fixture(scope="module")
def bbc_dev(tmp_path_factory, embedder) -> dict:
    from eval.ask_eval import bbc_dev_eval

    return bbc_dev_eval(tmp_path_factory.mktemp("bbc-dev"), semantic=embedder)


@needs_bbc_dev
def test_bbc_dev_literal_questions_find_their_paragraph_first(bbc_dev):
    assert bbc_dev["literal"]["R@1"] >= LITERAL_R1_FLOOR


@needs_bbc_dev
def test_bbc_dev_paraphrased_questions_find_their_paragraph_in_the_top_3(bbc_dev):
    assert bbc_dev["paraphrase"]["R@3"] >= PARAPHRASE_R3_FLOOR


@needs_bbc_dev
def test_bbc_dev_paraphrased_questions_are_rarely_refused(bbc_dev):
    assert bbc_dev["paraphrase"]["refused"] <= 8


@needs_bbc_dev
def test_bbc_dev_off_topic_questions_are_refused(bbc_dev):
    assert bbc_dev["offtopic"]["refused"] >= 10


@pytest.fixture(scope="module")
def squad_meaning(tmp_path_factory, embedder) -> dict:
    return squad_eval(tmp_path_factory.mktemp("squad-meaning"), relevance_sample=500,
                      baseline=False, semantic=embedder)


def test_squad_recall_at_1_with_meaning_search(squad_meaning):
    assert squad_meaning["newsdesk"]["all"]["R@1"] >= SQUAD_MEANING_R1_FLOOR


def test_meaning_search_still_answers_answerable_squad_questions(squad_meaning):
    assert squad_meaning["relevance rule"]["answerable answered"] >= 0.97


def test_meaning_search_still_refuses_questions_about_articles_not_stored(squad_meaning):
    assert squad_meaning["relevance rule"]["not covered refused"] >= MEANING_REFUSED_FLOOR
