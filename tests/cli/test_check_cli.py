"""`petition-miner check` and `petition-miner rules` through a tiny typer app: output formats,
exit codes (--fail-on), rule selection, configuration, templates and bad input without a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import cli.check
from pipeline.checks import run_checks
from pipeline.process import ProcessedFile
from cli.check import check_command, rules_command
from pipeline.checks import rule_ids
from pipeline.ingest import read_file_text
from pipeline.schema import Fact, Placeholder, Record, Section

LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) "
                  r"(?P<rule>[a-z0-9-]+) (?P<message>.+)$")
SOURCE = re.compile(r"^\s*¶?\d*\s*[|=]( |$)")  # the gutter of a source line, its carets, a group's locations


def finding_lines(stdout: str) -> list[str]:
    """The output without its source lines and blank lines: one line per finding (or group), the tally."""
    return [line for line in stdout.splitlines() if line and not SOURCE.match(line)]

ZH_BAD = ("双河镇2021年信访工作总结\n\n一、基本情况\n全年共受理信访事项57件，办结59件，办结率达103%。\n"
          "二、主要做法\n加强组织领导。\n三、存在问题\n力量薄弱。\n四、下一步打算\n继续努力。\n")
ZH_WARN = ("双河镇2021年信访工作总结\n\n一、基本情况\n全年共受理信访事项57件，办结55件，办结率为96。\n"
           "二、主要做法\n加强组织领导。\n三、存在问题\n力量薄弱。\n四、下一步打算\n继续努力。\n")
ZH_CLEAN = ("双河镇2021年信访工作总结\n\n一、基本情况\n全年共受理信访事项57件，办结55件，办结率96.5%。\n"
            "二、主要做法\n加强组织领导。\n三、存在问题\n力量薄弱。\n四、下一步打算\n继续努力。\n")
EN_XX = "Work summary of XX town\n\nIn 20XX the town accepted 31 letters and visits and settled 30 of them.\n"

FACTS = {  # surface -> attributes of the fact the fake extractor returns
    "57件": dict(value=57, unit="case", kind="count", indicator="petitions_total"),
    "59件": dict(value=59, unit="case", kind="count", indicator="cases_settled"),
    "55件": dict(value=55, unit="case", kind="count", indicator="cases_settled"),
    "103%": dict(value=103, unit="percent", kind="rate", indicator="settlement_rate"),
    "96.5%": dict(value=96.5, unit="percent", kind="rate", indicator="settlement_rate"),
    "96。": dict(value=96, unit="percent", kind="rate", indicator="settlement_rate", flags=("percent_sign_missing",)),
    " 31 ": dict(value=31, unit="case", kind="count", indicator="petitions_total"),
}
HEADINGS = {"一、基本情况": "overview", "二、主要做法": "measures", "三、存在问题": "problems", "四、下一步打算": "plans"}


def fake_process_file(path: Path, source: str | None = None) -> list[Record]:
    """A stand-in extractor: facts and placeholders found by surface, sections by heading."""
    text = read_file_text(path)[0]  # the real reader: missing or broken files raise its errors
    facts = []
    for number, (surface, attrs) in enumerate(FACTS.items(), start=1):
        at = text.find(surface)
        if at >= 0:
            core = surface.strip().rstrip("。")
            at = text.index(core, at)
            facts.append(Fact(id=f"f{number}", start=at, end=at + len(core), surface=core, **attrs))
    holes = [Placeholder(start=m.start(), end=m.end(), surface=m.group()) for m in re.finditer(r"20XX|XX", text)]
    sections = [Section(kind=kind, heading=h, level=1, start=text.index(h), end=text.index(h) + len(h))
                for h, kind in HEADINGS.items() if h in text]
    return [Record(doc_id=f"{path.stem}#1", source=str(path), part=1, start=0, end=len(text.rstrip()),
                   language="en" if text.isascii() else "zh", facts=tuple(facts), placeholders=tuple(holes),
                   sections=tuple(sections))]


def fake_process_path(path: Path, source: str | None = None, config=None, classify: bool = True) -> ProcessedFile:
    """The fake extractor's records, checked by the real single-record rules."""
    text = read_file_text(path)[0]
    records = tuple(record.model_copy(update={"findings": tuple(run_checks(record, text, config))})
                    for record in fake_process_file(path, source))
    return ProcessedFile(path, text, records)


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setattr(cli.check, "process_path", fake_process_path)
    return _app()


def _app() -> typer.Typer:
    app = typer.Typer(pretty_exceptions_enable=False)
    app.command("check")(check_command)
    app.command("rules")(rules_command)
    return app


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in {"bad.txt": ZH_BAD, "warn.txt": ZH_WARN, "clean.txt": ZH_CLEAN, "xx.txt": EN_XX}.items():
        out[name] = tmp_path / name
        out[name].write_text(text, encoding="utf-8")
    return out


def test_check_cli_text_lines_name_path_line_col_severity_rule(app, runner, files) -> None:
    result = runner.invoke(app, ["check", str(files["bad.txt"])])
    assert result.exit_code == 1, result.output
    lines = finding_lines(result.stdout)
    parsed = [LINE.match(line) for line in lines[:-1]]
    assert all(parsed), lines
    by_rule = {m["rule"]: m for m in parsed}
    assert set(by_rule) == {"settled-exceeds-received", "rate-over-100"}
    over = by_rule["rate-over-100"]
    assert over["path"] == str(files["bad.txt"]) and over["severity"] == "error"
    assert (over["line"], over["col"]) == ("4", str(ZH_BAD.splitlines()[3].index("103%") + 1))
    assert lines[-1] == "2 errors, 0 warnings, 0 info in 1 file (1 summary)"
    assert "\x1b[" not in result.stdout


