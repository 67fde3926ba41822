"""`petition-miner run`: a folder of good and bad files gives records, errors and the table."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from pipeline.schema import Record


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def submissions(tmp_path: Path, seed_path: Path) -> tuple[Path, dict[str, Path]]:
    folder = tmp_path / "submissions"
    folder.mkdir()
    files = {
        "seed": folder / "000_e0e5e41776e59551.txt",
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "corrupt_docx": folder / "corrupt.docx",
        "undecodable": folder / "nested" / "undecodable.txt",
    }
    files["undecodable"].parent.mkdir()
    files["seed"].write_bytes(seed_path.read_bytes())
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 16)
    files["corrupt_docx"].write_bytes(bytes(range(0, 256, 3)) * 10)
    files["undecodable"].write_bytes(bytes(range(0x80, 0x100)) * 2)
    files["missing"] = tmp_path / "not_there.txt"
    return folder, files


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def finished_run(runner: CliRunner, tmp_path: Path, submissions):
    folder, files = submissions
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(folder), str(files["missing"]), "--out", str(out)])
    return result, out, files


def test_run_cli_exits_0_despite_bad_files(finished_run) -> None:
    result, _out, _files = finished_run
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_run_cli_writes_both_seed_records(finished_run) -> None:
    _result, out, files = finished_run
    records = [Record.model_validate(row) for row in read_jsonl(out / "records.jsonl")]
    assert [r.doc_id for r in records] == ["000_e0e5e41776e59551#1", "000_e0e5e41776e59551#2"]
    assert all(r.source == str(files["seed"]) for r in records)
    for record in records:
        assert record.sections[0].start == record.start and record.sections[-1].end == record.end


def test_run_cli_writes_one_error_row_naming_each_bad_file(finished_run) -> None:
    _result, out, files = finished_run
    errors = read_jsonl(out / "errors.jsonl")
    assert len(errors) == 5
    by_source = {row["source"]: row["code"] for row in errors}
    assert by_source == {
        str(files["empty"]): "E102",
        str(files["binary"]): "E103",
        str(files["corrupt_docx"]): "E106",
        str(files["undecodable"]): "E104",
        str(files["missing"]): "E101",
    }
    assert all(row["message"] for row in errors)


def test_run_cli_writes_table_with_one_row_per_record(finished_run) -> None:
    _result, out, _files = finished_run
    with (out / "table.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2
    assert [row["doc_id"] for row in rows] == ["000_e0e5e41776e59551#1", "000_e0e5e41776e59551#2"]


def test_run_cli_reports_each_bad_file_on_stderr(finished_run) -> None:
    result, _out, files = finished_run
    for key in ("empty", "binary", "corrupt_docx", "undecodable", "missing"):
        assert str(files[key]) in result.stderr


def test_run_cli_leaves_no_temporary_files(finished_run) -> None:
    _result, out, _files = finished_run
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_run_cli_refuses_a_folder_without_summaries_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "empty_folder"
    folder.mkdir()
    (folder / "scan.jpg").write_bytes(b"\xff\xd8\xff")  # a file, but no summary (a .pdf would be reported as one)
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(folder), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "no summary files (.txt, .docx) found in the given paths [E401]" in result.stderr
    assert not out.exists()


def test_run_cli_reports_legacy_doc_found_in_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "submissions"
    folder.mkdir()
    doc = folder / "old_summary.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    out = tmp_path / "out"
    runner.invoke(app, ["run", str(folder), "--out", str(out)])
    assert [row["source"] for row in read_jsonl(out / "errors.jsonl")] == [str(doc)]


def test_run_cli_survives_summary_with_circled_number_items(runner: CliRunner, tmp_path: Path,
                                                           seed_path: Path) -> None:
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "a_seed.txt").write_bytes(seed_path.read_bytes())
    (folder / "b_circled.txt").write_text(
        "2022年东坝镇信访工作总结\n今年以来，我镇认真做好信访工作。\n①建立台账，每月更新一次。\n②实行销号管理。\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(folder), "--out", str(out)])
    assert result.exit_code == 0
    assert len(read_jsonl(out / "records.jsonl")) == 3


@pytest.mark.parametrize("where", ["out", "db"])
def test_run_cli_says_which_folder_cannot_be_made(runner: CliRunner, tmp_path: Path, seed_path: Path,
                                                  where: str) -> None:
    """A folder under a file cannot be made: a clear message naming it, exit 2, no traceback."""
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder", encoding="utf-8")
    out, db = tmp_path / "out", tmp_path / "p.duckdb"
    if where == "out":
        out = blocker / "out"
    else:
        db = blocker / "p.duckdb"
    result = runner.invoke(app, ["run", str(seed_path), "--out", str(out), "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert str(blocker) in result.output and ("--out" if where == "out" else "--db") in result.output


def test_run_cli_reports_files_of_other_suffixes_in_a_folder_as_skipped(runner: CliRunner, tmp_path: Path,
                                                                       seed_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "summary.txt").write_bytes(seed_path.read_bytes())
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04")
    (folder / ".hidden.jpg").write_bytes(b"x")
    (folder / "gold.json").write_text("{}", encoding="utf-8")  # data beside the summaries: no row
    (folder / "README.md").write_text("notes", encoding="utf-8")
    out = folder / "out"  # the run's own outputs, inside the folder, are never reported
    for _ in range(2):
        result = runner.invoke(app, ["run", str(folder), "--out", str(out)])
        assert result.exit_code == 0, result.output
        rows = read_jsonl(out / "errors.jsonl")
        assert [(Path(row["source"]).name, row["code"]) for row in rows] == [("photo.jpg", "E105"),
                                                                            ("table.xlsx", "E105")]
        assert all(row["message"].startswith("skipped: ") and "only .txt" in row["message"] for row in rows)
        assert len(read_jsonl(out / "records.jsonl")) == 2


def test_run_cli_reads_a_file_given_by_name_whatever_its_suffix(runner: CliRunner, tmp_path: Path,
                                                                 seed_path: Path) -> None:
    given = tmp_path / "summary.md"
    given.write_bytes(seed_path.read_bytes())
    result = runner.invoke(app, ["run", str(given), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert read_jsonl(tmp_path / "out" / "errors.jsonl") == []
