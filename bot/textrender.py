"""Engine results -> plain text for the local console (no Discord limits, no markdown)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

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

WIDTH = 88


def _wrap(text: str, prefix: str = "", indent: str | None = None) -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=prefix,
                         subsequent_indent=prefix if indent is None else indent)


def attribution_line(article: Article, paragraph: int | None = None) -> str:
    parts = [p for p in (article.author, article.outlet, format_date(article.published)) if p]
    if paragraph is not None:
        parts.append(f"\u00b6{paragraph}")
    return " \u00b7 ".join(parts)


def marked(text: str, sentence: str) -> str:
    """The paragraph with the answering sentence between » « marks."""
    text = " ".join(text.split())
    sentence = " ".join(sentence.split())
    start = text.find(sentence) if sentence else -1
    if start < 0:
        return text
    return f"{text[:start]}\u00bb{sentence}\u00ab{text[start + len(sentence):]}"


def answer_text(answer: Answer) -> str:
    if answer.speaker is not None:
        if not answer.quotes:
            return f"No quotes from {answer.speaker} are stored. Try /speakers."
        lines = [f"What {answer.speaker} said:"]
        lines += [quote_text(q, article) for q, article in answer.quotes]
        return "\n\n".join(lines)
    if not answer.passages:
        lines = [f"Nothing stored answers \u201c{answer.question}\u201d."]
        if answer.missing:
            lines.append("No stored article mentions " + ", ".join(answer.missing) + ".")
        lines.append("Use /articles to see what is stored.")
        return "\n".join(lines)
    blocks = []
    for i, p in enumerate(answer.passages, start=1):
        head = f"[{i}] {p.article.title}"
        if p.article.url:
            head += f" <{p.article.url}>"
        line = attribution_line(p.article, p.paragraph)
        note = match_note(p)
        if note:
            line += (" \u00b7 " if line else "") + note
        blocks.append(f"{head}\n{_wrap(marked(p.text, p.sentence), '  > ')}\n  {line}")
    return "\n\n".join(blocks)


def quote_text(quote: Quote, article: Article | None) -> str:
    who = quote.speaker or quote.description or "an unnamed source"
    if quote.speaker and quote.role:
        who = f"{quote.speaker}, {quote.role}"
    where = f"{article.title} \u00b6{quote.paragraph}" if article else f"\u00b6{quote.paragraph}"
    return f"{_wrap(chr(0x201C) + quote.text + chr(0x201D), '  ')}\n  \u2014 {who} \u00b7 {where}"


def quotes_text(lookup: QuoteLookup) -> str:
    if not lookup.quotes:
        lines = [" ".join(no_quotes_lines(lookup))]
        lines += [quote_text(q, a) for q, a in lookup.closest]
        return "\n\n".join(lines)
    return "\n\n".join(quote_text(q, a) for q, a in lookup.quotes)


def speakers_text(speakers: Sequence[SpeakerCount]) -> str:
    if not speakers:
        return "Nobody is quoted in the stored articles yet."
    lines = []
    for s in speakers:
        role = f", {', '.join(s.roles[:2])}" if s.roles else ""
        lines.append(f"{s.name}{role} \u2014 {s.quotes} quote{'' if s.quotes == 1 else 's'}")
    return "\n".join(lines)


def summary_text(summary: Summary) -> str:
    a = summary.article
    lines = [a.title]
    byline = attribution_line(a)
    if byline:
        lines.append(byline)
    lines += [_wrap(f"{s.text} (\u00b6{s.paragraph})", "  ", "    ") for s in summary.sentences]
    if summary.speakers:
        lines.append(_wrap("Quoted: " + ", ".join(quoted_label(s) for s in summary.speakers),
                           "", "  "))
    return "\n".join(lines)


def digest_text(digest: Digest) -> str:
    if not digest.sections:
        text = f"Nothing stored is about \u201c{digest.topic}\u201d."
        if digest.missing:
            text += " No stored article mentions " + ", ".join(digest.missing) + "."
        return text
    blocks = []
    for section in digest.sections:  # laid out like an article's summary
        lines = [f"{section.article.title} ({section.article.id})"]
        byline = attribution_line(section.article)
        if byline:
            lines.append(byline)
        lines += [_wrap(f"{s.text} (\u00b6{s.paragraph})", "  ", "    ") for s in section.sentences]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def article_line(a: Article) -> str:
    meta = attribution_line(a)
    return f"{a.id}  {a.title}" + (f"  ({meta})" if meta else "") + f"  {len(a.paragraphs)} \u00b6"


def articles_text(articles: Sequence[Article]) -> str:
    if not articles:
        return "No articles are stored yet. Add one with /add PATH_OR_URL."
    return "\n".join(article_line(a) for a in articles)


def article_text(a: Article, quotes: Sequence[Quote] = ()) -> str:
    """The article's details, numbered paragraphs, then its quotes (as `show` promises)."""
    lines = [f"{a.title}  [{a.id}]"]
    if a.standfirst:
        lines.append(a.standfirst)
    meta = attribution_line(a)
    if meta:
        lines.append(meta)
    if a.url:
        lines.append(a.url)
    lines += [_wrap(p, f"  \u00b6{n} ", "      ") for n, p in enumerate(a.paragraphs, start=1)]
    if quotes:
        lines.append(f"Quotes ({len(quotes)}):")
        lines += [quote_text(q, None) for q in quotes]
    return "\n".join(lines)


def outcome_text(o: AddOutcome) -> str:
    if o.article is not None:
        return f"added {o.article.id}: {o.article.title} ({len(o.article.paragraphs)} \u00b6)"
    if o.duplicate_of is not None:
        return f"{o.input}: already stored as {o.duplicate_of.id}: {o.duplicate_of.title}"
    return f"{o.input}: not added: {o.error}"


def add_text(report: AddReport | Sequence[AddOutcome]) -> str:
    items = report.outcomes if isinstance(report, AddReport) else list(report)
    return "\n".join(outcome_text(o) for o in items)


def removed_text(a: Article) -> str:
    return f"removed {a.id}: {a.title}"


def help_text() -> str:
    lines = ["Commands (the same as the Discord bot's):"]
    for usage, what in HELP_LINES:
        if usage.startswith("/add"):
            usage, what = "/add PATH_OR_URL...", "add files, folders or http(s) links"
        lines.append(f"  {usage:<30} {what}")
    lines += [
        "  /list, /show ARTICLE            aliases of /articles and /article show",
        "  /quit                           leave (end of input works too)",
        "Options are written name: value, e.g. /ask When does it reopen? results: 2;",
        "the first may be bare or named: /summary article: bridge sentences: 2",
        "A line without a command is asked as a question; it follows up the last answer",
        "(answered from that answer's article when it can be). /ask starts afresh.",
    ]
    return "\n".join(lines)
