"""Find quotation spans in body paragraphs: which characters are quoted, and where.

Only the marks are read here (no attribution): curly and straight double quotes,
guillemets, NYT-style double apostrophes, and curly single quotes at top level; in an
article that quotes with straight single marks (British style), those and the doubles
nested in them.
Single quotes inside a double quote are part of its text. A quote left open at the
end of a paragraph continues when the next paragraph opens with a new mark (news
style); otherwise it ends with its paragraph and is marked unbalanced, so one bad
mark never swallows the rest of the article.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

_DOUBLE_MARKS = re.compile(r"''|``|[\u201c\u201d\u201e\u201f\"\u00ab\u00bb\u2033]")
_SENTENCE_END = set(".!?\u2026")
_OPEN_CONTEXT = set(" \t\n([{\u2014\u2013-/\u2018'")
_CLOSE_NEXT = set(" \t\n.,;:!?)]}\u2014\u2013-\u2019'\u2026")


# No article quotes anyone ten thousand times: past this many spans the rest of the
# article is not read for quotes (a cap on the work and memory adversarial text can cost).
MAX_SPANS = 10_000


@dataclass(slots=True)
class Segment:
    """The part of a quote inside one paragraph; mark_* include the marks."""

    paragraph: int  # 0-based
    start: int  # first character of the quoted words
    end: int  # one past the last quoted character
    mark_start: int
    mark_end: int


@dataclass(slots=True)
class Span:
    """One quotation, possibly running over several paragraphs."""

    segments: list[Segment] = field(default_factory=list)
    closed: bool = True

    @property
    def paragraph(self) -> int:
        return self.segments[0].paragraph

    @property
    def end_paragraph(self) -> int:
        return self.segments[-1].paragraph

    def text(self, paragraphs: list[str]) -> str:
        parts = [paragraphs[s.paragraph][s.start : s.end].strip() for s in self.segments]
        return " ".join(p for p in parts if p)


def _is_opener_context(text: str, i: int) -> bool:
    if i == 0:
        return True
    prev = text[i - 1]
    return (prev in _OPEN_CONTEXT or prev.isspace() or prev == "\x00"
            or unicodedata.category(prev) == "Cf")


def _is_closer_context(text: str, j: int) -> bool:
    """j: index just after the mark."""
    return j >= len(text) or text[j] in _CLOSE_NEXT or text[j] in "\u201d\"'" or text[j].isspace()


# A mark whose previous character may open a quote (not a letter, digit, mark or closing
# punctuation): where to look when no quote is open. _is_opener_context has the last word;
# this lets a regex skip megabytes of stray marks instead of a Python loop over each one.
_MAYBE_OPENER = re.compile(
    r"(?:(?<![\w\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033`.,;:!?)\]}%])|^)"
    r"(?:''|``|[\u201c\u201d\u201e\u201f\"\u00ab\u00bb\u2033])"
)


def _next_mark(text: str, at: int, opener: bool) -> tuple[int, int, str, int] | None:
    """The next double mark from `at` (only those that can open a quote when `opener`).

    Returns (mark start, mark end, mark, where to search next).
    """
    pattern = _MAYBE_OPENER if opener else _DOUBLE_MARKS
    while True:
        m = pattern.search(text, at)
        if m is None:
            return None
        s, e = m.start(), m.end()
        if m.group(0) == "''" and text[e : e + 1] == "'":
            s, e = s + 1, e + 1  # ''' closes a nested single quote, then the double one
        if not opener or (e < len(text) and _is_opener_context(text, s)):
            return s, e, text[s:e], m.end()
        at = m.end()  # a stray closing mark with nothing open


def _single_quotes(text: str, lo: int, hi: int) -> Iterator[tuple[int, int, int, int]]:
    """Top-level curly single quotes ‘…’ between lo and hi: (mark_start, start, end, mark_end)."""
    i = lo
    while True:
        k = text.find("\u2018", i, hi)
        if k < 0:
            return
        if not _is_opener_context(text, k) or k + 1 >= hi or not text[k + 1].isalnum():
            i = k + 1
            continue
        j = k + 1
        found = -1
        while True:
            c = text.find("\u2019", j, hi)
            if c < 0:
                break
            nxt = text[c + 1] if c + 1 < len(text) else " "
            if not nxt.isalpha():
                found = c
                break
            j = c + 1
        if found < 0:
            return  # no closer after k, so none after any later opener either
        yield k, k + 1, found, found + 1
        i = found + 1


# A sentence of the reporter's, not the speaker's: it names someone by a possessive
# ("Vane's only worry was ...") and speaks of them in the third person, never in the first
# or second.
_POSSESSIVE_NAME = re.compile(r"(?<![\w'\u2019])[A-Z][\w\-]+['\u2019]s\b")
# "That's", "It's", "Let's": a capitalised word and a contracted "is"/"us", not a name's
_CONTRACTED = frozenset("that it there here what who where let he she how why when".split())
_THIRD_PERSON = re.compile(r"\b(?:his|her|their|he|she|they)\b")
_FIRST_PERSON = re.compile(r"(?i)\b(?:i|i'm|i've|me|my|we|we're|we've|us|our|you|your)\b")
_LAST_SENTENCE = re.compile(r"[.!?]\s+(?=[A-Z])")


def _narrative_tail(text: str, lo: int, end: int) -> int | None:
    """Where a quote that lost its closer ends when its last sentence, text[k:end], is
    narrative; None when the whole stretch reads as the speaker's."""
    cuts = [m.start() + 1 for m in _LAST_SENTENCE.finditer(text, lo, end)]
    if not cuts:
        return None
    k = cuts[-1]
    tail = text[k:end]
    names = [m for m in _POSSESSIVE_NAME.findall(tail) if m[:-2].casefold() not in _CONTRACTED]
    if (names and _THIRD_PERSON.search(tail)
            and not _FIRST_PERSON.search(tail)):
        return k
    return None


