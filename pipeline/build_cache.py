"""Deterministic build products (a scanner's plan, ...) kept on disk beside the regex cache, keyed on their inputs."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Callable, TypeVar

from pipeline.regex_cache import cache_folder
from pipeline.signed_file import read_signed, write_signed

T = TypeVar("T")


def source_digest(path: str | Path) -> str:
    """The SHA-256 of a source file: part of a key, so that a change to the code that builds an
    entry makes a new entry."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _folder(kind: str) -> Path | None:
    regex_folder = cache_folder()  # .../petition-miner/re, or None when the cache is switched off
    return regex_folder.parent / kind if regex_folder is not None else None


def cached_build(kind: str, identity: tuple, build: Callable[[], T], valid: Callable[[object], bool]) -> T:
    """build(), read from the disk cache when a process built it before from the same identity
    (everything the value derives from: inputs, code digest; the Python version is added here);
    `valid` rejects a stored value of the wrong shape, which is then built anew. The value must
    be marshal-able (tuples, lists, dicts, sets, strings, numbers)."""
    folder = _folder(kind)
    key = hashlib.sha256(repr((sys.version, identity)).encode("utf-8", "surrogatepass")).hexdigest()
    path = folder / key if folder is not None else None
    if path is not None:
        stored = read_signed(path)
        if stored is not None and valid(stored):
            return stored  # type: ignore[return-value]
    value = build()
    if path is not None:
        write_signed(path, value)
    return value
