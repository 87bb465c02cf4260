"""Turning files, HTML pages and URLs into ArticleDrafts: title, byline, date and body.

Text files follow the layout in DESIGN.md (title line, optional standfirst, byline,
optional date line, body); HTML goes through trafilatura for the main text and metadata,
with a plain lxml pass when it finds no body. Every refusal is an InputError whose
message names the input and the reason, and `iter_inputs` hands errors back as values so
one bad input never stops the others.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from index.ingest import fetch
from index.ingest.boilerplate import is_boilerplate, strip_boilerplate
from index.errors import InputError, NewsdeskError
from index.models import ArticleDraft
from index.lexicon import BYLINE_PARTICLES, BYLINE_ROLE_WORDS
from index.text import clean_input, normalize

log = logging.getLogger(__name__)

# The documented size limit for files, downloads and attachments: 5 MB.
MAX_FILE_BYTES: int = fetch.MAX_FILE_BYTES

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
_SUPPORTED_SHOWN = ".txt, .md, .html or .htm"
_OVER_LIMIT = f"over the {fetch.human_size(MAX_FILE_BYTES)} limit for one file"

# The most body paragraphs one article may have. Long reports run to a few hundred; a
# flood of tiny paragraphs (600,000 one-word lines fit in 5 MB) would cost the index and
# every later load hundreds of MB for nothing a reader could use, so it is refused.
MAX_PARAGRAPHS = 5000
# Longest paragraph kept whole (prose paragraphs run to 2,000 characters; see
# split_long_paragraphs).
MAX_PARAGRAPH_CHARS = 10_000
# The most different words one article may have (see check_vocabulary).
MAX_DISTINCT_WORDS = 50_000

# Longest line still taken as a title, and longest standfirst.
_MAX_TITLE_CHARS = 200
_MAX_STANDFIRST_CHARS = 400
_MAX_DERIVED_TITLE_CHARS = 100


# --------------------------------------------------------------------------- dates

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_RE = re.compile(
    r"(?P<iso>(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"|(?P<dmy>(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH.format(g="m2")
    + r",?\s+(?P<y2>\d{4}))"
    r"|(?P<mdy>" + _MONTH.format(g="m3") + r"\s+(?P<d3>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{4}))",
    re.IGNORECASE,
)
# What may stand around a date on a line that is only a date ("Published: Wed 12 March
# 2025, 14:11 GMT | Updated ...").
_DATE_NOISE_RE = re.compile(
    r"\b(?:first |last )?(?:published|updated|posted|modified|date[d]?|on|at|and)\b:?"
    r"|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?"
    r"|\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"|\b(?:[ap]\.?m\.?|gmt|bst|utc|est|edt|cet|cest|pst|pdt|cst|cdt|et|pt)\b"
    r"|[\s,.|·•/()\-–—]+",
    re.IGNORECASE,
)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> str | None:
    """The first calendar date written in text, as YYYY-MM-DD ("12 March 2025", ISO...)."""
    for m in _DATE_RE.finditer(text):
        if m.group("iso"):
            found = _iso(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
        elif m.group("dmy"):
            month = _MONTHS[m.group("m2").lower()[:3]]
            found = _iso(int(m.group("y2")), month, int(m.group("d2")))
        else:
            month = _MONTHS[m.group("m3").lower()[:3]]
            found = _iso(int(m.group("y3")), month, int(m.group("d3")))
        if found:
            return found
    return None


def _date_line(line: str) -> str | None:
    """The date when line is nothing but a (published/updated) date, else None."""
    if len(line) > 100:
        return None
    found = find_date(line)
    if not found:
        return None
    rest = _DATE_NOISE_RE.sub(" ", _DATE_RE.sub(" ", line)).strip()
    return found if not rest else None


# --------------------------------------------------------------------------- bylines

_BYLINE_PREFIX_RE = re.compile(
    r"^(?:(?:written|words|story|text|reported|reporting)\s+by|by|authors?|byline)\s*:?\s+",
    re.IGNORECASE,
)
_NAME_SPLIT_RE = re.compile(r"\s*(?:,\s*and\s+|,\s*&\s*|,\s*|\s+and\s+|\s*&\s*)\s*")
_PLACE_SUFFIX_RE = re.compile(r"\s+(?:in|for|at|from)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*$")
_SEGMENT_SPLIT_RE = re.compile(r"\s+[|·•—–]\s+|\s+-\s+")


def _is_name_token(token: str, first_or_last: bool) -> bool:
    if token.lower() in BYLINE_PARTICLES and not first_or_last:
        return True
    core = token.strip(".'’-")
    if not core:
        return False
    if not core[0].isupper():
        return False
    return all(ch.isalpha() or ch in ".'’-" for ch in token)


def _as_name(part: str) -> str | None:
    """part as a person's name ("Jane Q. Roe", "Ana de la Cruz"), or None."""
    part = part.strip().strip(",;")
    tokens = part.split()
    if len(tokens) > 5:
        return None
    if len(tokens) < 2:
        return None  # a lone capitalized word is too often not a person ("By Monday")
    for i, token in enumerate(tokens):
        if not _is_name_token(token, i in (0, len(tokens) - 1)):
            return None
    if any(t.lower().strip(".") in BYLINE_ROLE_WORDS for t in tokens):
        return None
    if part.isupper():
        part = " ".join(t.capitalize() if "." not in t else t for t in tokens)
    return part


