"""A news site on 127.0.0.1 for the feed tests: RSS 2.0 and Atom documents and article
pages, written for the project (made-up towns and people), with ETag / Last-Modified
answered by 304, and switches to make a route fail, redirect in a loop or grow huge."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

TOWNS = ("Eastfield", "Millbrook", "Northport", "Ashby", "Kelso Bay", "Redmoor", "Linford",
         "Orton", "Westmere", "Calder")
COUNCILLORS = ("Irene Vale", "Owen Marsh", "Priya Nair", "Colm Doyle", "Ruth Ellery")
THINGS = ("ferry terminal", "swimming baths", "bus depot", "town library", "market hall",
          "fire station", "cycle bridge", "primary school", "community orchard", "lido")


def article_html(n: int, *, title: str | None = None, outlet: str = "Valley Courier") -> str:
    """A made-up news article page; n picks the town, the place and the figures, so every
    n has its own body (the library's duplicate rule is by body)."""
    town, thing = TOWNS[n % len(TOWNS)], THINGS[(n // len(TOWNS)) % len(THINGS)]
    cost = 3 + n
    headline = title or f"{town} {thing} to reopen after £{cost}m refit"
    return f"""<!doctype html><html><head><title>{escape(headline)}</title>
<meta property="og:site_name" content="{escape(outlet)}"></head>
<body><article><h1>{escape(headline)}</h1>
<p>The {thing} in {town} will reopen to the public in the spring after a refit costing
£{cost} million, the council said on Tuesday, ending {n + 2} months of closure.</p>
<p>"People have waited patiently and they will not be disappointed," said councillor
{COUNCILLORS[n % len(COUNCILLORS)]}, who chairs the {town} works committee.</p>
<p>Contractors replaced the roof and the heating, and the building will now run on
power from {n + 40} solar panels fitted during the works.</p></article></body></html>"""


@dataclass
class Item:
    guid: str | None
    link: str | None
    title: str
    author: str | None = "Tom Ridley"
    date: datetime = field(default_factory=lambda: datetime(2025, 3, 4, 9, 30, tzinfo=UTC))
    content: str | None = None  # full text as HTML (content:encoded / Atom content)


def rss(title: str, items: Sequence[Item]) -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
             ' xmlns:dc="http://purl.org/dc/elements/1.1/">',
             f"<channel><title>{escape(title)}</title><link>http://example.invalid/</link>"
             "<description>News</description>"]
    for it in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(it.title)}</title>")
        if it.link:
            parts.append(f"<link>{escape(it.link)}</link>")
        if it.guid:
            parts.append(f'<guid isPermaLink="false">{escape(it.guid)}</guid>')
        if it.author:
            parts.append(f"<dc:creator>{escape(it.author)}</dc:creator>")
        parts.append(f"<pubDate>{format_datetime(it.date)}</pubDate>")
        parts.append("<description>A short teaser.</description>")
        if it.content:
            parts.append(f"<content:encoded><![CDATA[{it.content}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def atom(title: str, items: Sequence[Item]) -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"<title>{escape(title)}</title><id>urn:feed:{escape(title)}</id>"
             "<updated>2025-03-04T09:30:00Z</updated>"]
    for it in items:
        parts.append("<entry>")
        parts.append(f"<title>{escape(it.title)}</title>")
        if it.guid:
            parts.append(f"<id>{escape(it.guid)}</id>")
        if it.link:
            parts.append(f'<link rel="alternate" href="{escape(it.link)}"/>')
        if it.author:
            parts.append(f"<author><name>{escape(it.author)}</name></author>")
        parts.append(f"<updated>{it.date.isoformat()}</updated>")
        parts.append("<summary>A short teaser.</summary>")
        if it.content:
            parts.append(f'<content type="html">{escape(it.content)}</content>')
        parts.append("</entry>")
    parts.append("</feed>")
    return "\n".join(parts).encode("utf-8")


@dataclass
class Route:
    body: bytes
    ctype: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None


class FeedSite:
    """The server: `put` a route, read `hits` and the conditional headers it received."""

    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[], Route]] = {}
        self.hits: Counter[str] = Counter()
        self.conditional: list[tuple[str, str | None, str | None]] = []
        self.not_modified: Counter[str] = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's hook
                site.hits[self.path] += 1
                inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
                site.conditional.append((self.path, inm, ims))
                found = site.routes.get(self.path)
                route = found() if callable(found) else found
                if route is None:
                    route = Route(b"not here", "text/plain", 404)
                if route.status == 200 and (
                    (route.etag and inm == route.etag)
                    or (route.last_modified and ims == route.last_modified and not inm)
                ):
                    site.not_modified[self.path] += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.ctype)
                self.send_header("Content-Length", str(len(route.body)))
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                if route.location:
                    self.send_header("Location", route.location)
                self.end_headers()
                self.wfile.write(route.body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FeedSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: bytes | str, ctype: str = "text/html; charset=utf-8",
            **kwargs: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, ctype, **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def put_articles(self, numbers: Sequence[int], outlet: str = "Valley Courier") -> list[Item]:
        """Article pages /news/N.html and the RSS items that link to them."""
        items = []
        for n in numbers:
            link = self.put(f"/news/{n}.html", article_html(n, outlet=outlet))
            town, thing = TOWNS[n % len(TOWNS)], THINGS[(n // len(TOWNS)) % len(THINGS)]
            items.append(Item(guid=f"story-{n}", link=link,
                              title=f"{town} {thing} to reopen after £{3 + n}m refit"))
        return items
