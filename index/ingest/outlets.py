"""Two outlets' page furniture in plain-text exports (the CNN/Daily Mail texts): the Daily
Mail's "By . Name . PUBLISHED: . ..." opening, read into authors, date and standfirst,
and CNN's "CITY (CNN) --" dateline, dropped before a title is made from the first
sentence."""

from __future__ import annotations

import re

from index.ingest.dates import find_date

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


# The same header after a few bullet points that sum the story up: the bullets are the
# standfirst. The timestamp must follow the byline, so prose mentioning "By ." is safe.
_DM_LATE_HEADER_RE = re.compile(
    r"\s+\.?\s*(?=By \. [^.]{2,60}? \. (?:and [^.]{2,60}? \. )*(?:PUBLISHED|UPDATED): \. )"
)
_MAX_DM_BULLETS_CHARS = 1000


def daily_mail_header(
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



def strip_cnn_dateline(paragraph: str) -> str:
    """The paragraph without a leading "LONDON, England (CNN) --" dateline."""
    return _CNN_DATELINE_RE.sub("", paragraph)
