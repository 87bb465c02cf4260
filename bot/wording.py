"""Words every renderer shares (Discord embeds, console and CLI text): dates, why a
passage matched, what an empty quote look-up says, the command list. No Discord import:
the CLI and the console use these without loading discord.py."""

from __future__ import annotations

import re
from collections.abc import Callable

from index.models import Passage, QuoteLookup, SpeakerCount


def format_date(iso: str | None) -> str | None:
    """'2025-02-12' -> '12 Feb 2025'; other strings as they are."""
    if not iso:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso[:10])
    if not match:
        return iso
    year, month, day = match.groups()
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    if not 1 <= int(month) <= 12:
        return iso
    return f"{int(day)} {months[int(month) - 1]} {year}"


def match_note(passage: Passage) -> str:
    """Why a passage answers: the question's words it shares, or that it was found by
    meaning (asked in other words than the article's), with the few words it does share."""
    if passage.by == "meaning":
        if passage.matched:
            return "matched by meaning (words: " + ", ".join(passage.matched) + ")"
        return "matched by meaning"
    return "matched: " + ", ".join(passage.matched) if passage.matched else ""


def no_quotes_lines(lookup: QuoteLookup, where: str = "",
                    mark: Callable[[str], str] = str) -> list[str]:
    """What an empty quote look-up says, exactly: nothing is stored yet, nothing from that
    speaker, or no stored quote holds those words; then the close names, if any.
    where: the scope when no article limits it (" in this server"); mark: how names and
    words are escaped for the medium."""
    scope = f" in {mark(lookup.article.title)}" if lookup.article is not None else where
    if not lookup.stored:
        return [f"No quotes are stored{scope} yet."]
    who = f" from {mark(lookup.speaker)}" if lookup.speaker else ""
    if lookup.text is not None:
        lines = [f"No stored quote{who}{scope} contains \u201c{mark(lookup.text)}\u201d."]
    else:
        lines = [f"No quotes{who} are stored{scope}."]
    if lookup.suggestions:
        lines.append("Did you mean: " + ", ".join(mark(s) for s in lookup.suggestions[:10]) + "?")
    if lookup.closest:
        lines.append("Closest quotes:")
    return lines


def quoted_label(speaker: SpeakerCount) -> str:
    """"Maria Alvarez, harbour master (3)": who is quoted, their role, how often."""
    role = f", {speaker.roles[0]}" if speaker.roles else ""
    return f"{speaker.name}{role} ({speaker.quotes})"


HELP_LINES = (
    ("/ask question [results]", "the passages that answer, quoted with attribution"),
    ("/quotes speaker [article]", "what someone said, word for word"),
    ("/whosaid words", "who said these words"),
    ("/speakers", "everyone quoted, with how often"),
    ("/summary article [sentences]", "the key sentences of an article, in order"),
    ("/summary about:topic", "a digest across the stored articles"),
    ("/articles", "the stored articles"),
    ("/article show article", "an article's paragraphs, numbered"),
    ("/add url | file | paste", "add an article (Manage Server or the manager role)"),
    ("/remove article", "remove an article (Manage Server or the manager role)"),
)
