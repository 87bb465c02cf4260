"""What following a feed costs: one poll of a 50-item RSS feed served from 127.0.0.1.

    python -m bench.feeds

Prints the time of the first poll (50 pages fetched, read and stored), of the next poll
(the feed answers 304), of a poll that reads the whole feed again and finds nothing new,
and of reading a feed document just under the 5 MB cap. The pages and feeds are made-up
(tests/feedsite.py); meaning search is off, so the figures are feeds and ingestion only.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from index.ingest import feeds
from index.ingest.fetch import MAX_FILE_BYTES, FetchedPage, FetchPolicy
from index.library import Libraries
from tests.feedsite import FeedSite, Item, rss

ITEMS = feeds.ITEMS_PER_POLL
LOCAL = FetchPolicy.allowing(["127.0.0.1"])


def _timed(label: str, run: object) -> None:
    start = time.perf_counter()
    result = run()  # type: ignore[operator]
    took = time.perf_counter() - start
    print(f"{label:<48} {took * 1000:9.1f} ms   {result}")


def main() -> None:
    with FeedSite() as site, tempfile.TemporaryDirectory() as tmp:
        items = site.put_articles(range(ITEMS))
        url = site.put("/feed.xml", rss("Valley Courier", items), "application/rss+xml",
                       etag='"v1"')
        libraries = Libraries(Path(tmp), fetch_policy=LOCAL)
        lib = libraries.get("bench")
        feeds.follow(lib, url, 20, policy=LOCAL)

        def poll() -> str:
            result = feeds.poll(lib, feeds.feeds(lib)[0], LOCAL)
            return (f"{len(result.added)} added, {result.duplicates} duplicates, "
                    f"not modified: {result.not_modified}")

        _timed(f"first poll ({ITEMS} items, pages fetched)", poll)
        _timed("next poll (304 Not Modified)", poll)
        site.routes["/feed.xml"].etag = '"v2"'
        _timed("poll of the whole feed, nothing new", poll)
        libraries.close()

        filler = "<p>" + "The council met again on Tuesday to discuss the budget. " * 40 + "</p>"
        big: list[Item] = []
        body = rss("Big", big)
        n = 0
        while len(body) < MAX_FILE_BYTES * 0.95:
            big += [Item(guid=f"g{n + i}", link=f"http://127.0.0.1/{n + i}",
                         title=f"Story {n + i}", content=filler) for i in range(200)]
            n += 200
            body = rss("Big", big)
        page = FetchedPage(url="http://127.0.0.1/big.xml", content_type="application/rss+xml",
                           body=body)
        _timed(f"read a {len(body) / 1e6:.1f} MB feed ({len(big)} items)",
               lambda: f"{len(feeds.parse_feed(page).items)} items")


if __name__ == "__main__":
    main()
