"""Speech cues around a quote: which verb ties it to which subject phrase.

Works on a *masked* paragraph (quoted characters replaced by NUL) so words inside a
quote are never read as a cue or a speaker. Knows the news patterns: `," X said`,
`," said X`, `X said: "`, `X told reporters`, `According to X, ... "..."`, `X added`,
`X wrote`, `X said in a statement`, participles (`, adding "..."`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from index.ingest.boilerplate import dateline_end
from index.lexicon import (
    AUDIENCE_NOUNS,
    BEFORE_NUMBER,
    COURTESY,
    GROUP_NOUNS,
    KIN_NOUNS,
    MAYBE_FINAL,
    MEDIUM_NOUNS,
    NEVER_FINAL,
    ORG_LINKS,
    ORG_WORDS,
    OWNED_TEXTS,
    PARTICIPLES,
    PARTICLES,
    PERSON_NOUNS,
    PRONOUNS,
    SIGN_NOUNS,
    SPEECH_VERBS,
    STOP_CAPS,
    TITLE_WORDS,
    UNNAMED_ROLES,
)
from index.quotes.english import (
    is_adjective,
    is_adverb,
    is_noun,
    is_plural_noun,
    is_verb_form,
    is_verb_only,
)
from index.quotes.names import (
    _PREPOSITION_LEAD,
    Source,
    bare,
    clean_role,
    is_apposition,
    is_article_plain,
    is_full_person_name,
    is_given_name,
    is_initial,
    is_participle,
    is_possessive,
    parse_source,
)
from index.sentences import sentence_spans

_VERB_SET = frozenset(SPEECH_VERBS)
# two-word cues: first word -> the words that may follow it ("went on", "pointed out")
_VERB_PAIRS = {"went": "on", "shot": "back", "fired": "back", "put": "it", "puts": "it",
               "pointed": "out"}
# A whole ASCII word (no letter, digit, apostrophe or hyphen on either side): each is
# looked up in a set, which reads a sentence once instead of trying every verb at every
# character as one alternation would.
_ONE_WORD_RE = re.compile(r"[A-Za-z]+(?![\w'\u2019-])")


def _speech_verbs(seg: str) -> Iterator[tuple[str, int, int]]:
    """(verb as written, start, end) of each speech verb in seg, in order."""
    pos = 0
    n = len(seg)
    while pos < n:
        m = _WORD_START_RE.search(seg, pos)
        if m is None:
            return
        s = m.start()
        w = _ONE_WORD_RE.match(seg, s)
        if w is None:  # "said2": letters run into a digit or apostrophe; skip the run
            pos = m.end()
            continue
        word = w.group(0)
        low = word.lower()
        pair = _VERB_PAIRS.get(low)
        if pair is not None:
            spaced = seg[w.end() : w.end() + 1] == " "
            tail = _ONE_WORD_RE.match(seg, w.end() + 1) if spaced else None
            if tail is not None and tail.group(0).lower() == pair:
                yield seg[s : tail.end()], s, tail.end()
                pos = tail.end()
                continue
        if low in _VERB_SET:
            yield word, s, w.end()
        pos = w.end()


_WORD_START_RE = re.compile(r"(?<![\w'\u2019-])[A-Za-z]+")
_ACCORDING = re.compile(r"(?i)\baccording to\s+([^,.;:\x00]+)")


def _abbreviation_before(text: str, dot: int) -> bool:
    """Is the full stop at `dot` an abbreviation's ("Mr.", "Inc.", "U.S.", an initial), not a
    sentence end?"""
    k = dot
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:dot]
    if not word:
        return False
    low = word.casefold()
    return (low in NEVER_FINAL or low in MAYBE_FINAL or low in BEFORE_NUMBER
            or (len(word) == 1 and word.isupper())
            or ("." in word and word.replace(".", "").isalpha()))


@dataclass(frozen=True)
class Cue:
    """A speech verb and who does the speaking."""

    verb: str
    position: int  # offset of the verb in the paragraph
    source: Source
    inverted: bool = False
    across: bool = False  # the subject stands before a quote that sits inside its phrase


def mask(text: str, ranges: list[tuple[int, int]]) -> str:
    """text with each (start, end) range replaced by NUL characters (same length)."""
    parts: list[str] = []
    at = 0
    for s, e in sorted(ranges):
        s, e = max(s, at), min(e, len(text))
        if e <= s:
            continue
        parts += [text[at:s], "\x00" * (e - s)]
        at = e
    parts.append(text[at:])
    return "".join(parts)


def blank_dateline(masked: str) -> str:
    """masked with a leading wire dateline ("PORTSMOUTH, Dec. 8 (UPI) -") turned into
    spaces (same length, offsets kept): a place is never the subject of what follows."""
    end = dateline_end(masked)
    return " " * end + masked[end:] if end and "\x00" not in masked[:end] else masked


# A run of text with no sentence end is cut every MAX_SENTENCE characters: what a cue
# reads is one sentence, so this bounds the work per quote and keeps extraction linear
# on adversarial input (megabytes of quote marks). News sentences are far shorter.
MAX_SENTENCE = 2000
MAX_VERBS = 12  # speech verbs read per sentence


def sentences(masked: str, original: str) -> list[tuple[int, int]]:
    """Sentence bounds of a paragraph, end to end (each holds the spaces after it).

    The sentences are index.sentences' (the one splitter of answers, quotes and
    summaries) read on the original text, so a quote closing with its own full stop
    ('…left." The') ends its sentence; a cut whose space lies inside a quote (masked in
    `masked`) is the quoted speaker's sentence, not the narrative's, and is skipped.
    """
    n = len(masked)
    cuts = [b for _, b in sentence_spans(original) if b < n and masked[b] != "\x00"]
    bounds: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, n]:
        if cut <= start:
            continue
        while cut - start > MAX_SENTENCE:
            bounds.append((start, start + MAX_SENTENCE))
            start += MAX_SENTENCE
        bounds.append((start, cut))
        start = cut
    return bounds


# "One reader - all are anonymous - wrote": an aside between dashes right before the verb
# is no part of the subject
_DASH_ASIDE = re.compile(r"\s[-\u2013\u2014]\s[^-\u2013\u2014\x00]{1,80}\s[-\u2013\u2014]\s*$")


def _subject_before(masked: str, lo: int, verb_at: int) -> tuple[str, bool]:
    """The subject phrase ending just before a verb; empty when the verb comes first."""
    chunk = _DASH_ASIDE.sub("", masked[lo:verb_at])
    # the clause starts after the last quote mask, semicolon or colon
    cut = max(chunk.rfind("\x00"), chunk.rfind(";"), chunk.rfind(":"), chunk.rfind("\u2014"))
    chunk = chunk[cut + 1 :]
    stripped = chunk.strip(" ,\t'\u2019\u201d\"\u00a0")
    if not stripped:
        return "", True
    # "..., who said" / "..., which said" are relative clauses about someone else
    return chunk, False


def _subject_after(masked: str, verb_end: int, hi: int) -> str:
    """The phrase after an inverted verb, up to the next quote or sentence end."""
    chunk = masked[verb_end:hi]
    stop = len(chunk)
    for mark in ("\x00", ";", ":", "\u2014"):
        k = chunk.find(mark)
        if k >= 0:
            stop = min(stop, k)
    for m in re.finditer(r"\.", chunk[:stop]):
        if not _abbreviation_before(chunk, m.start()):
            stop = m.start()
            break
    run_on = _RUN_ON_SENTENCE.search(chunk, 0, stop)
    return chunk[: run_on.start(1) if run_on else stop]


# 'said analyst Ann Vale The dispute is ...': a full stop left out after the name, so a
# sentence opener straight after a capitalised word starts the next sentence
_RUN_ON_SENTENCE = re.compile(
    r"(?<![\w.'\u2019-])[A-Z][a-z]+(\s+)(?:The|This|These|It|He|She|They|We|But)\s+[a-z]"
)


def _trim_clause(chunk: str) -> str:
    """Keep the last clause of a subject chunk: after 'and'/'but'/'that' etc.; "he pointed
    to how Tony Blair had complained" is Blair's complaint, the clause after "how"; "asked
    about Vane, to which 21 percent said" is the clause after "to which", and "… - at
    which point the crowd chanted" the clause after "at which point"."""
    parts = re.split(
        r"\b(?:(?i:and)(?!\s+[A-Z])|(?i:but|that|because|while|whereas|so|when|as|if|where"
        r"|how|why|whether|whereupon)|(?i:to|of|in|for|on|at|by|with|from|upon|after)\s+"
        r"(?i:which|whom)(?:\s+(?i:point|time|moment|stage|juncture))?)"
        r"\s+(?=\S)",
        chunk,
    )
    if len(parts) == 2 and not parts[0].strip() and re.match(
            r"\s*(?:As|When|While|If|Because|Whereas)\s", chunk) and "," in parts[1]:
        # "As Vane attacked Roux, the crowd chanted": the opening clause stays with its
        # conjunction, so the subject after its comma is read, not a name inside it
        return chunk
    return _after_clause_and(parts[-1])  # the last clause: the one the speech verb follows


