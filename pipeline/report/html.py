"""The self-contained HTML review report: batch overview, then every summary with its evidence."""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from pathlib import Path
from typing import Sequence

from pipeline.atomic import atomic_path
from pipeline.i18n import category_label, finding_message, language_label, rule_title, unit_label
from pipeline.report.evidence import evidence_list
from pipeline.report.assets import CATEGORY_COLOURS, FAMILY_COLOURS, script, stylesheet
from pipeline.report.cells import finding_note
from pipeline.report.labels import SEVERITIES, ReportLabels, column_labels, report_labels
from pipeline.report.markup import Mark, attr, esc, render
from pipeline.report.overview import DocumentSummary, number, overview, record_label
from pipeline.report.review import REVIEW_CSS, REVIEW_JS, review_block
from pipeline.report.tables_html import TABLE_CSS, tables_section
from pipeline.schema import MEASURE_CATEGORIES, Fact, Finding, Measure, Record
from pipeline.townships import assign_township_keys

RATE_KINDS = ("rate", "share", "change")
QUOTE_CHARS = 90
# Summaries shown in full (highlighted text, findings linked to evidence). A browser opens a
# report of 500 generated summaries in about 6 s and one of 2,000 in about a minute, so a larger
# batch shows those with the most serious findings; the overview still lists every summary.
DOCUMENT_VIEWS = 500
# Over the same range, evidence of a finding is outermost, figures innermost.
RANK_EVIDENCE, RANK_UNIT, RANK_PLACEHOLDER, RANK_FIGURE = 0, 1, 2, 3


def write_report(records: list[Record], texts: dict[str, str], path: Path, labels: str = "en",
                 limit: int = DOCUMENT_VIEWS, hashes: dict[str, str] | None = None) -> None:
    """Write one offline HTML file reviewing `records`; `texts` maps each source to its text
    (`hashes` to its bytes' sha256: the review controls that build a corrections file)."""
    _write_page(build_report(records, texts, labels, limit, hashes), path)


def write_summaries_report(summaries: Sequence[DocumentSummary], documents: dict[int, tuple[Record, str]],
                           path: Path, labels: str = "en", hashes: dict[str, str] | None = None) -> None:
    """write_report from the summary of every record and the records shown in full (by position,
    1-based, with their file's text; see shown_documents): what a run keeps of a large batch.
    The page is written part by part, never held whole (nor encoded whole)."""
    _write_parts(_report_parts(summaries, documents, labels, hashes), path)


def _write_page(page: str, path: Path) -> None:
    _write_parts([page], path)


def _write_parts(parts: list[str], path: Path) -> None:
    with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8", newline="\n") as handle:
        for part in parts:
            handle.write(part)


def build_report(records: list[Record], texts: dict[str, str], labels: str = "en",
                 limit: int = DOCUMENT_VIEWS, hashes: dict[str, str] | None = None) -> str:
    """The whole page as a string; the same input always gives the same bytes. At most `limit`
    summaries are shown in full (0: every one), see shown_documents."""
    missing = sorted({r.source for r in records} - set(texts))
    if missing:
        raise ValueError(f"no text given for the sources {missing}; pass every record's file text")
    summaries = [DocumentSummary.of(record) for record in records]
    assign_township_keys([summary.row for summary in summaries])
    shown = shown_documents(summaries, limit)
    return render_report(summaries, {n: (records[n - 1], texts[records[n - 1].source]) for n in shown}, labels,
                         hashes)


def render_report(summaries: Sequence[DocumentSummary], documents: dict[int, tuple[Record, str]],
                  labels: str = "en", hashes: dict[str, str] | None = None) -> str:
    """The page: the overview of every summary, then the documents shown in full."""
    return "".join(_report_parts(summaries, documents, labels, hashes))


