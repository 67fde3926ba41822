"""What the benchmark's modules share: units, peak RSS of this process and of others, the CLI's path, atomic writes."""

from __future__ import annotations

import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

SKIP_AFTER_S = 25 * 60  # growth sizes estimated to take longer are skipped
SAMPLE_EVERY_S = 0.05

try:  # optional: per-process peak RSS of `run` workers
    import psutil
except ImportError:  # pragma: no cover - psutil is usually installed
    psutil = None


def _mb(n_bytes: float) -> float:
    return n_bytes / 1e6


def _self_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _cli() -> str:
    local = Path(sys.executable).parent / "petition-miner"
    return str(local) if local.exists() else (shutil.which("petition-miner") or "petition-miner")


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def _sample_peaks(root: int, peaks: dict[int, float], include_root: bool) -> None:
    """Raise peaks[pid] to the peak RSS (VmHWM) of each descendant of `root` (and of root itself)."""
    pids = [root] if include_root else []
    if psutil is not None:
        try:
            pids += [child.pid for child in psutil.Process(root).children(recursive=True)]
        except psutil.Error:
            pass
    for pid in pids:
        hwm = _vm_hwm_mb(pid)
        if hwm is not None:
            peaks[pid] = max(peaks.get(pid, 0.0), hwm)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