# "and" before a capital joins two names ("Tom Vane and Jo Reed said") unless a clause with
# its own verb stands before it ("Harbour beat Eastfield and Vane said")
_AND_NAME = re.compile(r"\band\s+(?=[A-Z])")


def _after_clause_and(clause: str) -> str:
    """The clause after its last "and" + capital when the words before form a clause of
    their own: five words or more, one of them a lowercase verb, and no name right before
    "and" but a place ("at Old Trafford"), and only a name after it; not "hosts Jo Vane and
    Tom Reed, the candidate said", nor "Culture, Media and Sport Secretary", nor an aside
    ("-- which is streamed on Hulu and Ora's site -- told me")."""
    last = max(_AND_NAME.finditer(clause), key=lambda m: m.start(), default=None)
    if last is None:
        return clause
    before = clause[: last.start()].split()
    after = clause[last.end():]
    k = len(before)
    while k > 0 and before[k - 1][:1].isupper():
        k -= 1  # the capitalised run before "and": a place after its preposition is no name
    if (len(before) >= 5 and _BARE_NAME.fullmatch(after) and "," not in before[-1]
            and (k == len(before) or before[k - 1] in _PLACE_PREPOSITIONS)
            and any(w.isalpha() and w.islower() and is_verb_form(w) and not is_plural_noun(w)
                    and w not in TITLE_WORDS | PERSON_NOUNS for w in before[:k])):
        return after
    return clause


_PLACE_PREPOSITIONS = frozenset("at in on from to against over into near".split())
# a name alone before its verb ("Vane", "Mr. Tom Vane"): not "Ora's site --" of an aside
_BARE_NAME = re.compile(r"(?:[A-Z][\w.'\u2019-]*\s+){0,3}[A-Z][\w'\u2019-]*(?<!['\u2019]s)\s*")


# A determined noun phrase can be a subject: a determiner, a group of people ("officials",
# "residents": the lexicon's group nouns, singular or plural) or a possessive.
_DETERMINED = re.compile(
    r"(?i)^(?:(?:about|nearly|almost|roughly|around|over|(?:more|fewer|less)\s+than)\s+"
    r"(?=\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|half)\b))?"  # "About four in 10"
    r"(?:a|an|the|one|another|two|three|four|several|some|many|most|few|both|all|his|her|"
    r"\d[\d,.]*(?:%|\s+(?:percent|per\s+cent|of))|half|"  # "21 percent", "40% of voters"
    r"its|their|our|my|this|that|these|those|more|others|thousands|hundreds|dozens|millions|scores|"
    r"nobody|everyone|everybody|someone|somebody|anyone|none|official|source|aide|democrats|republicans|"
    + "|".join(sorted(GROUP_NOUNS, key=len, reverse=True)) + r"|"
    r"(?:[A-Z][\w.\-]*\s+){0,3}[\w.\-]+['\u2019]s?)\b"  # "Tom Vane's mother", "Vale's lawyer"
)


def _proper_subject(src: Source | None, before_verb: bool = False) -> bool:
    """A subject a speech verb can have: a name, a pronoun or a determined noun phrase;
    `before_verb`, a bare plural too ("Labour officials said"; after a verb, as in "told
    researchers", a bare plural is its object)."""
    if src is None:
        return False
    if src.kind in ("name", "org", "pronoun"):
        return True
    desc = src.description or ""
    if re.search(r"(?i)\b(is|are|was|were|be|been|has|have|had|will|would|could|should|can|did"
                 r"|do|does)\b", desc):
        return False
    determined = bool(_DETERMINED.match(desc)) or (before_verb and _bare_plural(desc))
    return determined and not re.search(
        r"(?i)\b(and|to|not|never|also|had|has|have|would|will|could|can|did|then)$", desc
    )


def _bare_plural(desc: str) -> bool:
    """A plural noun needs no determiner to be a subject: "Prosecutors told the court",
    "Nuclear proliferation experts said", "Labour officials said", "Bank of England
    officials said". Its head ends the phrase or comes before its first preposition
    ("Policy makers in Europe"); the words before it modify it, and none is a verb ("Mr
    Howard said the police" is a clause)."""
    words = [w.strip(",;:") for w in desc.split()]
    if any(is_verb_only(w) or w in _VERB_SET for w in words):
        return False
    for k, word in enumerate(words[:5]):
        if k + 1 < len(words) and words[k + 1] not in _HEAD_ENDS:
            continue
        if _people_plural(word, first_plain=k == 0 and is_article_plain(word)):
            return all(_modifier(w, m == 0) for m, w in enumerate(words[:k]))
        if not (word[:1].isupper() and k + 2 < len(words) and words[k + 1] in ("of", "for")
                and (words[k + 2][:1].isupper() or words[k + 2] == "the")):
            return False  # "counsel for the petitioners": the head is "counsel"
    return False


def _people_plural(word: str, first_plain: bool) -> bool:
    """A lower-case plural that can only be a noun ("officials", "prosecutors"; not "makes",
    "links", "Sanders"); `first_plain`: a plain word opening the sentence, whatever else it
    can be ("Judges said")."""
    if first_plain:
        return is_plural_noun(word)
    return word[:1].islower() and (
        bare(word) in GROUP_NOUNS or (is_plural_noun(word) and not is_verb_form(word)))


def _modifier(word: str, first: bool) -> bool:
    """A word that can modify a bare plural subject: a name ("Labour", "Bank of England")
    or a common word ("Nuclear proliferation"); no pronoun, article or other function word."""
    low = bare(word)
    if low in _PHRASE_JOINERS:
        return not first
    return low.replace("-", "").isalnum() and low not in STOP_CAPS and low not in PRONOUNS


_HEAD_ENDS = frozenset("in of at from for across around with on".split())
_PHRASE_JOINERS = ORG_LINKS | {"the", "&"}


# A fronted time: one capitalised adverb, then a preposition or a time word ("Back in
# 2001,", "Later that year,", "Earlier this week,", "Shortly after the vote,")
_FRONTED_TIME = re.compile(
    r"^\s*([A-Z][a-z]+)\s+(?:in|on|at|this|that|last|next|after|before|then)\b"
)


