"""Text normalization and the ONE tokenizer used for paragraphs and questions alike.

Both sides of a search must see the same tokens, so every caller goes through
`tokenize` (or `analyze` when it also needs the words as typed).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from index.errors import QuestionError

# Punctuation that news text writes in several ways, folded to one ASCII form.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u02bc": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
        "\u00bb": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
        "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
    }
)

STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further had hadn't has hasn't have
    haven't having he he'd he'll he's her here here's hers herself him himself his how how's
    i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my
    myself no nor not of off on once only or other ought our ours ourselves out over own same
    shan't she she'd she'll she's should shouldn't so some such than that that's the their
    theirs them themselves then there there's these they they'd they'll they're they've this
    those through to too under until up very was wasn't we we'd we'll we're we've were weren't
    what what's when when's where where's which while who who's whom why why's with won't
    would wouldn't you you'd you'll you're you've your yours yourself yourselves
    also just will shall may might must would us yes s t whose whats many much
    """.split()
)

# A dotted acronym (U.S., U.K., a.m.), a word with inner apostrophes or hyphens, or a number.
_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S.  e.g.
    r"|\d+(?:[.,]\d+)+[^\W_]*"  # 2.5, 10,000, 10.9bn
    r"|[^\W_]+(?:['\-][^\W_]+)*"
)

_stemmer = Stemmer.Stemmer("english")