def _is_role(part: str) -> bool:
    words = re.findall(r"[^\W\d_]+", part.lower())
    return 0 < len(words) <= 6 and any(w in BYLINE_ROLE_WORDS for w in words)


def _names_then_role(segment: str) -> tuple[str, ...] | None:
    """Names from "A, B and C" optionally followed by ", Role"; None unless all parts fit."""
    segment = segment.strip().rstrip(".")
    parts = [p for p in _NAME_SPLIT_RE.split(segment) if p]
    names: list[str] = []
    for i, part in enumerate(parts):
        if names and _is_role(part):
            # The rest is a role or outlet ("Political Correspondent", "BBC News").
            if all(_is_role(p) or _as_name(p) is None for p in parts[i:]):
                return tuple(names)
            return None
        name = _as_name(_PLACE_SUFFIX_RE.sub("", part))
        if name is None:
            return None
        names.append(name)
    return tuple(names) or None


def parse_byline(line: str) -> tuple[tuple[str, ...], str | None] | None:
    """Authors (and a date written beside them) from a byline line, or None if it is not one.

    Accepts "By X", "By X and Y", "By X, Y and Z", "BY X | 12 March 2025",
    "X, Reporter" and "X, Political Correspondent".
    """
    line = " ".join(line.split())
    if not line or len(line) > 160:
        return None
    prefixed = _BYLINE_PREFIX_RE.match(line)
    body = line[prefixed.end():] if prefixed else line
    segments = _SEGMENT_SPLIT_RE.split(body)
    names = _names_then_role(segments[0])
    if names is None:
        return None
    if not prefixed:
        # Without "By", only "Name, Role": a bare name list is too easy to confuse with text.
        if "," not in segments[0] or not _is_role(segments[0].rsplit(",", 1)[1]):
            return None
        if segments[0].rstrip().endswith("."):
            return None
    published = None
    for seg in segments[1:]:
        published = published or find_date(seg)
    return names, published


def split_authors(raw: str) -> tuple[str, ...]:
    """Author names from a metadata field ("Jane Roe; Tom Vale", "Jane Roe and Tom Vale")."""
    out: list[str] = []
    for piece in re.split(r"\s*;\s*|\s*\|\s*", raw):
        piece = _BYLINE_PREFIX_RE.sub("", piece.strip())
        if not piece:
            continue
        names = _names_then_role(piece)
        for name in names or (piece,):
            if name not in out:
                out.append(name)
    return tuple(out)


# --------------------------------------------------------------------------- markdown

_MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_SETEXT_RE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_MD_RULE_RE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_MD_BULLET_RE = re.compile(r"^\s*[-*+]\s+")
_MD_QUOTE_RE = re.compile(r"^\s{0,3}>\s?")
_MD_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_MD_REFLINK_RE = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_LINKDEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_MD_EMPHASIS_RE = re.compile(
    r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"  # **strong**, __strong__
    r"|(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\3(?![\w*])"  # *em*, _em_ (not snake_case)
)
_MD_CODE_RE = re.compile(r"`([^`]*)`")
_MD_AUTOLINK_RE = re.compile(r"<(https?://[^>\s]+)>")


