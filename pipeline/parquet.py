"""facts.parquet and table.parquet: the long and the comparison table with typed columns (pyarrow)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from pipeline.atomic import atomic_path
from pipeline.schema import Record
from pipeline.table import FACT_COLUMNS, fact_rows, is_indicator_column

ROW_GROUP = 100_000  # facts buffered before a row group is written
TEXT_COLUMNS = ("doc_id", "source", "id", "indicator", "subject", "unit", "kind", "qualifier", "part_of",
                "refers_to", "per", "scope", "surface")


def parquet_ready() -> bool:
    """Whether pyarrow is installed (the `parquet` extra)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def fact_schema():
    """Columns of facts.parquet, in FACT_COLUMNS order: text, value and value_max as doubles,
    offsets as 64-bit integers, fact_flags a list of strings."""
    import pyarrow as pa

    types = {"value": pa.float64(), "value_max": pa.float64(), "start": pa.int64(), "end": pa.int64(),
             "fact_flags": pa.list_(pa.string())}
    return pa.schema([(column, types.get(column, pa.string())) for column in FACT_COLUMNS])


class FactsParquet:
    """facts.parquet written as records come, a row group at a time; close() ends the file. The
    writer opens with the first row group: opening one reserves about 1 GB of address space
    (Arrow's allocator), which a run's facts, written while the workers run, should not take
    before the models are loaded."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._schema = fact_schema()
        self._writer = None
        self._rows: list = []  # the rows of the next row group
        self._flags = FACT_COLUMNS.index("fact_flags")

    def add(self, records: Iterable[Record]) -> None:
        self.add_rows(fact_rows(records))

    def add_rows(self, rows: Iterable[Sequence]) -> None:
        """Rows of pipeline.table.fact_rows (left as they are: facts.csv and the workbook take them too)."""
        self._rows.extend(rows)
        if len(self._rows) >= ROW_GROUP:
            self._flush()

    def _open(self):
        import pyarrow.parquet as pq

        if self._writer is None:
            self._writer = pq.ParquetWriter(str(self._path), self._schema, compression="zstd")
        return self._writer

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            columns = list(zip(*self._rows))
            columns[self._flags] = [flags.split(";") if flags else [] for flags in columns[self._flags]]
            self._open().write_table(pa.Table.from_arrays(
                [pa.array(values, type=field.type) for values, field in zip(columns, self._schema)],
                schema=self._schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._open().close()


def write_facts_parquet(records: Iterable[Record], path: Path) -> None:
    with atomic_path(path) as temporary:
        writer = FactsParquet(temporary)
        writer.add(records)
        writer.close()


INTEGER_COLUMNS = ("part", "year", "half", "quarter", "placeholders", "corrections")
INTEGER_PREFIXES = ("measures_", "problems_", "findings_")


def _column_type(column: str, values):
    """The Arrow type of a table column, the same in every batch: ids and text as strings, has_*
    as booleans, periods and counts of units as integers, every indicator value as a double."""
    import pandas as pd
    import pyarrow as pa

    if column in INTEGER_COLUMNS or column.startswith(INTEGER_PREFIXES):
        return pa.int64()
    if column.startswith("has_"):
        return pa.bool_()
    if is_indicator_column(column) or column == "settlement_rate_recomputed":
        return pa.float64()
    if pd.api.types.is_bool_dtype(values):
        return pa.bool_()
    return pa.string()


def table_arrow(table):
    """The comparison table as an Arrow table, typed column by column (_column_type)."""
    import pyarrow as pa

    arrays, fields = [], []
    for column in table.columns:
        values = table[column]
        kind = _column_type(str(column), values)
        cells = [None if _missing(value) else value for value in values.tolist()]
        if kind == pa.float64():
            cells = [None if value is None else float(value) for value in cells]
        arrays.append(pa.array(cells, type=kind))
        fields.append(pa.field(str(column), kind))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _missing(value) -> bool:
    import pandas as pd

    return value is None or (not isinstance(value, (str, bool)) and bool(pd.isna(value)))


def write_table_parquet(table, path: Path) -> None:
    """table.parquet: the comparison table, the same columns as table.csv."""
    import pyarrow.parquet as pq

    with atomic_path(path) as temporary:
        pq.write_table(table_arrow(table), str(temporary), compression="zstd")