def sentence_subject(chunk: str) -> Source | None:
    """The name that opens a clause ("Mrs. Clinton shook her head and said"), if any."""
    parts = chunk.split(",")
    clause_opener: Source | None = None
    possessed: Source | None = None
    in_clause = False
    for k, part in enumerate(parts):
        if re.match(_PREPOSITION_LEAD, part):
            continue  # "In Washington, President Obama ...": a place, not the subject
        words = part.split()
        if in_clause and k < len(parts) - 1 and words and (
                words[0] in _AUXILIARIES or (len(words) <= 6 and is_apposition(part))):
            continue  # "When Ed Moss, the campaign manager, was asked if ...,": still the clause
        in_clause = False
        if k < len(parts) - 1 and _CLAUSE_LEAD.match(part):
            in_clause = True
            # "Ever since she endorsed Mrs. Clinton, Ms. Warren has ...": a clause of its
            # own; "When Robby Mook was asked ..., he laughed": its subject is the "he"
            opener = _clause_opener(part.split()[1:])
            if clause_opener is None and opener is not None and opener.kind == "name" \
                    and part.split()[1:2] == (opener.name or "").split()[:1]:
                clause_opener = opener
            continue
        fronted = _FRONTED_TIME.match(part)
        if (fronted is not None and k < len(parts) - 1 and len(part.split()) <= 5
                and not is_given_name(fronted.group(1))):
            continue  # "Back in 2001, Mr Vane ...": a time set off by its comma
        src = _clause_opener(part.split())
        if src is not None and src.kind == "description":
            # "Vane's right-hand man rallied supporters, saying": the possessive phrase
            # speaks unless a later part has a subject of its own ("When Ed Moss, Vane's
            # aide was asked ..., he laughed")
            possessed = possessed or src
            continue
        if src is not None:
            if src.kind == "pronoun" and clause_opener is not None:
                return clause_opener
            return src
    return possessed


_AUXILIARIES = frozenset("was were is are had has have been would could will".split())
# a subordinate clause before the main one ("Ever since she endorsed X,", "Although Y
# won,"): its names are not the sentence's subject
_CLAUSE_LEAD = re.compile(
    r"(?i)\s*(?:ever\s+|even\s+|just\s+|long\s+)?(?:since|though|although|as|when|while|whilst|"
    r"because|if|once|until|unless|whereas|after|before)\s+(?:he|she|they|it|we|i|the|a|an|"
    r"[A-Z])")


# A preposition before any name ends the search: the words after it are its object.
_OBJECT_LEADS = ("of", "to", "with", "by", "for", "from", "about", "in", "on", "at", "after",
                 "before", "between", "among", "against", "into", "over", "under", "through",
                 "regarding", "concerning", "towards", "toward", "despite", "during", "without")


def _clause_opener(words: list[str]) -> Source | None:
    """The pronoun or name among the first eight words of one comma-separated part."""
    for i, tok in enumerate(words[:8]):
        low = tok.lower()
        if i == 0 and low in ("he", "she"):
            return Source("pronoun", name=low)  # "A month later, he paid ... and explained"
        following = words[i + 1] if i + 1 < len(words) else ""
        if tok[:1].isupper() and not is_participle(tok, following):
            run, follower = _capital_run(words, i)
            possessed = _possessive_subject(words, i + len(run.split())) if (
                i == 0 and run.endswith(_POSSESSIVE_ENDS) and follower[:1].islower()) else None
            if possessed is not None:
                # "Vane's right-hand man rallied ...": the subject is whoever the
                # possessive phrase names, never its possessor
                return possessed
            if bare(follower) in GROUP_NOUNS:
                return None  # "City experts say", "Labour officials said": a modifier, not a name
            if body_word_before_noun(run, follower):
                return None  # "Court documents released by ...": no name, a modifier
            if _name_comes_after(words, i, run, follower):
                continue  # "Band member Hale", "Lib Dem spokesman Hale": the name comes after
            src = parse_source(run, inverted=True)
            if src is not None and src.kind in ("name", "org"):
                return src
        if low in _OBJECT_LEADS:
            return None
    return None


def _name_comes_after(words: list[str], i: int, run: str, follower: str) -> bool:
    """Is the capitalised run at words[i] a label whose name comes after it: a party or
    band before a role ("Lib Dem spokesman Hale", "Band member Hale") or a compound
    adjective ("Anti-abortion group the Harbour Trust")?"""
    if not follower[:1].islower():
        return False
    if _compound_modifier(run):
        return True
    return (bare(follower) not in ("then", "late", "ex")
            and (bare(follower) in TITLE_WORDS or bare(follower) == "member"
                 or _role_then_person(words, i + len(run.split())))
            and not any(is_given_name(t) for t in run.split()))


def _compound_modifier(run: str) -> bool:
    """One capitalised compound of common words ("Anti-abortion", "Pro-democracy"): an
    adjective opening the sentence, not a name."""
    parts = run.split("-")
    return (" " not in run and len(parts) > 1 and parts[-1] not in _NUMBER_WORDS
            and all(p.isalpha() and p.islower() for p in parts[1:]))


# "Forty-four percent said": a number, whose subject is the words after it
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine".split())


_RUN_JOINERS = frozenset({"of", "for", "&"})
_POSSESSIVE_ENDS = ("'s", "\u2019s", "s'", "s\u2019")
_POSSESSED_MAX_WORDS = 6
# what a possessive phrase can name that speaks: a person by role or kin, a body, a
# group, a text ("Vane's lawyer", "Vane's office", "Vane's supporters", "Vane's letter")
_SPEAKING_HEADS = (TITLE_WORDS | PERSON_NOUNS | KIN_NOUNS | ORG_WORDS | GROUP_NOUNS
                   | AUDIENCE_NOUNS | UNNAMED_ROLES | MEDIUM_NOUNS | frozenset(OWNED_TEXTS)
                   | frozenset("man woman friend camp family".split()))


def _possessive_subject(words: list[str], j: int) -> Source | None:
    """The phrase the possessive before words[j] opens, up to its verb, when it names
    someone who can speak ("Vane's right-hand man", "Obama's former chief of staff Rahm
    Emanuel", "Vane's office"): a person named after the role, else the phrase as a
    description. None for a thing of theirs ("Vane's insistence", "Trump's call")."""
    k = j
    while k < len(words) and k - j < _POSSESSED_MAX_WORDS:
        word = bare(words[k])
        if word == "of" and k > j and k + 1 < len(words) and words[k + 1][:1].islower():
            k += 1  # "chief of staff"
            continue
        noun = is_noun(word)
        if not words[k][:1].islower() or not (
                "-" in word or noun or is_adjective(word)) or is_verb_only(word):
            break
        if k > j and not noun and is_noun(bare(words[k - 1])):
            break  # "Vane's report earlier": the noun ends the phrase
        k += 1
        if words[k - 1][-1:] in ",;:":
            break
    nouns = [h for h in range(j, k) if is_noun(bare(words[h]))]
    if not nouns:
        return None
    head = bare(words[nouns[-1]])
    if head not in _SPEAKING_HEADS and head[:-1] not in _SPEAKING_HEADS:
        return None
    if k < len(words) and words[k][:1].isupper() and words[k - 1][-1:] not in ",;:" \
            and nouns[-1] == k - 1:
        k += len(_capital_run(words, k)[0].split())  # "Vane's husband Peter"
    else:
        k = nouns[-1] + 1  # "Lord Butler's report earlier this year": the report
    start = j - 1
    while start > 0 and words[start - 1][:1].isupper() and not words[start - 1].endswith(","):
        start -= 1
    phrase = " ".join(words[start:k]).strip(" ,;:")
    return parse_source(phrase, inverted=False)


def _role_then_person(words: list[str], j: int) -> bool:
    """Do a few lower-case words from words[j] end on a noun right before a person's full
    name ("Oxfam senior policy adviser Max Lawson")? Then the capitals before them modify
    that role."""
    k = j
    while k < len(words) and k - j < 4 and words[k].isalpha() and words[k].islower():
        k += 1
    return (j < k < len(words) - 1 and is_noun(words[k - 1])
            and (is_given_name(words[k]) or is_initial(words[k]))
            and words[k + 1][:1].isupper())


