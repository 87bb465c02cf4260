"""Inputs to ArticleDrafts: a file, an uploaded file's bytes, a fetched page, a URL or a
folder, each sent to the reader of its format (index/ingest/layout.py for text and
markdown, index/ingest/html.py for HTML).

Every refusal is an InputError whose message names the input and the reason, and
`iter_inputs` hands errors back as values so one bad input never stops the others.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

from index.errors import InputError, NewsdeskError
from index.ingest import fetch
from index.ingest.decode import decode_bytes
from index.ingest.html import parse_html
from index.ingest.layout import parse_text
from index.models import ArticleDraft

log = logging.getLogger(__name__)

# The documented size limit for files, downloads and attachments: 5 MB.
MAX_FILE_BYTES: int = fetch.MAX_FILE_BYTES

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
_SUPPORTED_SHOWN = ".txt, .md, .html or .htm"
_OVER_LIMIT = f"over the {fetch.human_size(MAX_FILE_BYTES)} limit for one file"


def _check_suffix(filename: str) -> str:
    suffix = Path(filename).suffix
    if suffix.lower() not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "a file without an extension"
        raise InputError(
            f"{filename}: {shown} is not a supported article file (use {_SUPPORTED_SHOWN})"
        )
    return suffix.lower()


def parse_bytes(data: bytes, filename: str, source: str | None = None) -> ArticleDraft:
    """An uploaded file's bytes (a Discord attachment, say), judged like a file on disk.

    filename chooses the format by its extension and names the input in refusals.
    """
    suffix = _check_suffix(filename)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{filename} is {fetch.human_size(len(data))}, {_OVER_LIMIT}")
    if not data.strip():
        raise InputError(f"{filename} is empty" + (" (only whitespace)" if data else ""))
    html = suffix in HTML_SUFFIXES
    text = decode_bytes(data, filename, html=html)
    if not text.strip():
        raise InputError(f"{filename} is empty (only whitespace)")
    source = source or filename
    if html:
        return parse_html(text, source=source)
    return parse_text(text, source=source)


def read_file(path: Path) -> ArticleDraft:
    """One article file (.txt, .md, .html, .htm); InputError saying why when it cannot be."""
    name = str(path)
    _check_suffix(name)
    try:
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if not path.is_file():
            raise InputError(f"{name} is not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{name} is {fetch.human_size(size)}, {_OVER_LIMIT}")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise InputError(f"cannot read {name}: {err.strerror or err}") from None
    return parse_bytes(data, name)


def read_url(url: str, policy: fetch.FetchPolicy = fetch.DEFAULT_POLICY) -> ArticleDraft:
    """Fetch url under policy and parse it as HTML, or as a text article for text/plain."""
    return parse_page(fetch.fetch_url(url, policy), url)


def parse_page(page: fetch.FetchedPage, url: str) -> ArticleDraft:
    """A fetched page as an article draft (the CPU half of adding a link: the bot fetches
    outside its engine thread and parses inside it)."""
    text = decode_bytes(page.body, url, declared=page.charset, html=not page.is_text)
    if not text.strip():
        raise InputError(f"{url} returned an empty page")
    if page.is_text:
        return replace(parse_text(text, source=url), url=page.url)
    return parse_html(text, url=page.url, source=url)


_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def article_files(folder: Path) -> list[Path]:
    """Supported article files under folder, recursively, sorted, hidden ones skipped."""
    found = [
        p for p in folder.rglob("*")
        if p.suffix.lower() in SUPPORTED_SUFFIXES and not _is_hidden(p, folder) and p.is_file()
    ]
    return sorted(found)


def _guard(name: str, make: Callable[[], ArticleDraft]) -> ArticleDraft | NewsdeskError:
    """The draft, or the error as a value: one bad input must not stop the others."""
    try:
        return make()
    except NewsdeskError as err:
        return err
    except Exception as err:  # an extractor bug must not end a whole `add`
        log.exception("unexpected failure reading %s", name)
        return InputError(f"could not read {name}: {err.__class__.__name__}: {err}")


def iter_inputs(
    arg: str, policy: fetch.FetchPolicy = fetch.DEFAULT_POLICY
) -> Iterator[tuple[str, ArticleDraft | NewsdeskError]]:
    """Each article of one `add` argument (URL, file or folder) as (input name, draft or
    error); URLs are fetched under policy (public addresses only by default)."""
    scheme = _SCHEME_RE.match(arg)
    if scheme and not Path(arg).exists():
        if scheme.group(1).lower() in fetch.ALLOWED_SCHEMES:
            yield arg, _guard(arg, lambda: read_url(arg, policy))
        else:
            yield arg, InputError(
                f"{arg} is not an http(s) URL; only http and https links can be added"
            )
        return
    path = Path(arg).expanduser()
    if not path.exists():
        hint = ""
        if re.match(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+/", arg):
            hint = f" (for a web page, write https://{arg})"
        yield arg, InputError(f"{arg}: no such file or folder{hint}")
        return
    if path.is_dir():
        try:
            files = article_files(path)
        except OSError as err:
            yield arg, InputError(f"cannot read folder {arg}: {err.strerror or err}")
            return
        if not files:
            yield arg, InputError(f"{arg}: folder has no article files ({_SUPPORTED_SHOWN})")
            return
        for file in files:
            yield str(file), _guard(str(file), partial(read_file, file))
        return
    yield arg, _guard(arg, lambda: read_file(path))
