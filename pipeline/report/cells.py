"""Cell values of the workbook in the chosen language: ids (severity, rule, indicator, kind, unit, category) shown by their labels."""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from pipeline.i18n import (boolean_label, category_label, period_kind_label, finding_message, flag_label, indicator_label,
                           join_labels, kind_label, language_label, per_label, qualifier_label, rule_title,
                           scope_label, severity_label, text, unit_label)
from pipeline.schema import Finding, Record
from pipeline.table import FACT_COLUMNS

# Facts sheet columns whose values are ids, and how each is shown; the others (doc_id, source,
# the fact id and its references, numbers, offsets, surfaces, subjects) stay as they are.
_FACT_LABELS = {"indicator": indicator_label, "unit": unit_label, "kind": kind_label,
                "qualifier": qualifier_label, "per": per_label, "scope": scope_label}
_FLAGS = FACT_COLUMNS.index("fact_flags")


def finding_cells(record: Record, finding: Finding, lang: str, message: str | None = None) -> list:
    """A row of the Findings sheet: the record's ids, the rule's title, the severity, the message
    (finding_message's, unless given), the offsets and the ids of the facts it names (the Facts
    sheet's id column)."""
    message = finding_message(finding, lang) if message is None else message
    return [record.doc_id, record.source, rule_title(finding.rule, lang), severity_label(finding.severity, lang),
            message, finding.start, finding.end, ";".join(finding.facts)]


def finding_note(finding: Finding, lang: str, message: str | None = None) -> str:
    """The comment a finding puts on the cells it marks: its rule's title and its message
    (finding_message's, unless given)."""
    message = finding_message(finding, lang) if message is None else message
    return text("finding_note", lang, title=rule_title(finding.rule, lang), message=message)


def fact_cells(row: Sequence, lang: str) -> list:
    """A row of pipeline.table.fact_rows (FACT_COLUMNS order) with its ids shown by their labels."""
    cells = list(row)
    for column, label in _FACT_LABELS.items():
        at = FACT_COLUMNS.index(column)
        if cells[at]:
            cells[at] = label(cells[at], lang)
    if cells[_FLAGS]:
        cells[_FLAGS] = join_labels((flag_label(flag, lang) for flag in cells[_FLAGS].split(";")), lang)
    return cells


def localized_fact_rows(rows: Iterable[Sequence], lang: str) -> Iterator[list]:
    return (fact_cells(row, lang) for row in rows)


def summary_cell(column: str, value: object, lang: str) -> object:
    """A cell of the Summaries sheet: the language, the period kind and the problem categories by their labels,
    yes/no in Chinese for the section flags (English keeps Excel's TRUE and FALSE)."""
    if value is None or value == "":
        return value
    if column == "language":
        return language_label(str(value), lang)
    if column == "period_kind":
        return period_kind_label(str(value), lang)
    if column in ("measure_evidence", "problem_evidence"):  # category@start-end,…;category@… (ids to labels)
        return ";".join(f"{category_label(category, lang)}@{spans}" for item in str(value).split(";")
                        for category, _, spans in (item.partition("@"),))
    if column == "problem_categories":
        return join_labels((category_label(c, lang) for c in str(value).split(";")), lang)
    if isinstance(value, bool) and lang != "en":
        return boolean_label(value, lang)
    return value


def localized_summary_rows(rows: Iterable[list], columns: Sequence[str], lang: str) -> Iterator[list]:
    for row in rows:
        yield [summary_cell(column, value, lang) for column, value in zip(columns, row)]
