"""Records -> one comparison table (a pandas DataFrame, one row per summary)."""

from __future__ import annotations

from pathlib import Path

from pipeline.atomic import atomic_path
from pipeline.schema import Record

SECTION_KINDS = ("overview", "measures", "results", "problems", "plans")


def record_row(record: Record) -> dict:
    kinds = {section.kind for section in record.sections}
    row = {
        "doc_id": record.doc_id,
        "source": record.source,
        "part": record.part,
        "township": record.township,
        "year": record.period.year,
        "half": record.period.half,
        "language": record.language,
    }
    row.update({f"has_{kind}": kind in kinds for kind in SECTION_KINDS})
    return row


def build_table(records: list[Record]):
    import pandas as pd

    return pd.DataFrame([record_row(record) for record in records])


def write_table(records: list[Record], path: Path) -> None:
    table = build_table(records)
    with atomic_path(path) as temporary:
        table.to_csv(temporary, index=False, lineterminator="\n")
