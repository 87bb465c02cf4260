"""HTML pages: the main text and metadata by trafilatura, with a plain lxml <p> pass when
it finds no body; title repeats, bylines and date lines leading the body moved into the
header, furniture stripped."""

from __future__ import annotations

import json
import logging
import re
from datetime import date

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from index.errors import InputError
from index.ingest.boilerplate import strip_boilerplate
from index.ingest.bylines import parse_byline, split_authors
from index.ingest.dates import date_line, find_date
from index.ingest.decode import decode_bytes
from index.ingest.titles import first_sentence_title
from index.models import ArticleDraft
from index.text import normalize

log = logging.getLogger(__name__)

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "template", "svg", "button", "iframe", "figure", "figcaption")
_XML_DECL_RE = re.compile(r"\A\s*<\?xml[^>]*\?>")


def _html_tree(html: str) -> lxml.html.HtmlElement | None:
    html = _XML_DECL_RE.sub("", html)
    if not html.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    return tree


def _element_text(el: etree._Element) -> str:
    for lb in el.iter("lb", "br"):
        lb.tail = " " + (lb.tail or "")
    return " ".join("".join(el.itertext()).split())


def _body_paragraphs(body: etree._Element) -> list[str]:
    """Paragraphs of trafilatura's body tree: p, quote and list items; headings skipped."""
    out: list[str] = []
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "list":
            out.extend(t for t in (_element_text(item) for item in el.iter("item")) if t)
        elif tag in ("p", "quote", "code"):
            text = _element_text(el)
            if text:
                out.append(text)
        elif tag in ("div", "section"):
            out.extend(_body_paragraphs(el))
    return out


def _fallback_paragraphs(tree: lxml.html.HtmlElement) -> list[str]:
    """Our own pass when trafilatura finds nothing: <p> of <article>, else of the page."""
    tree = lxml.html.fromstring(lxml.html.tostring(tree))
    for el in tree.xpath("//" + " | //".join(_DROP_TAGS)):
        el.drop_tree()
    scope = tree.xpath("//article") or tree.xpath("//main") or [tree]
    paras: list[str] = []
    for root in scope:
        for p in root.iter("p", "blockquote", "li"):
            text = " ".join(p.text_content().split())
            if text and text not in paras:
                paras.append(text)
    return paras


def _meta(tree: lxml.html.HtmlElement, *names: str) -> str | None:
    for name in names:
        found = tree.xpath(
            f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'
        )
        for value in found:
            value = " ".join(str(value).split())
            if value:
                return value
    return None


