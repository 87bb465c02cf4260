"""People's names in news text: split titles from names, resolve surnames, guess gender.

A source phrase such as "Putin's negotiator Vladimir Medinsky" or "Ukrainian Security
and Defense Council Secretary Rustem Umerov" is read as role + name; a phrase whose
head is a common noun ("a Downing Street spokesman", "Clinton's campaign") is a
description and names nobody. `NameBook` remembers the full names an article gives so
"Mr. Trump", "Trump" and "he" can be resolved to the person the article introduced.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Literal

import gender_guesser.detector

from index.lexicon import (
    COURTESY,
    DEMONYM_NOUNS,
    DEMONYMS,
    FEMALE_FIRST,
    FEMALE_TITLES,
    GROUP_NOUNS,
    KIN_NOUNS,
    MALE_FIRST,
    MALE_TITLES,
    MEDIUM_NOUNS,
    ORG_LINKS,
    ORG_WORDS,
    OWNED_TEXTS,
    PARTICLES,
    PARTY_IDEOLOGIES,
    PARTY_MEMBERS,
    PERSON_NOUNS,
    PRONOUNS,
    STOP_CAPS,
    SUFFIXES,
    TITLE_WORDS,
    UNISEX_FIRST,
)
from index.quotes.english import (
    is_adverb,
    is_english_word,
    is_noun,
    is_plain_word,
    is_plural_noun,
    is_verb_form,
    is_verb_only,
    singular_of,
)
from index.text import fold_accents

_TOKEN = re.compile(r"[^\s]+")


@functools.lru_cache(maxsize=65536)
def bare(token: str) -> str:
    """A token casefolded with its edge punctuation and possessive removed."""
    t = token.strip(".,;:!?()[]{}\"'\u201c\u201d\u2018\u2019\x00")
    t = re.sub(r"['\u2019]s$", "", t)
    return fold_accents(t.casefold())


def is_capitalised(token: str) -> bool:
    """ "Vane", "Émile", a letter of a script without case; and a brand with a capital
    inside ("eBay", "iTunes", "easyJet"), which is written that way wherever it stands."""
    t = token.lstrip("(\"'\u201c\u2018")
    if not t:
        return False
    first = t[0]
    if first.islower():  # most words: a brand only when a capital stands inside
        return not t.islower() and _INNER_CAPITAL.match(t) is not None
    return first.isupper() or first.isalpha()


# "eBay", "iTunes", "easyJet": lower case, then a capital inside one word of letters
_INNER_CAPITAL = re.compile(r"[a-z]{1,5}[A-Z][a-z]+(?:['\u2019]s)?[.,;:!?)]*$")


def is_possessive(token: str) -> bool:
    t = token.rstrip(".,;:!?)\x00")
    return t.endswith(("'s", "\u2019s", "s'", "s\u2019"))


def is_title(token: str) -> bool:
    if token.rstrip(",") == "Del.":
        return True  # Delegate; lower-case "del" is a particle ("Guillermo del Toro")
    word = bare(token).rstrip(".")
    return word in TITLE_WORDS or (
        "-" in word and all(part in TITLE_WORDS for part in word.split("-"))
    )


# Capitalised common words the article being read uses as a surname ("Ian Read", "Al
# From"): names there, and only there (set by `article_words` around one article)
_ARTICLE_SURNAMES: ContextVar[frozenset[str]] = ContextVar("article_surnames", default=frozenset())
# Capitalised plain words the article being read writes only at sentence starts
# ("Prosecutors", "Anger"): never names there (set by `article_words` with `plain_words_in`)
_ARTICLE_PLAIN: ContextVar[frozenset[str]] = ContextVar("article_plain", default=frozenset())
# a known first name, one space, a capitalised word: "Ian Read said", "Al From's book"
_GIVEN_THEN_WORD = re.compile(
    r"(?<![\w.'\u2019-])([A-Z][a-z]+) ([A-Z][a-z]+)(?=[\s,;:]|['\u2019]s\b|\.(?:\s|$))"
)


# words that point or join, never a family name ("Take That", "Tom And Jerry")
_NEVER_SURNAMES = frozenset(
    "the a an and or but nor if of to in on at by this that these those it its he she they we i"
    " you his her their our my your who what which there here not no so as".split()
)


def stop_cap(word: str) -> bool:
    """Is a bare word a capitalised common word ("From", "Read") and not a name here?"""
    return word in STOP_CAPS and word not in _ARTICLE_SURNAMES.get()


def surnames_in(paragraphs: Sequence[str]) -> frozenset[str]:
    """The common words an article writes after a known first name ("Ian Read"): a word in
    that place, capitalised mid-sentence, is the person's surname."""
    found: set[str] = set()
    for text in paragraphs:
        for m in _GIVEN_THEN_WORD.finditer(text):
            word = bare(m.group(2))
            given = m.group(1)
            if (word in STOP_CAPS and word not in _NEVER_SURNAMES and is_given_name(given)
                    and bare(given) not in STOP_CAPS):
                found.add(word)
    return frozenset(found)


# a word capitalised as a name is ("Judges", "Vane"): an upper-case letter, then lower case
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]+")
# lower-case words inside a name: "Bank of England", "Friends of the Earth", "Van der Berg"
_NAME_JOINERS = ORG_LINKS | PARTICLES | {"the"}
# words other readers already know: titles, bodies, peoples, parties, and the pronouns and
# function words (STOP_CAPS) the lexicon also files as nouns ("they", "what")
_NOT_PLAIN = (TITLE_WORDS | ORG_WORDS | DEMONYMS | DEMONYM_NOUNS | PARTY_MEMBERS | STOP_CAPS
              | PRONOUNS)


def plain_words_in(paragraphs: Sequence[str]) -> frozenset[str]:
    """The capitalised words an article writes only because they open a sentence
    ("Prosecutors told the court", "Anger grew"), standing alone, never capitalised
    anywhere else, and plain English words in the lexicon: no name here, whatever the
    subject of a cue looks like. A word the article also capitalises mid-sentence
    ("Gordon Brown"), or that opens a longer name ("Bank of England officials"), stays a
    possible name."""
    opening: set[str] = set()
    named: set[str] = set()
    for text in paragraphs:
        tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(text)]
        for i, (start, token) in enumerate(tokens):
            lead = len(token) - len(token.lstrip("(\"'\u201c\u2018"))
            m = _CAPITALISED_WORD.match(token, lead)
            if not m or token[m.end():m.end() + 1].isalnum() or token[m.end():m.end() + 1] == "-":
                continue  # lower case, "McDonald", "Anti-abortion", "Radio1"
            word = m.group(0).lower()
            if (not opens_sentence(text, start + lead) or _after_abbreviation(tokens, i)
                    or token.endswith(":")  # a transcript's label, "Vale: ..."
                    or _opens_longer_name(tokens, i) or _singular_subject(tokens, i, word)):
                named.add(word)
            else:
                opening.add(word)
    return frozenset(
        w for w in opening - named
        if w not in _NOT_PLAIN and is_plain_word(w) and not is_given_name(w)
    )


def _after_abbreviation(tokens: list[tuple[int, str]], i: int) -> bool:
    """Does the word at tokens[i] follow an initial or a title's full stop ("Laurence H.
    Tribe", "Mr. Hedge", "Sen. Tim Kaine"), not the end of a sentence?"""
    if i == 0:
        return False
    prev = tokens[i - 1][1].lstrip("(\"'\u201c\u2018")
    return prev.endswith(".") and (is_initial(prev) or is_title(prev) or bare(prev) in COURTESY)


def _singular_subject(tokens: list[tuple[int, str]], i: int, word: str) -> bool:
    """Is the word singular and before a verb, perhaps past an adverb ("Politico reported",
    "Vane then told")? A count noun needs a determiner there, so it is most likely a name;
    a plural ("Prosecutors said") or a word before a noun ("Wheelchair user") is not."""
    if is_plural_noun(word) or tokens[i][1][-1] in ".,;:!?)":
        return False
    k = i + 1
    while k < min(len(tokens), i + 3) and is_adverb(bare(tokens[k][1])):
        k += 1  # "Vane then told", "Politico also reported"
    return k < len(tokens) and is_verb_only(bare(tokens[k][1]))


def _opens_longer_name(tokens: list[tuple[int, str]], i: int) -> bool:
    """Does the word at tokens[i] run on into a capitalised word ("Bank of England")?"""
    if tokens[i][1][-1] in ".,;:!?)\"'\u201d\u2019":
        return False  # "Prosecutors, Tom Vane's lawyers said": the name ends at the comma
    k = i + 1
    while k < len(tokens) and k <= i + 2 and tokens[k][1] in _NAME_JOINERS:
        k += 1
    return k < len(tokens) and k <= i + 3 and is_capitalised(tokens[k][1])


