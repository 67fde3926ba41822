"""`petition-miner extract --format table`: labels in the chosen language, and piped to a file the
table keeps its width (no line squeezed to 80 columns, no word broken)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("columns", [None, "60"])
def test_extract_table_piped_keeps_cells_whole(runner, repo_root: Path, columns) -> None:
    env = {"COLUMNS": columns} if columns else {}
    result = runner.invoke(app, ["extract", "--format", "table", str(repo_root / "corpus" / "en_bailu_2021_annual.txt")],
                           env=env)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) > 80
    row = next(line for line in lines if "│ f1 " in line)
    assert "126.8 square kilometers" in row and "square kilometers" in row.split("│")[-2]


@pytest.mark.parametrize("lang, headers, cells", [
    ("en", ["Fact id", "Surface", "Value", "Unit", "Kind", "Indicator", "Qualifier", "Relation", "Subject"],
     ["cases", "count", "petitions received"]),
    ("zh", ["数字编号", "原文", "数值", "单位", "类型", "指标", "限定", "关系", "对象"], ["件", "数量", "信访总量"]),
])
def test_extract_table_labels_in_the_chosen_language(runner, repo_root: Path, lang, headers, cells) -> None:
    path = repo_root / "corpus" / "zh_jinping_2021_annual.txt"
    result = runner.invoke(app, ["extract", "--format", "table", "--lang", lang, str(path)])
    header = next(line for line in result.stdout.splitlines() if headers[0] in line)
    assert [cell.strip() for cell in header.strip("┃ ").split("┃")] == headers
    row = next(line for line in result.stdout.splitlines() if "│ f1 " in line)
    assert all(cell in result.stdout for cell in cells) and ("petitions_total" not in row)


def test_extract_jsonl_keeps_ids_whatever_the_language(runner, repo_root: Path) -> None:  # negative
    path = repo_root / "corpus" / "zh_jinping_2021_annual.txt"
    result = runner.invoke(app, ["extract", "--lang", "zh", str(path)])
    assert '"indicator":"petitions_total"' in result.stdout and "信访总量\"" not in result.stdout
