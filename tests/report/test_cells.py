"""pipeline/report/cells.py: workbook cells show ids by their labels in the chosen language; ids that
are references (documents, facts) and the text's own words stay."""

from __future__ import annotations

import pytest

from pipeline.report.cells import fact_cells, finding_cells, finding_note, summary_cell
from pipeline.schema import Finding, Record
from pipeline.table import FACT_COLUMNS

FINDING = Finding(rule="rate-over-100", severity="error", message="settlement rate stated as 103% (103%); ...",
                  start=5, end=9, facts=("f3",), args={"what": "settlement_rate", "stated": "103", "surface": "103%"})
RECORD = Record(doc_id="hexi#1", source="in/hexi.txt", part=1, start=0, end=20, language="zh", findings=(FINDING,))


def fact_row(**values) -> list:
    row = dict.fromkeys(FACT_COLUMNS)
    row.update(doc_id="hexi#1", source="in/hexi.txt", id="f3", value=103, start=5, end=9, surface="103%")
    row.update(values)
    return [row[column] for column in FACT_COLUMNS]


@pytest.mark.parametrize("lang, expected", [
    ("en", ["hexi#1", "in/hexi.txt", "Rate over 100%", "error",
            "settlement rate stated as 103% (103%); a rate or share cannot exceed 100%", 5, 9, "f3"]),
    ("zh", ["hexi#1", "in/hexi.txt", "比率超过100%", "错误", "办结率写为103%（103%）；比率或占比不能超过100%", 5, 9, "f3"]),
])
def test_finding_cells_show_title_severity_and_message_in_the_language(lang: str, expected: list) -> None:
    assert finding_cells(RECORD, FINDING, lang) == expected


def test_finding_note_is_title_and_message() -> None:
    assert finding_note(FINDING, "zh") == "比率超过100%：办结率写为103%（103%）；比率或占比不能超过100%"
    assert finding_note(FINDING, "en").startswith("Rate over 100%: settlement rate stated as 103%")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_finding_marks_and_rows_given_the_messages_are_the_ones_they_make(lang: str) -> None:
    from pipeline.i18n import finding_message
    from pipeline.report.excel import finding_rows
    from pipeline.report.excel_marks import finding_marks

    other = FINDING.model_copy(update={"rule": "placeholder", "args": {"surface": "XX"}, "facts": ()})
    record = RECORD.model_copy(update={"findings": (FINDING, other)})
    messages = [finding_message(f, lang) for f in record.findings]
    assert finding_marks(record, lang, messages) == finding_marks(record, lang)
    assert list(finding_rows(record, lang, messages)) == list(finding_rows(record, lang))
    assert finding_cells(record, other, lang, "given")[4] == "given" and finding_note(other, lang, "given").endswith("given")
    with pytest.raises(ValueError):  # one message per finding
        finding_marks(record, lang, messages[:1])


@pytest.mark.parametrize("lang, values, expected", [
    ("zh", dict(indicator="settlement_rate", unit="percent", kind="rate", qualifier="more_than", scope="target",
                per="year", fact_flags="percent_sign_missing;remaining"),
     dict(indicator="办结率", unit="%", kind="比率", qualifier="以上", scope="目标或计划", per="每年",
          fact_flags="缺少百分号、余下部分")),
    ("en", dict(indicator="petitions_total", unit="case", kind="count"),
     dict(indicator="petitions received", unit="cases", kind="count")),
    ("zh", dict(indicator=None, unit=None, kind="other", part_of="f1"),  # negative: empty cells and references stay
     dict(indicator=None, unit=None, kind="其他", part_of="f1")),
])
def test_fact_cells_label_the_ids_and_keep_references(lang: str, values: dict, expected: dict) -> None:
    cells = dict(zip(FACT_COLUMNS, fact_cells(fact_row(**values), lang)))
    assert {key: cells[key] for key in expected} == expected
    assert (cells["id"], cells["doc_id"], cells["surface"], cells["value"]) == ("f3", "hexi#1", "103%", 103)


@pytest.mark.parametrize("lang, column, value, expected", [
    ("zh", "language", "en", "英文"), ("en", "language", "zh", "Chinese"),
    ("zh", "problem_categories", "staffing_shortage;other", "人员不足、其他"),
    ("en", "problem_categories", "funding_facilities", "funding and facilities"),
    ("zh", "has_plans", True, "是"), ("zh", "has_plans", False, "否"),
    ("zh", "measure_evidence", "reception@10-42,80-95;online_digital@120-150", "接访@10-42,80-95;网上信访与信息化@120-150"),
    ("zh", "period_kind", "nine_months", "前三季度"), ("en", "period_kind", "half", "half-year"),
    ("en", "has_plans", True, True),  # English keeps Excel's TRUE
    ("zh", "petitions_total", 57, 57), ("zh", "township", "Hexi Town", "Hexi Town"),  # negative: values stay
    ("zh", "problem_categories", "", ""),
])
def test_summary_cell_labels_language_categories_and_flags(lang, column, value, expected) -> None:
    assert summary_cell(column, value, lang) == expected
