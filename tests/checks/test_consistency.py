"""Consistency rules: conflicting-values and future-date, in Chinese and English."""

from __future__ import annotations

import pytest

from pipeline.i18n import finding_message


def count(value, indicator=None, unit="case", **extra):
    return dict(value=value, unit=unit, kind="count", indicator=indicator, **extra)


# conflicting-values

def test_conflicting_values_flags_two_totals_zh(build, check) -> None:
    record, text = build("全年共受理群众来信来访[[f1:92件]]。……一年来，全镇共受理信访事项[[f2:96件]]，信访形势平稳。", {
        "f1": count(92, "petitions_total"), "f2": count(96, "petitions_total")})
    [finding] = check(record, text, "conflicting-values")
    assert finding.message == "petitions received is stated with different values: 92件, 96件"
    assert finding_message(finding, "zh") == "信访总量出现不同的数值：92件、96件"  # facts named, no ids
    assert finding.severity == "warning" and finding.facts == ("f1", "f2")
    assert text[finding.start : finding.end] == "92件"


def test_conflicting_values_silent_on_a_repeated_value_zh(build, check) -> None:
    record, text = build("全年共受理群众来信来访[[f1:126件]]。……全年受理的[[f2:126件]]信访事项均已办结。", {
        "f1": count(126, "petitions_total"), "f2": count(126, "petitions_total")})
    assert check(record, text, "conflicting-values") == []


def test_conflicting_values_compares_within_one_unit_scope_and_kind_zh(build, check) -> None:
    record, text = build("来访[[f1:76批]][[f2:312人次]]，去年同期为[[f3:80批]]；全年领导接访[[f4:48批次]]。", {
        "f1": count(76, "visits", unit="batch"), "f2": count(312, "visits", unit="person_time"),
        "f3": count(80, "visits", unit="batch", scope="previous_period"),
        "f4": count(48, "leader_receptions", unit="batch")})
    assert check(record, text, "conflicting-values") == []


def test_conflicting_values_skips_approximate_values_and_multi_valued_indicators_zh(build, check) -> None:
    record, text = build("受理信访事项[[f1:20余件]]……共受理[[f2:23件]]。镇配备专职信访干部[[f3:3名]]，"
                         "各村明确信访信息员[[f4:14名]]。", {
                             "f1": count(20, "petitions_total", qualifier="more_than"), "f2": count(23, "petitions_total"),
                             "f3": count(3, "petition_staff", unit="person"), "f4": count(14, "petition_staff", unit="person")})
    assert check(record, text, "conflicting-values") == []


def test_conflicting_values_skips_a_part_of_the_same_indicator_zh(build, check) -> None:
    record, text = build("受理信访事项[[f1:68件]]，其中二季度受理[[f2:40件]]。", {
        "f1": count(68, "petitions_total"), "f2": count(40, "petitions_total", part_of="f1")})
    assert check(record, text, "conflicting-values") == []


def test_conflicting_values_flags_two_settlement_rates_en(build, check) -> None:
    pct = lambda v: dict(value=v, unit="percent", kind="rate", indicator="settlement_rate")  # noqa: E731
    record, text = build("The settlement rate was [[f1:96.0%]]. ... In short, the settlement rate reached [[f2:98.0%]].",
                         {"f1": pct(96.0), "f2": pct(98.0)}, lang="en")
    [finding] = check(record, text, "conflicting-values")
    assert finding.message == "settlement rate is stated with different values: 96.0%, 98.0%"
    assert finding.facts == ("f1", "f2") and "f1" not in finding_message(finding, "zh")


def test_conflicting_values_silent_on_changes_and_different_frequencies_en(build, check) -> None:
    record, text = build(
        "Visits fell by [[f1:5%]] year on year and by [[f2:2%]] month on month. Leaders receive visitors "
        "[[f3:three]] days every month and [[f4:36]] days a year.", {
            "f1": dict(value=-5, unit="percent", kind="change", indicator="visits"),
            "f2": dict(value=-2, unit="percent", kind="change", indicator="visits"),
            "f3": dict(value=3, unit="day", kind="frequency", indicator="leader_reception_days", per="month"),
            "f4": dict(value=36, unit="day", kind="frequency", indicator="leader_reception_days", per="year")},
        lang="en")
    assert check(record, text, "conflicting-values") == []


# future-date

LIANHUA = "全年组织村级信访信息员培训3期。乡敬老院改扩建工程已于2021年3月全部完工，解决了部分五保老人集中供养的实际困难。"


def test_future_date_flags_a_completed_event_after_the_period_zh(build, check) -> None:
    record, text = build(LIANHUA, year=2019, raw="2019年")
    [finding] = check(record, text, "future-date")
    assert text[finding.start : finding.end] == "2021年3月"
    assert finding.message == "2021年3月 lies after the report period 2019年 (which ends 2019-12)"
    assert finding.severity == "warning" and finding.facts == ()


