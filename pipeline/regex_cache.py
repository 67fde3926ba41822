"""Large regular expressions compiled once per machine: re's parse and compile cached on disk, like bytecode."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from re import _compiler, _parser  # the standard library's own parser and compiler

import _sre

from pipeline.signed_file import read_signed, write_signed

CACHE_ENV = "PETITION_MINER_CACHE"  # a folder for the cache; set but empty: no cache


def cache_folder() -> Path | None:
    """Where compiled patterns are kept: $PETITION_MINER_CACHE, else petition-miner/re under the
    user's cache folder ($XDG_CACHE_HOME or ~/.cache); None when the variable is set but empty,
    or when there is neither a cache folder nor a home folder."""
    environ = os.environ
    return _folder_of(environ.get(CACHE_ENV), environ.get("XDG_CACHE_HOME"), environ.get("HOME"))


@lru_cache(maxsize=8)
def _folder_of(configured: str | None, xdg: str | None, home_variable: str | None) -> Path | None:
    """cache_folder for these values of the variables it reads (asked for each pattern a process
    compiles: worked out once per set of values)."""
    if configured is not None:
        return Path(configured) / "re" if configured.strip() else None
    home = os.path.expanduser("~")
    base = xdg or (os.path.join(home, ".cache") if os.path.isabs(home) else None)
    return Path(base) / "petition-miner" / "re" if base else None  # no home folder: no cache


def _key(pattern: str, flags: int) -> str:
    """The file name of a pattern's entry: its source, flags and the Python and re engine versions."""
    identity = repr((sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, pattern, flags))
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()


def _build(pattern: str, flags: int) -> tuple:
    """The arguments _sre.compile takes after the pattern, as re's compiler computes them."""
    parsed = _parser.parse(pattern, flags)
    code = [int(word) for word in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _read(path: Path) -> tuple | None:
    built = read_signed(path)
    return built if isinstance(built, tuple) and len(built) == 5 else None


def compile_cached(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), equal to it (same code, groups and flags), read from the disk
    cache when a process compiled it before; compiled by re's own compiler and stored otherwise."""
    if flags & (re.DEBUG | getattr(re, "TEMPLATE", 0)) or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    flags = int(flags)
    folder = cache_folder()
    path = folder / _key(pattern, flags) if folder is not None else None
    built = _read(path) if path is not None else None
    if built is not None:
        try:
            return _sre.compile(pattern, *built)
        except (RuntimeError, TypeError, ValueError, OverflowError):  # _sre rejects code it cannot run
            pass
    try:
        built = _build(pattern, flags)
        compiled = _sre.compile(pattern, *built)
    except (AttributeError, TypeError):  # another Python's internals: the public route
        return re.compile(pattern, flags)
    if path is not None:
        write_signed(path, built)
    return compiled
