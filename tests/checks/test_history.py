"""Cross-summary rules on written summaries: the stated precision as tolerance, the named basis, comparable periods."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from pipeline.checks import CheckConfig, History, batch_findings
from pipeline.process import process_path
from pipeline.series import series_item

ZH = "{town}{period}信访工作总结\n\n一、基本情况\n\n{period}，我镇共受理群众来信来访{count}件{tail}。\n"
EN = "{town}: Petition Work Summary for {period}\n\nI. Basic situation\n\nIn {period_lower} the town received {count} letters and visits{tail}.\n"
SERIES_RULES = {"series-change-mismatch", "series-restated", "series-gap", "series-jump"}
# earlier summaries, a later one, the rules expected on the later one (tolerance, basis, comparable periods)
CASES = json.loads((Path(__file__).resolve().parents[1] / "cases" / "series_history.json").read_text(encoding="utf-8"))


def _zh(period: str, count: int, tail: str = "", town: str = "青山镇") -> str:
    return ZH.format(town=town, period=period, count=count, tail=tail)


def _en(period: str, count: int, tail: str = "", town: str = "Qingshan Town") -> str:
    return EN.format(town=town, period=period, period_lower=period[0].lower() + period[1:], count=count, tail=tail)


@lru_cache(maxsize=None)
def _one(n: int, text: str):
    return process_path(Path(f"s{n}.txt"), f"s{n}.txt", classify=False, data=text.encode("utf-8"))


def _text(spec: dict) -> str:
    """A summary of a case: language, period, count received, the words after it, the township."""
    write = _zh if spec["lang"] == "zh" else _en
    return write(spec["period"], spec["count"], spec.get("tail", ""), **({"town": spec["town"]} if "town" in spec else {}))


def _case_params(key: str):
    return [([_text(e) for e in case["earlier"]], _text(case["later"]), set(case["expected"])) for case in CASES[key]]


def _processed(texts: list[str]):
    return [_one(n, text) for n, text in enumerate(texts)]


def _series_findings(texts: list[str], config: CheckConfig | None = None, history: History | None = None):
    """The series findings of the last text, with the others as the earlier summaries of the batch."""
    files = _processed(texts)
    pairs = [(record, item.text) for item in files for record in item.records]
    found = batch_findings(pairs, config or CheckConfig(), history=history)
    return [f for f in found[-1] if f.rule in SERIES_RULES]


@pytest.mark.parametrize("earlier, later, expected", _case_params("changes"))
def test_history_stated_change_against_the_earlier_summary(earlier, later, expected) -> None:
    assert {f.rule for f in _series_findings([*earlier, later])} == expected


@pytest.mark.parametrize("earlier, later, expected", _case_params("restated"))
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
