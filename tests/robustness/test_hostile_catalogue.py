"""Every hostile input through `run` and `check` under a memory and a time limit: its coded error or its records, never a traceback."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from hostile import CASES, RECORDS, build

RUN_MEMORY_MB = 1536


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "in"
    build(folder)
    return folder


@pytest.fixture(scope="module")
def ran(catalogue: Path, cli):
    out = catalogue.parent / "out"
    outcome = cli(["run", "in", "--out", "out", "--workers", "2"], cwd=catalogue.parent, memory_mb=RUN_MEMORY_MB)
    errors = {Path(row["source"]).name: row for row in map(json.loads, (out / "errors.jsonl").open(encoding="utf-8"))}
    records = [json.loads(line) for line in (out / "records.jsonl").open(encoding="utf-8")]
    return outcome, errors, records, out


@pytest.fixture(scope="module")
def checked(catalogue: Path, cli):
    return cli(["check", "in", "--format", "json"], cwd=catalogue.parent, memory_mb=RUN_MEMORY_MB)


def test_catalogue_holds_at_least_forty_hostile_inputs() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


def test_run_over_the_catalogue_exits_0_without_a_traceback(ran) -> None:
    outcome, *_ = ran
    assert outcome.code == 0, outcome.stderr
    assert "Traceback" not in outcome.stderr


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_run_gives_each_hostile_input_its_coded_error_or_its_records(ran, case) -> None:
    _, errors, records, _ = ran
    mine = [r for r in records if Path(r["source"]).name == case.name]
    if case.expected == RECORDS:
        assert case.name not in errors, errors.get(case.name)
        assert len(mine) == case.records
    else:
        assert errors[case.name]["code"] in case.codes(), errors[case.name]
        assert not mine
        assert errors[case.name]["message"]


def test_run_keeps_the_good_files_of_the_hostile_batch(ran) -> None:
    _, _, records, _ = ran
    ids = {r["doc_id"] for r in records}
    assert {"a/report#1", "b/report#1", "mk[/x]/summary#1"} <= ids  # same file name in two folders: two ids
    assert len(ids) == len(records)
    assert any(Path(r["source"]).name == "信访总结.txt" for r in records)  # a GBK name shown readably
    stray = next(r for r in records if Path(r["source"]).name == "stray_nul_utf8.txt")
    assert stray["language"] == "zh" and stray["township"]  # not UTF-16 mojibake


def test_run_neutralises_formula_cells_in_every_csv(ran) -> None:
    *_, out = ran
    for name in ("table.csv", "facts.csv"):
        with (out / name).open(encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert not [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))], name
        assert any(cell.startswith("'=cmd") for cell in cells) or name == "facts.csv"


def test_check_over_the_catalogue_names_every_bad_file_with_its_code(checked) -> None:
    assert checked.code == 2, checked.stderr  # bad inputs among them
    assert "Traceback" not in checked.stderr
    rows = json.loads(checked.stdout.decode("utf-8"))  # valid UTF-8, GBK names included
    assert any(Path(row["path"]).name == "信访总结.txt" for row in rows)
    for case in CASES:
        if case.expected != RECORDS:
            line = next((line for line in checked.stderr.splitlines() if case.name in line), "")
            assert any(f"[{code}]" in line for code in case.codes()), (case.name, line)


@pytest.mark.parametrize("command", ["run", "check"])
def test_a_fifo_named_on_the_command_line_is_refused_not_waited_on(tmp_path: Path, cli, command: str) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text((Path(__file__).resolve().parents[2] / "corpus" / "zh_anxi_2020_h1.txt").read_text("utf-8"),
                    encoding="utf-8")
    args = [command, str(fifo), str(good)] + (["--out", str(tmp_path / "out")] if command == "run" else [])
    outcome = cli(args, cwd=tmp_path, timeout=120)
    assert "E107" in outcome.stderr and "Traceback" not in outcome.stderr
    assert outcome.code == (0 if command == "run" else 2)
    if command == "run":
        assert (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").count("\n") == 1
