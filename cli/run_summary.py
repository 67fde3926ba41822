"""The closing summary of `petition-miner run` on stderr, in the chosen language."""

from __future__ import annotations

from typing import Protocol

from rich.cells import cell_len
from rich.markup import escape

from cli.common import err_console
from pipeline.i18n import error_message, join_labels, severity_label, text

SEVERITIES = ("error", "warning", "info")
Note = tuple[str, dict]  # a text key of cli.yaml and its fields


class FinishedBatch(Protocol):
    results: list
    severity: dict
    elapsed: float
    stages: dict[str, float]
    written: dict
    notes: list[Note]
    failed: list[Note]
    records: int
    errors: list

    def count(self, status: str) -> tuple[int, int]: ...


def _aligned(rows: list[tuple[str, str]]) -> list[str]:
    """Label and value per line, the values in one column (wide characters count twice)."""
    width = max((cell_len(label) for label, _ in rows if label), default=0) + 2
    return [f"{label}{' ' * (width - cell_len(label))}{value}" if label else value for label, value in rows]


def summary_lines(batch: FinishedBatch, lang: str) -> list[str]:
    """Files, documents, records, findings, errors, what was skipped, time, notes and where the outputs are."""
    t = lambda key, **fields: text(key, lang, **fields)  # noqa: E731
    read_files, read_docs = batch.count("processed")
    skipped_files, skipped_docs = batch.count("skipped")
    findings = join_labels((t("sum_severity_count", n=batch.severity.get(s, 0), severity=severity_label(s, lang))
                            for s in SEVERITIES), lang)
    stages = join_labels((t("sum_stage", stage=t(f"stage_{key.replace(' ', '_')}"), seconds=f"{seconds:.1f}")
                          for key, seconds in batch.stages.items()), lang)
    rows = [
        (t("sum_files"), t("sum_files_value", n=len(batch.results), processed=read_files, skipped=skipped_files,
                           unread=len(batch.errors))),
        (t("sum_documents"), t("sum_documents_value", n=read_docs + skipped_docs, processed=read_docs,
                               skipped=skipped_docs)),
        (t("sum_records"), str(batch.records)),
        (t("sum_findings"), findings),
        (t("sum_errors"), str(len(batch.errors))),
        *(("", "  " + error_message(e.error, lang)) for e in batch.errors),
        (t("sum_skipped"), t("sum_skipped_value", documents=skipped_docs, files=skipped_files)),
        (t("sum_elapsed"), t("sum_seconds", seconds=f"{batch.elapsed:.1f}")
         + (t("sum_stages", stages=stages) if batch.stages else "")),
        *((t("sum_note"), t(key, **fields)) for key, fields in batch.notes),
        *((t("sum_failed"), t(key, **fields)) for key, fields in batch.failed),
    ]
    where = batch.written
    rows.append((t("sum_table"), join_labels((str(where[k]) for k in ("table", "xlsx", "parquet") if k in where), lang)))
    rows += [(t(f"sum_{key}"), str(where[key])) for key in ("report", "records", "store") if key in where]
    return _aligned(rows)


def print_summary(batch: FinishedBatch, lang: str) -> None:
    err_console.print(escape("\n".join(summary_lines(batch, lang))), highlight=False, soft_wrap=True)
