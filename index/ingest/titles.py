"""What a title is: a first line short enough and not plainly a paragraph, or, for a text
without one, its first sentence cut to a headline's length."""

from __future__ import annotations

from index.ingest.outlets import strip_cnn_dateline
from index.sentences import sentence_spans

# Longest line still taken as a title; longest title made from a first sentence.
MAX_TITLE_CHARS = 200
MAX_DERIVED_TITLE_CHARS = 100
# The first sentence is looked for in this much of a paragraph: a title is cut to 100
# characters anyway, and a 5 MB run without a break must not be split whole for it.
_FIRST_SENTENCE_WINDOW = 2000


def first_sentence_title(paragraph: str) -> str:
    """A title made from a paragraph's first sentence, for texts that have no title line."""
    text = strip_cnn_dateline(paragraph.strip()) or paragraph.strip()
    window = text[:_FIRST_SENTENCE_WINDOW]
    spans = sentence_spans(window)
    sentence = window[spans[0][0]:spans[0][1]] if spans else window.strip()
    if len(sentence) > MAX_DERIVED_TITLE_CHARS:
        cut = sentence[:MAX_DERIVED_TITLE_CHARS].rsplit(" ", 1)[0]
        return cut.rstrip(",;:-–— ") + "…"
    return sentence.rstrip(". ")


def is_title_line(line: str) -> bool:
    """A first line is a title unless it is plainly a paragraph (long, several sentences)."""
    if len(line) > MAX_TITLE_CHARS:
        return False
    return not (len(line) > 120 and len(sentence_spans(line.rstrip())) > 1)
