"""Feeds a library follows: reading RSS and Atom documents, and turning new items into articles.

A poll has three steps, so the bot can do the slow ones off its engine thread:

    fetch the feed (I/O)  ->  plan: parse it, pick new and retried items (CPU, store)
    ->  fetch the items' pages (I/O)  ->  ingest: store each article with its item (CPU)

`poll` runs them in a row (the CLI). An item is recognised by its guid (else its link),
by its link among the library's articles, and by its body (the library's duplicate
rule); it is recorded in the same transaction as its article, so a crash never stores one
without the other. An item whose page cannot be fetched or read is kept and retried at
the next polls (MAX_ITEM_ATTEMPTS in all). A feed that fails backs off exponentially.
"""

from __future__ import annotations

import io
import json
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import feedparser

from index.errors import FeedError, FeedLimitReached, FetchError, InputError, NewsdeskError
from index.ingest import articles as ingest
from index.ingest.bylines import split_authors
from index.ingest.fetch import (
    DEFAULT_POLICY,
    FetchedPage,
    FetchPolicy,
    check_url,
    fetch_feed,
    fetch_url,
)
from index.ingest.html import parse_html
from index.library import Library
from index.models import Article, ArticleDraft
from index.store import FeedMark, FeedRow

log = logging.getLogger(__name__)

ITEMS_PER_POLL = 50  # items taken (fetched and stored) in one poll of one feed
MAX_ITEM_ATTEMPTS = 5  # fetches of one item's page before it is left aside
DEFAULT_INTERVAL = 15 * 60.0
BACKOFF_CAP = 6 * 3600.0  # a failing feed is still tried at least every 6 hours
# An item whose feed content has this many words is the article itself (content:encoded,
# Atom <content>); a shorter one is a teaser and the link is fetched.
FULL_TEXT_WORDS = 150
_XML_TYPES = ("xml", "rss", "atom", "rdf")
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")

PageFetcher = Callable[[str, FetchPolicy], FetchedPage]


@dataclass(frozen=True)
class FeedItem:
    """What newsdesk keeps of one feed entry."""

    key: str  # guid, else link
    link: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    content: str | None = None  # the full article as HTML, when the feed carries it

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> FeedItem:
        return cls(**json.loads(text))


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    items: tuple[FeedItem, ...]
    without_link: int = 0  # entries skipped: no http(s) link to attribute them to


def parse_feed(page: FetchedPage) -> ParsedFeed:
    """A fetched document as a feed; FeedError saying what it is when it is not one."""
    body = page.body
    ctype = page.content_type.lower()
    if "html" in ctype and "xhtml" not in ctype or _HTML_START.match(body[:4096]):
        raise FeedError(f"{page.url} is an HTML page, not a feed: give the address of its "
                        "RSS or Atom feed")
    if not body.strip():
        raise FeedError(f"{page.url} is empty, not a feed")
    # a stream, never bytes or a string: feedparser opens a string that looks like a path
    # or URL itself, and every read must go through newsdesk's fetcher
    parsed = feedparser.parse(io.BytesIO(body), response_headers={
        "content-location": page.url, "content-type": page.content_type or "application/xml",
    })
    if not parsed.get("version") and not parsed.entries:
        what = "a document" if any(t in ctype for t in _XML_TYPES) else ctype or "a document"
        raise FeedError(f"{page.url} is not an RSS or Atom feed ({what} newsdesk cannot read "
                        "as one)")
    items: list[FeedItem] = []
    without_link = 0
    keys: set[str] = set()
    for entry in parsed.entries:
        item = _item(entry)
        if item is None:
            without_link += 1
        elif item.key not in keys:
            keys.add(item.key)
            items.append(item)
    title = _clean(parsed.feed.get("title"))
    return ParsedFeed(title=title, items=tuple(items), without_link=without_link)


