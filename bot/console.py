"""`newsdesk console`: the bot's commands typed at a prompt, answered as text.

Each line goes through bot.actions, the same functions the Discord cogs call, so the
console and the bot give the same answers. Errors print one line and the loop goes on.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from bot import actions, options, textrender
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
    """A parsed console line: the command and its options by name (the first option,
    e.g. the question, may be typed bare or as `name: value`)."""

    command: str
    options: dict[str, str | int]
    follow_up: bool = False  # a plain question, typed without /ask

    def text(self, name: str) -> str | None:
        value = self.options.get(name)
        return None if value is None else str(value)

    def number(self, name: str) -> int | None:
        value = self.options.get(name)
        return value if isinstance(value, int) else None


ALIASES = {"list": "articles", "show": "article show", "exit": "quit"}


def parse(line: str) -> Line:
    """'/ask when? results: 2' -> Line('ask', {'question': 'when?', 'results': 2}); a line
    without a slash is a question. Options as the slash commands define them (bot.options)."""
    text = line.strip()
    if not text.startswith("/"):
        return Line("ask", {"question": text}, follow_up=True)
    head, _, rest = text[1:].partition(" ")
    command = ALIASES.get(head.lower(), head.lower())
    if command == "article":
        sub, _, rest = rest.strip().partition(" ")
        command = f"article {sub.lower()}".strip()
    return Line(command, options.parse_options(command, rest))


def execute(library: Library, line: Line, session: Session | None = None) -> str | None:
    """Run one parsed line against the library; the text to print (None: quit).

    With a session, a plain question (no slash) follows up the last answer's articles;
    `/ask` always starts afresh."""
    if line.command == "quit":
        return None
    run = _COMMANDS.get(line.command)
    if run is None:
        raise InputError(f"unknown command /{line.command}; type /help for the list")
    return run(library, line, session)


def _ask(library: Library, line: Line, session: Session | None) -> str:
    context = session.context if session is not None and line.follow_up else ()
    answer = actions.ask(library, line.text("question") or "", line.number("results"), context)
    if session is not None:
        session.context = actions.answered_articles(answer)
    return textrender.answer_text(answer)


def _summary(library: Library, line: Line, _session: Session | None) -> str:
    article, about = line.text("article"), line.text("about")
    actions.check_target(article, about)
    sentences = line.number("sentences")
    if about is not None:
        return textrender.digest_text(actions.digest(library, about, sentences))
    return textrender.summary_text(actions.summary(library, article or "", sentences))


def _show(library: Library, line: Line, _session: Session | None) -> str:
    article = actions.show(library, line.text("article") or "")
    return textrender.article_text(article, library.quotes_of(article.id))


def _add(library: Library, line: Line, _session: Session | None) -> str:
    try:
        inputs = shlex.split(line.text("text") or "")
    except ValueError as exc:
        raise InputError(f"cannot read the list of inputs: {exc}") from None
    return textrender.add_text(actions.add_inputs(library, inputs))


# Each console command and what runs it (`quit` is execute's own).
_COMMANDS: dict[str, Callable[[Library, Line, Session | None], str]] = {
    "help": lambda _library, _line, _session: textrender.help_text(),
    "ask": _ask,
    "quotes": lambda library, line, _session: textrender.quotes_text(
        actions.quotes(library, line.text("speaker") or "", line.text("article"))),
    "whosaid": lambda library, line, _session: textrender.quotes_text(
        actions.whosaid(library, line.text("words") or "")),
    "speakers": lambda library, _line, _session: textrender.speakers_text(
        actions.speakers(library)),
    "summary": _summary,
    "articles": lambda library, _line, _session: textrender.articles_text(
        actions.articles(library)),
    "article show": _show,
    "add": _add,
    "remove": lambda library, line, _session: textrender.removed_text(
        actions.remove(library, line.text("article") or "")),
}


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
