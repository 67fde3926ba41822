"""Which corrections files apply to a batch, found without reading them: a check with none loads no corrections code."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from pipeline.checks.config import CONFIG_FILE, PYPROJECT_FILE, _read_toml

NAMES = ("corrections.yaml", "corrections.yml", "corrections.csv")


def configured_path(cwd: Path) -> Path | None:
    """`[corrections] file` of petition-miner.toml (or [tool.petition-miner.corrections] of a
    pyproject.toml) in the working directory, relative to it."""
    for name in (CONFIG_FILE, PYPROJECT_FILE):
        config = cwd / name
        if not config.is_file():
            continue
        data = _read_toml(config)
        if name == PYPROJECT_FILE:
            data = data.get("tool", {}).get("petition-miner", {})
        table = data.get("corrections")
        if isinstance(table, dict) and table.get("file"):
            return cwd / str(table["file"])
    return None


def find_corrections(paths: Iterable[Path], given: Path | None = None, cwd: Path | None = None) -> list[Path]:
    """The corrections files that apply: the one given, else the one petition-miner.toml names,
    else each corrections.yaml/.csv in a folder given or beside a file given."""
    if given is not None:
        return [given]
    configured = configured_path(cwd or Path.cwd())
    if configured is not None:
        return [configured]
    found: list[Path] = []
    for path in paths:
        folder = path if path.is_dir() else path.parent
        for name in NAMES:
            candidate = folder / name
            if candidate.is_file() and candidate not in found:
                found.append(candidate)
    return found