def _report_parts(summaries: Sequence[DocumentSummary], documents: dict[int, tuple[Record, str]],
                  labels: str = "en", hashes: dict[str, str] | None = None) -> list[str]:
    """render_report's page in the order written: its head, the overview, each document shown, the rest."""
    ui, names = report_labels(labels), column_labels(labels)
    shown = frozenset(documents)
    pages = [_document(n, *documents[n], ui, names, labels) for n in sorted(shown)]
    notice = "" if len(shown) == len(summaries) else \
        f'<p class="hint">{esc(ui.headings["summaries_limited"].format(shown=len(shown), total=len(summaries)))}</p>'
    head, tail = _page_ends(ui)
    return [
        head, _nav(summaries, ui, shown, labels) + '<main><header class="page" id="top">'
        f"<h1>{esc(ui.title)}</h1><p>{esc(_subtitle(summaries, ui))}</p></header>",
        overview(summaries, ui, shown, labels),
        f'<section id="summaries"><div class="card"><h2>{esc(ui.headings["summaries"])}</h2>'
        + notice + _legend(ui) + "</div>", *pages, "</section>"
        + f"<footer>{esc(ui.generator)}</footer></main>", review_block(documents, hashes, labels), tail,
    ]


def _page_ends(ui: ReportLabels) -> tuple[str, str]:
    """What the page holds before its body and after it."""
    code = script() + REVIEW_JS
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
    policy = (f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
              f"script-src 'sha256-{digest}'")
    return (
        f'<!DOCTYPE html>\n<html lang="{attr(ui.html_lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{attr(policy)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{esc(ui.title)}</title><link rel="icon" href="data:,">'
        f"<style>{stylesheet()}{TABLE_CSS}{REVIEW_CSS}</style></head>\n<body>",
        f"\n<script>{code}</script></body></html>\n",
    )


def _subtitle(summaries: Sequence[DocumentSummary], ui: ReportLabels) -> str:
    counts = Counter(severity for s in summaries for severity in s.severities)
    return ui.subtitle.format(records=len(summaries), files=len({s.source for s in summaries}),
                              errors=counts["error"], warnings=counts["warning"], infos=counts["info"])


def shown_documents(summaries: Sequence[DocumentSummary], limit: int = DOCUMENT_VIEWS) -> frozenset[int]:
    """Positions (1-based) of the summaries shown in full: every one when the batch has at most
    `limit` (or `limit` is 0), else the `limit` with the most errors, then warnings, then infos;
    earlier summaries first among equals."""
    if limit < 0:
        raise ValueError(f"the report limit must be 0 (every summary) or more, not {limit}")
    if not limit or len(summaries) <= limit:
        return frozenset(range(1, len(summaries) + 1))

    def gravity(n: int) -> tuple:
        severities = summaries[n - 1].severities
        return (*(-severities.count(s) for s in SEVERITIES), n)

    return frozenset(sorted(range(1, len(summaries) + 1), key=gravity)[:limit])


def _nav(summaries: Sequence[DocumentSummary], ui: ReportLabels, shown: frozenset[int], lang: str = "en") -> str:
    links = "".join(
        f'<a href="#{target}">{esc(ui.nav[key])}</a>'
        for key, target in (("table", "overview"), ("rates", "rates"), ("heatmap", "heatmap"),
                            ("rules", "rules"), ("summaries", "summaries"))
    )
    options = "".join(
        f'<option value="doc-{n}">{esc(record_label(r, ui))} ({esc(language_label(r.language, lang))})</option>'
        for n, r in enumerate(summaries, 1) if n in shown
    )
    jump = (f'<select id="jump" aria-label="{attr(ui.nav["jump"])}">'
            f'<option value="">{esc(ui.nav["jump"])}</option>{options}</select>')
    home = f'<b><a href="#top">{esc(ui.nav["top"])}</a></b>'
    return f'<nav class="top" aria-label="{attr(ui.title)}">{home}{links}{jump}</nav>'


def _swatch(classes: str, text: str) -> str:
    return f'<span class="sw {classes}">{esc(text)}</span>'


def _legend(ui: ReportLabels) -> str:
    families = "".join(_swatch(f"fig fam{_colour(n, FAMILY_COLOURS)}", f.name) for n, f in enumerate(ui.families))
    categories = "".join(
        _swatch(f"ms c{n}", ui.categories[c]) for n, c in enumerate(MEASURE_CATEGORIES)
    )
    marks = "".join((
        _swatch("pb", ui.marks["problem"]), _swatch("pl", ui.marks["plan"]),
        _swatch("ph", ui.marks["placeholder"]), _swatch("ev", ui.marks["evidence"]),
    ))
    return (
        f'<h3>{esc(ui.headings["legend"])}</h3>'
        f'<div class="legend"><b>{esc(ui.marks["figure"])}</b><div class="chips">{families}</div></div>'
        f'<div class="legend"><b>{esc(ui.marks["measure"])}</b><div class="chips">{categories}</div></div>'
        f'<div class="legend"><b>{esc(ui.marks["other"])}</b><div class="chips">{marks}</div></div>'
    )


