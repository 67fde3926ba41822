"""Loads language resources (YAML under pipeline/resources/<lang>/) into validated pydantic models."""

from __future__ import annotations

import hashlib
import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.build_cache import cached_build, source_digest
from pipeline.errors import ResourceError
from pipeline.regex_cache import compile_cached
from pipeline.regex_screen import screened

RESOURCE_DIR = Path(__file__).parent / "resources"
LANGUAGES = ("zh", "en")

ModelT = TypeVar("ModelT", bound=BaseModel)


class ResourceModel(BaseModel):
    """Base for resource files: frozen and strict about unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# matches nothing, and re knows it at once: its shortest match is longer than any text (an empty
# pattern such as (?!x)x is tried at every position of the text searched)
NEVER = r"(?!x)x{2147483648}"


def any_of_source(patterns: tuple[str, ...] | list[str]) -> str:
    """The source of any_of's alternation (NEVER for no patterns)."""
    return "|".join(f"(?:{p})" for p in patterns) or NEVER


def any_of(patterns: tuple[str, ...] | list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One compiled alternation of resource patterns; an empty list matches nothing. A zero-width
    screen before it lets re skip the positions where no alternative can start (the same matches)."""
    return compile_cached(screened(any_of_source(patterns), flags), flags)


def resource_path(lang: str, name: str) -> Path:
    """Path of `pipeline/resources/<lang>/<name>.yaml` (lang may be 'common')."""
    return RESOURCE_DIR / lang / f"{name}.yaml"


def _describe(error: ValidationError, data: object) -> str:
    first = error.errors()[0]
    loc = ".".join(str(part) for part in first["loc"])
    return f"entry {loc}: {first['msg']}"


def yaml_loader():
    """libyaml's parser where PyYAML was built with it (the same data, several times faster to read)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def __getattr__(name: str):
    """YAML_LOADER, imported with PyYAML on first use (a cold start reads resources from the build cache)."""
    if name == "YAML_LOADER":
        return yaml_loader()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class YamlSyntaxError(Exception):
    """A resource's text is no valid YAML (PyYAML's error class named)."""


@lru_cache(maxsize=1)
def _yaml_identity() -> tuple:
    """What identifies the installed PyYAML without importing it: the digest of its __init__.py (which
    holds its version) and its libyaml extension's file names (whether CSafeLoader exists)."""
    spec = importlib.util.find_spec("yaml")
    if spec is None or spec.origin is None or not spec.submodule_search_locations:
        import yaml  # an unusual install: ask the package itself

        return (yaml.__version__, yaml_loader().__name__)
    folder = Path(spec.origin).parent
    return (source_digest(spec.origin), tuple(sorted(p.name for p in folder.glob("_yaml*"))))


def _load_yaml(text: str) -> object:
    import yaml

    try:
        return yaml.load(text, Loader=yaml_loader())
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(exc.__class__.__name__) from exc


def _parsed(text: str) -> object:
    """The YAML data of a resource's text, read from the build cache when a process parsed the same
    text with the same PyYAML before (validation still runs on it every time); YamlSyntaxError when
    the text is no YAML."""
    identity = (hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), _yaml_identity())
    return cached_build("yaml", identity, lambda: _load_yaml(text), lambda value: True)


@lru_cache(maxsize=None)
def load_resource(lang: str, name: str, model: type[ModelT]) -> ModelT:
    """Read and validate one resource file; cached per process."""
    path = resource_path(lang, name)
    if not path.is_file():
        raise ResourceError("resource file is missing", path)
    try:
        data = _parsed(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as exc:
        raise ResourceError(f"not valid YAML ({exc})", path) from exc
    try:
        return model.model_validate(data or {})
    except ValidationError as exc:
        raise ResourceError(_describe(exc, data), path) from exc
