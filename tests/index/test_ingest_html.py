"""HTML pages become drafts: main text by trafilatura, metadata from tags and JSON-LD."""

from pathlib import Path

import pytest

from index.errors import InputError
from index.ingest.articles import read_file
from index.ingest.html import parse_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
PAGE = FIXTURES / "bridge_page.html"


@pytest.fixture(scope="module")
def draft():
    return read_file(PAGE)


def test_title_comes_from_the_page_without_the_site_suffix(draft):
    assert draft.title == "Harbour bridge to reopen after repairs"


def test_authors_come_from_json_ld(draft):
    assert draft.authors == ("Jane Roe", "Tom Vale")


def test_site_name_is_the_outlet(draft):
    assert draft.outlet == "Northport Gazette"


def test_published_date_is_normalized_to_iso(draft):
    assert draft.published == "2025-02-12"


def test_canonical_link_is_the_url(draft):
    assert draft.url == "https://gazette.example/news/harbour-bridge"


def test_description_is_the_standfirst(draft):
    assert draft.standfirst == "Cracked cables push the reopening back by a fortnight."


def test_body_is_the_article_paragraphs_in_order(draft):
    assert len(draft.paragraphs) == 4
    assert draft.paragraphs[0].startswith("Engineers said the harbour bridge would reopen")
    assert draft.paragraphs[-1].startswith("A council spokesman declined to comment")


def test_line_break_inside_a_paragraph_becomes_a_space(draft):
    assert draft.paragraphs[2] == (
        "The council said ferries would run every twenty minutes until then, and fares would be "
        "halved for commuters. Extra buses will also run from the north ramp."
    )


def test_navigation_cookie_banner_ads_share_and_footer_are_not_body(draft):
    joined = "\n".join(draft.paragraphs)
    furniture_lines = (
        "Home", "cookies", "Advertisement", "Share this article", "Copyright", "Most read",
        "By Jane Roe",
    )
    for furniture in furniture_lines:
        assert furniture not in joined


def test_bytes_with_an_xml_declaration_parse_like_text():
    html = PAGE.read_bytes()
    draft = parse_html(b'<?xml version="1.0" encoding="utf-8"?>\n' + html, source="page.html")
    assert draft.title == "Harbour bridge to reopen after repairs"
    assert len(draft.paragraphs) == 4


def test_declared_latin1_charset_is_honoured():
    html = (
        "<html><head><meta charset='iso-8859-1'><title>Café closes</title></head><body><article>"
        "<p>The café on the harbour front closed on Sunday after forty years, its owner said.</p>"
        "</article></body></html>"
    ).encode("latin-1")
    draft = parse_html(html, source="cafe.html")
    assert draft.paragraphs[0].startswith("The café on the harbour front")


def test_url_argument_is_kept_when_the_page_has_no_canonical_link():
    html = (
        "<html><head><title>Pier repairs finished</title></head><body><article>"
        "<p>The pier reopened on Tuesday after six weeks of repairs to its decking and rails.</p>"
        "<p>The harbour master said fishing from the pier would be allowed again from May.</p>"
        "</article></body></html>"
    )
    draft = parse_html(html, url="http://127.0.0.1:8000/pier")
    assert draft.url == "http://127.0.0.1:8000/pier"
    assert draft.title == "Pier repairs finished"


def test_short_page_falls_back_to_its_paragraphs():
    html = (
        "<html><head><title>Short note</title></head>"
        "<body><article><p>The pier is open.</p></article></body></html>"
    )
    draft = parse_html(html)
    assert draft.paragraphs == ("The pier is open.",)
    assert draft.title == "Short note"


def test_byline_paragraph_at_the_top_gives_the_authors_when_metadata_has_none():
    html = (
        "<html><head><title>Pier repairs finished</title></head><body><article>"
        "<h1>Pier repairs finished</h1><p>By Grace Lin and Sam Okafor</p>"
        "<p>The pier reopened on Tuesday after six weeks of repairs to its decking and rails.</p>"
        "<p>The harbour master said fishing from the pier would be allowed again from May.</p>"
        "</article></body></html>"
    )
    draft = parse_html(html)
    assert draft.authors == ("Grace Lin", "Sam Okafor")
    assert draft.paragraphs[0].startswith("The pier reopened")


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> "
        "<a href='/news'>News</a></nav></body></html>",
        "<html><body><p>Advertisement</p><p>Share this article</p></body></html>",
        "",
        "   ",
    ],
)
def test_page_without_article_text_is_refused(html):
    with pytest.raises(InputError, match="has no article text"):
        parse_html(html, source="page.html")


def test_html_file_without_article_text_is_refused_by_name(tmp_path):
    path = tmp_path / "empty_page.html"
    path.write_text("<html><head><title>Nothing</title></head><body><div></div></body></html>")
    with pytest.raises(InputError, match="empty_page.html has no article text"):
        read_file(path)


_PIER_BODY = (
    "<p>The pier reopened on Tuesday after six weeks of repairs to its decking and rails, "
    "the council said.</p><p>The harbour master said fishing from the pier would be allowed "
    "again from May, weather permitting.</p>"
)


def test_json_ld_alone_gives_author_and_a_written_out_date():
    html = (
        "<html><head><title>Pier repairs finished | Northport Gazette</title>"
        '<meta property="og:site_name" content="Northport Gazette">'
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "Pier repairs finished", '
        '"datePublished": "March 5, 2025", "author": {"@type": "Person", "name": "Grace Lin"}}'
        f"</script></head><body><article>{_PIER_BODY}</article></body></html>"
    )
    draft = parse_html(html)
    assert (draft.title, draft.authors, draft.published) == (
        "Pier repairs finished", ("Grace Lin",), "2025-03-05"
    )


def test_reader_comments_under_the_article_are_not_body():
    html = (
        "<html><head><title>Pier repairs finished - Northport Gazette</title></head><body>"
        f'<div class="content">{_PIER_BODY}</div>'
        '<div class="comments"><h3>3 comments</h3>'
        "<p>Great news for anglers, finally! I will be there on day one with my rods.</p></div>"
        "</body></html>"
    )
    draft = parse_html(html)
    assert len(draft.paragraphs) == 2
    assert not any("anglers" in p for p in draft.paragraphs)
