"""Recognizing paragraphs that are page furniture, not article text.

Blog footers, share and subscribe prompts, "Advertisement", cookie notices, "Read more"
links and copyright lines end up among the paragraphs of both text files and extracted
HTML. Each pattern matches a whole, short paragraph, so a real sentence that merely
contains one of the words ("The minister declined to comment.") is never dropped.
"""

from __future__ import annotations

import logging
import re

from index.sentences import sentence_spans
from index.text import normalize

log = logging.getLogger(__name__)

# Longer than this, a paragraph is article text whatever it starts with.
_MAX_WORDS = 40

_SOCIAL = (
    r"(?:twitter|x|facebook|instagram|linkedin|whatsapp|email|e-mail|reddit|pinterest|tiktok"
    r"|youtube|bluesky|threads|telegram|mastodon)"
)
_SHARE_WORD = rf"(?:share|tweet|email|print|copy link|save|{_SOCIAL})"

# Whole-paragraph patterns that are never article text, wherever they stand.
_STRONG = [
    # Blog and comment footers (Blogger, WordPress).
    r"no comments?\s*:?",
    r"\d+ comments?\s*:?",
    r"post an? comment\.?",
    r"leave a (?:comment|reply)\.?",
    r"(?:note: )?only a member of this blog may post a comment\.?",
    r"newer post(?:\s+older post)?(?:\s+home)?",
    r"older post(?:\s+home)?",
    r"subscribe to:?\s*post comments?(?:\s*\(atom\))?",
    r"post comments?\s*\(atom\)",
    r"(?:email this\s*)?blogthis!?.*",
    r"posted by .{1,60} at \d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?",
    r"labels?:.{0,200}",
    r"(?:comments? (?:are|have been) closed|comments? policy)\.?",
    r"(?:view|show|load|see) (?:all |more )?comments?(?: \(\d+\))?",
    # Share / follow / subscribe prompts.
    r"share(?: (?:this|the))? (?:article|story|page|post|link)(?: (?:on|via|with) .{0,60})?[.!:]?",
    rf"share (?:on|via|to) {_SOCIAL}.*",
    rf"(?:share|tweet|email|print|copy link|save)(?:\s*[|/·,]?\s*{_SHARE_WORD})*",
    rf"follow (?:us|me|@\S+|[\w ]{{1,30}}) on {_SOCIAL}.*",
    rf"(?:like|find) us on {_SOCIAL}.*",
    r"follow @\w+.*",
    r"(?:sign up|subscribe|register)(?: now| today| here)? (?:for|to) (?:our|the|my)? ?.{0,60}"
    r"(?:newsletter|emails?|updates|alerts|digest|briefing|podcast|channel)\b.*",
    r"(?:get|receive) (?:our|the) .{0,40}newsletter.*",
    r"subscribe(?: now| today| here)?[.!]?",
    r"click here to (?:subscribe|sign up|read more|share|follow|comment|download).*",
    # Advertising.
    r"advert(?:isement|isements|ising)?",
    r"ad(?:s|vert)?",
    r"sponsored(?: content| links?)?",
    r"(?:the )?story continues below(?: (?:this )?advertisement)?",
    r"continue reading(?: (?:the )?(?:main story|below|article))?",
    r"scroll (?:down )?to continue(?: with content)?",
    r"skip (?:advert|advertisement|ad)",
    # Related links.
    r"read more\s*(?::|»|>|\.{3}|…|-|–|—).*",
    r"read more",
    r"(?:related|see also|more on this story|more from .{1,40}|most read|recommended|also read"
    r"|read next|more stories|related (?:articles|stories|topics|content))\s*(?::.*)?",
    r"(?:click|tap) here (?:for|to read) .*",
    # Copyright and rights lines.
    r"(?:copyright\s*(?:©|\(c\))?\s*\d{4}|©|\(c\)\s*\d{4}).{0,150}",
    r".{0,120}all rights reserved\.?.{0,60}",
    # Credits and captions that are not prose.
    r"image (?:caption|copyright|source)\b.*",
    r"(?:photo|picture|image|video)(?:graph)?:? (?:credit|courtesy)?:? ?"
    r"(?:getty images|reuters|ap|afp|pa|epa|shutterstock)\.?",
    r"getty images|shutterstock",
    r"(?:back to )?top(?: of page)?",
    r"(?:skip to|jump to) (?:main )?content",
]

# Short lines that are furniture only in the trailing run of a page (e.g. "Home").
_WEAK = [
    r"home",
    r"(?:previous|next)(?: (?:post|article|story|page))?",
    r"tags?:.{0,200}",
    r"topics?:.{0,200}",
    r"filed under:?.{0,200}",
    r"(?:posted|published|updated)(?: on| at)?:? .{1,60}",
    r"about (?:the )?author.{0,80}",
    r"(?:this|the) (?:article|story) (?:was|has been) (?:amended|updated|corrected).{0,120}",
    r"\W*",
]