def _starts_with_mark(text: str) -> tuple[int, int] | None:
    stripped = len(text) - len(text.lstrip())
    m = _DOUBLE_MARKS.match(text, stripped)
    return (m.start(), m.end()) if m else None  # any mark, even a closing-style typo


class _Found:
    """The spans found so far, each listed once (a set of ids: O(1) instead of a list scan)."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self._listed: set[int] = set()

    def add(self, span: Span) -> None:
        if id(span) not in self._listed:
            self._listed.add(id(span))
            self.spans.append(span)

    def full(self) -> bool:
        return len(self.spans) >= MAX_SPANS


# A height in feet and inches ("6'2\"", "5\u20192\u201d"): its inch mark is no quotation mark
_FEET_AND_INCHES = re.compile(r"(?<![\w.])\d['\u2019]\d{1,2}$")


def _inch_mark(text: str, ms: int, me: int) -> bool:
    """Is the mark at text[ms:me] the inch sign of a height inside an open quote, with the
    quote's own closer still to come in the paragraph ("he's like 6'2\"," Vane said)?"""
    return (_FEET_AND_INCHES.search(text, max(0, ms - 5), ms) is not None
            and _DOUBLE_MARKS.search(text, me) is not None)


def _closes(text: str, ms: int, me: int, mark: str) -> bool:
    """Does a double mark at text[ms:me], met while a quote is open, close it? An opening
    curly mark or guillemet right before a word opens a new quote instead."""
    if (mark in ("\u201c", "\u00ab", "\u201e") and _is_opener_context(text, ms)
            and me < len(text) and text[me].isalnum()):
        return False
    return _is_closer_context(text, me) or not _is_opener_context(text, ms)


