"""Records -> the comparison table (one row per summary) and the long table of facts."""

from __future__ import annotations

import csv
import sys
from operator import attrgetter
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from pipeline.evidence import evidence_cell
from pipeline.atomic import atomic_path
from pipeline.schema import MEASURE_CATEGORIES, PROBLEM_CATEGORIES, REMAINING, Record
from pipeline.townships import assign_township_keys, township_stem

SECTION_KINDS = ("overview", "measures", "results", "problems", "plans")
TABLE_KINDS = ("count", "rate", "profile", "frequency")
# `fact_flags` is the Fact's `flags` (named so since 0.2: pandas' DataFrame.flags hid a column "flags")
FACT_COLUMNS = ("doc_id", "source", "id", "indicator", "subject", "value", "value_max", "unit", "kind", "qualifier",
                "part_of", "refers_to", "per", "scope", "fact_flags", "start", "end", "surface")
FACT_FIELDS = tuple("flags" if column == "fact_flags" else column for column in FACT_COLUMNS)
# Every CSV starts with a UTF-8 byte order mark: Excel on Chinese Windows reads UTF-8 only with it;
# pandas, DuckDB, R's readr and Python's "utf-8-sig" codec skip it.
CSV_ENCODING = "utf-8-sig"


# column names made once: a large run keeps a row per summary, and its keys are shared
SECTION_FLAG_COLUMNS = {kind: f"has_{kind}" for kind in SECTION_KINDS}
MEASURE_COUNT_COLUMNS = {c: f"measures_{c}" for c in MEASURE_CATEGORIES}
PROBLEM_COUNT_COLUMNS = {c: f"problems_{c}" for c in PROBLEM_CATEGORIES}
RECOMPUTED_RATE = "settlement_rate_recomputed"
FINDING_COUNT_COLUMNS = {s: f"findings_{s}" for s in ("error", "warning", "info")}


def _indicator_values(record: Record) -> dict[str, float | int]:
    """The first current-period value of each indicator (counts, rates, profile; a frequency only
    when the summary states no other value of it: "screened once a week" is no count of disputes);
    previous-period figures and targets (力争…, a plans section's 全年培训不少于4次) stay out."""
    values: dict[str, float | int] = {}
    frequencies: dict[str, float | int] = {}
    for fact in record.facts:
        if fact.indicator and fact.kind in TABLE_KINDS and fact.scope is None and REMAINING not in fact.flags:
            found = frequencies if fact.kind == "frequency" else values
            found.setdefault(sys.intern(fact.indicator), fact.value)
    return values | {indicator: value for indicator, value in frequencies.items() if indicator not in values}


def recomputed_rate(values: dict) -> float | None:
    """cases_settled / petitions_total in percent, to one decimal (over 100 when more were settled
    than received); None without both counts or with no case received."""
    settled, received = values.get("cases_settled"), values.get("petitions_total")
    if settled is None or not received:
        return None
    return round(100 * settled / received, 1)


def record_row(record: Record) -> dict:
    """One summary's row of the comparison table; township_key is its name's own key until the
    batch's names and alias table set it (pipeline.townships.assign_township_keys)."""
    kinds = {section.kind for section in record.sections}
    period = record.period
    row: dict = {
        "doc_id": record.doc_id, "source": record.source, "part": record.part,
        "township": record.township, "township_key": township_stem(record.township),
        "year": period.year, "half": period.half, "quarter": period.quarter, "period_kind": period.kind,
        "period": period.raw, "language": record.language,
    }
    row.update({column: kind in kinds for kind, column in SECTION_FLAG_COLUMNS.items()})
    values = _indicator_values(record)
    row.update(values)
    row[RECOMPUTED_RATE] = recomputed_rate(values)
    row.update({column: sum(c in m.categories for m in record.measures) for c, column in MEASURE_COUNT_COLUMNS.items()})
    row["problem_categories"] = ";".join(c for c in PROBLEM_CATEGORIES
                                         if any(c in p.categories for p in record.problems))
    row.update({column: sum(c in p.categories for p in record.problems) for c, column in PROBLEM_COUNT_COLUMNS.items()})
    row["measure_evidence"] = evidence_cell(record.measures, MEASURE_CATEGORIES)  # category@start-end,…
    row["problem_evidence"] = evidence_cell(record.problems, PROBLEM_CATEGORIES)
    row.update({column: sum(f.severity == s for f in record.findings) for s, column in FINDING_COUNT_COLUMNS.items()})
    row["placeholders"] = len(record.placeholders)
    row["corrections"] = len(record.corrections)  # items a reviewer's corrections file changed
    return row


