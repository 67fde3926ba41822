"""bench.tail_replay: run's main process on captured worker results writes what the run writes."""

from __future__ import annotations

from pathlib import Path

from bench.outputs_check import main


def test_a_replayed_tail_writes_what_the_run_writes(tmp_path: Path, capsys) -> None:
    from bench.tail_replay import capture, replay
    from cli.main import build_app
    from typer.testing import CliRunner

    corpus = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt"))[:2]
    assert capture(corpus, tmp_path / "results.pickle", workers=1) == 2
    code = replay(tmp_path / "results.pickle", [*map(str, corpus), "--out", str(tmp_path / "replayed"),
                                                "--db", str(tmp_path / "replayed.duckdb"), "--lang", "en"])
    assert code == 0 and "stage workbook: wall" in capsys.readouterr().err
    made = CliRunner().invoke(build_app(), ["run", *map(str, corpus), "--out", str(tmp_path / "run"),
                                            "--db", str(tmp_path / "run.duckdb"), "--lang", "en"])
    assert made.exit_code == 0, made.output
    assert main([str(tmp_path / "run"), str(tmp_path / "replayed")]) == 0