@contextmanager
def article_words(surnames: frozenset[str], plain: frozenset[str] = frozenset()) -> Iterator[None]:
    """Read one article's names with its own surnames that are also common words
    (`surnames_in`) and its capitalised plain words that are no names (`plain_words_in`)."""
    token = _ARTICLE_SURNAMES.set(surnames)
    plain_token = _ARTICLE_PLAIN.set(plain)
    try:
        yield
    finally:
        _ARTICLE_PLAIN.reset(plain_token)
        _ARTICLE_SURNAMES.reset(token)


def _is_name_token(token: str) -> bool:
    b = bare(token)
    if not b:
        return False
    if b in PARTICLES:
        return True
    if re.fullmatch(r"[(\"'\u201c\u2018]?[A-Z]\.,?", token):
        return True  # an initial: "Julie A. Diaz"
    if _ELIDED_PARTICLE.match(token):
        return True  # "Valery Giscard d'Estaing", "Conseil Superieur de l'Audiovisuel"
    return is_capitalised(token) and not stop_cap(b)


_ELIDED_PARTICLE = re.compile(r"[dl]['\u2019][A-Z]")


# What a cue's subject phrase is: a person's name, an organisation's, a pronoun, a
# description of someone unnamed ("a council spokesman"), or "inherit" (a cue whose
# subject is the one before it: "..., adding").
SourceKind = Literal["name", "org", "pronoun", "description", "inherit"]
# Why a person is in the event book: they spoke (a quote or a speech verb), a sentence
# opened on them, or they were only mentioned; "unnamed" is a described speaker.
EventKind = Literal["speaker", "subject", "mention", "unnamed"]


@dataclass(frozen=True)
class Source:
    """Who a cue's subject is: a named speaker (with role) or a description."""

    kind: SourceKind
    name: str | None = None
    role: str | None = None
    description: str | None = None


def _clean_phrase(phrase: str) -> str:
    phrase = re.sub(r"\([^)]*\)", " ", phrase)
    phrase = phrase.replace("\x00", " ")
    phrase = _PARTY_AND_STATE.sub("", phrase)
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:-\u2014\u2013\"'\u201c\u201d")
    return _SENTENCE_STOP_AFTER_WORD.sub("", phrase)


# a US lawmaker's party and state after the name ("Mitch McConnell, R-Ky.,", "(D-N.Y.)"):
# who the person is, never a name of its own
_PARTY_AND_STATE = re.compile(
    r",?\s*\(?\b[RDI]-(?:[A-Z][a-z]{0,4}\.|[A-Z]\.[A-Z]\.|[A-Z]{2}\b)\)?(?=\s*(?:[,)]|$))")


# the full stop of a sentence that ends on a name ("- Maria L. Ortega Ruiz.", "said M&S."),
# not the point of an initial ("U.S.") or of an abbreviation that is part of the name ("Jr.",
# "Acme Inc.")
_SENTENCE_STOP_AFTER_WORD = re.compile(r"(?<=[A-Za-z&]{2})(?<!\bInc)(?<!\bLtd)(?<!\bCorp)"
                                       r"(?<!\bBros)(?<!\bCo)(?<!\bJr)(?<!\bSr)\.$")


_ADVERB_TAIL = re.compile(
    r"(?:\s+(?:also|later|then|further|once|previously|repeatedly|recently|again|has|had|have|"
    r"would|will|could|did|does|do|was|is|had|once|earlier|finally|simply|quickly|only|even|"
    r"still|just|flatly|privately|publicly|reportedly|(?-i:[a-z]\w*ly)|"
    r"(?-i:afterwards|afterward|yesterday|today|tonight|now|too|himself|herself)))+$",
    re.IGNORECASE,
)


def _without_adverb_tail(phrase: str) -> str:
    """The phrase without the adverbs and auxiliaries ending it ("he later", "Vane has");
    a noun ending in -ly ("the rally", "the family") stays, with what comes before it."""
    m = _ADVERB_TAIL.search(phrase)
    if m is None:
        return phrase
    tail = m.group(0).split()
    keep = max((i + 1 for i, w in enumerate(tail)
                if w.endswith("ly") and is_noun(w) and not is_adverb(w)), default=0)
    return " ".join([phrase[: m.start()], *tail[:keep]]) if keep else phrase[: m.start()]
_LEAD_DROP = re.compile(
    r"^(?:and|but|so|then|yet|while|as|because|since|that|where|when|though|although|"
    r"or|if|however|meanwhile|instead|even|only|also|yesterday|tonight|"
    # a fronted time with no comma: "Last night one accountant described ..."
    r"(?:last|this|early|late)\s+(?:night|week|weekend|month|year|morning|afternoon|evening"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\s+",
    re.IGNORECASE,
)


_INVERTED_CUT = frozenset(
    """after before on in at during when while to from as via through for last this earlier
    later who which adding saying noting referring told but""".split()
)
_RELATIVE_PRONOUNS = frozenset({"who", "which"})
_PREPOSITION_LEAD = (
    r"(?i)^\s*(?:in|on|at|after|before|during|for|with|by|from|of|to|under|"
    r"over|outside|inside|across|near|amid|despite|ahead|between|among|amongst|following|"
    r"throughout|beyond|within|without|against|around|behind|towards?|upon|unlike|alongside|"
    r"regarding|concerning|as\s+for|through|via)\b"
)
# A clause of its own before the subject ("As Vane spoke, the crowd chanted")
_SUBORDINATE_LEAD = (
    r"(?i)^\s*(?:as|when|while|whilst|although|though|if|because|since|once|until|"
    r"whereas|unless)\b"
)
# never an object: the subject of the verb after it
_NOMINATIVE = frozenset("he she they we".split())
_INDEFINITE = frozenset("a an one another".split())  # "a spokeswoman for Oxford University"
_OBJECT_PREPOSITIONS = frozenset("of for from in at with on by to".split())
_ROLE_SUFFIX = re.compile(r"(?:er|or|ist|ian|ant|ent|ary|ee|ive|ic)$")


def clean_role(text: str) -> str:
    """A role phrase without a dangling end: "author of" -> "author"."""
    role = _clean_phrase(text)
    # "who is a law lecturer at ...": the relative clause's verb is no part of the role
    role = re.sub(r"^(?:who|which)\s+(?:is|was|are|were|has\s+been|had\s+been)\s+"
                  r"(?=(?:a|an|the)\s|[A-Z]|\w+['\u2019]s\s)", "", role)
    return re.sub(r"(?i)(?:\s+(?:of|and|at|for|in|the|a|an|to|with))+$", "", role)


def is_participle(token: str, following: str) -> bool:
    """A capitalised -ing word opening a phrase ("Appearing before ...", "Speaking to ...")."""
    word = bare(token)
    return (
        len(word) > 5 and word.endswith("ing") and is_capitalised(token)
        and bool(following) and following[0].islower()
    )


def is_adverb_opener(phrase: str) -> bool:
    """ "Immediately after the attacks", "Separately": an adverb opening a sentence."""
    toks = phrase.split()
    if not toks:
        return False
    word = bare(toks[0])
    if not (len(word) > 5 and word.endswith("ly") and is_capitalised(toks[0])):
        return False
    return (len(toks) == 1 or toks[0].endswith(",")
            or bare(toks[1]) in _INVERTED_CUT | {"of", "with", "by"})


def is_apposition(part: str) -> bool:
    """Does a comma-separated part describe the name before it?

    "a fellow at the council", "70", "Twitter's director of advertising", "pastor of
    the church", "speaking to reporters": yes. "voters" or "In Iowa": no.
    """
    part = _clean_phrase(part)
    toks = part.split()
    if not toks or _attribution_aside(toks):
        return False
    first = toks[0]
    low = bare(first)
    if re.match(r"(?i)^(a|an|the|who|which|one|its|his|her|their|\d+|of|both|now|then|former|"
                r"himself|herself|also|once|currently|until|like|from|with)$", low):
        return not _share_of_people(toks)
    if re.match(r"(?i)^(?:for|on)\s+(?:his|her|their|its)\s+part$", part):
        return True  # "Huckabee, for his part, is labeling ..."
    if is_possessive(first) and len(toks) > 1:
        return True
    if re.match(r"(?:[A-Z][\w.\-]*\s+){1,2}[A-Z][\w.\-]*['\u2019]s\s+[a-z]", part):
        return True  # "Mrs. Obama's chief of staff", "Vale Mining's head of research"
    if first[:1].islower():
        return _lowercase_apposition(low, toks)
    # "Minister for Defence Procurement", "Director of the Institute": a capitalised title
    # with the body it serves
    return is_title(first) and any(t in ("of", "for", "at", "to") for t in toks[1:3])