def _json_ld_values(tree: lxml.html.HtmlElement, key: str) -> list[str]:
    """Every string value of key in the page's JSON-LD blocks, in document order."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == key and isinstance(v, str):
                    found.append(v)
                else:
                    walk(v)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text_content() or "null"))
        except ValueError:
            log.debug("unreadable JSON-LD block skipped")
    return found


def _page_title(tree: lxml.html.HtmlElement, outlet: str | None) -> str | None:
    title = _meta(tree, "og:title", "twitter:title")
    if not title:
        h1 = [" ".join(h.text_content().split()) for h in tree.xpath("//h1")]
        title = next((t for t in h1 if t), None)
    if not title:
        tag = tree.findtext(".//title")
        title = " ".join(tag.split()) if tag else None
    if title and outlet:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(sep + outlet):
                title = title[: -len(sep + outlet)]
    return title or None


def _starts_with(paragraph: str, prefix: str) -> bool:
    """True when paragraph opens with prefix (a meta description cut short with "...")."""
    head = normalize(prefix).rstrip(".… ").casefold()[:80]
    return normalize(paragraph).casefold().startswith(head)


def _same_text(a: str, b: str) -> bool:
    return " ".join(normalize(a).casefold().split()) == " ".join(normalize(b).casefold().split())


def _run_trafilatura(tree: lxml.html.HtmlElement, url: str | None) -> Document | None:
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,  # dates from markup only, never guessed from prose
                "max_date": date.today().isoformat(),
            },
        )
    except Exception:  # the extractor is third-party code: fall back to our own pass
        log.warning("trafilatura failed on %s", url or "page", exc_info=True)
        return None
    return doc if isinstance(doc, Document) else None


def parse_html(
    html: str | bytes, url: str | None = None, source: str | None = None
) -> ArticleDraft:
    """An HTML article: main text and metadata by trafilatura, lxml <p> pass as fallback."""
    name = source or url or "HTML page"
    text = decode_bytes(html, name, html=True) if isinstance(html, bytes) else html
    tree = _html_tree(text)
    if tree is None:
        raise InputError(f"{name} has no article text")
    doc = _run_trafilatura(tree, url)
    paragraphs = _body_paragraphs(doc.body) if doc is not None and doc.body is not None else []
    outlet = _meta(tree, "og:site_name", "application-name") or (doc.sitename if doc else None)
    if doc is not None and doc.sitename and not _meta(tree, "og:site_name"):
        outlet = doc.sitename
    title = (doc.title if doc else None) or _page_title(tree, outlet)
    authors = _authors(tree, doc)
    published = _published(tree, doc)
    if not paragraphs:
        log.info("trafilatura found no body in %s; using the <p> fallback", name)
        paragraphs = _fallback_paragraphs(tree)
    paragraphs, authors, published = _strip_header(paragraphs, title, authors, published)
    paragraphs = strip_boilerplate(paragraphs)
    if not paragraphs:
        raise InputError(f"{name} has no article text")
    if not title:
        title = first_sentence_title(paragraphs[0])
    standfirst = doc.description if doc is not None else None
    if standfirst and (
        _same_text(standfirst, title)
        or _starts_with(paragraphs[0], standfirst)
    ):
        standfirst = None
    page_url = (doc.url if doc is not None else None) or url
    if page_url and not page_url.lower().startswith(("http://", "https://")):
        page_url = url
    return ArticleDraft(
        title=title,
        paragraphs=tuple(paragraphs),
        standfirst=standfirst,
        authors=authors,
        outlet=outlet,
        published=published,
        url=page_url,
        source=source,
    )


def _authors(tree: lxml.html.HtmlElement, doc: Document | None) -> tuple[str, ...]:
    """The extractor's authors, else the page's author meta tag (never a profile URL)."""
    authors = split_authors(doc.author) if doc is not None and doc.author else ()
    if not authors:
        meta_author = _meta(tree, "author", "article:author", "dc.creator")
        if meta_author and not meta_author.startswith("http"):
            authors = split_authors(meta_author)
    return authors


def _published(tree: lxml.html.HtmlElement, doc: Document | None) -> str | None:
    """The extractor's date, else the first date the page's metadata or JSON-LD states."""
    published = find_date(doc.date) if doc is not None and doc.date else None
    if not published:
        stated = [_meta(tree, "article:published_time", "datePublished", "date", "dc.date") or ""]
        stated += _json_ld_values(tree, "datePublished")
        published = next((d for d in map(find_date, stated) if d), None)
    return published


def _strip_header(
    paragraphs: list[str], title: str | None, authors: tuple[str, ...], published: str | None
) -> tuple[list[str], tuple[str, ...], str | None]:
    """Leading title repeats, bylines and date lines belong to the header, not the body:
    dropped, with the authors and date they give where the metadata had none."""
    while paragraphs:
        head = paragraphs[0]
        if title and _same_text(head, title):
            paragraphs = paragraphs[1:]
            continue
        byline = parse_byline(head) if len(head) < 160 else None
        if byline is not None:
            authors = authors or byline[0]
            published = published or byline[1]
            paragraphs = paragraphs[1:]
            continue
        if date_line(head):
            published = published or date_line(head)
            paragraphs = paragraphs[1:]
            continue
        break
    return paragraphs, authors, published