def body_word_before_noun(run: str, follower: str) -> bool:
    """Is a lone capitalised word of a body's name ("Court", "Commission") modifying the
    common word after it ("Court documents", "Commission staff"), not a subject before its
    verb ("the Commission said", "Court rules")? A title after it belongs to a name
    ("Home Office minister Ann Lee")."""
    word = bare(follower)
    return (" " not in run and bare(run) in ORG_WORDS and follower[:1].islower()
            and word not in TITLE_WORDS and not is_verb_only(word) and not is_adverb(word))


def _capital_run(words: list[str], i: int) -> tuple[str, str]:
    """The capitalised words from words[i] (particles inside, up to a possessive) and the
    word after them when the run ends on a letter or digit: a name and what it modifies."""
    j = i
    while True:
        while j < len(words) and (words[j][:1].isupper() or words[j].lower() in PARTICLES
                                  or (j > i and words[j].rstrip(",.").isdigit())):
            j += 1  # "Radio 1", "Number 10": a number closes the name it belongs to
            if words[j - 1].endswith(("\u2019s", "'s")) or words[j - 1].rstrip(",.").isdigit():
                break
        k = j + (j < len(words) and words[j] in _RUN_JOINERS and words[j - 1][-1:].isalnum())
        k += k > j and k < len(words) and words[k] == "the"
        if k == j or k >= len(words) or not words[k][:1].isupper():
            break
        j = k  # "Bank of England officials", "Friends of the Earth": one name runs on
    follower = words[j] if j < len(words) and words[j - 1][-1:].isalnum() else ""
    return " ".join(words[i:j]), follower


def _apposition(chunk: str) -> Source | None:
    """ "Trump, the GOP frontrunner and poll leader, said": the name before the apposition."""
    parts = chunk.rstrip().rstrip(",").split(",")
    for k in range(len(parts) - 1):
        if re.match(r"(?i)^\s*(a|an|the|who|\d+|one of|both|now|then|former)\b", parts[k + 1]) or (
            is_apposition(parts[k + 1]) and not re.match(_PREPOSITION_LEAD, parts[k])
            and len(parts[k].split()) <= 5
        ):
            src = parse_source(parts[k], inverted=True)
            if src is not None and src.kind in ("name", "org") and len(parts[k].split()) <= 8:
                nxt = parts[k + 1]
                person = parse_source(nxt, inverted=True) if src.kind == "org" else None
                if person is not None and person.kind == "name" \
                        and is_full_person_name(person.name):
                    # "The Archbishop of Eastfield, the Most Reverend Tom Vane, told": the
                    # office, then the person who holds it
                    return Source("name", person.name, _clean_role(parts[k]), None)
                role = _clean_role(nxt) if re.match(r"(?i)^\s*(a|an|the)\b", nxt) or (
                    is_apposition(nxt)
                    and (nxt.split()[0][:1].islower() or is_possessive(nxt.split()[0]))
                    and not nxt.split()[0].endswith("ing")
                ) else None
                return Source(src.kind, src.name, src.role or role, None)
    return None


def _clean_role(text: str) -> str:
    return clean_role(" ".join(text.replace("\x00", " ").split()))


_NOT_INVERTED = (
    r"(?i)^\s*(that|the\s+\w+\s+(?:was|is|were|are|had|has|would|will|could|should|can|"
    r"may|might|must|did|does))\b"
)


def _subject_across_quote(masked: str, lo: int, verb_at: int) -> tuple[Source, bool] | None:
    """ "Mr. Manafort, citing "the magic of Trump," said ...": the name before the quote.

    Only when nothing but punctuation stands between the quote and the verb, and the
    words before the quote are a name with an apposition or participle trailing off.
    """
    chunk = masked[lo:verb_at]
    run_end = chunk.rfind("\x00")
    if run_end < 0 or chunk[run_end + 1 :].strip(" ,\t'\u2019\u201d\"\u00a0"):
        return None
    run_start = chunk.find("\x00")
    while run_start > 0 and chunk[run_start - 1] in "\x00":
        run_start -= 1
    prefix = chunk[:run_start].rstrip(" \u00a0")
    if not prefix or "\x00" in prefix or not prefix.endswith((",", "of", "citing", "calling")):
        return None
    parts = [p for p in prefix.split(",") if p.strip()]
    if len(parts) < 2 and not prefix.endswith(","):
        return None
    src = parse_source(prefix.rstrip(","), inverted=False)
    if src is None or src.kind not in ("name", "org"):
        src = sentence_subject(prefix)
    if src is None or src.kind not in ("name", "org"):
        return None
    # "citing "…"" quotes the subject's own words; "author of "…"" names a title
    return src, not re.search(
        r"(?i)\b(?:citing|calling|saying|quoting|describing|adding)\s*,?$", prefix
    )


# the end of an aside after a quoted phrase inside it: a few lowercase words and its comma
# ('wearing "Save the Quay" badges, said')
_ASIDE_TAIL = re.compile(r"\s+(?:[a-z][\w'\u2019\-]*\s+){0,3}[a-z][\w'\u2019\-]*\s*,\s*")


def _subject_around_aside_quote(masked: str, lo: int, verb_at: int) -> Source | None:
    """ "Tom Vane, wearing "Save the Quay" badges, said": a quote inside an aside that a few
    words after it close is a phrase of the aside; the subject is the name before the aside."""
    chunk = masked[lo:verb_at]
    run_end = chunk.rfind("\x00")
    if run_end < 0 or not _ASIDE_TAIL.fullmatch(chunk[run_end + 1 :]):
        return None
    run_start = run_end
    while run_start > 0 and chunk[run_start - 1] == "\x00":
        run_start -= 1
    prefix = chunk[chunk.rfind("\x00", 0, run_start) + 1 : run_start].strip()
    if "," not in prefix or prefix.endswith(","):
        return None
    src = parse_source(prefix.split(",")[0], inverted=False)
    return src if src is not None and src.kind in ("name", "org") else None


def _continues_quote(masked: str, lo: int, verb_at: int, before: str) -> bool:
    """Do the words between a quote and the verb carry on the quoted sentence in lowercase?"""
    chunk = masked[lo:verb_at]
    if "\x00" not in chunk:
        return False
    words = before.split()
    return bool(words) and words[0] in _RUN_ON and len(words) <= 12


_NAME_BEFORE = re.compile(r"(?:^|\s)((?:[A-Z][\w.'\u2019\-]*\s+){1,3}[A-Z][\w'\u2019\-]*)\s+$")
# "quoted Mr Vane as saying", "quoted Harbourline chief executive Tom Vane as saying": the
# person at the end of the object (its role words may be lowercase) is the one quoted
_QUOTED_AS = re.compile(
    r"\b(?:quoted|quotes|quoting|cited|cites|citing)\s+(?!by\s)"  # not "quoted by the paper"
    r"((?:[\w.'\u2019\-]+\s+){0,5}[\w'\u2019\-]+)\s+as\s+$"
)
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
_RUN_ON = frozenset(
    """that if for because when as in to since unless although though but and or while whether
    until before after on about with than""".split()
)


# Longer than any sentence of prose: a run without full stops (a flood of words) is read
# in windows of CUE_WINDOW characters with at most WINDOW_CUES cues each, so it costs a
# bounded amount per character (quadratic before: 40 KB of "... said ..." took 130 s, and
# a speech verb every few words still cost 60 ms per KB). Prose never takes this road.
LONGEST_SENTENCE = 2000
CUE_WINDOW = 500
WINDOW_CUES = 2


