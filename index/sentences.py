"""Sentence splitting that survives news text: titles, initials, money, quotes, headlines.

A boundary is terminal punctuation (with any closing quotes or brackets) followed by
whitespace and a sentence-like start (a capital, a digit, or an opening quote before
one). The word before the punctuation then decides: a title such as "Mr." never ends a
sentence, an initial or an abbreviation that can also end one ("U.S.", "Inc.", "a.m.")
ends it only when the next word is a common sentence opener ("The", "He", "But"...).
Blank lines, and line breaks before a capital, always end a sentence, so a headline
without a full stop stands alone. Quoted speech is split like the rest of the text, as
news sentence splitters (and the BBC reference summaries) do; quote_groups then keeps a
quotation's sentences together for summaries, which must never cut one. Every pass is
linear in the text: runs of marks or spaces are tried once from their start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.lexicon import BEFORE_NUMBER, MAYBE_FINAL, NEVER_FINAL, SENTENCE_OPENERS
from index.text import STOPWORDS

# Terminal punctuation, closing marks, then the whitespace before the next sentence.
# The lookbehinds make each run of marks or spaces tried once from its start, not from
# every character in it: linear time on a run of a million full stops or spaces.
_CANDIDATE_RE = re.compile(r"(?<![.!?\u2026])[.!?\u2026]+[\"'\u201d\u2019)\]]*(\s+)")
# A line break where no punctuation is needed: a blank line, or a break before a capital.
_LINE_BREAK_RE = re.compile(r"(?<![ \t])[ \t]*\n\s*")
# The word just before a full stop: letters, inner dots and apostrophes, at most this long.
_LONGEST_WORD = 39
_WORD_INNER = "_'\u2019."
# What may open a sentence: opening quotes and brackets, then the first character.
_OPENERS = "\"'\u201c\u2018([\u00ab"

# Next words that show a new sentence has begun after an ambiguous abbreviation.
_OPENER_WORDS: frozenset[str] = STOPWORDS | SENTENCE_OPENERS
_TITLES_NOT_ENDING_SENTENCE = NEVER_FINAL - {"sr", "jr", "st", "v"}
# How far past a dash its next word is looked for (spaces and opening marks between).
_DASH_REACH = 8


def _word_before(text: str, dot: int) -> str:
    """The word ending just before the full stop at dot ("U.S" for "U.S."), "" if none.

    It must end in a letter or digit and start with a letter; read backwards a character
    at a time so the cost is the word's length, not a regex search's square of it.
    """
    if dot == 0 or not text[dot - 1].isalnum():
        return ""
    lowest = max(0, dot - _LONGEST_WORD)
    i = dot - 1
    while i > lowest and (text[i - 1].isalnum() or text[i - 1] in _WORD_INNER):
        i -= 1
    while i < dot and not text[i].isalpha():
        i += 1
    return text[i:dot]


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


def _dash_goes_on(text: str, start: int) -> bool:
    """A dash and a lowercase word after the mark ('"Open it now!" - "and the jobs …"',
    '"Stop!" - and he did') carry the sentence on: only a line's bullet opens one so."""
    if text[start] not in "-\u2013\u2014":
        return False
    i, n = start + 1, min(len(text), start + _DASH_REACH)
    while i < n and (text[i].isspace() or text[i] in _OPENERS):
        i += 1
    return i < n and text[i].islower()


def _is_boundary(text: str, punct_start: int, next_start: int) -> bool:
    """Decide whether the punctuation at punct_start really ends a sentence."""
    if not _starts_sentence(text, next_start) or _dash_goes_on(text, next_start):
        return False
    if text[punct_start] != "." or text.startswith("..", punct_start):
        return True  # "?", "!", an ellipsis
    word = _word_before(text, punct_start)
    if not word:
        return True  # after a number, a space (" . ") or a closing bracket
    low = word.casefold()
    nxt = _next_word(text, next_start)
    opener = nxt.casefold() in _OPENER_WORDS and nxt[:1].isupper()
    if low in BEFORE_NUMBER and nxt[:1].isdigit():
        return False
    if low in _TITLES_NOT_ENDING_SENTENCE and not (len(word) > 1 and word.isupper()):
        return False  # "Mr." goes on; "IE." (an acronym, not "i.e.") may end
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
    cuts = _punctuation_cuts(text)
    if "\n" in text:
        cuts = sorted({*cuts, *_line_break_cuts(text)})
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


def _punctuation_cuts(text: str) -> list[int]:
    """Where the whitespace after each sentence-ending punctuation mark starts, in order."""
    cuts: list[int] = []
    for match in _CANDIDATE_RE.finditer(text):
        ws_start, ws_end = match.span(1)
        if ws_end >= len(text):
            continue
        if _is_boundary(text, match.start(), ws_end):
            cuts.append(ws_start)
    return cuts


def _line_break_cuts(text: str) -> list[int]:
    """Line breaks that end a sentence with no punctuation: a blank line, or a break before
    a sentence-like start (a headline)."""
    cuts: list[int] = []
    for match in _LINE_BREAK_RE.finditer(text):
        end = match.end()
        if end >= len(text) or match.start() == 0:
            continue
        blank = match.group(0).count("\n") > 1
        if blank or _starts_sentence(text, end):
            cuts.append(match.start())
    return cuts


