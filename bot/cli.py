"""`newsdesk`: manage and query a library from the shell, run the bot or the console.

Global options come first (`newsdesk --library 123 add a.txt`). Every failure is one
line on stderr and a non-zero exit; nothing already stored is lost.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from bot import jsonout, logs, options, textrender
from bot.config import (
    Settings,
    data_dir_from_env,
    database_url_from_env,
    fetch_policy_from_env,
    parse_switch,
    semantic_from_env,
)
from index import backup
from index.errors import InputError, NewsdeskError, QuestionError
from index.library import Libraries, Library
from index.memory import return_large_blocks
from index.storage.copy import CopiedLibrary, copy_store
from index.store import (
    DATABASE_NAME,
    SQLITE_SCHEME,
    LibraryCounts,
    Store,
    open_store,
    redact_url,
    store_kind,
)

log = logging.getLogger(__name__)

SAMPLE_LIBRARY = "default"
SAMPLE_FILE = "harbour_bridge.txt"
SAMPLE_OFFERED = "sample_offered"  # meta key: the store (data folder) had its one offer
README_DISCORD = "README: Running it on a Discord server"


class CliContext:
    """What every command needs: where the data is and which library to use."""

    def __init__(self, args: argparse.Namespace, out: TextIO) -> None:
        self.args = args
        self.out = out
        self._libraries: Libraries | None = None

    @property
    def libraries(self) -> Libraries:
        if self._libraries is None:
            # the bot and the console embed new paragraphs in the background; a one-shot
            # command embeds only when it adds (and waits for it), or not at all
            background = self.args.command in ("run", "console", "start")
            self._libraries = Libraries(self.args.data, database_url=self.args.database_url,
                                        fetch_policy=self.args.fetch_policy,
                                        semantic=self.args.semantic, background=background,
                                        memory_budget=self.memory_budget())
        return self._libraries

    def memory_budget(self) -> int | None:
        """The bot's budget for loaded libraries (one-shot commands load one: no limit)."""
        if self.args.command not in ("run", "start"):
            return None
        return Settings.from_env().memory_budget

    @property
    def library(self) -> Library:
        return self.libraries.get(self.args.library)

    def close(self) -> None:
        if self._libraries is not None:
            self._libraries.close()

    def emit(self, value: Any, text: str) -> None:
        """JSON when --json was given, else the text form."""
        if getattr(self.args, "json", False):
            self.out.write(json.dumps(value, ensure_ascii=False) + "\n")
        elif text.strip():
            self.out.write(text.rstrip() + "\n")


# -- commands ------------------------------------------------------------------------


# How long `add` and `import` wait for the new paragraphs' vectors (~100 news articles);
# what is left then is embedded by the running bot or `newsdesk reindex`.
EMBED_WAIT_S = 30.0


def embed_added(ctx: CliContext) -> None:
    """Give the added paragraphs their vectors before this process ends, within a bound."""
    if ctx.libraries.fill_vectors(timeout=EMBED_WAIT_S):
        return
    have, total = ctx.library.vector_coverage()
    print(f"newsdesk: {total - have} paragraphs are not searchable by meaning yet; the bot "
          "embeds them in the background when it runs, or run `newsdesk reindex`",
          file=sys.stderr)


def cmd_add(ctx: CliContext) -> int:
    """Each input on its own line: added and duplicates on stdout, refusals on stderr."""
    report = ctx.library.add_inputs(ctx.args.inputs)
    embed_added(ctx)
    kept = [o for o in report.outcomes if o.error is None]
    ctx.emit(jsonout.add_report(report), textrender.add_text(kept) if kept else "")
    for refused in report.refused:
        reason = (refused.error or "").removeprefix(f"{refused.input}: ")
        print(f"newsdesk: {refused.input}: not added: {reason}", file=sys.stderr)
    return 1 if report.refused else 0


def cmd_list(ctx: CliContext) -> int:
    articles = ctx.library.articles()
    ctx.emit(jsonout.article_list(articles), textrender.articles_text(articles))
    return 0


