"""Resource limits on one input file, with safe defaults, read from the environment or petition-miner.toml."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path

from pipeline.errors import ConfigError

ENV_PREFIX = "PETITION_MINER_"
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one file may cost; past a limit the file becomes a coded error, never a crash.

    Set them in `petition-miner.toml` (`[limits]`), `pyproject.toml` (`[tool.petition-miner.limits]`)
    or the environment (`PETITION_MINER_MAX_FILE_MB=50`); the environment wins."""

    max_file_mb: float = 20.0  # bytes of one input file (.txt or .docx)
    max_docx_xml_mb: float = 64.0  # the expanded parts of one .docx, summed, checked before expanding
    max_docx_parts: int = 2_000  # members of one .docx archive
    max_summary_chars: int = 2_000_000  # characters of one summary after decoding
    worker_memory_mb: int = 2_048  # address space a worker may add to what it starts with
    max_pdf_pages: int = 300  # pages of one PDF, checked before any page is read
    office_timeout_s: float = 60.0  # seconds LibreOffice may take to convert one .doc or .wps

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_docx_xml_bytes(self) -> int:
        return int(self.max_docx_xml_mb * MB)

    def with_overrides(self, values: dict) -> Limits:
        known = {f.name: f.type for f in fields(self)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ConfigError(f"unknown limit {', '.join(unknown)}; known limits: {', '.join(known)}")
        parsed = {}
        for name, value in values.items():
            kind = int if known[name] == "int" else float
            try:
                parsed[name] = kind(value)
            except (TypeError, ValueError) as error:
                raise ConfigError(f"limit {name} must be a number, not {value!r}") from error
            if parsed[name] <= 0:
                raise ConfigError(f"limit {name} must be above 0, not {value!r}")
        return replace(self, **parsed)


def _file_values(folder: Path) -> dict:
    for name, keys in (("petition-miner.toml", ("limits",)), ("pyproject.toml", ("tool", "petition-miner", "limits"))):
        path = folder / name
        if not path.is_file():
            continue
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"cannot read the limits ({error})", path) from error
        for key in keys:
            table = table.get(key, {}) if isinstance(table, dict) else {}
        if table:
            return dict(table)
    return {}


def _env_values() -> dict:
    names = {f.name for f in fields(Limits)}
    return {name: os.environ[ENV_PREFIX + name.upper()] for name in names
            if os.environ.get(ENV_PREFIX + name.upper(), "").strip()}  # set and not empty


@lru_cache(maxsize=1)
def current_limits() -> Limits:
    """The limits of this process: defaults, then the configuration file of the working directory, then the environment."""
    return Limits().with_overrides(_file_values(Path.cwd())).with_overrides(_env_values())
