"""The report's comparison charts: rates stated and recomputed, volume and category shares per township."""

from __future__ import annotations

from typing import Container, Sequence

from pipeline.i18n import category_label
from pipeline.report.assets import HEAT_RGB
from pipeline.report.comparison import (ChartLabels, PeriodPoint, TownshipRow, chart_labels, rate_axis,
                                        township_rows)
from pipeline.report.labels import ReportLabels
from pipeline.report.markup import attr, esc
from pipeline.report.overview import DocumentSummary, number
from pipeline.schema import MEASURE_CATEGORIES, PROBLEM_CATEGORIES

TOP = 30  # townships shown before a search
MAX_ROWS = 2_000  # townships in the page at all (searchable); past them a note says how many are left out
MAX_PERIODS = 12  # the latest periods drawn
GAP = 1.0  # points between the stated and the recomputed rate that are marked


def lang_of(ui: ReportLabels) -> str:
    return "zh" if ui.html_lang.lower().startswith("zh") else "en"


def _pct(value: float, low: float, high: float) -> float:
    return max(0.0, min(100.0, (value - low) / (high - low) * 100))


def _name_cell(row: TownshipRow, labels: ChartLabels, shown: Container[int]) -> str:
    first = min(point.n for point in row.points.values())
    title = " / ".join(row.names) + (f" [{row.key}]" if row.key else "")
    name = (f'<a href="#doc-{first}">{esc(row.name)}</a>' if first in shown else esc(row.name))
    return f'<th scope="row" title="{attr(title)}">{name}</th>'


def _row(n: int, row: TownshipRow, cells: str, labels: ChartLabels, shown: Container[int]) -> str:
    """A township's row: searchable by its names and key; only the TOP first are shown before a search."""
    search = " ".join((*row.names, row.key, row.name)).lower()
    top = n < TOP
    return (f'<tr data-k="{attr(search)}" class="{"top" if top else "more"}"{"" if top else " hidden"}>'
            f"{_name_cell(row, labels, shown)}{cells}</tr>")


def _rate_cell(label: str, point: PeriodPoint | None, low: float, high: float, labels: ChartLabels) -> str:
    if point is None or (point.stated is None and point.recomputed is None):
        return '<td class="pc"></td>'
    words = labels.labels
    bars, texts, parts = [], [], [label]
    for value, cls, word in ((point.stated, "st", words["stated"]), (point.recomputed, "re", words["recomputed"])):
        if value is None:
            texts.append(words["no_value"])
            continue
        over = " over" if value > 100 else ""
        bars.append(f'<span class="b {cls}{over}" style="width:{_pct(value, low, high):.1f}%"></span>')
        texts.append(f'<span class="{over.strip()}">{esc(number(value))}</span>')
        parts.append(f"{word} {number(value)}%")
    if point.stated is not None and point.recomputed is not None and abs(point.stated - point.recomputed) >= GAP:
        left, right = sorted((_pct(point.stated, low, high), _pct(point.recomputed, low, high)))
        bars.append(f'<span class="gap" style="left:{left:.1f}%;width:{max(right - left, 0.8):.1f}%"></span>')
        parts.append(f"{words['gap']} {number(round(abs(point.stated - point.recomputed), 1))} {words['points']}")
    return (f'<td class="pc" title="{attr(", ".join(parts))}"><div class="rc">{"".join(bars)}</div>'
            f'<div class="pv">{" / ".join(texts)}</div></td>')


def _volume_cell(point: PeriodPoint | None, peak: float) -> str:
    if point is None or point.received is None:
        return '<td class="pc"></td>'
    width = 100 * point.received / peak if peak else 0
    return (f'<td class="pc" data-v="{point.received:g}"><div class="vc"><span class="b" style="width:{width:.1f}%">'
            f'</span></div><div class="pv">{esc(number(point.received))}</div></td>')


def _share_cell(share: float, units: int, peak: float) -> str:
    if not units:
        return '<td class="h"></td>'
    if not share:
        return '<td class="h zero">·</td>'
    alpha = 0.10 + 0.80 * share / peak
    dark = " dark" if alpha > 0.5 else ""
    return f'<td class="h{dark}" style="background:rgba({HEAT_RGB},{alpha:.2f})">{round(100 * share)}%</td>'


def _card(ident: str, title: str, hint: str, table: str) -> str:
    return (f'<section class="card cmp-card" id="{attr(ident)}"><h3>{esc(title)}</h3><p class="hint">{esc(hint)}</p>'
            f'<div class="scroll cmp-box">{table}</div></section>')


def _period_head(labels: ChartLabels, periods: list[str], first: str, extra: str = "") -> str:
    heads = "".join(f'<th scope="col" class="pc">{esc(p)}{extra}</th>' for p in periods)
    return f'<thead><tr><th scope="col">{esc(labels.columns["township"])}</th>{heads}{first}</tr></thead>'