def _md_inline(line: str) -> str:
    line = _MD_IMAGE_RE.sub("", line)
    line = _MD_LINK_RE.sub(r"\1", line)
    line = _MD_REFLINK_RE.sub(r"\1", line)
    line = _MD_AUTOLINK_RE.sub(r"\1", line)
    line = _MD_CODE_RE.sub(r"\1", line)
    for _ in range(3):  # nested emphasis: ***x*** or **_x_**
        line = _MD_EMPHASIS_RE.sub(lambda m: m.group(2) or m.group(4), line)
    return line


# Kinds of line after markdown cleaning: plain text, a list item (opens a paragraph of
# its own) and a heading (a title or subheading, never body).
_TEXT, _ITEM, _HEADING = "text", "item", "heading"


def _markdown_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """Lines without markdown syntax, and the kind of each line."""
    out: list[str] = []
    kinds: list[str] = []
    in_fence = False
    for raw in lines:
        if raw.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(raw)
            kinds.append(_TEXT)
            continue
        if _MD_SETEXT_RE.match(raw) and out and out[-1].strip():
            kinds[-1] = _HEADING  # "Title" underlined with === or ---
            continue
        if _MD_RULE_RE.match(raw) or _MD_LINKDEF_RE.match(raw):
            out.append("")
            kinds.append(_TEXT)
            continue
        line, kind = raw, _TEXT
        heading = _MD_HEADING_RE.match(line)
        if heading:
            line, kind = heading.group(1), _HEADING
        line = _MD_QUOTE_RE.sub("", line)
        if _MD_BULLET_RE.match(line):
            line, kind = _MD_BULLET_RE.sub("", line), _ITEM
        out.append(_md_inline(line).rstrip())
        kinds.append(kind)
    return out, kinds


_FRONT_MATTER_RE = re.compile(
    r"\A---[ \t]*\n(?P<body>(?:[\w-]+[ \t]*:.*\n|[ \t]*-.*\n|[ \t]*\n)*?)---[ \t]*\n"
)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple YAML front matter (key: value lines) and the text after it."""
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}, text
    fields: dict[str, str] = {}
    for line in m.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep and not line.startswith((" ", "\t", "-")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[m.end():]


# --------------------------------------------------------------------------- text files

# Daily Mail texts in CNN/DM open with "By . Jane Doe . PUBLISHED: . 14:11 EST, 25 October
# 2013 . | . UPDATED: . 14:20 EST, 25 October 2013 . ".
_DM_BY_RE = re.compile(r"\A\s*By \. (?P<names>[^.]{2,60}? \. (?:and [^.]{2,60}? \. )*)")
_DM_STAMP_RE = re.compile(
    r"\A\s*(?:(?P<kind>PUBLISHED|UPDATED): \. (?P<when>[^.|]{5,60}?) \. (?:\| \. )?"
    r"|Last updated at (?P<last>[^.]{5,60}?) \. )"
)
_DM_FOR_RE = re.compile(
    r"\s+for\s+(?:the\s+)?(?:mail\s*online|daily\s+mail|mail\s+on\s+sunday)\b.*$", re.IGNORECASE
)
_CNN_DATELINE_RE = re.compile(r"\A(?:[A-Z][\w .,'’-]{0,60}?\s*)?\(CNN\)\s*(?:--|—|–)?\s*")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


# The same header after a few bullet points that sum the story up: the bullets are the
# standfirst. The timestamp must follow the byline, so prose mentioning "By ." is safe.
_DM_LATE_HEADER_RE = re.compile(
    r"\s+\.?\s*(?=By \. [^.]{2,60}? \. (?:and [^.]{2,60}? \. )*(?:PUBLISHED|UPDATED): \. )"
)
_MAX_DM_BULLETS_CHARS = 1000


def _daily_mail_header(
    text: str,
) -> tuple[str, tuple[str, ...], str | None, str | None]:
    """The text without a Daily Mail byline/timestamp opening: text, authors, date, standfirst.

    When bullet points stand before the byline, they come back as the standfirst.
    """
    authors: tuple[str, ...] = ()
    standfirst: str | None = None
    late = _DM_LATE_HEADER_RE.search(text, 0, _MAX_DM_BULLETS_CHARS)
    if late and not _DM_BY_RE.match(text) and "\n" not in text[: late.start()]:
        standfirst = " ".join(text[: late.start()].split()).rstrip(" .") + "."
        text = text[late.end():]
    m = _DM_BY_RE.match(text)
    if m:
        names = [n.strip() for n in re.split(r" \. (?:and )?", m.group("names")) if n.strip(" .")]
        authors = tuple(_DM_FOR_RE.sub("", n).strip() for n in names)
        text = text[m.end():]
    published: str | None = None
    updated: str | None = None
    while True:
        stamp = _DM_STAMP_RE.match(text)
        if not stamp:
            break
        when = find_date(stamp.group("when") or stamp.group("last") or "")
        if stamp.group("kind") == "PUBLISHED":
            published = published or when
        else:
            updated = updated or when
        text = text[stamp.end():]
    return text, authors, published or updated, standfirst


def _first_sentence_title(paragraph: str) -> str:
    """A title made from a paragraph's first sentence, for texts that have no title line."""
    text = _CNN_DATELINE_RE.sub("", paragraph.strip()) or paragraph.strip()
    sentence = _SENTENCE_END_RE.split(text, maxsplit=1)[0].strip()
    if len(sentence) > _MAX_DERIVED_TITLE_CHARS:
        cut = sentence[:_MAX_DERIVED_TITLE_CHARS].rsplit(" ", 1)[0]
        return cut.rstrip(",;:-–— ") + "…"
    return sentence.rstrip(". ")


