"""The report's series card: one chart per township with two comparable periods, cross-summary findings ringed."""

from __future__ import annotations

import pytest

from pipeline.report.overview import DocumentSummary
from pipeline.report.series_chart import series_card, township_series
from pipeline.schema import Period


def _summary(township: str, key: str, period: Period, received: int, findings=(), language: str = "zh"):
    row = {"township_key": key, "petitions_total": received, "cases_settled": received - 2, "settlement_rate": 97.5}
    return DocumentSummary(f"{township}{period.year}", "s.txt", township, period, language, 0, tuple(findings), row)


YEAR = lambda y: Period(year=y, kind="year")  # noqa: E731
H1 = lambda y: Period(year=y, half=1, kind="half")  # noqa: E731


def test_series_chart_groups_by_township_and_orders_by_period() -> None:
    summaries = [_summary("松岗镇", "松岗", YEAR(2021), 187), _summary("松岗镇", "松岗", YEAR(2020), 208),
                 _summary("白沙镇", "白沙", YEAR(2021), 50), _summary("松岗镇", "松岗", Period(year=2021), 9)]
    found = township_series(summaries)
    assert [(key, [s.period.year for _, s in members]) for key, members in found] == [("松岗", [2020, 2021])]


def test_series_chart_keeps_languages_apart_and_the_later_revision() -> None:
    summaries = [_summary("Hongqiao Town", "hongqiao", H1(2020), 64, language="en"),
                 _summary("红桥镇", "hongqiao", H1(2021), 52),
                 _summary("Hongqiao Town", "hongqiao", H1(2021), 52, language="en"),
                 _summary("Hongqiao Town", "hongqiao", H1(2021), 53, language="en")]
    (found,) = township_series(summaries)
    assert [n for n, _ in found[1]] == [1, 4]


@pytest.mark.parametrize("lang, heading", [("en", "Each township&#x27;s series"), ("zh", "各乡镇历年序列")])
def test_series_chart_rings_summaries_with_cross_summary_findings(lang: str, heading: str) -> None:
    summaries = [_summary("松岗镇", "松岗", YEAR(2020), 208, [("rate-mismatch", "error")]),
                 _summary("松岗镇", "松岗", YEAR(2021), 187, [("series-change-mismatch", "warning")])]
    page = series_card(summaries, lang, shown={2})
    assert heading in page
    assert page.count('class="series-finding"') == 1
    assert "series-change-mismatch" in page and "rate-mismatch" not in page
    assert 'href="#doc-2"' in page and 'href="#doc-1"' not in page


def test_series_chart_is_absent_without_a_series() -> None:
    assert series_card([_summary("松岗镇", "松岗", YEAR(2021), 187)], "en", shown=()) == ""


def test_series_chart_folds_many_townships_into_one_details() -> None:
    summaries = [_summary(f"镇{n}", f"k{n}", YEAR(year), 100 + n) for n in range(6) for year in (2020, 2021)]
    page = series_card(summaries, "en", shown=())
    assert page.count('class="series"') == 6
    assert "<details><summary>Show the series of 6 townships</summary>" in page


@pytest.mark.parametrize("lang, column, expected", [
    ("en", "petitions_total_change", "Petitions received: change stated"),
    ("en", "petitions_total_previous_reported", "Petitions received: previous period as its summary reported"),
    ("zh", "petitions_total_change", "信访总量（所报增减）"),
    ("zh", "petitions_total_previous_reported", "信访总量（本乡镇上期总结所报）"),
    ("en", "unknown_change", "unknown_change"),
])
def test_series_columns_have_headers_from_their_indicator(lang: str, column: str, expected: str) -> None:
    from pipeline.report.labels import column_labels, header

    assert header(column, column_labels(lang)) == expected
