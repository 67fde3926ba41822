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
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_UNDERSCORE_X = "_x"  # text holding it may look like an _xHHHH_ escape: XlsxWriter escapes it


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
        """Whether `write` would take the row (nothing is written)."""
        sheet = self.sheet
        return self._columns(row, values, cell_formats) is not None and (
            row > sheet.previous_row or row == sheet.previous_row and not sheet.table.get(row))

    def _columns(self, row: int, values: list, cell_formats: dict | None) -> tuple[int, int] | None:
        """(first, last) column of the row's cells ((-1, -1): none), or None when a value is not
        plain or a cell of `cell_formats` (column -> a format of its own) holds no text nor number."""
        if not self.enabled or row >= self.sheet.xls_rowmax or len(values) > self.sheet.xls_colmax:
            return None
        first = last = -1
        for column, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if not value:
                    if cell_formats and column in cell_formats:
                        return None  # a formatted blank: XlsxWriter's
                    continue
                if len(value) > MAX_PLAIN or _UNDERSCORE_X in value or not value.isprintable() and _controls(value) \
                        or value.startswith("<r>") and value.endswith("</r>"):
                    return None
            elif kind is int or kind is float:
                if kind is float and not math.isfinite(value):
                    return None
            elif kind is bool:
                pass
            elif value is None:
                if cell_formats and column in cell_formats:
                    return None
                continue
            else:
                return None
            if first < 0:
                first = column
            last = column
        return first, last

    def write(self, row: int, values: list, cell_formats: dict | None = None) -> bool:
        """Write one data row below the rows already written, if every value is plain; False (and
        nothing written) otherwise. `cell_formats` (column -> Format) gives cells a format of their
        own, text included (a marked cell, a link's text), in place of the column's."""
        made = self._row(row, values, cell_formats)
        if made is None:  # not plain, or a format without its style index yet: the checks first
            columns = self._columns(row, values, cell_formats)
            if columns is None:
                return False
            made = None, *columns
        xml, first, last = made
        if first < 0:  # nothing to write: XlsxWriter would not even notice the row
            return True
        sheet = self.sheet
        if row > sheet.previous_row:
            sheet._write_single_row(row)  # the row XlsxWriter still holds goes out first
        elif row < sheet.previous_row or sheet.table.get(row):
            return False
        _grow(sheet, row, first, last)
        sheet.fh.write(self._xml(row, values, cell_formats) if xml is None else xml)
        return True

    def _row(self, row: int, values: list, own: dict | None) -> tuple[str, int, int] | None:
        """(the <row> element, first column, last column) in one pass, or None (and no style index
        taken) when a value is not plain or a format has no style index yet: _columns and _xml
        then check and write the row as before. The same bytes as _xml."""
        if not self.enabled or row >= self.sheet.xls_rowmax or len(values) > self.sheet.xls_colmax:
            return None
        number = str(row + 1)
        if len(self._names) < len(values):
            self._column(len(values) - 1)
        names, styles, formats = self._names, self._styles, self.formats
        cells, first, last = [], -1, -1
        for column, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if not value:
                    if own and column in own:
                        return None
                    continue
                if len(value) > MAX_PLAIN or _UNDERSCORE_X in value or not value.isprintable() and _controls(value) \
                        or value.startswith("<r>") and value.endswith("</r>"):
                    return None
                fmt = own.get(column) if own else None
                style = "" if fmt is None else styles.get(fmt)
                if style is None:
                    return None
                if "&" in value or "<" in value or ">" in value:
                    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                else:
                    text = value
                space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
                cells.append(f'<c r="{names[column]}{number}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>')
            elif kind is int or kind is float:
                if kind is float and not math.isfinite(value):
                    return None
                fmt = own.get(column, formats.get(column)) if own else formats.get(column)
                style = "" if fmt is None else styles.get(fmt)
                if style is None:
                    return None
                cells.append(f'<c r="{names[column]}{number}"{style}><v>{value:.16G}</v></c>')
            elif kind is bool:
                fmt = own.get(column) if own else None
                style = "" if fmt is None else styles.get(fmt)
                if style is None:
                    return None
                cells.append(f'<c r="{names[column]}{number}"{style} t="b"><v>{int(value)}</v></c>')
            elif value is None:
                if own and column in own:
                    return None
                continue
            else:
                return None
            if first < 0:
                first = column
            last = column
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

    def _xml(self, row: int, values: list, cell_formats: dict | None = None) -> str:
        """The <row> element of plain values; formats get their style index in column order, as
        XlsxWriter assigns it when it writes the row."""
        number = str(row + 1)
        formats, cells = self.formats, []
        own = cell_formats or {}
        if len(self._names) < len(values):
            self._column(len(values) - 1)
        names, styles = self._names, self._styles
        for column, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if value:
                    fmt = own.get(column)
                    style = "" if fmt is None else styles.get(fmt) or self._style(fmt)
                    if value[0].isspace() or value[-1].isspace():
                        cells.append(f'<c r="{names[column]}{number}"{style} t="inlineStr"><is><t xml:space="preserve">'
                                     f'{value.translate(_XML_ESCAPES)}</t></is></c>')
                    else:
                        cells.append(f'<c r="{names[column]}{number}"{style} t="inlineStr"><is><t>'
                                     f'{value.translate(_XML_ESCAPES)}</t></is></c>')
            elif kind is bool:  # written with no number format, as write() writes it
                fmt = own.get(column)
                style = "" if fmt is None else styles.get(fmt) or self._style(fmt)
                cells.append(f'<c r="{names[column]}{number}"{style} t="b"><v>{int(value)}</v></c>')
            elif value is not None:
                fmt = own.get(column, formats.get(column))
                style = "" if fmt is None else styles.get(fmt) or self._style(fmt)
                cells.append(f'<c r="{names[column]}{number}"{style}><v>{value:.16G}</v></c>')
        return f'<row r="{number}">{"".join(cells)}</row>'

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