class _Paragraph:
    """The scan of one paragraph: the double quote open so far (one carried over from the
    paragraph before, or opened here) and the unquoted stretches, where single quotes
    are read afterwards."""

    def __init__(self, p: int, text: str, found: _Found) -> None:
        self.p = p
        self.text = text
        self.found = found
        self.open_span: Span | None = None
        self.open_at = 0  # content start of the open segment
        self.open_mark = 0
        self.at = 0  # where the next mark is looked for
        self.top_ranges: list[tuple[int, int]] = []  # unquoted stretches, for single quotes
        self.last_free: int | None = 0

    def carry_on(self, carry: Span, lead: tuple[int, int]) -> None:
        """The paragraph opens with a mark: the quote of the paragraph before goes on."""
        self.open_span, self.open_mark, self.open_at = carry, lead[0], lead[1]
        self.at = lead[1]
        self.last_free = None

    def read_double_marks(self) -> None:
        while not self.found.full():
            found = _next_mark(self.text, self.at, opener=self.open_span is None)
            if found is None:
                break
            ms, me, mark, self.at = found
            if self.open_span is None:
                self._open(ms, me)
            elif _inch_mark(self.text, ms, me):
                continue  # part of the quote's words
            elif _closes(self.text, ms, me, mark):
                self._close(self.open_span, ms, me)
            elif self._skip_nested_quote(ms, me):
                continue  # its words are the open quote's
            else:
                self._reopen(self.open_span, ms, me)

    def _skip_nested_quote(self, ms: int, me: int) -> bool:
        """An opener in mid-sentence inside the open quote, whose own closer is followed by
        a second closer, opens a quote within the quote: '"I'd rather walk than pay what
        they call "fair fares" for a bus," Vane said' (same marks both levels, as web text
        often has). Reading on past its closer keeps the outer quote whole."""
        text = self.text
        before = text[self.open_at : ms].rstrip()
        if not before or not before[-1].isalnum():
            return False  # after a stop or a colon the quote before lost its closer
        inner = _next_mark(text, me, opener=False)
        if inner is None or not _closes(text, inner[0], inner[1], inner[2]):
            return False
        outer = _next_mark(text, inner[3], opener=False)
        if outer is None or not _closes(text, outer[0], outer[1], outer[2]):
            return False
        self.at = inner[3]
        return True

    def _open(self, ms: int, me: int) -> None:
        self.open_span = Span()
        self.open_mark, self.open_at = ms, me
        if self.last_free is not None:
            self.top_ranges.append((self.last_free, ms))
        self.last_free = None

    def _close(self, span: Span, ms: int, me: int) -> None:
        span.segments.append(Segment(self.p, self.open_at, ms, self.open_mark, me))
        self.found.add(span)
        self.open_span = None
        self.last_free = me

    def _reopen(self, span: Span, ms: int, me: int) -> None:
        """A new opener while a quote is open: the earlier quote lost its closer."""
        text = self.text
        end = ms
        while end > self.open_at and text[end - 1].isspace():
            end -= 1
        span.segments.append(Segment(self.p, self.open_at, end, self.open_mark, end))
        if end > self.open_at and text[end - 1] in _SENTENCE_END and end < ms:
            narrative = _narrative_tail(text, self.open_at, end)
            if narrative is None:
                # 'weeks. "We are ...': a paragraph break lost inside a quote (the new
                # paragraph reopened it, as news style does): the same quote goes on
                self.open_mark, self.open_at = ms, me
                return
            # '... good balance. Vane's only worry was ... "It should ...': the quote
            # lost its closer before a sentence of the reporter's, then a new one opens
            seg = span.segments[-1]
            seg.end = seg.mark_end = narrative
        span.closed = False
        self.found.add(span)
        self.open_span = Span()
        self.open_mark, self.open_at = ms, me

    def finish(self) -> Span | None:
        """End the paragraph: a quote still open runs to its end (and is returned, to go on
        if the next paragraph opens with a mark); then the single quotes outside doubles."""
        text = self.text
        if self.last_free is not None:
            self.top_ranges.append((self.last_free, len(text)))
        carry = self.open_span
        if carry is not None:
            carry.segments.append(Segment(self.p, self.open_at, len(text), self.open_mark,
                                          len(text)))
            self.found.add(carry)
        for lo, hi in self.top_ranges:
            for mk, s, e, me in _single_quotes(text, lo, hi):
                if self.found.full():
                    break
                self.found.spans.append(Span([Segment(self.p, s, e, mk, me)]))
        return carry


def _read_paragraph(p: int, text: str, carry: Span | None, found: _Found) -> Span | None:
    """The spans of one paragraph into found; returns the quote left open at its end."""
    scan = _Paragraph(p, text, found)
    if carry is not None:
        lead = _starts_with_mark(text)
        if lead is not None:
            scan.carry_on(carry, lead)
        else:
            carry.closed = False
    scan.read_double_marks()
    return scan.finish()