def _colour(n: int, palette: tuple) -> int:
    return n % len(palette)


def _family_of(fact: Fact, ui: ReportLabels) -> int:
    """Index of the family colouring a figure: by indicator, else rates by kind, else 'other'."""
    ids = [family.id for family in ui.families]
    if fact.kind in ("share", "change") and "rates" in ids:
        return ids.index("rates")
    for n, family in enumerate(ui.families):
        if fact.indicator and fact.indicator in family.indicators:
            return n
    if fact.kind in RATE_KINDS and "rates" in ids:
        return ids.index("rates")
    if fact.kind == "profile" and "profile" in ids:
        return ids.index("profile")
    return len(ids) - 1


def _named(fact: Fact | None, names: dict[str, str]) -> str:
    """Another figure as a reader finds it: its indicator's label and its words in the text."""
    if fact is None:
        return ""
    return f"{names[fact.indicator]} {fact.surface}" if fact.indicator in names else fact.surface


def _fact_title(fact: Fact, ui: ReportLabels, names: dict[str, str], lang: str = "en",
                facts: dict[str, Fact] | None = None) -> str:
    """Tooltip of a figure: indicator, value, kind; unit, scope, relation (the figure it is part
    of or about, named by label and surface) and subject when known."""
    f, facts = ui.fields, facts or {}
    indicator = names.get(fact.indicator, fact.indicator) if fact.indicator else f["none"]
    value = number(fact.value) + (f" ({ui.qualifiers.get(fact.qualifier, fact.qualifier)})" if fact.qualifier else "")
    relation = "; ".join(part for part in (
        f"{f['part_of']} {_named(facts.get(fact.part_of), names)}" if fact.part_of in facts else "",
        f"{f['refers_to']} {_named(facts.get(fact.refers_to), names)}" if fact.refers_to in facts else "",
    ) if part)
    lines = [f"{f['fact']} {fact.surface}", f"{f['indicator']}: {indicator}", f"{f['value']}: {value}",
             f"{f['kind']}: {ui.kinds.get(fact.kind, fact.kind)}"]
    scope = ui.scopes.get(fact.scope, fact.scope) if fact.scope else None
    unit = unit_label(fact.unit, lang) if fact.unit else None
    optional = ((f["unit"], unit), (f["scope"], scope), (f["relation"], relation), (f["subject"], fact.subject))
    return "\n".join(lines + [f"{name}: {text}" for name, text in optional if text])


def _main_category(measure: Measure) -> str | None:
    known = [c for c in measure.categories if c in MEASURE_CATEGORIES]
    if not known:
        return None
    return max(known, key=lambda c: (measure.scores.get(c, 0.0), -known.index(c)))


def _measure_mark(measure: Measure, ui: ReportLabels) -> Mark:
    main = _main_category(measure)
    colour = f"c{_colour(MEASURE_CATEGORIES.index(main), CATEGORY_COLOURS)}" if main else "cx"
    names = ", ".join(
        ui.categories.get(c, c) + (f" ({measure.scores[c]:.2f})" if c in measure.scores else "")
        for c in measure.categories
    ) or ui.fields["none"]
    return Mark(measure.start, measure.end, RANK_UNIT, f"ms {colour}",
                f"{ui.fields['measure']}\n{ui.fields['categories']}: {names}")


def _evidence_range(finding: Finding, record: Record) -> tuple[int, int]:
    """The finding's span, clamped into its record so that its anchor always exists."""
    start = min(max(finding.start, record.start), record.end)
    return start, min(max(finding.end, start), record.end)


