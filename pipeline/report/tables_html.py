"""The tables of a summary as HTML tables in the report: header cells, figures with their binding, flagged cells marked."""

from __future__ import annotations

from pipeline.lexicon import ResourceModel, load_resource
from pipeline.report.markup import attr, esc
from pipeline.schema import Record, Table, TableCell

TABLE_CSS = """
.st{border-collapse:collapse;margin:.4em 0 1em;font-size:.92em}
.st caption{caption-side:top;text-align:left;font-weight:600;padding:.2em 0}
.st th,.st td{border:1px solid #c9d1d9;padding:.2em .55em;text-align:center}
.st th{background:#f3f5f7;font-weight:600}
.st td.fig{background:#eef6ff}
.st td.flag{background:#ffe3e3;outline:2px solid #d1242f;outline-offset:-2px}
.st td.flag.sev-warning{background:#fff4d6;outline-color:#bf8700}
.st td.inv{background:#fff0f0;outline:1px dashed #d1242f;outline-offset:-2px}
"""
SEVERITY_ORDER = ("error", "warning", "info")


class TableLabels(ResourceModel):
    """pipeline/resources/<lang>/report_tables.yaml."""

    heading: str
    table: str
    flagged: str
    figure: str
    unbound: str


def table_labels(lang: str) -> TableLabels:
    return load_resource(lang, "report_tables", TableLabels)


def _flags(record: Record) -> dict[str, tuple[str, bool, list[str]]]:
    """Fact id -> (the gravest severity, whether a finding is about it, the messages) of the
    warnings and errors that name it: the first fact of a finding is the one it is about (the rate
    that does not recompute), the others are its evidence (the counts)."""
    found: dict[str, tuple[str, bool, list[str]]] = {}
    for finding in record.findings:
        if finding.severity == "info":
            continue
        for n, fact_id in enumerate(finding.facts):
            severity, about, messages = found.get(fact_id, (finding.severity, False, []))
            if SEVERITY_ORDER.index(finding.severity) < SEVERITY_ORDER.index(severity):
                severity = finding.severity
            found[fact_id] = (severity, about or n == 0, messages + [f"{finding.rule}: {finding.message}"])
    return found


def _cell(cell: TableCell, record: Record, flags: dict, labels: TableLabels) -> str:
    spans = f' colspan="{cell.column_span}"' if cell.column_span > 1 else ""
    if cell.header:
        return f"<th{spans}>{esc(cell.text)}</th>"
    facts = {f.id: f for f in record.facts if f.id in cell.facts}
    notes = [labels.figure.format(indicator=f.indicator or labels.unbound, value=f.value, kind=f.kind)
             for f in facts.values()]
    flagged = [flags[i] for i in cell.facts if i in flags]
    classes = ["fig"] if facts else []
    if flagged:
        worst = min((severity for severity, _, _ in flagged), key=SEVERITY_ORDER.index)
        classes += ["flag" if any(about for _, about, _ in flagged) else "inv", f"sev-{worst}"]
        notes += [labels.flagged] + [message for _, _, messages in flagged for message in messages]
    title = f' title="{attr(chr(10).join(notes))}"' if notes else ""
    cls = f' class="{attr(" ".join(classes))}"' if classes else ""
    return f"<td{cls}{title}{spans}>{esc(cell.text)}</td>"


def _table(table: Table, record: Record, flags: dict, labels: TableLabels) -> str:
    covered = {(c.row, c.column + k) for c in table.cells if c.column_span > 1 for k in range(1, c.column_span)}
    rows = []
    for r in range(table.rows):
        cells = [c for c in table.cells if c.row == r and (c.row, c.column) not in covered]
        rows.append("<tr>" + "".join(_cell(c, record, flags, labels) for c in cells) + "</tr>")
    caption = table.caption or f"{labels.table} {table.id}"
    return f'<table class="st" id="{attr(record.doc_id)}-{attr(table.id)}"><caption>{esc(caption)}</caption>' \
        + "".join(rows) + "</table>"


def tables_section(record: Record, lang: str = "en") -> str:
    """The record's tables under a heading, or nothing when it holds none."""
    if not record.tables:
        return ""
    labels = table_labels(lang)
    flags = _flags(record)
    body = "".join(_table(table, record, flags, labels) for table in record.tables)
    return f'<details open><summary>{esc(labels.heading)} ({len(record.tables)})</summary>{body}</details>'
