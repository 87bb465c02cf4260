"""Calendar dates as news pages write them ("12 March 2025", "March 12, 2025", ISO), and
lines that are nothing but a published/updated date: the article's date, never guessed
from prose."""

from __future__ import annotations

import re
from datetime import date

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


def date_line(line: str) -> str | None:
    """The date when line is nothing but a (published/updated) date, else None."""
    if len(line) > 100:
        return None
    found = find_date(line)
    if not found:
        return None
    rest = _DATE_NOISE_RE.sub(" ", _DATE_RE.sub(" ", line)).strip()
    return found if not rest else None

