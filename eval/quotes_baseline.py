"""The naive quote extractor the issue compares against, printed beside ours.

Quote marks only (“…”, "…", ''…''), the speaker is the capitalised word right next to
the nearest "said", and "he"/"she" next to "said" means the previous speaker. It
exists to show what the real extractor adds; nothing in index/ uses it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.models import Quote

_QUOTE = re.compile(r"\u201c([^\u201d]+)\u201d|\"([^\"]+)\"|''(.+?)''")
_SAID = re.compile(r"\bsaid\b")
_NEXT_TO = re.compile(
    r"([A-Z][\w\u2019'.-]*|he|she|He|She)\s+said\b|\bsaid\s+([A-Z][\w.-]*|he|she)"
)


def naive_quotes(paragraphs: Sequence[str]) -> list[Quote]:
    """Every marked span, credited to the capitalised word next to the nearest 'said'."""
    out: list[Quote] = []
    previous: str | None = None
    for n, text in enumerate(paragraphs, start=1):
        cues = [(m.start(), m.group(1) or m.group(2)) for m in _NEXT_TO.finditer(text)]
        for m in _QUOTE.finditer(text):
            body = next(g for g in m.groups() if g is not None).strip()
            if not body:
                continue
            speaker: str | None = None
            if cues:
                _, word = min(cues, key=lambda c: min(abs(c[0] - m.start()), abs(c[0] - m.end())))
                word = word.strip(".,")
                if word.lower() in ("he", "she"):
                    speaker = previous
                else:
                    speaker = word
                    previous = word
            out.append(Quote(text=body, paragraph=n, speaker=speaker, start=m.start() + 1))
    return out
