"""Frozen records that cross layers: the engine returns them, the bot and CLI render them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArticleDraft:
    """An article parsed from a file, HTML page or URL, before it is stored."""

    title: str
    paragraphs: tuple[str, ...]
    standfirst: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    url: str | None = None
    source: str | None = None  # the path or URL it was read from
    added_at: str | None = None  # kept from an export; a new article gets the time it is added


@dataclass(frozen=True)
class Article:
    """A stored article; paragraphs are the body only, numbered from 1 by position."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    standfirst: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    added_at: str | None = None

    @property
    def author(self) -> str | None:
        """Authors joined as a byline reads: "A", "A and B", "A, B and C"."""
        if not self.authors:
            return None
        if len(self.authors) == 1:
            return self.authors[0]
        return ", ".join(self.authors[:-1]) + " and " + self.authors[-1]

    def paragraph(self, n: int) -> str:
        """Body paragraph n (1-based)."""
        return self.paragraphs[n - 1]


@dataclass(frozen=True)
class Quote:
    """A direct quote: its words without the marks, who said it, and where it stands.

    speaker is None for an unnamed source; description then says who the article says
    it is ("a person familiar with the atmosphere in the room").
    """

    text: str
    paragraph: int  # 1-based body paragraph where the quote opens
    speaker: str | None
    role: str | None = None
    description: str | None = None
    end_paragraph: int | None = None  # last paragraph of a quote running over several
    start: int = 0  # character offset of the quote's first word in its paragraph
    article_id: str = ""


@dataclass(frozen=True)
class Passage:
    """One answering paragraph with why it answers."""

    article: Article
    paragraph: int
    text: str
    sentence: str  # the sentence of text that best answers
    score: float
    matched: tuple[str, ...]  # question words as typed that the paragraph shares
    by: str = "words"  # "words": it shares enough of the question; "meaning": found by cosine


@dataclass(frozen=True)
class Answer:
    question: str
    passages: tuple[Passage, ...]
    missing: tuple[str, ...] = ()  # key words of the question that no stored article has
    speaker: str | None = None  # set when the question was answered from a speaker's quotes
    # the speaker's quotes, ranked, each with its article, when speaker is set
    quotes: tuple[tuple[Quote, Article], ...] = ()


@dataclass(frozen=True)
class QuoteLookup:
    speaker: str | None  # the query as asked (None: every quote)
    quotes: tuple[tuple[Quote, Article], ...]
    suggestions: tuple[str, ...] = ()  # named speakers close to a speaker that has none
    text: str | None = None  # the words looked for (quotes --text, /whosaid)
    article: Article | None = None  # the article the look-up was limited to
    stored: int = 0  # quotes stored in the library (or that article) before filtering
    closest: tuple[tuple[Quote, Article], ...] = ()  # sharing most words, when none has all


@dataclass(frozen=True)
class SpeakerCount:
    name: str
    quotes: int
    roles: tuple[str, ...] = ()
    articles: int = 0


@dataclass(frozen=True)
class SummarySentence:
    text: str
    paragraph: int


@dataclass(frozen=True)
class Summary:
    article: Article
    sentences: tuple[SummarySentence, ...]
    speakers: tuple[SpeakerCount, ...] = ()


@dataclass(frozen=True)
class DigestSection:
    article: Article
    sentences: tuple[SummarySentence, ...]


@dataclass(frozen=True)
class Digest:
    topic: str
    sections: tuple[DigestSection, ...]
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddOutcome:
    """What happened to one input of `add`: exactly one of article / duplicate_of / error."""

    input: str
    article: Article | None = None
    duplicate_of: Article | None = None
    error: str | None = None


@dataclass
class AddReport:
    outcomes: list[AddOutcome] = field(default_factory=list)

    @property
    def refused(self) -> list[AddOutcome]:
        return [o for o in self.outcomes if o.error is not None]
