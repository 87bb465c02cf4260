"""Engine results -> Discord embeds, always inside Discord's limits.

Every builder returns pages: a page is the embeds of one message (at most 10, at most
6,000 characters together). Article text is escaped so it cannot format, link or
mention; anything cut is cut at a sentence or word and ends with an ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import discord

from bot.wording import HELP_LINES, format_date, match_note, no_quotes_lines, quoted_label
from index.models import (
    AddOutcome,
    AddReport,
    Answer,
    Article,
    Digest,
    Quote,
    QuoteLookup,
    SpeakerCount,
    Summary,
)

# Discord's documented limits.
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000  # per message, across all its embeds
EMBEDS_PER_MESSAGE = 10
CHOICE_LIMIT = 100  # autocomplete choice name and value
CHOICES_PER_RESPONSE = 25
URL_LIMIT = 2048

# What we aim for, below the limits, so pages stay readable.
PARAGRAPH_BUDGET = 1800
PAGE_DESCRIPTION_BUDGET = 3600
ENTRY_BUDGET = 900
ITEMS_PER_PAGE = 8

ELLIPSIS = "\u2026"
COLOUR = discord.Colour(0x2B6CB0)
WARN_COLOUR = discord.Colour(0xC05621)
OK_COLOUR = discord.Colour(0x2F855A)

Page = list[discord.Embed]

_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s")
_MENTION_RE = re.compile(r"<(@[!&]?|#|/)")
_EVERYONE_RE = re.compile(r"@(everyone|here)", re.IGNORECASE)
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def clip(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a sentence or word end plus an ellipsis."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    room = text[: limit - 1]
    cut = -1
    for match in _SENTENCE_END.finditer(room):
        cut = match.end()
    if cut < limit * 0.6:
        space = room.rfind(" ")
        cut = space if space >= limit * 0.5 else len(room)
    return room[:cut].rstrip() + ELLIPSIS


def clip_left(text: str, limit: int) -> str:
    """`text` within `limit` characters keeping its end, cut at a word, with a leading ellipsis."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    room = text[len(text) - (limit - 1) :]
    space = room.find(" ")
    if 0 <= space <= len(room) * 0.5:
        room = room[space + 1 :]
    return ELLIPSIS + room.lstrip()


def escape(text: str) -> str:
    """Article or user text made inert: no markdown, masked links or mentions."""
    text = _INVISIBLE_RE.sub("", text)
    text = discord.utils.escape_markdown(text)
    text = _EVERYONE_RE.sub("@\u200b\\1", text)
    return _MENTION_RE.sub("<\u200b\\1", text)


def plain_label(text: str, limit: int) -> str:
    """Text for places that show no markdown (autocomplete, titles): only mentions defused."""
    text = _INVISIBLE_RE.sub("", " ".join(text.split()))
    text = _EVERYONE_RE.sub("@\u200b\\1", text)
    return clip(_MENTION_RE.sub("<\u200b\\1", text), limit)


def safe_url(url: str | None) -> str | None:
    """The article URL when Discord would accept it as a link."""
    if url and url.startswith(("http://", "https://")) and len(url) <= URL_LIMIT:
        if not any(c.isspace() for c in url):
            return url
    return None


def attribution(article: Article, paragraph: int | None = None) -> list[str]:
    """The parts of an attribution line: author, outlet, date, ¶n (plain, unescaped)."""
    parts = [p for p in (article.author, article.outlet, format_date(article.published)) if p]
    if paragraph is not None:
        parts.append(f"\u00b6{paragraph}")
    return parts


def title_of(article: Article) -> str:
    return plain_label(article.title or article.id, TITLE_LIMIT)


def embed_size(embed: discord.Embed) -> int:
    """Characters Discord counts towards the 6,000 total."""
    return len(embed)


def fit_page(embeds: Sequence[discord.Embed]) -> Page:
    """A page guaranteed inside the per-message limits (a last line of defence)."""
    page = list(embeds)[:EMBEDS_PER_MESSAGE]
    total = sum(embed_size(e) for e in page)
    while total > EMBED_TOTAL_LIMIT and page:
        last = page[-1]
        over = total - EMBED_TOTAL_LIMIT
        if last.description and len(last.description) > over + 1:
            last.description = clip(last.description, len(last.description) - over - 1)
        else:
            page.pop()
        total = sum(embed_size(e) for e in page)
    return page


def message(text: str, *, colour: discord.Colour = COLOUR, title: str | None = None) -> Page:
    """A one-embed page with a short message (text is ours, not article text)."""
    embed = discord.Embed(
        title=clip(title, TITLE_LIMIT) if title else None,
        description=clip(text, DESCRIPTION_LIMIT),
        colour=colour,
    )
    return [embed]


