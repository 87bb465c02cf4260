"""The size rules every article passes before it is stored: at most MAX_PARAGRAPHS
paragraphs, none longer than MAX_PARAGRAPH_CHARS (longer ones are cut at sentence ends),
at most MAX_DISTINCT_WORDS different words. Each keeps the index, the store and every
later load within bounds whatever the input (see README, adversarial inputs)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.errors import InputError
from index.sentences import sentence_spans

# The most body paragraphs one article may have. Long reports run to a few hundred; a
# flood of tiny paragraphs (600,000 one-word lines fit in 5 MB) would cost the index and
# every later load hundreds of MB for nothing a reader could use, so it is refused.
MAX_PARAGRAPHS = 5000
# Longest paragraph kept whole (prose paragraphs run to 2,000 characters; see
# split_long_paragraphs).
MAX_PARAGRAPH_CHARS = 10_000
# The most different words one article may have (see check_vocabulary).
MAX_DISTINCT_WORDS = 50_000

_WORD = re.compile(r"\w+")


def check_vocabulary(paragraphs: Sequence[str]) -> None:
    """InputError for text with more than MAX_DISTINCT_WORDS different words: a word list
    or random strings, not an article (a whole novel uses about 20,000). Each new word
    costs the index and the store for good, so it is counted before any is indexed."""
    seen: set[str] = set()
    for paragraph in paragraphs:
        seen.update(_WORD.findall(paragraph.casefold()))
        if len(seen) > MAX_DISTINCT_WORDS:
            raise InputError(
                f"it has over {MAX_DISTINCT_WORDS:,} different words, which is a word list "
                "rather than an article"
            )


def split_long_paragraphs(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Paragraphs over MAX_PARAGRAPH_CHARS cut at sentence ends (else at a space) into
    pieces no longer than that: a text that lost its breaks, or a 5 MB run, would
    otherwise be re-read whole by every question it matches (seconds each)."""
    if all(len(p) <= MAX_PARAGRAPH_CHARS for p in paragraphs):
        return tuple(paragraphs)
    out: list[str] = []
    for text in paragraphs:
        while len(text) > MAX_PARAGRAPH_CHARS:
            window = text[: MAX_PARAGRAPH_CHARS + 1]
            cut = _last_sentence_start(window)
            if cut < MAX_PARAGRAPH_CHARS // 2:  # no sentence end late enough: a space
                space = window.rfind(" ", MAX_PARAGRAPH_CHARS // 2)
                cut = space + 1 if space > 0 else MAX_PARAGRAPH_CHARS
            piece, text = text[:cut].strip(), text[cut:].strip()
            if piece:
                out.append(piece)
        if text:
            out.append(text)
    return tuple(out)


# How far before a full stop the splitter looks to judge it ("U.S." or "Mr." before it).
_LOOKBACK = 64


def _last_sentence_start(window: str) -> int:
    """Where the window's last sentence starts (0: none starts in its late half).

    Only the window's end is split, first its last 1,000 characters, then its late half:
    prose has a sentence end near the cut, and a run of full stops is not split whole."""
    half = len(window) // 2
    for start in (max(half, len(window) - 1000), half):
        lead = max(0, start - _LOOKBACK)
        spans = sentence_spans(window[lead:])
        found = [a for a, _ in spans[1:] if lead + a >= start]
        if found:
            return lead + found[-1]
    return 0


def check_paragraph_count(count: int) -> None:
    """InputError for an article with more than MAX_PARAGRAPHS paragraphs."""
    if count > MAX_PARAGRAPHS:
        raise InputError(
            f"it has {count:,} paragraphs; an article may have at most {MAX_PARAGRAPHS:,} "
            "(join short lines into paragraphs, or split the text into several articles)"
        )