def rates_card(rows: list[TownshipRow], periods: list[str], labels: ChartLabels, shown: Container[int]) -> str:
    low, high = rate_axis(rows)
    axis = f'<span class="ax"><i>{number(low)}%</i><i>{number(high)}%</i></span>'
    body = "".join(_row(n, row, "".join(_rate_cell(p, row.points.get(p), low, high, labels) for p in periods),
                        labels, shown) for n, row in enumerate(rows))
    hint = labels.headings["rates_hint"].format(lo=number(low), hi=number(high), gap=number(GAP))
    table = f'<table class="cmp rates-grid">{_period_head(labels, periods, "", axis)}<tbody>{body}</tbody></table>'
    return _card("rates", labels.headings["rates"], hint, table)


def volume_card(rows: list[TownshipRow], periods: list[str], labels: ChartLabels, shown: Container[int]) -> str:
    peak = max([0.0] + [p.received or 0.0 for row in rows for p in row.points.values()])
    total = f'<th scope="col" class="n">{esc(labels.columns["total"])}</th>'
    body = "".join(_row(n, row, "".join(_volume_cell(row.points.get(p), peak) for p in periods)
                        + f'<td class="n">{esc(number(row.received))}</td>', labels, shown)
                   for n, row in enumerate(rows))
    table = f'<table class="cmp volume-grid">{_period_head(labels, periods, total)}<tbody>{body}</tbody></table>'
    return _card("volume", labels.headings["volume"], labels.headings["volume_hint"].format(peak=number(peak)), table)


def shares_card(rows: list[TownshipRow], names: dict[str, str], categories: Sequence[str], kind: str,
                ident: str, labels: ChartLabels, shown: Container[int], lang: str = "en") -> str:
    heads = "".join(f'<th class="c" scope="col" data-id="{attr(c)}" title="{attr(category_label(c, lang))}">'
                    f'{esc(names.get(c, c))}</th>' for c in categories)
    head = (f'<thead><tr><th scope="col">{esc(labels.columns["township"])}</th>{heads}'
            f'<th scope="col" class="n">{esc(labels.columns["units"])}</th></tr></thead>')
    of = (lambda row: (row.measure_shares, row.measure_units)) if kind == "measures" else \
        (lambda row: (row.problem_shares, row.problem_units))
    peak = max([0.01] + [share for row in rows for share in of(row)[0].values()])  # darkest: the largest share
    body = []
    for n, row in enumerate(rows):
        shares, units = of(row)
        cells = "".join(_share_cell(shares[c], units, peak) for c in categories) + f'<td class="n">{units}</td>'
        body.append(_row(n, row, cells, labels, shown))
    table = f'<table class="cmp heat">{head}<tbody>{"".join(body)}</tbody></table>'
    return _card(ident, labels.headings[kind], labels.headings[f"{kind}_hint"], table)


def comparison(summaries: Sequence[DocumentSummary], ui: ReportLabels, shown: Container[int]) -> str:
    """The comparison section: a search box and the four cards over the same township rows."""
    lang = lang_of(ui)
    labels = chart_labels(lang)
    rows, periods = township_rows(summaries, lang)
    head = f'<h2>{esc(labels.headings["compare"])}</h2>'
    if not rows:
        return f'<section class="card" id="compare">{head}<p class="ok">{esc(labels.headings["no_data"])}</p></section>'
    notes = []
    if len(rows) > MAX_ROWS:
        notes.append(labels.headings["cut"].format(cut=len(rows) - MAX_ROWS, limit=MAX_ROWS))
        rows = rows[:MAX_ROWS]
    if len(periods) > MAX_PERIODS:
        notes.append(labels.headings["periods_cut"].format(limit=MAX_PERIODS, total=len(periods)))
        periods = periods[-MAX_PERIODS:]
    search = (f'<label class="search">{esc(labels.headings["search"])} <input type="search" id="township-search" '
              f'placeholder="{attr(labels.headings["search_placeholder"])}" autocomplete="off"></label>')
    intro = (f'<section class="card" id="compare">{head}<p class="hint">'
             f'{esc(labels.headings["compare_hint"].format(top=min(TOP, len(rows))))}</p>{search}'
             + "".join(f'<p class="hint">{esc(note)}</p>' for note in notes) + "</section>")
    return intro + "".join((
        rates_card(rows, periods, labels, shown),
        volume_card(rows, periods, labels, shown),
        shares_card(rows, ui.categories, MEASURE_CATEGORIES, "measures", "heatmap", labels, shown, lang),
        shares_card(rows, labels.problem_categories, PROBLEM_CATEGORIES, "problems", "problem-shares", labels, shown,
                    lang),
    ))
