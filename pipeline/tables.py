"""Finds tables in a file text (runs of lines split into cells by tabs or pipes), every cell with its span."""

from __future__ import annotations

from dataclasses import dataclass

MAX_CELL_CHARS = 80  # a longer cell is prose, and its line no table row
MAX_CAPTION_CHARS = 40
PIPES = "|｜"
SENTENCE_END = "。.；;！!？?"
_RULE_CHARS = set("-—:：=+ ") | set(PIPES)


@dataclass(frozen=True)
class Cell:
    """One cell: its row and column, and the span of its text (stripped; empty at its position)."""

    row: int
    column: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TextTable:
    """A table found in a text: its span, its rows of cells (all of one width) and the caption line before it."""

    start: int
    end: int
    rows: tuple[tuple[Cell, ...], ...]
    caption: tuple[int, int] | None = None

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def _split(line: str, offset: int) -> tuple[str, list[tuple[int, int]]] | None:
    """(kind, raw cell spans) of a table row: tab-separated, or between pipes (| a | b |)."""
    stripped = line.strip()
    if stripped[:1] in PIPES and stripped[-1:] in PIPES and len(stripped) > 1:
        lead = line.index(stripped[0])
        bounds = [lead + i for i, ch in enumerate(stripped) if ch in PIPES]
        return "pipe", [(offset + a + 1, offset + b) for a, b in zip(bounds, bounds[1:])]
    if "\t" in line:
        bounds = [-1] + [i for i, ch in enumerate(line) if ch == "\t"] + [len(line)]
        return "tab", [(offset + a + 1, offset + b) for a, b in zip(bounds, bounds[1:])]
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_rule(text: str, spans: list[tuple[int, int]]) -> bool:
    """A markdown separator row (|---|:--:|)."""
    joined = "".join(text[a:b] for a, b in spans)
    return bool(joined.strip()) and set(joined) <= _RULE_CHARS and "-" in joined


@dataclass
class _Row:
    kind: str
    line_start: int
    line_end: int
    spans: list[tuple[int, int]]
    rule: bool = False


def _row(text: str, start: int, end: int) -> _Row | None:
    split = _split(text[start:end], start)
    if split is None:
        return None
    kind, spans = split
    spans = [_trimmed(text, a, b) for a, b in spans]
    if len(spans) < 2 or any(b - a > MAX_CELL_CHARS for a, b in spans):
        return None
    return _Row(kind, start, end, spans, _is_rule(text, spans))


def _filled(row: _Row) -> int:
    return sum(1 for a, b in row.spans if b > a)


def _lines(text: str, lo: int, hi: int):
    position = lo
    while position < hi:
        newline = text.find("\n", position, hi)
        end = hi if newline < 0 else newline
        yield position, end
        position = end + 1


def _caption(text: str, lo: int, start: int) -> tuple[int, int] | None:
    """The short line right before a table, when it is no sentence (表1 2023年信访情况)."""
    end = start - 1
    while end > lo and text[end - 1] in " \t\r\n":
        end -= 1
    if end <= lo:
        return None
    begin = text.rfind("\n", lo, end) + 1 or lo
    begin, end = _trimmed(text, max(begin, lo), end)
    line = text[begin:end]
    longest = MAX_CAPTION_CHARS * (2 if line.isascii() else 1)  # Latin words take twice the characters
    if not line or len(line) > longest or line[-1] in SENTENCE_END or _split(line, 0) is not None:
        return None
    return begin, end


def _table(text: str, lo: int, rows: list[_Row]) -> TextTable | None:
    body = [row for row in rows if not row.rule]
    if len(body) < 2 or sum(1 for row in body if _filled(row) >= 2) < 2:
        return None
    width = max(len(row.spans) for row in body)
    cells = []
    for r, row in enumerate(body):
        spans = row.spans + [(row.line_end, row.line_end)] * (width - len(row.spans))
        cells.append(tuple(Cell(r, c, a, b, text[a:b]) for c, (a, b) in enumerate(spans)))
    return TextTable(rows[0].line_start, rows[-1].line_end, tuple(cells), _caption(text, lo, rows[0].line_start))


def find_tables(text: str, lo: int = 0, hi: int | None = None) -> list[TextTable]:
    """The tables of text[lo:hi]: two or more consecutive rows of one kind (tabs, or pipes), two of
    them with two filled cells at least; shorter rows are padded with empty cells at their line's end."""
    hi = len(text) if hi is None else hi
    tables: list[TextTable] = []
    run: list[_Row] = []
    for start, end in _lines(text, lo, hi):
        row = _row(text, start, end)
        if row is not None and (not run or run[-1].kind == row.kind):
            run.append(row)
            continue
        if run and (table := _table(text, lo, run)) is not None:
            tables.append(table)
        run = [row] if row is not None else []
    if run and (table := _table(text, lo, run)) is not None:
        tables.append(table)
    return tables