# British style: straight single marks quote speech, doubles nest inside them. A single
# quote: an opener before a word, at most 400 characters with apostrophes only inside
# words ("don't", "the '90s"), and a closer after a non-space ("'bot nets" and "'90s"
# open nothing)
_SINGLE_OPENER = r"(?:^|(?<=[\s(\[\u2014\u2013\"\u201c]))'(?=[\w\"\u201c.])"
_SINGLE_CLOSER = r"(?<=\S)'(?!\w)"
_SINGLE_QUOTE = re.compile(
    _SINGLE_OPENER
    + r"(?:[^'\n]|(?<=\w)'(?=\w)|(?<=\s)'(?=\d)|(?<=\s)'n'(?=\s)){1,400}?"
    + _SINGLE_CLOSER
)
_SINGLE_OPENING = re.compile(_SINGLE_OPENER)
_SINGLE_CLOSING = re.compile(_SINGLE_CLOSER)
_DOUBLE_MARK_ONLY = re.compile(r'"')
_SENTENCE_STOP = re.compile(r"[.!?](?=\s|$)")
_DOUBLE_ANY = re.compile(r"''|``|[\"\u201c\u201d\u201e\u00ab\u00bb]")
# "'90s", "'em", "rock 'n' roll", "'til": an apostrophe at the start of a word, no quote
_ELISION = re.compile(r"'(?:\d0s|\d\d\b|em\b|n'|til\b|cause\b|tis\b|twas\b)", re.IGNORECASE)


def _single_style(paragraphs: list[str]) -> bool:
    """Does the article quote with straight single marks ('Yes,' he said), so that its
    double marks are the nested ones? More single-quoted stretches than double-quoted."""
    singles = sum(len(_SINGLE_QUOTE.findall(t)) for t in paragraphs)
    return singles >= 2 and 2 * singles > sum(len(_DOUBLE_ANY.findall(t)) for t in paragraphs)


def _as_double_style(text: str) -> str:
    """The paragraph with its quoting single marks written as curly doubles and its double
    marks as curly singles, character for character (offsets stay), so that one reader of
    marks serves both styles. Apostrophes ("don't", "'bot nets") stay."""
    chars = list(text)
    for mark in _DOUBLE_MARK_ONLY.finditer(text):
        k = mark.start()
        opener = (k == 0 or text[k - 1].isspace() or text[k - 1] in _OPEN_CONTEXT) and not (
            k + 1 < len(text) and text[k + 1].isspace())
        chars[k] = "\u2018" if opener else "\u2019"
    at = 0
    while (m := _SINGLE_OPENING.search(text, at)) is not None:
        k = m.start()
        close = None if _ELISION.match(text, k) else _single_closer(text, k)
        if close is None:
            at = k + 1
            continue
        chars[k], chars[close] = "\u201c", "\u201d"
        at = close + 1
    return "".join(chars)


def _single_closer(text: str, k: int) -> int | None:
    """Where the single quote opened at text[k] closes: the first mark after a non-space
    and before no word character, within 400 characters; "the players' union" (s', then
    a lowercase word) closes only when no other closer follows in its sentence."""
    pair = _SINGLE_QUOTE.match(text, k)
    if pair is None:
        return None
    stop = min(len(text), k + 402)
    at = pair.end() - 1  # the pair's own closer is the first one to weigh
    while (m := _SINGLE_CLOSING.search(text, at, stop)) is not None:
        c = m.start()
        if text[c - 1] == "s" and text[c + 1 : c + 2] == " " and text[c + 2 : c + 3].islower():
            later = _SINGLE_CLOSING.search(text, c + 1, stop)
            end = _SENTENCE_STOP.search(text, c, stop)
            if later is not None and (end is None or later.start() < end.start()):
                at = c + 1
                continue  # 'The players' union is strong,' he said
        return c
    return None


def find_spans(paragraphs: list[str]) -> list[Span]:
    """Every quotation span in reading order."""
    if _single_style(paragraphs):
        paragraphs = [_as_double_style(t) for t in paragraphs]
    found = _Found()
    carry: Span | None = None  # a quote continuing from the previous paragraph
    for p, text in enumerate(paragraphs):
        carry = _read_paragraph(p, text, carry, found)
        if found.full():
            logger.info("more than %d quotation spans: paragraphs after %d not read for quotes",
                        MAX_SPANS, p + 1)
            if carry is not None:
                carry.closed = False
            carry = None
            break
    if carry is not None:
        carry.closed = False
    spans = [s for s in found.spans if s.segments]
    spans.sort(key=lambda s: (s.segments[0].paragraph, s.segments[0].mark_start))
    return spans
