"""cli/check_text.py through `petition-miner check`: source lines with carets, repeats grouped per rule,
--statistics, .docx paragraph:character, Chinese and English output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cli.check
from cli.check_text import GROUP_LOCATIONS, GROUP_MIN
from cli.main import app as real_app
from test_check_cli import ZH_BAD, _app, fake_process_path, finding_lines

MANY_XX = "XX镇2021年信访工作总结\n" + "".join(f"第{n}条：受理XX件。\n" for n in range(1, 29))
TWO_XX = "XX镇2021年信访工作总结\n第1条：受理XX件。\n"
LONG_LINE = "全年共受理信访事项57件，" + "，".join(["加强组织领导"] * 80) + "，办结59件，办结率达103%。\n"


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cli.check, "process_path", fake_process_path)
    return _app()


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_shows_the_source_line_with_carets_under_the_span(app, runner, tmp_path) -> None:
    path = write(tmp_path, "bad.txt", ZH_BAD)
    result = runner.invoke(app, ["check", "--select", "rate-over-100", str(path)])
    lines = result.stdout.splitlines()
    at = next(n for n, line in enumerate(lines) if "rate-over-100" in line)
    assert lines[at + 1].strip() == "|"
    assert lines[at + 2] == "4 | " + ZH_BAD.splitlines()[3]
    source, carets = lines[at + 2], lines[at + 3]
    assert carets.endswith("^^^^") and carets.count("^") == 4
    # the carets stand under "103%": the cells before them are the cells before it (wide characters count two)
    from rich.cells import cell_len
    assert len(carets) - 4 == cell_len(source[: source.index("103%")])


def test_check_shows_a_window_of_a_long_line_not_the_whole_line(app, runner, tmp_path) -> None:
    path = write(tmp_path, "long.txt", "双河镇2021年信访工作总结\n" + LONG_LINE)
    result = runner.invoke(app, ["check", "--select", "rate-over-100", str(path)])
    [header] = [line for line in result.stdout.splitlines() if "rate-over-100" in line]
    assert re.search(r":2:\d{3}: error", header)  # a column past 400
    source = next(line for line in result.stdout.splitlines() if line.startswith("2 | "))
    assert source.startswith("2 | …") and "103%" in source and len(source) < 100
    assert len(LONG_LINE) > 500


def test_check_groups_a_rule_repeated_in_one_file(app, runner, tmp_path) -> None:
    path = write(tmp_path, "many.txt", MANY_XX)
    result = runner.invoke(app, ["check", "--select", "placeholder", str(path)])
    headers = finding_lines(result.stdout)[:-1]
    assert len(headers) == 1 and headers[0].endswith("(29 in this file)")
    [more] = [line for line in result.stdout.splitlines() if line.lstrip().startswith("=")]
    listed = re.findall(r"\d+:\d+", more)
    assert listed == ["2:7", "3:7", "4:7", "5:7", "6:7"][:GROUP_LOCATIONS] and "and 23 more" in more
    assert "29 errors" in result.stdout  # the tally counts every finding


def test_check_no_group_lists_every_finding(app, runner, tmp_path) -> None:
    path = write(tmp_path, "many.txt", MANY_XX)
    result = runner.invoke(app, ["check", "--select", "placeholder", "--no-group", str(path)])
    assert len(finding_lines(result.stdout)[:-1]) == 29


def test_check_does_not_group_a_few_findings(app, runner, tmp_path) -> None:  # negative
    path = write(tmp_path, "two.txt", TWO_XX)
    result = runner.invoke(app, ["check", "--select", "placeholder", str(path)])
    assert len(finding_lines(result.stdout)[:-1]) == 2 < GROUP_MIN and "in this file" not in result.stdout


@pytest.mark.parametrize("lang, header, row, tally", [
    ("en", "count  severity  rule         title", "   29  error     placeholder  Unfilled template marker",
     "29 errors, 0 warnings, 0 info in 1 file (1 summary)"),
    ("zh", "数量  级别  规则编号     规则", "  29  错误  placeholder  模板占位符未填写",
     "1 个文件（1 份总结）：错误 29 条，警告 0 条，提示 0 条"),
])
def test_check_statistics_count_findings_per_rule(app, runner, tmp_path, lang, header, row, tally) -> None:
    path = write(tmp_path, "many.txt", MANY_XX)
    result = runner.invoke(app, ["check", "--statistics", "--select", "placeholder", "--lang", lang, str(path)])
    assert result.stdout.splitlines() == [header, row, "", tally]


def test_check_statistics_as_json(app, runner, tmp_path) -> None:
    path = write(tmp_path, "many.txt", MANY_XX)
    result = runner.invoke(app, ["check", "--statistics", "--format", "json", str(path)])
    rows = json.loads(result.stdout)
    assert {"rule": "placeholder", "severity": "error", "count": 29, "title": "Unfilled template marker"} in rows
    assert rows == sorted(rows, key=lambda r: -r["count"])


@pytest.mark.parametrize("lang, expected", [
    ("en", ": error rate-over-100 settlement rate stated as 103% (103%); a rate or share cannot exceed 100%"),
    ("zh", ": 错误 rate-over-100 办结率写为103%（103%）；比率或占比不能超过100%"),
])
def test_check_speaks_the_chosen_language(app, runner, tmp_path, lang: str, expected: str) -> None:
    path = write(tmp_path, "bad.txt", ZH_BAD)
    result = runner.invoke(app, ["check", "--select", "rate-over-100", "--lang", lang, str(path)])
    assert finding_lines(result.stdout)[0].endswith(expected)


def test_check_takes_its_language_from_the_locale_then_the_config(app, runner, tmp_path, monkeypatch) -> None:
    path = write(tmp_path, "bad.txt", ZH_BAD)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "错误 2 条" in runner.invoke(app, ["check", str(path)]).stdout
    (tmp_path / "petition-miner.toml").write_text('lang = "en"\n', encoding="utf-8")
    assert "2 errors" in runner.invoke(app, ["check", str(path)]).stdout
    assert "错误 2 条" in runner.invoke(app, ["check", "--lang", "zh", str(path)]).stdout


def test_check_refuses_a_language_the_config_does_not_know(app, runner, tmp_path, monkeypatch) -> None:
    path = write(tmp_path, "bad.txt", ZH_BAD)
    (tmp_path / "petition-miner.toml").write_text('lang = "fr"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and "petition-miner.toml: key lang: 'fr' is no language" in result.stderr


def _docx(path: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph("XX镇2021年信访工作总结")
    run = document.add_paragraph().add_run("一、基本情况")
    run.add_break()
    run.add_text("全年共受理信访事项57件，办结59件，办结率达103%。")
    document.add_paragraph("二、存在问题")
    document.save(str(path))
    return path


def test_check_locates_findings_in_a_docx_by_paragraph_and_character(runner, tmp_path) -> None:
    path = _docx(tmp_path / "summary.docx")
    result = runner.invoke(_app(), ["check", "--format", "json", "--select", "rate-over-100,placeholder", str(path)])
    rows = {row["rule"]: row for row in json.loads(result.stdout)}
    over = rows["rate-over-100"]
    assert (over["paragraph"], over["char"]) == (2, 31)  # paragraph 2, after its line break
    assert (over["line"], over["col"]) == (3, 24)  # the text's own lines stay in line and col
    text_output = runner.invoke(_app(), ["check", "--select", "rate-over-100", str(path)]).stdout
    assert f"{path}:2:31: error rate-over-100" in text_output and "¶2 | " in text_output


@pytest.mark.parametrize("command", [[], ["run"], ["extract"], ["check"], ["rules"], ["segment"], ["evaluate"],
                                     ["train"], ["gold"], ["gold", "add"], ["gold", "draft"], ["gold", "validate"],
                                     ["gold", "merge"]])
def test_every_command_has_short_help_and_version_and_shows_flags_as_flags(runner, command) -> None:
    short = runner.invoke(real_app, [*command, "-h"], env={"COLUMNS": "200"})
    assert short.exit_code == 0 and "Usage" in short.stdout
    assert "<bool>" not in short.stdout  # a flag takes no value
    version = runner.invoke(real_app, [*command, "--version"])
    assert version.exit_code == 0 and re.fullmatch(r"petition-miner \d+\.\d+\.\d+\n", version.stdout)


def test_help_shows_a_flag_without_a_type_and_an_option_with_its_values(runner) -> None:
    result = runner.invoke(real_app, ["segment", "-h"], env={"COLUMNS": "200"})
    line = next(line for line in result.stdout.splitlines() if "--json" in line)
    assert "<" not in line
    lang = next(line for line in result.stdout.splitlines() if "--lang" in line)
    assert "<zh|en>" in lang  # negative: an option that takes a value keeps its type