def _is_title_line(line: str) -> bool:
    """A first line is a title unless it is plainly a paragraph (long, several sentences)."""
    if len(line) > _MAX_TITLE_CHARS:
        return False
    return not (len(line) > 120 and _SENTENCE_END_RE.search(line.rstrip()))


def _join(block: list[str]) -> str:
    """One paragraph from a block's lines, without trailing furniture lines.

    A footer line typed right under the last paragraph ("Share this article" with no
    blank line before it) is dropped when the line above ends a sentence.
    """
    while len(block) > 1 and is_boilerplate(block[-1]):
        if not block[-2].rstrip().endswith(_SENTENCE_ENDS):
            break
        block = block[:-1]
    if all(is_boilerplate(line) for line in block):
        return ""
    return " ".join(" ".join(block).split())


_SENTENCE_ENDS = (".", "!", "?", '"', "'", "”", "’", ")", ":")


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


_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


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
            cut = max((m.end() for m in _BREAK.finditer(window)), default=0)
            if cut < MAX_PARAGRAPH_CHARS // 2:  # no sentence end late enough: a space
                space = window.rfind(" ", MAX_PARAGRAPH_CHARS // 2)
                cut = space + 1 if space > 0 else MAX_PARAGRAPH_CHARS
            piece, text = text[:cut].strip(), text[cut:].strip()
            if piece:
                out.append(piece)
        if text:
            out.append(text)
    return tuple(out)


def check_paragraph_count(count: int) -> None:
    """InputError for an article with more than MAX_PARAGRAPHS paragraphs."""
    if count > MAX_PARAGRAPHS:
        raise InputError(
            f"it has {count:,} paragraphs; an article may have at most {MAX_PARAGRAPHS:,} "
            "(join short lines into paragraphs, or split the text into several articles)"
        )


def _paragraphs(lines: list[str], kinds: list[str]) -> list[str]:
    """Blank-line blocks (wrapped lines joined) when there are blank lines, else one per line.

    List items open a paragraph of their own and subheadings are left out of the body.
    """
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return []
    has_blank = any(not lines[i].strip() for i in range(filled[0], filled[-1]))
    blocks = (sum(1 for i in range(1, len(filled)) if filled[i] > filled[i - 1] + 1) + 1
              if has_blank else len(filled))
    check_paragraph_count(blocks)
    if not has_blank:
        return [" ".join(lines[i].split()) for i in filled if kinds[i] != _HEADING]
    out: list[str] = []
    block: list[str] = []
    for line, kind in zip(lines, kinds):
        if not line.strip() or kind in (_ITEM, _HEADING):
            if block:
                out.append(_join(block))
            block = []
        if line.strip() and kind != _HEADING:
            block.append(line.strip())
    if block:
        out.append(_join(block))
    return [p for p in out if p]


def _is_markdown(text: str, source: str | None) -> bool:
    if source and source.lower().split("?")[0].endswith((".md", ".markdown")):
        return True
    first = next((line for line in text.splitlines() if line.strip()), "")
    return bool(_MD_HEADING_RE.match(first)) or text.startswith("---\n")


def _header(units: list[str]) -> tuple[int, str | None, tuple[str, ...], str | None]:
    """How many leading units are header, and the standfirst, authors and date among them.

    A standfirst is recognized only as the single line right after the title that comes
    before a byline; date lines may stand before or after the byline.
    """
    window = units[:4]
    for b, unit in enumerate(window):
        byline = parse_byline(unit)
        if byline is None:
            continue
        before = window[:b]
        dates = [d for d in (_date_line(u) for u in before) if d]
        others = [u for u in before if not _date_line(u)]
        if len(others) > 1 or any(len(u) > _MAX_STANDFIRST_CHARS for u in others):
            break
        authors, published = byline
        published = dates[0] if dates else published
        end = b + 1
        while end < len(units) and end <= b + 2 and _date_line(units[end]):
            published = published or _date_line(units[end])
            end += 1
        return end, (others[0] if others else None), authors, published
    end = 0
    published = None
    while end < min(2, len(units)) and _date_line(units[end]):
        published = published or _date_line(units[end])
        end += 1
    return end, None, (), published


def parse_text(text: str, source: str | None = None) -> ArticleDraft:
    """A text or markdown article: title line, optional standfirst, byline, date, body."""
    name = source or "text"
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    fields: dict[str, str] = {}
    markdown = _is_markdown(text, source)
    if markdown:
        fields, text = _front_matter(text)
    text, dm_authors, dm_date, dm_standfirst = _daily_mail_header(text)
    lines = text.split("\n")
    kinds = [_TEXT] * len(lines)
    if markdown:
        lines, kinds = _markdown_lines(lines)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InputError(f"{name} has no article text")
    title_line = clean_input(lines[first])
    if fields.get("title") or not _is_title_line(title_line):
        title = fields.get("title") or _first_sentence_title(title_line)
        rest_start = first
    else:
        title = title_line
        rest_start = first + 1
    # Header lines are read one by one (non-empty lines), then the body from what follows.
    nonempty = [i for i in range(rest_start, len(lines)) if lines[i].strip()]
    units = [clean_input(lines[i]) for i in nonempty[:4]]
    used, standfirst, authors, published = _header(units)
    body_start = nonempty[used] if used < len(nonempty) else len(lines)
    paragraphs = strip_boilerplate(_paragraphs(lines[body_start:], kinds[body_start:]))
    if not paragraphs and rest_start > first and not authors and not standfirst:
        paragraphs = [title_line]  # a one-line note: its line is both title and body
    if not paragraphs:
        raise InputError(f"{name} has no article text after its title")
    if fields:
        authors = split_authors(fields.get("author") or fields.get("authors") or "") or authors
        published = find_date(fields.get("date") or fields.get("published") or "") or published
        for key in ("subtitle", "standfirst", "description"):  # the last found wins
            standfirst = fields.get(key) or standfirst
    return ArticleDraft(
        title=title,
        paragraphs=tuple(paragraphs),
        standfirst=standfirst or dm_standfirst,
        authors=authors or dm_authors,
        outlet=fields.get("outlet") or fields.get("publication") or fields.get("site") or None,
        published=published or dm_date,
        url=fields.get("url") or fields.get("canonical") or None,
        source=source,
    )


# --------------------------------------------------------------------------- decoding

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"\x7fELF", "a program"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
]
_HTML_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:12].startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "a WebP image"
    return None