def _lowercase_apposition(low: str, toks: list[str]) -> bool:
    """A part opening on a lowercase word `low`: a participle aside ("speaking to reporters",
    "pictured with his daughter"), a title or a role with its link ("pastor of ...")."""
    if low.endswith("ing") and len(low) > 5:
        return True
    if low.endswith("ed") and len(low) > 5 and len(toks) > 1 and bare(toks[1]) in _AFTER_PARTICIPLE:
        return True  # "flanked by aides", "dressed in black"
    if low in TITLE_WORDS and not low.endswith("s"):
        return True
    if _ROLE_SUFFIX.search(low) and len(toks) > 1 and toks[1].lower() in _ROLE_LINKS:
        return True
    return _modified_role(toks)


# verbs that close an attribution set off by commas ("…, the Gazette's Ann Lee reported,
# his wife whispered"): a clause of its own, never a noun phrase describing a name
_ASIDE_VERBS = frozenset("said says told wrote writes reported added noted recalled".split())


# "the reported", "his said": a determiner before the verb makes it no verb of a subject
_DETERMINERS = _INDEFINITE | {"the", "his", "her", "its", "their"}


def _attribution_aside(toks: list[str]) -> bool:
    """ "the Gazette's Ann Lee reported": a subject and its speech verb, not an apposition."""
    return (len(toks) > 1 and bare(toks[-1]) in _ASIDE_VERBS
            and bare(toks[-2]) not in _DETERMINERS)


def _share_of_people(toks: list[str]) -> bool:
    """ "Vane, 70," is his age; "40 percent of voters" is a subject of its own."""
    return bare(toks[0]).isdigit() and len(toks) > 1 and bare(toks[1]) in ("percent", "per", "of")


_ROLE_LINKS = frozenset({"of", "at", "for", "in", "with", "and"})
# prepositions after a past participle that opens an aside ("pictured with", "backed by")
_AFTER_PARTICIPLE = frozenset("with by in at on alongside beside outside".split())


def _modified_role(toks: list[str]) -> bool:
    """ "branch secretary of the union", "international division secretary of ...": a few
    lowercase words ending in a role word that joins its organisation."""
    for i, tok in enumerate(toks[:4]):
        if not tok[:1].islower():
            return False
        word = bare(tok)
        if word in TITLE_WORDS and not word.endswith("s") and (
                i + 1 < len(toks) and toks[i + 1].lower() in _ROLE_LINKS):
            return i > 0
    return False


@dataclass
class _Reading:
    """A subject phrase as the rules of `parse_source` narrow it down."""

    phrase: str
    inverted: bool
    appo_role: str | None = None  # "Lind, the chief": the apposition after the name
    tokens: list[str] = field(default_factory=list)
    name_tokens: list[str] = field(default_factory=list)
    role_tokens: list[str] = field(default_factory=list)


_Verdict = Source | None  # None: the next rule reads on

_CAP_TOKENS = 14  # a subject phrase is read from its last this many words


# A described person whose name follows in apposition ("said her lawyer, Ann Bayer")
_APPOSED_LEAD = r"(?i)^(a|an|the|another|one|his|her|their|its|our|my|\w+['\u2019]s)\b"


def _inverted_apposition(r: _Reading) -> _Verdict:
    """After an inverted verb ("said Lind, the chief"): the first comma part is the subject,
    a determined second part its role; "another user, Jo Bayer" and "her lawyer, Jo Bayer"
    are Jo Bayer."""
    if not r.inverted:
        return None
    parts = [p.strip() for p in r.phrase.split(",") if p.strip()]
    r.phrase = parts[0] if parts else ""
    if len(parts) >= 2 and re.match(r"(?i)^(a|an|the)\s", parts[1]) and len(parts[1].split()) <= 12:
        r.appo_role = re.sub(r"(?i)^(the|a|an)\s+", "", _clean_phrase(parts[1]))
    if len(parts) >= 2 and (re.match(_APPOSED_LEAD, parts[0]) or _role_before_full_name(parts)):
        second = parse_source(parts[1], inverted=True)
        if second is not None and second.kind == "name":
            return Source("name", second.name, second.role or parts[0], None)
    return None


def _role_before_full_name(parts: list[str]) -> bool:
    """ "said EEF chief economist, Steve Radley": a short role with no name in it, then a
    first name and surname after the comma."""
    first = parse_source(parts[0], inverted=True)
    name = parts[1].split()
    return (first is not None and first.kind == "description" and len(parts[0].split()) <= 6
            and 2 <= len(name) <= 4 and is_given_name(name[0]) and is_capitalised(name[-1]))


def _name_before_apposition(r: _Reading) -> _Verdict:
    """ "Nick Witney, a fellow at the council," before the verb: the nearest name before the
    apposition speaks; otherwise the last comma part is the subject ("In Iowa, voters")."""
    if r.inverted:
        return None
    parts = [p.strip() for p in r.phrase.split(",") if p.strip()]
    last = parts[-1] if parts else ""
    if len(parts) >= 2 and is_apposition(last) and not _names_a_person(last):
        for k in range(len(parts) - 2, -1, -1):
            if _holds_no_subject(parts, k):
                break
            head = parse_source(parts[k], inverted=True)
            if (head is not None and head.kind == "description" and k == len(parts) - 2
                    and re.match(r"[a-z]+(?:ing|ed)\b", last) and re.match(
                        r"(?i)^(?:(?:and|but|so)\s+)?(?:a|an|one|another|the)\s", parts[k])):
                # "The sound system, cycling through songs by Tracy Chapman, added": the
                # described subject before its participle aside speaks
                r.phrase = parts[k]
                return None
            if head is not None and head.kind in ("name", "org"):
                if _object_at_the_end(parts[k], head.name or ""):
                    break  # "a loss for Jefferies and Co, the SEC said": the SEC speaks
                return _with_apposed_role(head, parts[k + 1])
            if not is_apposition(parts[k]):
                break
    if len(parts) >= 2 and re.match(r"(?i)^(?:who|whose)\b", last) \
            and not _subordinate_clause(parts[-2]):
        # "A Vane adviser, who spoke on condition of anonymity, said": the relative
        # clause describes the subject before it, which is who speaks
        r.phrase = parts[-2]
        return None
    r.phrase = last
    return None


def _with_apposed_role(head: Source, nxt: str) -> Source:
    """The name or body with the apposition after it as its role when it has none."""
    role = head.role
    if not role and re.match(r"(?i)^(a|an|the)\b|[a-z]", nxt) and is_apposition(nxt) \
            and not bare(nxt.split()[0]).endswith("ing"):
        role = clean_role(nxt)
    return Source(head.kind, head.name, role, None)


def _holds_no_subject(parts: list[str], k: int) -> bool:
    """ "In Iowa, voters said": a place, then the subject; "Separately, the bank warned": an
    adverb, then the subject; "As the crowd cheered Vane": a clause of its own, whose names
    are never the main clause's subject."""
    part = parts[k]
    return (((re.match(_PREPOSITION_LEAD, part) or is_adverb_opener(part))
             and k == len(parts) - 2) or _subordinate_clause(part) or _participle_opener(part))


def _object_at_the_end(part: str, name: str) -> bool:
    """Does the comma part end on the name as the object of a preposition ("a loss for
    Jefferies and Co")? Then it is no subject an apposition after it could describe. People
    of a body ("analysts at Harbour Bank", "a spokesman for Vane and Co") speak for it."""
    words = name.split()
    at = part.rfind(words[0]) if words else -1
    before = part[:at].split() if at > 0 else []
    if not before or before[-1] not in _OBJECT_PREPOSITIONS:
        return False
    return len(before) < 2 or not _people_word(before[-2])


def _people_word(token: str) -> bool:
    """ "analysts", "spokesman", "director", "chief": a word for people or a person's job."""
    word = bare(token)
    return (word in GROUP_NOUNS or word in PERSON_NOUNS or is_title(token)
            or bool(_ROLE_SUFFIX.search(word)) or word.endswith(("man", "woman", "person")))


