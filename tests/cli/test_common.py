"""cli/common.py: every command that reads summaries refuses a batch it cannot read with check's
message and exit 2, in the chosen language."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.common import input_problems
from cli.main import app

COMMANDS = {"check": [], "run": ["--out"], "extract": [], "segment": []}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _invoke(runner: CliRunner, command: str, paths: list[Path], tmp_path: Path, *extra: str):
    args = [command, *map(str, paths), *extra]
    if command == "run":
        args += ["--out", str(tmp_path / "out")]
    return runner.invoke(app, args)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_path_exits_2_with_checks_message(runner, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "typo"
    result = _invoke(runner, command, [missing], tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"error: {missing}: no such file or directory [E101]\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_without_summaries_exits_2_with_checks_message(runner, tmp_path: Path, command: str) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "page.jpg").write_bytes(b"\xff\xd8\xff")
    result = _invoke(runner, command, [folder], tmp_path)
    assert result.exit_code == 2
    assert result.stderr == "error: no summary files (.txt, .docx) found in the given paths [E401]\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_the_refusal_speaks_chinese_with_lang_zh(runner, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "typo"
    result = _invoke(runner, command, [missing], tmp_path, "--lang", "zh")
    assert result.exit_code == 2 and result.stderr == f"错误：{missing}：文件或文件夹不存在 [E101]\n"


def test_input_problems_name_each_missing_path_only_when_none_exists(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("全年受理57件", encoding="utf-8")
    missing = tmp_path / "b.txt"
    assert input_problems([good, missing]) == []  # negative: the good file is read, the missing one reported later
    [problem] = input_problems([missing])
    assert problem.code == "E101" and problem.path == str(missing)
    (tmp_path / "empty").mkdir()
    assert [p.code for p in input_problems([tmp_path / "empty"])] == ["E401"]
