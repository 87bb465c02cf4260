"""What kind of answer a question wants (a place, a time, a duration, a number, a person)
and whether a sentence holds one: a lexical question answerer's strongest extra signal.

"Where were the talks held?" shares "held" with a sentence about a future meeting and
only "talks" with "…another round of talks in Geneva"; knowing that the question wants a
place, and that "in Geneva" is one, ranks the right paragraph first.
"""

from __future__ import annotations

import re
from enum import Enum

NEAR = 40  # characters between a question word and the answer it should stand beside
PLACE_REACH = 20  # a place answer follows its word within this many characters


class AnswerType(Enum):
    PLACE = "place"
    TIME = "time"
    DURATION = "duration"
    NUMBER = "number"
    PERSON = "person"


_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November"
           "|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
                 "|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|several"
                 "|few|many")
_UNITS = "second|minute|hour|day|night|week|month|year|decade|century|centuries"
# Nouns whose answer in news is a figure: "what stake does he own?", "what was the
# score?", "what is the new fee?" ask for a number as much as "how much" does.
_QUANTITY_NOUNS = (
    "number|numbers|percentage|proportion|share|stake|amount|sum|total|figure|figures|price"
    "|prices|cost|costs|fee|fees|salary|wage|wages|pay|rate|score|scoreline|margin|majority"
    "|turnout|profit|profits|loss|losses|deficit|debt|revenue|revenues|sales|turnover|growth"
    "|fine|budget|tax|attendance|reading|valuation|value|dividend|earnings|income|spending"
    "|population|capacity|age|distance|weight|speed|size|bid|tally|count|odds|ratio"
)

_QUESTION_TYPES: list[tuple[re.Pattern[str], AnswerType]] = [
    (re.compile(r"^\s*how\s+long\b", re.I), AnswerType.DURATION),
    (re.compile(r"^\s*(?:how\s+(?:many|much|far|old|big|large|fast|high|heavy|tall|deep)"
                rf"|(?:what|which)(?:\s+(?:is|was|were|are|will\s+be))?(?:\s+the)?(?:\s+\w+)?\s+"
                rf"(?:{_QUANTITY_NOUNS})\b)", re.I),
     AnswerType.NUMBER),
    (re.compile(r"^\s*(?:when\b|(?:in\s+)?(?:what|which)\s+(?:year|month|day|date|time|"
                r"century|decade)\b|by\s+when\b)", re.I), AnswerType.TIME),
    (re.compile(r"^\s*(?:where\b|(?:in\s+|at\s+|from\s+)?(?:what|which)\s+(?:city|country|"
                r"town|place|capital|state|region|venue|location|nation)\b)", re.I),
     AnswerType.PLACE),
    (re.compile(r"^\s*(?:who|whom|whose)\b", re.I), AnswerType.PERSON),
]

_SENTENCE_TYPES: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.PLACE: re.compile(
        r"\b(?:in|at|from|near|outside|inside|across|to)\s+(?:the\s+)?"
        rf"(?!(?:{_MONTHS}|{_DAYS})\b)[A-Z][\w'\-]+"
    ),
    AnswerType.TIME: re.compile(
        rf"\b(?:{_MONTHS}|{_DAYS})\b|\b1\d{{3}}\b|\b20\d{{2}}\b|\b(?:today|tomorrow|yesterday|"
        r"tonight|soon|later|earlier|recently|ago)\b|\b(?:next|last|this|coming|previous)\s+"
        rf"(?:week|month|year|weekend|time|decade|{_DAYS.lower()})\b|\bnear\s+future\b|"
        r"\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\bo'clock\b|\bcentury\b",
        re.I,
    ),
    AnswerType.DURATION: re.compile(
        rf"\b(?:\d+(?:\.\d+)?|{_NUMBER_WORDS}|a|an)[\s\-]+(?:{_UNITS})s?\b|"
        r"\b(?:hours?|days?|weeks?|months?|years?)[\s\-]long\b|\bovernight\b",
        re.I,
    ),
    # a bare year ("in late 2003") is when something happened, not how many or how much
    AnswerType.NUMBER: re.compile(
        rf"(?<![\w.,])(?!(?:1[5-9]|20)\d\d\b(?![%.,]\d|%))\d|\b(?:{_NUMBER_WORDS})\b|%"
        r"|\bper\s?cent\b", re.I),
    AnswerType.PERSON: re.compile(
        r"(?<![.!?]\s)(?<!^)\b(?:Mr|Mrs|Ms|Dr|President|Minister|Secretary|Chancellor)\.?\s+"
        r"[A-Z]\w+|\b[A-Z][a-z]+\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:said|told|says|added)\b"
        r"|\b[a-z]\w*\s+[A-Z][a-z]+\s+[A-Z][a-z]+\b"
    ),
}


def expected_type(question: str) -> AnswerType | None:
    """The kind of answer the question's opening asks for, if it says."""
    for pattern, kind in _QUESTION_TYPES:
        if pattern.search(question):
            return kind
    return None


def holds(sentence: str, kind: AnswerType) -> bool:
    """Whether the sentence contains something of that kind."""
    return bool(_SENTENCE_TYPES[kind].search(sentence))


def holds_near(sentence: str, kind: AnswerType, anchors: list[int]) -> bool:
    """Whether something of that kind stands next to an anchor (the offset of a question
    word in the sentence): answers sit beside what was asked. A place must follow the
    word closely ("talks in Geneva"); other kinds may stand on either side."""
    for m in _SENTENCE_TYPES[kind].finditer(sentence):
        for a in anchors:
            if kind is AnswerType.PLACE:
                if 0 < m.start() - a <= PLACE_REACH:
                    return True
            elif m.start() - NEAR <= a <= m.end() + NEAR:
                return True
    return False
