"""The batch as townships side by side: one row per township key, one point per period, category shares."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from pipeline.fold import fold
from pipeline.lexicon import ResourceModel, load_resource
from pipeline.report.overview import DocumentSummary
from pipeline.schema import MEASURE_CATEGORIES, PROBLEM_CATEGORIES, Period
from pipeline.townships import HAN

NO_KEY = ""  # the township key of summaries whose township is unknown: they form one row


class ChartLabels(ResourceModel):
    """pipeline/resources/<lang>/charts.yaml."""

    headings: dict[str, str]
    columns: dict[str, str]
    labels: dict[str, str]
    periods: dict[str, str]
    problem_categories: dict[str, str]


@lru_cache(maxsize=None)
def chart_labels(lang: str) -> ChartLabels:
    return load_resource(lang, "charts", ChartLabels)


@dataclass(frozen=True)
class PeriodPoint:
    """One township's figures for one period: the first summary's that states each of them."""

    n: int  # position (1-based) of the period's first summary in the batch
    stated: float | None  # settlement rate as stated
    recomputed: float | None  # cases settled / received in percent
    received: float | None


@dataclass(frozen=True)
class TownshipRow:
    key: str
    name: str
    names: tuple[str, ...]  # every name its summaries give, the commonest first
    points: dict[str, PeriodPoint]  # period label -> its point
    received: float  # the sum over its periods
    summaries: int
    measure_units: int
    measure_shares: dict[str, float]  # category -> share of its measure units, 0 to 1
    problem_units: int
    problem_shares: dict[str, float]


def period_label(period: Period, labels: ChartLabels) -> str:
    """The period as a column head: 2021 H1, 2021年前三季度, ..."""
    forms = labels.periods
    if period.year is None:
        return forms["unknown"].format(raw=period.raw) if period.raw else forms["none"]
    kind = period.kind or ("half" if period.half else "quarter" if period.quarter else "year")
    form = forms[f"half_{period.half}"] if kind == "half" and period.half else forms.get(kind, forms["year"])
    return form.format(year=period.year, half=period.half, quarter=period.quarter, raw=period.raw or period.year)


def period_order(period: Period) -> tuple:
    """Sort key: year, then the month the span ends, then shorter spans first; unknown years last."""
    end = 3 * period.quarter if period.quarter else 6 * period.half if period.half else 12
    if period.kind == "months":
        end = 11
    months = {"half": 6, "quarter": 3, "nine_months": 9, "months": 10}.get(period.kind or "", 12)
    return (period.year is None, period.year or 0, end, months, period.raw or "")


def _value(row: dict, key: str) -> float | None:
    value = row.get(key)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _display_name(names: Counter, lang: str, unknown: str) -> str:
    """The commonest name in the report's script (Chinese for zh, Latin for en), else the commonest;
    simplified before traditional among equals."""
    if not names:
        return unknown
    ranked = [name for name, _ in sorted(names.items(), key=lambda item: (-item[1], fold(item[0]) != item[0], item[0]))]
    preferred = [name for name in ranked if bool(HAN.search(name)) == (lang == "zh")]
    return (preferred or ranked)[0]


def _shares(row_sums: Counter, total: int, categories: Sequence[str]) -> dict[str, float]:
    return {c: (row_sums[c] / total if total else 0.0) for c in categories}


def township_rows(summaries: Sequence[DocumentSummary], lang: str = "en") -> tuple[list[TownshipRow], list[str]]:
    """(township rows, most petitions received first, then by name; period labels in time order)."""
    labels = chart_labels(lang)
    groups: dict[str, list[tuple[int, DocumentSummary]]] = {}
    for n, summary in enumerate(summaries, 1):
        groups.setdefault(summary.row.get("township_key") or NO_KEY, []).append((n, summary))
    periods: dict[str, tuple] = {}
    rows = []
    for key, members in groups.items():
        points: dict[str, dict] = {}
        measures, problems, measure_units, problem_units = Counter(), Counter(), 0, 0
        for n, summary in members:
            label = period_label(summary.period, labels)
            periods[label] = min(periods.get(label, period_order(summary.period)), period_order(summary.period))
            point = points.setdefault(label, {"n": n, "stated": None, "recomputed": None, "received": None})
            for field, column in (("stated", "settlement_rate"), ("recomputed", "settlement_rate_recomputed"),
                                  ("received", "petitions_total")):
                if point[field] is None:
                    point[field] = _value(summary.row, column)
            measure_units += summary.measures
            problem_units += summary.problems
            measures.update({c: summary.row.get(f"measures_{c}", 0) or 0 for c in MEASURE_CATEGORIES})
            problems.update({c: summary.row.get(f"problems_{c}", 0) or 0 for c in PROBLEM_CATEGORIES})
        names = Counter(summary.township for _, summary in members if summary.township)
        finished = {label: PeriodPoint(**point) for label, point in points.items()}
        rows.append(TownshipRow(
            key=key, name=_display_name(names, lang, labels.labels["unknown_township"]),
            names=tuple(name for name, _ in names.most_common()), points=finished,
            received=sum(p.received or 0.0 for p in finished.values()), summaries=len(members),
            measure_units=measure_units, measure_shares=_shares(measures, measure_units, MEASURE_CATEGORIES),
            problem_units=problem_units, problem_shares=_shares(problems, problem_units, PROBLEM_CATEGORIES)))
    rows.sort(key=lambda row: (row.key == NO_KEY, -row.received, row.name))
    return rows, sorted(periods, key=lambda label: periods[label])


def rate_axis(rows: Sequence[TownshipRow], step: float = 5.0, ceiling: float = 110.0) -> tuple[float, float]:
    """(low, high) of the rate axis: the rates drawn (past the 2nd percentile, up to `ceiling`: an
    outlier neither flattens the others nor hides, its bar runs to the end and its figure says it),
    widened to whole steps; never from 0 unless rates are that low; at least one step wide."""
    values = sorted(v for row in rows for p in row.points.values() for v in (p.stated, p.recomputed) if v is not None)
    if not values:
        return 0.0, 100.0
    low = max(0.0, math.floor(values[len(values) // 50] / step) * step)
    high = math.ceil(min(values[-1], ceiling) / step) * step
    if high <= low:
        high = low + step
    if min(values) - low < step / 5 and low > 0:  # keep the lowest bar visible
        low -= step
    return low, high
