"""pipeline/locations.py: line:column, .docx paragraph:character, and the source window with carets under a span."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from pipeline.docx_text import read_docx_paragraphs, read_docx_text
from pipeline.ingest import read_file_text
from pipeline.locations import ELLIPSIS, file_locator, line_starts, paragraph_locator, snippet, text_locator


@pytest.mark.parametrize("text", ["", "\n", "ab\n\ncd\n", "\n\nx", "一、\r\n二\n"])
def test_text_locator_counts_lines_and_columns(text: str) -> None:
    locator = text_locator(text)
    assert locator.starts == line_starts(text) and locator.unit == "line"
    for offset in range(len(text) + 1):
        expected = (text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1)
        assert locator.position(offset) == expected


def test_paragraph_locator_counts_paragraphs_across_line_breaks_inside_one() -> None:
    paragraphs = ["标题", "第一段\n换行后仍是第一段", "", "第三段"]
    text = "\n".join(paragraphs)
    locator = paragraph_locator(paragraphs, text)
    assert locator.unit == "paragraph"
    assert locator.position(text.index("换行后")) == (2, 5)  # a line break (w:br) stays in its paragraph
    assert locator.position(text.index("第三段")) == (4, 1)  # the empty paragraph counts
    assert text_locator(text).position(text.index("第三段")) == (5, 1)  # lines would say 5


def test_paragraph_locator_falls_back_to_lines_when_the_text_differs() -> None:  # negative
    assert paragraph_locator(["a", "b"], "a\nbc").unit == "line"


def _docx(path: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph("河口镇2022年信访工作总结")
    run = document.add_paragraph().add_run("一、基本情况")
    run.add_break()
    run.add_text("全年受理XX件")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "来信"
    table.cell(0, 1).text = "12件"
    document.add_paragraph("二、存在问题 20XX年")
    document.save(str(path))
    return path


def test_file_locator_of_a_docx_gives_paragraph_numbers_of_the_document(tmp_path: Path) -> None:
    path = _docx(tmp_path / "summary.docx")
    text = read_file_text(path)[0]
    assert read_docx_text(path.read_bytes(), str(path)) == "\n".join(read_docx_paragraphs(path.read_bytes(), str(path)))
    locator = file_locator(path, text)
    assert locator.unit == "paragraph"
    assert locator.position(text.index("XX件")) == (2, 12)  # after the line break, in paragraph 2
    assert locator.position(text.index("12件")) == (4, 1)  # table cells are paragraphs 3 and 4
    assert locator.position(text.index("20XX")) == (5, 8)


def test_file_locator_of_a_text_file_gives_lines(tmp_path: Path) -> None:  # negative: no paragraphs
    path = tmp_path / "summary.txt"
    path.write_text("一\n二", encoding="utf-8")
    assert file_locator(path, "一\n二").unit == "line"


@pytest.mark.parametrize("text, surface, source, carets", [
    ("全年受理XX件，办结30件", "XX", "全年受理XX件，办结30件", "        ^^"),  # wide characters: two cells
    ("In 20XX the town accepted 31 cases", "20XX", "In 20XX the town accepted 31 cases", "   ^^^^"),
    ("首行\n全年\t受理XX件", "XX", "全年 受理XX件", "         ^^"),  # a tab shown as one space
])
def test_snippet_puts_carets_under_the_span(text: str, surface: str, source: str, carets: str) -> None:
    start = text.index(surface)
    shown = snippet(text, start, start + len(surface))
    assert (shown.source, shown.carets) == (source, carets)


def test_snippet_of_an_empty_span_has_one_caret() -> None:
    shown = snippet("abc", 1, 1)
    assert shown.carets == " ^"


def test_snippet_of_a_long_line_shows_a_window_around_the_span() -> None:
    line = "甲" * 400 + "办结率103%" + "乙" * 400
    start = line.index("103%")
    shown = snippet(line, start, start + 4, width=60)
    assert shown.source.startswith(ELLIPSIS) and shown.source.endswith(ELLIPSIS)
    assert "103%" in shown.source and cell_len(shown.source) <= 62
    before = shown.carets.index("^")
    # the carets sit under "103%": the cells before them are the cells of the text before it
    prefix = shown.source[: shown.source.index("103%")]
    assert cell_len(prefix) == before and shown.carets.count("^") == 4


def test_snippet_of_a_short_line_is_the_whole_line() -> None:  # negative: no ellipsis
    shown = snippet("办结率103%", 3, 7, width=60)
    assert ELLIPSIS not in shown.source


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab 甲乙\t\n1%"), max_size=300), st.data())
def test_snippet_first_caret_stands_under_the_span_start(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    width = data.draw(st.integers(8, 120))
    shown = snippet(text, start, end, width)
    assert "\n" not in shown.source and cell_len(shown.source) <= width + 2
    column = shown.carets.index("^")
    assert shown.carets == " " * column + "^" * (len(shown.carets) - column)
    prefix = _prefix_of_cells(shown.source, column)
    assert prefix is not None, "the carets start inside a wide character"
    under = shown.source[len(prefix):]
    at = text[start] if start < len(text) and text[start] != "\n" else ""
    assert under.startswith(at.replace("\t", " ")) or under == ""


def _prefix_of_cells(source: str, cells: int) -> str | None:
    """The prefix of `source` that takes exactly `cells` cells, or None when no prefix does."""
    taken = 0
    for n, ch in enumerate(source):
        if taken == cells:
            return source[:n]
        taken += cell_len(ch)
    return source if taken == cells else None
