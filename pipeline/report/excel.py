"""The Excel workbook: the comparison table with marked cells, the findings linked to their rows, the facts."""

from __future__ import annotations

import functools
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from itertools import chain, count, islice
from pathlib import Path

from pipeline.atomic import atomic_path
from pipeline.report.excel_layout import PERCENT_FORMAT, frozen_cell, is_rate, row_links, summary_frame
from pipeline.report.excel_rows import PlainRows
from pipeline.report.excel_marks import (SEVERITY_COLOURS, Flags, Mark, error_marks, finding_marks, flags_of_part,
                                         marked_cells)
from pipeline.i18n import sheet_label
from pipeline.report.cells import finding_cells, localized_fact_rows, localized_summary_rows
from pipeline.report.labels import column_labels, header
from pipeline.schema import Record
from pipeline.table import FACT_COLUMNS, fact_rows

__all__ = ["column_labels", "error_marks", "finding_marks", "finding_rows", "write_excel", "write_workbook"]

FINDING_COLUMNS = ("doc_id", "source", "rule", "severity", "message", "start", "end", "facts")
HEADER_FILL, HEADER_FONT = "E8ECF1", "1F2933"
ERROR_FILL, ERROR_FONT = SEVERITY_COLOURS["error"]
MIN_WIDTH, MAX_WIDTH = 6, 48
AUTHOR = "Petition Miner"
SHEET_ROWS = 1_048_576  # rows one Excel sheet holds, the header row included
# links one Excel sheet holds: past them XlsxWriter keeps the text plain and warns for each row
# (some 27,000 lines on stderr for the Findings of 10,000 summaries), so none is asked for
EXCEL_LINKS = 65_530
WIDTH_SAMPLE = 1_000  # data rows of each sheet that, with its header, set the column widths
CREATED = datetime(2020, 1, 1, tzinfo=timezone.utc)  # a fixed document date: same input, same bytes
BOOK_OPTIONS = {
    "constant_memory": True,  # each row goes to disk once the next one starts
    "strings_to_formulas": False,  # text is text, even "=..." or "http://..."
    "strings_to_urls": False,
    "nan_inf_to_errors": True,  # a stray NaN becomes #NUM! instead of an exception
    "use_zip64": True,  # a workbook past 4 GB stays writable; smaller files are unchanged
}



def write_excel(records: list[Record], table, path: Path, labels: str = "en") -> None:
    """Write Summaries (marked), Findings and Facts sheets to `path`, atomically. Rows are streamed
    (XlsxWriter's constant_memory mode), a sheet past Excel's row limit continues on "Facts (2)",
    "Facts (3)", ..., and the same input gives a byte-identical file."""
    marks = {record.doc_id: finding_marks(record, labels) for record in records}
    write_workbook(table, marks, _finding_rows(records, labels), fact_rows(records), path, labels)


def write_workbook(table, marks: dict[str, list[Mark]], finding_rows: Iterable[list], fact_rows: Iterable[list],
                   path: Path, labels: str = "en") -> None:
    """write_excel from its parts, each read once: the table, the marks of each doc_id
    (finding_marks, in `labels`), the rows of the Findings sheet (finding_rows in `labels`) and of the
    Facts sheet (pipeline.table.fact_rows, shown in `labels` here); a run streams them from disk.
    The Summaries sheet leads with township, period and the key figures (excel_layout), frozen on
    township and period, rates in %; each finding row links to its summary's row."""
    names = column_labels(labels)
    table = summary_frame(table)
    columns = [str(c) for c in table.columns]
    doc_ids = [str(_cell(value)) for value in table["doc_id"]] if "doc_id" in columns else []
    flagged = marked_cells(marks, columns, doc_ids)
    rates = {n for n, column in enumerate(columns) if is_rate(column)}
    # XlsxWriter keeps each sheet's rows in a temporary file until close(); in a folder of our
    # own, so that a failed write leaves none behind
    with atomic_path(path) as temporary, tempfile.TemporaryDirectory(prefix=".xlsx-", dir=path.parent) as rows_dir:
        book = _Workbook(temporary, names, rows_dir)
        summaries = localized_summary_rows(_table_rows(table), columns, labels)
        book.add_sheets(sheet_label("summaries", labels), columns, summaries, freeze=frozen_cell(), flagged=flagged,
                        percent=rates)
        book.add_sheets(sheet_label("findings", labels), FINDING_COLUMNS, finding_rows, freeze="A2",
                        links=row_links(doc_ids, SHEET_ROWS, sheet_label("summaries", labels)))
        book.add_sheets(sheet_label("facts", labels), FACT_COLUMNS, localized_fact_rows(fact_rows, labels), freeze="A2")
        book.close()


