"""LSH bands and rows: datasketch's own choice, read back from the build cache without importing datasketch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.checks.lsh_bands import band_params

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("threshold", [0.05, 0.3, 0.5, 0.65, 0.8, 0.95])
@pytest.mark.parametrize("num_perm", [64, 128])
def test_band_params_are_datasketchs(threshold: float, num_perm: int) -> None:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    assert band_params(threshold, num_perm) == (lsh.b, lsh.r)


def test_band_params_are_read_back_without_datasketch(tmp_path: Path) -> None:
    code = ("import sys; from pipeline.checks.lsh_bands import band_params; "
            "print(band_params(0.65, 128), 'datasketch' in sys.modules)")
    env = {**os.environ, "PETITION_MINER_CACHE": str(tmp_path), "PYTHONPATH": str(ROOT)}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs[0].split(")")[0] == runs[1].split(")")[0]
    assert runs[0].strip().endswith("True")  # worked out by datasketch the first time
    assert runs[1].strip().endswith("False")  # then read back from the cache