def _try_decode(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, name: str, declared: str | None = None, html: bool = False) -> str:
    """Text of a file or download: BOM, declared charset, UTF-8, then cp1252.

    Refuses binary content (known magic numbers, NUL bytes, mostly control characters)
    with an InputError naming what it looks like.
    """
    kind = _binary_kind(data)
    if kind:
        raise InputError(f"{name} is {kind}, not a text article")
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        decoded = _try_decode(data, "utf-16")
        if decoded is None:
            raise InputError(f"{name} starts like UTF-16 text but cannot be decoded")
        text = decoded.lstrip("\ufeff")
    else:
        if b"\x00" in data:
            raise InputError(
                f"{name} looks like a binary file (it contains NUL bytes), not a text article"
            )
        sniffed = None
        if html and not declared:
            m = _HTML_CHARSET_RE.search(data[:4096])
            sniffed = m.group(1).decode("ascii", errors="ignore") if m else None
        text = (
            _try_decode(data, declared)
            or _try_decode(data, sniffed)
            or _try_decode(data, "utf-8")
            or _try_decode(data, "cp1252")
            or data.decode("latin-1")
        )
    sample = text[:65536]
    if sample:
        odd = sum(
            1 for ch in sample
            if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
        )
        if odd / len(sample) > 0.02:
            raise InputError(
                f"{name} looks like a binary file (mostly non-text bytes), not a text article"
            )
    return text