def cues_in(masked: str, lo: int, hi: int, limit: int | None = None) -> list[Cue]:
    """Speech cues in masked[lo:hi] (one sentence), each with its parsed subject; at most
    `limit` matches of each kind are read when a limit is given."""
    if hi - lo > LONGEST_SENTENCE:
        return [cue for start in range(lo, hi, CUE_WINDOW)
                for cue in cues_in(masked, start, min(hi, start + CUE_WINDOW), WINDOW_CUES)]
    seg = masked[lo:hi]
    out = _according_cues(seg, lo, limit)
    most = MAX_VERBS if limit is None else min(limit, MAX_VERBS)
    # no sentence has more than MAX_VERBS speech verbs: bounded work per sentence
    for written, vstart, vstop in islice(_speech_verbs(seg), most):
        verb = _Verb(masked, lo, hi, written, " ".join(written.lower().split()),
                     lo + vstart, lo + vstop)
        cue = _verb_cue(verb)
        if cue is not None:
            out.append(cue)
    out.sort(key=lambda c: c.position)
    return out


def _according_cues(seg: str, lo: int, limit: int | None) -> list[Cue]:
    """ "According to X": a cue with no speech verb, its source after it."""
    out: list[Cue] = []
    for m in islice(_ACCORDING.finditer(seg), limit):
        src = parse_source(m.group(1), inverted=True)
        if src is not None:
            out.append(Cue("according to", lo + m.start(), src, True))
    return out


@dataclass(frozen=True)
class _Verb:
    """One speech verb in its sentence masked[lo:hi]: what each cue rule reads."""

    masked: str
    lo: int
    hi: int
    written: str  # as the text has it
    verb: str  # lowercased, one space between words ("went on")
    start: int  # offset of the verb in the paragraph
    end: int

    def after(self) -> str:
        """The phrase after the verb, where an inverted subject stands."""
        return _subject_after(self.masked, self.end, self.hi)

    def cue(self, source: Source, inverted: bool = False, across: bool = False) -> Cue:
        return Cue(self.verb, self.start, source, inverted, across=across)


# "goes on to", "continued to" before a speech verb: the subject is the one before them
_GOES_ON_TO = re.compile(
    r"(?<=\S)\s+(?:(?:goes|go|went)\s+on|continues|continued|proceeds|proceeded)\s+to\s*$"
)


def _verb_cue(v: _Verb) -> Cue | None:
    """The cue a speech verb makes, with its subject; None where nobody speaks through it.

    The subject is read where English puts it: before a participle ("with Vale yelling"),
    after the verb when nothing stands before it ('," said Vale'), else in the clause
    before it, where a comma can hand over to an apposition or to a quote running on.
    """
    if v.verb == "according" or _not_speech(v):
        return None
    agent = _passive_agent(v) or _asked_by(v) or _put_to_subject(v)
    if agent is not None:
        return agent
    if v.verb in _PASSIVE_ONLY:
        return None  # 'The committee has deemed Tuesday "Harbour Day"': a name given, not speech
    if v.verb in PARTICIPLES:
        return _participle_cue(v)
    before, empty = _subject_before(v.masked, v.lo, v.start)
    if not empty:
        before = _GOES_ON_TO.sub("", before)  # "The leaflet goes on to say": the leaflet
    if empty:
        return _inverted_cue(v)
    if before.rstrip().endswith(","):
        cue = _name_after_comma(v) or _comma_cue(v, before)
        if cue is not None:
            return cue
        aside = _subject_around_aside_quote(v.masked, v.lo, v.start)
        if aside is not None:
            return v.cue(aside, across=True)  # the aside's quote is not what the verb says
    return _clause_cue(v, before)


# verbs of judgement whose passive names the judge after "by" ("branded "reckless" by the
# union"); "called" and "dubbed" are left out: 'a song called "Harbour" by Tom Vane' names
# a title and its author
_JUDGING = frozenset(
    """branded labelled labeled deemed described termed dismissed condemned criticised
    criticized attacked hailed praised slammed denounced""".split()
)
# judging verbs that quote someone only with an agent after "by"
_PASSIVE_ONLY = frozenset({"deemed", "termed"})
# after the participle: "as", the quote, then "by" and the agent
_AGENT_AFTER = re.compile(r"^\s+(?:as\s+)?\x00+[\s,'\u2019\u201d\"]*by\s+([^,.;:\x00]+)")


def _passive_agent(v: _Verb) -> Cue | None:
    """ "Plans were branded "reckless" by the union": the agent after "by" speaks."""
    if v.verb not in _JUDGING:
        return None
    m = _AGENT_AFTER.match(v.masked[v.end : v.hi])
    if m is None:
        return None
    src = parse_source(m.group(1), inverted=True)
    if not _proper_subject(src, before_verb=True) or src is None or _too_long(src):
        return None  # "branded "reckless" by union officials": the agent speaks
    return v.cue(src, inverted=True)


_PASSIVE_BE = re.compile(r"(?i)\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?$")
_BY_AGENT = re.compile(
    r"^\s+by\s+([^,.;:\x00]+?)(?=\s+(?:that|whether|if|to|about|how|why|what|when)\b"
    r"|\s*[,.;:\x00]|\s*$)"
)


def _asked_by(v: _Verb) -> Cue | None:
    """ "Vane was asked by presenter Ann Roux: ..." / "was told by officials": the one
    after "by" is the speaker, never the one asked or told."""
    if v.verb not in ("asked", "told", "questioned", "pressed"):
        return None
    m = _BY_AGENT.match(v.masked[v.end : v.hi])
    if m is None or not _PASSIVE_BE.search(v.masked[v.lo : v.start]):
        return None
    src = parse_source(m.group(1), inverted=True)
    if src is None or _too_long(src):
        return None
    if src.kind in ("name", "org") or _proper_subject(src):
        return v.cue(src, inverted=True)
    return v.cue(Source("description", description=" ".join(m.group(1).split())), inverted=True)


def _put_to_subject(v: _Verb) -> Cue | None:
    """The quote after a passive "was asked:" or "were told:" is what was said to the
    subject, by someone the sentence does not name: a cue with no speaker ('Vane was asked:
    "Why?"'). "According to the playbook, staff were told: ..." names its source."""
    before = v.masked[v.lo : v.start]
    if (v.verb in ("asked", "told", "questioned", "pressed")
            and _PASSIVE_BE.search(before) is not None and _ACCORDING.search(before) is None
            and _QUOTE_NEXT.match(v.masked, v.end) is not None):
        return v.cue(Source("description"))
    return None


_QUOTE_NEXT = re.compile(r"\s*[:,]?\s*\x00")


def _not_speech(v: _Verb) -> bool:
    """Is a capitalised verb a word of a name or a passive opener, not someone speaking?"""
    if v.written[:1].isupper() and v.masked[v.lo : v.start].strip(
        " \t\x00\"'\u201c\u201d\u2018\u2019:\u2014-"
    ):
        return True  # "the United States", "Tells All": a capitalised verb inside a name
    if v.written.endswith("s") and _PLURAL_VERB_AFTER.match(v.masked, v.end) \
            and _NOUN_BEFORE.search(v.masked, max(v.lo, v.start - _WORD_REACH), v.start):
        # "the media reports were not ...": a plural noun before its verb (but "the
        # choices he says are facing Britain" is the verb, after its subject)
        return True
    if is_noun(v.verb) and _OWNER_BEFORE.search(v.masked, max(v.lo, v.start - _WORD_REACH),
                                                v.start):
        return True  # "Mr Reed's remarks", "his comments": a noun a possessive owns
    to = _TO_VERB_AFTER.match(v.masked, v.end, v.hi)
    if v.verb in _GOING_ON and to is not None and to.group(1).casefold() in _DEED_INFINITIVES:
        return True  # "who went on to lead the party", not "went on to say"
    # "Asked about Vale, Brill said": a passive opener, Brill speaks
    return v.verb in ("asked", "told", "pressed", "questioned") and v.written[:1].isupper()


