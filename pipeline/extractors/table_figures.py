"""Figures of a table's cells, bound by the row and column headers through the cues of indicators.yaml, with breakdowns, changes, shares and scopes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Sequence

from pipeline.extractors.binding import bind_label, cue_hits
from pipeline.extractors.figures import MONEY_UNITS
from pipeline.extractors.table_layout import Layout, Line, TableCues, header_unit, read_layout, table_cues
from pipeline.numbers import Quantity
from pipeline.schema import Fact, Table, TableCell, TableLine
from pipeline.tables import TextTable

COUNT_KINDS = ("count", "profile")


@dataclass
class CellFigure:
    """A figure of a cell in the making; relations name other figures of the table by position."""

    row: int
    column: int
    quantity: Quantity
    value: float | int
    unit: str | None
    kind: str = "count"
    indicator: str | None = None
    scope: str | None = None
    subject: str | None = None
    from_measure: bool = False  # its indicator came from the header of the measure axis
    other_binding: str | None = None  # what the header of the other axis names
    part_of: int | None = None
    refers_to: int | None = None
    flags: list[str] = field(default_factory=list)


def _measure_axis(layout: Layout, cues: TableCues, probe: Quantity) -> str:
    """The axis whose headers name rates (办结率 columns) holds the measures; columns when both or neither do."""
    def rates(lines: dict[int, Line]) -> bool:
        return any(bind_label(line.header, line.header, cues.indicators, probe) for line in lines.values())
    return "row" if rates(layout.rows) and not rates(layout.columns) else "column"


def _percent_probe() -> Quantity:
    return Quantity(0, 1, 0, 1, 50, "percent", None, None, True, False)


def _quantity(q: Quantity, layout: Layout, row: Line, column: Line, cues: TableCues) -> Quantity:
    """A bare number under a header that says percent (办结率（%）) is a percentage."""
    if not q.is_percent and not q.percent_points and q.unit is None and \
            any(cues.percent.search(h) for h in (column.header, row.header)):
        return replace(q, is_percent=True, unit="percent")
    return q


def _bind_cell(figure: CellFigure, layout: Layout, measure: Line, other: Line, cues: TableCues,
               grand_total: str) -> None:
    context = " ".join(part for part in (layout.caption, layout.rows[figure.row].header,
                                         layout.columns[figure.column].header) if part)
    own = bind_label(measure.header, context, cues.indicators, figure.quantity) if measure.header else None
    theirs = bind_label(other.header, context, cues.indicators, figure.quantity) if other.header else None
    figure.other_binding = theirs
    if own is None and measure.header and \
            cue_hits(measure.header, (0, len(measure.header)), False, cues.indicators,
                     cues.indicators.literals.scan(measure.header)):
        return  # 未办结, Not yet settled: a cue the header negates (or that does not fit) binds no category either
    if own and own != grand_total or not theirs:
        figure.indicator, figure.from_measure = own, own is not None
    else:
        figure.indicator = theirs


def _kind(figure: CellFigure, lang_cues: TableCues) -> None:
    q = figure.quantity
    entries = {i.entry.id: i.entry for i in lang_cues.indicators.indicators}
    entry = entries.get(figure.indicator or "")
    if q.is_percent or q.percent_points:
        figure.unit = "pp" if q.percent_points else "percent"
        figure.kind = "rate" if entry is not None and entry.percent else "other"
        if figure.kind == "other":
            figure.indicator = None
    elif figure.unit in MONEY_UNITS:
        figure.kind, figure.indicator = "amount", None
    else:
        figure.kind = "profile" if entry is not None and entry.kind == "profile" else "count"


def _unit(q: Quantity, layout: Layout, measure: Line, other: Line, lang: str, cues: TableCues) -> str | None:
    if q.unit is not None:
        return q.unit
    for header in (measure.header, other.header, layout.caption):
        unit = header_unit(header, lang, cues) if header else None
        if unit is not None:
            return unit
    return None


def _lines_of(layout: Layout, figure: CellFigure, axis: str) -> tuple[Line, Line]:
    """(measure line, other line) of a figure's cell for a measure axis."""
    row, column = layout.rows[figure.row], layout.columns[figure.column]
    return (row, column) if axis == "row" else (column, row)


