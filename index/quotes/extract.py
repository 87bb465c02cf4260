"""Direct quotes of an article with the person who said them.

`extract_quotes` finds quotation spans (index.quotes.spans), reads the speech cues
around each (index.quotes.attribution) and resolves the subject to a person the article
names (index.quotes.names): "Mr. X", a bare surname and "he/she" become the full name given
earlier. Unnamed sources keep their description and no name. Scare quotes and titles
with no speech cue are left out. Extraction never raises: a malformed quote is
skipped and the rest of the article is still read.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from index.lexicon import (
    AUDIENCE_NOUNS,
    BODY_NOUNS,
    BODY_ORGANS,
    BUSINESS_NOUNS,
    CONTINUATION_VERBS,
    COURTESY,
    DEMONYM_NOUNS,
    DEMONYMS,
    DISCOURSE_OPENERS,
    FEMALE_COURTESY,
    FEMALE_FIRST,
    GROUP_NOUNS,
    KIN_NOUNS,
    MALE_COURTESY,
    MALE_FIRST,
    MEDIUM_NOUNS,
    OFFICES_OF_ONE,
    ORG_WORDS,
    OWNED_TEXTS,
    PERSON_NOUNS,
    ROLE_KINDS,
    SOLE_MINISTERS,
    SPEECH_VERBS,
    TITLE_WORDS,
    UNISEX_FIRST,
    UNNAMED_PERSON_NOUNS,
    UNNAMED_ROLES,
)
from index.models import Quote
from index.quotes.attribution import (
    _OBJECT_LEADS,
    PASSIVE_NAMING,
    Cue,
    blank_dateline,
    body_word_before_noun,
    cues_in,
    mask,
    passive_quote_at,
    sentence_subject,
    sentences,
)
from index.quotes.bodies import Bodies, Mentions
from index.quotes.english import is_noun, is_plain_word, is_verb_form, is_verb_only
from index.quotes.names import (
    _PREPOSITION_LEAD,
    _RUN,
    EventKind,
    NameBook,
    NameEvent,
    Source,
    article_words,
    bare,
    gender_of,
    is_adverb_opener,
    is_apposition,
    is_capitalised,
    is_given_name,
    is_initial,
    is_title,
    opens_sentence,
    parse_source,
    plain_words_in,
    stop_cap,
    surnames_in,
)
from index.quotes.spans import Span, find_spans

logger = logging.getLogger(__name__)

# Bump whenever extraction changes: the store re-extracts stored articles when it differs.
EXTRACTOR_VERSION: int = 126

SPEECH_VERB_SET = frozenset(SPEECH_VERBS)
_PARA = 1 << 32  # position = paragraph * _PARA + offset (above any paragraph's length)
_LOOKBACK = 64  # a pronoun looks back over at most this many named subjects and speakers
_SCARE_MAX_WORDS = 4  # a quote this short with no speech cue is a term, title or scare quote
_PREP_BEFORE = re.compile(
    r"(?i)\b(of|to|with|by|for|from|against|about|like|at|in|on|than|and|or|into|over|under|"
    r"after|before|between|among|toward|towards|despite|unlike|including)\s*$"
)


# Whom a quote is credited to: a person, an organisation, an unnamed source with its
# description, or nobody.
AttributionKind = Literal["name", "org", "description", "none"]


@dataclass
class _Attribution:
    speaker: str | None
    role: str | None = None
    description: str | None = None
    kind: AttributionKind = "none"




class _Article:
    """Per-article state: masked paragraphs, sentences, cues, names and events."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paras = paragraphs
        self.spans = find_spans(paragraphs)
        ranges: dict[int, list[tuple[int, int]]] = {}
        for span in self.spans:
            for seg in span.segments:
                ranges.setdefault(seg.paragraph, []).append((seg.mark_start, seg.mark_end))
        self.masked = [blank_dateline(mask(t, ranges.get(p, []))) for p, t in enumerate(paragraphs)]
        self.book = NameBook()
        # capitalised words and adjacent pairs of them, counted once over the article
        self.cap_words: dict[str, int] = {}
        self.cap_pairs: dict[tuple[str, str], int] = {}
        self.mid_caps: set[str] = set()  # capitalised words the article writes mid-sentence
        for m in self.masked:
            prev, prev_end = "", -2
            for w in _CAP_WORD.finditer(m):
                word = bare(w.group(0))
                self.cap_words[word] = self.cap_words.get(word, 0) + 1
                if not opens_sentence(m, w.start()):
                    self.mid_caps.add(word)
                if w.start() == prev_end + 1:
                    self.cap_pairs[(prev, word)] = self.cap_pairs.get((prev, word), 0) + 1
                prev, prev_end = word, w.end()
        # words the article writes in lowercase: a capitalised one of them opens a sentence
        self.lower_words = {w for m in self.masked for w in _LOWER_WORD.findall(m)}
        for p, m in enumerate(self.masked):
            self.book.scan(p * _PARA, m)
        self.bodies = Bodies(self.masked, _PARA)
        self.sents = [sentences(m, t) for m, t in zip(self.masked, paragraphs, strict=True)]
        self.starts = [[lo for lo, _ in ss] for ss in self.sents]
        self.cues: list[list[list[Cue]]] = [
            [cues_in(m, lo, hi) for lo, hi in ss]
            for m, ss in zip(self.masked, self.sents, strict=True)
        ]
        self.texts: dict[str, _Attribution] = {}  # kind of text -> whose it was last
        self.said: dict[str, _Attribution] = {}  # a quote's words -> whose they were first
        self.asker: str | None = None  # who put the question the last quote read asked
        self.credited: dict[int, list[_Attribution]] = {}  # end paragraph -> attributions so far
        self.lead_blank = [len(m) - len(m.lstrip()) for m in self.masked]
        self.subjects: list[NameEvent] = []  # named sentence subjects, in reading order
        self.speakers: list[NameEvent] = []  # named speakers of the quotes read so far, in order
        self.lede: str | None = None  # known once the subjects are read
        # the organisations speaking through cues, in reading order
        self.org_voices = Mentions(
            (p * _PARA + c.position, self.bodies.expand(c.source.name or ""))
            for p, ss in enumerate(self.cues) for cs in ss for c in cs
            if c.source.kind == "org" and c.source.name)
        self._subject_events()
        # the person the story opens with ("Real Madrid midfielder David Beckham has ...")
        opening = [e for e in self.subjects[:1]
                   if e.position < 2 * _PARA and e.kind in ("subject", "speaker")]
        self.lede = opening[0].name if opening else None
        self._demonym_mentions()

    def _demonym_mentions(self) -> None:
        """ "The affair still rankles with the Dutchman": news calls the person its story
        opens on by their nationality instead of their name, so that person is the one a
        later "he said" continues, even past someone quoted indirectly in between."""
        if self.lede is None:
            return
        found = [NameEvent(p * _PARA + m.start(1), self.lede, "subject")
                 for p, text in enumerate(self.masked) for m in _DEMONYM_NOUN.finditer(text)
                 if m.group(1).casefold() in DEMONYM_NOUNS]
        if found:
            self.subjects = sorted(self.subjects + found, key=lambda e: e.position)

    def add_speaker(self, position: int, name: str) -> None:
        """A quote read at `position` was credited to `name` (quotes are read in order)."""
        self.speakers.append(NameEvent(position, name, "speaker"))

    def recent(self, lo: int, hi: int, speakers_only: bool = False) -> list[NameEvent]:
        """Named subjects and speakers with lo <= position < hi, the last _LOOKBACK of each, in
        order.

        Binary searches over two sorted lists: each quote costs O(log n), so an article
        with thousands of names stays linear.
        """
        out: list[NameEvent] = []
        for events in (self.speakers,) if speakers_only else (self.subjects, self.speakers):
            a = bisect.bisect_left(events, lo, key=lambda e: e.position)
            b = bisect.bisect_left(events, hi, key=lambda e: e.position)
            out.extend(events[max(a, b - _LOOKBACK) : b])
        out.sort(key=lambda e: e.position)
        return out

    # -- names -------------------------------------------------------------------
    def _subject_events(self) -> None:
        """Who each sentence is about, in reading order: the named subject of a speech verb
        (a speaker, even in indirect speech), an unnamed one ("a spokesman for ..."), the
        person a "he said" of indirect speech stands for, else the person the sentence
        opens on."""
        for p, ss in enumerate(self.sents):
            for si, (lo, hi) in enumerate(ss):
                cues = self.cues[p][si]
                if self._named_subject(p, cues):
                    # "Google Maps claims ..., but Jo Vane, a historian, isn't so sure"
                    self._coordinate_subject(p, lo, hi)
                elif not (self._described_subject(p, cues) or self._unnamed_subject(p, cues)):
                    self._pronoun_subject(p, lo, hi, cues)

    def _named_subject(self, p: int, cues: list[Cue]) -> bool:
        """A named speaker: the person their quotes get is the subject. True when the
        sentence has a named cue (even one that names no person)."""
        named = next((c for c in cues if c.source.kind == "name"), None)
        if named is None:
            return False
        full = self.book.resolve(named.source.name or "")
        if self.book.is_person(full, speaking=True):
            att = self._name(named.source, record=False, at=p * _PARA + named.position)
            if att.kind == "name" and att.speaker:
                self.subjects.append(NameEvent(p * _PARA + named.position, att.speaker, "speaker"))
        return True

    def _described_subject(self, p: int, cues: list[Cue]) -> bool:
        """ "The spokesman questioned ...": a later "he" is the person the role names."""
        described = next((c for c in cues if c.source.kind == "description"), None)
        if described is None:
            return False
        at = p * _PARA + described.position
        focus = self._focus(described.source.description or "", at)
        if focus is None:
            return False
        self.subjects.append(NameEvent(at, focus, "speaker"))
        return True

    def _unnamed_subject(self, p: int, cues: list[Cue]) -> bool:
        """ "A Labour spokesman later said ...": a later "he said" is his."""
        unnamed = next((c for c in cues if c.source.kind == "description"
                        and _UNNAMED_PERSON.match(c.source.description or "")), None)
        if unnamed is None:
            return False
        description = unnamed.source.description or ""
        self.subjects.append(NameEvent(p * _PARA + unnamed.position, description, "unnamed"))
        return True

    def _pronoun_subject(self, p: int, lo: int, hi: int, cues: list[Cue]) -> None:
        """The person the sentence opens on, then the one its "he"/"she" cue stands for."""
        said = next((c for c in cues if c.source.kind == "pronoun"
                     and c.source.name in ("he", "she")), None)
        self._opening_subject(p, lo, said.position if said is not None else hi)
        if said is None:
            self._coordinate_subject(p, lo, hi)
            self._stance_subject(p, lo, hi)
        if said is not None and said.verb not in _ANSWER_VERBS:
            # "He argued that ...": indirect speech makes its speaker the one a later
            # '"…," he added' continues, as a quote would ("he replied" is left to the
            # quote it credits, which knows who asked)
            at = p * _PARA + said.position
            att = self._pronoun(said.source.name or "", at, said.verb, None)
            if att.speaker:
                self.subjects.append(NameEvent(at, att.speaker, "speaker"))

    def _stance_subject(self, p: int, lo: int, hi: int) -> None:
        """ "… but Stuart is confident that the club has a future. "…," he added": a
        person's stance reported with no speech verb is their word, as indirect speech is,
        for the "he added" after it."""
        self._last_named(_STANCE, p, lo, hi, "speaker")

    def _coordinate_subject(self, p: int, lo: int, hi: int) -> None:
        """ "Bogdanov won last week and claimed ..., but McIlroy is unfazed. He admitted":
        a clause joined by "but"/"while" with a subject of its own makes that person the
        last one the sentence is about."""
        self._last_named(_COORDINATE_SUBJECT, p, lo, hi, "subject")

    def _last_named(self, pattern: re.Pattern[str], p: int, lo: int, hi: int,
                    kind: EventKind) -> None:
        """The person the last match of `pattern` in masked[p][lo:hi] names (its "name"
        group), as an event of `kind`, when the article knows them as a person."""
        last = None
        for m in pattern.finditer(self.masked[p], lo, hi):
            last = m
        if last is None:
            return
        src = parse_source(last.group("name"), inverted=True)
        if src is None or src.kind != "name" or not src.name:
            return
        full = self.book.resolve(src.name)
        if (full in self.book.counts or full in self.book.gender) and self.book.is_person(full):
            self.subjects.append(NameEvent(p * _PARA + last.start("name"), full, kind))

    def _opening_subject(self, p: int, lo: int, hi: int) -> None:
        """The person masked[p][lo:hi] opens on ("The director is Tom Vane"), if any, as a
        subject."""
        fronted = _FRONTED_PHRASE.match(self.masked[p], lo, hi)
        if fronted is not None:
            lo = fronted.end()  # "Regarding the plan, Vane defended it": read after the comma
        text = self.masked[p][lo:hi]
        for m in _RUN.finditer(text):
            before = text[: m.start(1)]
            if (len(before.split()) > 6 or _PREP_BEFORE.search(before)
                    or _VERB_BEFORE.search(before)):
                return  # "The image portrayed Mr Howard": a name after the verb is its object
            if re.match(_PREPOSITION_LEAD, m.group(1)):
                continue  # "Of Vane, she said ...": a name in a fronted phrase is not its subject
            if re.match(r"['\u2019]s\b", text[m.end(1) :]):
                return  # "Putin's negotiator ..." is about someone else
            src = parse_source(m.group(1))
            if src is None or src.kind != "name" or not src.name:
                continue
            full = self.book.resolve(src.name)
            if (len(full.split()) == 1 and is_given_name(full)
                    and _WHO_APPOSITION.match(text, m.end(1))):
                # "Jane, who runs the website, keeps a diary": a person the story names by
                # first name only
                self.book.add(p * _PARA + lo + m.start(1), full)
            if (len(full.split()) < 2 and full not in self.book.counts
                    and full not in self.book.gender):
                continue  # "Harbour" in "Harbour master Maria Alvarez"; "Lord Goldsmith" is known
            if not self.book.is_person(full):
                continue  # "He worked on the Star Wars DVD": a title, not a person
            self.subjects.append(NameEvent(p * _PARA + lo + m.start(1), full, "subject"))
            return

    def _name(self, src: Source, record: bool = True, at: int | None = None) -> _Attribution:
        """The person a name stands for; `record` notes the roles and courtesy titles it came
        with."""
        name = (src.name or "").rstrip("'\u2019")  # "Pedro Mendes' shot": the name without the mark
        tokens = name.split()
        title = None
        while len(tokens) > 1 and is_title(tokens[0]):
            title = bare(tokens[0]).rstrip(".")
            tokens = tokens[1:]
        role_words = (_mood_dropped(src.role) or "").split()
        if len(role_words) > 1 and bare(role_words[-1]).rstrip(".") in COURTESY:
            # "Tory MP Mr Roux": the courtesy title is Roux's, the role the words before it
            title = title or bare(role_words[-1]).rstrip(".")
            role_words = role_words[:-1]
        courtesy = _courtesy_of(title, role_words)
        full, role, label = self._resolve_labelled(tokens, " ".join(role_words) or None,
                                                   courtesy is not None, at)
        full = self._of_the_courtesy_sex(full, tokens, courtesy)
        if role and record:
            self.book.add_roles(full, role.split())
        if role and bare(role).rstrip(".") in COURTESY:
            if record:
                self._note_courtesy(full, bare(role).rstrip("."))
            role = None
        if title in COURTESY and record:
            self._note_courtesy(full, title)
        if not label:
            full, role = self._lead_of_the_name(full, role)
        if not (src.role or title) and not self._named_word(full):
            # "Video games are big business, ...", "Lawyers for ... said": a capitalised
            # common word, not a person the article names
            if _NOT_A_NAME_ALONE.search(name):
                return _Attribution(None)  # "Possibly", "Forty-four" describe nobody
            return _Attribution(None, None, name, "description")
        return _Attribution(full, _role_kept(role), None, "name")

    def _resolve_labelled(self, tokens: list[str], role: str | None, courtesy: bool,
                          at: int | None = None) -> tuple[str, str | None, str | None]:
        """The full name, the role and the label word that opened the name, if one did:
        "Donor Adelson said" is Sheldon Adelson, a donor (a plain noun opening the sentence
        before a person's name is what the person is, not a name word)."""
        label = self._label_before_person(tokens)
        if label:
            role = f"{role} {label}" if role else label
            tokens = tokens[1:]
        full = self.book.resolve(" ".join(tokens), family_first=courtesy, before=at)
        if label and full.split()[0] == label:
            full = " ".join(tokens)  # the book read the label into the name it scanned
        return full, role, label

    def _lead_of_the_name(self, full: str, role: str | None) -> tuple[str, str | None]:
        """A one-word name whose role ends in a capitalised word it never appears without
        ("US behemoth General Electric") takes that word back; so does a word that is no
        one's role alone ("National Rail" beside "Network Rail")."""
        if len(full.split()) != 1 or not role or not is_capitalised(role.split()[-1]):
            return full, role
        lead = role.split()[-1]
        if bare(lead).rstrip(".") in COURTESY or (
                is_title(lead) and not lead.isupper() and bare(lead) not in _TITLES_IN_NAMES):
            return full, role  # "Ms Abbott", "President Obama": a title, not a name word
        pairs = self.cap_pairs.get((bare(lead), bare(full)), 0)
        if pairs >= self.cap_words.get(bare(full), 0) > 0 or (
                bare(lead) in _NEVER_A_ROLE_ALONE and pairs > 0):
            return f"{lead} {full}", " ".join(role.split()[:-1]) or None
        return full, role

    def _label_before_person(self, tokens: list[str]) -> str | None:
        """The first word, when it is a plain word of English the article never capitalises
        mid-sentence and the words after it name a person (a given name and more, or a
        surname the article gave a person in full) or it is a kind of business."""
        parts = tokens[0].split("-") if len(tokens) >= 2 else []
        if (not parts or not all(part.isalpha() for part in parts)
                or not is_capitalised(tokens[0]) or bare(tokens[0]) in self.mid_caps
                or is_given_name(tokens[0])):
            return None
        kind = bare(tokens[0]).casefold()
        if kind.endswith("-based"):
            return tokens[0]  # "Cambridge-based Ubisense": where it is, not its name
        if (kind in _BUSINESS_LABELS or (kind.endswith("maker") and len(kind) > 6)) \
                and not all(bare(t) in ORG_WORDS for t in tokens[1:]):
            return tokens[0]  # "Carmaker Harbour Motors", "Insurer Aviva", "Film-maker"
        if not is_plain_word(parts[-1]) or (len(parts) > 1 and not is_plain_word(parts[0])):
            return None  # a compound of plain words ("Film-maker"), not "Coca-Cola"
        rest = tokens[1:]
        if len(rest) >= 2 and (is_given_name(rest[0]) or is_initial(rest[0])):
            return tokens[0]
        if len(rest) == 1:
            full = self.book.resolve(rest[0])
            if len(full.split()) >= 2 and self.book.is_person(full):
                return tokens[0]
        return None

    def _named_word(self, full: str) -> bool:
        """May a name that came with no title or role stand for a person?

        A single word must not be a common word of this article ("video" written in
        lowercase elsewhere), a participle or a lexicon word, unless the article gave it a
        title or it is a known first name.
        """
        tokens = full.split()
        if len(tokens) != 1 or full in self.book.gender:
            return True
        word = bare(full)
        if word not in self.mid_caps and not is_given_name(full) and _NOT_A_NAME_ALONE.search(full):
            # "Possibly as a result, ...", "Forty-four percent said", "I'd say": a word only
            # ever capitalised by the sentence it opens, with an adverb's or number's form
            return False
        if full in self.book.counts:
            return True
        if _lexicon_word(word):
            return False
        if is_given_name(full):
            return True
        return not (word.endswith("ing") or word in self.lower_words
                    or word.rstrip("s") in self.lower_words)

    def _body_described(self, description: str, pos: int) -> _Attribution | None:
        """The body a definite description stands for: the owner of a text met before ("the
        suit added"), a body of that kind ("the magazine said" after "US magazine Mobile PC",
        "the board" after "Safety Board"), or, for a text ("the report adds"), the one body
        the article has heard from."""
        known = _DEFINITE_MEDIUM.match(" ".join(description.split()))
        if known is not None and _medium_word(known.group(0)) in self.texts:
            return self.texts[_medium_word(known.group(0))]
        if known is not None:
            issued = self._issuer(_medium_word(known.group(0)), pos)
            if issued is not None:  # "Vane did release a statement. "…," the statement said"
                return issued
        body = self.bodies.named(description, pos) or self.bodies.titled(description, pos)
        if body is None and known is not None and known.group("medium").casefold() in _STUDIES:
            body = self._only_body_speaking(pos)
        return _Attribution(body, None, None, "org") if body is not None else None

    def _issuer(self, medium: str, pos: int) -> _Attribution | None:
        """The named subject of the last sentence before `pos`, in its paragraph or the one
        before, that released or issued a text of this kind ("Vane did release a statement")."""
        p0 = pos // _PARA
        for p in range(p0, max(-1, p0 - 2), -1):
            end = pos - p * _PARA if p == p0 else len(self.masked[p])
            for lo, hi in reversed(self.sents[p]):
                if end - hi > _READ_BACK:
                    break  # a bounded look back, whatever the paragraph's length
                if lo >= end:
                    continue
                sentence = self.masked[p][lo : min(hi, end)]
                m = _STATEMENT_ISSUED.search(sentence)
                if m is None or _medium_word(m.group("text")) != medium:
                    continue
                subject = sentence_subject(sentence[: m.start()])
                if subject is None or subject.kind not in ("name", "org"):
                    return None
                return self.attribute(subject, p * _PARA + lo, "said", None)
        return None

    def _only_body_speaking(self, pos: int) -> str | None:
        """The organisation that is the subject of every organisation's cue before `pos`,
        when there is just one (None when none spoke, or several did)."""
        return self.org_voices.only_before(pos)

    def _kin(self, description: str) -> str | None:
        """ "Tom Vane's mother": the one person of his surname the article calls his mother
        by name ("His mother, Ann Vane, ..."), wherever it names her."""
        m = _KIN_OF.match(" ".join(description.split()))
        if m is None or m.group("kin").casefold() not in KIN_NOUNS:
            return None
        owner = self.book.resolve(m.group("owner"))
        surname = bare(owner.split()[-1])
        found = {h for h in self.book.holders.get(m.group("kin").casefold(), set())
                 if h != owner and len(h.split()) > 1 and bare(h.split()[-1]) == surname}
        return found.pop() if len(found) == 1 else None

    def _clause_opener_person(self, description: str, pos: int) -> str | None:
        """ "When Lleyton Hewitt shook his hand, the Australian said": a role or nationality
        right after a subordinate clause that opens on a person refers to that person."""
        words = description.split()
        if words and words[-1].casefold() in DEMONYM_NOUNS:
            words[-1] = words[-1].casefold()  # "the Australian" is read as a role noun
        if _DEFINITE_ROLE.match(" ".join(words)) is None:
            return None
        p, at = divmod(pos, _PARA)
        lo = self.sents[p][self.sentence_of(p, at)][0]
        m = _CLAUSE_THEN_ROLE.match(self.masked[p], lo, at)
        if m is None:
            return None
        full = self.book.resolve(m.group("name"))
        if not self.book.is_person(full, speaking=True) or len(full.split()) < 2:
            return None
        return full

    def _focus(self, description: str, pos: int) -> str | None:
        """The person a definite role refers back to ("the minister", "the 67-year-old").

        News names a person, then calls them by their role: a role the article gave one
        person only ("spokesman Tom Vane" ... "the spokesman said") is that person's while
        they were named in the last two paragraphs; any other title speaks for the last
        person the story was about (a named subject or speaker of the last two paragraphs).
        An indefinite "a minister", a plural or a role nobody was given stays unnamed.
        """
        read = _role_head(description)
        if read is None:
            return None
        words, head, aged = read
        floor = (pos // _PARA - 2) * _PARA
        recent = self.recent(floor, pos)
        qualifiers = {w.casefold() for w in words} & _ROLE_QUALIFIERS
        holder = None if aged else self._sole_holder(head, recent, qualifiers)
        if holder is not None:
            return holder  # "the Lib Dem spokesman" after "Lib Dem spokesman Ann Vane"
        if head in UNNAMED_ROLES or (head in ORG_WORDS and head not in PERSON_NOUNS):
            return None  # "the council said": a body speaks, not the person named last
        if not aged and self._introduced_unnamed(head, floor, pos):
            return None  # "A fashion designer rolled her eyes. "…," said the designer"
        if head not in TITLE_WORDS and head not in PERSON_NOUNS and head not in DEMONYM_NOUNS \
                and not aged and not _person_by_ending(head):
            return None  # "the narrator", "the agency": not a person's role
        quoted = {s.name for s in self.recent(floor + _PARA, pos, speakers_only=True)}
        if not recent:
            person = self._only_person_named(floor, pos, head, aged)
        else:
            person = self._last_person_as(head, aged, recent, quoted, pos, qualifiers)
        if person is not None and bare(person.split()[-1]) in {bare(w) for w in words[1:]}:
            return None  # "the Lincoln actor", "the Vane aide": someone else, named after them
        if person is not None and not (self._may_hold_office(person, words, head)
                                       and self._may_play(person, head)):
            return None  # "Mr Vane was joined by Tom Reed. The prime minister said"
        return person

    def _may_hold_office(self, person: str, words: list[str], head: str) -> bool:
        """Can the description be the person's when it names an office one person holds
        ("the prime minister", "the home secretary", "the judge")? Not when the article
        gave them another office and not this one ("Home Secretary Tom Vane", "singer Jo
        Reed"): news calls the holder by the office whether or not the story is about them."""
        office = _office_of_one(words, head)
        if not office or _TIME_QUALIFIERS & {bare(w) for w in words}:
            return True  # "the former congressman" may hold another office now
        roles = self.book.roles.get(person, set())
        return office <= roles or not (roles & _OWN_OFFICES) - office

    def _may_play(self, person: str, head: str) -> bool:
        """Is the role of a kind the article did not rule out for the person? "Striker Tom
        Vane" is not "the boss", "defence lawyer Jo Reed" not "the witness"."""
        roles = self.book.roles.get(person, set())
        if head in roles or not any(head in kind for kind in ROLE_KINDS):
            return True
        return not any(roles & kind for kind in ROLE_KINDS if head not in kind)

    def _introduced_unnamed(self, head: str, floor: int, pos: int) -> bool:
        """Did the last paragraphs introduce someone by that role with "a" and no name ("a
        fashion designer watched ...") with no named person the subject since? "The
        designer" is then that person. Not "became a designer" or "as a designer", which
        say what a named person is; not "a witness has told jurors" before the witness's
        name and quotes."""
        pattern = _introduction_of(head)
        named = self.recent(floor, pos)
        since = named[-1].position if named else floor  # an introduction after it counts
        last = None
        for p, lo, text in self._text_before(since // _PARA, pos):
            if p * _PARA + lo + len(text) <= since or head not in text:
                continue
            # an introduction before the last named subject never counts: read from there
            start = max(0, since - p * _PARA - lo - _INTRODUCTION_MARGIN)
            for m in pattern.finditer(text, start):
                before = text[max(0, m.start() - _ROLE_REACH) : m.start()].split()
                verb = before[-1] if before else ""
                if verb.casefold() not in _PREDICATE_WORDS and not (
                        verb.endswith(",") and verb[:1].isupper()):
                    last = p * _PARA + lo + m.end()  # ("Tom Reed, a witness": apposition)
        return last is not None and not self.recent(last, pos)

    def _text_before(self, p0: int, pos: int) -> list[tuple[int, int, str]]:
        """The masked text of paragraphs p0 up to `pos`, each as (paragraph, offset, text)
        and cut to its last _READ_BACK characters: a look back at what was just said
        costs the same whatever the paragraph's length (no rescans of a huge one)."""
        p1, at = divmod(pos, _PARA)
        out = []
        for p in range(max(0, p0), p1 + 1):
            end = len(self.masked[p]) if p < p1 else at
            lo = max(0, end - _READ_BACK)
            out.append((p, lo, self.masked[p][lo:end]))
        return out

    def _only_person_named(self, floor: int, pos: int, head: str, aged: bool) -> str | None:
        """ "Norwich have signed midfielder Graham Stuart. "…," the 34-year-old said": with
        nobody named as a subject or speaker in the last paragraphs, the one person they
        name in full, when an age or a role they were given describes them ("The council
        thanked Jo Vane. "…," said the minister" is someone else)."""
        named = {e.name for e in self.book.people_between(floor, pos) if len(e.name.split()) > 1}
        if len(named) != 1:
            return None
        (person,) = named
        return person if aged or head in self.book.roles.get(person, ()) else None

    def _holds_as_said(self, name: str, head: str, qualifiers: set[str]) -> bool:
        """Could the person be the role as the description qualifies it? "Shadow foreign
        secretary Ann Vane" is not "the Foreign Secretary"."""
        roles = self.book.roles.get(name, set())
        return head not in roles or not (roles & _ROLE_QUALIFIERS) - qualifiers

    def _sole_holder(self, head: str, recent: list[NameEvent],
                     qualifiers: set[str]) -> str | None:
        """The one person the article gave this role to, when they were named recently."""
        holders = {h for h in self.book.titled.get(head, set())
                   if self._holds_as_said(h, head, qualifiers)}
        if len(holders) == 1:
            (holder,) = holders
            if any(e.name == holder for e in recent):
                return holder
        return None

    def _last_person_as(self, head: str, aged: bool, recent: list[NameEvent],
                        quoted: set[str], pos: int, qualifiers: set[str]) -> str | None:
        """The last person of the recent ones, when the role can be theirs; else nobody
        (a title never skips back past the person just written about). The person is one
        just quoted, the one the story is about, or the subject the paragraph introduced
        ("Jo Vane, a presenter on Harbour FM, thinks ... says the DJ")."""
        answering = False
        for e in reversed(recent):
            if not self.book.is_person(e.name, speaking=e.name in quoted):
                continue
            if e.name == self.asker and head not in self.book.roles.get(e.name, ()):
                # '"That would be you?" Ann Roux asked. "It would," the senator said': the
                # role answers the one who asked, so it is the speaker quoted before her
                answering = True
                continue
            if not self._holds_as_said(e.name, head, qualifiers):
                return None  # "the Foreign Secretary" is not shadow foreign secretary Vane
            if aged or head in self.book.roles.get(e.name, ()):
                return e.name  # "captain" was said of this person
            introduced = e.kind != "unnamed" and e.position // _PARA == pos // _PARA
            if self._seen_apart(e.name, head, pos):
                return None  # "Brafman made it clear to the judge ... the judge said"
            if ((e.name in quoted or e.name == self.lede or introduced
                 or (answering and e.kind == "speaker"))
                    and not any(h != e.name and self._holds_as_said(h, head, qualifiers)
                                for h in self.book.holders.get(head, set()))):
                # '"...," said Ferdinand. The central defender added: "..."': news varies
                # the words for the person it has just quoted, or the one its story is about
                return e.name
            return None
        return None

    def _guessed_sex(self, full: str) -> bool:
        """Was the person's sex read only from the guesser's table of first names (not a
        title, not the curated lists), with their surname theirs alone in the article?"""
        words = full.split()
        first = bare(words[0]) if len(words) > 1 else ""
        return (bool(first) and first not in MALE_FIRST and first not in FEMALE_FIRST
                and gender_of(full, None) == self.book.gender.get(full)
                and len(self.book.by_last.get(bare(words[-1]), [])) == 1)

    def _seen_apart(self, name: str, head: str, pos: int) -> bool:
        """Did a sentence before `pos` name the person and "the <head>" as two people ("Vane
        made it clear to the judge that ...")? Then "the judge" is never Vane. An
        apposition ("The Bishop of Eastfield, Tom Vane") names one person."""
        both = _person_and_role(name.split()[-1], head)
        for _, _, text in self._text_before(pos // _PARA - 3, pos):
            for m in both.finditer(text):
                gap = m.group("gap") if m.group("gap") is not None else m.group("gap2")
                if gap.rstrip().endswith(","):
                    continue  # "Although Vane withdrew it, the entrepreneur said": one person
                if any(is_verb_only(w) for w in re.findall(r"\b[a-z]+\b", gap)):
                    return True  # a verb between: two people ("Vane told the judge")
        return False

    def _of_the_courtesy_sex(self, full: str, tokens: list[str], courtesy: str | None) -> str:
        """The person "Mrs Vane" stands for when the name it resolved to opens on a man's
        first name ("Roger Vane"): the woman of that surname the story names most, else the
        surname alone (his wife, not Roger); and the same for "Mr" and a woman's name."""
        if courtesy is None or len(tokens) != 1 \
                or not _first_name_of_the_other_sex(full, courtesy):
            return full
        surname = tokens[0]
        fitting = [c for c in self.book.by_last.get(bare(surname), [])
                   if len(c.split()) > 1 and not _first_name_of_the_other_sex(c, courtesy)
                   and _first_name_of_the_other_sex(c, _OTHER_COURTESY[courtesy])]
        return max(fitting, key=lambda c: self.book.counts.get(c, 0)) if fitting else surname

    def _note_courtesy(self, full: str, title: str) -> None:
        """ "Mrs Vane" says Vane is a woman, "Mr Vane" a man; "Dr Vane" says nothing. It
        overrules a first name whose sex was only guessed ("Nicky Gavron" ... "Ms Gavron")
        when nobody else in the article has that surname."""
        if full in self.book.gender and not self._guessed_sex(full):
            return
        if title in FEMALE_COURTESY:
            self.book.gender[full] = "f"
        elif title in MALE_COURTESY:
            self.book.gender[full] = "m"

    def _pronoun(self, pronoun: str, pos: int, verb: str,
                 last: _Attribution | None) -> _Attribution:
        """The person "he" or "she" stands for: the last fitting one of the groups tried in
        turn; "they"/"it" go on with an organisation or unnamed source just quoted."""
        if pronoun in ("they", "it", "we", "i", "you"):
            if (pronoun in ("they", "it") and last is not None
                    and last.kind in ("org", "description")):
                return last
            return _Attribution(None)  # "we", "you": nobody the story names
        want = "m" if pronoun == "he" else "f"
        # '"Did you see it?" Mr Reed asked. "No," he replied': who replies was asked
        asker = self.asker if verb in _ANSWER_VERBS else None
        for group in self._pronoun_groups(pos, verb, want):
            for e in reversed(group):
                if self._fits(e, want) and not self.bodies.knows(e.name) and e.name != asker:
                    return self._credit_pronoun(e, want)  # "he" is no "firm Aguas Argentinas"
        return _Attribution(None)  # an unresolved "he" names nobody: never shown as a source

    def _pronoun_groups(self, pos: int, verb: str, want: str) -> list[list[NameEvent]]:
        """Where a pronoun's person is looked for, in turn; the last fitting one of a group
        wins."""
        floor = (pos // _PARA - 3) * _PARA
        prior = self.recent(floor, pos)
        order: list[list[NameEvent]] = []
        if verb in CONTINUATION_VERBS:
            order.append([e for e in prior if e.kind in ("speaker", "unnamed")])
        else:
            order.append(self._introduced(prior[-1].position if prior else floor, pos, want))
        order.append(prior)
        # then a person the last paragraphs named without making them a subject
        # ("... did not impress shadow minister Tim Collins. "…," he said")
        order.append(self.book.people_between(floor, pos))
        order.append(self.recent(0, pos, speakers_only=True))
        return order

    def _introduced(self, after: int, pos: int, want: str) -> list[NameEvent]:
        """People introduced since the last named subject or speaker, in this paragraph or
        the one before: a first mention of a full name with an apposition ("the choice of
        Tom Vane, editor of the Gazette. He said ..."). News names a new voice that way
        and goes on with "he". Not when the sentence's own subject could be the pronoun
        ("Vane paid tribute to Jo Roux, who ... "…," he said" is Vane's)."""
        lo = max(after + 1, (pos // _PARA - 1) * _PARA)
        out: list[NameEvent] = []
        for e in self.book.people_between(lo, pos):
            if len(e.name.split()) < 2 or self.book.first_at(e.name) != e.position:
                continue
            p, at = divmod(e.position, _PARA)
            text = self.masked[p]
            k = text.find(e.name, at)
            if k < 0:
                continue
            m = _APPOSITION_AFTER.match(text, k + len(e.name))
            described = (m is not None and is_apposition(m.group(1))
                         and not m.group(1).startswith("which")
                         and not _PARTICIPLE_START.match(m.group(1)))
            if (described or self._voice_named_last(p, k, k + len(e.name), pos)) \
                    and not self._subject_could_be(p, at, want):
                # "... didn't shock author and historian Kate Williams. "…," she said": a
                # new voice named last in its sentence, with what they are
                out.append(e)
        return out

    def _voice_named_last(self, p: int, k: int, end: int, pos: int) -> bool:
        """Does masked[p][k:end], a name after its role, end the sentence right before
        the one at `pos`, as the object of a verb ("The news didn't shock author and
        historian Kate Williams.")? Not after a preposition ("talks for striker Ann Roux")."""
        text = self.masked[p]
        role = _ROLE_RIGHT_BEFORE.search(text, max(0, k - _ROLE_REACH), k)
        if role is None or _SENTENCE_ENDS_HERE.match(text, end) is None:
            return False
        q, at = divmod(pos, _PARA)
        if q != p or self.sentence_of(p, at) != self.sentence_of(p, end) + 1:
            return False
        before = _ROLE_WORDS_BEFORE.search(text, max(0, role.start() - _ROLE_REACH),
                                           role.start())
        lead = text[self.sents[p][self.sentence_of(p, k)][0] : before.start() if before
                    else role.start()].split()
        return not lead or bare(lead[-1]).casefold() not in _PREPOSITIONS

    def _subject_could_be(self, p: int, at: int, want: str) -> bool:
        """Does the sentence holding masked[p][at] open on a person of the pronoun's gender
        (or of unknown gender) before that point?"""
        lo = self.sents[p][self.sentence_of(p, at)][0]
        lead = _PRONOUN_LEAD.match(self.masked[p], lo, at)
        if lead is not None:  # "But she was pleased to make up with actress Jo Roux, ..."
            return lead.group(1).casefold() == ("he" if want == "m" else "she")
        src = sentence_subject(self.masked[p][lo:at])
        if src is None or src.kind not in ("name", "pronoun"):
            return False
        if src.kind == "pronoun":
            return src.name == ("he" if want == "m" else "she")
        full = self.book.resolve(src.name or "")
        if not self.book.is_person(full, speaking=True):
            return False
        g = self.book.gender_for(full)
        return g is None or g == want

    def _fits(self, e: NameEvent, want: str) -> bool:
        """Can the person (or unnamed source) be the pronoun's gender, as far as is known?"""
        if e.kind == "unnamed":
            g = _unnamed_gender(e.name)
        else:
            g = self.book.gender_for(e.name)
        return g is None or g == want

    def _credit_pronoun(self, e: NameEvent, want: str) -> _Attribution:
        """The pronoun's attribution; a person of unknown gender learns the pronoun's."""
        if e.kind == "unnamed":
            return _Attribution(None, None, e.name, "description")
        if self.book.gender_for(e.name) is None:
            self.book.gender[e.name] = want
        return _Attribution(e.name, None, None, "name")

    def attribute(self, src: Source, pos: int, verb: str,
                  last: _Attribution | None) -> _Attribution:
        if src.kind in ("name", "org") and _role_ending(src.name or ""):
            # "The Glasgow Kelvin MP, who ..., accused": a role with a place, not a name
            src = Source("description", description=f"the {src.name}")
        elif src.kind == "name" and _never_a_name(src.name or "") and not (
                bare(src.role or "").rstrip(".") in COURTESY
                or len(self.book.resolve(src.name or "").split()) > 1):
            # "the 24-year-old Swiss added": a nationality, with or without its role,
            # describes the person the story is about
            src = Source("description", description=" ".join(
                w for w in ("the", src.role, src.name) if w))
        if src.kind == "name":
            return self._name(src, at=pos)
        if src.kind == "org":
            tokens = (src.name or "").split()
            label = self._label_before_person(tokens)
            if label:  # "Carmaker Harbour Motors": the kind of business, then its name
                return _Attribution(self.bodies.expand(" ".join(tokens[1:])), label, None, "org")
            if len(tokens) == 1 and bare(tokens[0]) in BODY_NOUNS:
                # "the Bank's minutes", "the Commission said": the short form of the body
                # the story named in full ("the Bank of England")
                full = self.bodies.titled("the " + bare(tokens[0]), pos)
                if full is not None:
                    return _Attribution(full, None, None, "org")
            return _Attribution(self.bodies.expand(src.name or ""), None, None, "org")
        if src.kind == "pronoun":
            return self._pronoun(src.name or "", pos, verb, last)
        if src.kind == "description":
            return self._described(src.description or "", pos, verb, last)
        return _Attribution(None)

    def _described(self, description: str, pos: int, verb: str,
                   last: _Attribution | None) -> _Attribution:
        """An unnamed subject: the owner of a text, the body or person it refers back to,
        else the description itself."""
        owner = _medium_owner(description)
        if owner is not None:
            att = self.attribute(owner, pos, verb, last)
            if att.speaker:
                self.texts[_medium_word(description)] = att
                return att
            if owner.kind != "pronoun" or att.description:
                return att
            # "its report" whose owner nobody names: the text is the description
            return _Attribution(None, None, description, "description")
        organ = _ORGAN.match(" ".join(description.split()))
        if organ is not None and not self.book.is_person(self.book.resolve(organ.group("owner"))):
            # "Eastfield United's board": the body its board speaks for
            return _Attribution(organ.group("owner"), None, None, "org")
        body = self._body_described(description, pos)
        if body is not None:
            return body
        kin = self._kin(description)
        if kin is not None:
            return _Attribution(kin, None, None, "name")
        opener = self._clause_opener_person(description, pos)
        if opener is not None:  # "When Lleyton Hewitt shook his hand, the Australian said"
            return _Attribution(opener, None, None, "name")
        focus = self._focus(description, pos)
        if focus is not None:  # "the England captain said", after his name
            return _Attribution(focus, None, None, "name")
        return _Attribution(None, None, description, "description")

    # -- cues ----------------------------------------------------------------------
    def sentence_of(self, p: int, offset: int) -> int:
        """Index of the sentence of paragraph p holding offset (a binary search: linear overall)."""
        si = bisect.bisect_right(self.starts[p], offset) - 1
        if 0 <= si < len(self.sents[p]) and offset < self.sents[p][si][1]:
            return si
        return max(0, len(self.sents[p]) - 1)

    def resolve_cue(self, p: int, si: int, cue: Cue,
                    last: _Attribution | None) -> _Attribution | None:
        pos = p * _PARA + cue.position
        if cue.source.kind != "inherit":
            return self.attribute(cue.source, pos, cue.verb, last)
        earlier = [c for c in self.cues[p][si]
                   if c.position < cue.position and c.source.kind != "inherit"]
        if earlier:
            return self.attribute(earlier[-1].source, p * _PARA + earlier[-1].position,
                                  earlier[-1].verb, last)
        lo = self.sents[p][si][0]
        chunk = self.masked[p][lo : cue.position]
        subject = sentence_subject(chunk) or _unnamed_clause_subject(
            self.masked[p][lo : cue.position + len(cue.verb)])
        if subject is not None:
            return self.attribute(subject, p * _PARA + lo, cue.verb, last)
        return None  # the caller falls back on context

    def pick_cue(self, span: Span) -> tuple[Cue, int, int] | None:
        first, final = span.segments[0], span.segments[-1]
        p0, p1 = first.paragraph, final.paragraph
        s0 = self.sentence_of(p0, first.mark_start)
        s1 = self.sentence_of(p1, max(final.mark_end - 1, final.mark_start))
        best: tuple[float, Cue, int, int] | None = None
        set_off = _name_setting_off(self, span) if self.cues[p0][s0] else None
        for p, si in {(p0, s0), (p1, s1)}:
            for cue in self.cues[p][si]:
                dist = self._cue_distance(cue, p, span, set_off)
                if dist is not None and (best is None or dist < best[0]):
                    best = (dist, cue, p, si)
        if best is None:
            return None
        return best[1], best[2], best[3]

    def _cue_distance(self, cue: Cue, p: int, span: Span,
                      set_off: tuple[int, Source] | None) -> float | None:
        """How far the cue stands from the quote, with penalties for what lies between;
        None when the cue cannot be the quote's. `set_off`: the name the quote is set off
        after by a dash, if any (read once per quote)."""
        first, final = span.segments[0], span.segments[-1]
        if _names_passively(cue) and not (p == first.paragraph and passive_quote_at(
                self.masked[p], cue.position + len(cue.verb), first.mark_start)):
            return None  # "was described as a "revelatory debut" which showed "…"""
        if p == final.paragraph and cue.position >= final.mark_end:
            if cue.across and "\x00" not in self.masked[p][final.mark_end : cue.position]:
                return None  # the quote is inside the cue's subject phrase (a book title)
            dist = cue.position - final.mark_end
            between = self.masked[p][final.mark_end : cue.position]
            if "\x00" in between:
                dist += 40
            if _NEXT_CLAUSE.match(between):
                # 'He had promised to keep it "lean," and, according to Reuters,
                # once told analysts ...': the cue belongs to the next clause
                dist += 60
            return dist
        if p == first.paragraph and cue.position < first.mark_start:
            if _in_aside_before(self.masked[p], cue.position, first.mark_start):
                return None  # '"A" - at which point the crowd chanted "B" - "C"'
            if set_off is not None and set_off[0] > cue.position:
                return None  # 'has said the same, including Ann Moss -- "…" --': hers
            if _RIGHT_BEFORE_QUOTE.fullmatch(
                    self.masked[p], cue.position + len(cue.verb), first.mark_start):
                # 'When someone shouted, "Cruz," Beck joked': the verb that opens the
                # quote is its cue, before any verb after it
                return 0
            return first.mark_start - cue.position + 5
        return None


# a role noun in lower case right before a name ("historian Kate Williams")
_ROLE_RIGHT_BEFORE = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(TITLE_WORDS | PERSON_NOUNS)) + r")\s+$")
_SENTENCE_ENDS_HERE = re.compile(r"\s*[.:]")
# the words of a role before its head noun ("British author and")
_ROLE_WORDS_BEFORE = re.compile(
    r"(?:(?:[A-Z][\w'\u2019.-]*|and|" + "|".join(sorted(TITLE_WORDS | PERSON_NOUNS))
    + r")\s+){1,3}$")
# a name after a preposition is its object ("talks for striker Ann Roux"); not after "by",
# which names an agent ("welcomed by shadow secretary Ann Roux." is her word)
_PREPOSITIONS = frozenset(_OBJECT_LEADS) - {"by"}
# nothing but a comma or colon between a speech verb and the quote it opens
_RIGHT_BEFORE_QUOTE = re.compile(r"\s*[,:]?\s*")
# "Rooney, who believes", "Beijing, which described": the name the relative clause is about
_RELATIVE_SUBJECT = re.compile(
    r"(?:^|[\s(])((?:[A-Z][\w.'\u2019\-]*\s+){0,3}[A-Z][\w'\u2019\-]*),\s+(?:who|which)"
    r"(?:\s+[a-z]+){1,4}$"
)
# "A spokesman for the Casino Association, which represents ..., said", "The firm closed
# the book on Friday, saying", "the Eastfield boss is quoted as saying": the clause opens on
# a described subject, its verb straight after (or after an aside set off by commas)
_DESCRIBED_SUBJECT = re.compile(
    r"^(?:(?:But|And|So|Yet|Now)\s+)?(?P<np>(?i:the|a|an)\s+[^,;:\x00]{1,80}?)"
    r"(?:,[^,\x00]{1,120},)?\s+(?:\w+ly\s+)?"
    r"(?:is|was|has|had|have|will|would|were|are|said|says|told|[a-z]{2,}ed|[a-z]{2,}[^\Wsu]s)\b"
)
# "the claim was denied by a spokesman, who said": a passive subject is not the speaker
_PASSIVE = re.compile(r"\b(?:is|was|were|are|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en)\s+by\b")


def _unnamed_clause_subject(chunk: str) -> Source | None:
    """The subject of a participle's clause when it is no name at its start: the name a
    "who" clause is about, else a described subject ("The firm ..., saying"), so that the
    quote is not handed to whoever the context last named."""
    after_quote = chunk[max(chunk.rfind("\x00"), chunk.rfind(";")) + 1 :].strip(" ,\u00a0")
    rel = _RELATIVE_SUBJECT.search(after_quote)
    if rel is not None:
        src = parse_source(rel.group(1), inverted=True)
        if src is not None and src.kind in ("name", "org"):
            return src
    for clause in (chunk.strip(" \u00a0"), after_quote):
        if _PASSIVE.search(clause):
            continue
        m = _DESCRIBED_SUBJECT.match(clause)
        if m is not None and len(m.group("np").split()) <= 10:
            return Source("description", description=m.group("np").strip())
    return None


# after a speech verb: at most three words, a colon, then a quotation opens ("Vane added:
# \u201c…", "she said on Monday: \u201c…"); "said, adding: …" hands over to another verb
_COLON_THEN_QUOTE_RE = re.compile(r"((?:\s+[\w'\u2019-]+){0,3}?)\s*:\s*\x00")


def _opens_next_quote(masked: str, cue: Cue) -> bool:
    """Does the cue end in a colon that opens the quote after it (so it is not the one before's)?"""
    m = _COLON_THEN_QUOTE_RE.match(masked, cue.position + len(cue.verb))
    return m is not None and not any(w.casefold() in SPEECH_VERB_SET for w in m.group(1).split())


# "Ann Moss, the chairman of the county party, said": a name and its apposition
_NAME_APPOSITION = re.compile(
    r"^\s*(?:[A-Z][\w.'\u2019\-]*\s+){0,4}[A-Z][\w'\u2019\-]*,[^,\x00]{2,120},\s*(?:[a-z]+ly\s+)?$"
)
# '"…" Moss said of the meeting he had with the candidate last week.': what follows the
# verb tells about the saying, not what was said, so the sentence is only the cue
_REPORTING_VERBS = frozenset({"said", "says", "added", "adds", "wrote", "writes"})
_CIRCUMSTANCE_AFTER = re.compile(r"^\s*(?:of|about|in\s+an?|during|after)\b(?![^\x00]*\bthat\b)")


def _short_cue_sentence(art: _Article, p: int, si: int) -> Cue | None:
    """`"..." Smith said.` written as its own sentence right after the quote."""
    if si + 1 >= len(art.sents[p]):
        return None
    lo, hi = art.sents[p][si + 1]
    cues = art.cues[p][si + 1]
    if not cues or cues[0].source.kind == "inherit":
        return None
    # the cue opens the next sentence: '"Not paid!" LeVell declared, a point he likes'
    lead = art.masked[p][lo : cues[0].position]
    if "\x00" in lead or (len(lead.split()) > 6 and not _NAME_APPOSITION.match(lead)):
        return None
    if _CONTRAST_OPENER.match(lead):
        return None  # '"…" But Sky denied the programme broke the rules': another voice
    if _opens_next_quote(art.masked[p], cues[0]):
        return None  # '"…" Ann Vane said: "…"': her cue opens the quote after it
    text = art.masked[p][lo:hi]
    after = art.masked[p][cues[0].position + len(cues[0].verb) : hi]
    if len(text.split()) > 10 and not (cues[0].verb in _REPORTING_VERBS
                                       and _CIRCUMSTANCE_AFTER.match(after)):
        # a long sentence is the cue only when the quote's "!" or "?" split it off
        end = art.sents[p][si][1]
        k = end
        while k > 0 and art.paras[p][k - 1] in " \t\u201d\"'\u00bb\u2019":
            k -= 1
        if k == 0 or art.paras[p][k - 1] not in "!?":
            return None
    return cues[0]


# a sentence opening on a contrast answers the quote before it, never credits it
_CONTRAST_OPENER = re.compile(r"\s*(?:But|However|Yet|Although|Though|Still)\b")


_SUBJECT_THEN_VERB = re.compile(
    r"^(?P<name>(?:[A-Z][\w.'\u2019\-]*\s+){0,4}[A-Z][\w'\u2019\-]*)(?P<appo>,[^,\x00]{2,160},)?"
    r"\s+(?:\w+ly\s+)?(?P<verb>[a-z]+)\b(?:\s+(?P<next>\w+))?"
)


# 'has deemed Tuesday "Harbour Day"': a name given, not words said ("been": a passive)
_NAMING_PARTICIPLES = frozenset(
    "been deemed termed named dubbed christened titled entitled".split())
# a relative clause with its own finite verb, still open where the quote starts (read in
# the clause's last characters only: an open clause is short, and the search stays linear)
_RELATIVE_TAIL = 300
_RELATIVE_WORD = re.compile(
    r"\b(?:that|which|who)\s+(?:has|have|had|is|was|are|were)\s[^,;:\u2014\x00]*$")
_MEDIA = "(?:" + "|".join(re.escape(text) for text in OWNED_TEXTS) + ")"
_MEDIUM_ADJ = r"(?:(?:new|latest|official|own|annual|final|recent|written|joint|\w+day)\s+)?"
# "United's statement to the stock exchange", "Vane's report earlier this year into ...":
# where and when the text went out is no part of its owner
_MEDIUM_TAIL = (r"(?:\s+(?:to|on|in|at|for|from|with|into|about|over|earlier|last|this|"
                r"published|released|issued)\s+[^,;:]*)?$")
_OWNED_MEDIUM = re.compile(
    r"^(?:(?i:the|a|an|one|another|in|from)\s+)?"
    r"(?P<owner>(?:[A-Z][\w.&'\u2019\-]*\s+)*[A-Z][\w.&\-]*?)(?:['\u2019]s?)?\s+"
    + _MEDIUM_ADJ + r"(?P<medium>" + _MEDIA + r")" + _MEDIUM_TAIL
)
# "Her lawsuit", "its statement": the text of whoever the pronoun stands for
_PRONOUN_MEDIUM = re.compile(
    r"^(?i:in\s+)?(?P<owner>(?i:his|her|their|its))\s+" + _MEDIUM_ADJ
    + r"(?P<medium>" + _MEDIA + r")" + _MEDIUM_TAIL
)
# "The council's statement", "the club's website": the text of a body named before by its kind
_BODY_MEDIUM = re.compile(
    r"^(?P<owner>(?i:the)\s+(?:[a-z]+\s+)?(?:" + "|".join(sorted(BODY_NOUNS)) + r"))"
    r"['\u2019]s?\s+" + _MEDIUM_ADJ + r"(?P<medium>" + _MEDIA + r")" + _MEDIUM_TAIL
)
# "Eastfield United's board", "the Harbour Bank's directors": a named body's governing group
_ORGAN = re.compile(
    r"^(?:(?i:the)\s+)?(?P<owner>(?:[A-Z][\w.&\-]*\s+){0,4}[A-Z][\w.&\-]*?)['\u2019]s?\s+"
    r"(?P<organ>" + "|".join(sorted(BODY_ORGANS)) + r")$"
)
_OWNER_PRONOUN = {"his": "he", "her": "she", "their": "they", "its": "it"}
# "the suit added", "the statement said": a text the article has already given an owner
_DEFINITE_MEDIUM = re.compile(r"^(?i:the|this|that)\s+(?P<medium>" + _MEDIA + r")$")


# words that make a role another one than its head alone ("shadow foreign secretary")
_ROLE_QUALIFIERS = frozenset("shadow deputy vice acting junior assistant".split())
# offices news writes with a capital when it calls their holder by them ("the King said")
_CAPITALISED_OFFICES = frozenset(
    """king queen pope prince princess emperor empress sheikh duke duchess bishop archbishop
    cardinal president chancellor""".split())


# the last word of an office of several capitalised words ("the Home Secretary")
_OFFICE_HEADS = frozenset(
    "secretary minister chancellor president governor commissioner secretary-general".split())


# endings English gives only to words for people ("entrepreneur", "economist",
# "historian", "businessman")
_PERSON_ENDINGS = ("eur", "ist", "ian", "man", "woman")
_SHORT_NOUN = 5  # "list", "twist", "plan" are no people


def _person_by_ending(head: str) -> bool:
    """Is the role noun, by its ending, a word for a person ("the entrepreneur said")?"""
    return len(head) > _SHORT_NOUN and head.endswith(_PERSON_ENDINGS) and is_noun(head)


@functools.lru_cache(maxsize=1024)
def _person_and_role(surname: str, head: str) -> re.Pattern[str]:
    """A surname and "the <head>" in one sentence, either way round, with what is between."""
    name, role = re.escape(surname), r"\bthe\s+" + re.escape(head) + r"\b"
    return re.compile(
        r"\b" + name + r"\b(?P<gap>[^.!?\x00]*?)" + role
        + r"|" + role + r"(?P<gap2>[^.!?\x00]*?)\b" + name + r"\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def _introduction_of(head: str) -> re.Pattern[str]:
    """ "a fashion designer", "one designer", with no name after it."""
    return re.compile(
        r"(?<![\w-])(?i:a|an|one|another)\s+(?:[\w'\u2019-]+\s+){0,3}"
        + re.escape(head) + r"(?![\w-])(?!\s*,?\s*(?:named\s+|called\s+)?[A-Z])")


def _role_head(description: str) -> tuple[list[str], str, bool] | None:
    """A definite role's words, its head noun and whether it is an age ("the 67-year-old"),
    or None when the description is no definite role."""
    # "the star of Rain Man and Tootsie": the role is the noun before its "of" phrase
    words = re.sub(r"\s+of\s.*$", "", " ".join(description.split())).split()
    if words and (words[-1].casefold() in DEMONYM_NOUNS or (
            len(words) == 2 and words[-1].casefold() in _CAPITALISED_OFFICES)):
        # "the Dutchman", "the King", "the Pope": a role noun, capitalised as news does
        words[-1] = words[-1].casefold()
    elif 3 <= len(words) <= 4 and words[0].casefold() == "the" and all(
            w[:1].isupper() for w in words[1:]) and words[-1].casefold() in _OFFICE_HEADS:
        # "the Foreign Secretary", "the Prime Minister": an office, as news capitalises it
        words = ["the"] + [w.casefold() for w in words[1:]]
    m = _DEFINITE_ROLE.match(" ".join(words))
    if m is None:
        return None
    head = m.group("head").casefold()
    if "-of-" in head:
        head = head.split("-")[0]  # "the mother-of-three" is a mother
    if head.startswith(("co-", "vice-", "ex-")):
        head = head.split("-", 1)[1]  # "the Tory co-chairman" is a chairman
    return words, head, bool(m.group("age"))


def _courtesy_of(title: str | None, role_words: list[str]) -> str | None:
    """The courtesy title a name came with ("Mrs Vane"), before it or as its whole role."""
    if title in COURTESY:
        return title
    if len(role_words) == 1 and bare(role_words[0]).rstrip(".") in COURTESY:
        return bare(role_words[0]).rstrip(".")
    return None


# a courtesy title of the other sex, to ask whether a first name is certainly this one's
_OTHER_COURTESY = {"mr": "mrs", "mrs": "mr", "ms": "mr", "miss": "mr"}


def _first_name_of_the_other_sex(full: str, courtesy: str) -> bool:
    """Does a courtesy title contradict the first name the lists know for certain ("Mrs"
    and "Roger Vane", "Mr" and "Susan Vane")? A guessed or shared first name does not."""
    words = full.split()
    first = bare(words[0]) if len(words) > 1 else ""
    if not first or first in UNISEX_FIRST:
        return False
    return ((courtesy in FEMALE_COURTESY and first in MALE_FIRST)
            or (courtesy in MALE_COURTESY and first in FEMALE_FIRST))


def _office_of_one(words: list[str], head: str) -> set[str]:
    """The words of an office one person holds at a time that a definite role names ("the
    former president" -> {"president"}, "the prime minister" -> {"prime", "minister"},
    "the home secretary" -> {"home", "secretary"}); empty for any other role."""
    before = [bare(w) for w in words[1:-1]]
    if head in OFFICES_OF_ONE:
        return {head}
    if head == "minister" and SOLE_MINISTERS & set(before):
        return {head} | (SOLE_MINISTERS & set(before))
    if head == "secretary" and before and before[-1] in TITLE_WORDS \
            and before[-1] not in _TIME_QUALIFIERS | _ROLE_QUALIFIERS:
        return {before[-1], head}
    return set()


# words that say when a role was held, not which one it is ("the former president")
_TIME_QUALIFIERS = frozenset("former then late ex acting interim outgoing new".split())
# roles that are an office or trade of their own: a person given one of them ("Home
# Secretary Tom Vane", "singer Jo Reed") is not "the prime minister" or "the judge" (a
# candidate or a party's leader may also hold an office, so those are not here)
_OWN_OFFICES = OFFICES_OF_ONE | frozenset(
    """secretary minister chairman chairwoman spokesman spokeswoman spokesperson ceo
    director singer actor actress mp msp mep""".split())


def _never_a_name(name: str) -> bool:
    """A one-word "name" that is a nationality ("Swiss", "Anglo-Dutch"), a nation's noun, a
    title or a lexicon stop word: no person's name unless the article gives it a first name
    or a courtesy title ("Oliver Irish", "Mr King")."""
    words = name.split()
    if len(words) != 1:
        return False
    word = bare(words[0])
    return _lexicon_word(word) or word.casefold() in DEMONYM_NOUNS


def _lexicon_word(word: str) -> bool:
    """A title, a stop word or a nationality adjective ("Anglo-Dutch"): never a name alone."""
    return (word in TITLE_WORDS or stop_cap(word)
            or all(part in DEMONYMS for part in word.split("-")))


def _role_ending(name: str) -> bool:
    """Does a capitalised phrase end in a role and open on no first name ("Glasgow Kelvin
    MP", "Harbour Council Leader"), so it describes a person instead of naming one?"""
    words = name.split()
    last = bare(words[-1]).rstrip(".") if words else ""
    return (len(words) > 1 and last in TITLE_WORDS and last not in _NOT_ROLE_ENDINGS
            and not is_given_name(words[0]) and not is_title(words[0]))


# title words that also end the names of parties, bodies and countries ("New Labour",
# "Amnesty International UK"): such a phrase is an organisation, not a role
_NOT_ROLE_ENDINGS = frozenset(
    """
    uk us u.s u.k eu un nato labour labor tory conservative liberal democrat democratic
    republican gop national federal house senate state home foreign interior security
    defence defense justice treasury finance health white council former acting interim ex
    then late shadow general minority majority presidential executive
    """.split()
)


def _medium_word(description: str) -> str:
    """The kind of text a description names, as one key ("lawsuit" and "suit" alike)."""
    m = re.search(_MEDIA + r"\b", description.casefold())
    word = m.group(0) if m else description.casefold()
    return "suit" if word == "lawsuit" else word


def _medium_owner(description: str) -> Source | None:
    """ "the IMF report", "Vale's Facebook post", "her lawsuit": the organisation or person
    behind a text."""
    mp = _PRONOUN_MEDIUM.match(description.strip())
    if mp is not None:
        return Source("pronoun", name=_OWNER_PRONOUN[mp.group("owner").casefold()])
    mb = _BODY_MEDIUM.match(description.strip())
    if mb is not None:  # "the council's statement": the body the story named before
        return Source("description", description=mb.group("owner").casefold())
    m = _OWNED_MEDIUM.match(description.strip())
    if m is None:
        return None
    owner = m.group("owner").split()
    for k, tok in enumerate(owner):
        if re.search(r"['\u2019]s?$", tok):  # "Bush's Facebook post" is Bush's
            owner = owner[: k + 1]
            break
    src = parse_source(re.sub(r"['\u2019]s?$", "", " ".join(owner)), inverted=True)
    return src if src is not None and src.kind in ("name", "org") else None


_SUBORDINATE = (
    r"(?i)^\s*(?:when|while|if|although|though|after|before|because|since|as|once|until|unless"
    r"|whether)\b"
)
_NOT_SUBJECT_VERB = frozenset(
    "of and or for to in on at from with by was were is are be been being gets got has had".split()
)


def _clause_subject(art: _Article, p: int, si: int, quote_at: int) -> Source | None:
    """The named subject of the sentence a cue-less quote sits inside.

    "President Vale released a statement condemning "…"" and "Vale is labeling the plan
    "a blatant abuse"" quote the subject's words: the sentence opens (after any leading
    phrase ending in a comma) with a name followed by its verb.
    """
    lo = art.sents[p][si][0]
    lead = art.masked[p][lo:quote_at]
    if not lead.strip() or "\x00" in lead:
        return None
    if lead.rstrip().endswith(":") and re.search(r"\s[-\u2014\u2013]+\s", lead):
        return None  # "HEADLINE - Carl Bialik: ..." is read by the caller's colon rule
    segments = [seg for seg in re.split(r"[;:\u2014]", lead) if seg.strip(" ,\u00a0")]
    if not segments:
        return None
    clause = segments[-1].lstrip()
    parts = clause.split(",")
    candidates: list[str] = []
    if len(parts) > 1 and (re.match(_PREPOSITION_LEAD, parts[0]) or re.match(_SUBORDINATE, parts[0])
                           or is_adverb_opener(parts[0])):
        # "In Washington, ..." / "When X arrived, ..."
        candidates.append(",".join(parts[1:]).lstrip())
    if re.match(_SUBORDINATE, clause):
        # "While Mr. Ryan, representing ..."
        candidates.append(re.sub(_SUBORDINATE + r"\s*", "", clause))
    if not candidates:
        candidates.append(clause)
    for candidate in candidates:
        src = _subject_of(candidate)
        if src is not None:
            return src
    return None


def _subject_of(clause: str) -> Source | None:
    """The name opening a clause when a verb follows it (after an optional apposition)."""
    if re.match(_PREPOSITION_LEAD, clause):
        return None  # "From Vale's post: ..." has no subject
    m = _SUBJECT_THEN_VERB.match(clause)
    if m is None or re.search(r"['\u2019]s?\s", m.group("name") + " "):
        return None
    if (m.group("verb") in GROUP_NOUNS or m.group("verb") in TITLE_WORDS
            or body_word_before_noun(m.group("name"), m.group("verb"))
            or (is_noun(m.group("verb")) and not is_verb_form(m.group("verb")))):
        # "City experts say", "Harbour master Ann Roux", "Court documents show", "The
        # British producers": a modifier and a noun, not a name and its verb
        return None
    nxt = m.group("next") or ""
    if m.group("verb") in _NOT_SUBJECT_VERB and not (
        (m.group("verb") in {"is", "was", "are", "were"} and nxt.endswith("ing"))
        or (m.group("verb") in {"has", "had"} and nxt.endswith(("ed", "en"))
            and nxt not in _NAMING_PARTICIPLES)
    ):
        # "X was asked by ..." is not X speaking; "X is labeling ..." and "X has called
        # the plan ..." are
        return None
    if m.group("appo") and not is_apposition(m.group("appo").strip(",")):
        return None
    if _RELATIVE_WORD.search(clause, max(m.end(), len(clause) - _RELATIVE_TAIL)):
        # "Vane has hired Jo Roux of the Gazette, a paper that has run headlines such as
        # "…"": the quote is the relative clause's, not the sentence subject's
        return None
    src = parse_source(m.group("name"), inverted=True)
    if src is None or src.kind not in ("name", "org"):
        return None
    return src


_PRONOUN_THEN_VERB = re.compile(
    r"(?:(?:But|And|Yet|So|Now|but|and|yet|so|now)\s+)?(He|She|he|she)\s+(?:[a-z]+ly\s+)?"
    r"(?:also\s+)?(?!was\b|is\b|has\b|does\b)[a-z]{2,}(?:ed|s)\b")


def _name_line(art: _Article, p: int) -> Source | None:
    """A paragraph that is only a name with age, job or place ("Julie Marin, 34, Eastfield")."""
    if not 0 <= p < len(art.paras):
        return None
    text = art.masked[p].strip()
    if not text or "\x00" in text or len(text.split()) > 12 or any(art.cues[p]):
        return None
    text = re.sub(r"^[-\u2014\u2013\u2015]+\s*", "", text).rstrip(":.")
    parts = text.split(",")
    if (len(parts) > 1 and not is_apposition(parts[1])
            and not re.fullmatch(r"\s*[A-Z][\w.\- ]*", parts[1])):
        return None
    src = parse_source(parts[0], inverted=True)
    if src is None or src.kind != "name" or len((src.name or "").split()) < 2:
        return None
    if _clean(parts[0]) != _clean(" ".join(filter(None, [src.role, src.name]))):
        return None  # the line says more than a name: a sentence, not a sign-off
    return src


def _clean(text: str) -> str:
    return " ".join(text.replace("\x00", " ").split()).strip(" ,.")


def _quote_only(art: _Article, p: int) -> bool:
    """Is paragraph p nothing but a quote (no words outside the marks)?"""
    return (0 <= p < len(art.paras) and "\x00" in art.masked[p]
            and not art.masked[p].replace("\x00", "").strip(" .,"))


def _name_line_owner(art: _Article, p: int) -> tuple[Source, int] | None:
    """Vox-pop layout: a quote-only paragraph signed by a name line before or after it.

    The line before wins unless it already signs the quote before it (quote, name,
    quote, name); then the line after is this quote's.
    """
    before = _name_line(art, p - 1)
    if before is not None and not _quote_only(art, p - 2):
        return before, p - 1
    after = _name_line(art, p + 1)
    if after is not None:
        return after, p + 1
    if before is not None:
        return before, p - 1
    return None


_READ_BACK = 3000  # how far back a look at what was just said reads, in characters
_INTRODUCTION_MARGIN = 64  # an introduction ("a fashion designer") is shorter than this
_SUBJECT_REACH = 300  # a participle cue this far into its sentence still has its subject
_ROLE_REACH = 120  # a role or determiner stands this near the word it goes with
# "became a designer", "as a designer": what a person is, not someone new brought in
_PREDICATE_WORDS = frozenset(
    "is was are were be been being became become becomes as remains remained like".split())
_DEFINITE_ROLE = re.compile(
    r"^(?i:the)\s+(?:[\w'\u2019.\-]+\s+){0,3}"
    r"(?P<head>(?P<age>\d+-year-old)|[a-z][a-z\-]+|DJ|MP|MEP|MSP|CEO)$"  # "the DJ", "the MP"
)
# words between a quote and a cue after it that open a new coordinated clause
_NEXT_CLAUSE = re.compile(r"^[\s,.;]*(?:and|but)\b")
# An aside set off by dashes between two quoted stretches: '"A" - at which point the crowd
# chanted "B" - "C"'. Its cue is for the words inside it, not for "C", which goes on "A".
_ASIDE_OPEN = re.compile(r"\x00[\s,.!?'\u2019\u201d\"]*\s[-\u2013\u2014]\s")
_ASIDE_CLOSE = re.compile(r"\s[-\u2013\u2014]\s+[\"'\u201c\u2018]?\x00")
_ASIDE_REACH = 200


def _in_aside_before(masked: str, cue_at: int, quote_at: int) -> bool:
    """Is the cue inside a dashed aside that a quote opens and the next quote closes?"""
    if quote_at - cue_at > _ASIDE_REACH:
        return False
    close = _ASIDE_CLOSE.search(masked, cue_at, quote_at + 1)
    if close is None or close.end() != quote_at + 1:
        return False
    lo = max(0, cue_at - _ASIDE_REACH)
    opens = list(_ASIDE_OPEN.finditer(masked, lo, cue_at))
    return bool(opens) and "\x00" not in masked[opens[-1].end() : cue_at]
# "the Dutchman", "the American", "the Swiss star" (not "the American economy"): a person
# of a nation
_PERSON_WORD = r"(?:" + "|".join(sorted(PERSON_NOUNS)) + r")\b"
_DEMONYM_NOUN = re.compile(
    r"\b(?i:the)\s+([A-Z][a-z]+)\b(?!['\u2019-]|\s+[A-Z])(?!\s+(?!" + _PERSON_WORD + r")[a-z])")
_CAP_WORD = re.compile(r"(?<![\w'\u2019-])[A-Z][\w'\u2019\-]*")
# "a Labour spokesman", "one official": an unnamed person ("the spokesman" may be named)
_UNNAMED_PERSON = re.compile(
    r"(?i)^(?:a|an|one|another)\s+(?:[\w'\u2019\-]+\s+){0,3}"
    r"(?:" + "|".join(sorted(UNNAMED_PERSON_NOUNS, key=len, reverse=True)) + r")"
    r"(?:\s+(?:for|of|at|from|with)\s+[^,;:]+)?$"  # "a spokeswoman for Oxford University"
)
# a subordinate clause opening on a name, then the main clause's described subject:
# "When Lleyton Hewitt shook his hand, the Australian said"
_CLAUSE_THEN_ROLE = re.compile(
    r"\s*(?:When|As|After|Before|While|Once|Although|Though|Since)\s+"
    r"(?P<name>(?:[A-Z][\w'\u2019\-]*\s+){1,3}[A-Z][\w'\u2019\-]*)\s+[a-z][^;:\x00]{0,200},\s*"
    r"(?:the|The)\s[^,;:\x00]*$"
)
# a coordinated clause with its own named subject and verb: ", but McIlroy is unfazed"
_COORDINATE_SUBJECT = re.compile(
    r"(?:[,;]\s+(?:but|while|whereas|yet)|\s+but)\s+(?P<name>(?:Mr|Mrs|Ms|Dr)?\.?\s?"
    r"(?:[A-Z][\w'\u2019\-]*\s+){0,2}[A-Z][\w'\u2019\-]*)"
    # an apposition may stand between the name and its verb ("but Jo Vane, historian of
    # maps, isn't so sure")
    r"(?:,\s+[^,\x00]{3,120},)?\s+"
    r"(?:is|was|has|had|isn['\u2019]t|wasn['\u2019]t|remains|remained|says|said|insists|"
    r"insisted|[a-z]+ed)\b"
)
# A fronted prepositional phrase set off by a comma ("In Iowa,", "Regarding the failed
# harbour project,"): the sentence's subject comes after it
_FRONTED_PHRASE = re.compile(
    r"\s*(?:In|On|At|After|Before|During|For|With|By|From|Under|Over|Amid|Despite|Regarding|"
    r"Concerning|Following|Unlike|Like|Without|Since)\s[^,.;:\x00]{1,80},\s*"
)
# a finite verb before a name: the name is an object, not the sentence's subject
# ("The image portrayed Mr Howard"); a copula keeps it the topic ("The director is Tom Vane")
_VERB_BEFORE = re.compile(r"\b(?:[a-z]{3,}ed|has|had|have|will|would|can|could|says|said)\b")


def _unnamed_gender(description: str) -> str | None:
    low = description.casefold()
    if low.endswith("spokeswoman"):
        return "f"
    if low.endswith("spokesman"):
        return "m"
    return None


# "Tom Vane's mother": a named person's relative
_KIN_OF = re.compile(
    r"^(?P<owner>(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w\-]*)['\u2019]s\s+(?P<kin>[a-z]+)$"
)
# ", who runs the shop," / ", a nurse," after a name: a clause or apposition about a person
_WHO_APPOSITION = re.compile(r",\s+(?:who|a|an)\s")
# "But she ...", "And he ...": a sentence whose subject is a pronoun after a joining word
_PRONOUN_LEAD = re.compile(r"\s*(?:(?:but|and|yet|so|then|now|still)\s+)?(he|she)\b", re.I)
# ", executive editor of the Gazette." after a name: the apposition, up to its clause end
_APPOSITION_AFTER = re.compile(r",\s+([^,.;:\x00]{2,120})")
# "someone calling himself Yuri Vasilyev, linking to a message": a participle after the
# name goes on with the sentence; it introduces nobody the way "Tom Vane, editor of ..." does
_PARTICIPLE_START = re.compile(r"[a-z]{3,}(?:ing|ed)\b")

# title words that qualify a role but are never one alone: before a single name word
# they open an organisation's name ("National Rail", "Federal Express")
_NEVER_A_ROLE_ALONE = frozenset("national federal white home state".split())
# -ly adverbs, -ed participles, number words, contractions ("Possibly", "Recognized",
# "Forty-four", "I'd")
_NOT_A_NAME_ALONE = re.compile(
    r"^(?:\w{4,}ly|\w{4,}ed|(?:Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety|One|Two|"
    r"Three|Four|Five|Six|Seven|Eight|Nine|Ten|Hundreds|Thousands|Dozens)(?:-\w+)?|I['\u2019]\w+|Im)$"
)
# a lower-case word of running text; not a piece of a web address, e-mail or handle
# ("facebook.com/burberry", "@harbourgazette"), which says nothing of how names are written
_LOWER_WORD = re.compile(r"(?<![\w'\u2019/.@#-])[a-z]{3,}(?![\w-]|\.\w|/)")
_NOT_BLANK = re.compile(r"[^ .,]")


def _rest_empty(text: str, i: int) -> bool:
    """Is text[i:] only spaces, dots and commas? (reads no further than the first other
    character)"""
    return _NOT_BLANK.search(text, i) is None


def _last_char(text: str, i: int) -> str:
    """The last non-space character before i, or ""."""
    k = i
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return text[k - 1] if k else ""


@dataclass
class _Neighbours:
    """What the context rules read around a quote that has no cue of its own."""

    art: _Article
    span: Span
    last: _Attribution | None  # the attribution of the quote before
    p: int  # the quote's first paragraph and sentence
    si: int
    end_at: int  # where the quote's last segment ends, in its last paragraph
    same_par: list[_Attribution]  # quotes already credited that end in paragraph p
    lead_now: str  # words between the sentence start and the quote (after any earlier quote)
    lead: str  # the sentence's words before the quote, read for a colon lead

    @functools.cached_property
    def person_before(self) -> _Attribution | None:
        """`_person_subject_before`, read once though several rules ask."""
        return _person_subject_before(self)


def _neighbours(art: _Article, span: Span, prev: list[tuple[Span, _Attribution]]) -> _Neighbours:
    first = span.segments[0]
    p = first.paragraph
    si = art.sentence_of(p, first.mark_start)
    lo = art.sents[p][si][0]
    lead = art.masked[p][lo : first.mark_start].strip()
    if "\x00" in lead:
        tail_lead = lead.split("\x00")[-1].strip()
        head_lead = lead.split("\x00")[0].strip()
        if tail_lead.endswith(":"):
            lead = tail_lead  # 'Vale: "..." Brill: "..."': the name just before this quote
        elif head_lead.endswith(":") and len(tail_lead.split()) <= 3:
            lead = head_lead  # "Ryan: 'Images' Have 'No Place'": both are Ryan's
    return _Neighbours(
        art, span, prev[-1][1] if prev else None, p, si, span.segments[-1].mark_end,
        art.credited.get(p, []), art.masked[p][lo : first.mark_start].split("\x00")[-1].strip(),
        lead,
    )


# The name of a sign-off: it opens on a capital ("- and Bo Hale, ..." is a sentence going on,
# not a signature) and runs to a comma or an end, past the points of initials ("Julie A. Diaz").
_SIGNED_NAME = r"((?:[^,.;:\x00]|(?<=\b[A-Z])\.){2,80})"


def _sign_off_after(n: _Neighbours) -> _Attribution | None:
    """A sign-off after the quote: '..." - Carla Ruiz'."""
    art, span = n.art, n.span
    tail = art.masked[span.end_paragraph][n.end_at : n.end_at + 200]  # a sign-off is short
    sign = re.match(r"^[\s\u00a0]*[-\u2014\u2013\u2015]+\s*" + _SIGNED_NAME, tail)
    if sign and sign.group(1)[0].isupper():
        src = parse_source(sign.group(1), inverted=True)
        if src is not None and src.kind in ("name", "org"):
            return art.attribute(src, span.end_paragraph * _PARA + n.end_at, "said", n.last)
    return None


def _sign_off_line(n: _Neighbours) -> _Attribution | None:
    """A sign-off line after a quote that ends its paragraph: "- Ann Roux."."""
    art, span = n.art, n.span
    nxt = span.end_paragraph + 1
    if nxt < len(art.paras) and _rest_empty(art.masked[span.end_paragraph], n.end_at):
        sign = re.match(r"^\s*[-\u2014\u2013\u2015]+\s*" + _SIGNED_NAME, art.masked[nxt])
        if sign and sign.group(1)[0].isupper():
            src = parse_source(sign.group(1), inverted=True)
            if src is not None and src.kind in ("name", "org"):
                return art.attribute(src, nxt * _PARA, "said", n.last)
    return None


# a name, then a dash that opens an aside the quote fills ("including Ann Moss -- "...""): the
# name is the last capitalised words before the dash
_NAME_BEFORE_DASH = re.compile(
    r"(?:^|[\s,(])(?P<name>(?:[A-Z][\w.'\u2019-]*\s+){0,3}[A-Z][\w'\u2019-]*)"
    r"\s+(?:--|[\u2014\u2013])$")
# what may follow a quote set off that way: the closing dash, or the end of the sentence
_AFTER_DASHED_QUOTE = re.compile(r"^[,.!?]?\s*(?:--|[\u2014\u2013]|$)")


_NAME_READ_BACK = 120


def _name_setting_off(art: _Article, span: Span) -> tuple[int, Source] | None:
    """The name a quote is set off after by a dash, with its offset in the paragraph."""
    first = span.segments[0]
    p = first.paragraph
    lo = art.sents[p][art.sentence_of(p, first.mark_start)][0]
    lo = max(lo, first.mark_start - _NAME_READ_BACK)  # a name and a dash are short
    lead = art.masked[p][lo : first.mark_start].rstrip()
    final = span.segments[-1]
    tail = art.masked[final.paragraph][final.mark_end :]
    m = _NAME_BEFORE_DASH.search(lead)
    if m is None or "\x00" in lead[m.start() :] or not _AFTER_DASHED_QUOTE.match(tail):
        return None
    src = parse_source(m.group("name"), inverted=True)
    if src is None or src.kind != "name":
        return None
    return lo + m.start("name"), src


def _quote_set_off_after_a_name(n: _Neighbours) -> _Attribution | None:
    """ "Republicans have said the same, including Ann Moss -- "It is a disgrace" -- and
    Bill Crane": a quote set off by dashes right after a person's name is that person's,
    as a quote after "Ann Moss:" is."""
    found = _name_setting_off(n.art, n.span)
    if found is None:
        return None
    att = n.art.attribute(found[1], n.p * _PARA + found[0], "said", n.last)
    if not att.speaker or not n.art.book.is_person(att.speaker):
        return None
    return att


# "A banner read:", "The headline reads" before a quote; "read one placard", "reads an
# editorial in the Gazette" right after it: the words of a written thing, not a speaker's
_READS_BEFORE = re.compile(
    r"(?:^|[,;]\s*)(?P<subject>[^,;:\x00]{1,80}?)\s+(?:\w+ly\s+)?(?:read|reads)\s*[:,]?$"
)
_READS_AFTER = re.compile(
    r"^[\s,]*(?:(?:read|reads)\s+(?P<subject>[^,.;:!?\x00]{1,80})"
    r"|(?P<fronted>(?i:a|an|the|one|another|this|that|his|her|its|their)\s[^,.;:!?\x00]{1,80}?)"
    r"\s+(?:read|reads)\b)"
)


def _written_words(n: _Neighbours) -> _Attribution | None:
    """A quote a text "reads" is that text's: its owner's when it has one ("his letter
    reads"), else nobody's, with the text as the description. A person who "read" the words
    out ("Vane read:") is left to the other rules."""
    art, span = n.art, n.span
    before = _READS_BEFORE.search(n.lead_now)
    after = None if before else _READS_AFTER.match(art.masked[span.end_paragraph][n.end_at:])
    m = before or after
    if m is None:
        return None
    subject = (m.group("subject") or m.group("fronted")).strip()
    if _DEFINITE_MEDIUM.match(subject):
        return None  # "read the statement": the one the article has given an owner
    owner = _medium_owner(subject)
    if owner is not None:
        return art.attribute(owner, n.p * _PARA + art.sents[n.p][n.si][0], "said", n.last)
    src = parse_source(subject, inverted=True)
    if src is None or src.kind != "description" or sentence_subject(subject) is not None:
        return None  # "Ann Vane read:" or a pronoun: a person reading aloud
    # kind "none": a thing's words hand no speaker on to the paragraph's next quote
    return _Attribution(None, None, subject, "none")


def _cue_sentence_after(n: _Neighbours) -> _Attribution | None:
    """`"..." Smith said.` written as its own sentence right after the quote."""
    art, span = n.art, n.span
    end_p = span.end_paragraph
    short = _short_cue_sentence(art, end_p, art.sentence_of(end_p, span.segments[-1].mark_start))
    if short is not None:
        return art.attribute(short.source, end_p * _PARA + short.position, short.verb, n.last)
    return None


def _subject_of_the_sentence(n: _Neighbours) -> _Attribution | None:
    """ "Vale is labeling the plan "a blatant abuse"": the sentence's named subject."""
    first = n.span.segments[0]
    subject = _clause_subject(n.art, n.p, n.si, first.mark_start)
    if subject is not None:
        return n.art.attribute(subject, n.p * _PARA + n.art.sents[n.p][n.si][0], "said", n.last)
    return None


def _unnamed_between_quotes(n: _Neighbours) -> _Attribution | None:
    """ '"…," says Mr Lakhani. One broker said it was political. "If you …"': the sentence
    between two quotes of a paragraph hands over to an unnamed person."""
    art, p, si = n.art, n.p, n.si
    if not n.same_par or si == 0 or n.lead_now:
        return None
    plo, phi = art.sents[p][si - 1]
    unnamed = [c for c in art.cues[p][si - 1] if _UNNAMED_PERSON.match(c.source.description or "")]
    if unnamed and "\x00" not in art.masked[p][plo:phi]:
        return art.attribute(unnamed[-1].source, p * _PARA + unnamed[-1].position,
                             unnamed[-1].verb, n.last)
    return None


def _speaker_of_the_paragraph(n: _Neighbours) -> _Attribution | None:
    """The speaker of the paragraph's quote before, unless a colon lead ('Vale: "…" Brill:
    "…"') names a new one."""
    if n.same_par and not n.lead_now.endswith(":") and n.same_par[-1].kind != "none" \
            and not _other_voice_before(n):
        return n.same_par[-1]  # a quote credited to nobody hands nothing on
    return None


def _other_voice_before(n: _Neighbours) -> bool:
    """Does the sentence before the quote's, with no quote of its own, give the word to a
    text through a speech verb ("The report recommends ...")? The voice of the paragraph's
    earlier quote does not carry past it."""
    if n.si == 0:
        return False
    plo, phi = n.art.sents[n.p][n.si - 1]
    sentence = n.art.masked[n.p][plo:phi].rstrip()
    if n.person_before is not None:
        return True  # "US coach Pat Rowe wants his team to play on clay. "…""
    said = _speech_without_quote(n.art, n.p, n.si - 1)
    if said is not None and said.source.kind == "name" and n.same_par \
            and n.art.book.resolve(said.source.name or "") != n.same_par[-1].speaker:
        return True  # "John Snow put a brave face on it, saying it was a sign of growth. "…""
    return "\x00" not in sentence and not sentence.endswith(":") and any(
        c.source.kind == "description" and c.source.description
        and _MEDIUM_SUBJECT.match(c.source.description)
        for c in n.art.cues[n.p][n.si - 1])


_QUOTE_OPENERS = "\"'\u201c\u2018"
_DETERMINER_BEFORE = re.compile(r"(?i)\b(?:the|a|an)\s+(?:[\w-]+\s+)?$")


def _opens_on(sentence: str, name: str) -> bool:
    """Is the name the sentence's subject, before any verb and followed by no noun it would
    modify ("And it threw Santilli for a loop", "the oversized Trump face" are not)?"""
    at = sentence.find(name)
    if at < 0:
        return False
    if any(is_verb_only(bare(w)) for w in sentence[:at].split()) or _DETERMINER_BEFORE.search(
            sentence, max(0, at - _ROLE_REACH), at):
        return False  # "the oversized Trump face": no person takes "the"
    following = sentence[at + len(name):].split()[:1]
    return not following or not (following[0].islower() and is_plain_word(following[0])
                                 and not is_verb_form(bare(following[0])))


def _person_subject_before(n: _Neighbours) -> _Attribution | None:
    """The person the sentence right before the quote's is about, when it holds no quote
    and names someone other than the paragraph's last speaker as its subject: news names
    the next voice that way ("US coach Pat Rowe wants his team to play on clay. "…"")."""
    if n.si == 0 or n.lead_now:
        return None
    plo, phi = n.art.sents[n.p][n.si - 1]
    sentence = n.art.masked[n.p][plo:phi]
    if "\x00" in sentence or n.art.cues[n.p][n.si - 1] \
            or n.art.paras[n.p][plo:phi].lstrip()[:1] in _QUOTE_OPENERS:
        return None  # (a quotation the marks did not close is no narrative sentence)
    src = sentence_subject(sentence)
    if src is None:
        return None
    if src.kind == "pronoun":
        if not _PRONOUN_THEN_VERB.match(sentence.lstrip()):
            return None  # only "He finished with an appeal to activists." opening on it
    elif src.kind != "name" or not _opens_on(sentence, src.name or ""):
        return None
    att = n.art.attribute(src, n.p * _PARA + plo, "said", n.last)
    if not att.speaker or att.kind != "name" or not n.art.book.is_person(att.speaker) or (
            n.same_par and n.same_par[-1].speaker == att.speaker):
        return None
    return att


# "The report", "the study", "its statement": a text that speaks for itself
_MEDIUM_SUBJECT = re.compile(
    r"(?i)^(?:the|a|an|its|their|his|her)\s+(?:\w+\s+)?(?:" + "|".join(sorted(MEDIUM_NOUNS)) + ")$"
)


def _colon_lead(n: _Neighbours) -> _Attribution | None:
    """ "Republican pollster Daron Shaw: ...", "X had a message: ...": who the lead names."""
    lead = n.lead
    if not lead.endswith(":") or "\x00" in lead:
        return None
    head = lead[:-1].split(",")[-1] if len(lead[:-1].split()) > 6 else lead[:-1]
    head = re.split(r"\s[-\u2014\u2013]+\s", head)[-1]  # "HEADLINE - Carl Bialik:"
    parts = head.split(",")
    if len(parts) >= 2 and is_apposition(parts[1]):
        src = parse_source(head, inverted=True)  # "Julie Marin, 34, Eastfield: ..."
    else:
        src = _medium_owner(head) or parse_source(head, inverted=False)
    if src is None or src.kind not in ("name", "org"):
        src = sentence_subject(lead[:-1])
    if src is not None and src.kind in ("name", "org", "pronoun"):
        return n.art.attribute(src, n.p * _PARA + n.art.sents[n.p][n.si][0], "said", n.last)
    return None


def _speaker_of_the_paragraph_after_colon(n: _Neighbours) -> _Attribution | None:
    """A colon lead that names nobody: the paragraph's speaker goes on (even nobody: "One
    reader wrote: …" does not hand the quote to a name); without a colon, a quote credited
    to nobody hands nothing on."""
    if not n.same_par or (n.same_par[-1].kind == "none" and not n.lead.endswith(":")):
        return None
    if not n.lead.endswith(":") and _other_voice_before(n):
        return None
    return n.same_par[-1]


def _cue_of_the_sentence_before(n: _Neighbours) -> _Attribution | None:
    """A quote opening its sentence after one with a cue and no quote ("One broker said ...")."""
    art, p, si = n.art, n.p, n.si
    if si == 0 or n.lead:
        return None
    cue = _speech_without_quote(art, p, si - 1)
    if cue is not None:
        return art.attribute(cue.source, p * _PARA + cue.position, cue.verb, n.last)
    if n.person_before is not None or si < 2 or art.cues[p][si - 1] \
            or "\x00" in art.masked[p][slice(*art.sents[p][si - 1])]:
        return n.person_before
    # "Mr Dein said that he feared too many games were shown. Since 1992, clubs have seen
    # their TV income soar. "…"": one sentence of background between the speaker and
    # the quote that goes on from what he said
    cue = _speech_without_quote(art, p, si - 2)
    if cue is not None and cue.source.kind in ("name", "org") \
            and cue.verb.casefold() in _REPORTED_SPEECH:
        return art.attribute(cue.source, p * _PARA + cue.position, cue.verb, n.last)
    return None


# verbs of reported speech whose words a quote after a sentence of background goes on
# with ("called the leader back" is a call, not words)
_REPORTED_SPEECH = frozenset(
    """said says told tells added adds argued argues insisted insists explained explains
    warned warns""".split())


def _speech_without_quote(art: _Article, p: int, si: int) -> Cue | None:
    """The last cue of sentence si that names who speaks, when the sentence holds no quote
    ("One broker said it was political.")."""
    lo, hi = art.sents[p][si]
    if "\x00" in art.masked[p][lo:hi]:
        return None
    cues = [c for c in art.cues[p][si] if c.source.kind in ("name", "org", "pronoun")
            or _UNNAMED_PERSON.match(c.source.description or "")]
    if cues:
        return cues[-1]
    inherit = next((c for c in art.cues[p][si] if c.source.kind == "inherit"
                    and c.verb.endswith("ing")
                    and art.masked[p][lo : c.position].rstrip().endswith(",")), None)
    if inherit is None or inherit.position - lo > _SUBJECT_REACH:
        return None
    # "Treasury Secretary John Snow put a brave face on it, saying ...": the participle's
    # subject is the sentence's
    subject = sentence_subject(art.masked[p][lo : inherit.position])
    if subject is None or subject.kind not in ("name", "org"):
        return None
    return dataclasses.replace(inherit, source=subject)


def _quote_alone(n: _Neighbours) -> bool:
    return n.art.lead_blank[n.p] >= n.span.segments[0].mark_start


def _name_line_of_a_vox_pop(n: _Neighbours) -> _Attribution | None:
    """A paragraph that is only a quote, signed by a name line before or after it."""
    art, span = n.art, n.span
    alone = _quote_alone(n) and _rest_empty(art.masked[span.end_paragraph], n.end_at)
    if alone and span.segments[0].paragraph == span.end_paragraph:
        owner = _name_line_owner(art, n.p)
        if owner is not None:
            return art.attribute(owner[0], owner[1] * _PARA, "said", n.last)
    return None


# kinds of business that open a sentence before the business's name ("Insurer Aviva
# said"); not "bank", "giant" or "carrier", which open names too ("Bank Leumi")
_BUSINESS_LABELS = BUSINESS_NOUNS - {"bank", "giant", "carrier", "company", "label", "chain",
                                     "operator", "corporation"}
# a named person's stance with no speech verb: "Stuart is confident that", "Vane was adamant"
_STANCE = re.compile(
    r"(?<![\w'\u2019-])(?P<name>(?:[A-Z][\w'\u2019\-]*\s+){0,2}[A-Z][\w'\u2019\-]*)\s+"
    r"(?:is|was|remains|remained|seemed|seems|appeared|appears)\s+(?:\w+ly\s+)?"
    r"(?:confident|convinced|adamant|sure|certain|hopeful|optimistic|determined|upbeat|"
    r"unrepentant|unfazed|undaunted|defiant|happy|delighted|disappointed|angry|furious)\b")
_ANSWER_VERBS = frozenset("replied replies answered answers responded responds retorted".split())


def _mood_dropped(role: str | None) -> str | None:
    """ "a crestfallen Mr Lim", "an angry Mrs Vane": words of mood before a courtesy title
    say how the person was, not what they are; "That was a rate of progress Ms Abbott
    described as": a clause before it is no role either. The title alone is left."""
    words = (role or "").split()
    if len(words) > 1 and bare(words[-1]).rstrip(".") in COURTESY and (
            all(w.isalpha() and w.islower() and not is_noun(w) for w in words[:-1])
            or any(w in _CLAUSE_VERBS for w in words[:-1])):
        return words[-1]
    return role


def _role_kept(role: str | None) -> str | None:
    """The role as shown beside the speaker, or None when the words before the name are
    no role but a clause or a phrase cut off ("under what Mr", "speaking in Harrogate",
    "Musiwave provides ... and"). What a relative clause in it says ("a pollster who is
    working with X") is the role's own."""
    words = (role or "").split()
    while words and words[-1].casefold() in _RELATIVES:
        words = words[:-1]  # "a South Carolina native who"
    if not words or len(words) > _ROLE_MAX_WORDS:
        return None
    low = [w.casefold().strip(",;:") for w in words]
    head = next((k for k, w in enumerate(low) if w in _RELATIVES), len(low))
    if head == 0:
        return " ".join(words)  # "who directed Big Fish"
    verb = next((k for k, w in enumerate(low[:head]) if w in _ROLE_CUTS), None)
    cut = -1 if verb is None else max(
        k for k, w in enumerate(low[:head]) if k >= verb and w in _ROLE_CUTS | {"and", "by"})
    if cut >= 0:
        # "said Stop Stansted Expansion chairman", "... surgery and Dutch football
        # federation spokesman": the role is the noun phrase after the clause, if one is
        if not _role_tail(words[cut + 1 : head], low[cut + 1 : head]):
            return None  # "yen has halted after US Treasury Secretary"
        words, low, head = words[cut + 1 :], low[cut + 1 :], head - cut - 1
    lead = [w for w, written in zip(low[:head], words[:head], strict=True) if written.islower()]
    if (low[-1] in _DANGLING or any(w in _CLAUSE_VERBS for w in lead)
            or any(w.endswith("s") and w.isalpha() and is_verb_only(w) for w in lead)
            or _participle_phrase(low)):
        return None
    return " ".join(words)


def _role_tail(words: list[str], low: list[str]) -> bool:
    """Are the words after a clause a role of their own: short, ending on a noun, opening on
    no verb or preposition ("Stop Stansted Expansion chairman", "Dutch football federation
    spokesman"; not "halted after US Treasury Secretary", "in reference to a tweet")?"""
    return (0 < len(words) <= _TAIL_ROLE_WORDS and is_noun(low[-1])
            and low[0] not in _PARTICIPLE_OBJECTS
            and not (words[0].islower() and is_verb_only(low[0])))


def _participle_phrase(low: list[str]) -> bool:
    """ "speaking in Harrogate", "leaving a Brussels summit": a participle and its phrase,
    not a noun it modifies ("marketing manager", "prosecuting attorney")."""
    first = low[0]
    return (first.isalpha() and first.endswith("ing") and len(first) > 4
            and (len(low) == 1 or low[1] in _PARTICIPLE_OBJECTS))


_ROLE_MAX_WORDS = 30
_TAIL_ROLE_WORDS = 5
# the words after which a role may start again: the end of a clause before it
_ROLE_CUTS = frozenset("said says is was has had have were are featuring".split())
_RELATIVES = frozenset("who which whose that".split())
# words a role never ends on: it was cut off in the middle of a phrase
_DANGLING = frozenset(
    """what between and or of by in for at to the a an with from featuring about after before
    - \u2013 \u2014 that which whose who has have had is was""".split())
# what follows a participle that opens a phrase of its own ("speaking in", "leaving a")
_PARTICIPLE_OBJECTS = frozenset(
    "in at on to a an the after before from about with for his her their its this that".split())
# finite verbs that make the words before a name a clause, never its role
_CLAUSE_VERBS = frozenset("is was were are has had have said says did does".split())


# title words that are part of how a person or firm is named ("Lord Butler", "Prince
# Charles", "General Electric"), unlike an office ("President Obama" is Obama)
_TITLES_IN_NAMES = frozenset(
    "general major national lord lady baroness baron sir dame earl duke duchess viscount "
    "prince princess king queen pope saint st".split())


# texts a body writes about the world, whose author an article introduces once ("a report
# says ... The National Audit Office praised ..."), unlike a letter, a lawsuit or a statement
_STUDIES = frozenset("report study survey review audit poll".split())


def _names_passively(cue: Cue) -> bool:
    """Is the cue a passive verb of naming with no agent ("was referred to as")?"""
    return cue.verb in PASSIVE_NAMING and cue.source == Source("description")


def _asks(text: str) -> bool:
    """Does the quote end on a question mark ("That would be you?")?"""
    return text.rstrip(" \"'\u201d\u2019").endswith("?")


def said_key(text: str) -> str:
    """A quote's words, case and punctuation aside: "Build the wall!" = "build the wall"."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _said_before(n: _Neighbours) -> _Attribution | None:
    """A paragraph that is only a quote someone was already credited with, word for word
    (a chant taken up again, a slogan repeated): the same voice again."""
    if not _quote_alone(n) or not _rest_empty(n.art.masked[n.span.end_paragraph], n.end_at):
        return None
    return n.art.said.get(said_key(n.span.text(n.art.paras)))


def _paragraph_before(n: _Neighbours) -> _Attribution | None:
    """A paragraph opening on the quote: the cue of a paragraph before that ends in a colon,
    else the named speaker of the paragraph before's last quote."""
    art, p = n.art, n.p
    if not _quote_alone(n) or p == 0:
        return None
    prev_text = art.masked[p - 1].rstrip()
    if prev_text.endswith(":") and art.cues[p - 1]:
        cues = [c for c in art.cues[p - 1][-1] if c.source.kind != "inherit"]
        if cues:
            return art.attribute(cues[-1].source, (p - 1) * _PARA + cues[-1].position,
                                 cues[-1].verb, n.last)
    announced = _text_announced(art, p - 1)
    if announced is not None:
        return announced
    prev_par = art.credited.get(p - 1, [])
    if prev_par and prev_par[-1].speaker:
        return prev_par[-1]
    if p >= 2 and prev_par and _audience(prev_par[-1]) and art.masked[p - 1].lstrip()[:1] == "\x00":
        # the crowd's reply was a line of its own: the speaker it answered goes on
        before = art.credited.get(p - 2, [])
        if before and before[-1].speaker:
            return before[-1]
    return None


def _text_announced(art: _Article, p: int) -> _Attribution | None:
    """The named author of a text that paragraph p's last sentence announces, for the
    quote the next paragraph opens on: "When Wallace died, President Vane released the
    following statement:", "the party issued a statement apologising to Vane." """
    if not art.sents[p]:
        return None
    lo, hi = art.sents[p][-1]
    sentence = art.masked[p][lo:hi].rstrip()
    if "\x00" in sentence or not (
            (sentence.endswith(":") and _TEXT_ANNOUNCED.search(sentence))
            or _STATEMENT_ISSUED.search(sentence)):
        return None
    subject = sentence_subject(sentence.rstrip(":."))
    if subject is None or subject.kind not in ("name", "org"):
        return None
    return art.attribute(subject, p * _PARA + lo, "said", None)


# "issued a statement apologising ...", "released a brief statement": a text to follow
_STATEMENT_ISSUED = re.compile(
    r"\b(?:issue[sd]?|release[sd]?|put\s+out|sent\s+out|post(?:ed|s)?)\s+(?:a|an|this)\s+"
    r"(?:\w+\s+)?(?P<text>statement|letter|message|memo|note)\b")


def _audience(att: _Attribution) -> bool:
    """Is the voice a crowd or an audience ("the crowd", "some protesters")?"""
    words = (att.description or "").casefold().split()
    return att.speaker is None and bool(words) and words[-1] in AUDIENCE_NOUNS


def _person_just_named(n: _Neighbours) -> _Attribution | None:
    """A quote opening its paragraph or after a colon: the person named last, this
    paragraph or the one before."""
    art, p = n.art, n.p
    first = n.span.segments[0]
    alone = _quote_alone(n)
    if not (_last_char(art.masked[p], first.mark_start) == ":" or alone):
        return None
    recent = [e for e in art.recent((p - 1) * _PARA, p * _PARA + first.mark_start)
              if e.kind != "unnamed"]
    lo = max(art.sents[p][n.si][0], first.mark_start - _READ_BACK)
    lead = art.masked[p][lo : first.mark_start].replace("\x00", " ")
    if not recent or not (alone or _lead_points_to(lead, recent[-1].name)):
        return None
    return _Attribution(recent[-1].name, None, None, "name")


# a sentence that announces a text to follow ("released the following statement:", "posted
# this message on Twitter:"), not any sentence ending in a colon ("NBC has proof:")
_TEXT_ANNOUNCED = re.compile(
    r"(?i)\b(?:following|as follows|(?:this|a|the|an|his|her|their|its)\s+(?:\w+\s+)?"
    r"(?:" + "|".join(sorted(frozenset(OWNED_TEXTS) | MEDIUM_NOUNS | {"words"})) + r"))\b[^:]*:$")
# a lead that points back at one person or body: "His message was:", "In a statement, it
# added:", "It says:"
_SINGULAR_REFERENCE = re.compile(r"(?i)\b(?:he|she|his|her|him|it|its)\b")
_SHORT_LEAD_WORDS = 4


def _lead_points_to(lead: str, name: str) -> bool:
    """Can the words before a colon hand the quote to the person just named: they name
    them ("Hoff's letter makes the case:"), point back with "he"/"his"/"it", or are a
    few words ("Then, the laugh line:")? Not "Labour's slogan will be:", "A footnote in
    the report makes it plain:" or "they held banners proclaiming:", whose words are
    someone or something else's."""
    words = lead.rstrip(":").split()
    if len(words) <= _SHORT_LEAD_WORDS or _SINGULAR_REFERENCE.search(lead):
        return True
    surname = bare(name.split()[-1])
    return any(bare(w) == surname for w in words)


# The rules `_context` tries, in order, for a quote whose sentence has no cue; the first
# that credits someone wins.
CONTEXT_RULES: tuple[Callable[[_Neighbours], _Attribution | None], ...] = (
    _sign_off_after,
    _sign_off_line,
    _quote_set_off_after_a_name,
    _written_words,
    _cue_sentence_after,
    _subject_of_the_sentence,
    _unnamed_between_quotes,
    _speaker_of_the_paragraph,
    _colon_lead,
    _speaker_of_the_paragraph_after_colon,
    _cue_of_the_sentence_before,
    _name_line_of_a_vox_pop,
    _said_before,
    _paragraph_before,
    _person_just_named,
)


def _context(art: _Article, span: Span,
             prev: list[tuple[Span, _Attribution]]) -> _Attribution | None:
    """Attribution from neighbours when the quote's sentence has no cue."""
    around = _neighbours(art, span, prev)
    for rule in CONTEXT_RULES:
        att = rule(around)
        if att is not None:
            return att
    return None


def _make_quote(art: _Article, span: Span, att: _Attribution) -> Quote | None:
    text = span.text(art.paras)
    text = re.sub(r"\s+", " ", text).strip()
    if not text or not any(ch.isalnum() for ch in text):
        return None
    first = span.segments[0]
    raw = art.paras[first.paragraph]
    start = first.start
    while start < len(raw) and raw[start].isspace():
        start += 1
    return Quote(
        text=text,
        paragraph=first.paragraph + 1,
        speaker=att.speaker,
        role=att.role,
        description=None if att.speaker else (att.description or None),
        end_paragraph=span.end_paragraph + 1 if span.end_paragraph != first.paragraph else None,
        start=start,
    )


def extract_quotes(paragraphs: Sequence[str]) -> list[Quote]:
    """Every direct quote in the body paragraphs, in reading order, with its speaker."""
    paras = [p if isinstance(p, str) else str(p or "") for p in paragraphs]
    with article_words(surnames_in(paras), plain_words_in(paras)):
        return _extract(paras)


def _extract(paras: list[str]) -> list[Quote]:
    """extract_quotes for one article, with its own surnames and plain words known."""
    try:
        art = _Article(paras)
    except Exception:  # never let one article's oddity escape ingestion
        logger.exception("quote extraction failed on an article of %d paragraphs", len(paras))
        return []
    out: list[Quote] = []
    done: list[tuple[Span, _Attribution]] = []
    for span in art.spans:
        try:
            quote, att = _one(art, span, done)
        except Exception:
            logger.exception("skipped a malformed quote in paragraph %d", span.paragraph + 1)
            continue
        if quote is None:
            continue
        art.asker = att.speaker if att is not None and _asks(quote.text) else None
        if att is not None:  # a question put to the speaker is nobody's turn to go on with
            done.append((span, att))
            art.credited.setdefault(span.end_paragraph, []).append(att)
            if att.speaker or att.description:
                art.said.setdefault(said_key(quote.text), att)
            if att.speaker and att.kind == "name":
                art.add_speaker(span.paragraph * _PARA + span.segments[0].mark_start,
                                att.speaker)
        out.append(quote)
    return [_said_elsewhere(art, q) for q in out]


_PULL_QUOTE_MIN_WORDS = 6


def _said_elsewhere(art: _Article, quote: Quote) -> Quote:
    """A quote credited to nobody whose words the article credits elsewhere (a pull quote
    set above the paragraph that attributes it) is the same voice's."""
    if quote.speaker or quote.description or len(quote.text.split()) < _PULL_QUOTE_MIN_WORDS:
        return quote  # ("failing", "reset button": a term repeated is no pull quote)
    att = art.said.get(said_key(quote.text))
    if att is None or not att.speaker:
        return quote
    return dataclasses.replace(quote, speaker=att.speaker, role=att.role)


_FRAGMENT_MAX_WORDS = 2


def is_fragment(text: str) -> bool:
    """ '"But," he added, "…"': a few function words broken off by the cue say nothing alone."""
    stripped = text.strip()
    words = re.findall(r"[^\W\d_]+", stripped.casefold())
    return (stripped.endswith(",") and 0 < len(words) <= _FRAGMENT_MAX_WORDS
            and all(w in DISCOURSE_OPENERS for w in words))


_TITLE_MAX_WORDS = 8
# 'the web series "The Guild,"', 'a report entitled "Lost Years"': a kind of work or a
# title word, then a capitalised quotation, is the work's name, not speech ('Vane dubbed
# him "Little Tom"' is Vane's words, so naming verbs are not among them)
_WORK_BEFORE = re.compile(
    r"(?i:\b(?:series|show|sitcom|soap|film|movie|documentary|book|novel|memoir|biography|"
    r"autobiography|album|song|single|play|musical|opera|poem|podcast|programme|program|"
    r"titled|entitled))"
    r",?\s*$"
    # 'on NBC's "Meet the Press"', 'told CBS's "Face the Nation"': a broadcaster's programme
    r"|\b(?:on|to|told)\s+(?:[A-Z][\w.&-]*\s+){0,2}[A-Z][\w.&-]*['\u2019]s\s*$"
)


def _names_a_work(art: _Article, span: Span, text: str) -> bool:
    """Is the short quotation the title or name of what the words before it introduce, or
    a title by its own capitals ("Nunes wrote 'Love to the Highest Bidder' in 1998")?"""
    first = span.segments[0]
    before = art.masked[first.paragraph][max(0, first.mark_start - 40) : first.mark_start]
    stripped = text.strip()
    if not stripped[:1].isupper():
        return False
    return _WORK_BEFORE.search(before) is not None or (
        _in_title_case(stripped) and not _NAMING_BEFORE.search(before)
        and not _SAID_BEFORE.search(before) and not _SAID_AFTER.match(
            art.masked[span.end_paragraph], span.segments[-1].mark_end)
        and _sentence_in_lower_case(art, span))


# the small words a title leaves in lower case ("Love to the Highest Bidder")
_TITLE_SMALL_WORDS = frozenset(
    "a an the of to for in on and or at by with from as but nor into up via vs".split())
# 'dubbed him "Little Tom"', 'called the plan "The Great Giveaway"': the words are the namer's
_NAMING_BEFORE = re.compile(
    r"(?i:\b(?:dubbed|called|calls|calling|nicknamed|branded|labelled|labeled|termed|"
    r"described|describes|as))\s+(?:\w+\s+){0,3}$")


# a speech verb right before or after the quotation: words said, whatever their capitals
# (not the verbs that name or author a work: 'wrote "Love to the Highest Bidder"')
_NAMING_VERBS = frozenset(
    """wrote writes write writing written called calls calling dubbed labeled labelled
    branded described describes termed deemed posted according""".split())
_SAY = r"(?:" + "|".join(sorted(SPEECH_VERB_SET - _NAMING_VERBS, key=len, reverse=True)) + r")"
# 'told "Fox News Sunday"': the one told is named after "told", not the words
_SAY_BEFORE = r"(?:" + "|".join(sorted(
    SPEECH_VERB_SET - _NAMING_VERBS - {"told", "tells", "tell", "telling"},
    key=len, reverse=True)) + r")"
_SAID_BEFORE = re.compile(r"\b" + _SAY_BEFORE + r"(?:\s+\w+){0,2}\s*[:,]?\s*$")
_SAID_AFTER = re.compile(
    r"[\s,\x00]*(?:(?:the|a|an|[A-Z][\w.'\u2019\-]*)\s+){0,4}" + _SAY + r"\b")


def _in_title_case(text: str) -> bool:
    """Three words or more, each capitalised but the small words a title keeps lower case,
    and no question or exclamation: the way titles are written, not speech."""
    words = re.findall(r"[^\W\d_][\w'\u2019\-]*", text)
    if len(words) < 3 or text.rstrip(" ,.'\u2019\u201d\"").endswith(("!", "?")):
        return False
    if all(w.isupper() for w in words if len(w) > 1):
        return False  # "THIS IS NOT OK": capitals shouted, not a title's
    capitalised = [w for w in words if w[:1].isupper()]
    return (len(capitalised) >= 3 and all(
        w[:1].isupper() or w in _TITLE_SMALL_WORDS for w in words))


def _sentence_in_lower_case(art: _Article, span: Span) -> bool:
    """Does the narrative around the quote write ordinary lower-case words (so it is no
    headline, where every word is capitalised)?"""
    first = span.segments[0]
    p = first.paragraph
    lo, hi = art.sents[p][art.sentence_of(p, first.mark_start)]
    lo, hi = max(lo, first.mark_start - _READ_BACK), min(hi, first.mark_start + _READ_BACK)
    narrative = art.masked[p][lo:hi].replace("\x00", " ")
    lower = [w for w in re.findall(r"[^\W\d_]+", narrative)
             if w[:1].islower() and w not in _TITLE_SMALL_WORDS]
    return len(lower) >= 2


# "Asked if he was appointed after a "fair and open" competition, he replied": a question
# put to the speaker, opening the sentence up to its comma
_QUESTION_PUT = re.compile(
    r"(?:But\s+|And\s+|When\s+)?(?:Asked|Pressed|Questioned)\s+(?:if|whether|about|why|how|"
    r"what|when|who|to|on|over)\b[^,;:\x00]*$")


def _in_question_put(art: _Article, span: Span) -> bool:
    """Is the quote inside the question a sentence opens on ("Asked if it was a "fair and
    open" contest, he replied")? Its words are the asker's, whom the sentence does not name."""
    first = span.segments[0]
    p = first.paragraph
    lo = art.sents[p][art.sentence_of(p, first.mark_start)][0]
    lead = art.masked[p][lo : first.mark_start].lstrip(" \"'\u201c\u2018")
    return _QUESTION_PUT.match(lead) is not None and not any(
        w.casefold() in SPEECH_VERB_SET for w in lead.split()[1:])  # "… Mr Johnson told …"


def _one(art: _Article, span: Span,
         done: list[tuple[Span, _Attribution]]) -> tuple[Quote | None, _Attribution | None]:
    text = span.text(art.paras)
    if is_fragment(text):
        return None, None
    n_words = len(text.split())
    if n_words <= _TITLE_MAX_WORDS and _names_a_work(art, span, text):
        return None, None
    last = done[-1][1] if done else None
    if _in_question_put(art, span):
        return _make_quote(art, span, _Attribution(None)), None
    picked = art.pick_cue(span)
    att: _Attribution | None = None
    if picked is not None:
        cue, p, si = picked
        if _names_passively(cue):
            # "what has been dubbed "…"", "Ann Roux was referred to as a "…"": words said
            # of someone by nobody the sentence names, a term when short; nobody's turn
            if n_words <= _SCARE_MAX_WORDS and not text.rstrip().endswith(("!", "?")):
                return None, None
            return _make_quote(art, span, _Attribution(None)), None
        att = art.resolve_cue(p, si, cue, last)
        if att is None:
            att = _context(art, span, done) or _Attribution(None)
    else:
        if n_words <= _SCARE_MAX_WORDS and not text.rstrip().endswith(("!", "?")):
            return None, None
        att = _context(art, span, done)
        if att is None:
            att = _Attribution(None)
    return _make_quote(art, span, att), att
