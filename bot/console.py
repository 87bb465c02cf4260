"""`newsdesk console`: the bot's commands typed at a prompt, answered as text.

Each line goes through bot.actions, the same functions the Discord cogs call, so the
console and the bot give the same answers. Errors print one line and the loop goes on.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from bot import actions, textrender
from index.errors import InputError, NewsdeskError
from index.library import Library

PROMPT = "newsdesk> "


@dataclass
class Session:
    """What the console remembers between lines: the articles of the last answer, so a
    plain question that follows it is read in its context (as a reply in Discord is)."""

    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    """A parsed console line: the command, its main text and its name: value options."""

    command: str
    text: str
    options: dict[str, str]
    follow_up: bool = False  # a plain question, typed without /ask


# command -> the option names it takes (besides its main text)
OPTIONS: dict[str, tuple[str, ...]] = {
    "ask": ("results",),
    "quotes": ("article",),
    "summary": ("about", "sentences"),
}
ALIASES = {"list": "articles", "show": "article show", "exit": "quit", "whosaid": "whosaid"}


def parse(line: str) -> Line:
    """'/ask when? results: 2' -> Line('ask', 'when?', {'results': '2'}); no slash: ask."""
    text = line.strip()
    if not text.startswith("/"):
        return Line("ask", text, {}, follow_up=True)
    head, _, rest = text[1:].partition(" ")
    command = ALIASES.get(head.lower(), head.lower())
    if command == "article":
        sub, _, rest = rest.strip().partition(" ")
        command = f"article {sub.lower()}".strip()
    names = OPTIONS.get(command, ())
    options: dict[str, str] = {}
    if names:
        pattern = re.compile(rf"(?:^|\s)({'|'.join(names)}):\s*", re.IGNORECASE)
        pieces = pattern.split(" " + rest)
        rest = pieces[0]
        for name, value in zip(pieces[1::2], pieces[2::2]):
            options[name.lower()] = value.strip()
    return Line(command, rest.strip(), options)


def _number(value: str | None, name: str) -> int | None:
    if value is None or value == "":
        return None
    if not value.strip().isdigit():
        raise InputError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def execute(library: Library, line: Line, session: Session | None = None) -> str | None:
    """Run one parsed line against the library; the text to print (None: quit).

    With a session, a plain question (no slash) follows up the last answer's articles;
    `/ask` always starts afresh."""
    c, text, opts = line.command, line.text, line.options
    if c == "quit":
        return None
    if c == "help":
        return textrender.help_text()
    if c == "ask":
        context = session.context if session is not None and line.follow_up else ()
        asked = actions.ask(library, text, _number(opts.get("results"), "results"), context)
        if session is not None:
            session.context = actions.answered_articles(asked.answer)
        return textrender.answer_text(asked.answer, asked.articles)
    if c == "quotes":
        return textrender.quotes_text(actions.quotes(library, text, opts.get("article")))
    if c == "whosaid":
        return textrender.quotes_text(actions.whosaid(library, text))
    if c == "speakers":
        return textrender.speakers_text(actions.speakers(library))
    if c == "summary":
        sentences = _number(opts.get("sentences"), "sentences")
        if "about" in opts:
            return textrender.digest_text(actions.digest(library, opts["about"], sentences))
        if not text:
            raise InputError("give an article to summarize, or about: a topic")
        return textrender.summary_text(actions.summary(library, text, sentences))
    if c == "articles":
        return textrender.articles_text(actions.articles(library))
    if c == "article show":
        return textrender.article_text(actions.show(library, text))
    if c == "add":
        try:
            inputs = shlex.split(text)
        except ValueError as exc:
            raise InputError(f"cannot read the list of inputs: {exc}") from None
        return textrender.add_text(actions.add_inputs(library, inputs))
    if c == "remove":
        return textrender.removed_text(actions.remove(library, text))
    raise InputError(f"unknown command /{c}; type /help for the list")


def run_console(library: Library, stdin: TextIO, stdout: TextIO,
                on_error: Callable[[str], None] | None = None) -> int:
    """Read commands until /quit or end of input; 0 when the input ends normally.

    A prompt is shown only when stdin is a terminal, so piped input gives clean output.
    """
    interactive = stdin.isatty()
    session = Session()
    if interactive:
        stdout.write("newsdesk console: /help lists the commands, /quit leaves.\n")
    while True:
        if interactive:
            stdout.write(PROMPT)
            stdout.flush()
        raw = stdin.readline()
        if not raw:
            if interactive:
                stdout.write("\n")
            return 0
        if not raw.strip():
            continue
        try:
            result = execute(library, parse(raw), session)
        except NewsdeskError as exc:
            message = f"error: {exc}"
            if on_error is not None:
                on_error(message)
            else:
                stdout.write(message + "\n")
            continue
        if result is None:
            return 0
        stdout.write(result.rstrip() + "\n")
        stdout.flush()