def test_check_cli_exit_code_follows_fail_on(app, runner, files) -> None:
    path = str(files["warn.txt"])
    assert runner.invoke(app, ["check", path]).exit_code == 0
    assert runner.invoke(app, ["check", "--fail-on", "warning", path]).exit_code == 1
    assert runner.invoke(app, ["check", "--fail-on", "info", path]).exit_code == 1
    assert runner.invoke(app, ["check", "--fail-on", "warning", str(files["clean.txt"])]).exit_code == 0
    assert runner.invoke(app, ["check", "--fail-on", "fatal", path]).exit_code == 2


def test_check_cli_json_lists_findings_with_positions(app, runner, files) -> None:
    result = runner.invoke(app, ["check", "--format", "json", str(files["bad.txt"]), str(files["xx.txt"]),
                                 "--ignore", "placeholder,missing-section"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert {row["rule"] for row in rows} == {"settled-exceeds-received", "rate-over-100"}
    row = next(r for r in rows if r["rule"] == "rate-over-100")
    assert set(row) == {"path", "doc_id", "line", "col", "start", "end", "rule", "severity", "message", "facts"}
    assert ZH_BAD[row["start"] : row["end"]] == "103%" and row["doc_id"] == "bad#1"
    assert row["line"] == 4 and row["facts"] == ["f4"]


def test_check_cli_select_and_ignore_take_comma_lists(app, runner, files) -> None:
    path = str(files["bad.txt"])
    selected = json.loads(runner.invoke(app, ["check", "--format", "json", "--select",
                                              "rate-over-100,placeholder", path]).stdout)
    assert {row["rule"] for row in selected} == {"rate-over-100"}
    result = runner.invoke(app, ["check", "--ignore", "rate-over-100", "--ignore", "settled-exceeds-received", path])
    assert result.exit_code == 0 and "0 errors" in result.stdout


def test_check_cli_unknown_rule_is_a_usage_error_on_one_line(app, runner, files) -> None:
    result = runner.invoke(app, ["check", "--select", "rate-over-200", str(files["bad.txt"])])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "unknown rule id 'rate-over-200'" in result.stderr and "Traceback" not in result.output


def test_check_cli_missing_file_exits_2_naming_it_and_checks_the_rest(app, runner, files, tmp_path) -> None:
    missing = tmp_path / "absent.txt"
    result = runner.invoke(app, ["check", str(missing), str(files["bad.txt"])])
    assert result.exit_code == 2
    assert str(missing) in result.stderr and "no such file" in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.output
    assert "rate-over-100" in result.stdout and "1 file could not be read" in result.stdout


def test_check_cli_empty_folder_exits_2(app, runner, tmp_path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["check", str(empty)])
    assert result.exit_code == 2 and "no summary files" in result.stderr


def test_check_cli_reads_the_config_of_the_working_directory(app, runner, files, tmp_path, monkeypatch) -> None:
    (tmp_path / "petition-miner.toml").write_text('[check]\nignore = ["settled-exceeds-received"]\n\n'
                                                  '[check.severity]\nrate-over-100 = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", str(files["bad.txt"])])
    assert result.exit_code == 0
    assert "warning rate-over-100" in result.stdout and "settled-exceeds-received" not in result.stdout


def test_check_cli_bad_config_names_file_and_key(app, runner, files, tmp_path) -> None:
    config = tmp_path / "lint.toml"
    config.write_text("[check]\ntemplate_treshold = 0.7\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(config), str(files["bad.txt"])])
    assert result.exit_code == 2
    assert str(config) in result.stderr and "check.template_treshold" in result.stderr
    assert "Traceback" not in result.output


def test_check_cli_compares_with_a_templates_folder(app, runner, files, tmp_path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "template.txt").write_text(ZH_CLEAN.replace("双河镇", "XX镇"), encoding="utf-8")
    result = runner.invoke(app, ["check", "--format", "json", "--select", "template-copy",
                                 "--templates", str(templates), str(files["clean.txt"])])
    rows = json.loads(result.stdout)
    assert [row["rule"] for row in rows] == ["template-copy"]
    assert "template.txt" in rows[0]["message"] and result.exit_code == 0
    not_a_folder = runner.invoke(app, ["check", "--templates", str(files["bad.txt"]), str(files["clean.txt"])])
    assert not_a_folder.exit_code == 2 and "--templates" in not_a_folder.stderr


def test_check_cli_reports_placeholders_in_english(app, runner, files) -> None:
    result = runner.invoke(app, ["check", "--select", "placeholder", str(files["xx.txt"])])
    assert result.exit_code == 1
    assert result.stdout.count("error placeholder") == 2


def test_rules_cli_lists_every_rule_with_severity(runner) -> None:
    result = runner.invoke(_app(), ["rules"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for rule in rule_ids():
        assert rule in result.stdout
    assert "warning" in result.stdout and "error" in result.stdout


def test_check_cli_runs_the_real_pipeline_on_the_seed(runner, seed_path) -> None:
    result = runner.invoke(_app(), ["check", str(seed_path)])
    assert result.exit_code in (0, 1), result.output
    lines = finding_lines(result.stdout)
    assert all(LINE.match(line) for line in lines[:-1])
    assert "template-copy" not in result.stdout
    assert lines[-1].endswith("in 1 file (2 summaries)")


def test_check_cli_internal_error_exits_2_without_a_traceback(app, runner, files, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli.check, "with_batch_findings", broken)
    result = runner.invoke(app, ["check", str(files["bad.txt"])])
    assert result.exit_code == 2
    assert "internal error in the checks (ZeroDivisionError" in result.stderr
    assert "Traceback" not in result.output