def test_future_date_accepts_plans_and_announced_future_work_zh(build, check) -> None:
    record, text = build("全年办结信访事项。\n\n四、2020年工作打算\n\n2020年，我乡将继续健全信访工作机制，力争到2021年底实现零上访。",
                         year=2019, sections=("overview", ("plans", "四、2020年工作打算")))
    assert check(record, text, "future-date") == []
    record, text = build("明年计划于2021年5月建成综治中心。", year=2019)
    assert check(record, text, "future-date") == []


def test_future_date_accepts_a_signature_date_in_the_next_quarter_zh(build, check) -> None:
    record, text = build("努力把信访工作提高到一个新水平。\n\n桃源镇人民政府\n二〇二一年一月八日", year=2020)
    assert check(record, text, "future-date") == []


def test_future_date_reads_chinese_numeral_years_zh(build, check) -> None:
    record, text = build("该项目于二〇二三年五月通过验收。", year=2021)
    [finding] = check(record, text, "future-date")
    assert text[finding.start : finding.end] == "二〇二三年五月"


@pytest.mark.parametrize("date, flagged", [("2021年7月", False), ("2021年9月", False), ("2021年10月", True),
                                           ("2022年", True)])
def test_future_date_half_year_period_ends_in_june_with_a_grace_quarter_zh(build, check, date, flagged) -> None:
    record, text = build(f"该工程已于{date}完工。", year=2021, half=1, raw="2021年上半年")
    assert bool(check(record, text, "future-date")) is flagged


def test_future_date_grace_is_configurable_zh(build, check) -> None:
    record, text = build("该工程已于2021年7月完工。", year=2021, half=1)
    assert len(check(record, text, "future-date", future_grace_months=0)) == 1


def test_future_date_flags_a_year_range_in_reverse_order_zh(build, check) -> None:
    record, text = build("2019-2017年，全镇共化解信访积案12件。")
    [finding] = check(record, text, "future-date")
    assert finding.message == "year range 2019-2017年 runs backwards: 2019 comes after 2017"


def test_future_date_silent_on_a_period_year_and_ranges_in_order_zh(build, check) -> None:
    record, text = build("白鹭镇2021年信访工作总结\n\n2021年，全镇信访形势平稳。2019-2021年三年行动圆满收官。", year=2021)
    assert check(record, text, "future-date") == []


def test_future_date_flags_a_month_after_the_period_en(build, check) -> None:
    record, text = build("The extension of the nursing home was completed in March 2021, easing the care of elderly "
                         "villagers.", lang="en", year=2019, raw="2019")
    [finding] = check(record, text, "future-date")
    assert text[finding.start : finding.end] == "March 2021"


def test_future_date_accepts_plan_sentences_and_headings_en(build, check) -> None:
    record, text = build("In 2019 the town settled 60 cases.\n\nV. Work plan for 2020\n\nIn 2020, our township will "
                         "further improve the petition work mechanism and aims to end repeat visits by 2021.",
                         lang="en", year=2019, sections=("overview", ("plans", "V. Work plan for 2020")))
    assert check(record, text, "future-date") == []
    record, text = build("Next year the town will open a new reception hall in June 2021.", lang="en", year=2019)
    assert check(record, text, "future-date") == []


def test_future_date_flags_a_bare_year_two_years_ahead_en(build, check) -> None:
    record, text = build("The mediation room, opened in 2022, handled most disputes.", lang="en", year=2020)
    [finding] = check(record, text, "future-date")
    assert text[finding.start : finding.end] == "2022"


def test_future_date_ignores_figures_that_look_like_years_en(build, check) -> None:
    record, text = build("The town has [[f1:2025]] households.", {
        "f1": dict(value=2025, unit="household", kind="profile", indicator="households")}, lang="en", year=2019)
    assert check(record, text, "future-date") == []


def test_future_date_flags_a_reverse_range_even_without_a_period_en(build, check) -> None:
    record, text = build("From 2019 to 2017, the township resolved 12 backlog cases.", lang="en")
    [finding] = check(record, text, "future-date")
    assert "runs backwards" in finding.message


def test_future_date_silent_without_a_known_period_en(build, check) -> None:
    record, text = build("The extension was completed in March 2021.", lang="en")
    assert check(record, text, "future-date") == []


def test_conflicting_values_silent_on_kinds_listed_in_one_sentence_zh(build, check) -> None:
    record, text = build("全年到市访[[f1:5批]]，到省访[[f2:1批]]。", {
        "f1": count(5, "cross_level_visits", unit="batch"), "f2": count(1, "cross_level_visits", unit="batch")})
    assert check(record, text, "conflicting-values") == []


def test_conflicting_values_flags_values_of_two_sentences_en(build, check) -> None:
    record, text = build("The town accepted [[f1:40]] petitions. In all, [[f2:43]] petitions were accepted.", {
        "f1": count(40, "petitions_total"), "f2": count(43, "petitions_total")}, lang="en")
    [finding] = check(record, text, "conflicting-values")
    assert set(finding.facts) == {"f1", "f2"}