# Reuters-style credits; case-sensitive so names must be capitalized ("Reporting by the
# BBC showed..." is a sentence, "Reporting by Jane Roe; Editing by Tom Vale" a credit).
_NAME = r"[A-Z][\w'.-]*(?: (?:[A-Z][\w'.-]*|de|van|von|da|al|bin|la|le))*"
_NAMES = rf"{_NAME}(?:(?:, | and | & ){_NAME})*(?: in [A-Z][\w-]*)?"
_CREDIT = rf"(?:(?:Additional )?[Rr]eporting|[Ee]diting|[Ww]riting|[Ee]dited) by {_NAMES}"
_CREDIT_RE = re.compile(rf"\(?{_CREDIT}(?:[;,.]? ?{_CREDIT})*[.)]*")

_STRONG_RE = re.compile(r"(?:" + "|".join(_STRONG) + r")", re.IGNORECASE)
_WEAK_RE = re.compile(r"(?:" + "|".join(_WEAK) + r")", re.IGNORECASE)

_COOKIE_WORDS = ("we use", "this site uses", "this website uses", "uses cookies", "accept",
                 "consent", "cookie policy", "cookie settings", "manage cookies", "privacy")


def _clean(paragraph: str) -> str:
    return " ".join(normalize(paragraph).split()).strip()


def _is_cookie_notice(text: str) -> bool:
    low = text.casefold()
    return "cookie" in low and any(w in low for w in _COOKIE_WORDS)


# A wire dateline opening the body: "(CNN) -- ", "Kabul, Afghanistan (CNN) -- ",
# "LONDON (Reuters) - ", "WASHINGTON, Dec. 8 (UPI) \u2014 ", "NEW YORK -- ". It tells where
# the story was filed, not what happened, and no sentence has it as its subject.
_DATELINE_RE = re.compile(
    r"\A(?:(?:[A-Z][\w.'\u2019-]*(?:[ ,]+[A-Z][\w.'\u2019-]*){0,4},?\s*)?"
    r"\((?:CNN|CNN Business|CNNMoney|Reuters|AP|AFP|UPI|Bloomberg|AP Photo)\)"
    r"(?:\s*(?:--|\u2014|\u2013|-)\s*|\s*(?=[A-Z\"\u201c]))"
    # or a place in capitals, a date, an agency, then a dash
    r"|\s*(?=[A-Z.'\-]*[A-Z]{3})[A-Z][A-Z.'\-]+(?:[ ,]{1,2}[A-Z][A-Z.'\-]*){0,3}"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([A-Za-z .]{2,30}\)\s*)?"
    r"[-\u2013\u2014]{1,2}\s+(?=[A-Z\"\u201c\u2018\x00]))"  # a sentence opens after it
)


def dateline_end(paragraph: str) -> int:
    """Where the text starts after a leading wire dateline ("Kabul (CNN) -- "); 0 if none."""
    m = _DATELINE_RE.match(paragraph)
    return m.end() if m and m.end() < len(paragraph) else 0


def is_boilerplate(paragraph: str) -> bool:
    """True when the whole paragraph is page furniture (footer, share line, advert...)."""
    text = _clean(paragraph)
    if not text:
        return True
    if len(text.split()) > _MAX_WORDS:
        return False
    if _STRONG_RE.fullmatch(text) or _CREDIT_RE.fullmatch(text):
        return True
    return _is_cookie_notice(text)


# Furniture that pages also drop between sentences of a paragraph ("... in 2010. Scroll
# down for video . The club said ..."): matched against whole sentences only.
_INLINE = [
    r"(?:video\s+)?scroll down (?:for|to (?:see|watch|view|read)) .{0,80}",
    r"(?:click|tap) here (?:for|to) .{0,80}",
    r"read more\s*:.{0,100}",
    r"advert(?:isement)?",
]
_INLINE_RE = re.compile(r"(?:" + "|".join(_INLINE) + r")", re.IGNORECASE)


def strip_inline_furniture(paragraph: str) -> str:
    """paragraph without sentences that are page furniture ("Scroll down for video .")."""
    spans = sentence_spans(paragraph)
    if len(spans) < 2:
        return paragraph
    kept = [
        (a, b) for a, b in spans
        if not _INLINE_RE.fullmatch(_clean(paragraph[a:b]).rstrip(" .!:"))
    ]
    if len(kept) == len(spans):
        return paragraph
    log.debug("dropped %d furniture sentences", len(spans) - len(kept))
    return " ".join(paragraph[a:b] for a, b in kept)


def _is_weak(paragraph: str) -> bool:
    text = _clean(paragraph)
    return len(text.split()) <= 12 and _WEAK_RE.fullmatch(text) is not None


def strip_boilerplate(paragraphs: list[str]) -> list[str]:
    """Paragraphs without furniture: the trailing footer run and isolated matches anywhere.

    The trailing run also takes weak lines ("Home", "Tags: ...") that would be too risky to
    drop in the middle of an article.
    """
    end = len(paragraphs)
    while end > 0 and (is_boilerplate(paragraphs[end - 1]) or _is_weak(paragraphs[end - 1])):
        end -= 1
    kept = [strip_inline_furniture(p) for p in paragraphs[:end] if not is_boilerplate(p)]
    dropped = len(paragraphs) - len(kept)
    if dropped:
        log.debug("dropped %d boilerplate paragraphs", dropped)
    return kept
