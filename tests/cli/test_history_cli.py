"""`check --history DB` and `run` give the same cross-summary findings, with one worker or two; a bad store is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("duckdb")

from cli.main import app  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
EARLY = ("zh_songgang_2019_annual.txt", "zh_songgang_2020_annual.txt", "en_hongqiao_2019_h1.txt",
         "en_hongqiao_2020_h1.txt")
LATE = ("zh_songgang_2021_annual.txt", "zh_songgang_2022_annual.txt", "en_hongqiao_2021_h1.txt",
        "en_hongqiao_2022_h1.txt")
SERIES = ("series-change-mismatch", "series-restated", "series-gap", "series-jump")


def _folder(root: Path, name: str, files: tuple[str, ...]) -> Path:
    folder = root / name
    folder.mkdir()
    for file in files:
        (folder / file).write_bytes((CORPUS / file).read_bytes())
    return folder


def _from_run(out: Path) -> set[tuple]:
    rows = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    return {(Path(r["source"]).name, r["rule"], r["start"], r["end"]) for r in rows if r["rule"] in SERIES}


def _from_check(runner: CliRunner, *args: str) -> set[tuple]:
    result = runner.invoke(app, ["check", *args, "--format", "json", "--select", ",".join(SERIES)])
    assert result.exit_code in (0, 1), result.output
    return {(Path(r["path"]).name, r["rule"], r["start"], r["end"]) for r in json.loads(result.stdout)}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("history")
    early, late = _folder(root, "early", EARLY), _folder(root, "late", LATE)
    runner = CliRunner()
    first = runner.invoke(app, ["run", str(early), "--out", str(root / "out1")])
    assert first.exit_code in (0, 1), first.output
    store = root / "out1" / "petitions.duckdb"
    second = runner.invoke(app, ["run", str(late), "--out", str(root / "out2"), "--db", str(store), "--workers", "2"])
    assert second.exit_code in (0, 1), second.output
    return root, early, late, store


def test_history_run_against_its_store_finds_the_planted_contradictions(runs) -> None:
    root, *_ = runs
    found = {(name, rule) for name, rule, _, _ in _from_run(root / "out2")}
    assert found == {("zh_songgang_2021_annual.txt", "series-change-mismatch"),
                     ("zh_songgang_2022_annual.txt", "series-restated"),
                     ("en_hongqiao_2021_h1.txt", "series-change-mismatch"),
                     ("en_hongqiao_2022_h1.txt", "series-jump")}
    assert _from_run(root / "out1") == set()


def test_history_check_against_the_store_gives_what_run_gave(runs) -> None:
    root, _, late, store = runs
    assert _from_check(CliRunner(), str(late), "--history", str(store)) == _from_run(root / "out2")


def test_history_store_copies_of_the_batch_are_not_counted_twice(runs) -> None:
    _, early, late, store = runs
    runner = CliRunner()
    alone = _from_check(runner, str(early), str(late))
    assert alone == _from_check(runner, str(early), str(late), "--history", str(store))
    assert {rule for _, rule, _, _ in alone} == {"series-change-mismatch", "series-restated", "series-jump"}


@pytest.mark.parametrize("make, says", [
    (lambda root: root / "absent.duckdb", "no such store file"),
    (lambda root: _write(root / "notes.duckdb", "not a database"), "cannot be opened"),
])
def test_history_bad_store_is_refused_with_a_coded_message(tmp_path: Path, make, says: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes((CORPUS / LATE[0]).read_bytes())
    result = CliRunner().invoke(app, ["check", str(tmp_path / "in"), "--history", str(make(tmp_path))])
    assert result.exit_code == 2
    assert "E420" in result.output and says in result.output and "Traceback" not in result.output


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_history_table_puts_the_previous_reported_value_beside_the_stated_change(runs) -> None:
    import csv

    root, *_ = runs
    with (root / "out2" / "table.csv").open(encoding="utf-8-sig") as handle:
        rows = {Path(r["source"]).name: r for r in csv.DictReader(handle)}
    columns = list(next(iter(rows.values())))
    at = columns.index("petitions_total_change")
    assert columns[at + 1] == "petitions_total_previous_reported"
    songgang = rows["zh_songgang_2021_annual.txt"]
    assert (songgang["petitions_total"], songgang["petitions_total_change"],
            songgang["petitions_total_previous_reported"]) == ("187", "-12.6", "208")
    hongqiao = rows["en_hongqiao_2021_h1.txt"]
    assert (hongqiao["petitions_total_change"], hongqiao["petitions_total_previous_reported"]) == ("-12.5", "64")


def test_history_store_series_view_holds_both_values(runs) -> None:
    import duckdb

    *_, store = runs
    with duckdb.connect(str(store), read_only=True) as con:
        rows = con.execute("SELECT year, value, previous_stated, change_stated, previous_reported FROM series "
                           "WHERE township_key = '松岗' AND indicator = 'petitions_total' ORDER BY year").fetchall()
    assert rows == [(2019, 236, None, None, None), (2020, 208, None, -11.9, 236), (2021, 187, None, -12.6, 208),
                    (2022, 165, 192, None, 187)]