def _participle_opener(part: str) -> bool:
    """ "Reacting to a comment by Tom Vane", "Asked about Vane": a participle phrase that
    opens the sentence, whose names are objects; the subject follows its comma."""
    toks = part.split()
    if len(toks) < 2 or not is_capitalised(toks[0]) or not toks[1][:1].islower():
        return False
    word = bare(toks[0])
    return word.endswith(("ing", "ed")) and is_verb_form(word) and not is_given_name(toks[0])


def _subordinate_clause(part: str) -> bool:
    """ "Although Vane criticised Roux": a clause of its own (a lowercase word after the
    opening conjunction), not "Although Tom Vane" with his apposition to come."""
    return bool(re.match(_SUBORDINATE_LEAD, part)) and any(
        t[:1].islower() for t in part.split()[1:])


def _pronoun_subject(r: _Reading) -> _Verdict:
    """ "and he", "he later": a pronoun once the joining word and adverbs are dropped."""
    r.phrase = _without_adverb_tail(_LEAD_DROP.sub("", r.phrase)).strip()
    low = r.phrase.casefold()
    if low in PRONOUNS:
        return Source("pronoun", name=low)
    last = low.rsplit(None, 1)[-1] if low else ""
    if last in _NOMINATIVE and not r.inverted:
        # "In February 2004 he said": a fronted time, then the subject
        return Source("pronoun", name=last)
    return None


def _words_of_subject(r: _Reading) -> _Verdict:
    """The phrase's words: an opening participle lowered ("Appearing before ..."), an
    inverted subject cut at its trailing clause, the last words kept, a suffix dropped."""
    tokens = _TOKEN.findall(r.phrase)
    if len(tokens) > 1 and is_participle(tokens[0], tokens[1]):
        tokens[0] = tokens[0].lower()
    if r.inverted:
        tokens = _cut_trailing_clause(tokens)
    tokens = tokens[-_CAP_TOKENS:]
    if len(tokens) > 1 and bare(tokens[-1]) in SUFFIXES:
        tokens = tokens[:-1]
    r.tokens = tokens
    return None


_PERSON_PREPOSITIONS = frozenset({"from", "of", "at", "with"})


def _courtesy_name_at_the_end(r: _Reading) -> _Verdict:
    """ "the Foreign Policy Centre Mr Straw": a courtesy title inside a run of capitals
    opens the person's name; the capitals before it (where they spoke) are no part of it."""
    tokens = r.tokens
    k = next((i for i in range(len(tokens) - 1, 0, -1)
              if bare(tokens[i]).rstrip(".") in COURTESY), None)
    if k is None or not 1 <= len(tokens) - k - 1 <= 3 or not all(
            _is_name_token(t) and not is_title(t) for t in tokens[k + 1 :]):
        return None
    if not is_capitalised(tokens[k - 1]) or is_title(tokens[k - 1]) \
            or is_possessive(tokens[k - 1]):
        return None  # "said Mr Vane", "Shadow Chancellor Mr Vane", "Flight's Mr Vane"
    return Source("name", name=" ".join(tokens[k + 1 :]), role=tokens[k])


def _person_before_preposition(r: _Reading) -> _Verdict:
    """ "Tom Vane from broker Harbour Securities", "Mr Vane of the port authority": a
    person's name that opens the phrase speaks; what follows its preposition (a firm, a
    body) is the person's role, never the speaker."""
    tokens = r.tokens
    i = next((k for k, tok in enumerate(tokens) if tok in _PERSON_PREPOSITIONS), 0)
    if i < 2 or i == len(tokens) - 1:
        return None
    # a courtesy word, a title or a role may open it: "Senator Ann Bishop of Ohio" is Bishop
    if not all(_is_name_token(t) and not is_possessive(t) for t in tokens[:i]):
        return None
    person = parse_source(" ".join(tokens[:i]), inverted=False)
    if person is None or person.kind != "name" or not person.name:
        return None
    first = person.name.split()[0]
    title = person.role or ""
    courtesy = bool(title) and bare(title.split()[-1]).rstrip(".") in COURTESY
    if not (courtesy or is_given_name(first) or is_initial(first)):
        return None
    rest = tokens[i:]
    # the firm or body it names is the role ("from broker Harbour Securities"); a place
    # or a time with no name in it ("at the press conference") is none
    role = " ".join(rest) if any(is_capitalised(t) for t in rest) else None
    if role and title and not courtesy:
        role = f"{title} {role}"  # "Senator of Ohio"
    return Source("name", name=person.name, role=role or person.role)


# what "and" joins to a name to make a firm's ("Vane and Co", "Reed and Sons")
_FIRM_ENDINGS = frozenset("co company sons partners associates".split())


def _cut_trailing_clause(tokens: list[str]) -> list[str]:
    """ "Putin's negotiator Vladimir Medinsky after the meeting" ends at "Medinsky"."""
    named = False  # a capitalised word that is no stop word stands before token i
    for i, tok in enumerate(tokens):
        word = bare(tok)
        if i and word in _INVERTED_CUT:
            if named or word in _RELATIVE_PRONOUNS:
                # "one source who identified Vane": a relative clause is about the
                # subject, and the names inside it are its objects
                return tokens[:i]
        elif i and word in {"of", "and"} and tok == word:
            # "Tom Hale of Eastfield Trust" is Hale; "Secretary of State John Kerry" and
            # "former Gov. and party chairman Ed Rendell" read on to the name
            prev = tokens[i - 1]
            if word == "and" and i + 1 < len(tokens) and bare(tokens[i + 1]) in _FIRM_ENDINGS:
                continue  # "Laurie Milbank and Co assistant manager Jo Reed": a firm's name
            if _is_name_token(prev) and not is_title(prev) and bare(prev) not in ORG_WORDS \
                    and not is_possessive(prev) and not prev.endswith(","):
                return tokens[:i]
        named = named or (is_capitalised(tok) and not stop_cap(word))
    return tokens


def _organisation_ending_in_common_word(r: _Reading) -> _Verdict:
    """ "Judicial Watch", "Harbour Watch": capitalised words ending in an organisation word."""
    tokens = r.tokens
    last = tokens[-1]
    if len(tokens) > 1 and bare(last) in ORG_WORDS and not _is_name_token(last) \
            and is_capitalised(last) and _is_name_token(tokens[-2]) \
            and not is_possessive(tokens[-2]):
        k = len(tokens) - 2
        while k > 0 and _is_name_token(tokens[k - 1]) and not is_possessive(tokens[k - 1]):
            k -= 1
        return Source("org", name=" ".join(t.strip(",;:") for t in tokens[k:]))
    return None


def _party_of_members(r: _Reading) -> _Verdict:
    """ "the Liberal Democrats", "Lib Dems": an ideology and its members name a party, which
    speaks as a body ("House Democrats" stays a group of people)."""
    tokens = r.tokens
    if bare(tokens[0]) in _OBJECT_PREPOSITIONS:
        return None  # "Tom Vane, for the Liberal Democrats, said": Vane speaks
    if (len(tokens) > 1 and bare(tokens[-1]) in PARTY_MEMBERS and is_capitalised(tokens[-1])
            and is_capitalised(tokens[-2]) and bare(tokens[-2]) in PARTY_IDEOLOGIES):
        return Source("org", name=" ".join(t.strip(",;:") for t in tokens[-2:]))
    return None


def _name_with_a_number(r: _Reading) -> _Verdict:
    """ "Radio 1", "Number 10", "Channel 4": capitalised words closed by a small number
    name a station, a channel or an office, which speaks as an organisation."""
    tokens = [t.strip(",") for t in r.tokens]
    if (len(tokens) >= 2 and re.fullmatch(r"\d{1,3}", tokens[-1])
            and all(is_capitalised(t) and not is_possessive(t) for t in tokens[:-1])
            and bare(tokens[0]) not in ("the", "a", "an") and not is_title(tokens[0])):
        return Source("org", name=" ".join(tokens))
    return None


def _no_name_at_the_end(r: _Reading) -> _Verdict:
    """A phrase whose head is a common word, a possessive or a particle names nobody."""
    last = r.tokens[-1]
    if not _is_name_token(last) or is_possessive(last) or bare(last) in PARTICLES:
        if bare(last) in PRONOUNS and len(r.tokens) == 1:
            return Source("pronoun", name=bare(last))
        return Source("description", description=" ".join(r.tokens))
    return None


