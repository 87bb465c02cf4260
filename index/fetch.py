"""Downloading one article page over http(s) with the standard library.

Only http and https are followed (a redirect to file: or ftp: is refused), the body is
read up to a size limit, and every failure becomes a FetchError a person can act on.
"""

from __future__ import annotations

import http.client
import logging
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

from index.errors import FetchError

log = logging.getLogger(__name__)

USER_AGENT = "newsdesk/0.1"
# The documented size limit for files, downloads and attachments (ingest re-exports it).
MAX_FILE_BYTES = 5 * 1024 * 1024
ALLOWED_SCHEMES = ("http", "https")
# Content types that can hold an article; anything else is refused before parsing.
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded page: the final URL after redirects, its type, raw body and charset."""

    url: str
    content_type: str
    body: bytes
    charset: str | None = None

    @property
    def is_text(self) -> bool:
        """True for text/plain pages, which are parsed as text files rather than HTML."""
        return self.content_type == "text/plain"


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects, but only to http(s) URLs."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            raise FetchError(f"{req.full_url} redirects to {newurl}, which is not an http(s) URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def check_url(url: str) -> str:
    """The URL itself when it is an http(s) URL with a host; FetchError otherwise."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        shown = parts.scheme + ":" if parts.scheme else "no scheme"
        raise FetchError(f"{url} is not an http(s) URL ({shown})")
    if not parts.hostname:
        raise FetchError(f"{url} has no host name")
    return url.strip()


def _content_type(headers: Message) -> tuple[str, str | None]:
    ctype = (headers.get_content_type() or "").lower() if headers.get("Content-Type") else ""
    charset = headers.get_content_charset()
    return ctype, charset


def _reason_of(err: urllib.error.URLError) -> str:
    reason = err.reason
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason)


def fetch_url(url: str, *, timeout: float = 10.0, max_bytes: int = MAX_FILE_BYTES) -> FetchedPage:
    """Download url; FetchError when it cannot be reached, fails, is not a page or is too big."""
    url = check_url(url)
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.8, */*;q=0.1"}
    request = urllib.request.Request(url, headers=headers)
    log.info("fetching %s", url)
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = response.geturl()
            ctype, charset = _content_type(response.headers)
            if ctype and ctype not in PAGE_TYPES:
                raise FetchError(f"{url} is {ctype}, not an article page")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                size = human_size(int(length))
                raise FetchError(f"{url} is {size}, over the {human_size(max_bytes)} limit")
            body = response.read(max_bytes + 1)
    except FetchError:
        raise
    except urllib.error.HTTPError as err:
        raise FetchError(f"{url} answered {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        if isinstance(err.reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"{url} did not answer within {timeout:g} s") from None
        raise FetchError(f"could not reach {url} ({_reason_of(err)})") from None
    except TimeoutError:
        raise FetchError(f"{url} did not answer within {timeout:g} s") from None
    except (http.client.HTTPException, ConnectionError, OSError) as err:
        raise FetchError(f"could not reach {url} ({err.__class__.__name__}: {err})") from None
    if len(body) > max_bytes:
        raise FetchError(f"{url} is over the {human_size(max_bytes)} limit")
    if not ctype:
        ctype = "text/html" if body.lstrip()[:1] == b"<" else "text/plain"
    log.info("fetched %s (%s, %d bytes)", final_url, ctype, len(body))
    return FetchedPage(url=final_url, content_type=ctype, body=body, charset=charset)


def human_size(n: int) -> str:
    """Bytes as a person reads them: 5 MB, 6.2 MB, 800 KB."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"
