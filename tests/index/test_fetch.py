"""Fetching article pages: served from 127.0.0.1 (allowed by the policy for the tests);
every other address is checked through a resolver stub, with a connector that fails the
test if a connection is ever attempted."""

import ipaddress
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from index.errors import FetchError, InputError
from index.ingest.articles import iter_inputs
from index.ingest.fetch import (
    USER_AGENT,
    FetchPolicy,
    fetch_url,
    is_public,
    system_connect,
)
from index.models import ArticleDraft

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
PAGE = (FIXTURES / "bridge_page.html").read_bytes()
PLAIN = b"Ferry fares halved\nBy Jane Roe\nFares were halved on Monday.\nThe council agreed.\n"
NO_TEXT = b"<html><body><nav>Home</nav></body></html>"
LATIN1 = (
    "<html><head><title>Café closes</title></head><body><article>"
    "<p>The café on the harbour front closed on Sunday after forty years, its owner said.</p>"
    "</article></body></html>"
).encode("latin-1")

LOCAL = FetchPolicy.allowing(["127.0.0.1"])


class _Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []
    seen_hosts: list[str] = []
    hits: dict[str, int] = {}

    def log_message(self, format, *args):  # keep test output clean
        pass

    def _send(self, status: int, ctype: str | None, body: bytes, extra: dict | None = None):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        _Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        _Handler.seen_hosts.append(self.headers.get("Host", ""))
        _Handler.hits[self.path] = _Handler.hits.get(self.path, 0) + 1
        routes = {
            "/article.html": lambda: self._send(200, "text/html; charset=utf-8", PAGE),
            "/notes.txt": lambda: self._send(200, "text/plain; charset=utf-8", PLAIN),
            "/latin1.html": lambda: self._send(200, "text/html; charset=iso-8859-1", LATIN1),
            "/report.pdf": lambda: self._send(200, "application/pdf", b"%PDF-1.7\n"),
            "/moved": lambda: self._send(302, None, b"", {"Location": "/article.html"}),
            "/to-ftp": lambda: self._send(302, None, b"", {"Location": "ftp://127.0.0.1/x.html"}),
            "/to-inside": lambda: self._send(
                302, None, b"", {"Location": "http://metadata.test/latest/"}),
            "/loop": lambda: self._send(302, None, b"", {"Location": "/loop"}),
            "/big.html": lambda: self._send(200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
            "/empty.html": lambda: self._send(200, "text/html", NO_TEXT),
            "/error": lambda: self._send(500, "text/html", b"oops"),
        }
        if self.path == "/unsized.html":  # no Content-Length: only the streamed cap stops it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>" + b"y" * 5000)
            return
        if self.path.startswith("/hop"):
            n = int(self.path[4:] or 0)
            return self._send(
                302, None, b"", {"Location": f"/hop{n + 1}" if n < 9 else "/article.html"}
            )
        routes.get(self.path, lambda: self._send(404, "text/html", b"not here"))()


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def _no_connection(address, timeout):
    raise AssertionError(f"a connection to {address} was attempted")


def _stub_resolver(names: dict[str, list[str]]):
    """Resolves only the test's names; the system resolver is never asked."""
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        if host not in names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return names[host]

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


def _wording(err: pytest.ExceptionInfo, url: str) -> str:
    return str(err.value).replace(url, "URL")


# ---------------------------------------------------------------- pages that are fetched


def test_html_page_is_fetched_with_its_type_and_charset(server):
    page = fetch_url(server + "/article.html", LOCAL)
    assert (page.content_type, page.charset) == ("text/html", "utf-8")
    assert page.body == PAGE


def test_requests_carry_the_newsdesk_user_agent(server):
    fetch_url(server + "/article.html", LOCAL)
    assert _Handler.seen_agents[-1] == USER_AGENT == "newsdesk/0.1"


def test_redirect_is_followed_and_the_final_url_reported(server):
    page = fetch_url(server + "/moved", LOCAL)
    assert page.url == server + "/article.html"
    assert page.body == PAGE


def test_five_redirects_are_followed_and_a_sixth_is_refused(server):
    assert fetch_url(server + "/hop5", LOCAL).body == PAGE  # hop5..hop9, then the page
    with pytest.raises(FetchError, match="could not fetch"):
        fetch_url(server + "/hop4", LOCAL)
    before = _Handler.hits.get("/loop", 0)
    with pytest.raises(FetchError, match="could not fetch"):
        fetch_url(server + "/loop", LOCAL)
    assert _Handler.hits["/loop"] - before == 6  # the first request and five redirects


# ---------------------------------------------------------------- refusals, one wording


def test_every_failure_reads_the_same_so_a_network_cannot_be_scanned(server, closed_port):
    resolver = _stub_resolver({"inside.test": ["10.0.0.7"]})
    policy = FetchPolicy.allowing(["127.0.0.1"], resolve=resolver)
    urls = [
        server + "/missing",  # 404
        server + "/error",  # 500
        server + "/report.pdf",  # not a page
        server + "/to-ftp",  # redirect to another scheme
        f"http://127.0.0.1:{closed_port}/a",  # refused
        "http://unknown.test/a",  # no such host
        "http://inside.test/a",  # private address
    ]
    wordings = set()
    for url in urls:
        with pytest.raises(FetchError) as err:
            fetch_url(url, policy)
        wordings.add(_wording(err, url))
    assert len(wordings) == 1, wordings
    assert "could not fetch URL" in wordings.pop()


def test_the_reason_goes_to_the_log(caplog):
    policy = FetchPolicy(resolve=_stub_resolver({"inside.test": ["10.0.0.7"]}),
                         connect=_no_connection)
    with caplog.at_level(logging.INFO, logger="index.ingest.fetch"):
        with pytest.raises(FetchError):
            fetch_url("http://inside.test/a", policy)
    assert "non-public address 10.0.0.7" in caplog.text


LOOPBACK_SPELLINGS = [
    "127.0.0.1", "127.1", "127.0.1", "0x7f.0.0.1", "0177.0.0.1", "2130706433",
    "0x7f000001", "017700000001", "[::1]", "[::ffff:127.0.0.1]", "[0:0:0:0:0:ffff:7f00:1]",
]


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
def test_loopback_in_any_spelling_is_refused_without_connecting(host):
    resolver = _stub_resolver({})
    policy = FetchPolicy(resolve=resolver, connect=_no_connection)
    with pytest.raises(FetchError, match="could not fetch"):
        fetch_url(f"http://{host}:8080/page", policy)
    assert resolver.calls == []  # an address is never looked up as a name


INSIDE = {
    "localhost.test": ["127.0.0.1"],
    "metadata.test": ["169.254.169.254"],
    "ten.test": ["10.1.2.3"],
    "home.test": ["192.168.1.1"],
    "corp.test": ["172.16.5.5"],
    "cgnat.test": ["100.64.0.9"],
    "multicast.test": ["224.0.0.251"],
    "reserved.test": ["240.0.0.1"],
    "broadcast.test": ["255.255.255.255"],
    "zero.test": ["0.0.0.0"],
    "ula.test": ["fd00::1"],
    "linklocal6.test": ["fe80::1"],
    "sitelocal6.test": ["fec0::1"],
    "loop6.test": ["::1"],
    "unspecified6.test": ["::"],
    "mapped.test": ["::ffff:10.0.0.1"],
    "sixtofour.test": ["2002:a9fe:a9fe::1"],  # 6to4 around 169.254.169.254
    "nat64.test": ["64:ff9b::7f00:1"],
    "teredo.test": ["2001:0:4136:e378:8000:63bf:f5ff:fffe"],  # client 10.0.0.1
    "mixed.test": ["93.184.216.34", "10.0.0.1"],  # one inside answer is enough to refuse
}


@pytest.mark.parametrize("name", sorted(INSIDE))
def test_names_resolving_inside_are_refused_without_connecting(name):
    policy = FetchPolicy(resolve=_stub_resolver(INSIDE), connect=_no_connection)
    with pytest.raises(FetchError, match="could not fetch"):
        fetch_url(f"https://{name}/news", policy)


def test_a_public_address_is_connected_to_as_resolved():
    attempts = []

    def connect(address, timeout):
        attempts.append(address)
        raise ConnectionRefusedError(111, "Connection refused")

    policy = FetchPolicy(resolve=_stub_resolver({"news.test": ["93.184.216.34"]}),
                         connect=connect)
    with pytest.raises(FetchError, match="could not fetch"):
        fetch_url("http://news.test/story", policy)
    assert attempts == [("93.184.216.34", 80)]


def test_the_checked_address_is_used_without_a_second_lookup(server):
    """DNS rebinding: a name that answers 127.0.0.1 once (allowed here) and anything else
    later must be connected to at the address that was checked."""
    answers = iter([["127.0.0.1"]])

    def rebinding(host, port):
        return next(answers)  # a second lookup would raise StopIteration

    port = server.rsplit(":", 1)[1]
    policy = FetchPolicy.allowing(["127.0.0.1"], resolve=rebinding)
    page = fetch_url(f"http://rebind.test:{port}/article.html", policy)
    assert page.body == PAGE
    assert _Handler.seen_hosts[-1] == f"rebind.test:{port}"  # the name, not the address


def test_redirect_into_the_network_is_refused_before_connecting(server):
    connected = []

    def connect(address, timeout):
        connected.append(address[0])
        assert address[0] == "127.0.0.1", f"connected to {address}"
        return system_connect(address, timeout)

    policy = FetchPolicy.allowing(["127.0.0.1"], connect=connect,
                                  resolve=_stub_resolver({"metadata.test": ["169.254.169.254"]}))
    with pytest.raises(FetchError, match="could not fetch"):
        fetch_url(server + "/to-inside", policy)
    assert connected == ["127.0.0.1"]


def test_allowed_host_name_may_resolve_inside(server):
    port = server.rsplit(":", 1)[1]
    policy = FetchPolicy.allowing(["news.internal"],
                                  resolve=_stub_resolver({"news.internal": ["127.0.0.1"]}))
    assert fetch_url(f"http://news.internal:{port}/article.html", policy).body == PAGE
    with pytest.raises(FetchError):  # the name is allowed, not the address
        fetch_url(server + "/article.html", policy)


def test_allow_list_takes_networks_and_refuses_nonsense():
    policy = FetchPolicy.allowing(["10.0.0.0/8", "fd00::/8"])
    assert policy.address_allowed(ipaddress.ip_address("10.9.9.9"))
    assert policy.address_allowed(ipaddress.ip_address("fd00::5"))
    assert not policy.address_allowed(ipaddress.ip_address("192.168.0.1"))
    with pytest.raises(ValueError):
        FetchPolicy.allowing(["not a host/99"])


def test_public_addresses_are_public():
    for text in ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "2002:5db8:d822::1"]:
        assert is_public(ipaddress.ip_address(text)), text


