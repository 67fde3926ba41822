"""The rows the store writes, built from records: its tables' columns, a record's rows, the queue of a save."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable, Sequence

from pipeline.schema import Record

# table -> (column, DuckDB type); the order is the order of the rows built below
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "files": (("source", "VARCHAR"), ("content_hash", "VARCHAR"), ("text", "VARCHAR"),
              ("text_hash", "VARCHAR"), ("settings", "VARCHAR"), ("path", "VARCHAR")),
    "documents": (("doc_id", "VARCHAR"), ("source", "VARCHAR"), ("part", "INTEGER"),
                  ("content_hash", "VARCHAR"), ("language", "VARCHAR"), ("township", "VARCHAR"),
                  ("year", "INTEGER"), ("half", "INTEGER"), ("quarter", "INTEGER"),
                  ("period_raw", "VARCHAR"), ("title", "VARCHAR"), ("start", "INTEGER"),
                  ("end", "INTEGER"), ("record_json", "VARCHAR"), ("file_text_hash", "VARCHAR"),
                  ("path", "VARCHAR")),
    "facts": (("doc_id", "VARCHAR"), ("source", "VARCHAR"), ("id", "VARCHAR"), ("indicator", "VARCHAR"),
              ("subject", "VARCHAR"), ("value", "DOUBLE"), ("unit", "VARCHAR"), ("kind", "VARCHAR"),
              ("qualifier", "VARCHAR"), ("part_of", "VARCHAR"), ("refers_to", "VARCHAR"),
              ("per", "VARCHAR"), ("scope", "VARCHAR"), ("flags", "VARCHAR[]"), ("start", "INTEGER"),
              ("end", "INTEGER"), ("surface", "VARCHAR"), ("path", "VARCHAR")),
    "measures": (("doc_id", "VARCHAR"), ("source", "VARCHAR"), ("id", "VARCHAR"), ("text", "VARCHAR"),
                 ("start", "INTEGER"), ("end", "INTEGER"), ("categories", "VARCHAR[]"),
                 ("scores", "VARCHAR"), ("path", "VARCHAR")),
    "problems": (("doc_id", "VARCHAR"), ("source", "VARCHAR"), ("id", "VARCHAR"), ("text", "VARCHAR"),
                 ("start", "INTEGER"), ("end", "INTEGER"), ("categories", "VARCHAR[]"),
                 ("scores", "VARCHAR"), ("path", "VARCHAR")),
    "findings": (("doc_id", "VARCHAR"), ("source", "VARCHAR"), ("rule", "VARCHAR"), ("severity", "VARCHAR"),
                 ("message", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("facts", "VARCHAR[]"),
                 ("path", "VARCHAR")),
}
RECORD_TABLES = ("documents", "facts", "measures", "problems", "findings")
ToJson = Callable[[Record], str]  # a record's JSON (Record.to_json, or what the caller already made of it)



def _batch_rules() -> frozenset[str]:
    from pipeline.checks.rules import CROSS_RULES

    return CROSS_RULES


def without_batch_findings(record: Record) -> Record:
    """The record as process_path made it: cross-document findings are recomputed for each batch."""
    rules = _batch_rules()
    return record.model_copy(update={"findings": tuple(f for f in record.findings if f.rule not in rules)})


def _document_row(record: Record, content_hash: str, text_hash: str, path: str, to_json: ToJson) -> tuple:
    period = record.period
    return (record.doc_id, record.source, record.part, content_hash, record.language, record.township,
            period.year, period.half, period.quarter, period.raw, record.title, record.start, record.end,
            to_json(record), text_hash, path)


def _record_rows(record: Record, path: str) -> dict[str, list[tuple]]:
    ids = (record.doc_id, record.source)
    return {
        "facts": [(*ids, f.id, f.indicator, f.subject, float(f.value), f.unit, f.kind, f.qualifier, f.part_of,
                   f.refers_to, f.per, f.scope, list(f.flags), f.start, f.end, f.surface, path)
                  for f in record.facts],
        "measures": [(*ids, m.id, m.text, m.start, m.end, list(m.categories), json.dumps(m.scores, sort_keys=True),
                      path) for m in record.measures],
        "problems": [(*ids, p.id, p.text, p.start, p.end, list(p.categories), json.dumps(p.scores, sort_keys=True),
                      path) for p in record.problems],
        "findings": [(*ids, f.rule, f.severity, f.message, f.start, f.end, list(f.facts), path)
                     for f in record.findings],
    }


@dataclass
class _Pending:
    """Rows and deletions queued for the next flush of a save."""

    rows: dict[str, list[tuple]] = field(default_factory=lambda: {table: [] for table in TABLES})
    replace: list[str] = field(default_factory=list)  # paths whose rows are written anew (or removed)
    refresh: list[str] = field(default_factory=list)  # unchanged paths whose findings changed

    @property
    def size(self) -> int:
        return sum(map(len, self.rows.values()))

    def add(self, records: Sequence[Record], content_hash: str, text_hash: str, path: str, tables,
            to_json: ToJson = Record.to_json) -> None:
        for record in records:
            if "documents" in tables:
                self.rows["documents"].append(_document_row(record, content_hash, text_hash, path, to_json))
            for table, items in _record_rows(record, path).items():
                if table in tables:
                    self.rows[table].extend(items)