def read_figures(layout: Layout, view: str, lang: str) -> list[CellFigure]:
    """Every figure of a table's numeric cells, bound, with its kind, unit, scope and relations."""
    cues = table_cues(lang)
    grand_total = cues.indicators.grand_total
    axis = _measure_axis(layout, cues, _percent_probe())
    for line in (layout.rows if axis == "row" else layout.columns).values():
        line.role = "measure" if line.role == "category" else line.role
    figures: list[CellFigure] = []
    for (r, c), quantities in sorted(layout.quantities.items()):
        if r not in layout.rows or c not in layout.columns:
            continue
        row, column = layout.rows[r], layout.columns[c]
        measure, other = (row, column) if axis == "row" else (column, row)
        for q in quantities:
            q = _quantity(q, layout, row, column, cues)
            figure = CellFigure(r, c, q, q.value, _unit(q, layout, measure, other, lang, cues))
            figure.subject = " ".join(h for h in (row.header, column.header) if h) or None
            figure.scope = row.scope or column.scope
            relative = next((role for role in (column.role, row.role) if role in ("change", "share")), None)
            if relative is None:
                _bind_cell(figure, layout, measure, other, cues, grand_total)
                _kind(figure, cues)
            else:
                figure.kind = relative
            figures.append(figure)
    _line_indicators(layout, figures, axis)
    _totals(layout, figures, axis, cues)
    _breakdowns(layout, figures, axis, cues)
    _changes_and_shares(layout, figures, view, cues)
    return figures


def _line_indicators(layout: Layout, figures: list[CellFigure], axis: str) -> None:
    """What each line's header names, for the record and for the row checks: the indicator its
    figures took from it."""
    for figure in figures:
        measure, other = _lines_of(layout, figure, axis)
        if figure.from_measure and measure.indicator is None:
            measure.indicator = figure.indicator
        elif not figure.from_measure and figure.indicator and other.role != "total" and other.indicator is None:
            other.indicator = figure.indicator


def _at(figures: list[CellFigure], row: int, column: int) -> int | None:
    return next((i for i, f in enumerate(figures) if f.row == row and f.column == column), None)


def _totals(layout: Layout, figures: list[CellFigure], axis: str, cues: TableCues) -> None:
    """A total line's figure that no header binds counts what the caption names, or the grand
    total when its parts count kinds of petitions (来信, 来访)."""
    for figure in figures:
        measure, other = _lines_of(layout, figure, axis)
        if figure.indicator is not None or other.role != "total" or figure.kind != "count":
            continue
        named = bind_label(layout.caption, layout.caption, cues.indicators, figure.quantity) if layout.caption else None
        parts = [f for f in figures if _lines_of(layout, f, axis)[0] is measure and f is not figure
                 and not f.from_measure and f.indicator]
        figure.indicator = named or (cues.indicators.grand_total if parts else None)


def _total_line(lines: dict[int, Line], index: int, part: bool) -> int | None:
    """The total of a line: the 其中 line's nearest line before it that is no part, else the total line."""
    if part:
        return next((k for k in sorted(lines, reverse=True) if k < index
                     and lines[k].role in ("category", "measure", "total", "period")), None)
    return next((k for k, line in lines.items() if line.role == "total"), None)


def _breakdowns(layout: Layout, figures: list[CellFigure], axis: str, cues: TableCues) -> None:
    """A category's figure of a measure (来信 | 办结) names no indicator: the measure's count is the
    total's. Figures of category and 其中 lines are parts of the total line's figure beside them; a
    part counting what its total counts (or what cannot be part of it) names no indicator either."""
    grand_total = cues.indicators.grand_total
    for figure in figures:
        if figure.kind not in COUNT_KINDS + ("rate",):
            continue
        other = _lines_of(layout, figure, axis)[1]
        if figure.from_measure and other.role in ("category", "part") and figure.other_binding != grand_total:
            figure.indicator = None
        for lines, index in ((layout.rows, figure.row), (layout.columns, figure.column)):
            line = lines[index]
            total_index = _total_line(lines, index, line.role == "part") if line.role in ("category", "part") else None
            at = None if total_index is None else \
                _at(figures, total_index, figure.column) if lines is layout.rows else _at(figures, figure.row, total_index)
            if at is None:
                continue
            total = figures[at]
            if figure.kind in COUNT_KINDS and total.kind in COUNT_KINDS and total.scope == figure.scope:
                figure.part_of = at
                figure.unit = figure.unit or total.unit  # 其中 村级化解 under 化解（起）: counted in 起
            if figure.indicator and (figure.indicator == total.indicator or figure.indicator in
                                     cues.indicators.incompatible_parts.get(total.indicator or "", ())):
                figure.indicator = None


def _changes_and_shares(layout: Layout, figures: list[CellFigure], view: str, cues: TableCues) -> None:
    """A change or share line's figure is about the current figure beside it in the same row (column)."""
    for figure in figures:
        row, column = layout.rows[figure.row], layout.columns[figure.column]
        role_line = column if column.role in ("change", "share") else row if row.role in ("change", "share") else None
        if role_line is None:
            continue
        target = _counterpart(layout, figures, figure, role_line)
        q = figure.quantity
        figure.kind = role_line.role
        figure.indicator = None
        figure.unit = "pp" if q.percent_points else ("percent" if q.is_percent else figure.unit)
        if target is not None:
            figure.refers_to = target
            if figure.kind == "change":
                figure.indicator = figures[target].indicator
        if figure.kind == "change":
            cell = layout.cell(figure.row, figure.column)
            lead = view[cell.start : q.start]
            figure.value = -abs(q.value) if cues.minus.search(lead) else abs(q.value)