# --------------------------------------------------------------------------- HTML

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "template", "svg", "button", "iframe", "figure", "figcaption")
_XML_DECL_RE = re.compile(r"\A\s*<\?xml[^>]*\?>")


def _html_tree(html: str) -> lxml.html.HtmlElement | None:
    html = _XML_DECL_RE.sub("", html)
    if not html.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    return tree


def _element_text(el: etree._Element) -> str:
    for lb in el.iter("lb", "br"):
        lb.tail = " " + (lb.tail or "")
    return " ".join("".join(el.itertext()).split())


def _body_paragraphs(body: etree._Element) -> list[str]:
    """Paragraphs of trafilatura's body tree: p, quote and list items; headings skipped."""
    out: list[str] = []
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "list":
            out.extend(t for t in (_element_text(item) for item in el.iter("item")) if t)
        elif tag in ("p", "quote", "code"):
            text = _element_text(el)
            if text:
                out.append(text)
        elif tag in ("div", "section"):
            out.extend(_body_paragraphs(el))
    return out


def _fallback_paragraphs(tree: lxml.html.HtmlElement) -> list[str]:
    """Our own pass when trafilatura finds nothing: <p> of <article>, else of the page."""
    tree = lxml.html.fromstring(lxml.html.tostring(tree))
    for el in tree.xpath("//" + " | //".join(_DROP_TAGS)):
        el.drop_tree()
    scope = tree.xpath("//article") or tree.xpath("//main") or [tree]
    paras: list[str] = []
    for root in scope:
        for p in root.iter("p", "blockquote", "li"):
            text = " ".join(p.text_content().split())
            if text and text not in paras:
                paras.append(text)
    return paras


def _meta(tree: lxml.html.HtmlElement, *names: str) -> str | None:
    for name in names:
        found = tree.xpath(
            f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'
        )
        for value in found:
            value = " ".join(str(value).split())
            if value:
                return value
    return None