def cmd_show(ctx: CliContext) -> int:
    lib = ctx.library
    article = lib.resolve(ctx.args.article)
    quotes = lib.quotes_of(article.id)
    ctx.emit(jsonout.show(article, quotes), textrender.article_text(article, quotes))
    return 0


def cmd_remove(ctx: CliContext) -> int:
    article = ctx.library.remove(ctx.args.article)
    ctx.emit(jsonout.article(article), textrender.removed_text(article))
    return 0


def cmd_ask(ctx: CliContext) -> int:
    lib = ctx.library
    if ctx.args.batch is not None:
        return _ask_batch(ctx, lib)
    if ctx.args.question is None:
        raise QuestionError("ask needs a QUESTION (or --batch FILE)")
    answer = lib.ask(ctx.args.question, k=ctx.args.k, articles=ctx.args.article or ())
    ctx.emit(jsonout.answer(answer), textrender.answer_text(answer))
    return 0


def _ask_batch(ctx: CliContext, lib: Library) -> int:
    """One JSON line out per line in, in order; a bad line gets an "error", not an exit."""
    if ctx.args.question is not None:
        raise QuestionError("give either a QUESTION or --batch FILE, not both")
    if not ctx.args.json:
        raise InputError("ask --batch prints JSON lines: add --json")
    source = ctx.args.batch
    try:
        # a line that is not UTF-8 still gets its own output line: its bad bytes read as
        # U+FFFD and the question is refused (no words), as the contract wants
        stream = (io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="replace")
                  if source == "-" else open(source, encoding="utf-8-sig", errors="replace"))
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from None
    with stream:
        for raw in stream:
            question = raw.rstrip("\r\n")
            try:
                answer = lib.ask(question, k=ctx.args.k, articles=ctx.args.article or ())
                line = jsonout.answer(answer)
            except NewsdeskError as exc:
                line = {"question": question, "answers": [], "missing": [], "error": str(exc)}
            ctx.out.write(json.dumps(line, ensure_ascii=False) + "\n")
            ctx.out.flush()
    return 0


def cmd_quotes(ctx: CliContext) -> int:
    lookup = ctx.library.quotes(ctx.args.speaker, article=ctx.args.article, text=ctx.args.text)
    ctx.emit(jsonout.quote_lookup(lookup), textrender.quotes_text(lookup))
    return 0


def cmd_speakers(ctx: CliContext) -> int:
    counts = ctx.library.speakers()
    ctx.emit(jsonout.speakers(counts), textrender.speakers_text(counts))
    return 0


def cmd_summary(ctx: CliContext) -> int:
    lib = ctx.library
    n = ctx.args.sentences
    if ctx.args.about is not None:
        if ctx.args.articles:
            raise InputError("give ARTICLE... or --about TOPIC, not both")
        digest = lib.digest(ctx.args.about, sentences=options.DEFAULT_DIGEST_SENTENCES
                            if n is None else n)
        ctx.emit(jsonout.digest(digest), textrender.digest_text(digest))
        return 0
    if not ctx.args.articles:
        raise InputError("summary needs an ARTICLE (id or part of a title) or --about TOPIC")
    summaries = [lib.summary(ref, sentences=options.DEFAULT_SENTENCES if n is None else n)
                 for ref in ctx.args.articles]
    if len(summaries) == 1:
        ctx.emit(jsonout.summary(summaries[0]), textrender.summary_text(summaries[0]))
    else:
        ctx.emit([jsonout.summary(s) for s in summaries],
                 "\n\n".join(textrender.summary_text(s) for s in summaries))
    return 0


def cmd_export(ctx: CliContext) -> int:
    count = ctx.library.export_to(Path(ctx.args.file))
    ctx.out.write(f"exported {count} article{'s' if count != 1 else ''} to {ctx.args.file}\n")
    return 0


