"""Following feeds: RSS 2.0 and Atom served from 127.0.0.1 (allowed by the policy), items
taken once, state kept in the store across restarts, failures backed off and retried."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import FeedError, FeedLimitReached, FetchError
from index.ingest import feeds
from index.ingest.fetch import FetchedPage, FetchPolicy
from index.library import Libraries, Library
from tests.feedsite import FeedSite, Item, article_html, atom, rss

LOCAL = FetchPolicy.allowing(["127.0.0.1"])
RSS = "application/rss+xml"


@pytest.fixture
def site():
    with FeedSite() as s:
        yield s


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def libs(data, database_url):
    opened = Libraries(data, fetch_policy=LOCAL, database_url=database_url)
    yield opened
    opened.close()


def _poll_all(lib: Library, **kwargs) -> list[feeds.PollResult]:
    return [feeds.poll(lib, row, LOCAL, **kwargs) for row in feeds.feeds(lib)]


def _follow(lib: Library, url: str, limit: int = 20) -> None:
    feeds.follow(lib, url, limit, policy=LOCAL)


def test_rss_items_become_articles_with_outlet_author_date_and_link_from_the_feed(libs, site):
    items = site.put_articles([0, 1, 2], outlet="Page Title Outlet")
    items[1].author = "Ana Lopes"
    url = site.put("/feed.xml", rss("Valley Courier", items), RSS)
    lib = libs.get("a")
    _follow(lib, url)
    [result] = _poll_all(lib)
    assert result.error is None and len(result.added) == 3
    stored = {a.url: a for a in lib.articles()}
    second = stored[items[1].link]
    assert second.outlet == "Valley Courier"  # the feed's title, not the page's site name
    assert second.authors == ("Ana Lopes",)
    assert second.published == "2025-03-04"
    assert second.title == items[1].title
    row = feeds.feeds(lib)[0]
    assert row.articles_added == 3 and row.last_success and row.failures == 0


def test_items_are_added_once_across_polls_and_restarts(data, site, database_url):
    items = site.put_articles([0, 1])
    url = site.put("/feed.xml", rss("Valley Courier", items), RSS)
    first = Libraries(data, fetch_policy=LOCAL, database_url=database_url)
    lib = first.get("a")
    _follow(lib, url)
    assert len(_poll_all(lib)[0].added) == 2
    assert _poll_all(lib)[0].added == ()
    first.close()
    site.routes["/feed.xml"].body = rss("Valley Courier", items + site.put_articles([2]))
    again = Libraries(data, fetch_policy=LOCAL, database_url=database_url)
    try:
        lib = again.get("a")
        [result] = _poll_all(lib)
        assert [a.url for a in result.added] == [site.url("/news/2.html")]
        assert len(lib.articles()) == 3
        assert site.hits["/news/0.html"] == 1 and site.hits["/news/1.html"] == 1
    finally:
        again.close()


def test_an_updated_item_with_the_same_guid_is_not_stored_again(libs, site):
    items = site.put_articles([0])
    url = site.put("/feed.xml", rss("Valley Courier", items), RSS)
    lib = libs.get("a")
    _follow(lib, url)
    _poll_all(lib)
    items[0].title = "Eastfield ferry terminal reopening delayed (updated)"
    site.put("/news/0.html", article_html(0, title=items[0].title) + "<!-- edited -->")
    site.put("/feed.xml", rss("Valley Courier", items), RSS)
    [result] = _poll_all(lib)
    assert result.added == () and len(lib.articles()) == 1
    assert site.hits["/news/0.html"] == 1  # recognised by its guid: not even fetched


def test_an_item_already_added_by_hand_or_by_body_is_not_duplicated(libs, site):
    items = site.put_articles([0, 1])
    lib = libs.get("a")
    assert not lib.add_inputs([items[0].link]).refused  # added by hand: same link
    copy = site.put("/mirror/1.html", article_html(1))  # same body under another link
    assert not lib.add_inputs([copy]).refused
    url = site.put("/feed.xml", rss("Valley Courier", items), RSS)
    _follow(lib, url)
    [result] = _poll_all(lib)
    assert result.added == () and result.duplicates == 1
    assert site.hits["/news/0.html"] == 1  # known link: not fetched again
    assert len(lib.articles()) == 2


def test_atom_with_full_text_is_stored_without_fetching_the_link(libs, site):
    body = article_html(4)
    content = body.split("<article>", 1)[1].split("</article>", 1)[0]
    content += "".join(f"<p>Further details of the works were set out in section {i} of the "
                       f"council report, which runs to many pages and lists every contractor "
                       f"involved in the scheme over the past year.</p>" for i in range(8))
    item = Item(guid="urn:story:4", link=site.url("/never-fetched.html"),
                title="Ashby ferry terminal to reopen", author="Mia Chen", content=content)
    url = site.put("/atom.xml", atom("Ashby Herald", [item]), "application/atom+xml")
    lib = libs.get("a")
    _follow(lib, url)
    [result] = _poll_all(lib)
    [article] = result.added
    assert article.outlet == "Ashby Herald" and article.authors == ("Mia Chen",)
    assert article.url == item.link and "refit costing" in article.paragraphs[0]
    assert site.hits["/never-fetched.html"] == 0


def test_an_unchanged_feed_answers_304_and_nothing_is_fetched_again(libs, site):
    items = site.put_articles([0, 1])
    url = site.put("/feed.xml", rss("Valley Courier", items), RSS, etag='"v1"',
                   last_modified="Tue, 04 Mar 2025 09:30:00 GMT")
    lib = libs.get("a")
    _follow(lib, url)
    _poll_all(lib)
    [result] = _poll_all(lib)
    assert result.not_modified and result.error is None
    assert site.not_modified["/feed.xml"] == 1
    path, etag, since = site.conditional[-1]
    assert (path, etag, since) == ("/feed.xml", '"v1"', "Tue, 04 Mar 2025 09:30:00 GMT")
    assert site.hits["/news/0.html"] == 1
    assert feeds.feeds(lib)[0].failures == 0


def test_a_failing_feed_backs_off_exponentially_then_recovers(libs, site):
    items = site.put_articles([0])
    url = site.put("/feed.xml", rss("Valley Courier", items), RSS)
    lib = libs.get("a")
    _follow(lib, url)
    site.put("/feed.xml", b"down for maintenance", "text/plain", status=503)
    delays = []
    for _ in range(3):
        [result] = _poll_all(lib, interval=100.0)
        assert result.error and "503" in result.error
        row = feeds.feeds(lib)[0]
        delays.append(row.next_poll - feeds.iso_seconds(row.last_polled))
    assert [round(d / 100) for d in delays] == [2, 4, 8]
    assert feeds.feeds(lib)[0].failures == 3
    site.put("/feed.xml", rss("Valley Courier", items), RSS)
    [result] = _poll_all(lib, interval=100.0)
    row = feeds.feeds(lib)[0]
    assert result.error is None and len(result.added) == 1
    assert row.failures == 0 and row.last_success and row.last_error is None


def test_backoff_doubles_and_is_capped():
    assert feeds.backoff(60, 0) == 60
    assert feeds.backoff(60, 3) == 480
    assert feeds.backoff(60, 30) == feeds.BACKOFF_CAP


def test_an_item_whose_page_fails_is_kept_and_retried_at_the_next_poll(libs, site):
    items = site.put_articles([0, 1])
    url = site.put("/feed.xml", rss("Valley Courier", items), RSS, etag='"same"')
    site.put("/news/1.html", b"busy", "text/plain", status=500)
    lib = libs.get("a")
    _follow(lib, url)
    [result] = _poll_all(lib)
    assert len(result.added) == 1 and [link for link, _ in result.failed] == [items[1].link]
    row = feeds.feeds(lib)[0]
    assert row.pending == 1 and "could not be stored" in (row.last_error or "")
    site.put("/news/1.html", article_html(1))
    [result] = _poll_all(lib)  # the feed answers 304: the waiting item is still taken
    assert result.not_modified and [a.url for a in result.added] == [items[1].link]
    assert feeds.feeds(lib)[0].pending == 0 and len(lib.articles()) == 2


def test_items_per_poll_caps_a_poll_and_the_rest_come_next_time(libs, site):
    items = site.put_articles(range(5))
    url = site.put("/feed.xml", rss("Valley Courier", items), RSS, etag='"big"')
    lib = libs.get("a")
    _follow(lib, url)
    assert len(_poll_all(lib, items_per_poll=3)[0].added) == 3
    # the cut poll kept no validators: the next one reads the whole feed again
    second = _poll_all(lib, items_per_poll=3)[0]
    assert len(second.added) == 2 and not second.not_modified
    assert len(lib.articles()) == 5


def test_a_server_follows_at_most_its_limit_of_feeds(libs, site):
    lib = libs.get("a")
    for n in range(2):
        _follow(lib, site.put(f"/f{n}.xml", rss(f"Outlet {n}", []), RSS), limit=2)
    with pytest.raises(FeedLimitReached, match="already follows 2 feeds"):
        _follow(lib, site.put("/f2.xml", rss("Outlet 2", []), RSS), limit=2)
    assert len(feeds.feeds(lib)) == 2
    _follow(lib, site.url("/f0.xml"), limit=2)  # following one again is not a new feed


@pytest.mark.parametrize("path, body, ctype, message", [
    ("/page.html", article_html(3), "text/html", "is an HTML page, not a feed"),
    ("/page-as-xml", article_html(3), "application/xml", "is an HTML page, not a feed"),
    ("/notes.txt", b"Ferry fares halved on Monday, the council said.", "text/plain",
     "is not an RSS or Atom feed"),
    ("/path-like", b"/etc/hostname", "text/plain", "is not an RSS or Atom feed"),
    ("/empty.xml", b"", RSS, "is empty, not a feed"),
])
def test_a_page_that_is_not_a_feed_is_refused_and_nothing_is_stored(libs, site, path, body,
                                                                      ctype, message):
    lib = libs.get("a")
    with pytest.raises(FeedError, match=message):
        _follow(lib, site.put(path, body, ctype))
    assert feeds.feeds(lib) == [] and lib.articles() == []


def test_a_redirect_loop_and_a_huge_feed_are_refused_with_their_reason(libs, site):
    lib = libs.get("a")
    site.put("/loop.xml", b"", status=302, location="/loop.xml")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        _follow(lib, site.url("/loop.xml"))
    small = FetchPolicy.allowing(["127.0.0.1"], max_bytes=2000)
    huge = site.put("/huge.xml", rss("Big", site.put_articles(range(30))), RSS)
    with pytest.raises(FetchError, match="over the 2.0 KB limit|over the 2 KB limit"):
        feeds.follow(lib, huge, 20, policy=small)
    assert feeds.feeds(lib) == []


def test_items_without_links_are_skipped_with_a_clear_status(libs, site):
    items = site.put_articles([0]) + [Item(guid="no-link", link=None, title="Linkless"),
                                      Item(guid="ftp", link="ftp://127.0.0.1/x", title="FTP")]
    url = site.put("/feed.xml", rss("Valley Courier", items), RSS)
    lib = libs.get("a")
    _follow(lib, url)
    [result] = _poll_all(lib)
    assert len(result.added) == 1 and result.without_link == 2
    assert "2 items without an http(s) link skipped" in (feeds.feeds(lib)[0].last_error or "")


def test_an_item_and_its_article_are_stored_together_or_not_at_all(libs, site, monkeypatch):
    items = site.put_articles([0])
    url = site.put("/feed.xml", rss("Valley Courier", items), RSS)
    lib = libs.get("a")
    _follow(lib, url)

    def crash(db, library: int) -> None:
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(lib.store, "_count_change", crash)  # fails inside the transaction
    with pytest.raises(RuntimeError):
        _poll_all(lib)
    monkeypatch.undo()
    assert lib.store.articles(lib.store_id) == []
    assert lib.store.known_items(lib.store_id, url, [], [items[0].link]) == (set(), set())
    [result] = _poll_all(lib)  # nothing half-stored: the next poll takes the item whole
    assert len(result.added) == 1


def test_feeds_belong_to_one_library(libs, site):
    items = site.put_articles([0, 1])
    url = site.put("/feed.xml", rss("Valley Courier", items), RSS)
    a, b = libs.get("a"), libs.get("b")
    _follow(a, url)
    assert feeds.feeds(b) == []
    _poll_all(a)
    assert len(a.articles()) == 2 and b.articles() == []
    _follow(b, url)  # b follows the same feed: its own items, its own articles
    [result] = _poll_all(b)
    assert len(result.added) == 2 and len(b.articles()) == 2
    feeds.unfollow(a, url)
    assert feeds.feeds(a) == [] and len(feeds.feeds(b)) == 1
    assert len(a.articles()) == 2  # unfollowing keeps the articles
    with pytest.raises(FeedError, match="does not follow"):
        feeds.unfollow(a, url)


def test_feedparser_reads_a_stream_never_a_path_or_url():
    page = FetchedPage(url="http://127.0.0.1/f", content_type="text/plain",
                       body=b"http://127.0.0.1:9/feed.xml")
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        feeds.parse_feed(page)


def test_a_feed_at_a_non_public_address_gets_the_fetchers_one_refusal(libs, site):
    url = site.put("/feed.xml", rss("Valley Courier", []), RSS)
    lib = libs.get("a")
    with pytest.raises(FetchError, match="from public http\\(s\\) addresses") as refused:
        feeds.follow(lib, url, 20, policy=FetchPolicy())  # 127.0.0.1 not allowed
    assert "redirect" not in str(refused.value) and site.hits["/feed.xml"] == 0
    assert feeds.feeds(lib) == []


def test_a_conditional_fetch_sends_the_validators_and_reads_304(site):
    from index.ingest.fetch import fetch_feed

    url = site.put("/feed.xml", rss("Valley Courier", []), RSS, etag='"abc"')
    first = fetch_feed(url, LOCAL)
    assert first.status == 200 and first.etag == '"abc"' and first.body
    again = fetch_feed(url, LOCAL, etag=first.etag)
    assert again.status == 304 and again.body == b""
    assert site.conditional[-1][1] == '"abc"'
