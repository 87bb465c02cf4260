"""Each command's options, defined once: their names, help, defaults and limits.

The slash commands take their descriptions from here, the console parses its lines with
`parse_options`, and the CLI's help quotes the same defaults; the limits themselves are
checked once, in the engine (so `results: 50` is refused with the message `ask -k 50`
gets). No Discord import: the console and the CLI use this too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.errors import InputError
from index.quotes import speakers
from index.search import answers
from index.summaries import summarize

# The engine's limits, named here for the slash commands' ranges and the help texts.
MAX_QUESTION_CHARS = answers.MAX_QUESTION_CHARS
MAX_RESULTS = answers.MAX_RESULTS
MIN_SENTENCES = summarize.MIN_SENTENCES
MAX_SENTENCES = summarize.MAX_SENTENCES
MAX_NAME_CHARS = speakers.MAX_QUERY  # a speaker's name or an article reference
DEFAULT_RESULTS = 3
DEFAULT_SENTENCES = 3  # an article's summary
DEFAULT_DIGEST_SENTENCES = 5  # a digest about a topic


@dataclass(frozen=True)
class Option:
    """One option of a command: a text, or a whole number the engine checks."""

    name: str
    help: str
    number: bool = False


COMMANDS: dict[str, tuple[Option, ...]] = {
    "ask": (
        Option("question", "What you want to know, in plain words"),
        Option(
            "results",
            f"How many passages to show (1-{MAX_RESULTS}, default {DEFAULT_RESULTS})",
            number=True,
        ),
    ),
    "quotes": (
        Option("speaker", "Who said it (pick from the list or type part of a name)"),
        Option("article", "Only quotes from this article (title or id)"),
    ),
    "whosaid": (Option("words", "Words from the quote, e.g. reopen to traffic"),),
    "summary": (
        Option("article", "The article to summarize (pick from the list or type part of a title)"),
        Option("about", "A topic for a digest across all stored articles, instead of one article"),
        Option(
            "sentences",
            f"How many sentences ({MIN_SENTENCES}-{MAX_SENTENCES}; default "
            f"{DEFAULT_SENTENCES} for an article, {DEFAULT_DIGEST_SENTENCES} "
            "for a digest)",
            number=True,
        ),
    ),
    "article show": (
        Option("article", "The article (pick from the list, or type an id or part of a title)"),
    ),
    "remove": (
        Option(
            "article", "The article to remove (pick from the list, or an id or part of a title)"
        ),
    ),
}

def describe(command: str) -> dict[str, str]:
    """name -> help, for app_commands.describe(**describe("ask"))."""
    return {o.name: o.help for o in COMMANDS[command]}


def whole_number(text: str) -> int:
    """A typed number; its range is the engine's to check (one message everywhere)."""
    try:
        return int(text.strip())
    except ValueError:
        raise InputError(f"not a whole number: {text.strip()!r}") from None


def parse_options(command: str, rest: str) -> dict[str, str | int]:
    """'When? results: 2' -> {'question': 'When?', 'results': 2}.

    Every option may be written `name: value`, the first one too; text before the first
    `name:` is the first option's value. Numbers are read here; their limits are checked
    by the engine, as they are for a slash command or a CLI call.
    """
    spec = COMMANDS.get(command)
    if not spec:
        return {"text": rest.strip()} if rest.strip() else {}
    names = "|".join(re.escape(o.name) for o in spec)
    pieces = re.split(rf"(?:^|\s)({names}):\s*", " " + rest, flags=re.IGNORECASE)
    values: dict[str, str | int] = {}
    lead = pieces[0].strip()
    if lead:
        values[spec[0].name] = lead
    by_name = {o.name: o for o in spec}
    for name, value in zip(pieces[1::2], pieces[2::2], strict=True):
        option = by_name[name.lower()]
        if option.name in values:
            raise InputError(f"{option.name} is given twice; give it once")
        text = value.strip()
        values[option.name] = whole_number(text) if option.number else text
    return values