def cmd_backup(ctx: CliContext) -> int:
    """An online copy of the whole store (every library), safe while a bot writes to it:
    SQLite's backup API for a file; a PostgreSQL store is copied into an SQLite file."""
    url = ctx.args.database_url
    if url is not None and store_kind(url) == "postgresql":
        target = Path(ctx.args.file)
        if target.is_dir() or not target.parent.is_dir():
            raise InputError(f"cannot write {target}: give a file name in an existing folder")
        tmp = target.with_name(f".{target.name}.part")
        try:
            tmp.unlink(missing_ok=True)
            copied = _copy(open_store(url), f"{SQLITE_SCHEME}{tmp}")
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        ctx.out.write(f"backed up {len(copied)} librar{'y' if len(copied) == 1 else 'ies'} of "
                      f"{redact_url(url)} to {target}\n")
        return 0
    source = Path(url[len(SQLITE_SCHEME):]) if url else Path(ctx.args.data) / DATABASE_NAME
    if not source.is_file():
        raise InputError(f"there is no database at {source} to back up")
    backup.backup_store(source, Path(ctx.args.file))
    ctx.out.write(f"backed up {source} to {ctx.args.file}\n")
    return 0


def _copy(source: Store, target_url: str) -> list[CopiedLibrary]:
    """Every library of source copied into the store at target_url; both closed after."""
    try:
        target = open_store(target_url)
        try:
            return copy_store(source, target)
        finally:
            target.close()
    finally:
        source.close()


def cmd_migrate(ctx: CliContext) -> int:
    """Copy every library from --from into the empty store --to; counts and checksums of
    both sides printed, exit 1 when any differs."""
    source_url = ctx.args.source or ctx.args.database_url or (
        f"{SQLITE_SCHEME}{Path(ctx.args.data) / DATABASE_NAME}")
    store_kind(source_url)
    store_kind(ctx.args.target)
    if source_url.startswith(SQLITE_SCHEME) and not Path(
            source_url[len(SQLITE_SCHEME):]).is_file():
        raise InputError(f"there is no database at {source_url[len(SQLITE_SCHEME):]} to migrate")
    copied = _copy(open_store(source_url), ctx.args.target)
    rows = [{"library": c.source.name, "same": c.same,
             "source": _counts(c.source), "target": _counts(c.target)} for c in copied]
    text = "\n".join(_migrated_line(c) for c in copied) + (
        f"\nmigrated {len(rows)} librar{'y' if len(rows) == 1 else 'ies'}, "
        "every count and checksum the same")
    ctx.emit({"libraries": rows}, text)
    return 0


def _migrated_line(copied: CopiedLibrary) -> str:
    """One library's line of `migrate`: what the source held, both checksums."""
    source, target = copied.source, copied.target
    return (f"{source.name}: {source.articles} articles, {source.paragraphs} paragraphs, "
            f"{source.quotes} quotes, {source.vectors} vectors, {source.feeds} feeds; "
            f"checksum {source.checksum[:16]} -> {target.checksum[:16]} "
            f"{'same' if copied.same else 'DIFFERENT'}")


def _counts(counts: LibraryCounts) -> dict[str, Any]:
    return {"articles": counts.articles, "paragraphs": counts.paragraphs,
            "quotes": counts.quotes, "vectors": counts.vectors, "feeds": counts.feeds,
            "feed_items": counts.feed_items, "checksum": counts.checksum}


def cmd_status(ctx: CliContext) -> int:
    """The store and the bot processes that report to it (heartbeats)."""
    from bot.status import status, status_text

    report = status(ctx.libraries.store, Settings.from_env().heartbeat)
    ctx.emit(report, status_text(report))
    return 0


def cmd_import(ctx: CliContext) -> int:
    added, skipped = ctx.library.import_from(Path(ctx.args.file))
    embed_added(ctx)
    ctx.out.write(f"imported {len(added)} article{'s' if len(added) != 1 else ''}"
                  f", skipped {len(skipped)} already stored\n")
    return 0


