"""Quality gate: ROUGE of newsdesk summaries on BBC News Summary and the CNN/DM sample.

BBC runs on a fixed subset (the first 40 articles of each category) so it stays well
under a minute; the floors sit just under what that subset measures, and the run also
checks that newsdesk beats sumy's TextRank on the same articles at both lengths. CNN/DM
(100 articles with editors' highlights) must beat the best of Lead-3 and sumy's
TextRank, LexRank and Luhn on ROUGE-2 and ROUGE-Lsum, all from the same run. The sample
article's summary must not open inside a quotation.
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
    pytest.skip(f"BBC News Summary not found at {BBC} (../shared is absent)", allow_module_level=True)

pytest.importorskip("rouge_score", reason="the eval extra (rouge-score) is not installed")
pytest.importorskip("sumy", reason="the eval extra (sumy) is not installed")

from eval.summary_eval import bbc_figures, cnndm_figures  # noqa: E402
from index.ingest import read_file  # noqa: E402
from index.sentences import opens_inside_quote, split_sentences  # noqa: E402
from index.summarize import summarize  # noqa: E402

# Floors for newsdesk on the 200-article subset, ROUGE-2 F1 x100, just under the measured
# 57.5 (@3) and 75.6 (@ref); sumy TextRank measures 57.2 and 72.0 on the same articles.
FLOOR_R2_AT_3 = 57.3
FLOOR_R2_AT_REF = 75.3
# Floors on the CNN/DM sample at 3 sentences, just under the measured 15.7 and 33.8
# (Lead-3 measures 15.1 and 33.2, the best sumy system, Luhn, 12.9 and 30.2).
FLOOR_CNN_R2 = 15.5
FLOOR_CNN_RLSUM = 33.6


@pytest.fixture(scope="module")
def figures():
    return bbc_figures(CATEGORIES, limit=PER_CATEGORY, baselines=("Lead", "sumy TextRank"))


@pytest.fixture(scope="module")
def cnn():
    if not CNNDM.is_file():
        pytest.skip(f"CNN/DM sample not found at {CNNDM}")
    return cnndm_figures(CNN_BASELINES)


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


def test_sample_summary_never_opens_inside_a_quotation():
    if not SAMPLE.is_file():
        pytest.skip(f"sample article not found at {SAMPLE}")
    draft = read_file(SAMPLE)
    body = [
        (sentence, inside)
        for paragraph in draft.paragraphs
        for sentence, inside in zip(
            split_sentences(paragraph), opens_inside_quote(split_sentences(paragraph))
        )
    ]
    assert any(inside for _, inside in body)  # the trap is there to avoid
    texts = [s.text for s in summarize(draft.paragraphs, 3, title=draft.title)]
    for i, (sentence, inside) in enumerate(body):
        if sentence in texts and inside:
            assert body[i - 1][0] in texts, sentence
