"""A .docx table as text: a data table as one line per row with its cells joined by tabs, a layout table as its paragraphs."""

from __future__ import annotations

from typing import Iterator

from pipeline.line_join import join_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_CELL_CHARS = 80  # a cell holding more is prose: the table only lays out a page
MAX_CELL_PARAGRAPHS = 3


def _cell_paragraphs(cell, paragraph_text) -> list[str]:
    return [paragraph_text(p) for p in cell.iterchildren(W + "p")]


def _span(cell) -> int:
    span = cell.find(f"{W}tcPr/{W}gridSpan")
    try:
        return max(1, int(span.get(W + "val", "1"))) if span is not None else 1
    except ValueError:
        return 1


def _continues(cell) -> bool:
    merge = cell.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(W + "val", "continue") == "continue"


def _grid_skip(row, tag: str) -> int:
    found = row.find(f"{W}trPr/{W}{tag}")
    try:
        return max(0, int(found.get(W + "val", "0"))) if found is not None else 0
    except ValueError:
        return 0


def is_data_table(table, paragraph_text) -> bool:
    """Two rows and two columns at least, short cells, no table inside: a table of figures or labels."""
    rows = list(table.iterchildren(W + "tr"))
    if len(rows) < 2 or table.find(f".//{W}tc//{W}tbl") is not None:
        return False
    widest = 0
    for row in rows:
        cells = list(row.iterchildren(W + "tc"))
        widest = max(widest, sum(_span(c) for c in cells))
        for cell in cells:
            paragraphs = [p for p in _cell_paragraphs(cell, paragraph_text) if p.strip()]
            if len(paragraphs) > MAX_CELL_PARAGRAPHS or sum(len(p) for p in paragraphs) > MAX_CELL_CHARS:
                return False
    return widest >= 2


def table_rows(table, paragraph_text) -> Iterator[str]:
    """One line per row: every grid column a cell (a merged cell's other columns and the rows it
    continues into are empty), tabs between cells; a cell's paragraphs joined into one line."""
    for row in table.iterchildren(W + "tr"):
        cells = [""] * _grid_skip(row, "gridBefore")
        for cell in row.iterchildren(W + "tc"):
            text = "" if _continues(cell) else join_lines(
                [p.replace("\t", " ") for p in _cell_paragraphs(cell, paragraph_text)], hyphens="")
            cells += [text] + [""] * (_span(cell) - 1)
        cells += [""] * _grid_skip(row, "gridAfter")
        yield "\t".join(cells)
