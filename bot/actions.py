"""The commands' shared road into the engine: input checks, then one library call.

The cogs (Discord) and the console call these same functions, so a command behaves the
same wherever it is typed. They are synchronous: the cogs run them in a worker thread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.options import DEFAULT_DIGEST_SENTENCES, DEFAULT_RESULTS, DEFAULT_SENTENCES
from index.errors import FetchError, InputError, NewsdeskError
from index.ingest import articles as ingest
from index.ingest.fetch import FetchedPage, human_size
from index.ingest.fetch import check_url as fetch_check_url
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
from index.quotes.speakers import validate_speaker_query
from index.search.answers import validate_question
from index.text import clean_input, scrub

# The engine's own checks, run before a command defers so a bad input is refused at once
# (the engine runs them again: one message wherever the input is typed).
check_question = validate_question
check_speaker = validate_speaker_query


def check_url(url: str | None) -> str:
    """An http(s) URL with a host (the fetcher's own check), or a FetchError saying why."""
    return fetch_check_url(clean_input(url, "link"))


class PermissionRefused(NewsdeskError):
    """A member without Manage Server or the manager role tried to change the library."""


def check_target(article: str | None, about: str | None) -> None:
    """/summary takes an article or a topic (about:), exactly one of them."""
    if bool(clean_input(article)) == bool(clean_input(about)):
        raise InputError("Give either an article to summarize or about: a topic, not both.")


def ask(library: Library, question: str, results: int | None = None,
        context: Sequence[str] = ()) -> Answer:
    """context: the article ids of the answer this question follows up (a reply to the
    bot's answer, a question in its thread, the console's next question)."""
    return library.ask(check_question(question),
                       k=DEFAULT_RESULTS if results is None else results, context=context)


def answered_articles(answer: Answer) -> tuple[str, ...]:
    """The articles an answer drew on, best first: what a follow-up is read against."""
    ids = [p.article.id for p in answer.passages] + [a.id for _, a in answer.quotes]
    return tuple(dict.fromkeys(ids))


def quotes(library: Library, speaker: str, article: str | None = None) -> QuoteLookup:
    ref = article if clean_input(article) else None
    return library.quotes(speaker=check_speaker(speaker), article=ref)


def whosaid(library: Library, words: str) -> QuoteLookup:
    return library.quotes(text=check_question(words))


def speakers(library: Library) -> list[SpeakerCount]:
    return list(library.speakers())


def summary(library: Library, article: str, sentences: int | None = None) -> Summary:
    return library.summary(article,
                           sentences=DEFAULT_SENTENCES if sentences is None else sentences)


def digest(library: Library, topic: str, sentences: int | None = None) -> Digest:
    return library.digest(check_question(topic),
                          sentences=DEFAULT_DIGEST_SENTENCES if sentences is None else sentences)


def articles(library: Library) -> list[Article]:
    return list(library.articles())


def show(library: Library, article: str) -> Article:
    return library.resolve(article)


def remove(library: Library, article: str) -> Article:
    return library.remove(article)


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


def check_attachment(filename: str, size: int) -> None:
    """Refuse an attachment before downloading it: wrong type, empty, too large (the
    engine's own formats and limit, as `add` would refuse the file)."""
    if not filename.lower().endswith(ingest.SUPPORTED_SUFFIXES):
        raise InputError(
            f"{filename} is not a .txt, .md or .html file; attach the article as one of those."
        )
    if size == 0:
        raise InputError(f"{filename} is empty.")
    if size > ingest.MAX_FILE_BYTES:
        raise InputError(f"{filename} is {human_size(size)}; the limit is "
                         f"{human_size(ingest.MAX_FILE_BYTES)}.")


def add_file(library: Library, data: bytes, filename: str, source: str | None) -> AddOutcome:
    return library.add_bytes(data, filename, source)


def add_text(library: Library, title: str, body: str) -> AddOutcome:
    """Pasted text: the title line first, then the body, as a text file reads."""
    title = clean_input(title)
    text = scrub(body).replace("\r\n", "\n").strip()
    if not any(ch.isalnum() for ch in text):
        raise InputError("The pasted text is empty.")
    return library.add_text(f"{title}\n\n{text}" if title else text, source=None)


def mention_question(content: str, bot_id: int) -> str:
    """The question in a message that mentions the bot: the text without the mention."""
    text = re.sub(rf"<@!?{bot_id}>", " ", content)
    return clean_input(text)
