"""Quote gate over ../shared: the sample article exactly, BBC dev and PolNeAR dev at the targets.

The texts are third-party evaluation data read in place, never copied. Without ../shared
the gate skips with its reason. Scoring (eval/quotes_eval.py, issue 10): a system quote
matches a gold quote at word-token F1 >= 0.5, one-to-one, best first; a speaker is right
when its surname is the gold person's, when it holds every word of a gold organisation's
name, or when it gives no name for an unnamed source; a look-up is right when the quotes
it returns are exactly the gold ones.

Each target of issue 10 is a test; beside the speaker and look-up targets, a floor at the
figure measured last keeps what was gained from regressing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eval.quotes_eval import bbc_articles, polnear_articles, score_bbc, score_polnear, score_seed
from index.lexicon import DEMONYMS, STOP_CAPS, TITLE_WORDS
from index.quotes.extract import extract_quotes
from index.quotes.speakers import speaker_counts

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

# issue 10 targets
BBC_RECALL = 0.95
BBC_PRECISION = 0.97
BBC_SPEAKER = 0.95
BBC_LOOKUPS = 0.95
POLNEAR_RECALL = 0.95
POLNEAR_PRECISION = 0.95
POLNEAR_SPEAKER = 0.96
# floors: measured with extractor v126 (BBC dev speaker 0.986, look-ups 0.962; PolNeAR dev
# speaker 0.962 by the issue 10 rule, 277 of 288, 0.985 over the sources that have a name).
# v31 stopped reading a wire dateline ("WASHINGTON, Dec. 8 (UPI) -") as the sentence's
# subject; in one dev article that lets two "the president said" quotes resolve to the
# president the story names, as everywhere else, which the rule counts wrong (the gold source
# is the phrase), so the figure went from 0.95 to 0.945; v51 (plain words are no speakers)
# brought it back to 0.95; v81 (a report is its author's) credits one dev "the report" quote
# to a body, scored wrong; v98 ("the businessman" refers back like a title) credits three dev
# quotes to the Trump of "the New York businessman", scored wrong the same way. v119 (a sign-
# off past a middle initial, a quote nested in the same marks, a quote set off by dashes
# after a name) reached the target; those three classes were found by reading dev misses,
# so this dev figure is no longer a held-out one. Six of the eleven dev misses left are such
# descriptions resolved to the person the story names.
BBC_SPEAKER_FLOOR = 0.97
BBC_LOOKUPS_FLOOR = 0.96
POLNEAR_SPEAKER_FLOOR = 0.95
POLNEAR_NAMED_SPEAKER_FLOOR = 0.98

pytestmark = pytest.mark.skipif(
    not (SHARED / "eval" / "seed-gold.json").is_file()
    or not (SHARED / "eval" / "bbc-dev-gold.json").is_file()
    or not (SHARED / "data" / "polnear" / "dev.jsonl").is_file(),
    reason=f"evaluation data not found at {SHARED.resolve()} (../shared)",
)


@pytest.fixture(scope="module")
def seed() -> dict:
    return score_seed(extract_quotes, SHARED)


@pytest.fixture(scope="module")
def dev() -> dict:
    return score_polnear(polnear_articles("dev", SHARED), extract_quotes)


@pytest.fixture(scope="module")
def bbc_set() -> list[dict]:
    return bbc_articles(SHARED)


@pytest.fixture(scope="module")
def bbc(bbc_set) -> dict:
    return score_bbc(bbc_set, extract_quotes)


def test_seed_article_every_quote_found_with_right_speaker(seed):
    assert seed["found"] == seed["gold_quotes"] == 8, seed["problems"]
    assert seed["speaker_right"] == 8, seed["problems"]
    assert seed["extra_quotes"] == 0, seed["problems"]


def test_seed_article_every_speaker_lookup_exact(seed):
    assert seed["lookups_exact"] == seed["lookups"], seed["problems"]


def test_polnear_dev_quote_recall(dev):
    assert dev["recall"] >= POLNEAR_RECALL, dev


def test_polnear_dev_quote_precision(dev):
    assert dev["precision"] >= POLNEAR_PRECISION, dev


def test_polnear_dev_speaker_accuracy_target(dev):
    assert dev["speaker_accuracy"] >= POLNEAR_SPEAKER, dev


def test_polnear_dev_speaker_accuracy_floor(dev):
    assert dev["speaker_accuracy"] >= POLNEAR_SPEAKER_FLOOR, dev
    assert dev["named_speaker_accuracy"] >= POLNEAR_NAMED_SPEAKER_FLOOR, dev


def test_bbc_dev_quote_recall(bbc):
    assert bbc["recall"] >= BBC_RECALL, bbc["problems"]


def test_bbc_dev_quote_precision(bbc):
    assert bbc["precision"] >= BBC_PRECISION, bbc["problems"]


def test_bbc_dev_speaker_accuracy(bbc):
    assert bbc["speaker_accuracy"] >= BBC_SPEAKER, bbc["problems"]


def test_bbc_dev_speaker_accuracy_floor(bbc):
    assert bbc["speaker_accuracy"] >= BBC_SPEAKER_FLOOR, bbc["problems"]


def test_bbc_dev_lookups_target(bbc):
    assert bbc["lookup_accuracy"] >= BBC_LOOKUPS, bbc["problems"]


def test_bbc_dev_lookups_floor(bbc):
    assert bbc["lookup_accuracy"] >= BBC_LOOKUPS_FLOOR, bbc["problems"]


_NAME_WORD = re.compile(
    r"^(?:[A-Z][\w'\u2019.&\-]*|[A-Z]\.?|of|for|and|the|de|van|von|der|al|&|\([A-Z]{2,6}\))$"
)


def _not_a_name(speaker: str, body: str) -> str | None:
    """Why a listed speaker is a role, a fragment or a description, or None when it is a name."""
    words = speaker.split()
    if not words or not all(_NAME_WORD.match(w) for w in words):
        return "not written as a name"
    if speaker.endswith(("'", "\u2019", ".", ",")):
        return "ends in punctuation"
    folded = [w.casefold().strip(".()") for w in words]
    if len(words) == 1 and (folded[0] in TITLE_WORDS or folded[0] in STOP_CAPS):
        return "a title, role or common word"
    if any(all(part in DEMONYMS for part in f.split("-")) for f in folded[:1]):
        return "an adjective of nationality or religion"
    plain = re.sub(r"\s*\([A-Z]{2,6}\)$", "", speaker)
    if not re.search(r"(?<![\w'\u2019-])" + re.escape(plain) + r"(?![\w-])", body):
        return "not written so in the article (a fragment)"
    if len(words) == 1:
        runs = re.findall(
            r"(?:[A-Z][\w'\u2019&\-]*\s+)*" + re.escape(plain) + r"(?:\s+[A-Z][\w'\u2019&\-]*)*",
            body,
        )
        if runs and all(
            len(r.split()) > 1 and not re.match(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord)\b", r)
            for r in runs
        ):
            return "only ever part of a longer name (a fragment)"
    return None


def test_speakers_on_the_bbc_dev_articles_are_names_not_roles_or_fragments(bbc_set):
    bad: list[str] = []
    for art in bbc_set:
        body = "\n".join(art["body"])
        quotes = extract_quotes(art["body"])
        named = {q.speaker for q in quotes if q.speaker}
        for count in speaker_counts(quotes):
            if count.name not in named:
                continue  # an unnamed source, listed by its description after the people
            why = _not_a_name(count.name, body)
            if why is not None:
                bad.append(f"{art['file']}: {count.name!r} ({why})")
    assert not bad, bad
