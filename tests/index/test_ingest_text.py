"""Text and markdown files become drafts; bad files are refused with a reason."""

from pathlib import Path

import pytest

from index.errors import InputError
from index.ingest.articles import MAX_FILE_BYTES, iter_inputs, parse_bytes, read_file
from index.ingest.bylines import parse_byline
from index.ingest.dates import find_date
from index.ingest.layout import parse_text
from index.models import ArticleDraft

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


# --------------------------------------------------------------------------- layout


def test_title_standfirst_byline_and_date_are_read_from_the_header():
    draft = read_file(FIXTURES / "harbour_blog.txt")
    assert draft.title == "Harbour bridge to reopen two weeks late"
    assert draft.standfirst == (
        "Engineers found cracks in two support cables during the winter inspection."
    )
    assert draft.authors == ("Jane Roe",)
    assert draft.published == "2025-02-12"


def test_lines_are_paragraphs_when_the_text_has_no_blank_lines():
    draft = read_file(FIXTURES / "harbour_blog.txt")
    assert draft.paragraphs[0].startswith("Engineers said the harbour bridge")
    assert draft.paragraphs[-1].startswith("“People have simply stopped")
    assert len(draft.paragraphs) == 6


def test_blog_footer_and_advertisement_are_not_body():
    draft = read_file(FIXTURES / "harbour_blog.txt")
    joined = "\n".join(draft.paragraphs)
    furniture_lines = (
        "No comments", "Post a Comment", "Only a member", "Older Post", "Atom", "Advertisement"
    )
    for furniture in furniture_lines:
        assert furniture not in joined


def test_sentence_with_comment_survives_footer_stripping():
    draft = read_file(FIXTURES / "harbour_blog.txt")
    assert "A council spokesman declined to comment on the cost of the repairs." in draft.paragraphs


def test_byline_with_two_authors_gives_both_names():
    draft = read_file(FIXTURES / "two_authors.txt")
    assert draft.authors == ("Ana de la Cruz", "Sam Okafor")
    assert draft.standfirst is None


def test_wrapped_lines_inside_blank_line_blocks_are_joined():
    draft = read_file(FIXTURES / "two_authors.txt")
    assert draft.paragraphs == (
        "The council voted on Thursday to build four kilometres of protected cycle lanes "
        "along the seafront road.",
        "Councillor Priya Shah said the lanes would be finished before the summer season.",
        "Opponents said the plan would remove sixty parking spaces.",
    )


def test_name_comma_role_line_is_a_byline():
    draft = read_file(FIXTURES / "reporter_byline.txt")
    assert draft.authors == ("Liam Brennan",)
    assert draft.published == "2025-03-03"
    assert draft.paragraphs[0].startswith("The ferry terminal was closed")


def test_read_more_newsletter_and_copyright_lines_are_not_body():
    draft = read_file(FIXTURES / "reporter_byline.txt")
    assert len(draft.paragraphs) == 2
    assert not any("Read more" in p or "newsletter" in p or "©" in p for p in draft.paragraphs)


def test_first_body_line_is_not_mistaken_for_a_standfirst_without_a_byline():
    draft = parse_text("Ferry fares halved\nFares were halved on Monday.\nThe council agreed.\n")
    assert draft.standfirst is None
    assert draft.paragraphs == ("Fares were halved on Monday.", "The council agreed.")


def test_sentence_starting_with_by_is_body_not_byline():
    text = (
        "Bridge closes\nBy the time engineers arrived, the cables had snapped.\n"
        "Traffic was diverted.\n"
    )
    draft = parse_text(text)
    assert draft.authors == ()
    assert draft.paragraphs[0] == "By the time engineers arrived, the cables had snapped."


def test_crlf_line_endings_read_like_lf():
    text = "Bridge closes\r\nBy Jane Roe\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n"
    draft = parse_text(text)
    assert draft.authors == ("Jane Roe",)
    assert draft.paragraphs == ("First paragraph.", "Second paragraph.")


