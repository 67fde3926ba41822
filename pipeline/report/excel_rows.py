"""Plain data rows written straight into an XlsxWriter constant_memory sheet, byte for byte as XlsxWriter writes them."""

from __future__ import annotations

import math
from typing import Callable

# What XlsxWriter (3.x) writes for a row and for its cells in constant_memory mode
# (Worksheet._write_single_row, _write_row, _write_cell, XMLwriter._xml_number_element and
# _xml_inline_string), for rows of plain values: text, numbers, booleans, gaps, with the column's number
# format or a format of a cell's own (a marked cell, a link's text; its hyperlink or comment is
# still XlsxWriter's to keep). Anything else (a formatted blank, a rich or very long
# string, NaN) goes through XlsxWriter itself. Whitespace is preserved (xml:space) when the text
# starts or ends with a character re's \s matches, as str.isspace() tells it.
# tests/report/test_excel_rows.py compares the two paths byte for byte on every version installed.
MAX_PLAIN = 16_383  # longer text goes through XlsxWriter's length check (32,767 UTF-16 units)
_UNDERSCORE_X = "_x"  # text holding it may look like an _xHHHH_ escape: XlsxWriter escapes it
NOT_PLAIN, NEEDS_STYLE = object(), object()  # what _row says of a row it does not write


