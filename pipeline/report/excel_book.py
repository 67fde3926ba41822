"""The workbook's XlsxWriter file: the parts XlsxWriter writes, sheet data copied as bytes and zipped at a fast compression level."""

from __future__ import annotations

import os
import shutil
import zipfile

import xlsxwriter.workbook
from xlsxwriter.worksheet import Worksheet

from pipeline.report.excel_comments import CommentedWorkbook

# zlib's fastest level: on the workbook of 2,000 generated summaries (188 MB of XML) 0.57 s of
# CPU instead of 1.85 s at the default level 6, for a file of 17.8 MB instead of 14.1 MB
COMPRESS_LEVEL = 1
COPY_BUFFER = 1 << 20


class _LeveledZip(zipfile.ZipFile):
    """A ZipFile whose deflated members use COMPRESS_LEVEL unless told otherwise."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("compresslevel", COMPRESS_LEVEL)
        super().__init__(*args, **kwargs)


class _CopyingSheet(Worksheet):
    """A worksheet whose constant_memory rows go into its XML part as bytes: XlsxWriter reads its
    row file back as text and writes it again, decoding and encoding every byte. The row file holds
    no carriage return (XlsxWriter writes it as _x000D_), so text mode changes none of its bytes."""

    def _write_optimized_sheet_data(self) -> None:
        if self.dim_rowmin is None or not hasattr(self.fh, "buffer"):
            super()._write_optimized_sheet_data()
            return
        self._xml_start_tag("sheetData")
        self.row_data_fh.flush()
        self.fh.flush()
        with open(self.row_data_filename, "rb") as rows:
            shutil.copyfileobj(rows, self.fh.buffer, COPY_BUFFER)
        self.row_data_fh.close()
        os.unlink(self.row_data_filename)
        self._xml_end_tag("sheetData")


class FastWorkbook(CommentedWorkbook):
    """CommentedWorkbook (the same parts, byte for byte) with _CopyingSheet sheets, zipped at COMPRESS_LEVEL."""

    def add_worksheet(self, name: str | None = None, worksheet_class=None) -> Worksheet:
        return super().add_worksheet(name, worksheet_class or _CopyingSheet)

    def _store_workbook(self) -> None:
        # XlsxWriter opens its ZipFile with the default level and no way to pass another: it
        # takes _LeveledZip for the length of this call (a run writes one workbook at a time)
        module = xlsxwriter.workbook
        original, module.ZipFile = module.ZipFile, _LeveledZip
        try:
            super()._store_workbook()
        finally:
            module.ZipFile = original