def build_table(records: list[Record], aliases: dict[str, str] | None = None, texts: dict[str, str] | None = None):
    """One row per summary; indicator columns are those present in the batch, in a stable order;
    township keys from the batch's names and the alias table (alias stem -> name stem). Given the
    file texts (source -> text), each stated change gets the previous period's own reported value
    beside it (pipeline.checks.series_values), as `run` writes it."""
    rows = [record_row(record) for record in records]
    if texts is not None:
        from pipeline.checks.history import History
        from pipeline.checks.series_values import series_values

        extras = series_values([(record, texts[record.source]) for record in records], History(aliases=aliases or {}))
        for row, extra in zip(rows, extras):
            row.update(extra)
    assign_township_keys(rows, aliases)
    return table_of_rows(rows)


def table_of_rows(rows: list[dict]):
    """build_table from the record_row of each summary."""
    import pandas as pd

    table = pd.DataFrame(rows)
    fixed = [c for c in table.columns if not _is_indicator(c)]
    indicators = sorted(c for c in table.columns if _is_indicator(c))
    head = fixed[: fixed.index("has_plans") + 1] if "has_plans" in fixed else fixed
    if not rows:
        return table
    return _integral(table[head + indicators + [c for c in fixed if c not in head]])


def _integral(table):
    """Whole-number columns as nullable integers (2021, not 2021.0)."""
    import pandas as pd

    for column in table.columns:
        values = table[column]
        if pd.api.types.is_float_dtype(values) and values.dropna().apply(float.is_integer).all():
            table[column] = values.astype("Int64")
    return table


def is_indicator_column(column: str) -> bool:
    """Whether a table column holds an indicator's value (not an id, a flag or a count of units)."""
    return _is_indicator(column)


def _is_indicator(column: str) -> bool:
    prefixes = ("has_", "measures_", "problems_", "findings_")
    fixed = {"doc_id", "source", "part", "township", "township_key", "year", "half", "quarter", "period_kind",
             "period", "language", "problem_categories", "measure_evidence", "problem_evidence", "placeholders",
             "corrections", RECOMPUTED_RATE}
    return column not in fixed and not column.startswith(prefixes)


# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection); the
# usual apostrophe prefix makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell that a spreadsheet would run as a formula, prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(table):
    """The table with every text cell made safe (numbers are left as they are)."""
    import pandas as pd

    safe = table.copy()
    for column in safe.columns:
        if pd.api.types.is_object_dtype(safe[column]) or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(safe_cell)
    safe.columns = [safe_cell(str(column)) for column in safe.columns]
    return safe


def write_table_csv(table, path: Path) -> None:
    """table.csv: the table with formula-like text cells neutralised, written atomically."""
    with atomic_path(path) as temporary:
        safe_frame(table).to_csv(temporary, index=False, lineterminator="\n", encoding=CSV_ENCODING)


def write_table(records: list[Record], path: Path) -> None:
    write_table_csv(build_table(records), path)


def fact_rows(records: Iterable[Record]) -> Iterator[list]:
    """One row per fact in FACT_COLUMNS order: its record's doc_id and source, then the fact's
    fields, flags joined by ";" (facts.csv and the workbook's Facts sheet)."""
    fields, flags = attrgetter(*FACT_FIELDS[2:]), FACT_COLUMNS.index("fact_flags")
    for record in records:
        for fact in record.facts:
            row = [record.doc_id, record.source, *fields(fact)]
            row[flags] = ";".join(fact.flags)
            yield row


def _csv_value(value: float | int) -> str:
    """Whole values without ".0"; ints of any size exactly."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class FactsCsv:
    """facts.csv rows written as records come; the CSV dialect is pandas' to_csv: minimal
    quoting, "\n" line ends, empty cells for missing values. `handle` is opened with CSV_ENCODING."""

    def __init__(self, handle) -> None:
        self._writer = csv.writer(handle, lineterminator="\n")
        self._writer.writerow(FACT_COLUMNS)

    def add(self, records: Iterable[Record]) -> None:
        self.add_rows(fact_rows(records))

    def add_rows(self, rows: Iterable[Sequence]) -> None:
        """Rows of fact_rows (left as they are): text made safe (safe_cell), values as _csv_value writes them."""
        value, value_max = FACT_COLUMNS.index("value"), FACT_COLUMNS.index("value_max")
        starts, writerow = FORMULA_STARTS, self._writer.writerow
        for row in rows:
            row = ["'" + cell if isinstance(cell, str) and cell.startswith(starts) else cell for cell in row]  # safe_cell
            row[value] = _csv_value(row[value])
            row[value_max] = None if row[value_max] is None else _csv_value(row[value_max])
            writerow(row)


def write_facts(records: Iterable[Record], path: Path) -> None:
    """facts.csv, streamed row by row (a national batch holds millions of facts)."""
    with atomic_path(path) as temporary, temporary.open("w", encoding=CSV_ENCODING, newline="") as handle:
        FactsCsv(handle).add(records)