_GOING_ON = frozenset({"went on", "goes on", "go on", "continued", "continues"})
_TO_VERB_AFTER = re.compile(r"\s+to\s+([a-z]+)")
# what a career goes on to do, not what a speaker goes on to say
_DEED_INFINITIVES = frozenset(
    """lead become win play serve found join make work build run marry star score form take
    get have be do beat head earn record sell open establish create direct produce manage
    coach captain chair own represent study teach""".split())


# a possessive right before a word that could be a speech verb makes that word a noun
_OWNER_BEFORE = re.compile(
    r"(?:(?<![\w'\u2019-])(?i:his|her|their|its|my|our|your)|[A-Za-z]['\u2019]s|s['\u2019])\s+$")
# a plural verb right after a word that could be a speech verb makes that word a noun
_PLURAL_VERB_AFTER = re.compile(r"\s+(?:were|are)\b")
# the word before it is a determiner or a lowercase noun or adjective, not a pronoun or name
# (looked for in the last _WORD_REACH characters only: one word, and no rescan of the text)
_WORD_REACH = 40
_NOUN_BEFORE = re.compile(
    r"(?<![\w'\u2019-])(?!(?:he|she|it|they|we|you|i|who|which|that)\s+$)[a-z][\w\-]*\s+$")


# "with many marchers and onlookers chanting": lowercase words ending in a group of people
_GROUP_BEFORE_PARTICIPLE = re.compile(
    r"\bwith\s+((?:[a-z0-9][\w\-]*\s+){0,5}([a-z][\w\-]*))\s+(?:\w+ly\s+)?$"
)
_NAME_BEFORE_PARTICIPLE = re.compile(
    r"(?:^|\b(?:with|as|and|while|of|about)\s+)((?:[A-Z][\w.'\u2019\-]*\s+){0,3}[A-Z][\w'\u2019\-]*)"
    r"\s+(?:\w+ly\s+)?$"
)


# "carrying picture messages, saying": a noun (with up to two words before it) right
# before the participle
_SIGN_BEFORE = re.compile(r"(?:^|\s)((?:[\w'\u2019\-]+\s+){0,2}([\w\-]+))\s*,?\s*$")


def _sign_phrase(words: str) -> str:
    """ "carrying picture messages" -> "picture messages": the noun with the modifier and
    article before it, never a verb or preposition."""
    toks = words.split()
    out = [toks[-1]]
    for tok in reversed(toks[:-1]):
        low = tok.casefold()
        if low in ("a", "an", "the"):
            out.insert(0, tok)
            break
        if not tok.isalpha() or not tok.islower() or low.endswith(("ing", "ed")) or low in _RUN_ON:
            break
        out.insert(0, tok)
    return " ".join(out)


# what crowds do with words; the clause they hang on names the crowd
_CROWD_PARTICIPLES = frozenset("chanting singing shouting yelling cheering booing".split())
_GROUP_CLAUSE = re.compile(
    r"(?i)\b(?:where|as|while|when|after|and|then)\s+(?P<group>(?:[\w'\u2019\-]+\s+){0,4}?"
    r"(?P<noun>[a-z][\w\-]*))\s+(?:had\s+|have\s+|has\s+|were\s+|was\s+)?[a-z]+ed\b[^\x00]*$"
)


def _participle_cue(v: _Verb) -> Cue:
    """A participle ("adding", "yelling") speaks for the name right before it, else for the
    sentence's earlier subject (inherited)."""
    head = v.masked[v.lo : v.start]
    # "with Vale reportedly yelling: ...": the name right before the participle speaks
    near = _NAME_BEFORE_PARTICIPLE.search(head)
    # "the paper quoted Mr Vane as saying": the person quoted speaks, not the paper, also
    # when the article does not name them ("quoted a senior official as saying")
    quoted = _QUOTED_AS.search(head)
    if quoted is not None:
        obj = quoted.group(1).casefold()
        if obj in _OBJECT_PRONOUNS:  # "quoted him as saying": whoever "he" is
            return v.cue(Source("pronoun", name=_OBJECT_PRONOUNS[obj]))
        src = parse_source(quoted.group(1), inverted=True)
        if src is not None and src.kind in ("name", "org", "description"):
            return v.cue(src)
    sign = _SIGN_BEFORE.search(head)
    if (near is None and sign is not None and sign.group(2).casefold() in SIGN_NOUNS
            and sentence_subject(head) is None):
        # "Crowds carried placards saying "…"": the placards' words, nobody named
        return v.cue(Source("description", description=_sign_phrase(sign.group(1))))
    crowd = _GROUP_BEFORE_PARTICIPLE.search(head)
    if near is None and crowd is not None and bare(crowd.group(2)) in GROUP_NOUNS:
        # "with hundreds of marchers chanting "…"": the group's words, not the subject's
        return v.cue(Source("description", description=crowd.group(1)))
    gathered = _GROUP_CLAUSE.search(head) if v.verb.casefold() in _CROWD_PARTICIPLES else None
    if near is None and gathered is not None and bare(gathered.group("noun")) in GROUP_NOUNS:
        # "where about 50 protesters had gathered, chanting "…"": a crowd chants, and the
        # clause just before names it
        return v.cue(Source("description", description=gathered.group("group")))
    if near is None:
        # "footage of Ann Vane asking": a person's full name right before the participle
        person = _NAME_BEFORE.search(v.masked[max(v.lo, v.start - 80) : v.start])
        if person is not None and is_given_name(person.group(1).split()[0]):
            near = person
    src = parse_source(near.group(1), inverted=True) if near else None
    if src is not None and src.kind == "name":
        return v.cue(src)
    return v.cue(Source("inherit"))


def _too_long(src: Source) -> bool:
    """A description of more than twelve words is a clause, not a speaker."""
    return src.kind == "description" and len((src.description or "").split()) > 12


def _inverted_cue(v: _Verb) -> Cue | None:
    """A verb with no subject before it: the subject after it ('," said Vale'), else a name
    standing before a quote inside its own phrase."""
    after = v.after()
    src = None
    if not re.match(_NOT_INVERTED, after) and v.verb not in ("put it", "puts it"):
        src = parse_source(after, inverted=True)
    if not _proper_subject(src):
        across = _subject_across_quote(v.masked, v.lo, v.start)
        return None if across is None else v.cue(across[0], across=across[1])
    if src is None or _too_long(src):
        return None
    return v.cue(src, inverted=True)


def _name_after_comma(v: _Verb) -> Cue | None:
    """ "Apple has done well in the market the Harbour phone is aimed at, said Mr Reed": a name
    standing alone after the verb is its subject, whatever names the words before it hold
    (they are what was said)."""
    alone = _SUBJECT_ALONE.match(v.masked[v.end:v.hi]) if v.verb in _SAY_VERBS else None
    if alone is None or alone.group("last").casefold() in COURTESY:
        return None  # "said Mr. Vane and ...": the full stop is the title's
    src = parse_source(v.after(), inverted=True)
    if src is None or src.kind not in ("name", "org") or not _proper_subject(src):
        return None
    return v.cue(src, inverted=True)


