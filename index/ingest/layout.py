"""Text and markdown articles: the layout DESIGN.md gives a text file (title line, optional
standfirst, byline, optional date line, body) read into an ArticleDraft. Paragraphs are
blank-line blocks when the text has blank lines, else one per line."""

from __future__ import annotations

from index.errors import InputError
from index.ingest.boilerplate import is_boilerplate, strip_boilerplate
from index.ingest.bylines import parse_byline, split_authors
from index.ingest.dates import date_line, find_date
from index.ingest.limits import check_paragraph_count
from index.ingest.markdown import (
    HEADING,
    ITEM,
    TEXT,
    LineKind,
    front_matter,
    is_markdown,
    markdown_lines,
)
from index.ingest.outlets import daily_mail_header
from index.ingest.titles import first_sentence_title, is_title_line
from index.models import ArticleDraft
from index.text import clean_input

# Longest line still taken as a standfirst.
_MAX_STANDFIRST_CHARS = 400
# What the line above a furniture line ends with when a paragraph ended there.
_SENTENCE_ENDS = (".", "!", "?", '"', "'", "”", "’", ")", ":")


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


def _paragraphs(lines: list[str], kinds: list[LineKind]) -> list[str]:
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
        return [" ".join(lines[i].split()) for i in filled if kinds[i] != HEADING]
    out: list[str] = []
    block: list[str] = []
    for line, kind in zip(lines, kinds, strict=True):
        if not line.strip() or kind in (ITEM, HEADING):
            if block:
                out.append(_join(block))
            block = []
        if line.strip() and kind != HEADING:
            block.append(line.strip())
    if block:
        out.append(_join(block))
    return [p for p in out if p]


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
        dates = [d for d in (date_line(u) for u in before) if d]
        others = [u for u in before if not date_line(u)]
        if len(others) > 1 or any(len(u) > _MAX_STANDFIRST_CHARS for u in others):
            break
        authors, published = byline
        published = dates[0] if dates else published
        end = b + 1
        while end < len(units) and end <= b + 2 and date_line(units[end]):
            published = published or date_line(units[end])
            end += 1
        return end, (others[0] if others else None), authors, published
    end = 0
    published = None
    while end < min(2, len(units)) and date_line(units[end]):
        published = published or date_line(units[end])
        end += 1
    return end, None, (), published


def parse_text(text: str, source: str | None = None) -> ArticleDraft:
    """A text or markdown article: title line, optional standfirst, byline, date, body."""
    name = source or "text"
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    fields: dict[str, str] = {}
    markdown = is_markdown(text, source)
    if markdown:
        fields, text = front_matter(text)
    text, dm_authors, dm_date, dm_standfirst = daily_mail_header(text)
    lines = text.split("\n")
    kinds: list[LineKind] = [TEXT] * len(lines)
    if markdown:
        lines, kinds = markdown_lines(lines)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InputError(f"{name} has no article text")
    title_line = clean_input(lines[first])
    if fields.get("title") or not is_title_line(title_line):
        title = fields.get("title") or first_sentence_title(title_line)
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