def pack_entries(
    entries: Iterable[str],
    *,
    title: str,
    url: str | None = None,
    header: str = "",
    footer: str | None = None,
    per_page: int = ITEMS_PER_PAGE,
    budget: int = PAGE_DESCRIPTION_BUDGET,
) -> list[Page]:
    """Blocks of text packed into descriptions, one embed per page, in order."""
    pages: list[Page] = []
    current: list[str] = []
    used = len(header)

    def flush() -> None:
        nonlocal current, used
        body = "\n\n".join(current)
        description = f"{header}\n\n{body}" if header and body else header or body
        embed = discord.Embed(
            title=clip(title, TITLE_LIMIT), url=safe_url(url), description=description,
            colour=COLOUR,
        )
        pages.append([embed])
        current = []
        used = len(header)

    for entry in entries:
        entry = clip(entry, min(ENTRY_BUDGET * 2, budget - len(header) - 2))
        if current and (len(current) >= per_page or used + len(entry) + 2 > budget):
            flush()
        current.append(entry)
        used += len(entry) + 2
    if current or not pages:
        flush()
    _number(pages, footer)
    return pages


def _number(pages: list[Page], footer: str | None) -> None:
    """Footers: the given text plus 'page i of n' when there is more than one page."""
    for i, page in enumerate(pages, start=1):
        parts = [footer] if footer else []
        if len(pages) > 1:
            parts.append(f"page {i} of {len(pages)}")
        if parts:
            page[-1].set_footer(text=clip(" \u00b7 ".join(parts), FOOTER_LIMIT))


# --- answers ---------------------------------------------------------------------------