def cmd_reindex(ctx: CliContext) -> int:
    """Give every paragraph its vectors (--vectors: compute them all again)."""
    libraries = ctx.libraries
    if libraries.semantic is None:
        raise InputError("meaning search is off (NEWSDESK_SEMANTIC=off or --semantic off): "
                         "there are no vectors to build")
    lib = ctx.library
    if ctx.args.vectors:
        lib.drop_vectors()
    libraries.fill_vectors()
    have, total = lib.vector_coverage()
    ctx.out.write(f"{have} of {total} paragraphs searchable by meaning\n")
    return 0 if have == total else 1


def cmd_feed(ctx: CliContext) -> int:
    """feed add|list|remove|poll: the feeds this library follows (index/ingest/feeds.py)."""
    from bot import feedout
    from bot.config import feed_settings_from_env
    from index.ingest import feeds

    lib = ctx.library
    action = ctx.args.feed_action
    if action == "add":
        limit, _ = feed_settings_from_env()
        row = feeds.follow(lib, ctx.args.url, limit, policy=ctx.args.fetch_policy)
        ctx.emit({"feed": feedout.feed(row)},
                 f"following {feedout.feed_text(row)}\n(its articles are added at the next "
                 "`newsdesk feed poll`, or by the running bot)")
        return 0
    if action == "remove":
        feeds.unfollow(lib, ctx.args.url)
        ctx.out.write(f"no longer following {ctx.args.url.strip()} (its articles stay)\n")
        return 0
    rows = feeds.feeds(lib)
    if action == "list":
        ctx.emit(feedout.feed_list(rows), feedout.feeds_text(rows))
        return 0
    _, interval = feed_settings_from_env()
    results = [feeds.poll(lib, row, ctx.args.fetch_policy, interval) for row in rows]
    embed_added(ctx)
    ctx.emit(feedout.poll(results), feedout.poll_text(results))
    return 1 if any(r.error for r in results) else 0


def load_sample_if_empty(library: Library, out: TextIO) -> None:
    """A first try needs something to ask about: the made-up sample, into an empty default
    library, once per data folder. The offer is remembered in the store, so a user who
    removed the sample (or filled the library first) never gets it back unasked."""
    if library.name != SAMPLE_LIBRARY or library.store.get_meta(SAMPLE_OFFERED) is not None:
        return
    library.store.set_meta(SAMPLE_OFFERED, datetime.now(UTC).isoformat(timespec="seconds"))
    if len(library) > 0:
        return
    sample = resources.files("bot.sample").joinpath(SAMPLE_FILE)
    outcome = library.add_text(sample.read_text(encoding="utf-8"),
                               source="newsdesk sample (made up)")
    if outcome.article is not None:
        out.write(f"Loaded a made-up sample article (this once): {outcome.article.title}. "
                  "Try: /ask When does the bridge reopen?  To load it again later: "
                  f"/add {sample}\n")


def cmd_console(ctx: CliContext) -> int:
    from bot.console import run_console

    lib = ctx.library
    load_sample_if_empty(lib, ctx.out)
    return run_console(lib, sys.stdin, ctx.out,
                       on_error=lambda message: print(message, file=sys.stderr))


def _settings(ctx: CliContext) -> Settings:
    settings = Settings.from_env()
    return settings.with_data_dir(ctx.args.data)


def cmd_run(ctx: CliContext) -> int:
    from bot.client import run_bot

    settings = _settings(ctx).with_sharding(getattr(ctx.args, "shard_count", None),
                                            getattr(ctx.args, "shard_ids", None))
    settings.require_token()
    run_bot(settings, ctx.libraries)
    return 0


def cmd_sync(ctx: CliContext) -> int:
    from bot.client import sync_global

    count = sync_global(_settings(ctx), ctx.libraries)
    ctx.out.write(f"registered {count} slash commands globally "
                  "(Discord may take up to an hour to show them everywhere)\n")
    return 0


def cmd_start(ctx: CliContext) -> int:
    """What `make run` does: the bot when a token is configured, else the console."""
    settings = _settings(ctx)
    if settings.token:
        return cmd_run(ctx)
    print("No DISCORD_TOKEN set (environment or .env): starting the local console. "
          "To connect to Discord, copy .env.example to .env and fill in DISCORD_TOKEN "
          f"({README_DISCORD}).", file=sys.stderr)
    return cmd_console(ctx)


