"""`petition-miner segment`: the section tree, --json records, and bad input without a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from pipeline.schema import Record


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def check_tiling(record: Record) -> None:
    sections = record.sections
    assert sections
    assert sections[0].start == record.start
    assert sections[-1].end == record.end
    for this, following in zip(sections, sections[1:]):
        assert this.end == following.start
    assert all(s.start < s.end for s in sections)


def test_segment_cli_prints_section_tree_of_the_seed(runner: CliRunner, seed_path: Path) -> None:
    result = runner.invoke(app, ["segment", str(seed_path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "000_e0e5e41776e59551#1" in out and "000_e0e5e41776e59551#2" in out
    for kind in ("overview", "measures", "results", "problems", "plans"):
        assert kind in out
    assert "VI. Remarkable achievements in petition work" in out
    assert "├──" in out or "└──" in out


def test_segment_cli_prints_chinese_tree(runner: CliRunner, zh_summary_path: Path) -> None:
    result = runner.invoke(app, ["segment", str(zh_summary_path)])
    assert result.exit_code == 0, result.output
    assert "zh_levels#1" in result.stdout
    assert "（一）加强组织领导，压实工作责任" in result.stdout
    assert "五、下一步工作打算" in result.stdout


def test_segment_cli_json_prints_one_valid_record_per_line(runner: CliRunner, seed_path: Path) -> None:
    result = runner.invoke(app, ["segment", "--json", str(seed_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    records = [Record.model_validate_json(line) for line in lines]
    assert [r.doc_id for r in records] == ["000_e0e5e41776e59551#1", "000_e0e5e41776e59551#2"]
    assert [r.part for r in records] == [1, 2]
    assert all(r.language == "en" and r.source == str(seed_path) for r in records)
    for record in records:
        check_tiling(record)
    text = seed_path.read_text(encoding="utf-8")
    for record in records:
        for section in record.sections:
            if section.heading:
                assert text[section.start : section.start + len(section.heading)] == section.heading


def test_segment_cli_json_sections_tile_a_folder(runner: CliRunner, tmp_path: Path,
                                                 zh_summary_text: str, seed_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(zh_summary_text.encode("gb18030"))
    (tmp_path / "b.txt").write_bytes(seed_path.read_bytes())
    result = runner.invoke(app, ["segment", "--json", str(tmp_path)])
    assert result.exit_code == 0, result.output
    records = [Record.model_validate_json(line) for line in result.stdout.splitlines()]
    assert [r.doc_id for r in records] == ["a#1", "b#1", "b#2"]
    for record in records:
        check_tiling(record)


def test_segment_cli_missing_file_exits_2_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "no_such_summary.txt"
    result = runner.invoke(app, ["segment", str(missing)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert str(missing) in lines[0]
    assert "E101" in lines[0]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [("empty.txt", b"", "E102"), ("binary.txt", b"\x00\x01\x02\x03" * 64, "E103"),
     ("broken.docx", b"not a zip" * 20, "E106")],
    ids=["empty", "binary", "corrupt-docx"],
)
def test_segment_cli_bad_file_exits_2_naming_it(runner: CliRunner, tmp_path: Path,
                                                name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(app, ["segment", "--json", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and code in lines[0]


def test_segment_cli_good_and_bad_files_prints_good_and_exits_2(runner: CliRunner, tmp_path: Path,
                                                                seed_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["segment", "--json", str(seed_path), str(missing)])
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 2
    assert str(missing) in result.stderr


def test_segment_cli_without_arguments_shows_usage(runner: CliRunner) -> None:
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("lang, first, legend", [
    ("en", "1 overview (position) (no heading)", "Legend"),
    ("zh", "1 基本情况 (位置) （无标题）", "图例"),
])
def test_segment_cli_prints_line_numbers_and_a_legend(runner: CliRunner, zh_summary_path: Path, lang: str,
                                                     first: str, legend: str) -> None:
    text = zh_summary_path.read_text(encoding="utf-8")
    result = runner.invoke(app, ["segment", "--lang", lang, str(zh_summary_path)])
    assert result.exit_code == 0, result.output
    heading = "（一）加强组织领导，压实工作责任"
    line = text[: text.index(heading)].count("\n") + 1
    assert any(row.strip("│├└─ ").startswith(f"{line} ") and heading in row for row in result.stdout.splitlines())
    assert result.stdout.splitlines()[1] == "└── " + first
    assert legend in result.stdout.splitlines()
    assert ("position" in result.stdout) == (lang == "en")  # the tags are explained in the chosen language


def test_segment_cli_numbers_docx_sections_by_paragraph(runner: CliRunner, repo_root: Path) -> None:
    result = runner.invoke(app, ["segment", str(repo_root / "corpus" / "zh_xiaohe_2022_annual.docx")])
    assert result.exit_code == 0, result.output
    assert "¶5 overview (heading) 一、信访工作基本情况" in result.stdout
