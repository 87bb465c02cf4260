"""Ingestion gate over ../shared: the sample article, BBC files and CNN/Daily Mail texts.

These texts are third-party evaluation data: the test reads them from ../shared and
never copies them. Without ../shared the gate skips with its reason.
"""

import csv
import json
from pathlib import Path

import pytest

from index.ingest.articles import read_file
from index.ingest.layout import parse_text

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SAMPLE = SHARED / "corpus" / "000_112936baa972ca14.txt"
GOLD = SHARED / "eval" / "seed-gold.json"
BBC = SHARED / "data" / "bbc" / "articles"
CNNDM = SHARED / "data" / "cnndm-sample" / "train_sample.csv"

pytestmark = pytest.mark.skipif(
    not SAMPLE.is_file(), reason=f"evaluation data not found at {SHARED.resolve()} (../shared)"
)


@pytest.fixture(scope="module")
def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))["article"]


@pytest.fixture(scope="module")
def sample():
    return read_file(SAMPLE)


def test_sample_title_matches_gold(sample, gold):
    assert sample.title == gold["title"]


def test_sample_standfirst_matches_gold(sample, gold):
    assert sample.standfirst == gold["standfirst"]


def test_sample_author_matches_gold(sample, gold):
    assert sample.authors == (gold["author"],)


def test_sample_has_the_gold_number_of_body_paragraphs(sample, gold):
    assert len(sample.paragraphs) == gold["body_paragraphs"] == 16


def test_sample_footer_lines_are_not_body(sample, gold):
    for line in gold["not_body"]:
        assert not any(line in p for p in sample.paragraphs), line


def test_sample_body_starts_after_the_byline_and_ends_before_the_footer(sample):
    text = SAMPLE.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert sample.paragraphs[0] == lines[3]
    assert sample.paragraphs[-1] == lines[-4]


def _bbc_blocks(path: Path) -> tuple[str, list[str]]:
    text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    title, _, rest = text.partition("\n")
    blocks = [" ".join(b.split()) for b in rest.split("\n\n") if b.strip()]
    return " ".join(title.split()), blocks


@pytest.mark.parametrize(
    "name", ["business/001.txt", "politics/001.txt", "sport/001.txt", "tech/001.txt"]
)
def test_bbc_file_parses_as_title_then_blank_line_paragraphs(name):
    path = BBC / name
    if not path.is_file():
        pytest.skip(f"{path} not found")
    title, blocks = _bbc_blocks(path)
    draft = read_file(path)
    assert draft.title == title
    assert draft.standfirst is None and draft.authors == ()
    assert list(draft.paragraphs) == blocks


def test_bbc_collection_parses_with_titles_and_paragraphs_intact():
    files = sorted(BBC.rglob("*.txt"))
    if not files:
        pytest.skip(f"{BBC} not found")
    agree = 0
    for path in files:
        title, blocks = _bbc_blocks(path)
        draft = read_file(path)
        agree += draft.title == title and list(draft.paragraphs) == blocks
    share = agree / len(files)
    print(f"BBC: {agree}/{len(files)} files parse to title and blank-line paragraphs ({share:.4f})")
    assert share >= 0.995


def test_daily_mail_openings_become_authors_not_body():
    if not CNNDM.is_file():
        pytest.skip(f"{CNNDM} not found")
    with CNNDM.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with_byline = [r["article"] for r in rows if r["article"].startswith("By . ")]
    assert with_byline
    for text in with_byline:
        draft = parse_text(text)
        assert draft.authors, text[:80]
        assert not draft.paragraphs[0].startswith("By . ")
        assert "PUBLISHED: ." not in draft.paragraphs[0][:200]
    for row in rows:
        draft = parse_text(row["article"])
        assert draft.title and draft.paragraphs
