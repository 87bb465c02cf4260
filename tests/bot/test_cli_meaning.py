"""The CLI with meaning search: `add` leaves every paragraph with its vectors, answers say
how they matched, `reindex` builds vectors, `--semantic off` keeps pure BM25, and
`ask --article` answers from one article."""

import json

import pytest

from bot.cli import main
from tests.conftest import ARTICLES


@pytest.fixture
def run(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NEWSDESK_SEMANTIC", raising=False)
    data = tmp_path / "data"

    def _run(*argv: str) -> tuple[int, str, str]:
        code = main(["--data", str(data), *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


def test_add_leaves_every_paragraph_searchable_by_meaning(run) -> None:
    assert run("add", str(ARTICLES))[0] == 0
    code, out, _ = run("reindex")
    assert code == 0
    have, _, total = out.split()[:3]
    assert have == total


def test_answers_say_whether_words_or_meaning_matched(run) -> None:
    run("add", str(ARTICLES))
    code, out, _ = run("ask", "When did the ferry crews walk out?", "--json")
    assert code == 0
    answers = json.loads(out)["answers"]
    assert answers and all(a["by"] in ("words", "meaning") for a in answers)
    assert answers[0]["by"] == "words" and answers[0]["matched"]


def test_semantic_off_adds_no_vectors_and_reindex_says_why(run) -> None:
    assert run("--semantic", "off", "add", str(ARTICLES))[0] == 0
    code, _, err = run("--semantic", "off", "reindex")
    assert code == 1 and "meaning search is off" in err
    code, out, _ = run("reindex")  # on again: the missing vectors are computed now
    assert code == 0 and out.split()[0] == out.split()[2]


def test_a_bad_semantic_setting_is_one_clear_line(run, monkeypatch) -> None:
    monkeypatch.setenv("NEWSDESK_SEMANTIC", "maybe")
    code, _, err = run("list")
    assert code == 1 and "NEWSDESK_SEMANTIC must be on or off" in err


def test_ask_article_answers_from_that_article_only(run) -> None:
    run("add", str(ARTICLES))
    code, out, _ = run("list", "--json")
    articles = json.loads(out)["articles"]
    target = articles[-1]
    code, out, _ = run("ask", "what happened?", "--article", target["id"], "--json", "-k", "5")
    assert code == 0
    assert {a["article"]["id"] for a in json.loads(out)["answers"]} <= {target["id"]}


def test_ask_article_that_matches_nothing_is_refused(run) -> None:
    run("add", str(ARTICLES))
    code, _, err = run("ask", "what happened?", "--article", "no such article here")
    assert code == 1 and "no stored article matches" in err
