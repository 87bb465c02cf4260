"""Look quotes up by person, not by string.

`speaker_key` folds case, accents, courtesy titles and common transliteration endings
(Zelensky / Zelenskyy / Zelenskiy / Zelenskii) so one person is one key. A query
matches a speaker by full name, by surname, or as "Mr Surname"; a bare surname quoted
in one article and the full name in another are the same speaker.

Counting (`speaker_counts`): named speakers are merged by person and listed first,
most quoted first; unnamed sources are grouped by their description after them, so a
summary can say "a council spokesman (1)" without crediting anyone.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Sequence
from functools import lru_cache

from index.errors import QuestionError
from index.lexicon import FEMALE_COURTESY, LOOKUP_TITLES, MALE_COURTESY, SUFFIXES
from index.models import Quote, SpeakerCount
from index.quotes.names import gender_of
from index.text import clean_input, fold_accents, normalize, words

logger = logging.getLogger(__name__)

MAX_QUERY = 200

_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")


_TRANSLIT = (
    (re.compile(r"(?:ij|iy|yy|yi|ii)$"), "y"),
    (re.compile(r"sk[iy]$"), "sky"),
    (re.compile(r"(?<=[aeiou])j(?=[aeiou])"), "y"),  # Sergej / Sergey
)


def _fold_token(token: str) -> str:
    t = fold_accents(token.casefold()).replace("'", "").replace("-", "")
    for pattern, replacement in _TRANSLIT:
        t = pattern.sub(replacement, t)
    return t


def _tokens(name: str) -> list[str]:
    """A name's folded words without titles: the unit people are compared by."""
    return list(_name_tokens(name))


@lru_cache(maxsize=65536)
def _name_tokens(name: str) -> tuple[str, ...]:
    toks = [_fold_token(t) for t in _WORD.findall(normalize(name))]
    toks = [t for t in toks if t]
    while len(toks) > 1 and toks[0] in LOOKUP_TITLES:
        toks = toks[1:]
    if len(toks) > 1 and toks[-1] in SUFFIXES:
        toks = toks[:-1]
    return tuple(toks)


def speaker_key(name: str) -> str:
    """One folded form per person: case, accents, titles and transliteration folded."""
    return " ".join(_tokens(name))


def validate_speaker_query(query: str) -> str:
    """The query stripped, or QuestionError saying what is wrong with it."""
    q = clean_input(query, "speaker name")
    if not q:
        raise QuestionError("Give a speaker's name, for example: quotes Zelenskyy.")
    if len(q) > MAX_QUERY:
        raise QuestionError(
            f"A speaker's name is at most {MAX_QUERY} characters; this one has {len(q)}."
        )
    if not any(ch.isalnum() for ch in q):
        raise QuestionError("A speaker's name needs letters, not only punctuation.")
    if len(q) == 1:
        raise QuestionError("One character is not a name; give at least a surname.")
    return q


def _same_person(query: list[str], speaker: list[str]) -> bool:
    """Does a query (full name, surname or first name) name this speaker?"""
    if not query or not speaker:
        return False
    if query == speaker:
        return True
    if query[-1] != speaker[-1]:
        return False
    if len(query) == 1 or len(speaker) == 1:
        return True
    # both give first names: they must agree (an initial agrees with its name)
    qf, sf = query[0], speaker[0]
    return qf == sf or (len(qf) == 1 and sf.startswith(qf)) or (len(sf) == 1 and qf.startswith(sf))


def match_quotes(query: str, quotes: Sequence[Quote]) -> list[Quote]:
    """Quotes whose speaker is the person the query names, in the given order."""
    q = _tokens(validate_speaker_query(query))
    if not q:
        return []
    named = [x for x in quotes if x.speaker]
    canon = _canonical(named)  # a bare surname stands for the full name quoted elsewhere
    names = {x.speaker for x in named if x.speaker}  # each person judged once, not per quote
    wanted = {n for n in names
              if any(_same_person(q, _tokens(form)) for form in _forms(canon.get(n, n)))}
    wanted = {n for n in wanted if _gender_agrees(query, canon.get(n, n))}
    if not wanted and len(q) == 1:
        # a lone first name ("Hillary") when nobody has it as a surname
        wanted = {n for n in names if len(_tokens(n)) > 1 and _tokens(n)[0] == q[0]}
    return [x for x in named if x.speaker in wanted]