# Irregular verb forms the stemmer cannot see are the same word ("talks broke down" answers
# "when did the talks break down?"). Forms that are also other words ("left", "lay",
# "found" as in founded, "saw" the tool) are left alone.
_IRREGULAR: dict[str, str] = {
    form: base
    for base, forms in {
        "say": "said says", "tell": "told", "break": "broke broken", "hold": "held",
        "take": "took taken", "go": "went gone", "come": "came", "give": "gave given",
        "make": "made", "win": "won", "lose": "lost", "fall": "fell fallen",
        "rise": "rose risen", "begin": "began begun", "bring": "brought", "buy": "bought",
        "sell": "sold", "pay": "paid", "meet": "met", "think": "thought", "keep": "kept",
        "lead": "led", "run": "ran", "see": "seen", "speak": "spoke spoken",
        "write": "wrote written", "strike": "struck", "fight": "fought", "freeze": "froze frozen",
        "grow": "grew grown", "know": "knew known", "drive": "drove driven",
        "choose": "chose chosen", "send": "sent", "spend": "spent", "build": "built",
        "stand": "stood", "seek": "sought", "teach": "taught", "catch": "caught",
        "throw": "threw thrown", "fly": "flew flown", "forget": "forgot forgotten",
        "become": "became", "feel": "felt", "hear": "heard", "mean": "meant",
        "sing": "sang sung", "swim": "swam swum", "steal": "stole stolen", "wake": "woke woken",
        "eat": "ate eaten", "draw": "drew drawn", "shake": "shook shaken", "ride": "rode ridden",
        "hide": "hid hidden", "sink": "sank sunk", "shrink": "shrank shrunk",
        "tear": "tore torn", "wear": "wore worn", "swear": "swore sworn", "bear": "bore borne",
        "undertake": "undertook undertaken", "withdraw": "withdrew withdrawn",
        "overtake": "overtook overtaken", "arise": "arose arisen", "forbid": "forbade forbidden",
        "forgive": "forgave forgiven", "mislead": "misled", "oversee": "oversaw overseen",
        "sweep": "swept", "sleep": "slept", "weep": "wept", "creep": "crept", "deal": "dealt",
        "dig": "dug", "feed": "fed", "flee": "fled", "lend": "lent", "light": "lit",
        "shoot": "shot", "slide": "slid", "spin": "spun", "stick": "stuck", "sting": "stung",
        "strive": "strove striven", "swing": "swung", "bleed": "bled",
        "breed": "bred", "cling": "clung", "hang": "hung", "kneel": "knelt",
        "leap": "leapt", "shine": "shone", "slay": "slew slain", "speed": "sped",
        "spill": "spilt", "spring": "sprang sprung",
        "stink": "stank stunk", "stride": "strode", "string": "strung", "sow": "sown",
        "swell": "swollen", "tread": "trod trodden", "weave": "wove woven",
        "wring": "wrung",
    }.items()
    for form in forms.split()
}
_AGENT_NOUN = re.compile(r"[a-z]{4}ators?$")


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """text with lone surrogates (which a JSON escape or a Discord form can carry, and
    which UTF-8, SQLite and hashing refuse) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


# Characters that draw nothing: zero-width space and joiners, word joiner and invisible
# operators, BOM, soft hyphen, Mongolian vowel separator, bidirectional marks, embeddings
# and isolates. Typed inside a word they make it a different string that looks the same.
_INVISIBLE_RE = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# C0 and C1 controls other than the whitespace ones (tab, newline...): escape, bell,
# backspace and the like, which a terminal obeys instead of showing.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def clean_input(text: str | None, what: str | None = None) -> str:
    """Text from outside (a question, a name, a title, a byline) as newsdesk reads it:
    NFC, lone surrogates replaced, invisible characters removed, whitespace runs folded.

    Control characters (escape, bell...) are refused with a QuestionError naming `what`
    when it is given (typed input: echoed back, they would drive the user's terminal);
    without `what` (a file's title or byline) they read as spaces.
    """
    if text is None:
        return ""
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", scrub(text)))
    control = _CONTROL_RE.search(text)
    if control is not None:
        if what is not None:
            raise QuestionError(
                f"the {what} contains a control character (U+{ord(control.group()):04X}); "
                "type it again without it"
            )
        text = _CONTROL_RE.sub(" ", text)
    return " ".join(text.split())


def normalize(text: str) -> str:
    """NFKC, one form of quotes, dashes and spaces, no zero-width characters."""
    return unicodedata.normalize("NFKC", scrub(text)).translate(_FOLD)


def fold_accents(word: str) -> str:
    """Drop combining marks so 'Zelenskyy' and 'Zelénskyy' compare equal."""
    if word.isascii():  # nothing to decompose: ASCII is its own NFKD form
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Word:
    """A word as typed and the index terms it yields (none for a stopword)."""

    surface: str
    terms: tuple[str, ...]


@lru_cache(maxsize=200_000)
def _terms_of(raw: str) -> tuple[str, ...]:
    word = fold_accents(raw.casefold())
    if word[0].isdigit() and ("." in word or "," in word):  # 10,000 -> 10000; 2.5 kept
        return (word.replace(",", ""),)
    if "." in word:  # dotted acronym: U.S. -> "u.s", kept apart from the pronoun "us"
        return (word.strip("."),)
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'")
    if not word or word in STOPWORDS or word.replace("'", "") in STOPWORDS:
        return ()
    parts = [p for p in word.split("-") if p] if "-" in word else [word]
    out: list[str] = []
    for part in parts:
        part = part.replace("'", "")
        if not part or part in STOPWORDS:
            continue
        if part.isdigit() or len(part) == 1 and not part.isalnum():
            out.append(part)
        elif part in _IRREGULAR:
            out.append(_stemmer.stemWord(_IRREGULAR[part]))
        elif _AGENT_NOUN.search(part):
            # Snowball folds "negotiator" into "negotiation"; a person is not an event.
            out.append(part[:-1] if part.endswith("s") else part)
        else:
            out.append(_stemmer.stemWord(part))
    return tuple(out)


FORM_PREFIX = "="  # marks an exact word form, so it never collides with a stem


@lru_cache(maxsize=200_000)
def form_of(raw: str) -> str:
    """A word's exact form: case, accents and possessive folded, nothing stemmed.
    Names are checked by form: the stem of "Truss" is also the stem of "trusses"."""
    word = fold_accents(raw.casefold())
    if word.endswith("'s"):
        word = word[:-2]
    return FORM_PREFIX + word.strip("'.")


def word_forms(text: str) -> list[str]:
    """The distinct exact forms of text's words (a hyphenated word: whole and parts)."""
    return analyze(text)[1]


def analyze(text: str) -> tuple[list[str], list[str]]:
    """tokenize(text) and word_forms(text) in one pass, for indexing a paragraph."""
    terms: list[str] = []
    forms: dict[str, None] = {}
    for m in _TOKEN_RE.finditer(normalize(text)):
        raw = m.group(0)
        found = _terms_of(raw)
        if not found:
            continue  # stopwords are never names
        terms.extend(found)
        forms[form_of(raw)] = None
        if "-" in raw:
            for part in raw.split("-"):
                if part:
                    forms[form_of(part)] = None
    return terms, list(forms)


def words(text: str) -> list[Word]:
    """Every word of text in order, with its index terms."""
    return [Word(m.group(0), _terms_of(m.group(0))) for m in _TOKEN_RE.finditer(normalize(text))]


def term_spans(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, terms) of every word of text, offsets into text as given.

    normalize() maps one character to one except for NFKC expansions, which are rare in
    news text; offsets are then approximate but never out of range."""
    folded = normalize(text)
    limit = len(text)
    return [(min(m.start(), limit), min(m.end(), limit), _terms_of(m.group(0)))
            for m in _TOKEN_RE.finditer(folded)]


def tokenize(text: str) -> list[str]:
    """Index terms of text, in order, repeats kept (BM25 counts them)."""
    out: list[str] = []
    for m in _TOKEN_RE.finditer(normalize(text)):
        out.extend(_terms_of(m.group(0)))
    return out


def normalize_body(paragraphs: list[str] | tuple[str, ...]) -> str:
    """The form two copies of one article share: case, spacing and quote styles folded."""
    joined = "\n".join(" ".join(normalize(p).split()) for p in paragraphs)
    return joined.casefold()
