"""The CLI contract: JSON shapes, exit codes, and one clear stderr line per bad input with
everything already stored left intact."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.cli import main
from index.ingest.articles import MAX_FILE_BYTES
from tests.conftest import ARTICLES


@pytest.fixture
def run(tmp_path, capsys, monkeypatch, database_url):
    """The CLI on each store: DATABASE_URL names it, as an operator's environment would."""
    data = tmp_path / "data"
    monkeypatch.setenv("NEWSDESK_FETCH_ALLOW", "127.0.0.1")  # the tests' page server
    monkeypatch.setenv("DATABASE_URL", database_url)

    def _run(*argv: str) -> tuple[int, str, str]:
        code = main(["--data", str(data), *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


@pytest.fixture
def stored(run):
    code, _, _ = run("add", str(ARTICLES))
    assert code == 0
    return run


def _listed(run) -> list[str]:
    code, out, _ = run("list", "--json")
    assert code == 0
    return [a["id"] for a in json.loads(out)["articles"]]


def _assert_refused(run, argv, message, before):
    code, _, err = run(*argv)
    assert code != 0
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], err
    assert _listed(run) == before


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's hook
        pages = {
            "/pdf": ("application/pdf", b"%PDF-1.4 not an article"),
            "/empty": (
                "text/html",
                b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>",
            ),
            "/story": (
                "text/html",
                (
                    b"<html><head><title>Harbour crane collapses</title>"
                    b"<meta property='og:site_name' content='Northport "
                    b"Gazette'></head><body><article>"
                    b"<h1>Harbour crane collapses</h1><p>By Ana Lopes</p>"
                    b"<p>A crane collapsed at Northport harbour on Sunday night, damaging two "
                    b"warehouses "
                    b"and closing the east quay for the rest of the week.</p>"
                    b"<p>Nobody was hurt, the harbour authority said in a statement on Monday "
                    b"morning.</p>"
                    b"</article></body></html>"
                ),
            ),
        }
        kind, body = pages.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in pages else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_list_on_a_new_library_is_empty_json(run):
    code, out, _ = run("list", "--json")
    assert code == 0 and json.loads(out) == {"articles": []}


def test_add_reports_each_input_in_the_contract_shape(run):
    code, out, _ = run("add", str(ARTICLES / "ferry_strike.txt"), "--json")
    result = json.loads(out)
    assert code == 0 and len(result["added"]) == 1
    article = result["added"][0]
    assert {"id", "title", "author", "outlet", "published", "url", "paragraphs"} <= set(article)
    assert article["author"] == "Priya Natarajan" and article["paragraphs"] == 6
    code, out, _ = run("add", str(ARTICLES / "ferry_strike.txt"), "--json")
    result = json.loads(out)
    assert (
        code == 0
        and result["added"] == []
        and result["duplicates"][0]["article"]["id"] == article["id"]
    )


def test_add_goes_on_after_a_refusal_and_exits_1(run, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    code, out, _ = run("add", str(empty), str(ARTICLES / "orchard_frost.txt"), "--json")
    result = json.loads(out)
    assert code == 1
    assert [r["input"] for r in result["refused"]] == [str(empty)]
    assert len(result["added"]) == 1


def test_ask_json_has_the_contract_shape(stored):
    code, out, _ = stored("ask", "How many books does the library hold?", "--json")
    result = json.loads(out)
    assert code == 0 and result["question"] == "How many books does the library hold?"
    top = result["answers"][0]
    assert {"article", "paragraph", "text", "sentence", "score", "matched"} <= set(top)
    assert top["paragraph"] == 2 and "books" in top["matched"]
    assert result["missing"] == []


def test_ask_batch_prints_one_line_per_input_line(stored, tmp_path):
    batch = tmp_path / "questions.txt"
    batch.write_text("How many books?\n\nthe of\nWhat is the weather in Paris?\n", encoding="utf-8")
    code, out, _ = stored("ask", "--batch", str(batch), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 4
    assert lines[0]["answers"] and "error" not in lines[0]
    assert lines[1]["answers"] == [] and "empty" in lines[1]["error"]
    assert lines[2]["answers"] == [] and "common words" in lines[2]["error"]
    assert lines[3]["answers"] == [] and "Paris" in lines[3]["missing"]


def test_quotes_of_a_silent_name_exit_0_with_suggestions(stored):
    code, out, _ = stored("quotes", "Declan Mos", "--json")
    result = json.loads(out)
    assert code == 0 and result["quotes"] == [] and "Declan Moss" in result["suggestions"]


def test_quotes_by_speaker_carry_article_and_paragraph(stored):
    code, out, _ = stored("quotes", "Brandt", "--json")
    quotes = json.loads(out)["quotes"]
    assert code == 0 and quotes
    assert all(
        q["speaker"] == "Helen Brandt" and q["article"]["title"].startswith("Ferry") for q in quotes
    )
    assert "The door is open" in [q["text"].rstrip(",.") for q in quotes]


def test_summary_of_several_articles_is_a_list_in_order(stored):
    code, out, _ = stored("summary", "Ferry", "frost", "--sentences", "2", "--json")
    result = json.loads(out)
    assert code == 0 and [s["article"]["title"][:5] for s in result] == ["Ferry", "Late "]
    assert all(len(s["sentences"]) == 2 for s in result)


def test_summary_lists_the_people_quoted_with_their_role(stored):
    code, out, _ = stored("summary", "Ferry", "--json")
    speakers = {s["name"]: s for s in json.loads(out)["speakers"]}
    assert code == 0 and speakers["Declan Moss"]["role"] == "union organiser"
    code, out, _ = stored("summary", "Ferry")
    assert "Declan Moss, union organiser (1)" in out


def test_topic_digest_prints_one_line_per_sentence_with_its_paragraph(stored):
    code, out, _ = stored("summary", "--about", "talks strike offer", "--sentences", "3")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("Ferry crews walk out")
    # A sentence starts a line indented by two; a wrapped one goes on indented by four.
    starts = [i for i, line in enumerate(lines) if line.startswith("  ") and line[2] != " "]
    ends = [i for i, line in enumerate(lines) if line.startswith("  ") and "(\u00b6" in line]
    assert len(starts) == 3 and len(ends) == 3
    assert all(a <= b < c for a, b, c in zip(starts, ends, starts[1:] + [len(lines)], strict=True))


def test_show_lists_paragraphs_and_quotes(stored):
    code, out, _ = stored("show", "frost", "--json")
    result = json.loads(out)
    assert code == 0 and [p["n"] for p in result["paragraphs"]] == [1, 2, 3, 4]
    assert any(q["speaker"] == "Colin Marsh" for q in result["quotes"])


def test_remove_then_list(stored):
    before = _listed(stored)
    code, _, _ = stored("remove", "frost")
    assert code == 0 and len(_listed(stored)) == len(before) - 1


def test_export_and_import_round_trip(stored, run, tmp_path):
    path = tmp_path / "lib.jsonl"
    assert stored("export", str(path))[0] == 0
    code, out, _ = run("--library", "copy", "import", str(path))
    assert code == 0 and "imported 3 articles" in out


def test_export_to_a_folder_or_missing_folder_is_one_line_and_leaves_nothing(stored, tmp_path):
    for target, message in (
        (tmp_path, "is a folder"),
        (tmp_path / "no" / "x.jsonl", "does not exist"),
    ):
        code, _, err = stored("export", str(target))
        assert code == 1 and err.count("\n") == 1 and message in err, err
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]


def test_backup_copies_the_whole_store(stored, tmp_path):
    code, out, _ = stored("backup", str(tmp_path / "copy.sqlite3"))
    assert code == 0 and "backed up" in out
    code, out, _ = stored(
        "--database-url", f"sqlite:///{tmp_path / 'copy.sqlite3'}", "list", "--json"
    )
    assert code == 0 and len(json.loads(out)["articles"]) == 3


def test_import_of_a_cut_export_is_one_line_and_imports_nothing(stored, run, tmp_path):
    path = tmp_path / "lib.jsonl"
    stored("export", str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    code, _, err = run("--library", "copy", "import", str(path))
    assert code == 1 and err.count("\n") == 1 and "cut short" in err
    assert json.loads(run("--library", "copy", "list", "--json")[1]) == {"articles": []}


def test_unsupported_database_url_is_refused(run):
    code, _, err = run("--database-url", "mysql://x/y", "list")
    assert code == 1 and err.count("\n") == 1
    assert "sqlite:///" in err and "postgresql://" in err


def test_database_url_picks_the_file(run, tmp_path):
    db = tmp_path / "elsewhere.sqlite3"
    code, _, _ = run(
        "--database-url", f"sqlite:///{db}", "add", str(ARTICLES / "orchard_frost.txt")
    )
    assert code == 0 and db.exists()


# -- bad input: one stderr line, non-zero exit, nothing stored is lost ---------------


def test_missing_path(stored, tmp_path):
    _assert_refused(stored, ["add", str(tmp_path / "nope.txt")], "no such file", _listed(stored))


def test_folder_with_no_articles(stored, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"\xff\xd8\xff")
    _assert_refused(stored, ["add", str(folder)], "no", _listed(stored))


def test_empty_file(stored, tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n", encoding="utf-8")
    _assert_refused(stored, ["add", str(path)], "empty", _listed(stored))


@pytest.mark.parametrize(
    "magic", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"]
)
def test_binary_file_renamed_txt(stored, tmp_path, magic):
    path = tmp_path / "story.txt"
    path.write_bytes(magic + bytes(range(256)) * 4)
    _assert_refused(stored, ["add", str(path)], "story.txt", _listed(stored))


def test_file_over_the_size_limit(stored, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Title\n\n" + "word " * (MAX_FILE_BYTES // 5 + 10), encoding="utf-8")
    _assert_refused(stored, ["add", str(path)], "MB", _listed(stored))


def test_html_with_no_article_text(stored, tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    _assert_refused(stored, ["add", str(path)], "no article text", _listed(stored))


def test_unreachable_url(stored):
    url = f"http://127.0.0.1:{_closed_port()}/story"
    _assert_refused(stored, ["add", url], "127.0.0.1", _listed(stored))


def test_non_html_content_type(stored, site):
    _assert_refused(stored, ["add", f"{site}/pdf"], "could not fetch", _listed(stored))


def test_local_address_is_refused_without_the_allow_list(stored, site, monkeypatch):
    monkeypatch.delenv("NEWSDESK_FETCH_ALLOW")
    _assert_refused(stored, ["add", f"{site}/story"], "could not fetch", _listed(stored))


def test_malformed_allow_list_is_one_line_naming_the_setting(run, monkeypatch):
    monkeypatch.setenv("NEWSDESK_FETCH_ALLOW", "127.0.0.1, not a/host")
    code, _, err = run("list")
    assert code == 1 and err.count("\n") == 1 and "NEWSDESK_FETCH_ALLOW" in err


def test_url_that_is_not_http(stored):
    _assert_refused(stored, ["add", "ftp://127.0.0.1/story.html"], "ftp", _listed(stored))


def test_page_url_is_added_with_its_metadata(run, site):
    code, out, _ = run("add", f"{site}/story", "--json")
    [article] = json.loads(out)["added"]
    assert (
        code == 0
        and article["url"].startswith(site)
        and article["title"] == "Harbour crane collapses"
    )


@pytest.mark.parametrize("question, message", [("", "empty"), ("the and of", "common words")])
def test_unaskable_question(stored, question, message):
    _assert_refused(stored, ["ask", question], message, _listed(stored))


def test_unknown_article(stored):
    _assert_refused(stored, ["show", "volcano"], "no stored article matches", _listed(stored))


def test_ambiguous_article_lists_candidates(stored):
    before = _listed(stored)
    code, _, err = stored("remove", "out")
    assert code == 1 and "matches 2 articles" in err and err.count("(") >= 2
    assert _listed(stored) == before


def test_off_topic_question_exits_0_with_no_answers(stored):
    code, out, _ = stored("ask", "What is the weather in Paris?", "--json")
    assert code == 0 and json.loads(out)["answers"] == []


def test_ask_batch_answers_a_line_that_is_not_utf8_with_an_error_line(stored, tmp_path):
    batch = tmp_path / "questions.txt"
    batch.write_bytes(b"How many books?\n\xff\xfe\x80\nWhen did the frost hit?\n")
    code, out, err = stored("ask", "--batch", str(batch), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == "" and len(lines) == 3
    assert lines[0]["answers"] and "error" in lines[1] and lines[2]["answers"]


def test_the_cli_answers_without_importing_discord(tmp_path) -> None:
    # discord.py is a third of the CLI's start-up; only `run` and `sync` need it
    import subprocess
    import sys

    probe = ("import sys; from bot.cli import main; "
             f"code = main(['--data', {str(tmp_path)!r}, 'list', '--json']); "
             "sys.exit(code or ('discord' in sys.modules and 'discord was imported'))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"articles": []}


def test_a_speaker_question_lists_each_quote_with_its_article(stored) -> None:
    code, out, _ = stored("ask", "What did Declan Moss say about shifts?", "--json")
    assert code == 0
    answer = json.loads(out)
    assert answer["speaker"] == "Declan Moss" and answer["quotes"]
    titles = {a["title"] for a in json.loads(stored("list", "--json")[1])["articles"]}
    assert all(q["article"]["title"] in titles for q in answer["quotes"])
    assert any("longer shifts" in q["text"] for q in answer["quotes"])