def split_sentences(text: str) -> list[str]:
    """The sentences of text, in order, each stripped of surrounding whitespace."""
    return [text[a:b] for a, b in sentence_spans(text)]


# --- sentences that never start or end inside a quotation -------------------------------

_DOUBLE_MARK_RE = re.compile(r"[\"\u201c\u201d]")
# Single marks: an opening one at a word start, a closing one after a word or punctuation
# and before a space, punctuation or the end. An apostrophe inside a word is neither.
_SINGLE_OPEN_RE = re.compile(r"(?:^|(?<=[\s(\[\u2014\u2013-]))[\u2018'](?=[^\W\d])")
_SINGLE_CLOSE_RE = re.compile(r"(?<=[\w.,!?;:\u2026])[\u2019'](?=[\s,.;:!?)\u2014-]|$)")


def _double_regions(text: str) -> list[tuple[int, int, bool]]:
    """Spans (open mark, close mark, broken) of double-quoted speech.

    broken: the quotation began before the text (a closing mark comes first: start -1),
    runs on past its end (end len+1), closes without opening (the mark alone), or was
    cut where news style reopens a quotation running over paragraphs whose break was
    lost (`...about. "Dan...`: a new opening mark with no closing one before it).
    """
    regions: list[tuple[int, int, bool]] = []
    opened = -2  # -2: outside a quotation
    seen = False
    for match in _DOUBLE_MARK_RE.finditer(text):
        pos, mark = match.start(), match.group()
        before = text[pos - 1] if pos else " "
        after = text[pos + 1] if pos + 1 < len(text) else " "
        at_word_start = (before.isspace() or before in "([\u2014\u2013-") and not after.isspace()
        if opened != -2 and (mark == "\u201c" or (mark == '"' and at_word_start)):
            regions.append((opened, pos, True))  # reopened without closing: cut here
            opened = pos
        elif mark == "\u201d" or (mark == '"' and (opened != -2 or not at_word_start)):
            if opened != -2:
                regions.append((opened, pos, False))
                opened = -2
            elif not seen:  # the text began inside a quotation opened earlier
                regions.append((-1, pos, True))
            else:  # a closing mark with no opening one: its sentence reads as broken
                regions.append((pos, pos + 1, True))
        elif opened == -2 and not after.isspace():
            opened = pos
        seen = True
    if opened != -2:
        regions.append((opened, len(text) + 1, True))
    return regions


def _single_regions(text: str) -> list[tuple[int, int, bool]]:
    """Spans of single-quoted speech: an opening mark and the first closing one after it.

    An opening mark with no closing one before the next opening is an elision ('n'),
    never a quotation running on, so single marks cannot make a sentence look broken,
    only keep the sentences of one quotation together. Before a digit ('90s) a mark
    never opens.
    """
    marks = sorted(
        [(m.start(), True) for m in _SINGLE_OPEN_RE.finditer(text)]
        + [(m.start(), False) for m in _SINGLE_CLOSE_RE.finditer(text)]
    )
    regions: list[tuple[int, int, bool]] = []
    opened = -1
    for pos, opening in marks:
        if opening:
            opened = pos
        elif opened >= 0 and pos > opened:
            regions.append((opened, pos, False))
            opened = -1
    return regions


@dataclass(frozen=True)
class SentenceGroup:
    """Consecutive sentences of one text that stand together: a quotation over several
    sentences is one group. whole is False when the group starts or ends inside a
    quotation that runs outside the text (a quote carried over from the paragraph before
    or on to the next)."""

    start: int
    end: int
    sentences: int
    whole: bool


def quote_groups(text: str) -> list[SentenceGroup]:
    """The sentences of text, a quotation running over several of them kept in one group.

    Linear: one pass over the marks, then one over the sentence boundaries walking the
    (sorted, disjoint) quotations alongside.
    """
    spans = sentence_spans(text)
    if not spans:
        return []
    merged: list[tuple[int, int, bool]] = []
    for a, b, cut_off in sorted(_double_regions(text) + _single_regions(text)):
        if merged and a < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], b), last[2] or cut_off)
        else:
            merged.append((a, b, cut_off))
    broken = [(a, b) for a, b, cut_off in merged if cut_off]
    groups: list[SentenceGroup] = []
    r = k = 0  # the first quotation, and the first broken one, not yet passed
    first = 0
    for i in range(1, len(spans) + 1):
        if i < len(spans):
            cut = spans[i][0]
            while r < len(merged) and merged[r][1] <= cut:
                r += 1
            if r < len(merged) and merged[r][0] < cut:
                continue  # the cut falls inside a quotation: the group goes on
        start, end = spans[first][0], spans[i - 1][1]
        while k < len(broken) and broken[k][1] <= start:
            k += 1
        whole = not (k < len(broken) and broken[k][0] < end)
        groups.append(SentenceGroup(start, end, i - first, whole))
        first = i
    return groups
