"""The layout of a table found in a text: caption rows, header rows and columns, each line's header, role and scope."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.extractors.indicator_cues import IndicatorCues, indicator_cues
from pipeline.lexicon import ResourceModel, load_resource
from pipeline.numbers import Quantity, find_quantities
from pipeline.regex_cache import compile_cached
from pipeline.tables import Cell, TextTable

LEFTOVER_CHARS = 4  # a numeric cell holds its number and at most this many other characters (+, ↓)
# A number of a cell is written with a digit (a bare 万 of 经费（万元） is a unit, no number).
DIGITS = re.compile(r"[0-9零〇一二两三四五六七八九十]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", re.IGNORECASE)


class TableExample(ResourceModel):
    header: str
    role: str | None = None
    unit: str | None = None


class TableCueFile(ResourceModel):
    total: str
    change: str
    share: str
    year: str
    target: str
    current: str
    unit: tuple[str, ...]
    percent: str
    blank: str
    minus: str
    caption: str
    examples: tuple[TableExample, ...] = ()


@dataclass(frozen=True)
class TableCues:
    total: re.Pattern[str]
    change: re.Pattern[str]
    share: re.Pattern[str]
    year: re.Pattern[str]
    target: re.Pattern[str]
    current: re.Pattern[str]
    unit: tuple[re.Pattern[str], ...]
    percent: re.Pattern[str]
    blank: re.Pattern[str]
    minus: re.Pattern[str]
    caption: re.Pattern[str]
    indicators: IndicatorCues


@lru_cache(maxsize=None)
def table_cues(lang: str) -> TableCues:
    raw = load_resource(lang, "tables", TableCueFile)
    c = compile_cached
    return TableCues(c(raw.total), c(raw.change), c(raw.share), c(raw.year), c(raw.target), c(raw.current),
                     tuple(c(p) for p in raw.unit), c(raw.percent), c(raw.blank), c(raw.minus), c(raw.caption),
                     indicator_cues(lang))


@dataclass
class Line:
    """A data row or a data column: its header text, role, scope and, once bound, its indicator."""

    axis: str
    index: int
    header: str
    role: str | None = None
    scope: str | None = None
    indicator: str | None = None
    part_cue: bool = False


@dataclass
class Layout:
    """Where a table's data lies and what its lines are."""

    table: TextTable
    caption: str
    caption_rows: int
    header_rows: int
    header_columns: int
    quantities: dict[tuple[int, int], list[Quantity]]  # numeric cells: quantities at file offsets
    rows: dict[int, Line] = field(default_factory=dict)
    columns: dict[int, Line] = field(default_factory=dict)
    spans: dict[tuple[int, int], int] = field(default_factory=dict)  # header cells spanning columns

    def cell(self, row: int, column: int) -> Cell:
        return self.table.rows[row][column]


def _numeric(cell: Cell, view: str, lang: str, cues: TableCues) -> list[Quantity]:
    """The quantities of a cell that holds a number (and little else), at file offsets."""
    text = view[cell.start : cell.end]
    if not text or cues.blank.match(text):
        return []
    found = [q for q in find_quantities(text, lang) if DIGITS.search(text, q.number_start, q.number_end)]
    leftover = len(text) - sum(q.end - q.start for q in found)
    if not found or leftover > LEFTOVER_CHARS:
        return []
    return [Quantity(q.start + cell.start, q.end + cell.start, q.number_start + cell.start,
                     q.number_end + cell.start, q.value, q.unit, q.unit_surface, q.qualifier,
                     q.is_percent, q.percent_points, q.value_high) for q in found]


def _filled(row: tuple[Cell, ...]) -> int:
    return sum(1 for cell in row if cell.text)


def _column_header(rows, header_rows: range, column: int, first: int, spans: dict) -> str:
    """A column's header: its cells in the header rows, a blank one taking the text of the cell to
    its left when that one spans it (a blank cell under it is filled: 其中 over 来信 | 来访)."""
    parts = []
    for r in header_rows:
        text = rows[r][column].text
        if not text and column > first:
            below = rows[r + 1][column].text if r + 1 in header_rows else ""
            left = next((k for k in range(column - 1, first - 1, -1) if rows[r][k].text), None)
            if below and left is not None:
                text = rows[r][left].text
                spans[(r, left)] = max(spans.get((r, left), 1), column - left + 1)
        if text and text not in parts:
            parts.append(text)
    return " ".join(parts)


