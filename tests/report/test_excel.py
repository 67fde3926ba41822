"""Excel workbook: frozen header, autofilter, flagged error cells with comments, findings, zh headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.process import process_path
from pipeline.report import column_labels, write_excel
from pipeline.schema import Fact, Finding, Record
from pipeline.table import FACT_COLUMNS, build_table

TEXT = "Hexi Town 2021. We accepted 31 letters and visits, settled 30, a settlement rate of 103% in XX villages."
ERROR_FILL = "FFC7CE"


def fact(fid: str, surface: str, indicator: str, value: float, kind: str) -> Fact:
    start = TEXT.index(surface)
    return Fact(id=fid, indicator=indicator, value=value, kind=kind, start=start, end=start + len(surface),
                surface=surface)


def record(doc_id: str = "hexi#1", findings: bool = True) -> Record:
    found = (
        Finding(rule="rate-over-100", severity="error", message="settlement_rate stated as 103%",
                start=TEXT.index("103%"), end=TEXT.index("103%") + 4, facts=("f3",)),
        Finding(rule="placeholder", severity="error", message='unfilled template marker "XX"',
                start=TEXT.index("XX"), end=TEXT.index("XX") + 2),
        Finding(rule="parts-short-of-total", severity="warning", message="parts fall short",
                start=0, end=4, facts=("f1", "f2")),
    )
    return Record(
        doc_id=doc_id, source="synthetic/hexi.txt", part=1, start=0, end=len(TEXT), language="en",
        township="Hexi Town",
        facts=(fact("f1", "31 letters and visits", "petitions_total", 31, "count"),
               fact("f2", "30", "cases_settled", 30, "count"),
               fact("f3", "103%", "settlement_rate", 103, "rate")),
        findings=found if findings else (),
    )


def header_index(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


@pytest.fixture
def workbook(tmp_path: Path):
    records = [record("clean#1", findings=False), record()]
    path = tmp_path / "table.xlsx"
    write_excel(records, build_table(records), path)
    return load_workbook(path)


def test_excel_has_three_sheets(workbook) -> None:
    assert workbook.sheetnames == ["Summaries", "Findings", "Facts"]


def test_excel_summaries_header_is_frozen_and_filtered(workbook) -> None:
    sheet = workbook["Summaries"]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.auto_filter.ref.endswith(str(sheet.max_row))
    assert sheet.column_dimensions["A"].width >= len("Document id")


def test_excel_error_finding_highlights_the_indicator_cell_with_a_comment(workbook) -> None:
    sheet = workbook["Summaries"]
    column = header_index(sheet)["Settlement rate (%)"]
    cell = sheet.cell(row=3, column=column)
    assert cell.value == 103
    assert cell.fill.fgColor.rgb.endswith(ERROR_FILL)
    assert "settlement_rate stated as 103%" in cell.comment.text


def test_excel_error_finding_without_facts_highlights_the_doc_id(workbook) -> None:
    cell = workbook["Summaries"].cell(row=3, column=1)
    assert cell.value == "hexi#1"
    assert cell.fill.fgColor.rgb.endswith(ERROR_FILL)
    assert 'unfilled template marker "XX"' in cell.comment.text


def test_excel_warnings_and_clean_rows_are_not_highlighted(workbook) -> None:
    sheet = workbook["Summaries"]
    columns = header_index(sheet)
    assert sheet.cell(row=3, column=columns["Petitions received"]).comment is None
    assert all(cell.comment is None for cell in sheet[2])


def test_excel_findings_sheet_lists_every_finding(workbook) -> None:
    rows = list(workbook["Findings"].iter_rows(values_only=True))
    assert rows[0] == ("Document id", "Source file", "Rule", "Severity", "Message", "Start", "End", "Facts")
    assert [row[2] for row in rows[1:]] == ["rate-over-100", "placeholder", "parts-short-of-total"]
    assert rows[1][0] == "hexi#1" and rows[1][7] == "f3"
    assert rows[3][7] == "f1;f2"
    assert workbook["Findings"].freeze_panes == "A2"


def test_excel_facts_sheet_has_one_row_per_fact(workbook) -> None:
    rows = list(workbook["Facts"].iter_rows(values_only=True))
    assert len(rows) == 1 + 2 * 3
    assert len(rows[0]) == len(FACT_COLUMNS)


def test_excel_zh_headers(tmp_path: Path) -> None:
    records = [record()]
    table = build_table(records)
    table["mystery_column"] = 1
    path = tmp_path / "zh.xlsx"
    write_excel(records, table, path, labels="zh")
    book = load_workbook(path)
    headers = [cell.value for cell in book["Summaries"][1]]
    assert headers[0] == "文档编号"
    assert "信访总量" in headers and "办结率（%）" in headers
    assert headers[-1] == "mystery_column"
    assert [cell.value for cell in book["Findings"][1]][:3] == ["文档编号", "源文件", "规则"]


def test_column_labels_per_language() -> None:
    assert column_labels("en")["petitions_total"] == "Petitions received"
    assert column_labels("zh")["measures_reception"] == "措施：接访"


def test_excel_corpus_rate_over_100_is_flagged(tmp_path: Path, repo_root: Path) -> None:
    processed = process_path(repo_root / "corpus" / "en_gaopo_2018_annual.txt")
    records = list(processed.records)
    path = tmp_path / "corpus.xlsx"
    write_excel(records, build_table(records), path)
    sheet = load_workbook(path)["Summaries"]
    cell = sheet.cell(row=2, column=header_index(sheet)["Settlement rate (%)"])
    assert cell.value == 102
    assert "rate-over-100" in cell.comment.text
