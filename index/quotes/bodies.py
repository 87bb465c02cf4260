"""Organisations an article names, so a body that speaks is credited by its name.

News names a body once ("US magazine Mobile PC", "the National Audit Office report",
"the Institute for Supply Management") and then writes "the magazine said", "according
to the report" or "ISM". `Bodies` reads those introductions from the masked paragraphs
(quotes blanked) so such a quote is credited to the organisation the article identified,
and an acronym is written out as the article spells it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from index.lexicon import BODY_NOUNS, BUSINESS_NOUNS, MEDIUM_NOUNS, ORG_LINKS, STOP_CAPS
from index.quotes.english import is_noun
from index.quotes.names import bare, is_given_name

_CAP = r"[A-Z](?:[\w&'\u2019.\-]*[\w&])?"  # never ends in a full stop ("PCs. The")
_CAP_RUN = rf"{_CAP}(?:\s+(?:(?:of|for|and|&)\s+)?{_CAP}){{0,6}}"
# "magazine Mobile PC", "the club Harbour Rovers": a kind of body, then its name
_TYPED = re.compile(rf"\b(?P<noun>[a-z]+)\s+(?P<name>{_CAP_RUN})")
# "the National Audit Office report", "Vale Mining's statement": a body, then its text
_OWNED = re.compile(rf"(?P<name>{_CAP_RUN})(?:['\u2019]s?)?\s+(?P<noun>[a-z]+)\b")
# "a report by telecoms giant BT", "a study from the Harbour Institute": a text and its author
_MEDIUM_BY = re.compile(
    rf"\b(?P<noun>report|study|survey|statement|review|audit|poll)\s+(?:by|from)\s+"
    rf"(?:the\s+)?(?:[a-z][\w-]*\s+){{0,3}}(?P<name>{_CAP_RUN})")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
# "a Baton Rouge newspaper", "an Ohio firm": the article before the capitalised words
_INDEFINITE_BEFORE = re.compile(r"(?i)(?:^|\W)(?:a|an|one|another)\s+$")
# "the club's board", "the magazine", "its report": a definite reference to a body
_DEFINITE = re.compile(
    r"(?i)^(?:the|its|their|this)\s+(?:(?P<owner>[a-z]+)['\u2019]s\s+)?(?P<noun>[a-z]+)$"
)
# "the board", "the safety board", "the commission": a body by the last word of its name
_BY_HEAD = re.compile(r"^(?:the|The)\s+(?P<head>(?:[a-z]+\s+)?[a-z]+)$")
# a body whose own name ends in its kind ("National Transportation Safety Board") or
# opens on it ("Department of Justice", "Bank of England")
_TITLED = re.compile(rf"(?<![\w'\u2019-])(?P<name>{_CAP_RUN})")


@dataclass(order=True)
class _Body:
    position: int
    name: str = field(compare=False)
    noun: str = field(compare=False)


class Mentions:
    """Bodies named in reading order, answering "which before this point?" in log time:
    the last one, or the only one when every mention so far names the same body."""

    def __init__(self, named: Iterable[tuple[int, str]]) -> None:
        pairs = sorted(named, key=lambda pn: pn[0])  # by position; a tie keeps its order
        self._positions = [position for position, _ in pairs]
        self._names = [name for _, name in pairs]
        seen: set[str] = set()
        self._distinct: list[int] = []  # how many different names up to each mention
        for name in self._names:
            seen.add(name)
            self._distinct.append(len(seen))

    def last_before(self, position: int) -> str | None:
        k = bisect.bisect_left(self._positions, position)
        return self._names[k - 1] if k else None

    def only_before(self, position: int) -> str | None:
        k = bisect.bisect_left(self._positions, position)
        return self._names[0] if k and self._distinct[k - 1] == 1 else None


def _titled_bodies(masked: list[str], para: int) -> dict[str, Mentions]:
    """The bodies whose names give their kind, by the words a description would use for
    it: "board" and "safety board" for "National Transportation Safety Board",
    "department" for "Department of Justice" (a lower-case "of" or "for" after it; a
    headline's "Board Of Election Finds" is no name)."""
    by_kind: dict[str, list[_Body]] = {}
    for p, text in enumerate(masked):
        for m in _TITLED.finditer(text):
            for name in _one_body_each(m.group("name")):
                words = name.split()
                while words and bare(words[0]) in STOP_CAPS:
                    words = words[1:]  # "The National Audit Office"
                if len(words) < 2 or is_given_name(words[0]):
                    continue  # a person ("Tom Board") or a lone word
                name = re.sub(r"['\u2019]s?$", "", " ".join(words))  # "Bank of England's"
                body = _Body(p * para + m.start("name"), name, "")
                low = [w.casefold() for w in words]
                kinds: set[str] = set()
                if bare(words[-1]) in BODY_NOUNS:
                    kinds |= {low[-1], " ".join(low[-2:])}
                if bare(words[0]) in BODY_NOUNS and len(words) > 2 and words[1] in ("of", "for"):
                    kinds.add(low[0])
                for kind in kinds:
                    if kind.split()[-1] not in _GENERIC_KINDS:
                        by_kind.setdefault(kind, []).append(body)
    return {kind: Mentions((b.position, b.name) for b in bodies)
            for kind, bodies in by_kind.items()}


# kinds too generic to stand for one named body: "the group" may be any group of people,
# "the party" any of the parties a political story names
_GENERIC_KINDS = frozenset({"group", "party"})


def _one_body_each(run: str) -> list[str]:
    """ "Citizens Bank and Canal Bank" is two bodies; "Department of Trade and Industry"
    one: a run splits at "and" only after a word that ends a body's name."""
    parts = re.split(r"\s+(?:and|&)\s+", run)
    out = [parts[0]]
    for part in parts[1:]:
        if bare(out[-1].split()[-1]) in BODY_NOUNS:
            out.append(part)
        else:
            out[-1] += " and " + part
    return out


class Bodies:
    """The organisations of one article, by the kind of body the article calls each one."""

    def __init__(self, masked: list[str], para: int) -> None:
        self._by_noun: dict[str, list[_Body]] = {}
        self._text = masked
        self._spelled: dict[str, str] | None = None  # initials -> name, built at the first acronym
        self._names: set[str] | None = None  # every body's name, built at the first question
        for p, text in enumerate(masked):
            self._scan(p * para, text)
        for bodies in self._by_noun.values():
            bodies.sort()
        self._businesses = Mentions(
            (b.position, b.name) for noun in BUSINESS_NOUNS for b in self._by_noun.get(noun, []))
        self._titled = _titled_bodies(masked, para)

    def _scan(self, base: int, text: str) -> None:
        """The bodies one masked paragraph (at offset `base`) names, under their kinds."""
        for m in _TYPED.finditer(text):
            if m.group("noun") in BODY_NOUNS:
                # "magazine Rolling Stone's annual list": the name without the possessive
                name = re.sub(r"['\u2019]s?$", "", m.group("name")) or m.group("name")
                self._add(base + m.start("name"), name, m.group("noun"))
        for m in _OWNED.finditer(text):
            if re.match(r"\s+[A-Z]", text[m.end() : m.end() + 2]):
                continue  # "Trade magazine Harbour Weekly": the name follows the noun
            if m.group("noun") in BODY_NOUNS and (
                    _INDEFINITE_BEFORE.search(text[max(0, m.start() - 10) : m.start()])
                    or _INDEFINITE_BEFORE.match(m.group("name").split()[0] + " ")):
                continue  # "a Baton Rouge newspaper": a kind or a place, not its name
            if m.group("noun") in MEDIUM_NOUNS or m.group("noun") in BODY_NOUNS:
                self._add(base + m.start("name"), m.group("name"), m.group("noun"))
        for m in _MEDIUM_BY.finditer(text):
            after = _NEXT_WORD.match(text, m.end())
            if after is not None and is_noun(after.group(1)):
                continue  # "a report by the Commons work and pensions committee"
            self._add(base + m.start("name"), m.group("name"), m.group("noun"))

    def _add(self, position: int, name: str, noun: str) -> None:
        words = name.split()
        while words and bare(words[0]) in STOP_CAPS:
            words = words[1:]  # "The National Audit Office"
        while words and bare(words[-1]) in ORG_LINKS:
            words = words[:-1]
        if not words or (len(words) > 1 and is_given_name(words[0])):
            return  # a person ("firm boss Tom Vane" is read by the name rules)
        self._by_noun.setdefault(noun, []).append(_Body(position, " ".join(words), noun))

    def knows(self, name: str) -> bool:
        """Did the article introduce this name as a body ("water firm Aguas Argentinas")?"""
        if self._names is None:
            self._names = {b.name for bodies in self._by_noun.values() for b in bodies}
        return name in self._names

    def named(self, description: str, position: int) -> str | None:
        """The body a definite description ("the magazine", "the club's board") refers to."""
        m = _DEFINITE.match(" ".join(description.split()))
        if m is None:
            return None
        for noun in filter(None, (m.group("owner"), m.group("noun"))):
            bodies = self._by_noun.get(noun.casefold(), [])
            k = bisect.bisect_left(bodies, _Body(position, "", ""))
            if k:
                return bodies[k - 1].name  # the last one introduced before the quote
        if m.group("noun").casefold() in BUSINESS_NOUNS:
            return self._only_business_before(position)
        return None

    def titled(self, description: str, position: int) -> str | None:
        """The body whose own name holds the description's words as its kind ("the safety
        board" after "the National Transportation Safety Board", "the department" after
        "the Department of Justice"): the last one named before `position`."""
        m = _BY_HEAD.match(" ".join(description.split()))
        if m is None:
            return None
        head = m.group("head").casefold()
        mentions = self._titled.get(head)
        if mentions is None:
            return None
        if " " in head:  # a kind precise enough to tell ("the safety board"): the last
            return mentions.last_before(position)
        # the one body of that kind, else unclear ("the bank" after two banks)
        return mentions.only_before(position)

    def _only_business_before(self, position: int) -> str | None:
        """The one business introduced before `position` under any kind ("giant EMI" is
        "the company"); None when there were several, and which one is meant is unclear."""
        return self._businesses.only_before(position)

    def expand(self, name: str) -> str:
        """An acronym with its name as the article spells it ("ISM" -> "Institute for Supply
        Management (ISM)": found by either), else the name as given."""
        if not re.fullmatch(r"[A-Z]{2,6}", name):
            return name
        if self._spelled is None:
            self._spelled = self._initials()
        full = self._spelled.get(name)
        return f"{full} ({name})" if full else name

    def _initials(self) -> dict[str, str]:
        """Initials -> the first capitalised run of two to six words that has them (one pass)."""
        out: dict[str, str] = {}
        for text in self._text:
            for m in re.finditer(_CAP_RUN, text):
                words = [w for w in m.group(0).split() if w not in ("of", "for", "and", "&")]
                while words and bare(words[0]) in STOP_CAPS:
                    words = words[1:]
                if 2 <= len(words) <= 6:
                    key = "".join(w[0] for w in words)
                    if key not in out:
                        out[key] = m.group(0)[m.group(0).find(words[0]) :]
        return out
