"""Rendering stays inside Discord's limits, cuts with an ellipsis and defuses article text."""

from __future__ import annotations

import discord

from bot import render
from index.models import Answer, Article, Passage, Quote, QuoteLookup

LONG = " ".join(f"Sentence number {i} says the council met again." for i in range(400))


def article(**kw: object) -> Article:
    base = dict(id="abc123def456", title="Harbour bridge to reopen", paragraphs=("One.", "Two."),
                authors=("Jane Roe",), outlet="Northport Gazette", published="2025-02-12",
                url="https://example.org/bridge")
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def within_limits(page: list[discord.Embed]) -> bool:
    return (len(page) <= 10 and sum(len(e) for e in page) <= 6000
            and all(len(e.description or "") <= 4096 and len(e.title or "") <= 256 for e in page))


def test_clip_cuts_at_a_sentence_and_adds_an_ellipsis() -> None:
    cut = render.clip(LONG, 120)
    assert len(cut) <= 120 and cut.endswith("met again.\u2026")


def test_clip_leaves_short_text_alone() -> None:
    assert render.clip("Short text.", 50) == "Short text."


def test_escape_defuses_markdown_links_and_mentions() -> None:
    text = render.escape("**bold** [click](https://evil.example) @everyone <@123> <@&456>")
    assert "**bold**" not in text and "\\[click]" in text
    assert "@everyone" not in text and "<@123>" not in text and "<@&456>" not in text


def test_answer_bolds_the_answering_sentence_and_attributes_it() -> None:
    a = article()
    p = Passage(a, 3, "Engineers met. The bridge will reopen on 4 March. Cables cracked.",
                "The bridge will reopen on 4 March.", 2.0, ("bridge", "reopen"))
    [page] = render.ask_pages(Answer("When?", (p,)))
    embed = page[0]
    assert embed.title == "Harbour bridge to reopen" and embed.url == "https://example.org/bridge"
    assert (
        "> Engineers met. **The bridge will reopen on 4 March.** Cables cracked."
        in embed.description
    )
    assert (
        "Jane Roe \u00b7 Northport Gazette \u00b7 12 Feb 2025 \u00b7 \u00b63 \u00b7 matched: "
        "bridge, reopen"
        in embed.description
    )


def test_a_huge_paragraph_keeps_its_answer_visible_within_limits() -> None:
    sentence = "The bridge will reopen on 4 March."
    text = LONG + " " + sentence + " " + LONG
    p = Passage(article(title="T" * 400), 1, text, sentence, 1.0, ("bridge",))
    [page] = render.ask_pages(Answer("When?", (p,)))
    assert within_limits(page)
    assert f"**{sentence}**" in page[0].description
    assert page[0].description.count("\u2026") >= 2


def test_many_quotes_are_packed_into_pages_within_limits() -> None:
    a = article()
    quotes = tuple((Quote(LONG[:1500], n, "Maria Alvarez", article_id=a.id), a) for n in range(40))
    pages = render.quotes_pages(QuoteLookup("Alvarez", quotes))
    assert len(pages) > 1 and all(within_limits(p) for p in pages)
    assert all("\u2026\u201d" in p[0].description for p in pages)


def test_a_url_that_is_not_http_is_not_linked() -> None:
    assert render.safe_url("javascript:alert(1)") is None
    assert render.safe_url("https://example.org/a b") is None


def test_fit_page_trims_an_oversized_page() -> None:
    embeds = [discord.Embed(description="x" * 4000) for _ in range(3)]
    assert within_limits(render.fit_page(embeds))


def test_a_passage_found_by_meaning_says_so_instead_of_listing_words() -> None:
    passage = Passage(article=article(), paragraph=1, text="One.", sentence="One.", score=1.0,
                      matched=(), by="meaning")
    page = render.ask_pages(Answer(question="q", passages=(passage,)))[0]
    assert "matched by meaning" in page[0].description
    words = Passage(article=article(), paragraph=1, text="One.", sentence="One.", score=1.0,
                    matched=("bridge",))
    page = render.ask_pages(Answer(question="q", passages=(words,)))[0]
    assert "matched: bridge" in page[0].description and "meaning" not in page[0].description
    # found by meaning although a few words are shared: both are said
    both = Passage(article=article(), paragraph=1, text="One.", sentence="One.", score=1.0,
                   matched=("blackadder",), by="meaning")
    page = render.ask_pages(Answer(question="q", passages=(both,)))[0]
    assert "matched by meaning (words: blackadder)" in page[0].description


def test_the_footers_of_an_answer_name_its_articles_for_follow_ups() -> None:
    passages = tuple(Passage(article=article(id=i), paragraph=1, text="One.", sentence="One.",
                             score=1.0, matched=("one",)) for i in ("aaaaaaaaaaaa", "bbbbbbbbbbbb"))
    pages = render.ask_pages(Answer(question="q", passages=passages))
    assert [render.articles_named(p) for p in pages] == [["aaaaaaaaaaaa"], ["bbbbbbbbbbbb"]]
    quotes = tuple((Quote(text=text, paragraph=n, speaker="Ann Lee", article_id=i),
                    article(id=i, title=f"Story {i[0]}"))
                   for n, (text, i) in enumerate((("We will.", "aaaaaaaaaaaa"),
                                                  ("We won't.", "cccccccccccc")), start=1))
    spoken = render.ask_pages(Answer(question="q", passages=(), speaker="Ann Lee",
                                     quotes=quotes))
    assert render.articles_named(spoken[0]) == ["aaaaaaaaaaaa", "cccccccccccc"]
    # each quote is credited to the article it carries
    assert "*Story a* \u00b61" in spoken[0][0].description
    assert "*Story c* \u00b62" in spoken[0][0].description