_ACRONYM_TAIL = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[A-Z]{2,6})\)$")


def _gender_agrees(query: str, speaker: str) -> bool:
    """ "Mr Jackson" never finds Katherine Jackson, nor "Mrs Vane" Tom Vane."""
    first = query.split()[0].rstrip(".").casefold()
    if first not in FEMALE_COURTESY and first not in MALE_COURTESY:
        return True
    words = speaker.split()
    if len(words) < 2:
        return True
    gender = gender_of(speaker, None)
    return gender is None or gender == ("f" if first in FEMALE_COURTESY else "m")


def _forms(name: str) -> tuple[str, ...]:
    """A speaker's names: "Institute for Supply Management (ISM)" is found by either, and
    "Peter Brabeck-Letmathe" by his whole surname or by either half of it, as news shortens
    a double-barrelled name ("Mr Brabeck")."""
    m = _ACRONYM_TAIL.match(name)
    if m:
        return (m.group("name"), m.group("acronym"))
    words = name.split()
    halves = [h for h in words[-1].split("-") if h[:1].isupper() and len(h) > 2] \
        if len(words) > 1 and "-" in words[-1] else []
    if len(halves) < 2:
        return (name,)
    return (name, *(" ".join([*words[:-1], half]) for half in halves))


def suggest_speakers(query: str, names: Sequence[str], limit: int = 3) -> list[str]:
    """Known speakers whose name is close to the query ("did you mean")."""
    q = speaker_key(query)
    if not q or limit <= 0:
        return []
    scored: dict[str, tuple[float, str]] = {}
    for name in names:
        key = speaker_key(name)
        if not key:
            continue
        parts = key.split()
        score = max(
            difflib.SequenceMatcher(None, q, key).ratio(),
            difflib.SequenceMatcher(None, q, parts[-1]).ratio(),
            difflib.SequenceMatcher(None, q.split()[-1], parts[-1]).ratio() - 0.05,
        )
        if key == q or name.casefold() == query.casefold():
            continue  # the query itself would match already: never "did you mean" it
        if score >= 0.72 and (key not in scored or scored[key][0] < score):
            scored[key] = (score, name)
    ranked = sorted(scored.values(), key=lambda s: (-s[0], s[1]))
    return [name for _, name in ranked[:limit]]


def _canonical(quotes: Sequence[Quote]) -> dict[str, str]:
    """Speaker as written -> the fullest name of that person among the quotes."""
    names = sorted({q.speaker for q in quotes if q.speaker}, key=lambda n: (-len(_tokens(n)), n))
    canon: dict[str, str] = {}
    # _same_person needs the same surname, so only names ending alike are compared:
    # linear instead of quadratic (1.9 s for the 3,500 speakers of Reuters-21578).
    fulls: dict[str, list[tuple[list[str], str]]] = {}
    for name in names:
        toks = _tokens(name)
        alike = fulls.get(toks[-1], []) if toks else []
        target = next((full for ftoks, full in alike if _same_person(toks, ftoks)), None)
        if target is None:
            if toks:
                fulls.setdefault(toks[-1], []).append((toks, name))
            target = name
        canon[name] = target
    return canon


def speaker_counts(quotes: Sequence[Quote]) -> list[SpeakerCount]:
    """Quotes per person (named first, most quoted first), then unnamed sources by description."""
    canon = _canonical(quotes)
    named: dict[str, list[Quote]] = {}
    unnamed: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.speaker:
            named.setdefault(canon[q.speaker], []).append(q)
        elif q.description:
            unnamed.setdefault(" ".join(q.description.casefold().split()), []).append(q)

    def count(name: str, qs: list[Quote]) -> SpeakerCount:
        roles = tuple(dict.fromkeys(q.role for q in qs if q.role))
        return SpeakerCount(name, len(qs), roles, len({q.article_id for q in qs}))

    out = sorted((count(n, qs) for n, qs in named.items()), key=lambda c: (-c.quotes, c.name))
    out += sorted(
        (count(qs[0].description or d, qs) for d, qs in unnamed.items()),
        key=lambda c: (-c.quotes, c.name),
    )
    return out


def _fold_text(text: str) -> str:
    return " ".join(fold_accents(normalize(text).casefold()).replace('"', " ").split())