class PlainRows:
    """Writes rows of one constant_memory worksheet directly; `write` says whether it took the row."""

    def __init__(self, sheet, formats: dict | None = None) -> None:
        from xlsxwriter.utility import xl_col_to_name

        self.sheet = sheet
        self.formats = {column: fmt for column, fmt in (formats or {}).items() if fmt is not None}
        self._name = xl_col_to_name
        self._names: list[str] = []
        self._styles: dict = {}  # Format -> its s attribute
        self.enabled = bool(getattr(sheet, "constant_memory", False)) and not sheet.row_info \
            and not any(info.column_format is not None for info in sheet.col_info.values() if info is not None) \
            and sheet.default_row_height == sheet.original_row_height and sheet.excel_version != 2010

    def _column(self, column: int) -> str:
        names = self._names
        while len(names) <= column:
            names.append(self._name(len(names)))
        return names[column]

    def accepts(self, row: int, values: list, cell_formats: dict | None = None) -> bool:
        """Whether `write` would take the row (nothing is written, no style index taken)."""
        sheet = self.sheet
        return self._row(row, values, cell_formats, build=False) is not NOT_PLAIN and (
            row > sheet.previous_row or row == sheet.previous_row and not sheet.table.get(row))

    def write(self, row: int, values: list, cell_formats: dict | None = None) -> bool:
        """Write one data row below the rows already written, if every value is plain; False (and
        nothing written) otherwise. `cell_formats` (column -> Format) gives cells a format of their
        own, text included (a marked cell, a link's text), in place of the column's."""
        made = self._row(row, values, cell_formats)
        if made is NOT_PLAIN:
            return False
        if made is not NEEDS_STYLE and made[1] < 0:  # nothing to write: XlsxWriter would not even notice the row
            return True
        sheet = self.sheet
        if row > sheet.previous_row:
            sheet._write_single_row(row)  # the row XlsxWriter still holds goes out first (its formats indexed)
        elif row < sheet.previous_row or sheet.table.get(row):
            return False
        if made is NEEDS_STYLE:  # plain, with a format used for the first time: its index taken now, after
            made = self._row(row, values, cell_formats, assign=True)  # the rows before, as XlsxWriter takes it
        xml, first, last = made
        _grow(sheet, row, first, last)
        sheet.fh.write(xml)
        return True

    def _row(self, row: int, values: list, own: dict | None, assign: bool = False, build: bool = True):
        """(the <row> element, first column, last column) of plain values in one pass; NOT_PLAIN when
        a value is not plain (XlsxWriter's to write); NEEDS_STYLE when the row is plain but a format
        has no style index yet and `assign` is off. With `assign` a format's index is taken on its
        first use, in column order, as XlsxWriter takes it when it writes the row. `build` off: the
        checks alone (the element is left empty)."""
        if not self.enabled or row >= self.sheet.xls_rowmax or len(values) > self.sheet.xls_colmax:
            return NOT_PLAIN
        number = str(row + 1)
        if len(self._names) < len(values):
            self._column(len(values) - 1)
        names, styles, formats = self._names, self._styles, self.formats
        cells, first, last, unstyled = [], -1, -1, False
        for column, value in enumerate(values):
            kind = type(value)
            if value is None or kind is str and not value:
                if own and column in own:
                    return NOT_PLAIN  # a formatted blank: XlsxWriter's
                continue
            if kind is str:
                if len(value) > MAX_PLAIN or _UNDERSCORE_X in value or not value.isprintable() and _controls(value) \
                        or value.startswith("<r>") and value.endswith("</r>"):
                    return NOT_PLAIN
                fmt = own.get(column) if own else None
            elif kind is int or kind is float:
                if kind is float and not math.isfinite(value):
                    return NOT_PLAIN
                fmt = own.get(column, formats.get(column)) if own else formats.get(column)
            elif kind is bool:  # written with no number format, as write() writes it
                fmt = own.get(column) if own else None
            else:
                return NOT_PLAIN
            style = "" if fmt is None else styles.get(fmt)
            if style is None:
                if not assign:
                    unstyled = True  # the rest is still checked: a row that is not plain takes no index
                    continue
                style = self._style(fmt)
            if not build:
                pass
            elif kind is str:
                if "&" in value or "<" in value or ">" in value:
                    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
                cells.append(f'<c r="{names[column]}{number}"{style} t="inlineStr"><is><t{space}>{value}</t></is></c>')
            elif kind is bool:
                cells.append(f'<c r="{names[column]}{number}"{style} t="b"><v>{int(value)}</v></c>')
            else:
                cells.append(f'<c r="{names[column]}{number}"{style}><v>{value:.16G}</v></c>')
            if first < 0:
                first = column
            last = column
        if unstyled:
            return NEEDS_STYLE
        return f'<row r="{number}">{"".join(cells)}</row>', first, last

    def annotate(self, row: int, add: Callable[[], None]) -> None:
        """Add what XlsxWriter keeps beside the cells (comments) to a row just written straight:
        the row goes out first (XlsxWriter holds none of its cells, and would write a row it keeps
        comments of but no cells of as an empty row), then `add` runs as if the row were current."""
        sheet = self.sheet
        sheet._write_single_row(row + 1)
        sheet.previous_row = row  # a comment goes to the current row or a later one
        try:
            add()
        finally:
            sheet.previous_row = row + 1

    def _style(self, fmt) -> str:
        """The s attribute of a format, its index taken (so given) on its first use, as XlsxWriter
        takes it when it writes the cell."""
        style = self._styles[fmt] = f' s="{fmt._get_xf_index()}"'
        return style


def _controls(value: str) -> bool:
    """Whether the text holds a character XlsxWriter writes as an _xHHHH_ escape (C0 controls
    other than tab and newline, U+FFFE, U+FFFF)."""
    return any(ch < " " and ch not in "\t\n" or ch in "\ufffe\uffff" for ch in value)


def _grow(sheet, row: int, first: int, last: int) -> None:
    """The sheet's dimensions, as XlsxWriter's _check_dimensions keeps them for each cell."""
    if sheet.dim_rowmin is None or row < sheet.dim_rowmin:
        sheet.dim_rowmin = row
    if sheet.dim_rowmax is None or row > sheet.dim_rowmax:
        sheet.dim_rowmax = row
    if sheet.dim_colmin is None or first < sheet.dim_colmin:
        sheet.dim_colmin = first
    if sheet.dim_colmax is None or last > sheet.dim_colmax:
        sheet.dim_colmax = last
