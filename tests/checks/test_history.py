"""Cross-summary rules on written summaries: the stated precision as tolerance, the named basis, comparable periods."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from pipeline.checks import CheckConfig, History, batch_findings
from pipeline.process import process_path
from pipeline.series import series_item

ZH = "{town}{period}信访工作总结\n\n一、基本情况\n\n{period}，我镇共受理群众来信来访{count}件{tail}。\n"
EN = "{town}: Petition Work Summary for {period}\n\nI. Basic situation\n\nIn {period_lower} the town received {count} letters and visits{tail}.\n"
SERIES_RULES = {"series-change-mismatch", "series-restated", "series-gap", "series-jump"}


def _zh(period: str, count: int, tail: str = "", town: str = "青山镇") -> str:
    return ZH.format(town=town, period=period, count=count, tail=tail)


def _en(period: str, count: int, tail: str = "", town: str = "Qingshan Town") -> str:
    return EN.format(town=town, period=period, period_lower=period[0].lower() + period[1:], count=count, tail=tail)


@lru_cache(maxsize=None)
def _one(n: int, text: str):
    return process_path(Path(f"s{n}.txt"), f"s{n}.txt", classify=False, data=text.encode("utf-8"))


def _processed(texts: list[str]):
    return [_one(n, text) for n, text in enumerate(texts)]


def _series_findings(texts: list[str], config: CheckConfig | None = None, history: History | None = None):
    """The series findings of the last text, with the others as the earlier summaries of the batch."""
    files = _processed(texts)
    pairs = [(record, item.text) for item in files for record in item.records]
    found = batch_findings(pairs, config or CheckConfig(), history=history)
    return [f for f in found[-1] if f.rule in SERIES_RULES]


# (earlier summaries, later summary, expected rules on the later one)
CHANGE_CASES = [
    # the stated precision is the tolerance: 12.6% allows 12.55 to 12.65
    ([_zh("2020年", 2000)], _zh("2021年", 1749, "，同比下降12.6%"), set()),  # -12.55
    ([_zh("2020年", 2000)], _zh("2021年", 1747, "，同比下降12.6%"), set()),  # -12.65
    ([_zh("2020年", 2000)], _zh("2021年", 1746, "，同比下降12.6%"), {"series-change-mismatch"}),  # -12.70
    ([_zh("2020年", 2000)], _zh("2021年", 1750, "，同比下降12.6%"), {"series-change-mismatch"}),  # -12.50
    ([_zh("2020年", 208)], _zh("2021年", 187, "，同比下降10.1%"), set()),  # -10.096
    ([_zh("2020年", 208)], _zh("2021年", 187, "，同比下降12.6%"), {"series-change-mismatch"}),
    ([_zh("2020年", 208)], _zh("2021年", 187, "，同比下降10%"), set()),  # 10 allows 9.5 to 10.5
    # a difference in cases
    ([_zh("2020年上半年", 73)], _zh("2021年上半年", 64, "，比去年同期减少9件"), set()),
    ([_zh("2020年上半年", 70)], _zh("2021年上半年", 64, "，比去年同期减少9件"), {"series-change-mismatch"}),
    # the basis named: 环比 is the half before; a year named is that year
    ([_zh("2020年下半年", 80)], _zh("2021年上半年", 64, "，环比下降12.6%"), {"series-change-mismatch"}),
    ([_zh("2020年下半年", 80)], _zh("2021年上半年", 64, "，环比下降20%"), set()),
    ([_zh("2020年上半年", 80)], _zh("2021年上半年", 64, "，环比下降12.6%"), set()),  # no second half of 2020
    ([_zh("2019年", 150), _zh("2020年", 120)], _zh("2021年", 120, "，较2019年下降20%"), set()),
    ([_zh("2019年", 150), _zh("2020年", 120)], _zh("2021年", 120, "，较2019年下降12%"), {"series-change-mismatch"}),
    # unclear basis, several bases, incomparable periods: no finding
    ([_zh("2020年", 208)], _zh("2021年", 187, "，下降12.6%"), set()),
    ([_zh("2020年", 208)], _zh("2021年", 187, "，同比、环比均下降12.6%"), set()),
    ([_zh("2020年", 208)], _zh("2021年上半年", 187, "，同比下降12.6%"), set()),
    ([_zh("2020年上半年", 208)], _zh("2021年", 187, "，同比下降12.6%"), set()),
    # another township's summary is no history
    ([_zh("2020年", 208, town="白沙镇")], _zh("2021年", 187, "，同比下降12.6%"), set()),
    # English
    ([_en("the First Half of 2020", 70)], _en("the First Half of 2021", 48, ", down 31.4 percent year on year"), set()),
    ([_en("the First Half of 2020", 70)], _en("the First Half of 2021", 64, ", down 31.4 percent year on year"),
     {"series-change-mismatch"}),
    ([_en("the First Half of 2020", 73)], _en("the First Half of 2021", 64, ", 9 fewer than the same period last year"),
     set()),
    ([_en("the First Half of 2020", 70)], _en("the First Half of 2021", 64, ", 9 fewer than the same period last year"),
     {"series-change-mismatch"}),
    ([_en("2019", 150), _en("2020", 120)], _en("2021", 120, ", a drop of 20% compared with 2019"), set()),
    ([_en("2019", 150), _en("2020", 120)], _en("2021", 120, ", a drop of 12% compared with 2019"), {"series-change-mismatch"}),
    ([_en("2020", 150)], _en("2021", 120, ", 10 percent fewer than last year"), {"series-change-mismatch"}),
    ([_en("the First Half of 2020", 150)], _en("the First Half of 2021", 120, ", 10 percent fewer than last year"), set()),
    ([_en("the First Half of 2020", 150)], _en("the First Half of 2021", 120, ", down 10 percent"), set()),
    ([_en("2020", 150)], _en("the First Half of 2021", 120, ", down 10 percent year on year"), set()),
]


@pytest.mark.parametrize("earlier, later, expected", CHANGE_CASES)
def test_history_stated_change_against_the_earlier_summary(earlier, later, expected) -> None:
    assert {f.rule for f in _series_findings([*earlier, later])} == expected


RESTATED_CASES = [
    ([_zh("2020年上半年", 220)], _zh("2021年上半年", 187, "，去年同期214件"), {"series-restated"}),
    ([_zh("2020年上半年", 214)], _zh("2021年上半年", 187, "，去年同期214件"), set()),
    ([_zh("2020年", 220)], _zh("2021年上半年", 187, "，去年同期214件"), set()),  # not comparable
    ([_en("the First Half of 2020", 70)], _en("the First Half of 2021", 64, "; the same period last year saw 73"),
     {"series-restated"}),
    ([_en("the First Half of 2020", 73)], _en("the First Half of 2021", 64, "; the same period last year saw 73"), set()),
]


@pytest.mark.parametrize("earlier, later, expected", RESTATED_CASES)
def test_history_previous_period_figure_against_the_earlier_summary(earlier, later, expected) -> None:
    assert {f.rule for f in _series_findings([*earlier, later])} == expected


def test_history_finding_names_both_summaries_spans_and_computation() -> None:
    texts = [_zh("2020年", 208), _zh("2021年", 187, "，同比下降12.6%")]
    (finding,) = _series_findings(texts)
    files = _processed(texts)
    earlier, later = files[0].records[0], files[1].records[0]
    assert finding.severity == "warning"
    assert files[1].text[finding.start : finding.end] == "12.6%"
    previous = next(f for f in earlier.facts if f.value == 208)
    assert "s0.txt" in finding.message and f"chars {previous.start}-{previous.end}" in finding.message
    assert f"chars {finding.start}-{finding.end}" in finding.message
    assert "(187-208)/208 = -10.10%" in finding.message
    assert set(finding.facts) <= {f.id for f in later.facts}


def test_history_later_revision_is_current() -> None:
    earlier = _zh("2020年上半年", 96)
    revised = _zh("2020年上半年", 98, "（修订稿）")
    later = _zh("2021年上半年", 91, "，同比下降7.1%")
    assert _series_findings([earlier, revised, later]) == []
    assert {f.rule for f in _series_findings([revised, earlier, later])} == {"series-change-mismatch"}


def test_history_store_summaries_take_part_but_get_no_findings() -> None:
    earlier_file, = _processed([_zh("2020年", 208)])
    history = History(tuple(series_item(r, earlier_file.text, n, earlier=True)
                            for n, r in enumerate(earlier_file.records)))
    assert {f.rule for f in _series_findings([_zh("2021年", 187, "，同比下降12.6%")], history=history)} \
        == {"series-change-mismatch"}
    assert _series_findings([_zh("2021年", 187, "，同比下降12.6%")]) == []


def test_history_aliases_join_two_names_of_one_township() -> None:
    texts = [_zh("2020年", 208, town="老街镇"), _zh("2021年", 187, "，同比下降12.6%")]
    assert _series_findings(texts) == []
    history = History(aliases={"老街": "青山"})
    assert {f.rule for f in _series_findings(texts, history=history)} == {"series-change-mismatch"}


@pytest.mark.parametrize("factor, expected", [(3.0, {"series-jump"}), (4.0, set())])
def test_history_jump_beyond_the_configured_factor(factor: float, expected: set[str]) -> None:
    texts = [_en("2020", 52), _en("2021", 171)]
    found = _series_findings(texts, CheckConfig(jump_factor=factor))
    assert {f.rule for f in found} == expected
    assert all(f.severity == "info" for f in found)


def test_history_jump_ignores_counts_below_the_floor() -> None:
    assert _series_findings([_zh("2020年", 2), _zh("2021年", 9)]) == []


@pytest.mark.parametrize("periods, expected", [
    (["2018年", "2019年", "2021年"], {"series-gap"}),
    (["2018年", "2019年", "2020年"], set()),
    (["2019年上半年", "2021年上半年"], {"series-gap"}),
    (["2020年上半年", "2020年", "2021年上半年"], set()),  # the first halves run on; no half is skipped
])
def test_history_gap_in_a_comparable_series(periods: list[str], expected: set[str]) -> None:
    found = _series_findings([_zh(period, 100 + n) for n, period in enumerate(periods)])
    assert {f.rule for f in found} == expected
    assert all(f.severity == "info" for f in found)


def test_history_rules_can_be_ignored() -> None:
    texts = [_zh("2020年", 208), _zh("2021年", 187, "，同比下降12.6%")]
    assert _series_findings(texts, CheckConfig(ignore=("series-change-mismatch",))) == []