def _clean(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    text = " ".join(_TAG.sub(" ", text).split())
    return text[:200] or None


def _item(entry: Mapping[str, object]) -> FeedItem | None:
    link = entry.get("link")
    if not isinstance(link, str):
        return None
    try:
        link = check_url(link)
    except FetchError:
        return None
    guid = entry.get("id")
    key = guid.strip() if isinstance(guid, str) and guid.strip() else link
    detail = entry.get("author_detail")
    author = detail.get("name") if isinstance(detail, Mapping) else None
    author = _clean(author or entry.get("author"))
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = time.strftime("%Y-%m-%d", stamp) if stamp else None  # type: ignore[arg-type]
    content = None
    for part in entry.get("content") or ():  # type: ignore[attr-defined]
        value = part.get("value") if isinstance(part, Mapping) else None
        if isinstance(value, str) and len(_TAG.sub(" ", value).split()) >= FULL_TEXT_WORDS:
            content = value
            break
    return FeedItem(key=key[:2000], link=link, title=_clean(entry.get("title")),
                    author=author, published=published, content=content)


# -- following ---------------------------------------------------------------------------


def follow(library: Library, url: str, limit: int, channel_id: int | None = None,
           policy: FetchPolicy = DEFAULT_POLICY,
           fetch: Callable[..., FetchedPage] = fetch_feed) -> FeedRow:
    """Follow the feed at url: fetched and read first, so a page that is not a feed is
    refused and nothing is stored. Its items are taken at the next poll."""
    url = check_url(url)
    check_room(library, url, limit)
    return follow_fetched(library, url, fetch(url, policy), limit, channel_id)


def check_room(library: Library, url: str, limit: int) -> None:
    """FeedLimitReached when the library is full and url is not one of its feeds (so a
    full library is told before anything is fetched)."""
    known = library.store.feed(library.store_id, url)
    if known is None and len(library.store.feeds(library.store_id)) >= limit:
        raise FeedLimitReached(limit)


def follow_fetched(library: Library, url: str, page: FetchedPage, limit: int,
                   channel_id: int | None = None) -> FeedRow:
    """The CPU half of `follow` (the bot fetches in its fetch pool, then calls this in
    its engine thread): read the document as a feed, then store it."""
    parsed = parse_feed(page)
    return library.store.add_feed(library.store_id, url, parsed.title, channel_id, limit)


def unfollow(library: Library, url: str) -> None:
    if not library.store.remove_feed(library.store_id, url.strip()):
        raise FeedError(f"this library does not follow {url.strip()} (see the list of feeds)")


def feeds(library: Library) -> list[FeedRow]:
    return library.store.feeds(library.store_id)


def backoff(interval: float, failures: int) -> float:
    """Seconds until a feed that failed `failures` times in a row is tried again."""
    if failures <= 0:
        return interval
    return min(interval * 2 ** min(failures, 20), max(BACKOFF_CAP, interval))


# -- polling -----------------------------------------------------------------------------


@dataclass
class Plan:
    """What one poll of one feed will take, decided from the fetched feed document."""

    feed: FeedRow
    page: FetchedPage | None = None
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    without_link: int = 0
    cut: bool = False  # more new items than one poll takes: the feed is fetched whole again
    error: str | None = None

    def links_to_fetch(self) -> list[str]:
        return [i.link for i in self.items if i.content is None]


@dataclass(frozen=True)
class PollResult:
    feed: FeedRow  # the state after the poll
    added: tuple[Article, ...] = ()
    duplicates: int = 0
    failed: tuple[tuple[str, str], ...] = ()  # (link, reason): kept and retried
    without_link: int = 0
    not_modified: bool = False
    error: str | None = None


def plan(library: Library, feed: FeedRow, fetched: FetchedPage | NewsdeskError,
         items_per_poll: int = ITEMS_PER_POLL) -> Plan:
    """Read the fetched feed and pick the items to take: those retried first, then new
    ones in the feed's order, at most items_per_poll."""
    if isinstance(fetched, NewsdeskError):
        return Plan(feed=feed, error=str(fetched))
    store, lib = library.store, library.store_id
    retried = [FeedItem.from_json(text) for _, text in
               store.pending_items(lib, feed.url, items_per_poll, MAX_ITEM_ATTEMPTS)]
    result = Plan(feed=feed, page=fetched, items=retried)
    if fetched.status == 304:
        return result
    try:
        parsed = parse_feed(fetched)
    except NewsdeskError as exc:
        result.error = str(exc)
        return result
    result.title, result.without_link = parsed.title, parsed.without_link
    keys, links = store.known_items(lib, feed.url, [i.key for i in parsed.items],
                                    [i.link for i in parsed.items])
    taken = {i.key for i in retried}
    fresh = [i for i in parsed.items
             if i.key not in keys and i.link not in links and i.key not in taken]
    room = max(items_per_poll - len(retried), 0)
    result.cut = len(fresh) > room
    result.items += fresh[:room]
    return result


def fetch_pages(plan_: Plan, policy: FetchPolicy = DEFAULT_POLICY,
                fetch: PageFetcher = fetch_url) -> dict[str, FetchedPage | NewsdeskError]:
    """The pages of the planned items that the feed does not carry whole (I/O only)."""
    pages: dict[str, FetchedPage | NewsdeskError] = {}
    for link in plan_.links_to_fetch():
        if link not in pages:
            try:
                pages[link] = fetch(link, policy)
            except NewsdeskError as exc:
                pages[link] = exc
    return pages


def ingest_items(library: Library, plan_: Plan,
                 pages: Mapping[str, FetchedPage | NewsdeskError],
                 interval: float = DEFAULT_INTERVAL, now: float | None = None) -> PollResult:
    """Store the planned items' articles (each with its item, in one transaction) and
    the feed's new state; the result says what was added, duplicated and failed."""
    store, lib = library.store, library.store_id
    feed = plan_.feed
    clock = time.time() if now is None else now
    if store.feed(lib, feed.url) is None:  # removed while it was being fetched
        return PollResult(feed=feed, error="no longer followed")
    if plan_.error is not None and not plan_.items:
        return _failed(library, feed, plan_.error, interval, clock)
    outlet = plan_.title or feed.title
    added: list[Article] = []
    duplicates = 0
    failed: list[tuple[str, str]] = []
    for item in plan_.items:
        mark = FeedMark(feed.url, item.key, item.link, item.to_json())
        try:
            draft = _draft(item, pages.get(item.link), outlet)
            outcome = library.add_draft(draft, item.link, mark=mark)
        except NewsdeskError as exc:
            store.item_failed(lib, mark, str(exc))
            failed.append((item.link, str(exc)))
            continue
        if outcome.article is not None:
            added.append(outcome.article)
        else:
            duplicates += 1
    if plan_.error is not None:  # the feed failed; only retried items were taken
        result = _failed(library, feed, plan_.error, interval, clock)
        return replace(result, added=tuple(added), duplicates=duplicates, failed=tuple(failed))
    notes = []
    if failed:
        notes.append(f"{_count(len(failed), 'item')} could not be stored (tried again at "
                     f"the next poll): {failed[0][1]}")
    if plan_.without_link:
        notes.append(f"{_count(plan_.without_link, 'item')} without an http(s) link skipped")
    note = "; ".join(notes) or None
    page = plan_.page
    not_modified = page is not None and page.status == 304
    store.feed_polled(
        lib, feed.url, ok=True, error=note, next_poll=clock + interval, title=plan_.title,
        etag=None if plan_.cut or page is None else page.etag,
        last_modified=None if plan_.cut or page is None else page.last_modified,
        keep_validators=not_modified,
    )
    after = store.feed(lib, feed.url) or feed
    log.info("feed %s of library %s: %d added, %d duplicates, %d failed%s", feed.url,
             library.name, len(added), duplicates, len(failed),
             " (not modified)" if not_modified else "")
    return PollResult(feed=after, added=tuple(added), duplicates=duplicates,
                      failed=tuple(failed), without_link=plan_.without_link,
                      not_modified=not_modified)


def _failed(library: Library, feed: FeedRow, error: str, interval: float,
            clock: float) -> PollResult:
    delay = backoff(interval, feed.failures + 1)
    library.store.feed_polled(library.store_id, feed.url, ok=False, error=error,
                              next_poll=clock + delay)
    log.info("feed %s of library %s failed (%d in a row; next try in %.0f s): %s",
             feed.url, library.name, feed.failures + 1, delay, error)
    after = library.store.feed(library.store_id, feed.url) or feed
    return PollResult(feed=after, error=error)


def _draft(item: FeedItem, page: FetchedPage | NewsdeskError | None,
           outlet: str | None) -> ArticleDraft:
    """The item's article: from the feed's full text, else its fetched page; outlet from
    the feed's title, author, date and link from the item."""
    if item.content is not None:
        html = f"<html><body><article>{item.content}</article></body></html>"
        draft = parse_html(html, url=item.link, source=item.link)
    elif isinstance(page, NewsdeskError):
        raise page
    elif page is None:
        raise InputError(f"{item.link} was not fetched")
    else:
        draft = ingest.parse_page(page, item.link)
    authors = split_authors(item.author) if item.author else draft.authors
    return replace(draft, title=item.title or draft.title, outlet=outlet or draft.outlet,
                   authors=authors or draft.authors,
                   published=item.published or draft.published, url=item.link,
                   source=item.link)


def poll(library: Library, feed: FeedRow, policy: FetchPolicy = DEFAULT_POLICY,
         interval: float = DEFAULT_INTERVAL, items_per_poll: int = ITEMS_PER_POLL,
         fetch: Callable[..., FetchedPage] = fetch_feed,
         fetch_page: PageFetcher = fetch_url) -> PollResult:
    """One poll of one feed, every step in this thread (the CLI's `feed poll`)."""
    fetched: FetchedPage | NewsdeskError
    try:
        fetched = fetch(feed.url, policy, feed.etag, feed.last_modified)
    except NewsdeskError as exc:
        fetched = exc
    taken = plan(library, feed, fetched, items_per_poll)
    pages = fetch_pages(taken, policy, fetch_page)
    return ingest_items(library, taken, pages, interval)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def iso_time(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, UTC).replace(microsecond=0).isoformat()


def iso_seconds(text: str | None) -> float:
    """A stored ISO 8601 time as seconds since the epoch (0 for none)."""
    return datetime.fromisoformat(text).timestamp() if text else 0.0