def _name_and_role(r: _Reading) -> _Verdict:
    """Walk back from the end over the name, stopping at a title, possessive or lowercase
    word ("Harbour MP Jane Porter"): what is left before it is the role."""
    tokens = r.tokens
    name_tokens: list[str] = []
    i = len(tokens) - 1
    while i >= 0 and len(name_tokens) < 5:
        tok = tokens[i]
        if (tok == "&" or (tok == "and" and name_tokens and bare(name_tokens[0]) in _FIRM_ENDINGS)
                or (is_capitalised(tok) and stop_cap(bare(tok)) and not is_title(tok)
                    and bare(tok) not in PRONOUNS)) and name_tokens \
                and i > 0 and _is_name_token(tokens[i - 1]) and not is_possessive(tokens[i - 1]) \
                and not is_title(tokens[i - 1]):
            # "Marks & Spencer", "Securities & Exchange Commission", "Vane and Co"; a
            # capitalised small word between name words is the name's own ("Doctors
            # Without Borders")
            name_tokens.insert(0, tok)
            i -= 1
            continue
        if is_possessive(tok) or not _is_name_token(tok):
            break
        if is_title(tok) and name_tokens:
            break
        if is_title(tok) and i > 0 and bare(tokens[i - 1]).rstrip(".") in COURTESY:
            name_tokens.insert(0, tok)  # "Mr Chancellor": a surname that is also a title
            i -= 1
            break
        name_tokens.insert(0, tok)
        i -= 1
    while (name_tokens and bare(name_tokens[0]) in PARTICLES and len(name_tokens) > 1
           and not is_capitalised(name_tokens[0])):
        name_tokens.pop(0)
        i += 1
    k = _first_name_after_label(name_tokens)
    r.name_tokens, r.role_tokens = name_tokens[k:], tokens[: i + 1 + k]
    return None


def _first_name_after_label(name_tokens: list[str]) -> int:
    """ "Lib Dem Norman Baker", "Sinn Fein Gerry Adams": capitalised words that are no first
    name, then a first name and a surname. The words before the first name are a party or
    team, so the person's name starts at the first name (the index returned; 0 if none)."""
    for k in range(1, len(name_tokens) - 1):
        if is_given_name(name_tokens[k]) and is_capitalised(name_tokens[k]):  # not "de"
            before = name_tokens[:k]
            if any(is_given_name(t) or is_initial(t) or bare(t) in PARTICLES
                   or bare(t).rstrip(".") in COURTESY or is_title(t) for t in before):
                return 0
            if len(before) == 1 and not _label_word(before[0]):
                return 0  # "Farhat Omar Ben Gadaravice", "Agence France Presse": one name
            return k
    return 0


# the end of a sentence inside the words before a name (its full stop, then a space)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?\s+(?=[A-Z\"\u201c])")
_LABEL_ENDING = re.compile(r"(?:er|or|ist|ian|ant|ent|ary|ee|ive|ic|ate|s)$")


def _label_word(token: str) -> bool:
    """Can one capitalised word before a full name be a label, not a first name the name
    lists lack? An acronym ("PBS"), a compound ("Fly-half"), a demonym or a word with a
    role or plural ending ("Drummer", "Agent", "Judges")."""
    word = bare(token)
    return ((token.isupper() and len(token) > 1) or "-" in word or word in DEMONYMS
            or word in DEMONYM_NOUNS or bool(_LABEL_ENDING.search(word)))


def _first_of_two_names(r: _Reading) -> _Verdict:
    """ "Nina Tarr and Blake Eden wrote": the first named, as "said X and Y" credits."""
    role = r.role_tokens
    if len(role) >= 2 and bare(role[-1]) == "and" and role[-1] == "and" \
            and _is_name_token(role[-2]) and not is_title(role[-2]):
        first = parse_source(" ".join(role[:-1]), inverted=False)
        if first is not None and first.kind == "name":
            return first
    return None


def _titles_only(r: _Reading) -> _Verdict:
    """No name left, only titles ("the Prime Minister"), or a run of capitals: a description."""
    role, names = r.role_tokens, r.name_tokens
    courtesy = bool(role) and bare(role[-1]).rstrip(".") in COURTESY
    if not names or (all(is_title(t) for t in names) and not courtesy) or (
        len(names) > 1 and all(t.isupper() for t in names)
    ):
        return Source("description", description=" ".join(r.tokens))
    return None


def _nationality_noun(r: _Reading) -> _Verdict:
    """ "the Dutchman said", "the American added": news calls a person it has named by their
    nation; that noun is a description that refers back to them, never a speaker's name."""
    names = r.name_tokens
    if len(names) == 1 and bare(names[0]) in DEMONYM_NOUNS \
            and all(bare(t) in {"the", "a", "an"} for t in r.role_tokens):
        return Source("description", description=" ".join(r.tokens))
    return None


_KIND_HEADS = frozenset(w.rstrip("s") for w in PARTY_MEMBERS) | DEMONYM_NOUNS


def _indefinite_kind(r: _Reading) -> _Verdict:
    """ "a Harbour Democrat", "another Iowa Republican", "a Briton": news gives a person's
    name no article, so "a"/"one"/"another" before capitalised words describes a kind of
    person (a party member of a place, a national). A first name or initial after it, as
    in "one Jo Bayer", still names her; a kind word at the end never does."""
    role, names = r.role_tokens, r.name_tokens
    if not role or len(role) > 2 or bare(role[-1]) not in _INDEFINITE:
        return None
    if is_capitalised(role[-1]) and len(role) > 1:
        return None  # "Charles A Blixt": an initial
    if bare(names[-1]) in _KIND_HEADS or not (
        is_given_name(names[0]) or is_initial(names[0])
        or bare(names[0]).rstrip(".") in COURTESY
    ):
        return Source("description", description=" ".join(r.tokens))
    return None


def _organisation_with_joining_words(r: _Reading) -> _Verdict:
    """ "the Department of Trade and Industry": one organisation's name, "of" and "and" included."""
    run = _org_name_before(r.role_tokens)
    if run and not (is_given_name(r.name_tokens[0]) or is_initial(r.name_tokens[0])):
        return Source(
            "org", name=" ".join(t.strip(",;:()\"\u201c\u201d") for t in run + r.name_tokens)
        )
    return None


_BEFORE_A_TITLE = frozenset({"the", "both", "former", "late", "then"})
# whose aide, spokesman or friend
_OWNER_PREPOSITIONS = frozenset({"to", "for", "of"})
# who acted ("the visit by Prime Minister"), unless what they did is a text that speaks for
# them ("a statement by President", "a letter from Prime Minister")
_AGENT_PREPOSITIONS = frozenset({"by", "from"})
_TEXTS = frozenset(OWNED_TEXTS) | MEDIUM_NOUNS


def _title_after_preposition(role: list[str]) -> bool:
    """ "an aide to President", "a spokesman for the Prime Minister", "an adviser to both",
    "the visit by Prime Minister": a common noun, its preposition, then only titles, so the
    name after them is its object ("Secretary of State" and "secretary of state", titles of
    their own, are not)."""
    j = len(role) - 1
    while j >= 0 and (((is_title(role[j]) or bare(role[j]).rstrip(".") in COURTESY
                        or bare(role[j]) in DEMONYMS) and is_capitalised(role[j]))
                      or role[j] in _BEFORE_A_TITLE):
        j -= 1  # "by Japanese Prime Minister": a nationality is part of the title
    if not (0 < j < len(role) - 1) or is_capitalised(role[j - 1]):
        return False
    return role[j] in _OWNER_PREPOSITIONS or (
        role[j] in _AGENT_PREPOSITIONS and bare(role[j - 1]) not in _TEXTS
        and not role[j - 1].endswith("ed"))  # "the group led by Dr" speaks through its head


def _object_of_preposition(r: _Reading) -> _Verdict:
    """ "Labour MP for West Ham", "a spokesman for the Northport Press", "the star of Rain Man
    and Tootsie", "Mr Vane from Coastal Analytics": the name is the object, never who speaks."""
    role, names = r.role_tokens, r.name_tokens
    if not role:
        return None
    if any(bare(t) in ORG_WORDS for t in names) and bare(role[0]) not in _INDEFINITE:
        return None
    after_preposition = role[-1] in _OBJECT_PREPOSITIONS or (
        len(role) > 1 and bare(role[-1]) == "the" and role[-2] in _OBJECT_PREPOSITIONS
    ) or _title_after_preposition(role)
    if after_preposition or (
        _prepositional_role(role) and not (is_given_name(names[0]) or is_initial(names[0]))
    ):
        return Source("description", description=" ".join(r.tokens))
    return None


