"""bench.outputs_check: two run output folders compared file by file, the workbook by its parts and cells."""

from __future__ import annotations

from pathlib import Path

from xlsxwriter import Workbook

from bench.outputs_check import main
from pipeline.report.excel_book import FastWorkbook


def _folder(path: Path, book_class, comment: str = "note", value: float = 1.5, records: str = "{}\n") -> Path:
    path.mkdir()
    (path / "records.jsonl").write_text(records, encoding="utf-8")
    book = book_class(str(path / "table.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet("Summaries")
    for row in range(1, 30):
        sheet.write_string(row, 0, f"doc {row}")
        sheet.write_number(row, 1, value * row)
        if row == 3:
            sheet.write_comment(row, 1, comment)  # (constant_memory: while its row is the current one)
    book.close()
    return path


def test_the_same_outputs_zipped_at_other_levels_are_identical(tmp_path: Path, capsys) -> None:
    before, after = _folder(tmp_path / "a", Workbook), _folder(tmp_path / "b", FastWorkbook)
    assert (before / "table.xlsx").read_bytes() != (after / "table.xlsx").read_bytes()
    assert main([str(before), str(after), "--cells"]) == 0
    assert "identical" in capsys.readouterr().out


def test_a_changed_record_cell_or_comment_is_named(tmp_path: Path, capsys) -> None:
    before = _folder(tmp_path / "a", Workbook)
    assert main([str(before), str(_folder(tmp_path / "b", Workbook, records="{\"x\": 1}\n"))]) == 1
    out = capsys.readouterr().out
    assert "records.jsonl: bytes differ" in out
    summary = out.strip().splitlines()[-1]  # the closing line names only what differs
    assert summary.endswith("DIFFERENT: records.jsonl") and "table.xlsx" in summary.split(";")[0]
    assert main([str(before), str(_folder(tmp_path / "c", Workbook, value=2.5)), "--cells"]) == 1
    out = capsys.readouterr().out
    assert "sheet1.xml differs" in out and "Summaries!B2" in out
    assert main([str(before), str(_folder(tmp_path / "d", Workbook, comment="other")), "--cells"]) == 1
    assert "Summaries!B4" in capsys.readouterr().out