def _comma_cue(v: _Verb, before: str) -> Cue | None:
    """A subject phrase ending in a comma: the quote's own sentence running on to the verb
    (the speaker is named after it), or a name with an apposition."""
    if _continues_quote(v.masked, v.lo, v.start, before):
        # '"... unlikely" that Vale can win, said Ed Rennick': the quote's sentence runs on
        after_src = parse_source(v.after(), inverted=True)
        if (after_src is not None and after_src.kind in ("name", "org", "description")
                and _proper_subject(after_src)):
            return v.cue(after_src, inverted=True)
    appo = _apposition(before)
    if appo is not None:
        return v.cue(appo)
    # "Her lawsuit, filed in the district court, said": the subject before a participle
    # phrase set off by commas
    aside = _PARTICIPLE_ASIDE.match(_trim_clause(before))
    if aside is not None:
        src = parse_source(aside.group(1), inverted=False)
        if _proper_subject(src, before_verb=True) and src is not None and not _too_long(src):
            return v.cue(src)
    return None


_PARTICIPLE_ASIDE = re.compile(r"^\s*([^,\x00]+?),\s+(?:[a-z]+ed|being)\b[^,\x00]*,\s*$")


# "a headline that", "one banner which": a sign with a relative pronoun before the verb
_TEXT_THAT = re.compile(
    r"(?i)(?:^|\s)(?P<text>(?:a|an|the|one|another)\s+(?:[\w'\u2019\-]+\s+){0,2}"
    r"(?P<noun>[\w\-]+))\s+(?:that|which)\s*$"
)
# displayed words (a headline, a banner), not a letter or note its sender wrote
_TEXT_NOUNS = SIGN_NOUNS - {"letter", "letters", "note", "notes", "message", "messages"}


# "then" straight after a noun (no comma, no verb before it) is an adverb of the subject's
# verb, not a clause joining a new one ("He nodded then said" stays joined)
_THEN_AFTER_NOUN = re.compile(r"(?<=[A-Za-z])(?<!ed)(?<!said)(?<!and)(?<!but)\s+then\s*$")


# a relative clause after a comma, or after a name and a dash ("Jo Vane - who chairs ...")
_RELATIVE = re.compile(
    r"(?:(?:^|,)\s*((?i:who|which))|(?P<name>\b[A-Z][\w'\u2019]*)\s[-\u2013\u2014]\s*(who)"
    r"|(?P<bare>\b[A-Z][\w'\u2019]*)\s+(who)(?=(?:\s+[a-z]+){0,2}\s*$))\b")


# an auxiliary of the passive (or "it") right before the verb: "have been denied", "it is said"
_PASSIVE_TAIL = re.compile(r"(?i)\b(was|were|be|been|being|is|are|it)\s*$")
# a name alone after the last comma, right before the verb
_NAME_AFTER_LAST_COMMA = re.compile(
    r",\s*(?P<name>(?:[A-Z][\w.'\u2019\-]*\s+){0,3}[A-Z][\w'\u2019\-]*)\s*$")
# a name right before ", who" (an age between: "Staunton, 49, who"), ending the chunk
_NAME_BEFORE_WHO = re.compile(
    r"(?P<name>(?:[A-Z][\w.'\u2019\-]*\s+){0,3}[A-Z][\w'\u2019\-]*)"
    r"(?:,\s*\d{1,3})?,?\s+(?i:who)\s+(?:[a-z]+\s+){0,2}$")
# what may not stand before that name: a place's "of" ("Marco Rubio of Florida, who"),
# the "and" of two people ("Bush and Christie, who"), or more of a longer name
_BEFORE_WHO_NAME = re.compile(
    r"(?:\b(?:of|in|and|or)\s+|&\s*|[A-Z][\w.'\u2019\-]*\s+|[\w'\u2019.-])$")


def _name_before_who(chunk: str) -> str | None:
    """The whole name the relative "who" ending the chunk stands for, if one is there."""
    m = _NAME_BEFORE_WHO.search(chunk)
    if m is None or _BEFORE_WHO_NAME.search(chunk, max(0, m.start() - 12), m.start()):
        return None
    return m.group("name")


_PRONOUN_AFTER_COMMA = re.compile(r"[,;\u2013\u2014]\s*(he|she|they|He|She|They)\s*$")
_RELATIVE_PRONOUN_SUBJECT = re.compile(r"(?i)\b(who|whom|which)\s+(he|she|they|it)\s*$")
_RELATIVE_REACH = 120  # a relative clause's subject stands this near its verb
# "the trade deal, which Vane had called …", "Jo Moss, whom Mr Vane once described as …":
# a relative clause whose subject is a name of its own
_RELATIVE_NAMED_SUBJECT = re.compile(
    r"\b(?:who|whom|which)\s+(?P<name>(?:[A-Z][\w.'\u2019\-]*\s+){0,3}[A-Z][\w'\u2019\-]*)"
    r"(?:\s+(?:had|has|have|once|later|then|also|previously|[a-z]+ly))*\s*$"
)


def _relative_clause_speaker(v: _Verb, tail: str) -> Cue | None:
    """A relative clause right before the verb with a subject of its own ("bankers, who he
    called ...", "the deal, which Vane had called ..."): that subject speaks, not the
    people or thing the clause is about."""
    own = _RELATIVE_PRONOUN_SUBJECT.search(tail)
    if own is not None:
        # in "the bridge, which he said was ..." he is most often the sentence's own
        # subject ("The actor crossed the bridge, which he said ...")
        if own.group(1).casefold() == "which":
            return v.cue(Source("inherit"))
        return v.cue(Source("pronoun", name=own.group(2).casefold()))
    named = _RELATIVE_NAMED_SUBJECT.search(tail)
    if named is not None:
        src = parse_source(named.group("name"), inverted=True)
        if src is not None and src.kind in ("name", "org"):
            return v.cue(src)
    return None


# the quote a passive verb of naming is followed by ("was referred to as a '…'", "was
# branded '…'", "has been described as '…'")
PASSIVE_NAMING = frozenset(
    "referred described called dubbed branded labelled labeled termed".split())
_PASSIVE_QUOTE_AFTER = re.compile(r"(?:\s+(?:to|of))?(?:\s+as)?\s*(?:(?:a|an|the)\s+)?\x00")


def passive_quote_at(masked: str, verb_end: int, quote_at: int) -> bool:
    """Is the quote at `quote_at` the one the passive verb ending at `verb_end` names?"""
    m = _PASSIVE_QUOTE_AFTER.match(masked, verb_end)
    return m is not None and m.end() == quote_at + 1


# a subject, a relative clause between commas, then (an auxiliary and) the verb
_SUBJECT_AND_RELATIVE_ASIDE = re.compile(
    r"(?:^|[;:\x00]\s*|\.\s+)(?P<subject>[^,;:\x00]{2,120}?),\s+(?:who|which|[a-z]{3,}ing)\s"
    r"[^,;:\x00]{1,200},"
    r"\s*(?:(?:has|had|have|also|later|then|would|will|has\s+since)\s+)*$")


def _subject_before_relative_aside(v: _Verb, before: str) -> Cue | None:
    """ "judge Letitia Clark, who issued an injunction to try and prevent the sale, has
    said", "one user, speculating that Vane was a fake name, told": the subject before a
    relative or participle clause set off by commas speaks, whatever the clause's own
    words ("and prevent the Yugansk sale")."""
    aside = _SUBJECT_AND_RELATIVE_ASIDE.search(before)
    if aside is None:
        return None
    src = parse_source(aside.group("subject"), inverted=False)
    if src is None or not _proper_subject(src, before_verb=True) or _too_long(src):
        return None
    return v.cue(src)


