"""cli/run_summary.py: the closing summary of `run` in English and Chinese, values in one column."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rich.cells import cell_len

from cli.run_summary import summary_lines
from pipeline.errors import EmptyFileError


@dataclass
class Result:
    status: str
    error: object = None


@dataclass
class FakeBatch:
    results: list = field(default_factory=lambda: [Result("processed"), Result("skipped"),
                                                   Result("error", EmptyFileError("the file is empty", "in/e.txt"))])
    documents: list = field(default_factory=lambda: [2, 1, 0])
    severity: dict = field(default_factory=lambda: {"error": 3, "warning": 1})
    elapsed: float = 2.04
    stages: dict = field(default_factory=lambda: {"processing": 1.5, "batch findings": 0.2})
    written: dict = field(default_factory=lambda: {"table": Path("out/table.csv"), "xlsx": Path("out/table.xlsx"),
                                                   "report": Path("out/report.html")})
    notes: list = field(default_factory=lambda: [("note_moved", {"n": 2})])
    failed: list = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(self.documents)

    @property
    def errors(self) -> list:
        return [result for result in self.results if result.status == "error"]

    def count(self, status: str) -> tuple[int, int]:
        chosen = [n for n, result in enumerate(self.results) if result.status == status]
        return len(chosen), sum(self.documents[n] for n in chosen)


@pytest.mark.parametrize("lang, expected", [
    ("en", ["files      3 (1 processed, 1 skipped, 1 could not be read)",
            "documents  3 (2 processed, 1 skipped)",
            "records    3",
            "findings   3 error, 1 warning, 0 info",
            "errors     1",
            "  in/e.txt: the file is empty [E102]",
            "skipped    1 documents in 1 files unchanged since the last run",
            "elapsed    2.0s (processing 1.5s, batch findings 0.2s)",
            "note       store: 2 files found under a new name keep one copy, at their new path",
            "table      out/table.csv, out/table.xlsx",
            "report     out/report.html"]),
    ("zh", ["文件        3 个（处理 1 个，跳过 1 个，无法读取 1 个）",
            "文档        3 份（处理 2 份，跳过 1 份）",
            "记录        3",
            "发现的问题  错误 3 条、警告 1 条、提示 0 条",
            "无法读取    1",
            "  in/e.txt：文件为空 [E102]",
            "跳过        1 个文件中的 1 份文档自上次运行以来未改动",
            "用时        2.0 秒（处理 1.5 秒、跨文档检查 0.2 秒）",
            "说明        数据库：2 个改名的文件只保留一份，以新路径为准",
            "表格        out/table.csv、out/table.xlsx",
            "报告        out/report.html"]),
])
def test_summary_lines_in_the_chosen_language(lang: str, expected: list[str]) -> None:
    lines = summary_lines(FakeBatch(), lang)
    assert lines == expected
    labelled = [line for line in lines if not line.startswith(" ")]
    assert len({cell_len(line) - cell_len(line.split(maxsplit=1)[1]) for line in labelled}) == 1  # one column
