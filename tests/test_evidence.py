"""The evidence of each category: spans of the units that carry it, in the table and the report."""

from __future__ import annotations

from pipeline.evidence import category_evidence, evidence_cell
from pipeline.report.evidence import evidence_list
from pipeline.schema import MEASURE_CATEGORIES, Measure, Problem, Record
from pipeline.table import record_row

TEXT = "镇里成立领导小组。每周一领导接访。设立接待室并接访。人员不足。"


def _unit(cls, uid, surface, categories):
    start = TEXT.index(surface)
    return cls(id=uid, text=surface, start=start, end=start + len(surface), categories=categories)


def _record() -> Record:
    return Record(doc_id="t#1", source="t.txt", part=1, start=0, end=len(TEXT), language="zh", measures=(
        _unit(Measure, "m1", "镇里成立领导小组", ("leadership_responsibility",)),
        _unit(Measure, "m2", "每周一领导接访", ("reception",)),
        _unit(Measure, "m3", "设立接待室并接访", ("network_infrastructure", "reception"))),
        problems=(_unit(Problem, "p1", "人员不足", ("staffing_shortage",)),))


def test_evidence_lists_every_unit_of_a_category_in_vocabulary_order() -> None:
    found = category_evidence(_record().measures, MEASURE_CATEGORIES)
    assert list(found) == ["leadership_responsibility", "reception", "network_infrastructure"]
    assert [TEXT[a:b] for a, b in found["reception"]] == ["每周一领导接访", "设立接待室并接访"]


def test_evidence_cells_of_the_table_row_are_grounded() -> None:
    row = record_row(_record())
    assert row["problem_evidence"] == f"staffing_shortage@{TEXT.index('人员不足')}-{TEXT.index('人员不足') + 4}"
    for part in row["measure_evidence"].split(";"):
        category, spans = part.split("@")
        for span in spans.split(","):
            start, end = map(int, span.split("-"))
            assert TEXT[start:end] in {m.text for m in _record().measures if category in m.categories}


def test_evidence_cell_is_empty_without_labelled_units() -> None:
    assert evidence_cell((), MEASURE_CATEGORIES) == ""


def test_evidence_report_fragment_quotes_each_category_once() -> None:
    html = evidence_list(_record(), TEXT, {"reception": "Reception"}, "Categories")
    assert html.count("<dt") == 4 and "Reception" in html and "<q>设立接待室并接访</q>" in html
    empty = _record().model_copy(update={"measures": (), "problems": ()})
    assert evidence_list(empty, TEXT, {}, "Categories") == ""