def test_single_long_line_is_one_paragraph_with_a_title_from_its_first_sentence():
    line = (
        "Northport (CNN) -- The harbour bridge will stay shut until March, engineers said on "
        "Tuesday. Cracks were found in two cables. Ferries will carry commuters until then."
    )
    draft = parse_text(line)
    assert draft.paragraphs == (line,)
    assert draft.title == "The harbour bridge will stay shut until March, engineers said on Tuesday"


def test_daily_mail_byline_and_timestamps_are_removed_and_the_author_kept():
    text = (
        "By . Jane Roe . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . "
        "14:20 EST, 25 October 2013 . A harbour bridge was closed after cracks were found. "
        "Engineers said repairs would take a month."
    )
    draft = parse_text(text)
    assert draft.authors == ("Jane Roe",)
    assert draft.published == "2013-10-25"
    assert draft.paragraphs == (
        "A harbour bridge was closed after cracks were found. "
        "Engineers said repairs would take a month.",
    )


def test_daily_mail_header_after_bullet_points_is_removed_and_the_bullets_are_the_standfirst():
    text = (
        "Harbour bridge shut after cracks found in two cables . Repairs will take a month . "
        "By . Jane Roe . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: . "
        "14:20 EST, 25 October 2013 . A harbour bridge was closed after cracks were found. "
        "Engineers said repairs would take a month."
    )
    draft = parse_text(text)
    assert draft.authors == ("Jane Roe",)
    assert draft.published == "2013-10-25"
    assert draft.standfirst == (
        "Harbour bridge shut after cracks found in two cables . Repairs will take a month."
    )
    assert draft.paragraphs == (
        "A harbour bridge was closed after cracks were found. "
        "Engineers said repairs would take a month.",
    )


def test_prose_mentioning_by_without_a_timestamp_keeps_its_text():
    text = (
        "Bridge closes\n\nThe bridge was built by . engineers in 1901 . It closed on Monday. "
        "By . Friday it may reopen."
    )
    draft = parse_text(text)
    assert draft.standfirst is None
    assert draft.paragraphs == (
        "The bridge was built by . engineers in 1901 . It closed on Monday. "
        "By . Friday it may reopen.",
    )


def test_scroll_down_prompt_inside_a_one_line_text_is_dropped():
    text = (
        "Bridge closes\n\nThe harbour bridge closed on Monday. Scroll down for video . "
        "Engineers found cracks in two cables."
    )
    assert parse_text(text).paragraphs == (
        "The harbour bridge closed on Monday. Engineers found cracks in two cables.",
    )


def test_daily_mail_byline_with_two_names_keeps_both():
    text = "By . Jane Roe . and Tom Vale . A ferry ran aground off Northport on Sunday morning."
    assert parse_text(text).authors == ("Jane Roe", "Tom Vale")


# --------------------------------------------------------------------------- markdown


def test_markdown_heading_emphasis_and_links_are_stripped():
    draft = read_file(FIXTURES / "library_opens.md")
    assert draft.title == "Northport library reopens after flood repairs"
    assert draft.standfirst == "The building was closed for eight months."
    assert draft.authors == ("Grace Lin",)
    assert draft.paragraphs[0] == (
        "The town library reopened on Saturday after eight months of repairs to its ground floor, "
        "which was flooded in October."
    )


def test_markdown_list_items_are_paragraphs_and_subheadings_are_not_body():
    draft = read_file(FIXTURES / "library_opens.md")
    assert "A new reading room opens in May." in draft.paragraphs
    assert "Opening hours return to normal next week." in draft.paragraphs
    assert "What readers said" not in draft.paragraphs
    assert draft.paragraphs[-1].startswith('"It feels like the heart of the town is back,"')