def _row_header(rows, row: int, data_rows: range, columns: int) -> str:
    """A row's header: its stub cells, a blank one of an outer stub column continuing the one above."""
    parts = []
    for c in range(columns):
        text = rows[row][c].text
        if not text and c < columns - 1:
            text = next((rows[r][c].text for r in range(row - 1, data_rows.start - 1, -1) if rows[r][c].text), "")
        if text:
            parts.append(text)
    return " ".join(parts)


def _role(header: str, cues: TableCues, year: int | None) -> tuple[str | None, str | None]:
    """(role, scope) of a line by its header (its breakdown cue stripped); the indicator is bound later."""
    ind = cues.indicators
    if not header:
        return None, None
    if cues.total.search(header):
        return "total", None
    if cues.change.search(header):
        return "change", None
    if cues.share.search(header):
        return "share", None
    if cues.target.search(header) or ind.target.search(header):
        return "period", "target"
    if cues.current.search(header):
        return "period", None
    stated = cues.year.search(header)
    if stated is not None:
        earlier = year is not None and int(stated.group("year")) < year
        return "period", "previous_period" if earlier else None
    if ind.previous_period.search(header):
        return "period", "previous_period"
    return "category", None


def read_layout(table: TextTable, view: str, lang: str, year: int | None) -> Layout | None:
    """The layout of a table, or None when it holds no number in a data cell."""
    cues = table_cues(lang)
    rows = table.rows
    numeric = {(c.row, c.column): q for row in rows for c in row if (q := _numeric(c, view, lang, cues))}
    if not numeric:
        return None
    caption_rows = 0
    while caption_rows < len(rows) - 2 and _filled(rows[caption_rows]) == 1 and table.width >= 3 \
            and not any((caption_rows, c) in numeric for c in range(table.width)):
        caption_rows += 1
    header_rows = caption_rows
    while header_rows < len(rows) - 1 and not any((header_rows, c) in numeric for c in range(table.width)):
        header_rows += 1
    data_rows = range(header_rows, len(rows))
    header_columns = 0
    while header_columns < table.width - 1 and not any((r, header_columns) in numeric for r in data_rows):
        header_columns += 1
    caption_parts = [view[a:b] for a, b in ([table.caption] if table.caption else [])]
    caption_parts += [next(c.text for c in rows[r] if c.text) for r in range(caption_rows)]
    layout = Layout(table, " ".join(caption_parts), caption_rows, header_rows, header_columns, numeric)
    heads = range(caption_rows, header_rows)
    for c in range(header_columns, table.width):
        header = _column_header(rows, heads, c, header_columns, layout.spans)
        role, scope = _role(_strip_part(header, cues), cues, year)
        part = cues.indicators.part_of.match(header) is not None
        layout.columns[c] = Line("column", c, header, "part" if part and role == "category" else role, scope,
                                 part_cue=part)
    group_part = False
    for r in data_rows:
        header = _row_header(rows, r, data_rows, header_columns)
        stripped = _strip_part(header, cues)
        role, scope = _role(stripped, cues, year)
        part = cues.indicators.part_of.match(header) is not None
        if part and not stripped:  # a row of its own saying 其中: the rows after it are parts
            group_part = True
        part = part or (group_part and role == "category")
        group_part = group_part and role != "total"
        layout.rows[r] = Line("row", r, header, "part" if part and role == "category" else role, scope,
                              part_cue=part)
    return layout


def _strip_part(header: str, cues: TableCues) -> str:
    """A header without the breakdown cue it opens with (其中：来信 -> 来信)."""
    found = cues.indicators.part_of.match(header)
    return header[found.end() :].lstrip(" ：:") if found else header


def header_unit(header: str, lang: str, cues: TableCues) -> str | None:
    """The unit a header states (受理（件）-> case, Received (cases) -> case), read by the number grammar."""
    for pattern in cues.unit:
        found = pattern.search(header)
        if found:
            word = found.group("unit").strip()
            read = find_quantities(f"1{word}" if lang == "zh" else f"1 {word}", lang)
            if read and read[0].unit and read[0].end == len(word) + (1 if lang == "zh" else 2):
                return read[0].unit
    return None