# -- parsing -------------------------------------------------------------------------


def _whole_number(text: str) -> int:
    try:
        return options.whole_number(text)
    except InputError as exc:  # the console's message, in argparse's frame
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="Answer questions about stored news articles with exact, attributed quotes.",
    )
    parser.add_argument("--data", type=Path, default=None,
                        help="data folder (default: $NEWSDESK_DATA, else ./data)")
    parser.add_argument("--library", default="default",
                        help="library name (a Discord server's is its guild id; default: default)")
    parser.add_argument("--database-url", dest="database_url", default=None,
                        help="sqlite:///PATH or postgresql://USER@HOST:PORT/DB (default: "
                             "$DATABASE_URL, else DATA/newsdesk.sqlite3)")
    parser.add_argument("--semantic", choices=("on", "off"), default=None,
                        help="meaning search besides BM25 (default: $NEWSDESK_SEMANTIC, else on)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def command(name: str, handler: Callable[[CliContext], int], help_text: str,
                example: str | None = None, json_flag: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text,
                           epilog=f"example:\n  newsdesk {example}" if example else None,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        if json_flag:
            p.add_argument("--json", action="store_true", help="print JSON (the CLI contract)")
        p.set_defaults(handler=handler)
        return p

    p = command("add", cmd_add, "add files, folders (recursive) and http(s) URLs",
                "add story.txt notes/ https://example.com/news/bridge")
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    command("list", cmd_list, "list the stored articles", "list --json")
    p = command("show", cmd_show, "show one article with its paragraphs and quotes",
                "show bridge")
    p.add_argument("article", metavar="ARTICLE", help="id or part of the title")
    p = command("remove", cmd_remove, "remove an article", "remove 3f2a9c1b7d04",
                json_flag=False)
    p.add_argument("article", metavar="ARTICLE", help="id or part of the title")
    p = command("ask", cmd_ask, "answer a question with quoted, attributed passages",
                'ask "When does the bridge reopen?" -k 2')
    p.add_argument("question", nargs="?", metavar="QUESTION")
    p.add_argument("-k", type=_whole_number, default=options.DEFAULT_RESULTS,
                   help=f"passages to return (1-{options.MAX_RESULTS}, default "
                        f"{options.DEFAULT_RESULTS})")
    p.add_argument("--batch", metavar="FILE", help="one question a line ('-' for stdin)")
    p.add_argument("--article", metavar="ARTICLE", action="append",
                   help="answer from this article only (id or part of the title; repeatable)")
    p = command("quotes", cmd_quotes, "direct quotes by a speaker (none given: every quote)",
                'quotes Alvarez --text "reopen to traffic"')
    p.add_argument("speaker", nargs="?", metavar="SPEAKER",
                   help="full name, surname or 'Mr Surname' (default: every speaker)")
    p.add_argument("--article", metavar="ARTICLE", help="only quotes from this article")
    p.add_argument("--text", metavar="WORDS", help="only quotes containing these words")
    command("speakers", cmd_speakers, "everyone quoted, with quote counts", "speakers --json")
    p = command("summary", cmd_summary, "extractive summary of articles, or a topic digest",
                "summary bridge --sentences 2")
    p.add_argument("articles", nargs="*", metavar="ARTICLE")
    p.add_argument("--sentences", type=_whole_number, default=None,
                   help=f"sentences ({options.MIN_SENTENCES}-{options.MAX_SENTENCES}; default "
                        f"{options.DEFAULT_SENTENCES} for an article, "
                        f"{options.DEFAULT_DIGEST_SENTENCES} with --about)")
    p.add_argument("--about", metavar="TOPIC", help="digest of a topic across the library")
    p = command("reindex", cmd_reindex, "give every paragraph its vectors for meaning search",
                "reindex", json_flag=False)
    p.add_argument("--vectors", action="store_true",
                   help="compute every paragraph's vectors again, not only the missing ones")
    p = command("export", cmd_export, "write the library as JSON lines with a count/checksum "
                "trailer", "export library.jsonl", json_flag=False)
    p.add_argument("file", metavar="FILE")
    p = command("backup", cmd_backup, "an online copy of the whole store (every library)",
                "backup newsdesk-backup.sqlite3", json_flag=False)
    p.add_argument("file", metavar="FILE")
    p = command("import", cmd_import, "import an export into --library (all or nothing)",
                "--library 123456789 import library.jsonl", json_flag=False)
    p.add_argument("file", metavar="FILE")
    p = command("feed", cmd_feed, "follow RSS and Atom feeds: add, list, remove, poll",
                "feed add https://example.com/news/rss.xml", json_flag=False)
    feed_sub = p.add_subparsers(dest="feed_action", metavar="ACTION")
    feed_sub.required = True
    for action, help_text, has_url, has_json in (
        ("add", "follow the feed at URL (checked to be an RSS or Atom feed)", True, True),
        ("list", "the feeds followed, with their status", False, True),
        ("remove", "stop following a feed (its articles stay)", True, False),
        ("poll", "fetch every followed feed once now and add its new articles", False, True),
    ):
        fp = feed_sub.add_parser(
            action, help=help_text, description=help_text,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            epilog=f"example:\n  newsdesk feed {action}"
                   + (" https://example.com/news/rss.xml" if has_url else ""))
        if has_url:
            fp.add_argument("url", metavar="URL")
        if has_json:
            fp.add_argument("--json", action="store_true", help="print JSON (the CLI contract)")
    p = command("run", cmd_run, "run the Discord bot (settings from the environment and .env)",
                "--database-url postgresql://newsdesk@db/newsdesk run --shard-count 4 "
                "--shard-ids 0,1", json_flag=False)
    p.add_argument("--shard-count", dest="shard_count", type=_shard_count, default=None,
                   help="Discord shards across every bot process (default: "
                        "$NEWSDESK_SHARD_COUNT, else 1)")
    p.add_argument("--shard-ids", dest="shard_ids", default=None, metavar="IDS",
                   help="the shards this process serves, e.g. 0,1 (default: "
                        "$NEWSDESK_SHARD_IDS, else all)")
    p = command("migrate", cmd_migrate, "copy every library into another (empty) store, "
                "with counts and checksums", "migrate --from sqlite:///data/newsdesk.sqlite3 "
                "--to postgresql://newsdesk@db/newsdesk")
    p.add_argument("--from", dest="source", metavar="URL", default=None,
                   help="the store to copy (default: the --database-url / DATA store)")
    p.add_argument("--to", dest="target", metavar="URL", required=True,
                   help="the empty store to copy into")
    command("status", cmd_status, "the store and its running bot processes: shards, "
            "libraries loaded, memory, lag", "status --json")
    command("console", cmd_console, "a local chat with the same commands as the bot",
            "console < questions.txt", json_flag=False)
    command("sync", cmd_sync, "register the slash commands globally", "sync", json_flag=False)
    command("start", cmd_start, "the bot when DISCORD_TOKEN is set, else the console "
            "(what `make run` does)", "start", json_flag=False)
    return parser


def _shard_count(text: str) -> int:
    from bot.config import parse_shard_count

    try:
        return parse_shard_count(text)
    except NewsdeskError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return_large_blocks()  # before any library is read (index/memory.py)
    logs.install(logging.WARNING)
    ctx: CliContext | None = None
    try:
        if args.database_url is None:
            args.database_url = database_url_from_env()
        else:
            store_kind(args.database_url)
        if args.data is None:
            args.data = data_dir_from_env()
        args.fetch_policy = fetch_policy_from_env()
        args.semantic = (semantic_from_env() if args.semantic is None
                         else parse_switch("--semantic", args.semantic, default=True))
        ctx = CliContext(args, out or sys.stdout)
        return args.handler(ctx)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        if ctx is not None:
            ctx.close()


if __name__ == "__main__":
    sys.exit(main())
