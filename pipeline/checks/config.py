"""The configuration file (petition-miner.toml): the [check] settings (pydantic model, CLI overrides) and `lang`."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline.checks.rulebook import rule_ids
from pipeline.errors import ConfigError
from pipeline.schema import SectionKind, Severity

CONFIG_FILE = "petition-miner.toml"
PYPROJECT_FILE = "pyproject.toml"
DEFAULT_REQUIRED: tuple[SectionKind, ...] = ("overview", "measures", "problems", "plans")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class CheckConfig(BaseModel):
    """What the checks run and how strictly; every field has a default that suits real summaries."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    required_sections: tuple[SectionKind, ...] = DEFAULT_REQUIRED
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = Field(default_factory=dict)
    share_tolerance: float = Field(0.0, ge=0)  # absolute floor, percentage points
    rate_tolerance: float = Field(0.0, ge=0)
    change_tolerance: float = Field(0.0, ge=0)
    template_threshold: float = Field(0.6, gt=0, le=1)
    shingle_size: int = Field(5, ge=2, le=20)
    future_grace_months: int = Field(3, ge=0, le=24)

    @field_validator("select", "ignore")
    @classmethod
    def _known_ids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        _check_ids(value)
        return value

    @field_validator("severity")
    @classmethod
    def _known_severity_ids(cls, value: dict[str, str]) -> dict[str, str]:
        _check_ids(value)
        return value

    def enabled(self, rule: str) -> bool:
        """Whether a rule runs: selected (or nothing selected) and not ignored."""
        return (not self.select or rule in self.select) and rule not in self.ignore

    def severity_of(self, rule: str, default: Severity) -> Severity:
        return self.severity.get(rule, default)

    def with_overrides(self, select: Iterable[str] | None = None,
                       ignore: Iterable[str] | None = None) -> CheckConfig:
        """CLI flags: --select replaces the configured selection, --ignore adds to it."""
        update: dict[str, Any] = {}
        if select:
            update["select"] = tuple(select)
        if ignore:
            update["ignore"] = tuple(dict.fromkeys((*self.ignore, *ignore)))
        try:
            return CheckConfig.model_validate({**self.model_dump(), **update})
        except ValidationError as exc:
            first = exc.errors()[0]
            option = first["loc"][0] if first["loc"] else "select"
            raise ConfigError(f"option --{option}: {first['msg'].removeprefix('Value error, ')}") from exc


def _check_ids(ids: Iterable[str]) -> None:
    unknown = [rule for rule in ids if rule not in rule_ids()]
    if unknown:
        raise ValueError(f"unknown rule id {unknown[0]!r} (run `petition-miner rules` for the list)")


def split_ids(values: Iterable[str] | None) -> list[str]:
    """Rule ids from repeated and comma-separated option values."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _describe(error: ValidationError, prefix: str) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    return f"key {prefix}.{key}: {message}" if key else f"{prefix}: {message}"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("configuration file not found", path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"configuration file is unreadable ({exc.__class__.__name__})", path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc})", path) from exc


def _section(data: dict[str, Any], path: Path) -> tuple[dict[str, Any] | None, str]:
    """The [check] table of a petition-miner.toml, or [tool.petition-miner.check] of a pyproject."""
    if path.name == PYPROJECT_FILE:
        tool = data.get("tool", {}).get("petition-miner")
        if tool is None:
            return None, "tool.petition-miner.check"
        return tool.get("check", {}), "tool.petition-miner.check"
    return data.get("check", {}), "check"


def config_from_file(path: Path) -> CheckConfig:
    """Read one configuration file; a bad key raises ConfigError naming the file and the key."""
    data = _read_toml(path)
    table, prefix = _section(data, path)
    table = {} if table is None else table
    if not isinstance(table, dict):
        raise ConfigError(f"key {prefix}: expected a table", path)
    try:
        return CheckConfig.model_validate(table or {})
    except ValidationError as exc:
        raise ConfigError(_describe(exc, prefix), path) from exc


def find_config(cwd: Path) -> Path | None:
    """petition-miner.toml in the working directory, else a pyproject.toml with [tool.petition-miner]."""
    own = cwd / CONFIG_FILE
    if own.is_file():
        return own
    pyproject = cwd / PYPROJECT_FILE
    if pyproject.is_file() and _section(_read_toml(pyproject), pyproject)[0] is not None:
        return pyproject
    return None


def load_config(path: Path | None = None, cwd: Path | None = None) -> CheckConfig:
    """The given file, else the one found in the working directory, else the defaults."""
    found = path if path is not None else find_config(cwd or Path.cwd())
    return config_from_file(found) if found is not None else CheckConfig()


LANG_KEY = "lang"


def _lang_of(data: dict[str, Any], path: Path) -> tuple[object, str]:
    """The `lang` value of a petition-miner.toml (top level) or of [tool.petition-miner] of a pyproject."""
    if path.name == PYPROJECT_FILE:
        tool = data.get("tool", {}).get("petition-miner", {})
        return (tool.get(LANG_KEY) if isinstance(tool, dict) else None), "tool.petition-miner.lang"
    return data.get(LANG_KEY), LANG_KEY


def configured_lang(path: Path | None = None, cwd: Path | None = None) -> str | None:
    """The language the configuration file sets (`lang = "zh"`), or None when it sets none; a value
    other than zh or en raises ConfigError naming the file and the key."""
    found = path if path is not None else find_config(cwd or Path.cwd())
    if found is None:
        return None
    value, key = _lang_of(_read_toml(found), found)
    if value is None:
        return None
    if value not in ("zh", "en"):
        raise ConfigError(f"key {key}: {value!r} is no language; use \"zh\" or \"en\"", found)
    return value