def test_markdown_front_matter_gives_metadata():
    text = (
        "---\ntitle: Pier repairs finished\nauthor: Jane Roe and Tom Vale\ndate: 2025-04-01\n"
        "outlet: Northport Gazette\n---\n\nThe pier reopened on Tuesday.\n"
    )
    draft = parse_text(text, source="pier.md")
    assert (draft.title, draft.authors, draft.published, draft.outlet) == (
        "Pier repairs finished", ("Jane Roe", "Tom Vale"), "2025-04-01", "Northport Gazette"
    )
    assert draft.paragraphs == ("The pier reopened on Tuesday.",)


# --------------------------------------------------------------------------- bylines, dates


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Roe", ("Jane Roe",)),
        ("BY JANE ROE", ("Jane Roe",)),
        ("By Jane Roe and Tom Vale", ("Jane Roe", "Tom Vale")),
        ("By Jane Roe, Tom Vale and Ana de la Cruz", ("Jane Roe", "Tom Vale", "Ana de la Cruz")),
        ("By Jane Q. Roe in Northport", ("Jane Q. Roe",)),
        ("By Jane Roe, BBC News", ("Jane Roe",)),
        ("Jane Roe, Reporter", ("Jane Roe",)),
        ("Liam Brennan, Political Correspondent", ("Liam Brennan",)),
    ],
)
def test_byline_forms_give_author_names(line, authors):
    parsed = parse_byline(line)
    assert parsed is not None and parsed[0] == authors


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, prices had risen.",
        "Jane Roe",
        "Jane Roe said the bridge was safe.",
        "By the harbour",
    ],
)
def test_lines_that_only_look_like_bylines_are_not(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Published 12 March 2025", "2025-03-12"),
        ("March 12, 2025", "2025-03-12"),
        ("2025-03-12T09:30:00Z", "2025-03-12"),
        ("Updated: Wed 3rd Sept 2025 14:11 GMT", "2025-09-03"),
        ("no date here", None),
        ("31 February 2025", None),
    ],
)
def test_dates_are_normalized_to_iso(text, iso):
    assert find_date(text) == iso


# --------------------------------------------------------------------------- encodings

_BODY = "The café’s owners said rents had risen by 40% — “too much”."
_ARTICLE = f"Café owners protest\nBy Zoë Müller\n{_BODY}\n"


def test_utf8_file_decodes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(_ARTICLE.encode("utf-8"))
    draft = read_file(path)
    assert draft.paragraphs == (_BODY,)


