"""The batch overview of the report: the table of summaries, the townships compared, the rules."""

from __future__ import annotations

import math
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Container, Sequence

from pipeline.i18n import language_label, rule_title
from pipeline.report.labels import SEVERITIES, ReportLabels
from pipeline.report.markup import attr, esc
from pipeline.schema import Period, Record
from pipeline.table import record_row

KEY_INDICATORS = ("petitions_total", "cases_settled", "settlement_rate", "satisfaction_rate")
NUMERIC = ' class="n"'


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What the overview shows of one summary: a run keeps one for every summary of its batch,
    and the whole record only for those the report shows in full."""

    doc_id: str
    source: str
    township: str | None
    period: Period
    language: str
    measures: int  # measure units
    findings: tuple[tuple[str, str], ...]  # (rule, severity) of each finding
    row: dict  # its row of the comparison table (pipeline.table.record_row)
    problems: int = 0  # problem units

    @classmethod
    def of(cls, record: Record, row: dict | None = None) -> DocumentSummary:
        return cls(record.doc_id, record.source, record.township, record.period, record.language,
                   len(record.measures), tuple((sys.intern(f.rule), sys.intern(f.severity)) for f in record.findings),
                   record_row(record) if row is None else row, len(record.problems))

    @property
    def severities(self) -> list[str]:
        return [severity for _, severity in self.findings]


def number(value: object) -> str:
    """A figure as shown: thousands separated, at most two decimals, empty when unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def raw(value: object) -> str:
    """The sort key of a cell: the plain number, or empty when unknown."""
    shown = number(value)
    return shown.replace(",", "")


def record_label(record: Record | DocumentSummary, labels: ReportLabels) -> str:
    """'Township · period' of a summary; the parts that are unknown say so."""
    township = record.township or labels.fields["unknown_township"]
    period = record.period.raw or labels.fields["unknown_period"]
    return f"{township} · {period}"


def _head(columns: list[tuple[str, bool]], labels: ReportLabels) -> str:
    cells = "".join(
        f'<th scope="col"{NUMERIC if numeric else ""}><button type="button">'
        f"{esc(labels.columns.get(key, key))}</button></th>"
        for key, numeric in columns
    )
    return f"<thead><tr>{cells}</tr></thead>"


def _count_cell(count: int, severity: str) -> str:
    if not count:
        return '<td class="n" data-v="0"><span class="zero">0</span></td>'
    return f'<td class="n" data-v="{count}"><span class="cnt sev-{attr(severity)}">{count}</span></td>'


def _link(n: int, text: str, shown: Container[int], title: str | None = None, cls: str | None = None) -> str:
    """The summary's name, a link to it when it is shown in full (else plain text)."""
    extra = (f' class="{attr(cls)}"' if cls else "") + (f' title="{attr(title)}"' if title else "")
    if n in shown:
        return f'<a href="#doc-{n}"{extra}>{esc(text)}</a>'
    return f"<span{extra}>{esc(text)}</span>"


def _table_row(n: int, record: DocumentSummary, shown: Container[int], lang: str = "en") -> str:
    row = record.row
    cells = [
        f'<td data-v="{attr(record.doc_id)}">{_link(n, record.doc_id, shown)}</td>',
        f"<td>{esc(record.township or '')}</td>",
        f"<td>{esc(record.period.raw or '')}</td>",
        f'<td><span class="badge lang">{esc(language_label(record.language, lang))}</span></td>',
    ]
    for key in KEY_INDICATORS:
        value = row.get(key)
        over = " over" if key.endswith("_rate") and raw(value) and float(raw(value)) > 100 else ""
        cells.append(f'<td class="n{over}" data-v="{attr(raw(value))}">{esc(number(value))}</td>')
    cells.append(f'<td class="n" data-v="{record.measures}">{record.measures}</td>')
    cells.extend(_count_cell(row[f"findings_{s}"], s) for s in SEVERITIES)
    return "<tr>" + "".join(cells) + "</tr>"


def summary_table(records: Sequence[DocumentSummary], labels: ReportLabels, shown: Container[int],
                  lang: str = "en") -> str:
    columns = [("summary", False), ("township", False), ("period", False), ("language", False)]
    columns += [(key, True) for key in KEY_INDICATORS] + [("measures", True)]
    columns += [(s, True) for s in SEVERITIES]
    body = "".join(_table_row(n, r, shown, lang) for n, r in enumerate(records, 1))
    return (
        f'<section class="card" id="overview"><h2>{esc(labels.headings["table"])}</h2>'
        f'<p class="hint">{esc(labels.headings["table_hint"])}</p>'
        f'<div class="scroll tall"><table class="sortable">{_head(columns, labels)}'
        f"<tbody>{body}</tbody></table></div></section>"
    )


def rule_counts(records: Sequence[DocumentSummary], labels: ReportLabels, lang: str = "en") -> str:
    """One row per (rule, severity) with its count, most frequent first."""
    counts = Counter(pair for r in records for pair in r.findings)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], SEVERITIES.index(item[0][1]), item[0][0]))
    peak = max([1] + list(counts.values()))
    body = "".join(
        f'<tr><td data-rule="{attr(rule)}"><code>{esc(rule_title(rule, lang))}</code></td>'
        f'<td><span class="badge sev-{attr(severity)}">{esc(labels.severity[severity])}</span></td>'
        f'<td data-v="{count}"><span class="rulebar" style="width:{120 * count / peak:.0f}px"></span>'
        f"{count}</td></tr>"
        for (rule, severity), count in ordered
    )
    columns = [("rule", False), ("severity", False), ("count", False)]
    table = (f'<table class="sortable rules">{_head(columns, labels)}<tbody>{body}</tbody></table>'
             if ordered else f'<p class="ok">{esc(labels.headings["no_data"])}</p>')
    return (
        f'<section class="card" id="rules"><h2>{esc(labels.headings["rules"])}</h2>'
        f'<p class="hint">{esc(labels.headings["rules_hint"])}</p>{table}</section>'
    )


def overview(records: Sequence[DocumentSummary], labels: ReportLabels, shown: Container[int] | None = None,
             lang: str = "en") -> str:
    """Every card of the batch overview, in reading order: the table of summaries, the townships
    compared (pipeline.report.charts), the rules; names link to the summaries `shown` in full
    (default: every one); ids (languages, rules) shown by their labels in `lang`."""
    from pipeline.report.charts import comparison  # charts reads DocumentSummary from here

    shown = range(1, len(records) + 1) if shown is None else shown
    return "".join((
        summary_table(records, labels, shown, lang),
        comparison(records, labels, shown),
        rule_counts(records, labels, lang),
    ))