def _organisation_name(r: _Reading) -> _Verdict:
    """An organisation word, a lone acronym or "the" before the name: an organisation, whose
    name keeps its title-like words ("The Democratic National Committee")."""
    role, names = r.role_tokens, r.name_tokens
    folded = [bare(t) for t in names]
    if not (any(f in ORG_WORDS for f in folded)
            or (len(names) == 1 and names[0].isupper() and len(names[0]) > 1)
            or (role and bare(role[-1]) == "the")):
        return None
    name = re.sub(r"['\u2019]s$", "", " ".join(t.strip(",;:()\"\u201c\u201d") for t in names))
    k = len(role)
    while k > 0 and _word_of_a_body(role[k - 1]) \
            and (not is_possessive(role[k - 1]) or is_plural_noun(bare(role[k - 1]))):
        k -= 1  # "the Musicians' Union", "the Women's Institute": a plural's possessive
    if k < len(role):
        name = " ".join(t.strip(",;:()\"\u201c\u201d") for t in role[k:] + names)
    return Source("org", name=re.sub(r"^(?:The|the)\s+", "", name), role=None)


def _person(r: _Reading) -> _Verdict:
    """A person's name, with the words before it (or the apposition after it) as the role."""
    role_tokens, name_tokens = r.role_tokens, r.name_tokens
    if len(name_tokens) >= 2 and bare(name_tokens[0]) in KIN_NOUNS:
        # "Wife Becki says": who she is to the story, then her name
        role_tokens, name_tokens = [*role_tokens, name_tokens[0].lower()], name_tokens[1:]
    while role_tokens and role_tokens[-1].islower() and bare(role_tokens[-1]) in PARTICLES:
        # "Mr de Vabres": the particle is his name's, and a courtesy title no role
        role_tokens, name_tokens = role_tokens[:-1], [role_tokens[-1], *name_tokens]
        if all(bare(t) in COURTESY for t in role_tokens):
            role_tokens = []
    name = " ".join(t.strip(",;:()\"\u201c\u201d") for t in name_tokens)
    name = re.sub(r"['\u2019]s$", "", name)
    while role_tokens and is_capitalised(role_tokens[0]) and stop_cap(bare(role_tokens[0])) \
            and bare(role_tokens[0]) not in {"the", "a", "an"}:
        role_tokens = role_tokens[1:]  # "Yesterday resident Ruth Amari"
    role = re.sub(r"(?i)^(the|a|an)\s+", "", " ".join(role_tokens).strip(" ,"))
    if role and bare(role_tokens[0]) in {"in", "on", "at", "after", "before", "during", "with",
                                         "by", "from", "for", "of", "to"}:
        role = ""
    return Source("name", name=name, role=role or r.appo_role or None)


# The rules parse_source applies, in order: each either decides (a Source, or nobody) or
# narrows the reading for the next.
SOURCE_RULES: tuple[Callable[[_Reading], _Verdict], ...] = (
    _inverted_apposition,
    _name_before_apposition,
    _pronoun_subject,
    _words_of_subject,
    _courtesy_name_at_the_end,
    _person_before_preposition,
    _organisation_ending_in_common_word,
    _party_of_members,
    _name_with_a_number,
    _no_name_at_the_end,
    _name_and_role,
    _first_of_two_names,
    _titles_only,
    _nationality_noun,
    _indefinite_kind,
    _organisation_with_joining_words,
    _object_of_preposition,
    _organisation_name,
    _person,
)


def parse_source(phrase: str, inverted: bool = False) -> Source | None:
    """Read a cue's subject phrase as a name with role, an organisation, a pronoun, or a
    description; None when it holds nothing. `inverted`: the phrase follows its verb."""
    reading = _Reading(_clean_phrase(phrase), inverted)
    if not reading.phrase:
        return None
    for rule in SOURCE_RULES:
        if not reading.phrase:
            return None  # narrowed to nothing ("," after an inverted verb)
        verdict = rule(reading)
        if verdict is not None:
            return _plain_word_is_no_name(verdict, reading.phrase)
    return None


def is_article_plain(token: str) -> bool:
    """Is the token a plain word the article being read only capitalises to open a
    sentence (`plain_words_in`)?"""
    return is_capitalised(token) and bare(token) in _ARTICLE_PLAIN.get()


def _plain_word_is_no_name(source: Source, phrase: str) -> Source:
    """A name of one word that the article only writes to open a sentence and the
    language knows as a plain word ("Prosecutors told the court", "Anger grew") is the
    description it is: no speaker is better than a wrong one."""
    if source.kind in ("name", "org") and source.name and " " not in source.name \
            and is_article_plain(source.name):
        return Source("description", description=phrase)
    return source


def _names_a_person(part: str) -> bool:
    """Does a comma part end in a person's full name ("chief operating officer Tom Vane")?"""
    src = parse_source(part, inverted=True)
    return src is not None and src.kind == "name" and is_full_person_name(src.name)


def is_full_person_name(name: str | None) -> bool:
    """A person's full name: a given name or an initial, then a surname."""
    words = (name or "").split()
    return len(words) >= 2 and (is_given_name(words[0]) or is_initial(words[0]))


def _word_of_a_body(token: str) -> bool:
    """Can a capitalised word stand inside an organisation's name? A group noun can, though
    it opens no name alone: "National Farmers Union", "Chief Police Officers"."""
    return is_capitalised(token) and (not stop_cap(bare(token)) or bare(token) in GROUP_NOUNS)


def _org_name_before(role_tokens: list[str]) -> list[str]:
    """The capitalised run ending the role ("Department of Trade and") when it names an
    organisation."""
    k = len(role_tokens)
    while k > 0:
        tok = role_tokens[k - 1]
        if tok in ("of", "and", "for", "&") or (_word_of_a_body(tok) and not is_possessive(tok)):
            k -= 1
            continue
        break
    run = role_tokens[k:]
    while run and not is_capitalised(run[0]):
        run = run[1:]
    return run if any(bare(t) in ORG_WORDS for t in run) else []


def _prepositional_role(role_tokens: list[str]) -> bool:
    """Does the role end in a preposition then names joined by "and" ("star of Rain Man and")?"""
    k = len(role_tokens)
    joined = False
    while k > 0 and (is_capitalised(role_tokens[k - 1]) or role_tokens[k - 1] in ("and", "&")):
        joined = joined or role_tokens[k - 1] in ("and", "&")
        k -= 1
    return joined and k > 0 and role_tokens[k - 1] in _OBJECT_PREPOSITIONS


def split_title(name: str) -> tuple[str, str | None]:
    """'Mr. Trump' -> ('Trump', 'mr'); titles kept for gender."""
    tokens = name.split()
    title = None
    while len(tokens) > 1 and is_title(tokens[0]):
        title = title or bare(tokens[0]).rstrip(".")
        tokens = tokens[1:]
    return " ".join(tokens), title


_RUN = re.compile(
    r"(?:(?<=\s)|^|(?<=[(\u201c\"\u2014]))"
    r"((?:(?:[A-Z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff][\w\u00c0-\u024f'\u2019.\-]*|"
    r"(?:de|van|von|bin|al|del|da|der|la|le|di)(?=\s+[A-Z]))\s+)*"
    r"[A-Z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff][\w\u00c0-\u024f'\u2019.\-]*)"
)


# letters after a barrister's name, not part of it (unlike "Jr", which tells a son apart)
_RANK_SUFFIXES = frozenset({"qc", "kc", "sc"})


def _sentence_pieces(run: str, start: int) -> list[tuple[int, str]]:
    """A capitalised run cut where a sentence ends inside it ("Indonesia. Chancellor Gordon
    Brown"): each piece with its offset, so the name after the full stop is read too."""
    pieces: list[tuple[int, str]] = []
    at = 0
    for m in re.finditer(r"\S+", run):
        tok = m.group(0)
        if m.end() < len(run) and tok.endswith(".") and len(bare(tok)) > 1 and not is_title(tok) \
                and "." not in tok[:-1]:
            pieces.append((start + at, run[at : m.end()]))
            at = m.end() + 1
    pieces.append((start + at, run[at:]))
    return [(s, piece) for s, piece in pieces if piece.strip()]


