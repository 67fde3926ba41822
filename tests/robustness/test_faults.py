"""Faults around a batch: a worker killed, the parent killed, a full disk, two runs into one folder, a missing input."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from hostile import CORPUS, LIMITS_ENV, REPO, paragraph_bomb
from pipeline.outfolder import OutputFolder

runner = CliRunner()


def corpus_batch(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted(CORPUS.glob("*.txt"))[:count]
    for path in files:
        shutil.copy(path, folder / path.name)
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def bomb_batch(tmp_path_factory) -> Path:
    """34 good corpus files and a paragraph bomb expanding to 300 MB (past the default 64 MB)."""
    folder = tmp_path_factory.mktemp("bomb") / "batch"
    corpus_batch(folder, 34)
    paragraph_bomb(folder / "bomb.docx", 300)
    return folder


@pytest.mark.parametrize("workers", ["2", "1"])
def test_a_batch_with_a_paragraph_bomb_keeps_every_good_record_under_1_gb(bomb_batch: Path, cli, workers) -> None:
    out = bomb_batch.parent / f"out{workers}"
    outcome = cli(["run", "batch", "--out", out.name, "--workers", workers], cwd=bomb_batch.parent,
                  memory_mb=1024, env={name: "" for name in LIMITS_ENV})  # the default limits
    assert outcome.code == 0, outcome.stderr
    errors = [json.loads(line) for line in (out / "errors.jsonl").open(encoding="utf-8")]
    assert [(Path(e["source"]).name, e["code"]) for e in errors] == [("bomb.docx", "E109")]
    sources = {Path(json.loads(line)["source"]).name for line in (out / "records.jsonl").open(encoding="utf-8")}
    assert len(sources) == 34


def test_a_killed_worker_costs_only_its_file(tmp_path: Path, monkeypatch) -> None:
    import pipeline.tasks as tasks
    from pipeline.engine import process_many

    real = tasks.process_path

    def dies_on_one(path, **kwargs):
        if "victim" in str(path):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, **kwargs)

    monkeypatch.setattr(tasks, "process_path", dies_on_one)  # the forked workers inherit it
    files = corpus_batch(tmp_path / "in", 8)
    victim = tmp_path / "in" / "victim.txt"
    shutil.copy(files[0], victim)
    results = list(process_many(files[:4] + [victim] + files[4:], workers=2, classify=False))
    assert [r.status for r in results].count("processed") == 8
    assert results[4].status == "error" and results[4].error.code == "E112"
    assert "SIGKILL" in results[4].error.message


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux")
def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    corpus_batch(tmp_path / "in", 39)
    for n in range(3):  # enough work that the workers are still busy when the parent dies
        for path in sorted((tmp_path / "in").glob("*.txt"))[:39]:
            shutil.copy(path, tmp_path / "in" / f"copy{n}_{path.name}")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    parent = subprocess.Popen([sys.executable, "-c", "from cli.main import main; main()", "run", "in",
                               "--out", "out", "--workers", "2"], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) >= 2
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in workers) and \
                time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
    finally:
        if parent.poll() is None:
            parent.kill()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_a_second_run_into_a_locked_folder_exits_2_and_touches_nothing(tmp_path: Path) -> None:
    files = corpus_batch(tmp_path / "in", 2)
    out = tmp_path / "out"
    with OutputFolder(out):
        result = runner.invoke(app, ["run", str(files[0]), "--out", str(out), "--db", str(tmp_path / "other.duckdb")])
    assert result.exit_code == 2 and "E501" in result.output
    assert not (out / "records.jsonl").exists()


def test_a_missing_input_into_a_used_folder_exits_2_and_keeps_the_outputs(tmp_path: Path) -> None:
    files = corpus_batch(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.suffix != ".duckdb"}
    result = runner.invoke(app, ["run", str(tmp_path / "typo"), "--out", str(out)])
    assert result.exit_code == 2 and "no such file or directory [E101]" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.suffix != ".duckdb"} == before
    assert len(files) == 2


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    corpus_batch(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    stale = [out / ".records.jsonl.abc123", out / ".xlsx-zz9"]
    stale[0].write_text("half", encoding="utf-8")
    stale[1].mkdir()
    assert runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(out)]).exit_code == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


class _FailingCommit:
    """A DuckDB connection whose commit fails with a full disk and aborts the transaction."""

    def __init__(self, con) -> None:
        self._con = con

    def commit(self):
        import duckdb

        self._con.rollback()
        raise duckdb.IOException("Could not write file: No space left on device")

    def __getattr__(self, name):
        return getattr(self._con, name)


def _full_disk(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("target", ["pipeline.batch.ParkedBatch.add", "pipeline.table.FactsCsv.add_rows",
                                    "pipeline.store.Store._flush", "pipeline.store.Store.commit"])
def test_a_full_disk_is_a_coded_error_exit_2_and_the_old_outputs_stay(tmp_path: Path, monkeypatch, target) -> None:
    import importlib

    files = corpus_batch(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(files[0]), "--out", str(out)]).exit_code == 0
    before = (out / "records.jsonl").read_bytes()
    module, owner, name = target.rsplit(".", 2)
    cls = getattr(importlib.import_module(module), owner)
    if target.endswith("Store.commit"):  # the connection's own commit fails, as DuckDB's does on ENOSPC
        real = cls.commit

        def failing(self):
            self.con = _FailingCommit(self.con)
            return real(self)
        monkeypatch.setattr(cls, name, failing)
    elif "Store" in target:
        import duckdb

        def failing(*_args, **_kwargs):
            raise duckdb.IOException("Could not write file: No space left on device")
        monkeypatch.setattr(cls, name, failing)
    else:
        monkeypatch.setattr(cls, name, _full_disk)
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output and ("E500" in result.output or "E502" in result.output)
    assert "Traceback" not in result.output and "no transaction is active" not in result.output
    assert (out / "records.jsonl").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
