"""The commands' shared road into the engine: input checks, then one library call.

The cogs (Discord) and the console call these same functions, so a command behaves the
same wherever it is typed. They are synchronous: the cogs run them in a worker thread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.options import (
    DEFAULT_DIGEST_SENTENCES,
    DEFAULT_RESULTS,
    DEFAULT_SENTENCES,
    MAX_NAME_CHARS,
    MAX_QUESTION_CHARS,
)
from index.ingest import articles as ingest
from index.errors import FetchError, InputError, NewsdeskError, QuestionError
from index.ingest.fetch import FetchedPage
from index.library import Library
from index.models import (
    AddOutcome,
    AddReport,
    Answer,
    Article,
    Digest,
    QuoteLookup,
    SpeakerCount,
    Summary,
)
from index.text import clean_input, scrub
ATTACHMENT_TYPES = (".txt", ".md", ".html", ".htm")


class PermissionRefused(NewsdeskError):
    """A member without Manage Server or the manager role tried to change the library."""


def has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def check_question(question: str | None) -> str:
    """A question fit for searching, or a QuestionError saying what to change."""
    text = clean_input(question, "question")
    if not text:
        raise QuestionError("The question is empty: ask with a few words, e.g. /ask who said what?")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"The question is {len(text)} characters long; keep it under "
            f"{MAX_QUESTION_CHARS} and ask about one thing at a time."
        )
    if not has_words(text):
        raise QuestionError("The question has no words to search for (only symbols or emoji).")
    return text


def check_name(value: str | None, what: str) -> str:
    """A speaker, article or topic reference: non-empty words of reasonable length."""
    text = clean_input(value, what)
    if not text or not has_words(text):
        raise InputError(f"Give a {what} with some letters or digits in it.")
    if len(text) > MAX_NAME_CHARS:
        raise InputError(f"That {what} is too long ({len(text)} characters).")
    return text


def check_target(article: str | None, about: str | None) -> None:
    """/summary takes an article or a topic (about:), exactly one of them."""
    if bool(clean_input(article)) == bool(clean_input(about)):
        raise InputError("Give either an article to summarize or about: a topic, not both.")


@dataclass(frozen=True)
class Asked:
    """An answer plus the articles its speaker quotes come from (quotes carry only ids)."""

    answer: Answer
    articles: dict[str, Article]


def ask(library: Library, question: str, results: int | None = None,
        context: Sequence[str] = ()) -> Asked:
    """context: the article ids of the answer this question follows up (a reply to the
    bot's answer, a question in its thread, the console's next question)."""
    answer = library.ask(check_question(question),
                         k=DEFAULT_RESULTS if results is None else results, context=context)
    sources: dict[str, Article] = {}
    if answer.speaker is not None:
        wanted = {q.article_id for q in answer.quotes}
        sources = {a.id: a for a in library.articles() if a.id in wanted}
    return Asked(answer, sources)


def answered_articles(answer: Answer) -> tuple[str, ...]:
    """The articles an answer drew on, best first: what a follow-up is read against."""
    ids = [p.article.id for p in answer.passages] + [q.article_id for q in answer.quotes]
    return tuple(dict.fromkeys(ids))


def quotes(library: Library, speaker: str, article: str | None = None) -> QuoteLookup:
    ref = check_name(article, "article") if clean_input(article) else None
    return library.quotes(speaker=check_name(speaker, "speaker name"), article=ref)


def whosaid(library: Library, words: str) -> QuoteLookup:
    return library.quotes(text=check_question(words))


def speakers(library: Library) -> list[SpeakerCount]:
    return list(library.speakers())


def summary(library: Library, article: str, sentences: int | None = None) -> Summary:
    return library.summary(check_name(article, "article"),
                           sentences=DEFAULT_SENTENCES if sentences is None else sentences)


def digest(library: Library, topic: str, sentences: int | None = None) -> Digest:
    return library.digest(check_question(topic),
                          sentences=DEFAULT_DIGEST_SENTENCES if sentences is None else sentences)


def articles(library: Library) -> list[Article]:
    return list(library.articles())


def show(library: Library, article: str) -> Article:
    return library.resolve(check_name(article, "article"))


def remove(library: Library, article: str) -> Article:
    return library.remove(check_name(article, "article"))


def check_url(url: str | None) -> str:
    """An http(s) URL, or an InputError naming what is wrong with it."""
    text = clean_input(url, "link")
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(f"Only http:// or https:// links can be added, not {text[:100]!r}.")
    return text


def add_inputs(library: Library, inputs: list[str]) -> AddReport:
    """Paths or URLs (the console's /add)."""
    if not inputs:
        raise InputError("Give a file, folder or http(s) link to add.")
    return library.add_inputs(inputs)


def add_url(library: Library, url: str) -> AddReport:
    return library.add_inputs([check_url(url)])


def add_page(library: Library, url: str, page: FetchedPage | FetchError) -> AddReport:
    """A link the bot fetched already (outside the engine thread), parsed and stored; a
    failed fetch is reported as that input's refusal, as `add` reports it."""
    if isinstance(page, FetchError):
        return AddReport([AddOutcome(url, error=str(page))])
    try:
        draft = ingest.parse_page(page, url)
    except NewsdeskError as exc:
        return AddReport([AddOutcome(url, error=str(exc))])
    return AddReport([library.add_draft(draft, url)])


def check_attachment(filename: str, size: int, limit: int) -> None:
    """Refuse an attachment before downloading it: wrong type, empty, too large."""
    if not filename.lower().endswith(ATTACHMENT_TYPES):
        raise InputError(
            f"{filename} is not a .txt, .md or .html file; attach the article as one of those."
        )
    if size == 0:
        raise InputError(f"{filename} is empty.")
    if size > limit:
        raise InputError(
            f"{filename} is {size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.0f} MB."
        )


def add_file(library: Library, data: bytes, filename: str, source: str | None) -> AddOutcome:
    return library.add_bytes(data, filename, source)


def add_text(library: Library, title: str, body: str) -> AddOutcome:
    """Pasted text: the title line first, then the body, as a text file reads."""
    title = clean_input(title)
    text = scrub(body).replace("\r\n", "\n").strip()
    if not has_words(text):
        raise InputError("The pasted text is empty.")
    return library.add_text(f"{title}\n\n{text}" if title else text, source=None)


def mention_question(content: str, bot_id: int) -> str:
    """The question in a message that mentions the bot: the text without the mention."""
    text = re.sub(rf"<@!?{bot_id}>", " ", content)
    return clean_input(text)
