"""The Excel workbook: the comparison table with flagged cells, the findings and the facts."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pipeline.atomic import atomic_path
from pipeline.report.labels import column_labels, header
from pipeline.schema import Record
from pipeline.table import FACT_COLUMNS

__all__ = ["column_labels", "write_excel"]

FINDING_COLUMNS = ("doc_id", "source", "rule", "severity", "message", "start", "end", "facts")
HEADER_FILL, HEADER_FONT = "E8ECF1", "1F2933"
ERROR_FILL, ERROR_FONT = "FFC7CE", "9C0006"
MIN_WIDTH, MAX_WIDTH = 6, 48
AUTHOR = "Petition Miner"


def write_excel(records: list[Record], table, path: Path, labels: str = "en") -> None:
    """Write Summaries (flagged), Findings and Facts sheets to `path`, atomically. The workbook is
    streamed (openpyxl's write-only mode): a batch of thousands of summaries and hundreds of
    thousands of facts never sits in memory as cell objects."""
    from openpyxl import Workbook

    names = column_labels(labels)
    book = Workbook(write_only=True)
    columns = [str(c) for c in table.columns]
    rows = [[_cell(v) for v in line] for line in table.itertuples(index=False, name=None)]
    flagged = _error_cells_of(records, columns, rows)
    _fill(book.create_sheet("Summaries"), columns, rows, names, freeze="B2", flagged=flagged)
    _fill(book.create_sheet("Findings"), list(FINDING_COLUMNS), _finding_rows(records), names, freeze="A2")
    _fill(book.create_sheet("Facts"), list(FACT_COLUMNS), _fact_rows(records), names, freeze="A2")
    with atomic_path(path) as temporary:
        book.save(temporary)


def _cell(value: object) -> object:
    """A value openpyxl can store: missing values (None, NaN, pd.NA) become empty cells."""
    import pandas as pd

    if value is None or (not isinstance(value, (str, bytes, bool)) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def _finding_rows(records: list[Record]) -> list[list]:
    return [[r.doc_id, r.source, f.rule, f.severity, f.message, f.start, f.end, ";".join(f.facts)]
            for r in records for f in r.findings]


def _fact_rows(records: list[Record]) -> list[list]:
    rows = []
    for record in records:
        for fact in record.facts:
            data = {"doc_id": record.doc_id, "source": record.source, **fact.model_dump()}
            data["flags"] = ";".join(data["flags"])
            rows.append([data.get(column) for column in FACT_COLUMNS])
    return rows


def _display_width(value: object) -> int:
    """Width in Excel character units; wide (CJK) characters count twice."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fill(sheet, columns: list[str], rows: list[list], names: dict[str, str], freeze: str,
          flagged: dict[tuple[int, int], list[str]] | None = None) -> None:
    """Column widths, frozen panes, autofilter, the header row (labelled, bold) and the data rows,
    the flagged cells (row, column: 1-based, header is row 1) filled and commented."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for n, column in enumerate(columns, 1):
        longest = max([_display_width(header(column, names)) + 3] + [_display_width(r[n - 1]) for r in rows])
        sheet.column_dimensions[get_column_letter(n)].width = max(MIN_WIDTH, min(MAX_WIDTH, longest + 1))
    sheet.freeze_panes = freeze
    last = get_column_letter(max(1, len(columns)))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    heading = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=header(column, names))
        cell.font = Font(bold=True, color=HEADER_FONT)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        heading.append(cell)
    sheet.append(heading)
    flagged = flagged or {}
    flagged_rows = {number for number, _ in flagged}
    for number, row in enumerate(rows, 2):
        if number not in flagged_rows:
            sheet.append(row)
            continue
        sheet.append([_flagged(sheet, value, flagged[(number, n)]) if (number, n) in flagged else value
                      for n, value in enumerate(row, 1)])


def error_cells(records: list[Record], columns: list[str], doc_ids: list[str]) -> dict[tuple[int, int], list[str]]:
    """(row, column) of the sheet (1-based, header is row 1) -> messages of the error findings there.

    A finding marks the indicator column of each fact it names; a finding without facts, or
    whose facts have no column, marks the doc_id cell of its record.
    """
    rows = {doc_id: n for n, doc_id in enumerate(doc_ids, 2)}
    position = {column: n for n, column in enumerate(columns, 1)}
    cells: dict[tuple[int, int], list[str]] = {}
    for record in records:
        row = rows.get(record.doc_id)
        if row is None:
            continue
        facts = {fact.id: fact for fact in record.facts}
        for finding in record.findings:
            if finding.severity != "error":
                continue
            targets = {position[facts[f].indicator] for f in finding.facts
                       if f in facts and facts[f].indicator in position}
            for column in sorted(targets or {position["doc_id"]}):
                messages = cells.setdefault((row, column), [])
                text = f"{finding.rule}: {finding.message}"
                if text not in messages:
                    messages.append(text)
    return cells


def _error_cells_of(records: list[Record], columns: list[str], rows: list[list]) -> dict[tuple[int, int], list[str]]:
    if "doc_id" not in columns:
        return {}
    doc_ids = [str(row[columns.index("doc_id")]) for row in rows]
    return error_cells(records, columns, doc_ids)


def _flagged(sheet, value: object, messages: list[str]):
    """A cell involved in error findings: filled, bold, with the messages as a comment."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    cell = WriteOnlyCell(sheet, value=value)
    cell.fill = PatternFill("solid", fgColor=ERROR_FILL)
    cell.font = Font(color=ERROR_FONT, bold=True)
    text = "\n".join(messages)
    comment = Comment(text, AUTHOR)
    comment.width = 360
    comment.height = min(60 + 18 * (len(text) // 48 + len(messages)), 400)
    cell.comment = comment
    return cell