def _name_tokens(text: str, start: int, run: str) -> tuple[list[str], str | None]:
    """The words of a capitalised run at text[start:] that may be a name, and the last
    title before them: leading titles, capitalised stop words, a demonym, a participle
    and a role are cut off, and the name ends at a possessive."""
    tokens, title = _after_leading_titles(run.split())
    while tokens and bare(tokens[0]).casefold().endswith(("-based", "-born")):
        tokens = tokens[1:]  # "Paris-based Euronext", "London-born Ann Vane": where, not who
    if len(tokens) >= 2 and bare(tokens[0]) in KIN_NOUNS:
        tokens = tokens[1:]  # "Wife Becki": who she is to the story, then her name
    end = start + len(run)
    if tokens and _opens_question(text, start, tokens[0]):
        tokens = tokens[1:]  # "Will Vane step down?": the auxiliary, not a first name
    if tokens and is_participle(tokens[0], text[end : end + 2].strip() or "x"):
        tokens = tokens[1:]
    # "Chief Fire Officer Hannah Lind": the role ends at its last title word
    for k in range(len(tokens) - 3, -1, -1):
        if is_title(tokens[k]) and not is_possessive(tokens[k]):
            title = bare(tokens[k]).rstrip(".")
            tokens = tokens[k + 1 :]
            break
    # a possessive ends the name: "Putin's negotiator" names Putin, not more; one that
    # opens the run before a full name is whose the person is ("Russia's Elena Dementieva")
    for k, tok in enumerate(tokens):
        if is_possessive(tok):
            if k == 0 and len(tokens) >= 3 and (is_given_name(tokens[1])
                                                or is_initial(tokens[1])) \
                    and not any(is_possessive(t) for t in tokens[1:]):
                tokens = tokens[1:]
            else:
                tokens = tokens[: k + 1]
            break
    tokens = tokens[_first_name_after_label(tokens) :]  # "Lib Dem Norman Baker"
    return [_without_marks(t) for t in tokens], title


# auxiliaries that open a yes/no question; "Will" and "May" are first names elsewhere
_QUESTION_AUXILIARIES = frozenset(
    "will may can could would should shall must might did does do is are was were has have"
    .split())
_SENTENCE_STOP = re.compile(r"[.!?]")
_SENTENCE_LEAD = ".!?:;\x00\"\u201c\u2018(\u2014\u2013-"
_LEAD_BLANKS = " \t\u00a0\"'\u201c\u2018"


def opens_sentence(text: str, at: int) -> bool:
    """Does the word at `at` open a sentence: only blanks or opening quotation marks between
    it and the paragraph start, an end mark, a colon or a dash? (A bounded look back.)"""
    k = at
    while k > 0 and at - k < 8 and text[k - 1] in _LEAD_BLANKS:
        k -= 1
    return k == 0 or text[k - 1] in _SENTENCE_LEAD


def _opens_question(text: str, start: int, first: str) -> bool:
    """Does an auxiliary open a question at text[start:] ("Will Vane step down?")?"""
    if bare(first) not in _QUESTION_AUXILIARIES or not opens_sentence(text, start):
        return False  # "said Will Vane": mid-sentence, a first name
    end = _SENTENCE_STOP.search(text, start, start + 400)
    return end is not None and end.group(0) == "?"


# "Oscar-winner", "Sheffield-born": a compound with a lower-case part describes, names nobody
_DESCRIPTIVE_COMPOUND = re.compile(r"\w-[a-z]")


def _after_leading_titles(tokens: list[str]) -> tuple[list[str], str | None]:
    """tokens without the titles, stop words and demonym that open them ("American Serena
    Williams"; "German Gref" is a name), and the last title dropped."""
    title = None
    while tokens and (is_title(tokens[0]) or stop_cap(bare(tokens[0]))
                      or (bare(tokens[0]) in DEMONYMS and len(tokens) > 2)
                      or (_DESCRIPTIVE_COMPOUND.search(tokens[0]) and len(tokens) > 2)):
        if is_title(tokens[0]):
            title = bare(tokens[0]).rstrip(".")
        tokens = tokens[1:]
    return tokens, title


def _without_marks(token: str) -> str:
    """A name word without trailing punctuation or possessive mark; initials ("J.R.") kept."""
    if re.fullmatch(r"(?:[A-Z]\.)+", token):
        return token
    return re.sub(r"['\u2019]s?$", "", token.rstrip(".,"))


def _could_be_person(tokens: list[str]) -> bool:
    """Two to four name words with no organisation word, capitalised stop word or title
    (unless the first is a known first name), not all in capitals."""
    known_first = bare(tokens[0]) in MALE_FIRST or bare(tokens[0]) in FEMALE_FIRST
    if any(bare(t) in ORG_WORDS or stop_cap(bare(t)) or (is_title(t) and not known_first)
           for t in tokens):
        return False
    return not all(t.isupper() for t in tokens)


@dataclass
class NameEvent:
    """A person at a position of the article: the speaker of a quote, a sentence's subject, a
    mention."""

    position: int
    name: str
    kind: EventKind


# words a verb follows, never a role noun ("which stars", "she hosts")
_VERB_LEADS = frozenset("which who that he she it they".split())


