"""Ranges and bounds in the arithmetic checks: a range (10-20件, 二三十名) never fails an equality
check, and fails an inequality only when none of its values fits; a 'more than' value fails only
where no value above it fits."""

from __future__ import annotations

import math

from pipeline.checks.bounds import highest, lowest, ranged
from pipeline.schema import Fact


def count(value, indicator=None, unit="case", **extra):
    return dict(value=value, unit=unit, kind="count", indicator=indicator, **extra)


def fact(value, **extra) -> Fact:
    return Fact(id="f1", value=value, start=0, end=1, surface="x", **extra)


def test_bounds_of_exact_range_and_qualified_values() -> None:
    assert (lowest(fact(5)), highest(fact(5))) == (5, 5)
    assert (lowest(fact(10, value_max=20)), highest(fact(10, value_max=20))) == (10, 20)
    assert (lowest(fact(10, qualifier="more_than")), highest(fact(10, qualifier="more_than"))) == (10, math.inf)
    assert (lowest(fact(10, qualifier="less_than")), highest(fact(10, qualifier="less_than"))) == (-math.inf, 10)
    assert ranged([fact(1), fact(10, value_max=20)]) and not ranged([fact(1)])


def test_bounds_value_max_is_left_out_of_the_json_when_there_is_no_range() -> None:
    assert "value_max" not in fact(5).model_dump() and '"value_max"' not in fact(5).model_dump_json()
    assert fact(10, value_max=20).model_dump()["value_max"] == 20
    assert Fact.model_validate_json(fact(10, value_max=20).model_dump_json()).value_max == 20


def test_bounds_a_total_given_as_a_range_holds_parts_up_to_its_upper_end_zh(build, check) -> None:
    record, text = build("全年受理群众来信来访[[f1:60-70件]]，其中来信[[f2:30件]]，来访[[f3:35件]]。", {
        "f1": count(60, "petitions_total", value_max=70), "f2": count(30, "letters", part_of="f1"),
        "f3": count(35, "visits", part_of="f1")})
    assert check(record, text, "parts-exceed-total") == []


def test_bounds_parts_whose_lower_ends_exceed_the_total_are_flagged_zh(build, check) -> None:
    record, text = build("全年受理群众来信来访[[f1:60件]]，其中来信[[f2:40-45件]]，来访[[f3:30件]]。", {
        "f1": count(60, "petitions_total"), "f2": count(40, "letters", part_of="f1", value_max=45),
        "f3": count(30, "visits", part_of="f1")})
    [finding] = check(record, text, "parts-exceed-total")
    assert finding.facts == ("f2", "f3", "f1")


def test_bounds_a_complete_breakdown_of_ranges_reaching_the_total_is_not_short_en(build, check) -> None:
    record, text = build("We received [[f1:100 cases]], namely [[f2:40 to 60 letters]] and [[f3:45 visits]].", {
        "f1": count(100, "petitions_total"), "f2": count(40, "letters", part_of="f1", value_max=60,
                                                          flags=("complete_breakdown",)),
        "f3": count(45, "visits", part_of="f1", flags=("complete_breakdown",))}, lang="en")
    assert check(record, text, "parts-short-of-total") == []


def test_bounds_a_range_never_conflicts_with_an_exact_value_zh(build, check) -> None:
    record, text = build("全年受理信访事项[[f1:20-30件]]。全年受理信访事项[[f2:25件]]。", {
        "f1": count(20, "petitions_total", value_max=30), "f2": count(25, "petitions_total")})
    assert check(record, text, "conflicting-values") == []


def test_bounds_a_range_of_settled_cases_fails_only_above_every_received_value_zh(build, check) -> None:
    record, text = build("全年共受理信访事项[[f1:50-60件]]，办结[[f2:55件]]。", {
        "f1": count(50, "petitions_total", value_max=60), "f2": count(55, "cases_settled")})
    assert check(record, text, "settled-exceeds-received") == []
    record, text = build("全年共受理信访事项[[f1:50件]]，办结[[f2:55-60件]]。", {
        "f1": count(50, "petitions_total"), "f2": count(55, "cases_settled", value_max=60)})
    assert [f.rule for f in check(record, text, "settled-exceeds-received")] == ["settled-exceeds-received"]


def test_bounds_a_range_rate_is_never_recomputed_zh(build, check) -> None:
    record, text = build("全年受理信访事项[[f1:40件]]，办结[[f2:38件]]，办结率[[f3:80%-90%]]。", {
        "f1": count(40, "petitions_total"), "f2": count(38, "cases_settled"),
        "f3": dict(value=80, value_max=90, unit="percent", kind="rate", indicator="settlement_rate")})
    assert check(record, text, "rate-mismatch") == []


def test_bounds_more_than_100_percent_fails_as_no_rate_above_it_fits_en(build, check) -> None:
    record, text = build("The satisfaction rate reached [[f1:more than 100%]].", {
        "f1": dict(value=100, unit="percent", kind="rate", indicator="satisfaction_rate", qualifier="more_than")},
        lang="en")
    assert [f.rule for f in check(record, text, "rate-over-100")] == ["rate-over-100"]
