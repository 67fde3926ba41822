"""The comments and VML parts written one string per comment: byte for byte XlsxWriter's own, on awkward texts and options."""

from __future__ import annotations

import zipfile
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from xlsxwriter import Workbook
from xlsxwriter.comments import Comments
from xlsxwriter.vml import Vml

from pipeline.report.excel_comments import CommentedWorkbook, FastComments, FastVml

TEXTS = ["plain", " leading space", "trailing space ", "line\nbreak", "办结率 <100%> & \"quoted\"",
         "_x0041_ literal escape", "control \x01\x07 chars", "tab\tinside", "\n", "emoji \U0001F600 wide", ""]
OPTIONS = [{"author": "Petition Miner", "width": 360, "height": 80}, {"author": "A & <B>"}, {},
           {"font_name": "Tahoma", "font_size": 9.5, "font_family": 3}]
# the shape's options: visibility, colour, size, placement
SHAPES = [{}, {"visible": True}, {"color": "#FF0000", "width": 360, "height": 400}, {"x_offset": 7, "y_offset": -3},
          {"start_row": 4, "start_col": 2, "x_scale": 1.5, "y_scale": 0.5}, {"visible": False, "color": "green"}]


def _comments(sheet_rows: list[tuple[int, int, str, dict]], writer, show: bool = False) -> str:
    book = Workbook(StringIO(), {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.set_column(1, 3, 30)
    if show:
        sheet.show_comments()
    for row, column, text, options in sheet_rows:
        sheet.write_comment(row, column, text, options)
    sheet._prepare_vml_objects(1, 1, 1, None)  # fills comments_list as close() would
    out = StringIO()
    part = writer()
    part._set_xml_writer(out)
    if issubclass(writer, Vml):
        part._assemble_xml_file(sheet.vml_data_id, sheet.vml_shape_id, sheet.comments_list, sheet.buttons_list)
    else:
        part._assemble_xml_file(sheet.comments_list)
    return out.getvalue()


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("text", TEXTS)
def test_fast_comments_write_xlsxwriters_bytes(text: str, options: dict) -> None:
    rows = [(0, 0, text, options), (5, 27, text + " again", options), (1048575, 16383, text, {"author": "Z"})]
    written = _comments(rows, FastComments)
    assert written == _comments(rows, Comments) and written.count("<comment ref=") == 3


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 60), st.text(max_size=40),
                          st.sampled_from(OPTIONS)), min_size=1, max_size=12, unique_by=lambda r: (r[0], r[1])))
def test_fast_comments_match_on_any_text(rows) -> None:
    assert _comments(rows, FastComments) == _comments(rows, Comments)


def test_commented_workbook_writes_the_same_file(tmp_path: Path) -> None:
    parts = []
    for book_class in (Workbook, CommentedWorkbook):
        path = tmp_path / f"{book_class.__name__}.xlsx"
        book = book_class(str(path), {"constant_memory": True})
        book.set_properties({"created": __import__("datetime").datetime(2020, 1, 1)})
        sheet = book.add_worksheet("Summaries")
        for row in range(1, 40):
            sheet.write_string(row, 0, f"doc {row}")
            sheet.write_comment(row, 0, f"finding {row}\n  detail ", {"author": "Petition Miner"})
        book.close()
        with zipfile.ZipFile(path) as archive:
            parts.append({name: archive.read(name) for name in archive.namelist()})
    assert parts[0] == parts[1] and any(name.startswith("xl/comments") for name in parts[1])


@pytest.mark.parametrize("show", [False, True])
@pytest.mark.parametrize("shape", SHAPES)
def test_fast_vml_writes_xlsxwriters_bytes(shape: dict, show: bool) -> None:
    rows = [(0, 0, "first", shape), (5, 27, "a & <b>", {**OPTIONS[0], **shape}), (1048575, 16383, "last", shape),
            *((row, 1, f"note {row}", shape) for row in range(10, 1100))]  # past 1,024 shapes: a second idmap
    written = _comments(rows, FastVml, show)
    assert written == _comments(rows, Vml, show) and written.count("<v:shape id=") == len(rows)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 60), st.text(max_size=20), st.sampled_from(SHAPES)),
                min_size=1, max_size=12, unique_by=lambda r: (r[0], r[1])), st.booleans())
def test_fast_vml_matches_on_any_comments(rows, show: bool) -> None:
    assert _comments(rows, FastVml, show) == _comments(rows, Vml, show)


def test_fast_comments_repeat_a_text_as_xlsxwriter_writes_it() -> None:
    rows = [(row, column, text, OPTIONS[0]) for row in range(3) for column in range(3) for text in (" same \x02 _x0041_",)]
    assert _comments(rows, FastComments) == _comments(rows, Comments)