def test_utf8_with_bom_decodes_without_the_bom_in_the_title(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(_ARTICLE.encode("utf-8-sig"))
    draft = read_file(path)
    assert draft.title == "Café owners protest"


def test_cp1252_file_decodes_curly_quotes_and_accents(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(_ARTICLE.encode("cp1252"))
    draft = read_file(path)
    assert draft.authors == ("Zoë Müller",)
    assert draft.paragraphs == (_BODY,)


def test_utf16_with_bom_decodes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(_ARTICLE.encode("utf-16"))
    assert read_file(path).title == "Café owners protest"


# --------------------------------------------------------------------------- refusals


def _refusal(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_file(path)
    return str(caught.value)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "is empty" in _refusal(path)


def test_whitespace_only_file_is_refused(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n   \n")
    assert "empty" in _refusal(path)


def test_png_renamed_txt_is_refused_as_an_image(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "PNG image" in _refusal(path)


def test_pdf_renamed_txt_is_refused_as_a_pdf(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert "PDF document" in _refusal(path)


def test_file_with_nul_bytes_is_refused_as_binary(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(b"Title\n\x00\x01\x02\x03 some bytes")
    assert "binary" in _refusal(path)


def test_file_of_control_characters_is_refused_as_binary(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 65]) * 50)
    assert "binary" in _refusal(path)


def test_file_over_the_size_limit_is_refused_with_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Title\n" + b"word " * (MAX_FILE_BYTES // 5 + 10))
    message = _refusal(path)
    assert "over the 5 MB limit" in message


def test_unsupported_extension_is_refused_with_the_supported_list(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("Title\nBody.")
    message = _refusal(path)
    assert "'.docx' is not a supported article file" in message and ".txt" in message


def test_title_only_file_becomes_one_paragraph():
    draft = parse_text("Harbour bridge closed\n")
    assert (draft.title, draft.paragraphs) == ("Harbour bridge closed", ("Harbour bridge closed",))


def test_file_with_only_a_title_and_furniture_is_refused():
    with pytest.raises(InputError, match="no article text"):
        parse_text("Harbour bridge closed\nBy Jane Roe\nAdvertisement\nShare this article\n")


# --------------------------------------------------------------------------- iter_inputs


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden_and_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.md").write_text("# Two\n\nBody two.\n")
    (tmp_path / "a.txt").write_text("One\nBody one.\n")
    (tmp_path / ".hidden.txt").write_text("Hidden\nBody.\n")
    (tmp_path / ".git" / "x.txt").write_text("Git\nBody.\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    results = list(iter_inputs(str(tmp_path)))
    names = [Path(name).relative_to(tmp_path).as_posix() for name, _ in results]
    assert names == ["a.txt", "b/two.md"]
    assert [draft.title for _, draft in results] == ["One", "Two"]


def test_bad_file_in_a_folder_is_an_error_value_and_the_rest_still_come(tmp_path):
    (tmp_path / "a_empty.txt").write_text("")
    (tmp_path / "b_good.txt").write_text("Good\nBody.\n")
    results = dict(iter_inputs(str(tmp_path)))
    assert isinstance(results[str(tmp_path / "a_empty.txt")], InputError)
    assert isinstance(results[str(tmp_path / "b_good.txt")], ArticleDraft)


def test_missing_path_yields_an_input_error(tmp_path):
    [(name, result)] = list(iter_inputs(str(tmp_path / "nope.txt")))
    assert isinstance(result, InputError)
    assert "no such file or folder" in str(result)


def test_folder_without_article_files_yields_an_input_error(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    [(name, result)] = list(iter_inputs(str(tmp_path)))
    assert name == str(tmp_path)
    assert isinstance(result, InputError)
    assert "no article files" in str(result)


@pytest.mark.parametrize(
    "url", ["ftp://example.invalid/a.html", "file:///etc/passwd", "javascript:alert(1)"]
)
def test_url_with_another_scheme_yields_an_input_error(url):
    [(name, result)] = list(iter_inputs(url))
    assert name == url
    assert isinstance(result, InputError)
    assert "not an http(s) URL" in str(result)


def test_single_file_argument_yields_its_draft():
    [(name, result)] = list(iter_inputs(str(FIXTURES / "two_authors.txt")))
    assert isinstance(result, ArticleDraft)
    assert result.source == name


# --------------------------------------------------------------------------- uploaded bytes


def test_uploaded_text_bytes_parse_with_the_filename_as_source():
    draft = parse_bytes(_ARTICLE.encode("cp1252"), "cafe.txt")
    assert (draft.title, draft.source) == ("Café owners protest", "cafe.txt")
    assert draft.paragraphs == (_BODY,)


def test_uploaded_html_bytes_parse_as_html():
    draft = parse_bytes((FIXTURES / "bridge_page.html").read_bytes(), "page.html", source="upload")
    assert draft.authors == ("Jane Roe", "Tom Vale")
    assert draft.source == "upload"


def test_uploaded_pdf_named_txt_is_refused():
    with pytest.raises(InputError, match="report.txt is a PDF document"):
        parse_bytes(b"%PDF-1.4\n", "report.txt")


def test_uploaded_file_with_another_extension_is_refused():
    with pytest.raises(InputError, match="'.pdf' is not a supported article file"):
        parse_bytes(b"Title\nBody.\n", "report.pdf")


def test_uploaded_bytes_over_the_limit_are_refused():
    with pytest.raises(InputError, match="over the 5 MB limit"):
        parse_bytes(b"a" * (MAX_FILE_BYTES + 1), "big.txt")
