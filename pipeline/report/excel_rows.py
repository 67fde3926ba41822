"""Plain data rows written straight into an XlsxWriter constant_memory sheet, byte for byte as XlsxWriter writes them."""

from __future__ import annotations

import math

# What XlsxWriter (3.x) writes for a row and for its cells in constant_memory mode
# (Worksheet._write_single_row, _write_row, _write_cell, XMLwriter._xml_number_element and
# _xml_inline_string), for rows of plain values: text, numbers, gaps. Anything else (a row with
# formats of its own, a bool, a rich or very long string, NaN) goes through XlsxWriter itself.
# tests/report/test_excel_rows.py compares the two paths byte for byte on every version installed.
MAX_PLAIN = 16_383  # longer text goes through XlsxWriter's length check (32,767 UTF-16 units)
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_UNDERSCORE_X = "_x"  # text holding it may look like an _xHHHH_ escape: XlsxWriter escapes it


class PlainRows:
    """Writes rows of one constant_memory worksheet directly; `write` says whether it took the row."""

    def __init__(self, sheet, formats: dict | None = None) -> None:
        from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name

        self.sheet = sheet
        self.formats = {column: fmt for column, fmt in (formats or {}).items() if fmt is not None}
        self._preserve = _preserve_whitespace
        self._name = xl_col_to_name
        self._names: list[str] = []
        self.enabled = bool(getattr(sheet, "constant_memory", False)) and not sheet.row_info \
            and not any(info.column_format is not None for info in sheet.col_info.values() if info is not None) \
            and sheet.default_row_height == sheet.original_row_height and sheet.excel_version != 2010

    def _column(self, column: int) -> str:
        names = self._names
        while len(names) <= column:
            names.append(self._name(len(names)))
        return names[column]

    def write(self, row: int, values: list) -> bool:
        """Write one data row below the rows already written, if every value is plain; False (and
        nothing written) otherwise."""
        if not self.enabled or row >= self.sheet.xls_rowmax or len(values) > self.sheet.xls_colmax:
            return False
        first = last = -1
        for column, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if not value:
                    continue
                if len(value) > MAX_PLAIN or _UNDERSCORE_X in value or not value.isprintable() and _controls(value) \
                        or value.startswith("<r>") and value.endswith("</r>"):
                    return False
            elif kind is int or kind is float:
                if kind is float and not math.isfinite(value):
                    return False
            elif value is None:
                continue
            else:
                return False
            if first < 0:
                first = column
            last = column
        if first < 0:  # nothing to write: XlsxWriter would not even notice the row
            return True
        sheet = self.sheet
        if row > sheet.previous_row:
            sheet._write_single_row(row)  # the row XlsxWriter still holds goes out first
        elif row < sheet.previous_row or sheet.table.get(row):
            return False
        _grow(sheet, row, first, last)
        sheet.fh.write(self._xml(row, values))
        return True

    def _xml(self, row: int, values: list) -> str:
        """The <row> element of plain values; formats get their style index in column order, as
        XlsxWriter assigns it when it writes the row."""
        number = str(row + 1)
        formats, cells = self.formats, []
        for column, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if value:
                    space = ' xml:space="preserve"' if self._preserve(value) else ""
                    cells.append(f'<c r="{self._column(column)}{number}" t="inlineStr"><is><t{space}>'
                                 f'{value.translate(_XML_ESCAPES)}</t></is></c>')
            elif value is not None:
                fmt = formats.get(column)
                style = f' s="{fmt._get_xf_index()}"' if fmt is not None else ""
                cells.append(f'<c r="{self._column(column)}{number}"{style}><v>{value:.16G}</v></c>')
        return f'<row r="{number}">{"".join(cells)}</row>'


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
