"""Subprocess measurements: `run` end to end with its peak RSS, the large run's stages, `check` cold start."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import SAMPLE_EVERY_S, _cli, _sample_peaks, psutil

def _watched(cmd: list[str], log_dir: Path) -> dict:
    """Run cmd; wall time, exit code, and peak RSS (VmHWM) of the process and of each descendant."""
    peaks: dict[int, float] = {}
    with open(log_dir / "stdout.txt", "wb") as out, open(log_dir / "stderr.txt", "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        while proc.poll() is None:
            _sample_peaks(proc.pid, peaks, include_root=True)
            time.sleep(SAMPLE_EVERY_S)
        wall = time.perf_counter() - started
    main = peaks.pop(proc.pid, None)
    children = sorted(peaks.values(), reverse=True)
    if psutil is None:  # fallback: the largest ru_maxrss over every child waited for so far
        children = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]
    return {"wall_s": wall, "rc": proc.returncode, "main_rss_mb": main, "child_rss_mb": children,
            "stderr_tail": (log_dir / "stderr.txt").read_text(errors="replace")[-400:]}


# Starts the command, waits for it with wait4 and writes what the kernel says about it as JSON. It runs
# in a small interpreter of its own: a child forked straight from the bench (hundreds of MB by then)
# would carry the bench's resident pages until exec, and ru_maxrss keeps that high-water mark.
_LAUNCHER = """
import json, os, subprocess, sys, time
report, cmd = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
proc = subprocess.Popen(cmd)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - started
with open(report, "w") as out:
    json.dump({"wall_s": wall, "rc": os.waitstatus_to_exitcode(status), "main_rss_mb": usage.ru_maxrss / 1024,
               "cpu_s": usage.ru_utime + usage.ru_stime}, out)
"""


def _timed_alone(cmd: list[str], log_dir: Path) -> dict:
    """Run cmd, a command that starts no process of its own: exact wall time, exit code, peak RSS and
    CPU seconds from the kernel's account of the child (wait4, in a small launcher process), with
    nothing sampled while it runs (on 2 CPUs a sampler walking the process table every 50 ms takes
    CPU from the command, and a poll finds the exit up to 50 ms late)."""
    report = log_dir / "timed.json"
    with open(log_dir / "stdout.txt", "wb") as out, open(log_dir / "stderr.txt", "wb") as err:
        subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, str(report), *cmd], stdout=out, stderr=err,
                       check=False)
    return json.loads(report.read_text(encoding="utf-8"))


def measure_run(corpus: Path, workers: int, scratch: Path) -> dict:
    """`petition-miner run` with a fresh --out and --db; docs counted in records.jsonl."""
    out = scratch / f"run_w{workers}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cmd = [_cli(), "run", str(corpus), "--out", str(out / "out"), "--workers", str(workers),
           "--db", str(out / "petitions.duckdb"), "--lang", "en"]  # the stage names are parsed
    result = _watched(cmd, out)
    records = out / "out" / "records.jsonl"
    docs = sum(1 for line in records.open(encoding="utf-8") if line.strip()) if records.exists() else 0
    result.update(workers=workers, docs=docs, docs_per_s=docs / result["wall_s"])
    return result


def run_stages(stderr: str) -> dict[str, float]:
    """Seconds per stage from the closing summary of `run` (elapsed 65.0s (processing 21.0s, ...))."""
    found = re.search(r"^elapsed\s+[\d.]+s \((.*)\)$", stderr, re.MULTILINE)
    if not found:
        return {}
    return {name: float(seconds.rstrip("s")) for name, seconds in
            (part.rsplit(" ", 1) for part in found.group(1).split(", "))}


def measure_scale_run(paths: list[Path], scratch: Path) -> dict:
    """`run --workers 2` over a large batch (every output), with the time of each stage."""
    corpus = scratch / "scale_corpus"
    corpus.mkdir(parents=True)
    for path in paths:
        (corpus / path.name).symlink_to(path.resolve())
    result = measure_run(corpus, 2, scratch / "scale")
    result["stages"] = run_stages((scratch / "scale" / "run_w2" / "stderr.txt").read_text(errors="replace"))
    return result


PACKAGES = ("pipeline", "cli")  # the project's own modules, compiled to bytecode as an install would


def measure_check_cold(path: Path, scratch: Path, repeats: int = 3) -> dict:
    """A new process per run, timed alone (_timed_alone); the project's bytecode compiled first, as
    `make install` does (a wheel or a first run would too; PYTHONDONTWRITEBYTECODE, set on some
    machines, would otherwise make every run compile every module)."""
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(root / name) for name in PACKAGES)],
                   check=False, capture_output=True)
    runs = []
    for n in range(repeats):
        log = scratch / f"check_{n}"
        log.mkdir(parents=True, exist_ok=True)
        runs.append(_timed_alone([_cli(), "check", str(path)], log))
    walls = [run["wall_s"] for run in runs]
    return {"best_s": min(walls), "walls_s": walls, "rc": [run["rc"] for run in runs],
            "cpu_s": [run["cpu_s"] for run in runs], "main_rss_mb": max((run["main_rss_mb"] or 0) for run in runs)}
