"""Loads language resources (YAML under pipeline/resources/<lang>/) into validated pydantic models."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.build_cache import cached_build
from pipeline.errors import ResourceError
from pipeline.regex_cache import compile_cached

RESOURCE_DIR = Path(__file__).parent / "resources"
# libyaml's parser where PyYAML was built with it (the same data, several times faster to read)
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LANGUAGES = ("zh", "en")

ModelT = TypeVar("ModelT", bound=BaseModel)


class ResourceModel(BaseModel):
    """Base for resource files: frozen and strict about unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def any_of_source(patterns: tuple[str, ...] | list[str]) -> str:
    """The source of any_of's alternation."""
    return "|".join(f"(?:{p})" for p in patterns) or r"(?!x)x"


def any_of(patterns: tuple[str, ...] | list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One compiled alternation of resource patterns; an empty list matches nothing."""
    return compile_cached(any_of_source(patterns), flags)


def resource_path(lang: str, name: str) -> Path:
    """Path of `pipeline/resources/<lang>/<name>.yaml` (lang may be 'common')."""
    return RESOURCE_DIR / lang / f"{name}.yaml"


def _describe(error: ValidationError, data: object) -> str:
    first = error.errors()[0]
    loc = ".".join(str(part) for part in first["loc"])
    return f"entry {loc}: {first['msg']}"


def _parsed(text: str) -> object:
    """The YAML data of a resource's text, read from the build cache when a process parsed the same
    text with the same PyYAML before (validation still runs on it every time)."""
    identity = (hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), yaml.__version__,
                YAML_LOADER.__name__)
    return cached_build("yaml", identity, lambda: yaml.load(text, Loader=YAML_LOADER), lambda value: True)


@lru_cache(maxsize=None)
def load_resource(lang: str, name: str, model: type[ModelT]) -> ModelT:
    """Read and validate one resource file; cached per process."""
    path = resource_path(lang, name)
    if not path.is_file():
        raise ResourceError("resource file is missing", path)
    try:
        data = _parsed(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ResourceError(f"not valid YAML ({exc.__class__.__name__})", path) from exc
    try:
        return model.model_validate(data or {})
    except ValidationError as exc:
        raise ResourceError(_describe(exc, data), path) from exc