class _Workbook:
    """A streamed XlsxWriter workbook with the report's header and error formats and column labels."""

    def __init__(self, path: Path, names: dict[str, str], rows_dir: str | None = None) -> None:
        from pipeline.report.excel_book import FastWorkbook

        self.book = FastWorkbook(str(path), BOOK_OPTIONS | ({"tmpdir": rows_dir} if rows_dir else {}))
        self.book.set_properties({"created": CREATED})
        self.names = names
        self.header_format = self.book.add_format({
            "bold": True, "font_color": f"#{HEADER_FONT}", "bg_color": f"#{HEADER_FILL}", "pattern": 1,
            "valign": "top", "text_wrap": True})
        self.percent_format = self.book.add_format({"num_format": PERCENT_FORMAT})
        self.link_format = self.book.add_format({"font_color": "#1D4ED8", "underline": 1})
        self.marked = {(severity, percent): self.book.add_format({
            "bold": True, "font_color": f"#{font}", "bg_color": f"#{fill}", "pattern": 1,
            **({"num_format": PERCENT_FORMAT} if percent else {})})
            for severity, (fill, font) in SEVERITY_COLOURS.items() for percent in (False, True)}

    def close(self) -> None:
        self.book.close()

    def add_sheets(self, title: str, columns: Iterable[str], rows: Iterable[list], freeze: str,
                   flagged: Flags | None = None, percent: set[int] | None = None,
                   links: dict[str, str] | None = None) -> None:
        """The rows on as many sheets as they need ("Facts", "Facts (2)", ...), each holding up to
        SHEET_ROWS - 1 data rows under its own header. `flagged` is keyed as marked_cells keys it:
        (row, column), 1-based, of one endless sheet whose header is row 1; `percent` the 0-based
        columns shown in %; `links` maps a first-column value to the internal link it gets."""
        columns, rows, capacity = list(columns), iter(rows), SHEET_ROWS - 1
        formats = {n: self.percent_format for n in percent or ()}
        for number in count(1):
            sample = list(islice(rows, min(WIDTH_SAMPLE, capacity)))
            if number > 1 and not sample:
                return
            sheet = self.book.add_worksheet(title if number == 1 else f"{title} ({number})")
            part = chain(sample, islice(rows, capacity - len(sample)))
            flags = flags_of_part(flagged or {}, offset=(number - 1) * capacity, capacity=capacity)
            if self._fill(sheet, columns, sample, part, freeze, flags, formats, links or {}) < capacity:
                return

    def _fill(self, sheet, columns: list[str], sample: list[list], rows: Iterable[list], freeze: str,
              flags: Flags, formats: dict, links: dict[str, str]) -> int:
        """Column widths, frozen panes, the header row, the data rows with their marked cells
        ((row, column) 0-based on this sheet) and links, and the autofilter. Returns the number of data rows."""
        for n, width in enumerate(_column_widths(columns, self.names, sample)):
            sheet.set_column(n, n, width)
        sheet.freeze_panes(freeze)
        sheet.write_row(0, 0, [header(column, self.names) for column in columns], self.header_format)
        by_row: dict[int, list[tuple[int, list]]] = {}  # row -> (column, findings) of its marked cells
        for (row, column), found in sorted(flags.items()):
            by_row.setdefault(row, []).append((column, found))
        plain = PlainRows(sheet, formats)  # rows of plain values, written straight as XML
        written = 0
        for written, values in enumerate(rows, 1):
            link = links.get(values[0]) if links and values and sheet.hlink_count < EXCEL_LINKS else None
            marked = [(column, found) for column, found in by_row.get(written, ()) if column < len(values)]
            if link:  # (a linked row with marks, which none is today, through XlsxWriter)
                if not marked and self._linked(sheet, plain, written, values, link):
                    continue
            elif plain.write(written, values, self._marked_formats(marked, formats)):
                if marked:
                    plain.annotate(written, lambda: self._comment(sheet, written, marked))
                continue
            _write_values(sheet, written, values, formats)
            for column, found in marked:
                sheet.write(written, column, values[column], self._marked_format(found, column, formats))
            self._comment(sheet, written, marked)
            if link:
                sheet.write_url(written, 0, link, self.link_format, string=str(values[0]))
        sheet.autofilter(0, 0, written, max(0, len(columns) - 1))
        return written

    def _linked(self, sheet, plain: PlainRows, row: int, values: list, link: str) -> bool:
        """A row whose first cell links to a summary, written straight as XML when its values are
        plain: XlsxWriter's write_url keeps the hyperlink (and places its cell, which the row takes
        over); past Excel's 65,530 links per sheet it keeps none, and the text stays plain."""
        own = {0: self.link_format}
        if not (values and type(values[0]) is str and plain.accepts(row, values, own)):
            return False
        status = sheet.write_url(row, 0, link, self.link_format, string=values[0])
        sheet.table.pop(row, None)  # the link's cell: written with the row
        return plain.write(row, values, own if status == 0 else None)

    def _marked_format(self, found: list, column: int, formats: dict):
        """A marked cell's format: the colour of its worst finding, bold, in % for a rate."""
        return self.marked[(found[0][0], column in formats)]

    def _marked_formats(self, marked: list, formats: dict) -> dict | None:
        return {column: self._marked_format(found, column, formats) for column, found in marked} or None

    @staticmethod
    def _comment(sheet, row: int, marked: list) -> None:
        """Every finding's text of each marked cell (the worst first) as its comment; cells with the
        same findings (one finding marks each figure it names) share one string."""
        texts: dict[tuple, str] = {}
        for column, found in marked:
            lines = tuple(line for _, line in found)
            text = texts.get(lines)
            if text is None:
                text = texts[lines] = "\n".join(lines)
            height = min(60 + 18 * (len(text) // 48 + len(found)), 400)
            sheet.write_comment(row, column, text, {"author": AUTHOR, "width": 360, "height": height})


def _write_values(sheet, row: int, values: list, formats: dict | None = None) -> None:
    """One data row, each value by its type (numbers of a column in `formats` with its format);
    None and "" leave the cell empty. Faster than write_row, which sends every value, None
    included, through XlsxWriter's generic write()."""
    write_string, write_number = sheet.write_string, sheet.write_number
    formats = formats or {}
    for column, value in enumerate(values):
        kind = type(value)
        if kind is str:
            if value:
                write_string(row, column, value)
        elif kind is int or kind is float:
            write_number(row, column, value, formats.get(column))
        elif value is not None:
            sheet.write(row, column, value)


def _cell(value: object) -> object:
    """A value a cell can store: missing values (None, NaN, pd.NA) become empty cells, numpy
    scalars Python ones."""
    import pandas as pd

    if value is None or isinstance(value, (str, bool)):
        return value
    if pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _table_rows(table) -> Iterator[list]:
    for line in table.itertuples(index=False, name=None):
        yield [_cell(value) for value in line]


def finding_rows(record: Record, lang: str = "en", messages: list[str] | None = None) -> Iterator[list]:
    """The Findings sheet's rows of one record, in `lang` (`messages`: each finding's finding_message,
    when the caller has them)."""
    if messages is None:
        messages = [None] * len(record.findings)
    for f, message in zip(record.findings, messages, strict=True):
        yield finding_cells(record, f, lang, message)


def _finding_rows(records: Iterable[Record], lang: str = "en") -> Iterator[list]:
    for record in records:
        yield from finding_rows(record, lang)


def _column_widths(columns: list[str], names: dict[str, str], sample: list[list]) -> list[float]:
    """Each column fits its header (and the filter button) and the widest value of the sample."""
    widths = []
    for n, column in enumerate(columns):
        longest = max([_display_width(header(column, names)) + 3] + [_display_width(row[n]) for row in sample])
        widths.append(max(MIN_WIDTH, min(MAX_WIDTH, longest + 1)))
    return widths


def _display_width(value: object) -> int:
    """Width in Excel character units: wide (W) and fullwidth (F) characters count twice."""
    text = "" if value is None else str(value)
    if text.isascii():
        return len(text)
    wide_in_bmp = len(_not_wide_runs().sub("", text))
    wide_beyond_bmp = sum(unicodedata.east_asian_width(ch) in "WF" for ch in _BEYOND_BMP.findall(text))
    return len(text) + wide_in_bmp + wide_beyond_bmp


_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


@functools.cache
def _not_wide_runs() -> re.Pattern:
    """Runs of characters other than the wide (W) and fullwidth (F) ones of the Basic Multilingual
    Plane; characters beyond the BMP are in these runs too and are counted apart. A character class
    within the BMP compiles to a bitmap; one reaching beyond it is matched range by range."""
    spans, start = [], None
    for code in range(0x10001):
        wide = code <= 0xFFFF and unicodedata.east_asian_width(chr(code)) in "WF"
        if wide and start is None:
            start = code
        elif not wide and start is not None:
            spans.append(f"\\u{start:04x}-\\u{code - 1:04x}")
            start = None
    return re.compile(f"[^{''.join(spans)}]+")