@dataclass
class NameBook:
    """Full names an article gives, in order, with what is known of each one's gender."""

    mentions: list[tuple[int, str]] = field(default_factory=list)  # (position, full name)
    counts: dict[str, int] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)  # full name -> "m" | "f"
    # folded last / first word -> full names in order of first mention: a look-up reads
    # only the names it could be, never the whole article's list
    by_last: dict[str, list[str]] = field(default_factory=dict)
    by_first: dict[str, list[str]] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)  # full name -> words said of them
    holders: dict[str, set[str]] = field(default_factory=dict)  # role word -> full names
    # a lowercase role noun written right before a name ("spokesman Tom Vane") -> full names
    titled: dict[str, set[str]] = field(default_factory=dict)
    _first: dict[str, int] | None = None  # full name -> first position, built when asked

    def add(self, position: int, name: str, title: str | None = None) -> None:
        self.mentions.append((position, name))
        if name not in self.counts:
            words = name.split()
            self.by_last.setdefault(bare(words[-1]), []).append(name)
            if len(words) >= 2:
                self.by_first.setdefault(bare(words[0]), []).append(name)
        self.counts[name] = self.counts.get(name, 0) + 1
        g = gender_of(name, title)
        if g and name not in self.gender:
            self.gender[name] = g

    def scan(self, position_base: int, text: str) -> None:
        """Record the person names (two or more name words) in one masked paragraph."""
        for m in _RUN.finditer(text):
            for start, run in _sentence_pieces(m.group(1), m.start(1)):
                self._scan_run(position_base, text, start, run)

    def _scan_run(self, position_base: int, text: str, start: int, run: str) -> None:
        """Record the person a run of capitalised words at text[start:] names, if any."""
        tokens, title = _name_tokens(text, start, run)
        while len(tokens) > 2 and (bare(tokens[-1]) in _RANK_SUFFIXES or tokens[-1] == "I"):
            # "Bret Walker SC" is Bret Walker ("Mr Walker" later); "King Juan Carlos I" is
            # the first of his name, not the pronoun
            tokens = tokens[:-1]
        if len(tokens) < 2 or len(tokens) > 4:
            if len(tokens) == 1 and title in FEMALE_TITLES | MALE_TITLES:
                self._note_title(tokens[0], title)
            return
        if not _could_be_person(tokens):
            return
        name = " ".join(tokens)
        known = self._named_before(tokens)
        if known is not None:  # "Matchwinner Keane" after "Robbie Keane"
            self.add(position_base + start, known, title)
            self.add_roles(known, tokens[:1])
            return
        self.add(position_base + start, name, title)
        # the words just before a mention ("England captain David Beckham"): a role
        # the story may later use alone ("the captain said")
        lead = text[max(0, start - 40) : start] + " " + run[: run.find(tokens[0])]
        # only the mention's own sentence: '"...," the Dutchman said. Captain Sean Brady'
        lead = _SENTENCE_END.split(lead)[-1]
        end = text.find(tokens[-1], start) + len(tokens[-1])
        if "," in lead and text[end : end + 1] != ",":
            # "at the summit, Jo Vane said": the words before the comma are not her role
            # (an apposition closes after the name: "the foreign secretary, Jo Vane, said")
            lead = lead.rsplit(",", 1)[1]
        if lead.split()[-1:] and lead.split()[-1] in _OBJECT_PREPOSITIONS:
            return  # "the star of Rain Man": the role is someone else's, said of its object
        self.add_roles(name, lead.split()[-4:], lead.split()[-5:-4])
        before = lead.split()[-1:] if not run[: run.find(tokens[0])].strip() else []
        if before and before[0].isalpha() and before[0].islower():
            self.titled.setdefault(before[0], set()).add(name)

    def _note_title(self, surname: str, title: str) -> None:
        full = self.resolve(surname)
        g = "f" if title in FEMALE_TITLES else "m"
        if full not in self.gender:
            self.gender[full] = g

    def _named_before(self, tokens: list[str]) -> str | None:
        """The person named already whose surname follows a label that is no given name
        ("Matchwinner Keane", "Man-of-the-match Duff" after "Robbie Keane", "Damien Duff")
        or whose surname with its particle this is ("de Vabres"), when the surname is that
        one person's."""
        if len(tokens) >= 2 and tokens[0].islower() and bare(tokens[0]) in PARTICLES:
            # "Mr de Vabres" after "Renaud Donnedieu de Vabres": his short form
            short = " ".join(tokens)
            longer = [c for c in self.by_last.get(bare(tokens[-1]), [])
                      if c.endswith(" " + short)]
            return longer[0] if len(longer) == 1 else None
        if len(tokens) != 2:
            return None
        first = tokens[0]
        if not _compound_label(first) and (is_given_name(first) or is_initial(first)
                             or not (_label_word(first) or is_english_word(first))):
            return None
        known = [c for c in self.by_last.get(bare(tokens[1]), [])
                 if len(c.split()) >= 2 and c.split()[0] != first
                 and _opens_on_a_given_name(c)]
        return known[0] if len(known) == 1 else None

    def resolve(self, name: str, family_first: bool = False, before: int | None = None) -> str:
        """The full name a short form ('Trump', 'Mr. Trump') stands for in this article.

        A name given family name first ("Lou Jiwei" then "Mr. Lou") is matched on its
        first word only when the short form carries a courtesy title or is a known first
        name ("Hillary"): a bare "Trump" never becomes "Trump Train".
        """
        short, _ = split_title(name)
        tokens = short.split()
        if not tokens:
            return name
        if len(tokens) >= 2 and bare(tokens[0]) in PARTICLES:
            # "Mr De Vido" is Julio De Vido, filed under "Vido" beside the short form itself
            longer = [c for c in self.by_last.get(bare(tokens[-1]), [])
                      if c.endswith(" " + short)]
            if longer:
                return max(enumerate(longer),
                           key=lambda ic: (self.counts.get(ic[1], 0), -ic[0]))[1]
            return short
        if len(tokens) >= 2:
            return self._named_before(tokens) or short
        key = bare(tokens[0])
        cands = self.by_last.get(key, [])
        if not cands:
            if not family_first and key not in MALE_FIRST and key not in FEMALE_FIRST:
                return short  # "Hillary" may stand for Hillary Clinton; "Trump" is not a first name
            cands = self.by_first.get(key, [])
            if before is not None:
                # "his son Nick" is no Nick Vaughan the story names only later; "his wife
                # Sharon" may be the Sharon Osbourne it names later, of a family named already
                cands = [c for c in cands if (self.first_at(c) or 0) <= before
                         or self._family_named_before(c, before)]
            if not cands:
                return short
        # a name that opens on a person's first name before one that opens on a plain word
        # ("Sheldon Adelson", not a headline's "Donor Adelson"), then the most mentioned,
        # the first mentioned among equals
        return max(enumerate(cands), key=lambda ic: (
            _opens_like_a_person(ic[1]), self.counts.get(ic[1], 0), -ic[0]))[1]

    def _family_named_before(self, full: str, before: int) -> bool:
        """Did the article name someone of this surname before `before`?"""
        return any((self.first_at(c) or 0) <= before
                   for c in self.by_last.get(bare(full.split()[-1]), []) if c != full)

    def first_at(self, name: str) -> int | None:
        """Where the article first names this full name."""
        if self._first is None or len(self._first) != len(self.counts):
            self._first = {}
            for position, full in self.mentions:
                self._first.setdefault(full, position)
        return self._first.get(name)

    def add_roles(self, name: str, words: list[str], before: Sequence[str] = ()) -> None:
        """Words said of a person ("captain", "minister"), indexed both ways. A plural role
        is each one's in the singular too: after "hosts Jo Vane and Tom Reed", "the host"
        could be either of them; not after "which also stars Jo Vane", a verb."""
        leads = [*before, *words]
        for i, word in enumerate(words, start=len(before)):
            w = bare(word)
            one = singular_of(w) if word[:1].islower() and w.isalpha() else None
            if one and i and (is_adverb(leads[i - 1]) or bare(leads[i - 1]) in _VERB_LEADS):
                one = None
            for role in (w, one) if one else (w,):
                self.roles.setdefault(name, set()).add(role)
                self.holders.setdefault(role, set()).add(name)

    def held_by_another(self, role: str, name: str) -> bool:
        """Did the article give this role word to someone other than `name`?"""
        holders = self.holders.get(role, set())
        return len(holders) > 1 or (bool(holders) and name not in holders)

    def is_person(self, name: str, speaking: bool = False) -> bool:
        """Is a resolved name a person's? A known first name or an initial opens it, or the
        article gave it a gendered title ("Mr Vane"); "Star Wars DVD" or "Video" is not.
        The subject of a speech verb (`speaking`) needs only to be no title or common word."""
        tokens = name.split()
        if not tokens or any(bare(t) in TITLE_WORDS or bare(t) in ORG_WORDS or stop_cap(bare(t))
                             for t in tokens):
            return False
        if name in self.gender or speaking:
            return True
        if len(tokens) < 2:
            return False
        return is_given_name(tokens[0]) or is_initial(tokens[0])

    def people_between(self, lo: int, hi: int, limit: int = 64) -> list[NameEvent]:
        """The people named at lo <= position < hi (the last `limit`), in order."""
        a = bisect.bisect_left(self.mentions, lo, key=lambda m: m[0])
        b = bisect.bisect_left(self.mentions, hi, key=lambda m: m[0])
        return [NameEvent(pos, name, "mention")
                for pos, name in self.mentions[max(a, b - limit) : b] if self.is_person(name)]

    def gender_for(self, name: str) -> str | None:
        if name in self.gender:
            return self.gender[name]
        return gender_of(name, None)


def _compound_label(token: str) -> bool:
    """A capitalised compound of common words ("Man-of-the-match", "Hat-trick"): a label,
    never part of a name ("Jean-Philippe", "Al-Gharafa" have capitals throughout)."""
    parts = token.split("-")
    return len(parts) > 1 and any(p.isalpha() and p.islower() for p in parts[1:])


def _opens_on_a_given_name(name: str) -> bool:
    """Does the full name open on a given name or a one-letter initial ("Robbie Keane", "J.
    Vane"), not an acronym ("FA Cup")?"""
    first = name.split()[0]
    if len(first.strip(".")) > 1 and first.isupper():
        return False
    return is_given_name(first) or len(first.strip(".")) == 1


def _opens_like_a_person(name: str) -> bool:
    """Does the full name open on a given name, an initial or a word that is no plain
    English word ("Sheldon Adelson" yes, "Donor Adelson" no)?"""
    first = name.split()[0]
    return is_given_name(first) or is_initial(first) or not is_english_word(first)


def gender_of(name: str, title: str | None) -> str | None:
    """ "m", "f" or None: from a gendered title, else the first name when its gender is clear."""
    if title in FEMALE_TITLES:
        return "f"
    if title in MALE_TITLES:
        return "m"
    first = bare(name.split()[0]) if name.split() else ""
    if first in FEMALE_FIRST:
        return "f"
    if first in MALE_FIRST:
        return "m"
    if first in UNISEX_FIRST:
        return None
    return _GUESSED_GENDER.get(_given_name_class(first))


@functools.lru_cache(maxsize=1)
def _detector() -> gender_guesser.detector.Detector:
    """gender-guesser's table of ~45,000 given names from many countries (loaded once)."""
    return gender_guesser.detector.Detector(case_sensitive=False)


_GUESSED_GENDER = {"male": "m", "female": "f"}  # "mostly_*" and "andy" stay unknown


@functools.lru_cache(maxsize=65536)
def _given_name_class(word: str) -> str:
    """gender-guesser's class for a folded word: male, female, mostly_*, andy or unknown."""
    word = word.split("-")[0]  # "Frank-Juergen": the first given name decides
    if len(word) < 2 or not word.isalpha():
        return "unknown"
    return _detector().get_gender(word)


def is_given_name(token: str) -> bool:
    """Is the word a known first name ("Tom", "Jaap", "Isabelle"), not a common noun ("Video")?"""
    word = bare(token)
    return (word in MALE_FIRST or word in FEMALE_FIRST or word in UNISEX_FIRST
            or _given_name_class(word) != "unknown")


def is_initial(token: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.?){1,3}", token.strip(",")))
