"""The workbook's XlsxWriter file: XlsxWriter's own parts byte for byte, deflated at the fast level, sheet data copied as bytes."""

from __future__ import annotations

import zipfile
import zlib
from datetime import datetime
from pathlib import Path

import pytest
import xlsxwriter.workbook
from xlsxwriter import Workbook

from pipeline.report.excel_book import COMPRESS_LEVEL, FastWorkbook

TEXTS = ["plain", " leading", "办结率 <100%> & \"q\"", "line\nbreak", "ctrl \x01 \r\n", "_x0041_", "emoji \U0001F600"]


def _book(book_class, path: Path, constant_memory: bool = True) -> dict[str, bytes]:
    book = book_class(str(path), {"constant_memory": constant_memory})
    book.set_properties({"created": datetime(2020, 1, 1)})
    for name in ("Summaries", "Facts"):
        sheet = book.add_worksheet(name)
        sheet.set_column(0, 2, 20)
        for row in range(1, 300):
            sheet.write_string(row, 0, TEXTS[row % len(TEXTS)] + f" {row}")
            sheet.write_number(row, 1, row / 7)
            if row % 5 == 0:
                sheet.write_comment(row, 1, f"finding {row}\n  detail ", {"author": "Petition Miner", "width": 360})
            if row % 11 == 0:
                sheet.write_url(row, 2, f"internal:'{name}'!A{row}", string="link")
    book.close()
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


@pytest.mark.parametrize("constant_memory", [True, False])
def test_fast_workbook_holds_xlsxwriters_parts(tmp_path: Path, constant_memory: bool) -> None:
    theirs = _book(Workbook, tmp_path / "xlsxwriter.xlsx", constant_memory)
    ours = _book(FastWorkbook, tmp_path / "fast.xlsx", constant_memory)
    assert list(ours) == list(theirs) and ours == theirs
    assert any(name.startswith("xl/drawings/vmlDrawing") for name in ours)


def test_parts_are_deflated_at_the_fast_level(tmp_path: Path) -> None:
    _book(FastWorkbook, tmp_path / "fast.xlsx")
    with zipfile.ZipFile(tmp_path / "fast.xlsx") as archive:
        for info in archive.infolist():
            packer = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
            data = archive.read(info.filename)
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.compress_size == len(packer.compress(data) + packer.flush()), info.filename


def test_the_zip_class_is_xlsxwriters_again_after_a_failed_close(tmp_path: Path) -> None:
    original = xlsxwriter.workbook.ZipFile
    book = FastWorkbook(str(tmp_path / "missing" / "book.xlsx"))
    book.add_worksheet().write_string(0, 0, "x")
    with pytest.raises(Exception):
        book.close()
    assert xlsxwriter.workbook.ZipFile is original