def _marks(n: int, record: Record, ui: ReportLabels, names: dict[str, str], lang: str = "en") -> list[Mark]:
    marks = [_measure_mark(m, ui) for m in record.measures]
    marks += [Mark(p.start, p.end, RANK_UNIT, "pb", f"{ui.marks['problem']}\n{ui.fields['categories']}: "
                   f"{', '.join(category_label(c, lang) for c in p.categories) or ui.fields['none']}")
              for p in record.problems]
    marks += [Mark(p.start, p.end, RANK_UNIT, "pl", ui.marks["plan"]) for p in record.plans]
    marks += [Mark(p.start, p.end, RANK_PLACEHOLDER, "ph", ui.marks["placeholder"]) for p in record.placeholders]
    facts = {fact.id: fact for fact in record.facts}
    marks += [Mark(f.start, f.end, RANK_FIGURE, f"fig fam{_colour(_family_of(f, ui), FAMILY_COLOURS)}",
                   _fact_title(f, ui, names, lang, facts)) for f in record.facts]
    for k, finding in enumerate(record.findings, 1):
        start, end = _evidence_range(finding, record)
        marks.append(Mark(start, end, RANK_EVIDENCE, f"ev sev-{finding.severity}",
                          finding_note(finding, lang), anchor=f"ev-{n}-{k}"))
    return marks


def _findings(n: int, record: Record, text: str, ui: ReportLabels, lang: str = "en") -> str:
    if not record.findings:
        return f'<p class="ok">{esc(ui.headings["no_findings"])}</p>'
    items = []
    for k, finding in enumerate(record.findings, 1):
        start, end = _evidence_range(finding, record)
        quote = text[start:end]
        quote = quote if len(quote) <= QUOTE_CHARS else quote[:QUOTE_CHARS] + "…"
        items.append(
            f'<li><a class="fl" href="#ev-{n}-{k}" data-ev="ev-{n}-{k}">'
            f'<span class="badge sev-{attr(finding.severity)}">{esc(ui.severity[finding.severity])}</span> '
            f'<code data-rule="{attr(finding.rule)}">{esc(rule_title(finding.rule, lang))}</code>'
            f'<span class="msg">{esc(finding_message(finding, lang))}</span></a>'
            + (f" <q>{esc(quote)}</q>" if quote.strip() else "") + "</li>"
        )
    return f'<ol class="findings">{"".join(items)}</ol>'


def _chips(record: Record, ui: ReportLabels) -> str:
    """A legend of the families and categories present in this summary."""
    families = sorted({_family_of(f, ui) for f in record.facts})
    categories = [c for c in MEASURE_CATEGORIES if any(c in m.categories for m in record.measures)]
    chips = [_swatch(f"fig fam{_colour(n, FAMILY_COLOURS)}", ui.families[n].name) for n in families]
    chips += [_swatch(f"ms c{MEASURE_CATEGORIES.index(c)}", ui.categories[c]) for c in categories]
    present = (("pb", "problem", record.problems), ("pl", "plan", record.plans),
               ("ph", "placeholder", record.placeholders), ("ev", "evidence", record.findings))
    chips += [_swatch(cls, ui.marks[key]) for cls, key, items in present if items]
    return f'<div class="chips">{"".join(chips)}</div>'


def _document(n: int, record: Record, text: str, ui: ReportLabels, names: dict[str, str], lang: str = "en") -> str:
    f = ui.fields
    counts = f["counts"].format(facts=len(record.facts), measures=len(record.measures),
                                problems=len(record.problems), plans=len(record.plans))
    text_lang = "zh-CN" if record.language == "zh" else record.language
    body = render(text[record.start:record.end], _marks(n, record, ui, names, lang), offset=record.start)
    return (
        f'<article class="doc" id="doc-{n}"><a class="top-link" href="#top">{esc(ui.nav["top"])} ↑</a>'
        f'<h2>{esc(record_label(record, ui))} <span class="badge lang">{esc(language_label(record.language, lang))}</span></h2>'
        f'<div class="meta"><span>{esc(f["source"])}: <code>{esc(record.source)}</code></span>'
        f'<span>{esc(f["doc_id"])}: <code>{esc(record.doc_id)}</code></span>'
        f'<span>{esc(counts)}</span></div>'
        f'<h3>{esc(ui.headings["findings"])} ({len(record.findings)})</h3>{_findings(n, record, text, ui, lang)}'
        f'{tables_section(record, lang)}'
        + evidence_list(record, text, ui.categories, f["categories"], lang)
        + f'<details open><summary>{esc(ui.headings["text"])}</summary>{_chips(record, ui)}'
        f'<div class="text" lang="{attr(text_lang)}">{body}</div></details></article>'
    )
