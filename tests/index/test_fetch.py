"""Fetching article pages from an HTTP server the test runs on 127.0.0.1."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from index.errors import FetchError, InputError
from index.fetch import USER_AGENT, fetch_url
from index.ingest import iter_inputs
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


class _Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

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
        routes = {
            "/article.html": lambda: self._send(200, "text/html; charset=utf-8", PAGE),
            "/notes.txt": lambda: self._send(200, "text/plain; charset=utf-8", PLAIN),
            "/latin1.html": lambda: self._send(200, "text/html; charset=iso-8859-1", LATIN1),
            "/report.pdf": lambda: self._send(200, "application/pdf", b"%PDF-1.7\n"),
            "/moved": lambda: self._send(302, None, b"", {"Location": "/article.html"}),
            "/to-ftp": lambda: self._send(302, None, b"", {"Location": "ftp://127.0.0.1/x.html"}),
            "/big.html": lambda: self._send(200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
            "/empty.html": lambda: self._send(200, "text/html", NO_TEXT),
            "/error": lambda: self._send(500, "text/html", b"oops"),
        }
        if self.path == "/slow.html":
            time.sleep(1.0)
            try:
                self._send(200, "text/html", PAGE)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up first, as the test intends
            return
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


def test_html_page_is_fetched_with_its_type_and_charset(server):
    page = fetch_url(server + "/article.html")
    assert (page.content_type, page.charset) == ("text/html", "utf-8")
    assert page.body == PAGE


def test_requests_carry_the_newsdesk_user_agent(server):
    fetch_url(server + "/article.html")
    assert _Handler.seen_agents[-1] == USER_AGENT == "newsdesk/0.1"


def test_redirect_is_followed_and_the_final_url_reported(server):
    page = fetch_url(server + "/moved")
    assert page.url == server + "/article.html"
    assert page.body == PAGE


def test_redirect_to_a_non_http_scheme_is_refused(server):
    with pytest.raises(FetchError, match="not an http"):
        fetch_url(server + "/to-ftp")


def test_not_found_says_what_the_server_answered(server):
    with pytest.raises(FetchError, match="answered 404 Not Found"):
        fetch_url(server + "/missing")


def test_server_error_says_what_the_server_answered(server):
    with pytest.raises(FetchError, match="answered 500"):
        fetch_url(server + "/error")


def test_pdf_content_type_is_refused_as_not_an_article_page(server):
    with pytest.raises(FetchError, match="is application/pdf, not an article page"):
        fetch_url(server + "/report.pdf")


def test_page_over_the_size_limit_is_refused(server):
    with pytest.raises(FetchError, match="over the 1000 bytes limit"):
        fetch_url(server + "/big.html", max_bytes=1000)


def test_unreachable_port_says_it_could_not_reach_the_url(closed_port):
    url = f"http://127.0.0.1:{closed_port}/article.html"
    with pytest.raises(FetchError, match=r"could not reach .*connection refused"):
        fetch_url(url, timeout=2)


def test_slow_server_times_out_with_a_clear_message(server):
    with pytest.raises(FetchError, match=r"did not answer within 0\.2 s"):
        fetch_url(server + "/slow.html", timeout=0.2)


def test_non_http_url_is_refused_before_any_connection():
    with pytest.raises(FetchError, match="not an http"):
        fetch_url("ftp://127.0.0.1/a.html")


def test_fetch_error_is_an_input_error():
    assert issubclass(FetchError, InputError)


# ----------------------------------------------------------------- URLs through iter_inputs


def test_url_argument_becomes_a_draft_with_metadata(server):
    [(name, draft)] = list(iter_inputs(server + "/article.html"))
    assert name == server + "/article.html"
    assert isinstance(draft, ArticleDraft)
    assert draft.title == "Harbour bridge to reopen after repairs"
    assert draft.authors == ("Jane Roe", "Tom Vale")
    assert draft.url == "https://gazette.example/news/harbour-bridge"
    assert draft.source == server + "/article.html"


def test_text_plain_url_is_parsed_as_a_text_article_with_its_url(server):
    [(_, draft)] = list(iter_inputs(server + "/notes.txt"))
    assert isinstance(draft, ArticleDraft)
    assert (draft.title, draft.authors) == ("Ferry fares halved", ("Jane Roe",))
    assert draft.url == server + "/notes.txt"


def test_charset_from_the_http_header_decodes_the_page(server):
    [(_, draft)] = list(iter_inputs(server + "/latin1.html"))
    assert isinstance(draft, ArticleDraft)
    assert draft.paragraphs[0].startswith("The café on the harbour front")


def test_unreachable_url_is_an_error_value_not_an_exception(closed_port):
    [(_, result)] = list(iter_inputs(f"http://127.0.0.1:{closed_port}/"))
    assert isinstance(result, FetchError)
    assert "could not reach" in str(result)


def test_pdf_url_is_an_error_value(server):
    [(_, result)] = list(iter_inputs(server + "/report.pdf"))
    assert isinstance(result, FetchError)


def test_page_without_article_text_is_an_error_value(server):
    [(_, result)] = list(iter_inputs(server + "/empty.html"))
    assert isinstance(result, InputError)
    assert "has no article text" in str(result)