def quotes_containing(words_: str, quotes: Sequence[Quote]) -> list[Quote]:
    """Quotes holding the phrase (case, accents and quote styles folded), then those with all
    its words."""
    phrase = " ".join(_WORD.findall(_fold_text(words_)))
    if not phrase:
        raise QuestionError("Give some words of the quote to look for.")
    terms = {t for w in words(words_) for t in w.terms}
    plain = [(q, " ".join(_WORD.findall(_fold_text(q.text)))) for q in quotes]
    exact = [q for q, t in plain if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", t)]
    seen = {id(q) for q in exact}
    rest: list[Quote] = []
    if terms:
        for q, _ in plain:
            if id(q) in seen:
                continue
            have = {t for w in words(q.text) for t in w.terms}
            if terms <= have:
                rest.append(q)
    return exact + rest


def described_as(description: str, quotes: Sequence[Quote]) -> list[Quote]:
    """Unnamed sources' quotes whose description is this one (case and spacing folded):
    what `speaker_counts` groups under "a council spokesman" is found by those words."""
    wanted = " ".join(description.casefold().split())
    return [q for q in quotes if not q.speaker and q.description
            and " ".join(q.description.casefold().split()) == wanted]


def closest_quotes(words_: str, quotes: Sequence[Quote], limit: int = 3) -> list[Quote]:
    """When no quote holds all of words_: those holding the most of its key words (at
    least half of them), most first, in stored order among equals."""
    terms = {t for w in words(words_) for t in w.terms}
    if not terms or limit <= 0:
        return []
    need = (len(terms) + 1) // 2
    scored: list[tuple[int, int, Quote]] = []
    for i, q in enumerate(quotes):
        shared = len(terms & {t for w in words(q.text) for t in w.terms})
        if shared >= need:
            scored.append((-shared, i, q))
    scored.sort(key=lambda s: (s[0], s[1]))
    return [q for _, _, q in scored[:limit]]


_QUESTION_PATTERNS = [
    re.compile(
        r"^(?:what|which|how)\s+(?:did|does|do|has|have|had|is|was)\s+(?P<who>.+?)\s+"
        r"(?:say|said|saying|tell|told|think|thought|comment|commented|claim|claimed|"
        r"mean|meant|argue|argued|write|wrote|have to say)\b(?P<rest>.*)$",
        re.IGNORECASE,
    ),
    re.compile(r"^did\s+(?P<who>.+?)\s+(?:say|comment|talk|speak)\b(?P<rest>.*)$", re.IGNORECASE),
    re.compile(
        r"^(?:(?:show|list|give|find)(?:\s+me)?\s+)?(?:the\s+)?(?P<who>.+?)(?:'s)?\s+"
        r"(?:quotes?|remarks?|comments?|statements?)\b(?P<rest>.*)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:(?:show|list|give|find)(?:\s+me)?\s+)?(?:the\s+)?(?:quotes?|remarks?|comments?|statements?)"
        r"\s+(?:from|by)\s+(?P<who>.+?)(?P<rest>\s+(?:about|on|regarding|concerning)\b.*)?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:what|who)\s+(?:is|was)\s+(?P<who>.+?)\s+quoted\s+(?:as\s+)?saying\b(?P<rest>.*)$",
        re.IGNORECASE,
    ),
]
_REST_LEAD = re.compile(
    r"^(?:\s*(?:about|on|of|regarding|concerning|when it comes to|in|to)\b)+", re.IGNORECASE
)


def speaker_question(question: str, known_speakers: Sequence[str]) -> tuple[str, str] | None:
    """(speaker as known, rest of the question) when the question asks what a known speaker said."""
    q = " ".join(normalize(question or "").split()).strip()
    q = q.rstrip("?!. ")
    if not q or len(q) > 500:
        return None
    for pattern in _QUESTION_PATTERNS:
        m = pattern.match(q)
        if not m:
            continue
        who = m.group("who").strip(" ,")
        who_toks = _tokens(who)
        if not who_toks or len(who_toks) > 5:
            continue
        known = [n for n in known_speakers if _same_person(who_toks, _tokens(n))]
        if not known:
            continue
        best = max(known, key=lambda n: (len(_tokens(n)), n))
        rest = _REST_LEAD.sub("", m.group("rest") or "").strip(" ,")
        return best, rest
    return None
