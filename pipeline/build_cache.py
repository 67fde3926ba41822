"""Deterministic build products (a scanner's plan, ...) kept on disk beside the regex cache, keyed on their inputs."""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from typing import Callable, TypeVar

from pipeline.atomic import atomic_path
from pipeline.regex_cache import cache_folder

T = TypeVar("T")
_DIGEST = 32  # bytes of the SHA-256 that opens each cached file and checks its payload


def source_digest(path: str | Path) -> str:
    """The SHA-256 of a source file: part of a key, so that a change to the code that builds an
    entry makes a new entry."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _folder(kind: str) -> Path | None:
    regex_folder = cache_folder()  # .../petition-miner/re, or None when the cache is switched off
    return regex_folder.parent / kind if regex_folder is not None else None


def _read(path: Path) -> object | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    payload = data[_DIGEST:]
    if hashlib.sha256(payload).digest() != data[:_DIGEST]:
        return None  # torn or altered: built anew
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def _write(path: Path, value: object) -> None:
    try:
        payload = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as temporary:
            temporary.write_bytes(hashlib.sha256(payload).digest() + payload)
    except (OSError, ValueError):
        pass  # a read-only or full disk, or a value marshal cannot write: built again next time


def cached_build(kind: str, identity: tuple, build: Callable[[], T], valid: Callable[[object], bool]) -> T:
    """build(), read from the disk cache when a process built it before from the same identity
    (everything the value derives from: inputs, code digest; the Python version is added here);
    `valid` rejects a stored value of the wrong shape, which is then built anew. The value must
    be marshal-able (tuples, lists, dicts, sets, strings, numbers)."""
    folder = _folder(kind)
    key = hashlib.sha256(repr((sys.version, identity)).encode("utf-8", "surrogatepass")).hexdigest()
    path = folder / key if folder is not None else None
    if path is not None:
        stored = _read(path)
        if stored is not None and valid(stored):
            return stored  # type: ignore[return-value]
    value = build()
    if path is not None:
        _write(path, value)
    return value