def test_credentials_in_a_url_never_reach_the_message(closed_port, caplog):
    url = f"http://editor:hunter2@127.0.0.1:{closed_port}/story"
    with caplog.at_level(logging.INFO, logger="index.ingest.fetch"):
        with pytest.raises(FetchError) as err:
            fetch_url(url, LOCAL)
    assert "hunter2" not in str(err.value) and "hunter2" not in caplog.text
    assert f"127.0.0.1:{closed_port}/story" in str(err.value)


def test_pdf_and_oversized_pages_are_refused(server):
    for path in ("/report.pdf", "/big.html", "/unsized.html"):
        with pytest.raises(FetchError, match="could not fetch"):
            fetch_url(server + path, FetchPolicy.allowing(["127.0.0.1"], max_bytes=1000))


def test_non_http_url_is_refused_before_any_connection():
    with pytest.raises(FetchError, match="not an http"):
        fetch_url("ftp://127.0.0.1/a.html", FetchPolicy(connect=_no_connection))


def test_fetch_error_is_an_input_error():
    assert issubclass(FetchError, InputError)


# ---------------------------------------------------------------- time: one deadline


def _trickle_server(drip: bytes, pause: float, headers_first: bool):
    """A server that sends one byte every `pause` seconds, forever (until closed)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.recv(4096)
                if headers_first:
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
                while not stop.is_set():
                    try:
                        conn.sendall(drip)
                    except OSError:
                        break
                    stop.wait(pause)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return listener.getsockname()[1], stop


@pytest.mark.parametrize("headers_first", [True, False], ids=["body", "headers"])
def test_a_trickling_server_cannot_hold_a_fetch_past_its_deadline(headers_first):
    port, stop = _trickle_server(b"x" if headers_first else b"H", 0.1, headers_first)
    policy = FetchPolicy.allowing(["127.0.0.1"], read_timeout=5.0, deadline=1.0)
    started = time.monotonic()
    try:
        with pytest.raises(FetchError, match="could not fetch"):
            fetch_url(f"http://127.0.0.1:{port}/slow", policy)
    finally:
        stop.set()
    assert time.monotonic() - started < 3.0  # each byte came within the read timeout


# ---------------------------------------------------------------- URLs through iter_inputs


def test_url_argument_becomes_a_draft_with_metadata(server):
    [(name, draft)] = list(iter_inputs(server + "/article.html", LOCAL))
    assert name == server + "/article.html"
    assert isinstance(draft, ArticleDraft)
    assert draft.title == "Harbour bridge to reopen after repairs"
    assert draft.authors == ("Jane Roe", "Tom Vale")
    assert draft.url == "https://gazette.example/news/harbour-bridge"
    assert draft.source == server + "/article.html"


def test_text_plain_url_is_parsed_as_a_text_article_with_its_url(server):
    [(_, draft)] = list(iter_inputs(server + "/notes.txt", LOCAL))
    assert isinstance(draft, ArticleDraft)
    assert (draft.title, draft.authors) == ("Ferry fares halved", ("Jane Roe",))
    assert draft.url == server + "/notes.txt"


def test_charset_from_the_http_header_decodes_the_page(server):
    [(_, draft)] = list(iter_inputs(server + "/latin1.html", LOCAL))
    assert isinstance(draft, ArticleDraft)
    assert draft.paragraphs[0].startswith("The café on the harbour front")


def test_the_default_policy_refuses_the_local_server(server):
    [(_, result)] = list(iter_inputs(server + "/article.html"))
    assert isinstance(result, FetchError)


def test_unreachable_url_is_an_error_value_not_an_exception(closed_port):
    [(_, result)] = list(iter_inputs(f"http://127.0.0.1:{closed_port}/", LOCAL))
    assert isinstance(result, FetchError)
    assert "could not fetch" in str(result)


def test_page_without_article_text_is_an_error_value(server):
    [(_, result)] = list(iter_inputs(server + "/empty.html", LOCAL))
    assert isinstance(result, InputError)
    assert "has no article text" in str(result)
