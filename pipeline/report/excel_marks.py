"""Which cells of the workbook's Summaries sheet a finding marks, in which colour, with which comment."""

from __future__ import annotations

from pipeline.report.cells import finding_note
from pipeline.schema import Finding, Record

SEVERITY_ORDER = ("error", "warning", "info")  # the worst first: a cell takes the colour of its worst finding
# (fill, font) of a marked cell, by severity
SEVERITY_COLOURS = {"error": ("FFC7CE", "9C0006"), "warning": ("FFEB9C", "7A4F01"), "info": ("DDEBF7", "1F4E79")}
NO_FACT_COLUMN = "township"  # a finding that names no figure with a column marks its summary's township

Mark = tuple[tuple[str, ...], str, str]  # (indicators of the facts a finding names, its severity, its text)
Flags = dict[tuple[int, int], list[tuple[str, str]]]  # (row, column) -> (severity, text) of each finding there


def mark_text(finding: Finding, lang: str = "en") -> str:
    """The comment line of one finding in `lang`: its rule's title and its message."""
    return finding_note(finding, lang)


def finding_marks(record: Record, lang: str = "en", messages: list[str] | None = None) -> list[Mark]:
    """(indicators, severity, text in `lang`) of every finding of the record: the indicators of the
    facts it names mark their columns of the Summaries sheet (none: its township cell). `messages`:
    each finding's finding_message, when the caller has them."""
    facts = {fact.id: fact.indicator for fact in record.facts}
    notes = [mark_text(finding, lang) for finding in record.findings] if messages is None else \
        [finding_note(finding, lang, message) for finding, message in zip(record.findings, messages, strict=True)]
    return [(tuple(facts[f] for f in finding.facts if facts.get(f)), finding.severity, note)
            for finding, note in zip(record.findings, notes)]


def error_marks(record: Record, lang: str = "en") -> list[Mark]:
    """finding_marks of the error findings only."""
    return [mark for mark in finding_marks(record, lang) if mark[1] == "error"]


def worst(severities) -> str:
    return min(severities, key=SEVERITY_ORDER.index)


def marked_cells(marks: dict[str, list[Mark]], columns: list[str], doc_ids: list[str]) -> Flags:
    """(row, column) of the sheet (1-based, header is row 1) -> (severity, text) of the findings
    there, the worst first. A finding marks the indicator column of each fact it names; one without
    facts, or whose facts have no column, marks the township cell (else the doc_id cell). Rows past
    Excel's limit count on as if the sheet had no end; the writer places them on continuation sheets."""
    position = {column: n for n, column in enumerate(columns, 1)}
    fallback = position.get(NO_FACT_COLUMN, position.get("doc_id", 1))
    cells: Flags = {}
    for row, doc_id in enumerate(doc_ids, 2):
        for indicators, severity, text in marks.get(doc_id, ()):
            targets = {position[indicator] for indicator in indicators if indicator in position}
            for column in sorted(targets or {fallback}):
                found = cells.setdefault((row, column), [])
                if (severity, text) not in found:
                    found.append((severity, text))
    for found in cells.values():
        found.sort(key=lambda item: SEVERITY_ORDER.index(item[0]))
    return cells


def flags_of_part(flagged: Flags, offset: int, capacity: int) -> Flags:
    """The flags of the sheet holding data rows offset + 1 ... offset + capacity, as 0-based
    (row, column) of that sheet, whose header is row 0."""
    part = {}
    for (row, column), found in flagged.items():
        local = row - 1 - offset
        if 1 <= local <= capacity:
            part[(local, column - 1)] = found
    return part
