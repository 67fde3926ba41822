"""Unit scoring against gold units: IoU matching, units spanning sections or holding the overview."""

from __future__ import annotations

import pytest

from pipeline.evaluation_units import (IOU_THRESHOLD, UnitTally, lead_span, score_unit_boundaries,
                                       score_unit_structure, span_iou, units_table, unsound_reason)
from pipeline.gold import GoldDocument, GoldUnit
from pipeline.schema import Measure, Problem, Record, Section


@pytest.mark.parametrize("a, b, expected", [
    ((0, 10), (0, 10), 1.0), ((0, 10), (5, 15), 5 / 15), ((0, 10), (10, 20), 0.0),
    ((0, 10), (2, 8), 0.6), ((3, 3), (0, 10), 0.0),
], ids=["same", "half-overlap", "touching", "inside", "empty"])
def test_evaluation_units_span_iou(a, b, expected) -> None:
    assert span_iou(a, b) == pytest.approx(expected)
    assert span_iou(b, a) == pytest.approx(expected)


ZH_TEXT = "今年以来，我镇信访形势平稳。\n一是建立台账，逐一销号。二是开展排查。\n存在的问题：人员不足。"


def _record(measures=(), problems=(), sections=None) -> Record:
    sections = sections or (Section(kind="overview", level=0, start=0, end=15, kind_by="position"),
                            Section(kind="measures", level=0, start=15, end=36, kind_by="content"),
                            Section(kind="problems", level=0, start=36, end=len(ZH_TEXT), kind_by="content"))
    return Record(doc_id="t#1", source="t.txt", part=1, start=0, end=len(ZH_TEXT), language="zh",
                  sections=sections,
                  measures=tuple(Measure(id=f"m{n}", text=ZH_TEXT[a:b], start=a, end=b) for n, (a, b) in enumerate(measures, 1)),
                  problems=tuple(Problem(id=f"p{n}", text=ZH_TEXT[a:b], start=a, end=b) for n, (a, b) in enumerate(problems, 1)))


def _gold(units, kinds=("overview", "measures", "problems")) -> GoldDocument:
    return GoldDocument(part=1, start=0, end=len(ZH_TEXT), language="zh", section_kinds=kinds,
                        units=tuple(GoldUnit(kind=k, start=a, end=b) for k, a, b in units))


def test_evaluation_units_gold_unit_matched_by_a_unit_of_its_kind_with_iou_at_threshold() -> None:
    first = (ZH_TEXT.index("建立"), ZH_TEXT.index("。二是"))
    second = (ZH_TEXT.index("开展"), ZH_TEXT.index("开展") + 4)
    tally = UnitTally()
    record = _record(measures=[(first[0] - 2, first[1]), (second[0], second[0] + 2)])  # 1.0 and 0.5 IoU
    score_unit_boundaries([record], _gold([("measure", *first), ("measure", *second)]), ZH_TEXT, tally, "t")
    assert span_iou((second[0], second[0] + 2), second) == IOU_THRESHOLD
    assert (tally.matched["measure"], tally.gold["measure"]) == (2, 2) and not tally.unmatched


def test_evaluation_units_a_unit_of_another_kind_matches_nothing() -> None:
    span = (ZH_TEXT.index("人员"), ZH_TEXT.index("不足") + 2)
    tally = UnitTally()
    score_unit_boundaries([_record(measures=[span])], _gold([("problem", *span)]), ZH_TEXT, tally, "t")
    assert tally.matched["problem"] == 0 and tally.gold["problem"] == 1 and tally.unmatched


def test_evaluation_units_unit_across_a_section_start_spans_two_sections() -> None:
    record = _record(measures=[(10, 20)])
    assert unsound_reason(10, 20, record, None) == "spans two sections"
    assert unsound_reason(16, 30, record, None) is None


def test_evaluation_units_unit_covering_the_lead_holds_the_overview() -> None:
    gold = _gold([])
    lead = lead_span(ZH_TEXT, gold, "zh")
    assert ZH_TEXT[lead[0]:lead[1]] == "今年以来，我镇信访形势平稳。"
    record = _record(measures=[(0, 13)])
    assert unsound_reason(0, 13, record, lead) == "holds the overview"
    assert unsound_reason(0, 3, record, lead) is None  # a quarter of the lead


def test_evaluation_units_no_lead_without_an_overview_or_when_a_gold_unit_is_the_lead() -> None:
    assert lead_span(ZH_TEXT, _gold([], kinds=("measures",)), "zh") is None
    assert lead_span(ZH_TEXT, _gold([("problem", 0, 13)]), "zh") is None


def test_evaluation_units_structure_counts_and_table() -> None:
    tally = UnitTally()
    record = _record(measures=[(10, 20), (0, 13)])
    score_unit_structure(record, lead_span(ZH_TEXT, _gold([]), "zh"), tally, "t")
    assert (tally.spanning, tally.overview) == (1, 1)
    lines = units_table([("dev", tally)])
    assert lines[2].startswith("| dev | 0 |") and lines[2].endswith("| 1 | 1 |")
