"""Corrections in `run`, `extract` and `check`: they last over re-runs, renames and workers; stale ones warn."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from corrections_corpus import EN_FILE, ZH_FILE, sha
from cli.main import app

DISMISSED = ("placeholder", 3503, 3507)  # "20XX" in en_yanjing's second summary
RATE = (4797, 4801)  # its settlement rate "100%"


def _entries(digest: str) -> list[dict]:
    return [
        {"action": "dismiss", "file": digest, "source": EN_FILE.name, "rule": DISMISSED[0], "start": DISMISSED[1],
         "end": DISMISSED[2], "surface": "20XX", "reason": "the period stands in the title"},
        {"action": "set_fact", "file": digest, "start": RATE[0], "end": RATE[1], "surface": "100%",
         "set": {"value": 130}},
        {"action": "set_record", "file": digest, "part": 2, "township": "Zhuyuan Town"},
    ]


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EN_FILE, folder / EN_FILE.name)
    (folder / "corrections.yaml").write_text(yaml.safe_dump({"version": 1, "entries": _entries(sha(EN_FILE))}),
                                             encoding="utf-8")
    return folder


def _run(folder: Path, out: Path, *extra: str):
    result = CliRunner().invoke(app, ["run", str(folder), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result


def _findings(out: Path) -> set[tuple]:
    rows = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    return {(row["rule"], row["start"], row["end"]) for row in rows}


def _assert_corrected(out: Path, text: str) -> None:
    records = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    second = records[1]
    assert second["township"] == "Zhuyuan Town"
    rate = next(f for f in second["facts"] if (f["start"], f["end"]) == RATE)
    assert rate["value"] == 130 and "corrected" in rate["flags"] and text[RATE[0]:RATE[1]] == rate["surface"]
    assert {(m["target"], m["action"]) for m in second["corrections"]} == {("finding", "dismiss"), ("fact", "set"),
                                                                          ("record", "set")}
    found = _findings(out)
    assert DISMISSED not in found and ("rate-over-100", *RATE) in found
    assert "corrections" not in records[0]
    book = openpyxl.load_workbook(out / "table.xlsx", read_only=True)
    sheet_rows = [[c.value for c in row] for row in book["Findings"].iter_rows(min_row=2)]
    assert not any((r[5], r[6]) == DISMISSED[1:] for r in sheet_rows)  # the sheet names rules by their titles
    assert any((r[5], r[6]) == RATE and "130" in r[4] for r in sheet_rows)
    summaries = [[c.value for c in row] for row in book["Summaries"].iter_rows()]
    assert summaries[2][summaries[0].index("Corrected items")] == 3  # the column labelled in English
    import duckdb

    with duckdb.connect(str(out / "petitions.duckdb"), read_only=True) as store:
        flags = store.execute("SELECT flags FROM facts WHERE start = ? AND \"end\" = ?", list(RATE)).fetchone()[0]
        dismissed = store.execute("SELECT count(*) FROM findings WHERE rule = ? AND start = ?",
                                  list(DISMISSED[:2])).fetchone()[0]
        marks = store.execute("SELECT record_json FROM documents WHERE part = 2").fetchone()[0]
    assert "corrected" in flags and dismissed == 0 and '"corrections"' in marks
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "unfilled template marker &quot;20XX&quot;" in report  # the others stay
    assert report.count('href="#ev-2-') == len([f for f in found if f[1] >= second["start"]])


def test_run_applies_corrections_and_keeps_them_on_rerun_rename_and_workers(batch: Path, tmp_path: Path):
    text = EN_FILE.read_text(encoding="utf-8")
    out = tmp_path / "out"
    _run(batch, out)
    _assert_corrected(out, text)
    again = _run(batch, out)  # the store's unchanged records come back corrected
    assert "1 skipped" in again.output
    _assert_corrected(out, text)
    (batch / EN_FILE.name).rename(batch / "renamed.txt")
    _run(batch, out)
    _assert_corrected(out, text)
    _run(batch, tmp_path / "out2", "--workers", "2")
    _assert_corrected(tmp_path / "out2", text)


def test_a_changed_corrections_file_is_applied_to_stored_records(batch: Path, tmp_path: Path):
    out = tmp_path / "out"
    shutil.copy(ZH_FILE, batch / ZH_FILE.name)
    _run(batch, out)
    entries = _entries(sha(EN_FILE))[:1]
    (batch / "corrections.yaml").write_text(yaml.safe_dump({"entries": entries}), encoding="utf-8")
    again = _run(batch, out)
    assert "files      2 (1 processed, 1 skipped" in again.output  # only the file whose entries changed
    found = _findings(out)
    assert DISMISSED not in found and ("rate-over-100", *RATE) not in found


def test_a_stale_entry_warns_and_names_itself(batch: Path, tmp_path: Path):
    changed = EN_FILE.read_text(encoding="utf-8").replace("Yanjing", "Yanjin", 1)
    (batch / EN_FILE.name).write_text(changed, encoding="utf-8")
    result = _run(batch, tmp_path / "out")
    assert "stale correction entry 1 (dismiss en_yanjing_2015_annual.txt 3503-3507)" in result.output
    assert (DISMISSED[0], DISMISSED[1] - 1, DISMISSED[2] - 1) in _findings(tmp_path / "out")  # not applied


def test_extract_and_check_warn_of_a_stale_entry(batch: Path):
    (batch / EN_FILE.name).write_text(EN_FILE.read_text(encoding="utf-8").replace("Yanjing", "Yanjin", 1),
                                      encoding="utf-8")
    for command in ("extract", "check"):
        result = CliRunner().invoke(app, [command, str(batch)])
        assert result.exit_code in (0, 1) and "warning: stale correction entry 1 (dismiss" in result.stderr


def test_extract_applies_corrections(batch: Path):
    result = CliRunner().invoke(app, ["extract", str(batch)])
    assert result.exit_code == 0, result.output
    second = json.loads(result.stdout.splitlines()[1])
    assert second["township"] == "Zhuyuan Town" and second["corrections"]


def test_check_drops_the_dismissed_finding_and_reports_the_corrected_figure(batch: Path):
    result = CliRunner().invoke(app, ["check", str(batch), "--format", "json"])
    rows = {(r["rule"], r["start"], r["end"]) for r in json.loads(result.stdout)}
    assert DISMISSED not in rows and ("rate-over-100", *RATE) in rows


@pytest.mark.parametrize("source", [EN_FILE, ZH_FILE])
def test_check_baseline_round_trips(tmp_path: Path, source: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(source, folder / source.name)
    runner = CliRunner()
    first = runner.invoke(app, ["check", str(folder), "--format", "json"])
    assert first.exit_code == 1 and json.loads(first.stdout)
    written = runner.invoke(app, ["check", str(folder), "--write-baseline", str(tmp_path / "baseline.json")])
    assert written.exit_code == 0 and "findings accepted" in written.output
    quiet = runner.invoke(app, ["check", str(folder), "--baseline", str(tmp_path / "baseline.json"),
                                "--format", "json"])
    assert quiet.exit_code == 0 and json.loads(quiet.stdout) == []
    text = source.read_text(encoding="utf-8")  # an edit elsewhere keeps the old findings known; a new one shows
    marker = "XX" if source is ZH_FILE else " XX "
    (folder / source.name).write_text(text + "\n" + ("本镇共有XX名信访员。" if source is ZH_FILE
                                                     else "The town has XX petition officers.") + "\n",
                                      encoding="utf-8")
    edited = runner.invoke(app, ["check", str(folder), "--baseline", str(tmp_path / "baseline.json"),
                                 "--format", "json"])
    rows = json.loads(edited.stdout)
    assert edited.exit_code == 1 and [r["rule"] for r in rows] == ["placeholder"] and marker.strip() in rows[0]["message"]


@pytest.mark.parametrize("content, expected", [
    ("version: 1\nentries:\n  - action: dismiss\n    file: abc\n", "entry 1 (dismiss): file"),
    ("entries:\n  - action: set_fact\n    file: " + "a" * 64 + "\n    start: 5\n    end: 9\n    set: {}\n",
     "entry 1 (set_fact)"),
    ("entries:\n  - action: set_unit\n    file: " + "a" * 64 + "\n    start: 5\n    end: 9\n    unit: measure\n"
     "    categories: [nonsense]\n", "unknown measure categories nonsense"),
    ("entries: [1, 2", "is not valid YAML"),
    ("version: 7\n", "version 7 is not known"),
])
def test_a_bad_corrections_file_is_a_coded_error(batch: Path, content: str, expected: str):
    (batch / "corrections.yaml").write_text(content, encoding="utf-8")
    for command in (["run", str(batch), "--out", str(batch.parent / "out")], ["check", str(batch)],
                    ["extract", str(batch)]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2, result.output
        assert "corrections.yaml" in result.output and "[E421]" in result.output and expected in result.output
        assert "Traceback" not in result.output


def test_a_csv_corrections_file_is_read(batch: Path):
    (batch / "corrections.yaml").unlink()
    digest = sha(EN_FILE)
    (batch / "corrections.csv").write_text(
        "action,file,source,part,start,end,surface,rule,field,value,reason\n"
        f"dismiss,{digest},{EN_FILE.name},,3503,3507,20XX,placeholder,,,title\n"
        f"set_fact,{digest},,,4797,4801,100%,,value,130,\n"
        f"set_fact,{digest},,,4797,4801,100%,,indicator,resolution_rate,\n"
        f"set_record,{digest},,2,,,,,township,Zhuyuan Town,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(batch)])
    second = json.loads(result.stdout.splitlines()[1])
    rate = next(f for f in second["facts"] if (f["start"], f["end"]) == RATE)
    assert (rate["value"], rate["indicator"], second["township"]) == (130, "resolution_rate", "Zhuyuan Town")
    assert not any((f["rule"], f["start"]) == DISMISSED[:2] for f in second["findings"])
