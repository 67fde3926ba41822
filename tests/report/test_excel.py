"""Excel workbook: frozen header, autofilter, flagged error cells with comments, findings, zh headers,
sheets split at the row limit, display widths and byte-identical output."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from pipeline.i18n import rule_title

from pipeline.process import process_path
from pipeline.report import column_labels, excel, write_excel
from pipeline.schema import Fact, Finding, Record
from pipeline.table import FACT_COLUMNS, build_table

TEXT = "Hexi Town 2021. We accepted 31 letters and visits, settled 30, a settlement rate of 103% in XX villages."
ERROR_FILL, WARNING_FILL = "FFC7CE", "FFEB9C"


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
    assert sheet.freeze_panes == "C2"  # township and period stay in view
    assert [cell.value for cell in sheet[1]][:2] == ["Township", "Period"]
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.auto_filter.ref.endswith(str(sheet.max_row))
    assert sheet.column_dimensions["A"].width >= len("Township")


def test_excel_error_finding_highlights_the_indicator_cell_with_a_comment(workbook) -> None:
    sheet = workbook["Summaries"]
    column = header_index(sheet)["Settlement rate (%)"]
    cell = sheet.cell(row=3, column=column)
    assert cell.value == 103
    assert cell.fill.fgColor.rgb.endswith(ERROR_FILL)
    assert "settlement_rate stated as 103%" in cell.comment.text


def test_excel_error_finding_without_facts_highlights_the_township(workbook) -> None:
    cell = workbook["Summaries"].cell(row=3, column=1)
    assert cell.value == "Hexi Town"
    assert cell.fill.fgColor.rgb.endswith(ERROR_FILL)
    assert 'unfilled template marker "XX"' in cell.comment.text


def test_excel_warning_marks_its_cells_in_its_own_colour_and_clean_rows_stay_plain(workbook) -> None:
    sheet = workbook["Summaries"]
    columns = header_index(sheet)
    for name in ("Petitions received", "Cases settled"):
        cell = sheet.cell(row=3, column=columns[name])
        assert cell.fill.fgColor.rgb.endswith(WARNING_FILL) and rule_title("parts-short-of-total", "en") in cell.comment.text
    assert all(cell.comment is None and not cell.fill.fgColor.rgb.endswith((ERROR_FILL, WARNING_FILL))
               for cell in sheet[2])


def test_excel_findings_sheet_lists_every_finding(workbook) -> None:
    rows = list(workbook["Findings"].iter_rows(values_only=True))
    assert rows[0] == ("Document id", "Source file", "Rule", "Severity", "Message", "Start", "End", "Facts")
    assert [row[2] for row in rows[1:]] == ["Rate over 100%", "Unfilled template marker",
                                            "Complete breakdown short of the total"]  # rule titles
    assert [row[3] for row in rows[1:]] == ["error", "error", "warning"]
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
    assert book.sheetnames[:3] == ["总表", "问题", "数字"]
    headers = [cell.value for cell in book["总表"][1]]
    assert headers[:2] == ["乡镇", "时段"] and "文档编号" in headers
    assert "信访总量" in headers and "办结率（%）" in headers
    assert headers[-1] == "mystery_column"
    assert [cell.value for cell in book["问题"][1]][:3] == ["文档编号", "源文件", "规则"]
    assert [cell.value for cell in book["问题"][2]][2:4] == ["比率超过100%", "错误"]  # rule title, severity


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
    assert cell.comment.text == "Rate over 100%: settlement rate stated as 102% (102%); a rate or share cannot exceed 100%"


def test_excel_text_that_looks_like_a_formula_or_a_link_stays_text(tmp_path: Path) -> None:
    records = [record().model_copy(update={"township": "=1+1", "source": "http://example.com/hexi.txt"})]
    path = tmp_path / "text.xlsx"
    write_excel(records, build_table(records), path)
    sheet = load_workbook(path)["Summaries"]
    columns = header_index(sheet)
    township, source = sheet.cell(row=2, column=columns["Township"]), sheet.cell(row=2, column=columns["Source file"])
    assert (township.data_type, township.value) == ("s", "=1+1")
    assert (source.data_type, source.value, source.hyperlink) == ("s", "http://example.com/hexi.txt", None)


# Sheets split at the row limit (lowered to 4 data rows per sheet)

@pytest.fixture
def split_book(tmp_path: Path, monkeypatch):
    """Five clean summaries, then the flagged one: its row is the second of "Summaries (2)"."""
    monkeypatch.setattr(excel, "SHEET_ROWS", 5)
    records = [record(f"clean#{n}", findings=False) for n in range(1, 6)] + [record()]
    path = tmp_path / "split.xlsx"
    write_excel(records, build_table(records), path)
    return records, load_workbook(path)


def sheets_of(book, title: str) -> list:
    return [book[name] for name in book.sheetnames if name == title or name.startswith(f"{title} (")]


def test_excel_split_continues_on_numbered_sheets(split_book) -> None:
    _, book = split_book
    assert book.sheetnames == ["Summaries", "Summaries (2)", "Findings",
                               "Facts", "Facts (2)", "Facts (3)", "Facts (4)", "Facts (5)"]
    assert [sheet.max_row for sheet in sheets_of(book, "Facts")] == [5, 5, 5, 5, 3]


@pytest.mark.parametrize("title, freeze", [("Summaries", "C2"), ("Findings", "A2"), ("Facts", "A2")])
def test_excel_every_split_sheet_has_header_panes_filter_and_widths(split_book, title: str, freeze: str) -> None:
    _, book = split_book
    first_header = [cell.value for cell in book[title][1]]
    for sheet in sheets_of(book, title):
        assert [cell.value for cell in sheet[1]] == first_header
        assert all(cell.font.b for cell in sheet[1])
        assert sheet.freeze_panes == freeze
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(first_header)).column_letter}{sheet.max_row}"
        assert sheet.column_dimensions["A"].width >= len("Township")


def test_excel_split_keeps_every_fact_row_once_in_order(split_book) -> None:
    records, book = split_book
    rows = [row for sheet in sheets_of(book, "Facts") for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(row[0], row[2]) for row in rows] == [(r.doc_id, f.id) for r in records for f in r.facts]


def test_excel_flagged_cells_land_on_the_continuation_sheet(split_book) -> None:
    _, book = split_book
    sheet = book["Summaries (2)"]
    columns = header_index(sheet)
    assert [row[columns["Document id"] - 1] for row in sheet.iter_rows(min_row=2, values_only=True)] == \
        ["clean#5", "hexi#1"]
    rate = sheet.cell(row=3, column=columns["Settlement rate (%)"])
    assert rate.value == 103 and rate.fill.fgColor.rgb.endswith(ERROR_FILL)
    assert "settlement_rate stated as 103%" in rate.comment.text and rate.comment.author == "Petition Miner"
    assert 'unfilled template marker "XX"' in sheet.cell(row=3, column=1).comment.text
    commented = [(s.title, c.coordinate) for s in sheets_of(book, "Summaries") for row in s.iter_rows()
                 for c in row if c.comment]
    expected = sorted(sheet.cell(row=3, column=columns[name]).coordinate
                      for name in ("Township", "Petitions received", "Cases settled", "Settlement rate (%)"))
    assert sorted(coordinate for _, coordinate in commented) == expected
    assert {title for title, _ in commented} == {"Summaries (2)"}


def test_excel_a_full_sheet_gets_no_empty_continuation(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(excel, "SHEET_ROWS", 4)  # three data rows: exactly the three findings
    records = [record()]
    path = tmp_path / "full.xlsx"
    write_excel(records, build_table(records), path)
    book = load_workbook(path)
    assert book.sheetnames == ["Summaries", "Findings", "Facts"]
    assert book["Findings"].max_row == 4


def test_excel_widths_come_from_a_bounded_sample(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(excel, "WIDTH_SAMPLE", 1)
    records = [record("a"), record("a-much-longer-document-id-past-the-sample")]
    path = tmp_path / "sample.xlsx"
    write_excel(records, build_table(records), path)
    assert load_workbook(path)["Summaries"].column_dimensions["A"].width < len(records[1].doc_id)


# Display width: the east_asian_width rule, W and F count 2

def width_by_rule(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.mark.parametrize("value, width", [
    (None, 0), (103, 3), ("settlement rate", 15), ("信访总量", 8), ("ＡＢＣ１２", 10),
    ("办结率103%", 10), ("Hexi 河西镇 2021年", 18), ("𠀀😀a", 5), ("é", 1),
])
def test_display_width_examples(value: object, width: int) -> None:
    assert excel._display_width(value) == width


characters = st.one_of(
    st.characters(),
    st.characters(min_codepoint=0x2E80, max_codepoint=0xA4CF),  # CJK radicals ... Yi
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),  # halfwidth and fullwidth forms
    st.characters(min_codepoint=0x1F000, max_codepoint=0x3FFFF),  # emoji, CJK extensions B ...
)


@given(st.text(alphabet=characters))
def test_display_width_equals_the_east_asian_width_rule(text: str) -> None:
    assert excel._display_width(text) == width_by_rule(text)


# Same input, same bytes

def test_excel_same_input_gives_identical_bytes(tmp_path: Path) -> None:
    records = [record("clean#1", findings=False), record()]
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    write_excel(records, build_table(records), first)
    write_excel(records, build_table(records), second)
    assert first.read_bytes() == second.read_bytes()
    core = zipfile.ZipFile(first).read("docProps/core.xml").decode()
    assert f">{excel.CREATED:%Y-%m-%dT%H:%M:%SZ}</dcterms:created>" in core
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.xlsx", "second.xlsx"]


def test_excel_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    import tempfile

    records = [record("clean#1", findings=False), record()]
    out, system_tmp = tmp_path / "out", tmp_path / "system_tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))  # where stray temporary files would go
    path = out / "table.xlsx"
    write_excel(records, build_table(records), path)
    before = path.read_bytes()
    real_rows = excel.fact_rows  # the disk fills while the Facts sheet is written
    monkeypatch.setattr(excel, "fact_rows", lambda items: _failing(real_rows, items))
    with pytest.raises(OSError, match="disk full"):
        write_excel(records, build_table(records), path)
    assert path.read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["table.xlsx"] and list(system_tmp.iterdir()) == []


def _failing(rows, items):
    """The first fact row, then a full disk."""
    yield from list(rows(items))[:1]
    raise OSError("disk full")


# The Summaries sheet as staff read it: lead columns, % formats, marks of every severity, links

def test_excel_summaries_lead_with_township_period_and_key_figures(workbook) -> None:
    from pipeline.report.excel_layout import LEAD_COLUMNS

    sheet = workbook["Summaries"]
    names = column_labels("en")
    assert [cell.value for cell in sheet[1]][:len(LEAD_COLUMNS)] == [names[c] for c in LEAD_COLUMNS]
    row = {cell.value: value.value for cell, value in zip(sheet[1], sheet[3])}
    assert (row["Petitions received"], row["Cases settled"], row["Settlement rate (%)"]) == (31, 30, 103)
    assert row["Settlement rate recomputed (%)"] == pytest.approx(96.8)
    assert (row["Errors"], row["Warnings"]) == (2, 1)


def test_excel_rates_show_a_percent_sign_and_keep_their_value(workbook) -> None:
    sheet = workbook["Summaries"]
    columns = header_index(sheet)
    for name in ("Settlement rate (%)", "Settlement rate recomputed (%)"):
        cell = sheet.cell(row=2, column=columns[name])
        assert '"%"' in cell.number_format and cell.value > 1
    assert sheet.cell(row=2, column=columns["Petitions received"]).number_format == "General"


def test_excel_more_settled_than_received_shows_its_recomputed_rate(tmp_path: Path) -> None:
    over = record().model_copy(update={"facts": (fact("f1", "31 letters and visits", "petitions_total", 31, "count"),
                                                 fact("f2", "30", "cases_settled", 40, "count"))})
    path = tmp_path / "over.xlsx"
    write_excel([over], build_table([over]), path)
    sheet = load_workbook(path)["Summaries"]
    assert sheet.cell(row=2, column=header_index(sheet)["Settlement rate recomputed (%)"]).value == pytest.approx(129.0)


def test_excel_each_finding_links_to_its_summary_row(workbook) -> None:
    findings, summaries = workbook["Findings"], workbook["Summaries"]
    doc_ids = {row[header_index(summaries)["Document id"] - 1]: n
               for n, row in enumerate(summaries.iter_rows(values_only=True), 1)}
    links = [(row[0].value, row[0].hyperlink.location) for row in findings.iter_rows(min_row=2)]
    assert links and all(location == f"'Summaries'!A{doc_ids[doc_id]}" for doc_id, location in links)


def test_excel_corpus_conflicting_totals_are_marked_too(tmp_path: Path, repo_root: Path) -> None:
    names = ("zh_jinping_2021_annual.txt", "zh_lianhua_2019_annual.txt", "en_gaopo_2018_annual.txt",
             "zh_guanyin_2019_h1.txt", "zh_xiaohe_2022_annual.docx")
    records = [r for name in names for r in process_path(repo_root / "corpus" / name).records]
    path = tmp_path / "corpus.xlsx"
    write_excel(records, build_table(records), path)
    sheet = load_workbook(path)["Summaries"]
    comments = [cell.comment.text for row in sheet.iter_rows(min_row=2) for cell in row if cell.comment]
    rules = {finding.rule for r in records for finding in r.findings}
    assert {"conflicting-values", "parts-short-of-total", "percent-sign-missing", "rate-over-100"} <= rules
    assert {rule for rule in rules if any(rule_title(rule, "en") in text for text in comments)} == rules
    fills = {cell.fill.fgColor.rgb[-6:] for row in sheet.iter_rows(min_row=2) for cell in row if cell.comment}
    assert {ERROR_FILL, WARNING_FILL} <= fills
