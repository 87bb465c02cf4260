"""Bylines: the authors (and a date written beside them) from a "By ..." line or a
metadata field, told apart from a line of prose that merely starts with "By"."""

from __future__ import annotations

import re

from index.ingest.dates import find_date
from index.lexicon import BYLINE_PARTICLES, BYLINE_ROLE_WORDS

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

