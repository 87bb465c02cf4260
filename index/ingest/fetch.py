"""Downloading one article page over http(s), from public addresses only.

A link given to the bot is fetched from the bot's host, so it must not reach inside it:
the host name is resolved once, every address is checked (loopback, private, link-local,
CGNAT, multicast, reserved, unspecified, and IPv4 hidden in IPv6 forms are refused unless
the allow list names them), and the connection goes to the checked address (no second
lookup for a DNS-rebinding server to answer differently). Redirects are followed by hand,
at most MAX_REDIRECTS, each one checked the same way. One deadline bounds the whole fetch
(a server trickling a byte at a time cannot hold it), the body is streamed up to a size
limit, and every refusal or failure reads the same to the user (the reason goes to the
log only, so the bot cannot be used to scan a network).
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from email.message import Message
from typing import Any

from index.errors import FetchError

log = logging.getLogger(__name__)

USER_AGENT = "newsdesk/0.1"
# The documented size limit for files, downloads and attachments (ingest re-exports it).
MAX_FILE_BYTES = 5 * 1024 * 1024
ALLOWED_SCHEMES = ("http", "https")
# Content types that can hold an article; anything else is refused before parsing.
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]
Connector = Callable[[tuple[str, int], float], socket.socket]


def system_resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host (one lookup)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def system_connect(address: tuple[str, int], timeout: float) -> socket.socket:
    return socket.create_connection(address, timeout=timeout)


def parse_allow_entry(entry: str) -> str | IPNetwork:
    """One NEWSDESK_FETCH_ALLOW entry: a network (an address is a /32 or /128) or a host
    name; ValueError for anything else."""
    text = entry.strip().strip("[]")
    if not text:
        raise ValueError("empty entry")
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        pass
    name = text.lower().rstrip(".")
    labels = name.split(".")
    if not all(label and len(label) <= 63 and all(c.isalnum() or c == "-" for c in label)
               for label in labels):
        raise ValueError(f"{entry!r} is neither a host name nor an address or CIDR network")
    return name


@dataclass(frozen=True)
class FetchPolicy:
    """Where and how long fetching may go. The default allows public addresses only;
    `allowing` adds hosts and networks (a self-hosted source, a test server)."""

    allow_hosts: frozenset[str] = frozenset()
    allow_networks: tuple[IPNetwork, ...] = ()
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 20.0  # the whole fetch, redirects included
    max_bytes: int = MAX_FILE_BYTES
    max_redirects: int = MAX_REDIRECTS
    resolve: Resolver = field(default=system_resolve, compare=False)
    connect: Connector = field(default=system_connect, compare=False)

    @classmethod
    def allowing(cls, entries: Iterable[str], **kwargs: object) -> FetchPolicy:
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        for entry in entries:
            parsed = parse_allow_entry(entry)
            if isinstance(parsed, str):
                hosts.add(parsed)
            else:
                networks.append(parsed)
        return cls(allow_hosts=frozenset(hosts), allow_networks=tuple(networks), **kwargs)  # type: ignore[arg-type]

    def host_allowed(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.allow_hosts

    def address_allowed(self, address: IPAddress) -> bool:
        if any(address in net for net in self.allow_networks if net.version == address.version):
            return True
        return is_public(address)


DEFAULT_POLICY = FetchPolicy()


def is_public(address: IPAddress) -> bool:
    """Whether an address is on the public internet, IPv4 inside IPv6 forms included."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public(embedded)
        if address.is_site_local:
            return False
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_unspecified
        or address.is_loopback or address.is_link_local or address.is_private
    )


