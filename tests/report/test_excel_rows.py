"""Rows written straight as XML give the same workbook bytes as XlsxWriter's own cell writes."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.report import excel
from pipeline.report.excel_rows import PlainRows

# (row values, whether the direct path takes the row)
ROWS = [
    (["hexi#1", "Hexi Town", "petitions_total", 31, 2.5, None, "", "件", 0, -7, 1e-05, 12345678901234567], True),
    (["河西镇#1", "河西镇", "化解率", 95.5, "信访总量同比下降12.5%", "  leading", "trailing  ", "tab\there"], True),
    (["a & b", "x < y > z", 'say "hi"', "line\nbreak", "=SUM(A1)", "http://example.org", "'quoted"], True),
    (["\u3000全角空格", "emoji 😀", 3.0, float(2**53), 1.0000000000000002], True),
    (["under _x0041_ score", 1], False),  # XlsxWriter escapes what looks like its own escape
    (["bell\x07", 1], False),  # a control character becomes _x0007_
    (["carriage\rreturn"], False),
    ([True, "flag"], False),
    ([float("nan"), "x"], False),
    ([math.inf], False),
    (["<r>rich</r>"], False),
    (["x" * 20_000], False),
    ([None, "", None], True),  # nothing written, as XlsxWriter writes nothing
    ([], True),
]


def _book(path: Path, rows: list[list], direct: bool, percent: set[int] = frozenset()) -> tuple[bytes, list[bool]]:
    book = excel._Workbook(path, {})
    sheet = book.book.add_worksheet("Facts")
    formats = {n: book.percent_format for n in percent}
    sheet.set_column(0, 3, 12)
    sheet.freeze_panes("A2")
    sheet.write_row(0, 0, ["h1", "h2", "h3"], book.header_format)
    plain, taken = PlainRows(sheet, formats), []
    for row, values in enumerate(rows, 1):
        took = direct and plain.write(row, values)
        taken.append(took)
        if not took:
            excel._write_values(sheet, row, values, formats)
    sheet.autofilter(0, 0, len(rows), 5)
    book.close()
    return path.read_bytes(), taken


@pytest.mark.parametrize("values, takes", ROWS)
def test_a_row_written_directly_gives_the_bytes_xlsxwriter_gives(tmp_path: Path, values: list, takes: bool) -> None:
    rows = [["before", 1], values, ["after", 2.5]]
    direct, taken = _book(tmp_path / "direct.xlsx", rows, True)
    api, _ = _book(tmp_path / "api.xlsx", rows, False)
    assert taken[1] is takes
    assert direct == api


def test_every_row_kind_in_one_sheet_with_percent_formats_gives_the_same_bytes(tmp_path: Path) -> None:
    rows = [values for values, _ in ROWS] * 3
    direct, taken = _book(tmp_path / "direct.xlsx", rows, True, percent={3, 4})
    api, _ = _book(tmp_path / "api.xlsx", rows, False, percent={3, 4})
    assert any(taken) and not all(taken)
    assert direct == api


def test_a_sheet_with_a_column_format_is_left_to_xlsxwriter(tmp_path: Path) -> None:
    book = excel._Workbook(tmp_path / "book.xlsx", {})
    sheet = book.book.add_worksheet("Facts")
    sheet.set_column(0, 0, 12, book.percent_format)
    assert PlainRows(sheet).write(1, ["x", 1]) is False
    book.close()


cells = st.one_of(st.none(), st.integers(-10**18, 10**18), st.floats(allow_nan=True, allow_infinity=True),
                  st.text(max_size=30), st.booleans())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cells, max_size=8), max_size=6))
def test_any_rows_give_the_same_bytes_either_way(tmp_path_factory, rows: list[list]) -> None:
    folder = tmp_path_factory.mktemp("rows")
    direct, _ = _book(folder / "direct.xlsx", rows, True, percent={1})
    api, _ = _book(folder / "api.xlsx", rows, False, percent={1})
    assert direct == api
