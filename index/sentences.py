"""Sentence splitting that survives news text: titles, initials, money, quotes, headlines.

A boundary is terminal punctuation (with any closing quotes or brackets) followed by
whitespace and a sentence-like start (a capital, a digit, or an opening quote before
one). The word before the punctuation then decides: a title such as "Mr." never ends a
sentence, an initial or an abbreviation that can also end one ("U.S.", "Inc.", "a.m.")
ends it only when the next word is a common sentence opener ("The", "He", "But"...).
Blank lines, and line breaks before a capital, always end a sentence, so a headline
without a full stop stands alone. Quoted speech is split like the rest of the text, as
news sentence splitters (and the BBC reference summaries) do.
"""

from __future__ import annotations

import re

from index.name_lexicon import BEFORE_NUMBER, MAYBE_FINAL, NEVER_FINAL
from index.text import STOPWORDS

# Terminal punctuation, closing marks, then the whitespace before the next sentence.
_CANDIDATE_RE = re.compile(r"(?:\.\.\.|[.!?\u2026])+[\"'\u201d\u2019)\]]*(\s+)")
# A line break where no punctuation is needed: a blank line, or a break before a capital.
_LINE_BREAK_RE = re.compile(r"[ \t]*\n\s*")
# The word just before a full stop (letters, inner dots and apostrophes).
_WORD_BEFORE_RE = re.compile(r"([^\W\d_](?:[\w'\u2019.]*[^\W_])?)\.$")
# What may open a sentence: opening quotes and brackets, then the first character.
_OPENERS = "\"'\u201c\u2018([\u00ab"

# Next words that show a new sentence has begun after an ambiguous abbreviation.
_OPENER_WORDS: frozenset[str] = STOPWORDS | frozenset(
    """
    however meanwhile but and yet still then now so thus instead since although though
    officials police analysts critics experts earlier later last next many some several
    shares sales its their his her our
    """.split()
)
_TITLES_NOT_ENDING_SENTENCE = NEVER_FINAL - {"sr", "jr", "st", "v"}


def _next_word(text: str, start: int) -> str:
    """The word starting at start, after any opening quotes or brackets."""
    i = start
    n = len(text)
    while i < n and text[i] in _OPENERS:
        i += 1
    j = i
    while j < n and (text[j].isalnum() or text[j] in "'\u2019-"):
        j += 1
    return text[i:j]


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the text at start looks like a sentence opening."""
    i = start
    n = len(text)
    while i < n and text[i] in _OPENERS:
        i += 1
    if i >= n:
        return False
    ch = text[i]
    return ch.isupper() or ch.isdigit() or ch in "$\u00a3\u20ac#*-\u2022"


def _is_boundary(text: str, punct_start: int, next_start: int) -> bool:
    """Decide whether the punctuation at punct_start really ends a sentence."""
    if not _starts_sentence(text, next_start):
        return False
    if text[punct_start] != "." or text.startswith("..", punct_start):
        return True  # "?", "!", an ellipsis
    match = _WORD_BEFORE_RE.search(text, max(0, punct_start - 40), punct_start + 1)
    if match is None:
        return True  # after a number, a space (" . ") or a closing bracket
    word = match.group(1)
    low = word.casefold()
    nxt = _next_word(text, next_start)
    opener = nxt.casefold() in _OPENER_WORDS and nxt[:1].isupper()
    if low in BEFORE_NUMBER and nxt[:1].isdigit():
        return False
    if low in _TITLES_NOT_ENDING_SENTENCE:
        return False
    if low in MAYBE_FINAL:
        return opener
    if "." in low or len(word) == 1:
        # A dotted acronym (U.S., a.m.) or an initial (J. K. Rowling).
        if len(word) == 1 and word.islower():
            return True
        return opener
    return True


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of text, whitespace trimmed."""
    cuts: list[int] = []
    for match in _CANDIDATE_RE.finditer(text):
        ws_start, ws_end = match.span(1)
        if ws_end >= len(text):
            continue
        if _is_boundary(text, match.start(), ws_end):
            cuts.append(ws_start)
    if "\n" in text:
        for match in _LINE_BREAK_RE.finditer(text):
            end = match.end()
            if end >= len(text) or match.start() == 0:
                continue
            blank = match.group(0).count("\n") > 1
            if blank or _starts_sentence(text, end):
                cuts.append(match.start())
        cuts = sorted(set(cuts))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        a, b = start, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
        start = cut
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of text, in order, each stripped of surrounding whitespace."""
    return [text[a:b] for a, b in sentence_spans(text)]


# Quotation marks: curly ones say which way they face; straight ones (and the closing
# single curly mark, also an apostrophe) are read by what stands around them.
_OPEN_MARK_RE = re.compile(r"(?:^|(?<=[\s(\[\u2014\u2013-]))[\"'\u2018\u201c](?=\S)")
_CLOSE_MARK_RE = re.compile(r"(?<=\S)[\"\u201d]|(?<=[\w.,!?;:\u2026])['\u2019](?=[\s,.;:!?)]|$)")


# More sentences than this without a closing mark: the opening was not a quotation.
_LONGEST_QUOTE = 6


def opens_inside_quote(sentences: list[str]) -> list[bool]:
    """For each sentence of one paragraph: does it start inside a quotation opened earlier?

    The splitter cuts quoted speech into its sentences, so the second sentence of
    `"We are ready. The vote is Monday," she said.` has no opening mark of its own and
    reads as broken on its own. A sentence opening with a quotation mark starts afresh;
    an apostrophe inside a word (don't) is no mark, one after a word (the players')
    reads as closing, which at worst misses a quotation rather than inventing one.
    """
    out: list[bool] = []
    inside = False
    run = 0  # sentences since the quotation opened: a stray mark must not flag the rest
    for sentence in sentences:
        stripped = sentence.lstrip()
        if stripped[:1] in "\"'\u2018\u201c" and _OPEN_MARK_RE.match(stripped):
            inside = False
        run = run + 1 if inside else 0
        if run > _LONGEST_QUOTE:
            inside, run = False, 0
        out.append(inside)
        marks = sorted(
            [(m.start(), True) for m in _OPEN_MARK_RE.finditer(stripped)]
            + [(m.start(), False) for m in _CLOSE_MARK_RE.finditer(stripped)]
        )
        seen: set[int] = set()
        for position, opening in marks:
            if position in seen:  # a mark that could be either: opening at a word start
                continue
            seen.add(position)
            inside = opening
    return out
