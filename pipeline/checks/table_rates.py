"""The rate-mismatch rule along a table's lines: a rate cell recomputed from the counts in its own row (or column)."""

from __future__ import annotations

from typing import Iterator

from pipeline.checks.base import EPSILON, CheckContext, Hit, decimals, fmt, half_unit, rule_book
from pipeline.schema import Fact, Table, TableLine


def _measure_lines(table: Table) -> list[TableLine]:
    return [line for line in table.lines if line.role == "measure"]


def _base(lines: list[TableLine], indicators: tuple[tuple[str, ...], ...]) -> TableLine | None:
    """The line a rate is over: one naming a single-count base of the rule book, else the first
    measure line naming nothing (件数, Number)."""
    for base in indicators:
        if len(base) == 1:
            found = next((line for line in lines if line.indicator == base[0]), None)
            if found is not None:
                return found
    return next((line for line in lines if line.indicator is None), None)


def _cell_fact(ctx: CheckContext, table: Table, row: int, column: int) -> Fact | None:
    cell = next((c for c in table.cells if c.row == row and c.column == column), None)
    facts = [ctx.fact(i) for i in cell.facts] if cell is not None else []
    return facts[0] if len(facts) == 1 else None


def _triples(ctx: CheckContext, table: Table) -> Iterator[tuple[str, Fact, Fact, Fact]]:
    """(indicator, rate, numerator, base) of every rate cell whose line holds both counts."""
    lines = _measure_lines(table)
    rates = rule_book().rates
    for rate_line in lines:
        spec = rates.get(rate_line.indicator or "")
        if spec is None:
            continue
        numerator = next((line for line in lines if line.indicator == spec.numerator), None)
        base = _base([line for line in lines if line is not rate_line], spec.denominators)
        if numerator is None or base is None or base is numerator:
            continue
        axis = rate_line.axis
        for cross in (line for line in table.lines if line.axis != axis and line.role not in ("change", "share")):
            at = (lambda line: (cross.index, line.index)) if axis == "column" else (lambda line: (line.index, cross.index))
            facts = [_cell_fact(ctx, table, *at(line)) for line in (rate_line, numerator, base)]
            if all(f is not None for f in facts) and facts[0].kind == "rate":
                yield rate_line.indicator, facts[0], facts[1], facts[2]


def table_rate_facts(ctx: CheckContext) -> set[str]:
    """Ids of the rates the table lines check (the record-wide check leaves them)."""
    return ctx.once(("table rates",), lambda: {rate.id for table in ctx.record.tables
                                               for _, rate, _, _ in _triples(ctx, table)})


def table_rate_mismatch(ctx: CheckContext) -> Iterator[Hit]:
    """A rate cell that its row's counts do not give (numerator / base, within the stated precision)."""
    floor = ctx.config.rate_tolerance
    for table in ctx.record.tables:
        for indicator, rate, numerator, base in _triples(ctx, table):
            if any(f.qualifier or f.value_max is not None for f in (rate, numerator, base)) or not base.value:
                continue
            computed = numerator.value / base.value * 100
            if abs(rate.value - computed) <= max(half_unit(rate), floor) + EPSILON:
                continue
            yield Hit("rate-mismatch", rate.start, rate.end,
                      {"indicator": indicator, "stated": fmt(rate.value, decimals(rate)),
                       "numerator": fmt(numerator.value), "denominator": fmt(base.value),
                       "computed": fmt(computed, max(1, decimals(rate) + 1))},
                      (rate.id, numerator.id, base.id))
