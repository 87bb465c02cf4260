"""What a newcomer meets first: exact messages, one parser for options, the sample article
offered once, help with defaults and examples, logging set up once."""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path

import pytest

from bot import cli, logs, options
from bot.console import parse, run_console
from index.errors import InputError
from index.library import Libraries

FIXTURES = Path(__file__).resolve().parents[1] / "e2e" / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def words_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_SEMANTIC", "off")


def newsdesk(
    tmp_path: Path, *args: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(["--data", str(tmp_path / "data"), *args], out=out)
    return code, out.getvalue(), capsys.readouterr().err


def stocked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = newsdesk(tmp_path, "add", str(FIXTURES / "harbour_bridge.txt"), capsys=capsys)
    assert code == 0


# -- 2: options ----------------------------------------------------------------------


def test_every_option_may_be_named_the_first_one_too() -> None:
    assert parse("/summary article: Harbour bridge sentences: 2").options == {
        "article": "Harbour bridge", "sentences": 2}
    assert parse("/summary Harbour bridge sentences: 2").options == {
        "article": "Harbour bridge", "sentences": 2}
    assert parse("/ask question: when? results: 4").options == {"question": "when?", "results": 4}
    assert parse("/quotes speaker: Osei article: bridge").options == {
        "speaker": "Osei", "article": "bridge"}


def test_an_option_given_twice_or_not_a_number_is_refused() -> None:
    with pytest.raises(InputError, match="given twice"):
        parse("/ask when? question: why?")
    with pytest.raises(InputError, match="not a whole number: 'many'"):
        parse("/ask when? results: many")


def test_the_console_refuses_results_out_of_range_with_the_clis_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stocked(tmp_path, capsys)
    for n in ("50", "0"):
        code, _, cli_err = newsdesk(tmp_path, "ask", "When does the bridge reopen?", "-k", n,
                                    capsys=capsys)
        assert code == 1
        libraries = Libraries(tmp_path / "data", semantic=False)
        try:
            out = io.StringIO()
            run_console(libraries.get("default"),
                        io.StringIO(f"/ask When does the bridge reopen? results: {n}\n"), out)
        finally:
            libraries.close()
        reason = cli_err.strip().removeprefix("newsdesk: ")
        assert reason == f"ask for between 1 and 10 results, not {n}"
        assert out.getvalue().strip() == f"error: {reason}"


def test_slash_descriptions_and_cli_help_quote_the_same_defaults() -> None:
    assert f"default {options.DEFAULT_RESULTS}" in options.describe("ask")["results"]
    help_text = cli.build_parser()._subparsers._group_actions[0].choices["ask"].format_help()
    assert f"default {options.DEFAULT_RESULTS}" in help_text


# -- 3: messages ---------------------------------------------------------------------


def test_quotes_text_with_no_match_says_no_stored_quote_contains_the_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stocked(tmp_path, capsys)
    code, out, _ = newsdesk(tmp_path, "quotes", "--text", "capital of peru", capsys=capsys)
    assert code == 0
    assert out.strip() == "No stored quote contains \u201ccapital of peru\u201d."


def test_quotes_text_with_no_exact_match_offers_the_closest_quotes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stocked(tmp_path, capsys)
    code, out, _ = newsdesk(tmp_path, "quotes", "--text", "vouch for the timetable", "--json",
                            capsys=capsys)
    found = json.loads(out)
    assert code == 0 and found["quotes"] == []
    assert {q["text"] for q in found["closest"]} == {
        "We will not open a bridge we cannot vouch for,",
        "Safety comes before the timetable, every single time."}


def test_an_empty_library_says_no_quotes_are_stored_yet(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = newsdesk(tmp_path, "quotes", "--text", "bridge", capsys=capsys)
    assert code == 0 and out.strip() == "No quotes are stored yet."


def test_a_description_is_never_suggested_and_no_suggestion_equals_the_query(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stocked(tmp_path, capsys)
    code, out, _ = newsdesk(tmp_path, "quotes", "the persons", "--json", capsys=capsys)
    assert code == 0 and json.loads(out)["suggestions"] == []
    code, out, _ = newsdesk(tmp_path, "quotes", "the person", "--json", capsys=capsys)
    found = json.loads(out)
    assert found["suggestions"] == []
    assert [(q["speaker"], q["description"]) for q in found["quotes"]] == [(None, "the person")]


def test_a_misspelt_speaker_gets_the_named_speaker_suggested(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stocked(tmp_path, capsys)
    code, out, _ = newsdesk(tmp_path, "quotes", "Alvares", capsys=capsys)
    assert out.strip() == "No quotes from Alvares are stored. Did you mean: Maria Alvarez?"


# -- 1: terminal safety --------------------------------------------------------------


def test_an_escape_character_in_a_question_never_reaches_the_terminal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stocked(tmp_path, capsys)
    code, out, err = newsdesk(tmp_path, "ask", "bridge \x1b[2J\x07reopen", capsys=capsys)
    assert code == 1 and "U+001B" in err
    assert "\x1b" not in out + err and "\x07" not in out + err


# -- 5: show, help, start message ----------------------------------------------------


def test_show_text_lists_the_articles_quotes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stocked(tmp_path, capsys)
    code, out, _ = newsdesk(tmp_path, "show", "harbour", capsys=capsys)
    assert code == 0
    quotes_part = out.split("Quotes (5):", 1)[1]
    assert "\u201cWe will not open a bridge we cannot vouch for,\u201d" in quotes_part
    assert "\u2014 Maria Alvarez, harbour master \u00b7 \u00b62" in quotes_part


def test_every_subcommand_help_has_an_example_and_number_options_their_defaults() -> None:
    choices = cli.build_parser()._subparsers._group_actions[0].choices
    for name, sub in choices.items():
        help_text = sub.format_help()
        assert re.search(r"example:\n  newsdesk \S", help_text), name
    assert "default 3 for an article, 5 with --about" in " ".join(
        choices["summary"].format_help().split())


def test_the_start_message_names_a_real_readme_section() -> None:
    title = cli.README_DISCORD.removeprefix("README: ")
    headings = [line.lstrip("#").strip() for line in
                (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
                if line.startswith("#")]
    assert title in headings


# -- 4: the sample article -----------------------------------------------------------


def test_the_sample_is_offered_once_per_data_folder(tmp_path: Path) -> None:
    libraries = Libraries(tmp_path / "data", semantic=False)
    try:
        lib = libraries.get("default")
        first = io.StringIO()
        cli.load_sample_if_empty(lib, first)
        assert "made-up sample" in first.getvalue() and "/add " in first.getvalue()
        sample = lib.articles()[0]
        lib.remove(sample.id)
        again = io.StringIO()
        cli.load_sample_if_empty(lib, again)
        assert again.getvalue() == "" and len(lib) == 0
    finally:
        libraries.close()
    other = Libraries(tmp_path / "other", semantic=False)
    try:
        cli.load_sample_if_empty(other.get("default"), io.StringIO())
        assert len(other.get("default")) == 1
    finally:
        other.close()


def test_a_console_started_again_after_removing_the_sample_stays_empty(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("/remove harbour\n"))
    code, out, _ = newsdesk(tmp_path, "console", capsys=capsys)
    assert code == 0 and "removed" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("/articles\n"))
    code, out, _ = newsdesk(tmp_path, "console", capsys=capsys)
    assert code == 0 and "sample" not in out and "No articles are stored yet" in out


# -- 5: logging ----------------------------------------------------------------------


def test_logging_installed_twice_keeps_one_handler_and_its_redaction() -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        logs.install(logging.WARNING)
        logs.install(logging.INFO, ["s3cret"])
        ours = [h for h in root.handlers if h not in before]
        assert len(ours) == 1
        assert any(isinstance(f, logs.RedactingFilter) for f in ours[0].filters)
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)


def test_voice_support_warnings_are_dropped_and_other_warnings_kept() -> None:
    flt = logs.VoiceSupportFilter()

    def record(msg: str) -> logging.LogRecord:
        return logging.LogRecord("discord.client", logging.WARNING, __file__, 1, msg, None, None)

    assert not flt.filter(record("PyNaCl is not installed, voice will NOT be supported"))
    assert not flt.filter(record("davey is not installed, voice will NOT be supported"))
    assert flt.filter(record("Shard ID None has connected to Gateway"))


def test_autocomplete_folds_invisible_characters_typed_in_a_title(tmp_path: Path) -> None:
    from bot.autocomplete import article_choices

    libraries = Libraries(tmp_path / "data", semantic=False)
    try:
        lib = libraries.get("default")
        lib.add_inputs([str(FIXTURES / "harbour_bridge.txt")])
        choices = article_choices(lib.articles(), "har\u200bbour bri\u00addge")
        assert [c.value for c in choices] == [lib.articles()[0].id]
    finally:
        libraries.close()