def _counterpart(layout: Layout, figures: list[CellFigure], figure: CellFigure, role_line: Line) -> int | None:
    """The nearest current figure before a change or share along its row (or column) that is neither."""
    along_row = role_line.axis == "column"
    lines = layout.columns if along_row else layout.rows
    for k in sorted((k for k in lines if k < role_line.index), reverse=True):
        if lines[k].role in ("change", "share") or lines[k].scope is not None:
            continue
        at = _at(figures, figure.row, k) if along_row else _at(figures, k, figure.column)
        if at is not None and figures[at].kind in COUNT_KINDS + ("rate",):
            return at
    return None


# --- the record's view of a table -----------------------------------------------------------


def table_record(layout: Layout, number: int, fact_ids: dict[tuple[int, int], list[str]], view: str) -> Table:
    """The Table of the contract: every cell with its span and figures, every data line."""
    table: TextTable = layout.table
    cells = tuple(
        TableCell(row=cell.row, column=cell.column, start=cell.start, end=cell.end, text=view[cell.start : cell.end],
                  column_span=layout.spans.get((cell.row, cell.column), 1),
                  header=cell.row < layout.header_rows or cell.column < layout.header_columns,
                  facts=tuple(fact_ids.get((cell.row, cell.column), ())))
        for row in table.rows for cell in row)
    lines = tuple(TableLine(axis=line.axis, index=line.index, header=line.header or None, role=line.role,
                            indicator=line.indicator, scope=line.scope)
                  for line in (*layout.rows.values(), *layout.columns.values()))
    caption = layout.caption or None
    return Table(id=f"t{number}", start=table.start, end=table.end, caption=caption, rows=len(table.rows),
                 columns=table.width, header_rows=layout.header_rows, header_columns=layout.header_columns,
                 lines=lines, cells=cells)


def read_table(table: TextTable, view: str, lang: str, year: int | None) -> tuple[Layout, list[CellFigure]] | None:
    """The layout and the figures of one table (None when it holds no number)."""
    layout = read_layout(table, view, lang, year)
    if layout is None:
        return None
    return layout, read_figures(layout, view, lang)


def figures_to_facts(figures: Sequence[CellFigure], surface: str, ids: Sequence[str]) -> list[Fact]:
    """Facts of a table's figures given their ids (in the same order); relations by those ids."""
    return [
        Fact(id=ids[n], indicator=f.indicator, subject=f.subject, value=f.value,
             value_max=f.quantity.value_high, unit=f.unit, kind=f.kind, qualifier=f.quantity.qualifier,
             part_of=ids[f.part_of] if f.part_of is not None else None,
             refers_to=ids[f.refers_to] if f.refers_to is not None else None,
             start=f.quantity.start, end=f.quantity.end, surface=surface[f.quantity.start : f.quantity.end],
             scope=f.scope, flags=tuple(f.flags))
        for n, f in enumerate(figures)
    ]


def with_table_figures(prose: Sequence[Fact], tables: Sequence[TextTable], view: str, surface: str, lang: str,
                       year: int | None) -> tuple[list[Fact], list[Table]]:
    """The prose figures and the figures of the tables in one list by position, numbered f1, f2, ...
    (relations renumbered), and the Tables of the contract. `view` and `surface` are the file's
    matching view and text (offsets are file offsets)."""
    read = [found for table in tables if (found := read_table(table, view, lang, year)) is not None]
    order = sorted([(fact.start, 0, n, 0) for n, fact in enumerate(prose)] +
                   [(figure.quantity.start, 1, t, i) for t, (_, figures) in enumerate(read)
                    for i, figure in enumerate(figures)])
    ids = {(source, a, b): f"f{number}" for number, (_, source, a, b) in enumerate(order, start=1)}
    renamed = {fact.id: ids[(0, n, 0)] for n, fact in enumerate(prose)}
    if all(renamed[fact.id] == fact.id and renamed.get(fact.part_of or "") == fact.part_of
           and renamed.get(fact.refers_to or "") == fact.refers_to for fact in prose):
        facts = list(prose)  # no table figure before a prose one: the prose facts kept as they are
    else:
        facts = [fact.model_copy(update={"id": renamed[fact.id], "part_of": renamed.get(fact.part_of or ""),
                                         "refers_to": renamed.get(fact.refers_to or "")}) for fact in prose]
    records = []
    for t, (layout, figures) in enumerate(read):
        table_ids = [ids[(1, t, i)] for i in range(len(figures))]
        facts += figures_to_facts(figures, surface, table_ids)
        by_cell: dict[tuple[int, int], list[str]] = {}
        for figure, fact_id in zip(figures, table_ids):
            by_cell.setdefault((figure.row, figure.column), []).append(fact_id)
        records.append(table_record(layout, t + 1, by_cell, surface))
    return sorted(facts, key=lambda fact: int(fact.id[1:])), records
