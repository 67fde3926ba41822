"""Rows written straight as XML give the same workbook bytes as XlsxWriter's own cell writes."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.report import excel
from pipeline.report.excel_rows import NEEDS_STYLE, NOT_PLAIN, PlainRows

# (row values, whether the direct path takes the row)
ROWS = [
    (["hexi#1", "Hexi Town", "petitions_total", 31, 2.5, None, "", "件", 0, -7, 1e-05, 12345678901234567], True),
    (["河西镇#1", "河西镇", "化解率", 95.5, "信访总量同比下降12.5%", "  leading", "trailing  ", "tab\there"], True),
    (["a & b", "x < y > z", 'say "hi"', "line\nbreak", "=SUM(A1)", "http://example.org", "'quoted"], True),
    (["\u3000全角空格", "emoji 😀", 3.0, float(2**53), 1.0000000000000002], True),
    (["under _x0041_ score", 1], False),  # XlsxWriter escapes what looks like its own escape
    (["bell\x07", 1], False),  # a control character becomes _x0007_
    (["carriage\rreturn"], False),
    ([True, "flag", False], True),  # booleans as write() writes them
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


# ---- rows with formats of their own: marked cells with comments, linked first cells --------------

def _api_fill(book: excel._Workbook, sheet, rows: list[list], flags: dict, formats: dict, links: dict) -> None:
    """The reference: every row through XlsxWriter's own calls (values, then each marked cell
    rewritten in its colour with its comment, then the link), as the workbook wrote them before."""
    for row, values in enumerate(rows, 1):
        excel._write_values(sheet, row, values, formats)
        for column, value in enumerate(values):
            found = flags.get((row, column))
            if found is not None:
                sheet.write(row, column, value, book.marked[(found[0][0], column in formats)])
                excel._Workbook._comment(sheet, row, [(column, found)])
        link = links.get(values[0]) if values else None
        if link:
            sheet.write_url(row, 0, link, book.link_format, string=str(values[0]))


def _sheet_bytes(path: Path, rows: list[list], flags: dict, links: dict, direct: bool, percent=frozenset({1}),
                 links_left: int | None = None) -> bytes:
    """A Summaries sheet filled by _Workbook._fill (direct) or by the reference (XlsxWriter's calls
    after the same column widths, panes and header)."""
    columns = ["h1", "h2", "h3", "h4", "h5", "h6"]
    book = excel._Workbook(path, {})
    sheet = book.book.add_worksheet("Summaries")
    if links_left is not None:
        sheet.hlink_count = 65_530 - links_left
    formats = {n: book.percent_format for n in percent}
    if direct:
        book._fill(sheet, columns, [], iter(rows), "A2", flags, formats, links)
    else:
        for n, width in enumerate(excel._column_widths(columns, {}, [])):
            sheet.set_column(n, n, width)
        sheet.freeze_panes("A2")
        sheet.write_row(0, 0, [excel.header(column, {}) for column in columns], book.header_format)
        _api_fill(book, sheet, rows, flags, formats, links)
        sheet.autofilter(0, 0, len(rows), len(columns) - 1)
    book.close()
    return path.read_bytes()


MARKED_ROWS = [
    ["河西镇#1", 95.5, "化解率", True, None],
    ["hexi#2", 3, "  spaced  ", False, "x"],
    ["hexi#3", None, "", 7, "a & b"],
    ["hexi#4", 12.5, "plain", None, None],
]
FLAGS = {(1, 1): [("error", "rate over 100"), ("info", "note")], (1, 3): [("warning", "a bool marked")],
         (2, 0): [("info", "township")], (2, 2): [("warning", "text marked")],
         (3, 1): [("error", "a blank marked: XlsxWriter writes it")], (4, 9): [("error", "past the row: unused")]}
LINKS = {"hexi#2": "internal:'Summaries'!A3", "hexi#4": "internal:'Summaries'!A5"}


def test_marked_and_linked_rows_give_the_bytes_xlsxwriter_gives(tmp_path: Path) -> None:
    rows = MARKED_ROWS * 3
    flags = {**FLAGS, **{(row + 4, column): found for (row, column), found in FLAGS.items()}}
    direct = _sheet_bytes(tmp_path / "direct.xlsx", rows, flags, LINKS, True)
    api = _sheet_bytes(tmp_path / "api.xlsx", rows, flags, LINKS, False)
    assert direct == api


def test_links_past_excels_limit_leave_the_text_plain_either_way(tmp_path: Path) -> None:
    import warnings

    rows = [[f"doc#{n}", n] for n in range(1, 8)]
    links = {f"doc#{n}": f"internal:'Summaries'!A{n + 1}" for n in range(1, 8)}
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")  # XlsxWriter warns of each link it leaves out
        direct = _sheet_bytes(tmp_path / "direct.xlsx", rows, {}, links, True, links_left=3)
        assert warned == []  # the workbook asks for no link past the limit
        api = _sheet_bytes(tmp_path / "api.xlsx", rows, {}, links, False, links_left=3)
        assert len(warned) == 4
    assert direct == api


severities = st.sampled_from(["error", "warning", "info"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cells, max_size=5), max_size=6),
       st.dictionaries(st.tuples(st.integers(1, 6), st.integers(0, 5)),
                       st.lists(st.tuples(severities, st.text(min_size=1, max_size=20)), min_size=1, max_size=3),
                       max_size=8),
       st.sets(st.integers(1, 6), max_size=4))
def test_any_marked_or_linked_rows_give_the_same_bytes_either_way(tmp_path_factory, rows, flags, linked) -> None:
    folder = tmp_path_factory.mktemp("marked")
    links = {row[0]: f"internal:'Summaries'!A{n + 1}" for n, row in enumerate(rows, 1)
             if n in linked and row and isinstance(row[0], str) and row[0]}
    flags = {key: found for key, found in flags.items() if not (key[1] == 0 and key[0] in linked)}
    direct = _sheet_bytes(folder / "direct.xlsx", rows, flags, links, True)
    api = _sheet_bytes(folder / "api.xlsx", rows, flags, links, False)
    assert direct == api


@settings(max_examples=80, deadline=None)
@given(st.lists(cells, max_size=10), st.sets(st.integers(0, 9), max_size=3), st.booleans())
def test_the_row_pass_takes_a_style_index_only_when_told(tmp_path_factory, values: list, own_columns: set[int],
                                                         warm: bool) -> None:
    """PlainRows._row takes no style index unless told to: a plain row whose format has none yet says
    NEEDS_STYLE, a row that is not plain says NOT_PLAIN whether or not its formats are new; the
    checks alone (build off) say the same as the full pass, and the assigning pass gives the bytes
    the full pass gives once the indexes exist."""
    book = excel._Workbook(tmp_path_factory.mktemp("row") / "book.xlsx", {})
    sheet = book.book.add_worksheet("Facts")
    plain = PlainRows(sheet, {1: book.percent_format})
    own = {column: book.link_format for column in own_columns} or None
    if warm:
        plain._style(book.percent_format), plain._style(book.link_format)
    styles = dict(plain._styles)
    made = plain._row(3, values, own)
    checked = plain._row(3, values, own, build=False)
    assert plain._styles == styles
    assert (made is NOT_PLAIN) == (checked is NOT_PLAIN) and (made is NEEDS_STYLE) == (checked is NEEDS_STYLE)
    if warm:
        assert made is not NEEDS_STYLE
    if made is NEEDS_STYLE:
        assigned = plain._row(3, values, own, assign=True)
        assert assigned not in (NOT_PLAIN, NEEDS_STYLE) and plain._row(3, values, own) == assigned
    elif made is not NOT_PLAIN:
        assert (checked[1], checked[2]) == (made[1], made[2])
    book.close()
