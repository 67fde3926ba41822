"""The report's series card: each township's received, settled and rate over its periods, cross-summary findings marked."""

from __future__ import annotations

from typing import Container, Sequence

from pipeline.report.comparison import ChartLabels, chart_labels, period_label
from pipeline.report.markup import attr, esc
from pipeline.report.overview import DocumentSummary, number
from pipeline.series import slot_of

SERIES_PREFIX = "series-"
MAX_TOWNSHIPS = 200  # charts drawn; the rest are counted in a note
OPEN = 4  # up to this many charts are shown open; more fold into one <details> (the page stays short)
BLOCK_STYLE = "display:inline-block;vertical-align:top;margin:0 16px 12px 0"
WIDTH, HEIGHT, PAD, STEP = 260, 70, 14, 56  # svg size, margin, distance between periods


def _value(row: dict, column: str) -> float | None:
    value = row.get(column)
    try:
        return None if value is None or value != value else float(value)
    except (TypeError, ValueError):
        return None


def township_series(summaries: Sequence[DocumentSummary]) -> list[tuple[str, list[tuple[int, DocumentSummary]]]]:
    """(township key, [(summary number, summary)] in period order) for every township and language
    with at least two comparable periods; the later of two summaries of one period is drawn."""
    groups: dict[tuple[str, str], dict] = {}
    for n, summary in enumerate(summaries, 1):
        slot, key = slot_of(summary.period), summary.row.get("township_key")
        if slot is None or not key:
            continue
        groups.setdefault((key, summary.language), {})[slot] = (n, summary)
    out = []
    for (key, _), by_slot in sorted(groups.items()):
        if len(by_slot) >= 2:
            out.append((key, [by_slot[slot] for slot in sorted(by_slot, key=lambda s: s.order())]))
    return out


def _line(points: list[tuple[float, float | None]], dashed: bool) -> str:
    drawn = " ".join(f"{x:.1f},{y:.1f}" for x, y in points if y is not None)
    dash = ' stroke-dasharray="4 3"' if dashed else ""
    return f'<polyline points="{drawn}" fill="none" stroke="#1f5f99" stroke-width="1.5"{dash}/>' if drawn else ""


def _chart(members: list[tuple[int, DocumentSummary]], labels: ChartLabels, shown: Container[int]) -> str:
    received = [_value(s.row, "petitions_total") for _, s in members]
    settled = [_value(s.row, "cases_settled") for _, s in members]
    peak = max([v for v in received + settled if v is not None] or [1.0]) or 1.0
    width = max(WIDTH, PAD * 2 + STEP * (len(members) - 1))
    x = [PAD + STEP * i for i in range(len(members))]
    y = lambda v: None if v is None else HEIGHT - PAD - (HEIGHT - 2 * PAD) * v / peak  # noqa: E731
    parts = [_line([(x[i], y(v)) for i, v in enumerate(received)], False),
             _line([(x[i], y(v)) for i, v in enumerate(settled)], True)]
    for i, (n, summary) in enumerate(members):
        rules = sorted({rule for rule, _ in summary.findings if rule.startswith(SERIES_PREFIX)})
        title = (f"{period_label(summary.period, labels)}: {labels.labels['received']} {number(received[i])}, "
                 f"{labels.labels['settled']} {number(settled[i])}" + (f"; {', '.join(rules)}" if rules else ""))
        cy = y(received[i]) if received[i] is not None else HEIGHT - PAD
        ring = (f'<circle cx="{x[i]}" cy="{cy:.1f}" r="6" fill="none" stroke="#c0392b" stroke-width="2" '
                f'class="series-finding"/>') if rules else ""
        parts.append(f'<g><title>{esc(title)}</title>{ring}<circle cx="{x[i]}" cy="{cy:.1f}" r="3" fill="#1f5f99"/></g>')
    svg = (f'<svg class="series-chart" width="{width}" height="{HEIGHT}" viewBox="0 0 {width} {HEIGHT}" '
           f'role="img">{"".join(parts)}</svg>')
    cells = []
    for i, (n, summary) in enumerate(members):
        label = esc(period_label(summary.period, labels))
        link = f'<a href="#doc-{n}">{label}</a>' if n in shown else label
        rate = _value(summary.row, "settlement_rate")
        cells.append(f'<td>{link}<br>{esc(labels.labels["rate"])} {esc(number(rate)) or "—"}'
                     f'{"%" if rate is not None else ""}</td>')
    return svg + f'<table class="series-periods"><tr>{"".join(cells)}</tr></table>'


def series_card(summaries: Sequence[DocumentSummary], lang: str, shown: Container[int]) -> str:
    """The card of every township's series (empty when no township has two comparable periods)."""
    labels = chart_labels(lang)
    found = township_series(summaries)
    if not found:
        return ""
    blocks = []
    for key, members in found[:MAX_TOWNSHIPS]:
        name = next((s.township for _, s in reversed(members) if s.township), key)
        blocks.append(f'<div class="series" data-k="{attr(key)}" style="{BLOCK_STYLE}"><h3>{esc(name)}</h3>'
                      f'{_chart(members, labels, shown)}</div>')
    more = len(found) - MAX_TOWNSHIPS
    note = f'<p class="hint">+{more}</p>' if more > 0 else ""
    charts = "".join(blocks) if len(blocks) <= OPEN else \
        f'<details><summary>{esc(labels.headings["series_show"].format(count=len(blocks)))}</summary>{"".join(blocks)}</details>'
    return (f'<section class="card" id="series"><h2>{esc(labels.headings["series"])}</h2>'
            f'<p class="hint">{esc(labels.headings["series_hint"])}</p>{charts}{note}</section>')