def marked_paragraph(text: str, sentence: str, budget: int = PARAGRAPH_BUDGET) -> str:
    """The paragraph as a block quote, the answering sentence in bold, cut around it."""
    text = " ".join(text.split())
    sentence = " ".join(sentence.split())
    start = text.find(sentence) if sentence else -1
    if start < 0:
        body = escape(clip(text, budget))
    else:
        before, after = text[:start], text[start + len(sentence) :]
        core = clip(sentence, budget)
        room = max(budget - len(core), 0)
        before_room = min(len(before), room // 2 if len(after) > room // 2 else room - len(after))
        after_room = room - before_room
        before_text = clip_left(before, before_room) if before_room > 0 else ""
        if before and not before_text:
            before_text = ELLIPSIS
        after_text = clip(after, after_room) if after_room > 0 else ""
        if after.strip() and not after_text:
            after_text = ELLIPSIS
        bold = escape(core.strip())
        lead = escape(before_text)
        tail = escape(after_text)
        gap_before = " " if lead and (lead[-1].isspace() or lead == ELLIPSIS) else ""
        gap_after = " " if tail and (tail[0].isspace() or tail == ELLIPSIS) else ""
        body = f"{lead.rstrip()}{gap_before}**{bold}**{gap_after}{tail.lstrip()}"
    return "> " + body.replace("\n", "\n> ")


def ask_pages(answer: Answer) -> list[Page]:
    """/ask's answer: one passage per page (or the speaker's quotes with their articles), or a
    plain no-answer."""
    if answer.speaker is not None:
        return speaker_answer_pages(answer)
    if not answer.passages:
        return no_answer(answer.question, answer.missing)
    pages: list[Page] = []
    total = len(answer.passages)
    for i, passage in enumerate(answer.passages, start=1):
        article = passage.article
        line = attribution(article, passage.paragraph)
        note = match_note(passage)
        if note:
            line.append(note)
        attribution_line = escape(clip(" \u00b7 ".join(line), 600))
        description = marked_paragraph(passage.text, passage.sentence) + "\n" + attribution_line
        embed = discord.Embed(
            title=title_of(article), url=safe_url(article.url),
            description=clip(description, DESCRIPTION_LIMIT), colour=COLOUR,
        )
        footer = f"passage {i} of {total}" if total > 1 else f"article {article.id}"
        if total > 1:
            footer += f" \u00b7 article {article.id}"
        embed.set_footer(text=clip(footer, FOOTER_LIMIT))
        pages.append(fit_page([embed]))
    return pages


def no_answer(question: str, missing: Sequence[str]) -> list[Page]:
    lines = [f"Nothing stored in this server answers \u201c{escape(clip(question, 300))}\u201d."]
    if missing:
        words = ", ".join(f"*{escape(w)}*" for w in missing[:10])
        lines.append(f"No stored article mentions {words}.")
    lines.append("Use `/articles` to see what is stored, or `/add` to add an article.")
    return [message("\n".join(lines), colour=WARN_COLOUR, title="No answer found")]


def quote_entry(quote: Quote, article: Article | None) -> str:
    """One quote, verbatim in marks, then who said it and where."""
    text = escape(clip(" ".join(quote.text.split()), ENTRY_BUDGET))
    who = quote.speaker or quote.description or "an unnamed source"
    if quote.speaker and quote.role:
        who = f"{quote.speaker}, {quote.role}"
    where = []
    if article is not None:
        where.append(f"*{escape(clip(article.title, 120))}*")
    where.append(f"\u00b6{quote.paragraph}")
    return f"\u201c{text}\u201d\n\u2014 {escape(clip(who, 200))} \u00b7 " + " ".join(where)


def speaker_answer_pages(answer: Answer) -> list[Page]:
    """A 'what did X say' question answered from X's quotes."""
    speaker = answer.speaker or ""
    if not answer.quotes:
        return [
            message(
                f"No quotes from {escape(speaker)} are stored in this server. "
                "Try `/speakers` to see who is quoted.",
                colour=WARN_COLOUR,
                title="No quotes found",
            )
        ]
    entries = [quote_entry(q, article) for q, article in answer.quotes]
    ids = list(dict.fromkeys(article.id for _, article in answer.quotes))
    footer = ("article " if len(ids) == 1 else "articles ") + ", ".join(ids[:10])
    return pack_entries(entries, title=f"What {plain_label(speaker, 200)} said", per_page=5,
                        footer=footer)


ARTICLE_IDS = re.compile(r"\barticles? ((?:[0-9a-f]{12}(?:, )?)+)")


def articles_named(embeds: Iterable[discord.Embed]) -> list[str]:
    """The article ids an answer's footers name: what a follow-up question is about."""
    found: list[str] = []
    for embed in embeds:
        text = embed.footer.text if embed.footer and embed.footer.text else ""
        for match in ARTICLE_IDS.finditer(text):
            found.extend(i for i in match.group(1).split(", ") if i and i not in found)
    return found


def quotes_pages(lookup: QuoteLookup, title: str | None = None) -> list[Page]:
    """/quotes and /whosaid: each quote verbatim with speaker and place; or suggestions."""
    heading = title or (
        f"Quotes from {plain_label(lookup.speaker, 200)}" if lookup.speaker else "Quotes"
    )
    if not lookup.quotes:
        lines = no_quotes_lines(lookup, " in this server", escape)
        lines += [quote_entry(q, a) for q, a in lookup.closest]
        if not lookup.suggestions and not lookup.closest:
            lines.append("Use `/speakers` to see who is quoted.")
        return [message("\n".join(lines), colour=WARN_COLOUR, title="No quotes found")]
    entries = [quote_entry(q, a) for q, a in lookup.quotes]
    return pack_entries(entries, title=heading, per_page=5, footer=f"{len(entries)} quotes")


def speakers_pages(speakers: Sequence[SpeakerCount]) -> list[Page]:
    if not speakers:
        return [message("Nobody is quoted in this server's articles yet.", title="Speakers")]
    lines = []
    for s in speakers:
        role = f", {escape(', '.join(s.roles[:2]))}" if s.roles else ""
        count = f"{s.quotes} quote" + ("" if s.quotes == 1 else "s")
        where = f" in {s.articles} article" + ("" if s.articles == 1 else "s") if s.articles else ""
        lines.append(f"**{escape(s.name)}**{role} \u2014 {count}{where}")
    return pack_entries(lines, title="Who is quoted", per_page=20, budget=2000,
                        footer=f"{len(speakers)} speakers")


def summary_pages(summary: Summary) -> list[Page]:
    """Whole sentences in the article's order with their ¶ numbers, then who is quoted."""
    article = summary.article
    sentences = [
        f"{escape(clip(s.text, 700))} *(\u00b6{s.paragraph})*" for s in summary.sentences
    ]
    lines = sentences or ["This article has no sentences to summarize."]
    if summary.speakers:
        quoted = ", ".join(escape(quoted_label(s)) for s in summary.speakers[:15])
        lines.append(f"Quoted: {quoted}")
    byline = attribution(article)
    if byline:
        lines.append(escape(" \u00b7 ".join(byline)))
    description = clip("\n\n".join(lines), PAGE_DESCRIPTION_BUDGET)
    embed = discord.Embed(
        title=title_of(article), url=safe_url(article.url), description=description,
        colour=COLOUR,
    )
    embed.set_footer(text=f"summary \u00b7 article {clip(article.id, 100)}")
    return [fit_page([embed])]


def digest_pages(digest: Digest) -> list[Page]:
    """/summary about: one embed per article, packed into pages within the limits."""
    if not digest.sections:
        return no_answer(digest.topic, digest.missing)
    embeds = []
    for section in digest.sections:
        article = section.article
        body = "\n".join(  # one line per sentence, as in an article's summary
            f"{escape(clip(s.text, 600))} *(\u00b6{s.paragraph})*" for s in section.sentences
        )
        byline = attribution(article)
        if byline:
            body += "\n" + escape(" \u00b7 ".join(byline))
        embeds.append(
            discord.Embed(
                title=title_of(article), url=safe_url(article.url),
                description=clip(body, 1800), colour=COLOUR,
            )
        )
    pages: list[Page] = []
    current: Page = []
    used = 0
    for embed in embeds:
        size = embed_size(embed) + 120  # room for a footer
        if current and (len(current) >= 4 or used + size > EMBED_TOTAL_LIMIT):
            pages.append(current)
            current, used = [], 0
        current.append(embed)
        used += size
    if current:
        pages.append(current)
    _number(pages, f"digest: {clip(plain_label(digest.topic, 200), 200)}")
    return [fit_page(p) for p in pages]


def article_line(article: Article) -> str:
    parts = attribution(article)
    parts.append(f"{len(article.paragraphs)} \u00b6")
    return f"`{escape(article.id)}` **{escape(clip(article.title, 200))}**\n" + escape(
        " \u00b7 ".join(parts)
    )


def articles_pages(articles: Sequence[Article]) -> list[Page]:
    if not articles:
        return [
            message(
                "No articles are stored in this server yet. A moderator can add one with "
                "`/add url`, `/add file` or `/add paste`.",
                title="Articles",
            )
        ]
    return pack_entries(
        [article_line(a) for a in articles], title="Stored articles", per_page=10,
        footer=f"{len(articles)} articles",
    )


def article_pages(article: Article) -> list[Page]:
    """/article show: the metadata, then every paragraph numbered."""
    header_parts = []
    if article.standfirst:
        header_parts.append(f"*{escape(clip(article.standfirst, 500))}*")
    meta = attribution(article)
    meta.append(f"{len(article.paragraphs)} paragraphs")
    header_parts.append(escape(" \u00b7 ".join(meta)))
    header = "\n".join(header_parts)
    entries = [
        f"**\u00b6{n}** {escape(clip(' '.join(p.split()), ENTRY_BUDGET))}"
        for n, p in enumerate(article.paragraphs, start=1)
    ]
    return pack_entries(
        entries, title=title_of(article), url=article.url, header=header, per_page=6,
        footer=f"article {clip(article.id, 100)}",
    )


def outcome_line(outcome: AddOutcome) -> str:
    if outcome.article is not None:
        a = outcome.article
        return (
            f"Added **{escape(clip(a.title, 200))}** (`{escape(a.id)}`, {len(a.paragraphs)} \u00b6)"
        )
    if outcome.duplicate_of is not None:
        a = outcome.duplicate_of
        return f"Already stored as **{escape(clip(a.title, 200))}** (`{escape(a.id)}`)"
    return f"Not added: {escape(clip(outcome.error or 'unknown reason', 500))}"


def add_pages(outcomes: AddReport | Sequence[AddOutcome]) -> list[Page]:
    items = outcomes.outcomes if isinstance(outcomes, AddReport) else list(outcomes)
    refused = [o for o in items if o.error is not None]
    colour = WARN_COLOUR if refused else OK_COLOUR
    pages = pack_entries([outcome_line(o) for o in items], title="Add", per_page=10)
    for page in pages:
        page[0].colour = colour
    return pages


def removed_page(article: Article) -> list[Page]:
    return [
        message(
            f"Removed **{escape(clip(article.title, 200))}** (`{escape(article.id)}`).",
            colour=OK_COLOUR,
            title="Removed",
        )
    ]


# bot-only commands (the console has no feeds: it does not run long enough to poll them)
BOT_HELP_LINES = (
    ("/feed add url [channel] | list | remove", "follow RSS and Atom feeds: their new "
     "articles are added, and announced in the channel if given"),
)


def help_pages() -> list[Page]:
    lines = [f"`{usage}` \u2014 {what}" for usage, what in HELP_LINES + BOT_HELP_LINES]
    lines.append(
        "\nOr mention me with a question: *@newsdesk what did the mayor say about the bridge?* "
        "Reply to one of my answers (or ask in its thread) to follow it up: the question is "
        "read in the context of that answer's article."
    )
    lines.append("Each server has its own articles; nothing is shared between servers.")
    return [message("\n".join(lines), title="newsdesk")]
