"""Markdown articles read as plain text: syntax removed line by line, each line's kind
kept (a list item opens a paragraph of its own; a heading is a title or subheading, never
body), and simple YAML front matter read as the article's fields."""

from __future__ import annotations

import re
from typing import Literal

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
LineKind = Literal["text", "item", "heading"]
TEXT: LineKind = "text"
ITEM: LineKind = "item"
HEADING: LineKind = "heading"


def is_markdown(text: str, source: str | None) -> bool:
    """Markdown by the file's name, or by a heading or front matter at the top."""
    if source and source.lower().split("?")[0].endswith((".md", ".markdown")):
        return True
    first = next((line for line in text.splitlines() if line.strip()), "")
    return bool(_MD_HEADING_RE.match(first)) or text.startswith("---\n")


def markdown_lines(lines: list[str]) -> tuple[list[str], list[LineKind]]:
    """Lines without markdown syntax, and the kind of each line."""
    out: list[str] = []
    kinds: list[LineKind] = []
    in_fence = False
    for raw in lines:
        if raw.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(raw)
            kinds.append(TEXT)
            continue
        if _MD_SETEXT_RE.match(raw) and out and out[-1].strip():
            kinds[-1] = HEADING  # "Title" underlined with === or ---
            continue
        if _MD_RULE_RE.match(raw) or _MD_LINKDEF_RE.match(raw):
            out.append("")
            kinds.append(TEXT)
            continue
        line, kind = raw, TEXT
        heading = _MD_HEADING_RE.match(line)
        if heading:
            line, kind = heading.group(1), HEADING
        line = _MD_QUOTE_RE.sub("", line)
        if _MD_BULLET_RE.match(line):
            line, kind = _MD_BULLET_RE.sub("", line), ITEM
        out.append(_md_inline(line).rstrip())
        kinds.append(kind)
    return out, kinds


_FRONT_MATTER_RE = re.compile(
    r"\A---[ \t]*\n(?P<body>(?:[\w-]+[ \t]*:.*\n|[ \t]*-.*\n|[ \t]*\n)*?)---[ \t]*\n"
)


def front_matter(text: str) -> tuple[dict[str, str], str]:
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