def _json_ld_values(tree: lxml.html.HtmlElement, key: str) -> list[str]:
    """Every string value of key in the page's JSON-LD blocks, in document order."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == key and isinstance(v, str):
                    found.append(v)
                else:
                    walk(v)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text_content() or "null"))
        except ValueError:
            log.debug("unreadable JSON-LD block skipped")
    return found


def _page_title(tree: lxml.html.HtmlElement, outlet: str | None) -> str | None:
    title = _meta(tree, "og:title", "twitter:title")
    if not title:
        h1 = [" ".join(h.text_content().split()) for h in tree.xpath("//h1")]
        title = next((t for t in h1 if t), None)
    if not title:
        tag = tree.findtext(".//title")
        title = " ".join(tag.split()) if tag else None
    if title and outlet:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(sep + outlet):
                title = title[: -len(sep + outlet)]
    return title or None


def _starts_with(paragraph: str, prefix: str) -> bool:
    """True when paragraph opens with prefix (a meta description cut short with "...")."""
    head = normalize(prefix).rstrip(".… ").casefold()[:80]
    return normalize(paragraph).casefold().startswith(head)


def _same_text(a: str, b: str) -> bool:
    return " ".join(normalize(a).casefold().split()) == " ".join(normalize(b).casefold().split())


def _run_trafilatura(tree: lxml.html.HtmlElement, url: str | None) -> Document | None:
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,  # dates from markup only, never guessed from prose
                "max_date": date.today().isoformat(),
            },
        )
    except Exception:  # the extractor is third-party code: fall back to our own pass
        log.warning("trafilatura failed on %s", url or "page", exc_info=True)
        return None
    return doc if isinstance(doc, Document) else None


def parse_html(
    html: str | bytes, url: str | None = None, source: str | None = None
) -> ArticleDraft:
    """An HTML article: main text and metadata by trafilatura, lxml <p> pass as fallback."""
    name = source or url or "HTML page"
    text = decode_bytes(html, name, html=True) if isinstance(html, bytes) else html
    tree = _html_tree(text)
    if tree is None:
        raise InputError(f"{name} has no article text")
    doc = _run_trafilatura(tree, url)
    paragraphs = _body_paragraphs(doc.body) if doc is not None and doc.body is not None else []
    outlet = _meta(tree, "og:site_name", "application-name") or (doc.sitename if doc else None)
    if doc is not None and doc.sitename and not _meta(tree, "og:site_name"):
        outlet = doc.sitename
    title = (doc.title if doc else None) or _page_title(tree, outlet)
    authors = split_authors(doc.author) if doc is not None and doc.author else ()
    if not authors:
        meta_author = _meta(tree, "author", "article:author", "dc.creator")
        if meta_author and not meta_author.startswith("http"):
            authors = split_authors(meta_author)
    published = find_date(doc.date) if doc is not None and doc.date else None
    if not published:
        stated = [_meta(tree, "article:published_time", "datePublished", "date", "dc.date") or ""]
        stated += _json_ld_values(tree, "datePublished")
        published = next((d for d in map(find_date, stated) if d), None)
    if not paragraphs:
        log.info("trafilatura found no body in %s; using the <p> fallback", name)
        paragraphs = _fallback_paragraphs(tree)
    # Leading title repeats, bylines and date lines belong to the header, not the body.
    while paragraphs:
        head = paragraphs[0]
        if title and _same_text(head, title):
            paragraphs = paragraphs[1:]
            continue
        byline = parse_byline(head) if len(head) < 160 else None
        if byline is not None:
            authors = authors or byline[0]
            published = published or byline[1]
            paragraphs = paragraphs[1:]
            continue
        if _date_line(head):
            published = published or _date_line(head)
            paragraphs = paragraphs[1:]
            continue
        break
    paragraphs = strip_boilerplate(paragraphs)
    if not paragraphs:
        raise InputError(f"{name} has no article text")
    if not title:
        title = _first_sentence_title(paragraphs[0])
    standfirst = doc.description if doc is not None else None
    if standfirst and (
        _same_text(standfirst, title)
        or _starts_with(paragraphs[0], standfirst)
    ):
        standfirst = None
    page_url = (doc.url if doc is not None else None) or url
    if page_url and not page_url.lower().startswith(("http://", "https://")):
        page_url = url
    return ArticleDraft(
        title=title,
        paragraphs=tuple(paragraphs),
        standfirst=standfirst,
        authors=authors,
        outlet=outlet,
        published=published,
        url=page_url,
        source=source,
    )


# --------------------------------------------------------------------------- files, URLs

def _check_suffix(filename: str) -> str:
    suffix = Path(filename).suffix
    if suffix.lower() not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "a file without an extension"
        raise InputError(
            f"{filename}: {shown} is not a supported article file (use {_SUPPORTED_SHOWN})"
        )
    return suffix.lower()


def parse_bytes(data: bytes, filename: str, source: str | None = None) -> ArticleDraft:
    """An uploaded file's bytes (a Discord attachment, say), judged like a file on disk.

    filename chooses the format by its extension and names the input in refusals.
    """
    suffix = _check_suffix(filename)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{filename} is {fetch.human_size(len(data))}, {_OVER_LIMIT}")
    if not data.strip():
        raise InputError(f"{filename} is empty" + (" (only whitespace)" if data else ""))
    html = suffix in HTML_SUFFIXES
    text = decode_bytes(data, filename, html=html)
    if not text.strip():
        raise InputError(f"{filename} is empty (only whitespace)")
    source = source or filename
    if html:
        return parse_html(text, source=source)
    return parse_text(text, source=source)


def read_file(path: Path) -> ArticleDraft:
    """One article file (.txt, .md, .html, .htm); InputError saying why when it cannot be."""
    name = str(path)
    _check_suffix(name)
    try:
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if not path.is_file():
            raise InputError(f"{name} is not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{name} is {fetch.human_size(size)}, {_OVER_LIMIT}")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise InputError(f"cannot read {name}: {err.strerror or err}") from None
    return parse_bytes(data, name)


def read_url(url: str, policy: fetch.FetchPolicy = fetch.DEFAULT_POLICY) -> ArticleDraft:
    """Fetch url under policy and parse it as HTML, or as a text article for text/plain."""
    return parse_page(fetch.fetch_url(url, policy), url)


def parse_page(page: fetch.FetchedPage, url: str) -> ArticleDraft:
    """A fetched page as an article draft (the CPU half of adding a link: the bot fetches
    outside its engine thread and parses inside it)."""
    text = decode_bytes(page.body, url, declared=page.charset, html=not page.is_text)
    if not text.strip():
        raise InputError(f"{url} returned an empty page")
    if page.is_text:
        return replace(parse_text(text, source=url), url=page.url)
    return parse_html(text, url=page.url, source=url)


_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def article_files(folder: Path) -> list[Path]:
    """Supported article files under folder, recursively, sorted, hidden ones skipped."""
    found = [
        p for p in folder.rglob("*")
        if p.suffix.lower() in SUPPORTED_SUFFIXES and not _is_hidden(p, folder) and p.is_file()
    ]
    return sorted(found)


def _guard(name: str, make: Callable[[], ArticleDraft]) -> ArticleDraft | NewsdeskError:
    """The draft, or the error as a value: one bad input must not stop the others."""
    try:
        return make()
    except NewsdeskError as err:
        return err
    except Exception as err:  # an extractor bug must not end a whole `add`
        log.exception("unexpected failure reading %s", name)
        return InputError(f"could not read {name}: {err.__class__.__name__}: {err}")


def iter_inputs(
    arg: str, policy: fetch.FetchPolicy = fetch.DEFAULT_POLICY
) -> Iterator[tuple[str, ArticleDraft | NewsdeskError]]:
    """Each article of one `add` argument (URL, file or folder) as (input name, draft or
    error); URLs are fetched under policy (public addresses only by default)."""
    scheme = _SCHEME_RE.match(arg)
    if scheme and not Path(arg).exists():
        if scheme.group(1).lower() in fetch.ALLOWED_SCHEMES:
            yield arg, _guard(arg, lambda: read_url(arg, policy))
        else:
            yield arg, InputError(
                f"{arg} is not an http(s) URL; only http and https links can be added"
            )
        return
    path = Path(arg).expanduser()
    if not path.exists():
        hint = ""
        if re.match(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+/", arg):
            hint = f" (for a web page, write https://{arg})"
        yield arg, InputError(f"{arg}: no such file or folder{hint}")
        return
    if path.is_dir():
        try:
            files = article_files(path)
        except OSError as err:
            yield arg, InputError(f"cannot read folder {arg}: {err.strerror or err}")
            return
        if not files:
            yield arg, InputError(f"{arg}: folder has no article files ({_SUPPORTED_SHOWN})")
            return
        for file in files:
            yield str(file), _guard(str(file), lambda file=file: read_file(file))
        return
    yield arg, _guard(arg, lambda: read_file(path))