def _clause_cue(v: _Verb, before: str) -> Cue | None:
    """The subject in the last clause before the verb: a relative clause's head, the
    earlier subject again ("but added"), nobody in a passive, else the clause's name."""
    adverb = _THEN_AFTER_NOUN.search(before)
    if adverb is not None:
        before = before[: adverb.start()] + " "  # "The statement then declares": an adverb
    aside = _subject_before_relative_aside(v, before)
    if aside is not None:
        return aside
    chunk = _trim_clause(before)
    tail = chunk.rstrip(" ,")
    own = _relative_clause_speaker(v, before[-_RELATIVE_REACH:])
    if own is not None:
        return own
    alone = _PRONOUN_AFTER_COMMA.search(chunk)
    if alone is not None:
        # "… "failing states", including Russia, who cannot …, he argues": the pronoun
        # just before the verb is its subject, whatever the clauses before it hold
        return v.cue(Source("pronoun", name=alone.group(1).casefold()))
    # a relative clause set off by commas or dashes ("Jo Vane - who chairs the X - said")
    rel = _RELATIVE.search(chunk)
    if rel is not None and not _PASSIVE_TAIL.search(tail):
        return _name_before_verb_cue(v, chunk, rel.end()) or _relative_head_cue(v, chunk, rel)
    text = _TEXT_THAT.search(tail)
    if text is not None and bare(text.group("noun")) in _TEXT_NOUNS:
        # "under a headline that said", "a banner which read": the sign's words, not the
        # sentence subject's
        return v.cue(Source("description", description=text.group("text")))
    if re.search(r"(?i)(?:,|\b)\s*(?:that|and|but|then|and then|but then)\s*$", tail):
        # "X said it was early but added": the earlier subject speaks again
        return v.cue(Source("inherit"))
    if _PASSIVE_TAIL.search(tail):
        if (v.verb in PASSIVE_NAMING and _PASSIVE_QUOTE_AFTER.match(v.masked, v.end)
                and not tail.casefold().endswith("it")):
            # "Jolie was referred to as a 'spoiled brat'": words said of the subject by
            # someone the sentence does not name, not by whoever spoke last
            return v.cue(Source("description"))
        return None  # "was told", "it is said": nobody speaks here
    return _named_clause_cue(v, before, chunk)


def _name_before_verb_cue(v: _Verb, chunk: str, after: int) -> Cue | None:
    """ "News of the problems, which reached Leeds first, caused selling, Vane said": a name
    alone after the last comma (past `after`) is the verb's subject, not the head of a
    relative clause earlier in the sentence."""
    named = _NAME_AFTER_LAST_COMMA.search(chunk)
    if named is None or named.start() <= after:
        return None
    src = parse_source(named.group("name"), inverted=True)
    if src is not None and src.kind == "name" and _proper_subject(src, before_verb=True):
        return v.cue(src)
    return None


def _relative_head_cue(v: _Verb, chunk: str, rel: re.Match[str]) -> Cue:
    """The one a relative clause before the verb is about speaks: the name right before
    "who", else the clause's head phrase; else the sentence's earlier subject."""
    who = (rel.group(1) or rel.group(3) or rel.group(5) or "").casefold() == "who"
    named = _name_before_who(chunk) if who else None
    if named is not None:
        # "a debut nomination for Staunton, 49, who told the BBC": the name the relative
        # pronoun stands for, whatever the clause it sits in
        src = parse_source(named, inverted=True)
        if src is not None and src.kind == "name" and not _too_long(src):
            return v.cue(src)
    end = rel.end("name") if rel.group("name") else (
        rel.end("bare") if rel.group("bare") else rel.start())
    head = parse_source(chunk[:end], inverted=False) if end else None
    if _proper_subject(head, before_verb=True) and head is not None \
            and head.kind != "description":
        return v.cue(head)
    if (head is not None and head.kind == "description" and who
            and _proper_subject(head, before_verb=True) and not _too_long(head)):
        # "A Vane adviser, who spoke on condition of anonymity, said": the person the
        # relative clause describes speaks, not the one quoted before
        return v.cue(head)
    thing = _THING_BEFORE_WHICH.search(chunk, max(0, rel.start() - 120), rel.start()) \
        if not who and rel.group(1) else None
    if (thing is not None and _VERB_RIGHT_AFTER.fullmatch(chunk, rel.end())
            and bare(thing.group("np").split()[-1]) in _TEXT_KINDS):
        # "Vane's release linked to the council report, which notes": the thing "which"
        # stands for speaks (its owner, when it has one), not the sentence's subject
        return v.cue(Source("description", description=thing.group("np")))
    return v.cue(Source("inherit"))


# the texts that speak through "which" ("the report, which notes"), not a thing it is about
_TEXT_KINDS = frozenset(OWNED_TEXTS) | MEDIUM_NOUNS | SIGN_NOUNS
# the relative clause is no more than its verb ("which notes", "which also warns")
_VERB_RIGHT_AFTER = re.compile(r"\s*(?:[a-z]+ly\s+|also\s+)?$")
# the determiner phrase that ends right before ", which" ("linked to the council report")
_THING_BEFORE_WHICH = re.compile(
    r"\b(?P<np>(?i:the|a|an|its|his|her|their)\s+(?:[\w'\u2019&-]+\s+){0,4}[\w'\u2019&-]+)\s*$")


# after an inverted verb, a subject that ends its clause ("said Mr Reed." / "said Ann Roux,
# who ...", "said the group's chief, Ann Roux.")
_SUBJECT_ALONE = re.compile(
    r"^\s*(?:[A-Z][\w'\u2019.\-]*\s+){0,3}(?P<last>[A-Z][\w\-]*)(?<![\w.]s['\u2019])"
    r"(?:[.;]|,\s+(?:who|the|a|an|one)\b|\s*$)")
# the verbs whose subject may follow them after reported words ("..., said Mr Reed."); not
# "told", whose object follows it ("..., she told AFP.")
_SAY_VERBS = frozenset({"said", "says", "added", "adds"})


def _unnamed_spokesperson(src: Source | None, chunk: str) -> bool:
    """Does the subject phrase end on an unnamed role ("spokeswoman", "official") and open
    on an article, though a comma inside a body's name cut it ("A Department for Media,
    Culture and Sport spokeswoman")?"""
    if src is None or src.kind != "description" or not src.description:
        return False
    words = src.description.split()
    return (words[-1].casefold() in UNNAMED_ROLES and "," in chunk
            and re.match(r"\s*(?:A|An|The|a|an|the)\s+[A-Z]", chunk) is not None)


def _person_comma_body(chunk: str) -> Source | None:
    """ "Colin Vane, Harbour Hotel Association said": a person's full name, a comma and
    the body they speak for (no "of" between) is the person, the body their role."""
    left, _, right = chunk.strip(" ,").rpartition(",")
    person = parse_source(left, inverted=False) if left else None
    body = parse_source(right, inverted=False)
    if (person is None or person.kind != "name" or not person.name or body is None
            or body.kind != "org" or len(person.name.split()) < 2
            or not is_given_name(person.name.split()[0])):
        return None
    return Source("name", name=person.name, role=" ".join(right.split()))


def _named_clause_cue(v: _Verb, before: str, chunk: str) -> Cue | None:
    """The clause's subject phrase, or the name opening it; after a comma, a name after
    the verb beats a description before it."""
    comma = before.rstrip().endswith(",")
    src = parse_source(chunk, inverted=False)
    if src is not None and src.kind == "org":
        src = _person_comma_body(chunk) or src
    if _unnamed_spokesperson(src, chunk):
        # "A Department for Media, Culture and Sport spokeswoman said": the phrase names
        # no one, whatever capitals its body's name has
        return v.cue(Source("description", description=" ".join(chunk.split()).strip(" ,")))
    if not _proper_subject(src, before_verb=True):
        src = sentence_subject(chunk)
        if src is None:
            # "... in many ways, said the official": the subject comes after the verb
            return _inverted_cue(v) if comma else None
    elif src is not None and src.kind == "description" and comma:
        # "More than 900 people came, said director Owen Pryce": the name after wins
        after_src = parse_source(v.after(), inverted=True)
        if after_src is not None and after_src.kind in ("name", "org"):
            return v.cue(after_src, inverted=True)
    if src is None or _too_long(src):
        return None
    return v.cue(src)
