"""The townships compared: rows by township key, period labels and order, the rate axis, shares, the cards."""

from __future__ import annotations

import re

import pytest

from pipeline.report.charts import GAP, TOP, comparison
from pipeline.report.comparison import chart_labels, period_label, period_order, rate_axis, township_rows
from pipeline.report.labels import report_labels
from pipeline.report.overview import DocumentSummary
from pipeline.schema import PROBLEM_CATEGORIES, Period
from pipeline.townships import assign_township_keys


def summary(n: int, township: str | None, period: Period, **values) -> DocumentSummary:
    row = {"township": township, "findings_error": 0, "findings_warning": 0, "findings_info": 0, **values}
    return DocumentSummary(f"d{n}#1", f"d{n}.txt", township, period, "zh", values.get("units", 0), (), row,
                           values.get("problem_units", 0))


def batch(items: list[DocumentSummary]) -> list[DocumentSummary]:
    assign_township_keys([s.row for s in items])
    return items


H1, H2 = Period(year=2021, half=1, raw="2021年上半年", kind="half"), Period(year=2021, half=2, raw="2021年下半年",
                                                                         kind="half")
NINE = Period(year=2021, quarter=3, raw="2021年前三季度", kind="nine_months")


def test_comparison_resources_agree_between_languages() -> None:
    en, zh = chart_labels("en"), chart_labels("zh")
    for field in ("headings", "columns", "labels", "periods"):
        assert set(getattr(en, field)) == set(getattr(zh, field)), field
    assert set(en.problem_categories) == set(zh.problem_categories) == set(PROBLEM_CATEGORIES)


@pytest.mark.parametrize("lang, period, label", [
    ("en", H1, "2021 H1"), ("zh", H1, "2021年上半年"), ("en", NINE, "2021 Q1–Q3"), ("zh", NINE, "2021年前三季度"),
    ("en", Period(year=2021, quarter=3, raw="2021年第三季度", kind="quarter"), "2021 Q3"),
    ("zh", Period(year=2020, raw="2020年", kind="year"), "2020年"), ("en", Period(raw="20XX"), "20XX"),
    ("en", Period(), "no period"),
])
def test_period_label(lang: str, period: Period, label: str) -> None:
    assert period_label(period, chart_labels(lang)) == label


def test_period_order_puts_nine_months_between_the_halves_and_the_year() -> None:
    year = Period(year=2021, raw="2021年", kind="year")
    assert sorted([year, H2, NINE, H1], key=period_order) == [H1, NINE, H2, year]


def test_township_rows_group_names_by_key_and_keep_one_point_per_period() -> None:
    rows, periods = township_rows(batch([
        summary(1, "白鹭镇", H1, petitions_total=40, cases_settled=45, settlement_rate=None,
                settlement_rate_recomputed=112.5),
        summary(2, "白鷺鎮", H2, petitions_total=50, settlement_rate=96.0),
        summary(3, "石桥乡", H1, petitions_total=10, settlement_rate=90.0, settlement_rate_recomputed=90.0),
    ]), "zh")
    assert periods == ["2021年上半年", "2021年下半年"]
    assert [row.name for row in rows] == ["白鹭镇", "石桥乡"]  # most petitions first
    bailu = rows[0]
    assert set(bailu.names) == {"白鹭镇", "白鷺鎮"} and bailu.received == 90
    assert bailu.points["2021年上半年"].recomputed == 112.5  # more settled than received: shown, not "—"


def test_rate_axis_is_scaled_to_the_data_not_from_zero() -> None:
    rows, _ = township_rows(batch([summary(n, f"{name}镇", H1, settlement_rate=rate, settlement_rate_recomputed=rate)
                                   for n, (name, rate) in enumerate([("甲", 89.5), ("乙", 98.4), ("丙", 95.0)])]))
    low, high = rate_axis(rows)
    assert 80 <= low < 89.5 and 98.4 <= high <= 100


def test_shares_are_per_township_units() -> None:
    rows, _ = township_rows(batch([summary(1, "甲镇", H1, units=4, measures_reception=3, measures_training_staff=1,
                                           problem_units=2, problems_staffing_shortage=2)]))
    assert rows[0].measure_shares["reception"] == 0.75 and rows[0].measure_shares["training_staff"] == 0.25
    assert rows[0].problem_shares["staffing_shortage"] == 1.0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_comparison_marks_gaps_and_shows_only_the_top_townships(lang: str) -> None:
    items = [summary(n, f"第{n}镇", H1, petitions_total=100 - n, settlement_rate=97.0,
                     settlement_rate_recomputed=97.0 - (GAP + 1 if n == 0 else 0)) for n in range(TOP + 5)]
    page = comparison(batch(items), report_labels(lang), shown=range(1, len(items) + 1))
    rates = page[page.index('id="rates"'):page.index('id="volume"')]
    assert rates.count('class="gap"') == 1
    assert rates.count('<tr data-k=') == TOP + 5 and len(re.findall(r'class="more" hidden', rates)) == 5
    for ident in ("rates", "volume", "heatmap", "problem-shares"):
        assert f'id="{ident}"' in page
