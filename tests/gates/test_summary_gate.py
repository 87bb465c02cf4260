"""Quality gate: ROUGE of newsdesk summaries on BBC News Summary and the CNN/DM sample.

BBC runs on a fixed subset (the first 40 articles of each category) so it stays well
under a minute; the floors sit just under what that subset measures, and the run also
checks that newsdesk beats sumy's TextRank on the same articles at both lengths. CNN/DM
(100 articles with editors' highlights) must beat the best of Lead-3 and sumy's
TextRank, LexRank and Luhn on ROUGE-2 and ROUGE-Lsum, all from the same run. The sample
article's summary must not start or end inside a quotation. Over the whole BBC set, the sense
figures ROUGE does not see: summary sentences leaning on one left out (<= 1%), sentences
with unbalanced quotation marks (none), and stories under 1,000 words whose summary opens
in their first three paragraphs (>= 95%).
"""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
BBC = SHARED / "data" / "bbc"
CNNDM = SHARED / "data" / "cnndm-sample" / "train_sample.csv"
SAMPLE = SHARED / "corpus" / "000_112936baa972ca14.txt"
CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")
PER_CATEGORY = 40
CNN_BASELINES = ("Lead", "sumy TextRank", "sumy LexRank", "sumy Luhn")

if not BBC.is_dir():
    pytest.skip(
        f"BBC News Summary not found at {BBC} (../shared is absent)", allow_module_level=True
    )

pytest.importorskip("rouge_score", reason="the eval extra (rouge-score) is not installed")
pytest.importorskip("sumy", reason="the eval extra (sumy) is not installed")

from eval.summary_eval import (  # noqa: E402
    HELD_OUT_CATEGORIES,
    TUNING_CATEGORIES,
    bbc_figures,
    cnndm_figures,
    load_bbc,
    newsdesk_system,
    sense_figures,
    unbalanced_quotes,
)
from index.ingest.articles import read_file  # noqa: E402
from index.sentences import quote_groups  # noqa: E402
from index.summaries.summarize import summarize  # noqa: E402

# Floors for newsdesk on the 200-article subset, ROUGE-2 F1 x100, under the measured 57.8
# (@3) and 73.0 (@ref); sumy TextRank measures 57.2 and 72.0 on the same articles. Lists of
# names (team sheets) no longer taken or counted in TextRank measure 57.6 and 73.0: the
# references keep some of those lines.
# Before the sense rules (issue 11: quotations whole, no sentence leaning on one left out,
# the lead first) newsdesk measured 57.5 and 75.6: taking a quotation whole or not at
# all, and a leaning sentence only with its neighbour, cost ROUGE at the reference
# length, where the references split quotations and keep "He said..." sentences.
FLOOR_R2_AT_3 = 57.6
FLOOR_R2_AT_REF = 72.8
# Floors on the CNN/DM sample at 3 sentences, just under the measured 15.5 and 33.6
# (Lead-3 measures 15.1 and 33.2, the best sumy system, Luhn, 12.9 and 30.2).
FLOOR_CNN_R2 = 15.3
FLOOR_CNN_RLSUM = 33.4
# Sense targets over all of BBC at 3 sentences (measured: 0.0%, 0, 99.6%).
MAX_DANGLING_PCT = 1.0
MAX_UNBALANCED = 0
MIN_LEAD_FIRST_PCT = 95.0


@pytest.fixture(scope="module")
def figures():
    return bbc_figures(CATEGORIES, limit=PER_CATEGORY, baselines=("Lead", "sumy TextRank"))


@pytest.fixture(scope="module")
def cnn():
    if not CNNDM.is_file():
        pytest.skip(f"CNN/DM sample not found at {CNNDM}")
    return cnndm_figures(CNN_BASELINES)


@pytest.fixture(scope="module")
def sense():
    return sense_figures(load_bbc(TUNING_CATEGORIES + HELD_OUT_CATEGORIES), newsdesk_system)


def test_summary_sentences_rarely_lean_on_one_left_out(sense):
    assert sense["dangling_pct"] <= MAX_DANGLING_PCT


def test_no_summary_sentence_starts_or_ends_inside_a_quotation(sense):
    assert sense["unbalanced"] <= MAX_UNBALANCED


def test_news_stories_open_their_summary_in_the_first_three_paragraphs(sense):
    assert sense["short_stories"] > 2000
    assert sense["lead_first_pct"] >= MIN_LEAD_FIRST_PCT


def test_rouge2_at_three_sentences_stays_above_its_floor(figures):
    assert figures["newsdesk"]["3"]["rouge2"] >= FLOOR_R2_AT_3


def test_rouge2_at_reference_length_stays_above_its_floor(figures):
    assert figures["newsdesk"]["ref"]["rouge2"] >= FLOOR_R2_AT_REF


def test_beats_sumy_textrank_on_rouge2_at_three_sentences(figures):
    assert figures["newsdesk"]["3"]["rouge2"] > figures["sumy TextRank"]["3"]["rouge2"]


def test_beats_sumy_textrank_on_rouge2_at_reference_length(figures):
    assert figures["newsdesk"]["ref"]["rouge2"] > figures["sumy TextRank"]["ref"]["rouge2"]


def test_beats_lead_on_rouge2_at_three_sentences(figures):
    assert figures["newsdesk"]["3"]["rouge2"] > figures["Lead"]["3"]["rouge2"]


def test_cnndm_rouge2_stays_above_its_floor(cnn):
    assert cnn["newsdesk"]["rouge2"] >= FLOOR_CNN_R2


def test_cnndm_rouge_lsum_stays_above_its_floor(cnn):
    assert cnn["newsdesk"]["rougeLsum"] >= FLOOR_CNN_RLSUM


@pytest.mark.parametrize("metric", ["rouge2", "rougeLsum"])
def test_cnndm_beats_the_best_baseline(cnn, metric):
    best = max(cnn[name][metric] for name in CNN_BASELINES)
    assert cnn["newsdesk"][metric] > best


def test_sample_summary_never_starts_or_ends_inside_a_quotation():
    if not SAMPLE.is_file():
        pytest.skip(f"sample article not found at {SAMPLE}")
    draft = read_file(SAMPLE)
    groups = [g for p in draft.paragraphs for g in quote_groups(p)]
    assert any(g.sentences > 1 or not g.whole for g in groups)  # the trap is there to avoid
    for n in (3, 5):
        for sentence in summarize(draft.paragraphs, n, title=draft.title):
            assert not unbalanced_quotes(sentence.text), sentence.text