_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_COMPATIBLE = ipaddress.ip_network("::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, 6to4, Teredo, NAT64, compatible)."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64 or address in _NAT64_LOCAL or (
        address in _COMPATIBLE and int(address) > 1
    ):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def literal_address(host: str) -> IPAddress | None:
    """host as an address when it is written as one, in any spelling the system's
    resolver would also accept (127.1, 0x7f.0.0.1, 2130706433, 0177.0.0.1, [::1])."""
    text = host.strip("[]")
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(text))
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded page: the final URL after redirects, its type, raw body and charset."""

    url: str
    content_type: str
    body: bytes
    charset: str | None = None
    status: int = 200  # 304: a conditional fetch found nothing new (body empty)
    etag: str | None = None  # validators for the next conditional fetch (feeds)
    last_modified: str | None = None

    @property
    def is_text(self) -> bool:
        """True for text/plain pages, which are parsed as text files rather than HTML."""
        return self.content_type == "text/plain"


class _Refused(Exception):
    """Why one fetch failed, for the log; the user sees FETCH_FAILED.

    told: a reason that may be shown (the feed's status), set only for failures that
    came from an address the policy allowed, so it maps nothing the user could not see.
    """

    def __init__(self, reason: str, told: str | None = None) -> None:
        super().__init__(reason)
        self.told = told


FETCH_FAILED = (
    "could not fetch {url}: newsdesk reads article pages (HTML or text, up to {size}) "
    "from public http(s) addresses that answer within {seconds:g} s"
)


def shown_url(url: str) -> str:
    """url without any user:password@ part, for messages and logs."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def check_url(url: str) -> str:
    """The URL itself when it is an http(s) URL with a host; FetchError otherwise."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        shown = parts.scheme + ":" if parts.scheme else "no scheme"
        raise FetchError(f"{shown_url(url)} is not an http(s) URL ({shown})")
    if not parts.hostname:
        raise FetchError(f"{shown_url(url)} has no host name")
    return url.strip()


def fetch_url(url: str, policy: FetchPolicy = DEFAULT_POLICY) -> FetchedPage:
    """Download url under policy; one FetchError wording for every refusal or failure."""
    url = check_url(url)
    page = _guarded_fetch(url, policy, "page", tell=False)
    log.info("fetched %s (%s, %d bytes)", shown_url(page.url), page.content_type, len(page.body))
    return page


FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
               "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1")


def fetch_feed(url: str, policy: FetchPolicy = DEFAULT_POLICY, etag: str | None = None,
               last_modified: str | None = None) -> FetchedPage:
    """Download a feed document under the same rules as a page, conditionally: with the
    validators of the last fetch, an unchanged feed is a 304 page with no body.

    Any content type is read (the feed parser judges it). A failure after reaching an
    allowed address (an HTTP error, too large, a redirect loop) says why; one before it
    (an address refused, no answer) reads as FETCH_FAILED, as for pages.
    """
    url = check_url(url)
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return _guarded_fetch(url, policy, "feed", tell=True, types=None, extra_headers=headers,
                          accept=FEED_ACCEPT)


def _guarded_fetch(url: str, policy: FetchPolicy, what: str, tell: bool,
                   **options: Any) -> FetchedPage:
    """_fetch under one deadline, every failure logged with its reason and raised as one
    FetchError; tell: a reason from an allowed address may be shown (feeds)."""
    shown = shown_url(url)
    log.info("fetching %s %s", what, shown)
    watchdog = _Deadline(policy.deadline)
    try:
        return _fetch(url, policy, watchdog, **options)
    except _Refused as why:
        log.info("%s fetch of %s refused or failed: %s", what, shown, why)
        if tell and why.told:
            raise FetchError(f"could not fetch {shown}: {why.told}") from None
        raise _failed(shown, policy) from None
    except (OSError, http.client.HTTPException, ValueError) as err:
        reason = "over the deadline" if watchdog.expired else f"{err.__class__.__name__}: {err}"
        log.info("%s fetch of %s failed: %s", what, shown, reason)
        raise _failed(shown, policy) from None
    finally:
        watchdog.cancel()


def _failed(shown: str, policy: FetchPolicy) -> FetchError:
    return FetchError(FETCH_FAILED.format(url=shown, size=human_size(policy.max_bytes),
                                          seconds=policy.deadline))


def _fetch(url: str, policy: FetchPolicy, watchdog: _Deadline,
           types: tuple[str, ...] | None = PAGE_TYPES,
           extra_headers: dict[str, str] | None = None,
           accept: str = "text/html, text/plain;q=0.8, */*;q=0.1") -> FetchedPage:
    for _hop in range(policy.max_redirects + 1):
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            raise _Refused(f"redirected to a {scheme or 'schemeless'} URL")
        host = parts.hostname
        if not host:
            raise _Refused("no host name")
        port = parts.port or (443 if scheme == "https" else 80)
        address = _checked_address(host, port, policy)
        conn = _connection(scheme, host, port, address, policy, watchdog)
        try:
            target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
            conn.request("GET", target, headers={
                "User-Agent": USER_AGENT,
                "Accept": accept,
                "Accept-Encoding": "identity",
                **(extra_headers or {}),
            })
            response = conn.getresponse()
            if response.status in _REDIRECTS:
                location = response.getheader("Location")
                if not location:
                    raise _Refused(f"{response.status} without a Location")
                url = urllib.parse.urljoin(url, location.strip())
                continue
            if response.status == 304 and extra_headers:
                return FetchedPage(url=url, content_type="", body=b"", status=304,
                                   etag=response.getheader("ETag"),
                                   last_modified=response.getheader("Last-Modified"))
            if response.status != 200:
                raise _Refused(f"answered {response.status} {response.reason}",
                               told=f"the server answered {response.status} {response.reason}")
            page = _read_page(url, response, policy, watchdog, types)
            return replace(page, etag=response.getheader("ETag"),
                           last_modified=response.getheader("Last-Modified"))
        finally:
            watchdog.forget()
            conn.close()
    raise _Refused(f"more than {policy.max_redirects} redirects",
                   told=f"more than {policy.max_redirects} redirects (a redirect loop?)")


def _checked_address(host: str, port: int, policy: FetchPolicy) -> str:
    """The one address to connect to, after checking every address host resolves to."""
    literal = literal_address(host)
    if literal is not None:
        candidates = [literal]
    else:
        try:
            resolved = policy.resolve(host, port)
        except (OSError, UnicodeError) as err:
            raise _Refused(f"cannot resolve {host}: {err}") from None
        if not resolved:
            raise _Refused(f"{host} has no address")
        candidates = [ipaddress.ip_address(a.split("%", 1)[0]) for a in resolved]
    if policy.host_allowed(host):
        return str(candidates[0])
    blocked = [a for a in candidates if not policy.address_allowed(a)]
    if blocked:
        # one non-public answer refuses the host: a name that resolves inside is not public
        raise _Refused(f"{host} resolves to a non-public address {blocked[0]}")
    return str(candidates[0])


def _connection(scheme: str, host: str, port: int, address: str, policy: FetchPolicy,
                watchdog: _Deadline) -> http.client.HTTPConnection:
    """A connection whose socket goes to the checked address; TLS still checks host."""

    def connect(_address: tuple[str, int], timeout: float | None = None,
                source_address: object = None) -> socket.socket:
        sock = policy.connect((address, port), min(policy.connect_timeout, watchdog.left()))
        watchdog.watch(sock)
        sock.settimeout(min(policy.read_timeout, max(watchdog.left(), 0.001)))
        return sock

    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=policy.read_timeout,
                                           context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=policy.read_timeout)
    conn._create_connection = connect  # type: ignore[attr-defined]
    return conn


def _content_type(headers: Message) -> tuple[str, str | None]:
    ctype = (headers.get_content_type() or "").lower() if headers.get("Content-Type") else ""
    charset = headers.get_content_charset()
    return ctype, charset


def _read_page(url: str, response: http.client.HTTPResponse, policy: FetchPolicy,
               watchdog: _Deadline,
               types: tuple[str, ...] | None = PAGE_TYPES) -> FetchedPage:
    ctype, charset = _content_type(response.headers)
    if ctype and types is not None and ctype not in types:
        raise _Refused(f"content type {ctype}")
    too_big = f"over the {human_size(policy.max_bytes)} limit"
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > policy.max_bytes:
        raise _Refused(f"Content-Length {length}, over {policy.max_bytes}", told=too_big)
    body = bytearray()
    while True:
        if watchdog.expired:
            raise _Refused("over the deadline")
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        body += chunk
        if len(body) > policy.max_bytes:
            raise _Refused(f"body over {policy.max_bytes} bytes", told=too_big)
    if watchdog.expired:
        raise _Refused("over the deadline")
    data = bytes(body)
    if not ctype:
        ctype = "text/html" if data.lstrip()[:1] == b"<" else "text/plain"
    return FetchedPage(url=url, content_type=ctype, body=data, charset=charset)


class _Deadline:
    """The whole fetch's time limit: at the deadline every open socket is shut down, so a
    read blocked on a trickling server returns at once whatever its own timeout says."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds
        self._sockets: list[int] = []  # file descriptors: TLS takes over the socket object
        self._lock = threading.Lock()
        self._fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return max(self._end - time.monotonic(), 0.0)

    @property
    def expired(self) -> bool:
        return self._fired or time.monotonic() >= self._end

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self._fired:
                sock.close()
                raise TimeoutError("fetch deadline passed")
            self._sockets.append(sock.fileno())

    def forget(self) -> None:
        """Before a connection closes: its descriptor may be reused by anything after."""
        with self._lock:
            self._sockets.clear()

    def _fire(self) -> None:
        with self._lock:
            self._fired = True
            for fd in self._sockets:
                sock = socket.socket(fileno=fd)
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                finally:
                    sock.detach()

    def cancel(self) -> None:
        self._timer.cancel()


def human_size(n: int) -> str:
    """Bytes as a person reads them: 5 MB, 6.2 MB, 800 KB."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"
