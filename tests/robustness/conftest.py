"""Runs the CLI in a subprocess under an address-space limit and a time limit, the way a hostile batch would meet it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile import LIMITS_ENV, REPO  # noqa: E402

MB = 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: bytes
    stderr: str


def run_cli(args: list[str], cwd: Path, memory_mb: int = 1536, timeout: float = 240,
            env: dict[str, str] | None = None) -> Outcome:
    """`petition-miner ARGS` in a fresh interpreter with RLIMIT_AS = memory_mb and a timeout."""

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * MB, memory_mb * MB))

    environment = {**os.environ, **LIMITS_ENV, "PYTHONPATH": str(REPO), **(env or {})}
    done = subprocess.run([sys.executable, "-c", "from cli.main import main; main()", *args], cwd=cwd,
                          env=environment, capture_output=True, timeout=timeout, preexec_fn=limit)
    return Outcome(done.returncode, done.stdout, done.stderr.decode("utf-8", errors="replace"))


@pytest.fixture(scope="session")
def cli():
    return run_cli
