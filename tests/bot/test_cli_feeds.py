"""`newsdesk feed add|list|remove|poll`: the contract's JSON, exit codes, one-line refusals."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from tests.feedsite import FeedSite, rss

RSS = "application/rss+xml"


@pytest.fixture
def site():
    with FeedSite() as s:
        yield s


@pytest.fixture
def run(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("NEWSDESK_FETCH_ALLOW", "127.0.0.1")  # the tests' feed server
    monkeypatch.setenv("NEWSDESK_SEMANTIC", "off")
    monkeypatch.delenv("NEWSDESK_FEEDS_PER_SERVER", raising=False)

    def _run(*argv: str) -> tuple[int, str, str]:
        code = main(["--data", str(data), *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


def test_feed_add_list_poll_remove_round_trip_in_json(run, site):
    url = site.put("/feed.xml", rss("Valley Courier", site.put_articles([0, 1])), RSS)
    code, out, _ = run("feed", "add", url, "--json")
    assert code == 0
    added = json.loads(out)["feed"]
    assert added["url"] == url and added["title"] == "Valley Courier"
    assert added["articles_added"] == 0 and added["last_success"] is None

    code, out, _ = run("feed", "poll", "--json")
    assert code == 0
    [polled] = json.loads(out)["feeds"]
    assert len(polled["added"]) == 2 and polled["error"] is None
    assert {a["outlet"] for a in polled["added"]} == {"Valley Courier"}

    code, out, _ = run("feed", "list", "--json")
    [listed] = json.loads(out)["feeds"]
    assert listed["articles_added"] == 2 and listed["last_success"] and listed["failures"] == 0

    code, out, _ = run("feed", "poll", "--json")
    assert json.loads(out)["feeds"][0]["added"] == []

    code, out, err = run("feed", "remove", url)
    assert code == 0 and "no longer following" in out
    code, out, _ = run("feed", "list", "--json")
    assert json.loads(out) == {"feeds": []}
    code, out, _ = run("list", "--json")
    assert len(json.loads(out)["articles"]) == 2  # the articles stay


def test_feed_add_of_an_html_page_is_one_line_and_stores_nothing(run, site):
    page = site.put("/front.html", "<!doctype html><html><body><p>Front page</p></body></html>")
    code, out, err = run("feed", "add", page)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "is an HTML page, not a feed" in err
    assert json.loads(run("feed", "list", "--json")[1]) == {"feeds": []}


def test_feed_remove_of_an_unknown_feed_exits_1(run, site):
    code, _, err = run("feed", "remove", site.url("/nothing.xml"))
    assert code == 1 and "does not follow" in err


def test_feed_poll_of_a_failing_feed_exits_1_with_its_error(run, site):
    url = site.put("/feed.xml", rss("Valley Courier", []), RSS)
    assert run("feed", "add", url)[0] == 0
    site.put("/feed.xml", b"gone", "text/plain", status=410)
    code, out, _ = run("feed", "poll", "--json")
    assert code == 1
    [polled] = json.loads(out)["feeds"]
    assert "410" in polled["error"] and polled["feed"]["failures"] == 1


def test_the_feeds_per_server_setting_limits_feed_add(run, site, monkeypatch):
    monkeypatch.setenv("NEWSDESK_FEEDS_PER_SERVER", "1")
    assert run("feed", "add", site.put("/a.xml", rss("A", []), RSS))[0] == 0
    code, _, err = run("feed", "add", site.put("/b.xml", rss("B", []), RSS))
    assert code == 1 and "already follows 1 feeds" in err


def test_feed_list_text_shows_each_feeds_status(run, site):
    url = site.put("/feed.xml", rss("Valley Courier", site.put_articles([2])), RSS)
    run("feed", "add", url)
    run("feed", "poll")
    code, out, _ = run("feed", "list")
    assert code == 0 and "Valley Courier" in out and "1 article added" in out
    assert "last success" in out
