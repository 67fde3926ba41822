"""Finds input files under the given paths and reads their bytes: regular files only, within the size limit."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.errors import (
    InputError,
    MissingPathError,
    NotRegularFileError,
    TooLargeError,
    UnsupportedFormatError,
)
from pipeline.limits import Limits, current_limits

SUPPORTED_SUFFIXES = (".txt", ".docx", ".text", ".pdf", ".doc", ".wps")
# Found in folders so that they are reported as unsupported rather than silently skipped (none left:
# .doc, .wps and .pdf are read since issue 22; kept for callers that name it).
REPORTED_SUFFIXES: tuple[str, ...] = ()
# Data and notes that sit beside summaries (gold annotations, manifests, READMEs): skipped in
# silence. Any other suffix in a folder (.jpg, .xlsx, .zip) is reported as skipped.
QUIET_SUFFIXES = (".json", ".jsonl", ".md", ".yaml", ".yml", ".csv", ".tsv", ".log")
READ_CHUNK = 1 << 20
_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def display_name(name: str) -> str:
    """A file name as people read it: names whose bytes are not UTF-8 (GBK names unpacked from a
    Chinese zip) hold surrogate escapes, shown as GB18030 when they are, else as \\xNN escapes."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="backslashreplace")


@dataclass(frozen=True)
class InputFile:
    """One file of a batch: its path and the folder given on the command line that holds it."""

    path: Path
    root: Path | None = None
    unsupported: bool = False  # a regular file of a folder with a suffix that is not read (.jpg, .xlsx)

    def refuse(self) -> None:
        """Raise the coded error of a file found in a folder that is skipped for its suffix."""
        if self.unsupported:
            suffix = self.path.suffix.lower() or "a file without a suffix"
            raise UnsupportedFormatError(
                f"skipped: {suffix} is not a summary format; only {', '.join(SUPPORTED_SUFFIXES)} files "
                "are read from a folder", display_name(str(self.path)))

    def base_id(self) -> str:
        """The doc_id stem: the path relative to its folder without the suffix, or the file's stem."""
        if self.root is None:
            return display_name(self.path.stem)
        relative = self.path.relative_to(self.root)
        return display_name(relative.with_suffix("").as_posix())


def _kind(mode: int) -> str | None:
    return next((name for test, name in _KINDS if test(mode)), None)


def _walk(folder: Path, root: Path, ancestors: frozenset[tuple[int, int]],
          unsupported: bool = False) -> Iterator[InputFile]:
    """Files of a folder in sorted order, recursively; hidden entries are skipped. Entries that are
    not regular files (FIFOs, devices, symbolic link loops, dangling links) are yielded too, so that
    reading them reports why they are not read; with `unsupported`, so are files of other suffixes
    (marked, so that they are reported as skipped instead of read)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        yield InputFile(folder, root)  # reading it says why the folder cannot be listed
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            info = entry.stat()  # follows symbolic links
        except OSError:  # a loop or a dangling link
            yield InputFile(path, root)
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in ancestors:
                yield InputFile(path, root)  # a link back to a folder above: reported as a loop
            else:
                yield from _walk(path, root, ancestors | {key}, unsupported)
        elif not stat.S_ISREG(info.st_mode) or path.suffix.lower() in SUPPORTED_SUFFIXES + REPORTED_SUFFIXES:
            yield InputFile(path, root)
        elif unsupported and path.suffix.lower() not in QUIET_SUFFIXES:
            yield InputFile(path, root, unsupported=True)


def iter_inputs(paths: Iterable[Path | InputFile], unsupported: bool = False) -> Iterator[InputFile]:
    """The files of a batch in order: folders walked, files and missing paths as given. With
    `unsupported`, a folder's files of other suffixes come too, marked to be reported as skipped."""
    for path in paths:
        if isinstance(path, InputFile):
            yield path
        elif path.is_dir():
            info = path.stat()
            yield from _walk(path, path, frozenset({(info.st_dev, info.st_ino)}), unsupported)
        else:
            yield InputFile(path)


def iter_paths(paths: Iterable[Path | InputFile]) -> Iterator[Path]:
    """Files under the given paths, directories recursively in sorted order; missing paths too."""
    return (item.path for item in iter_inputs(paths))


def unique_bases(inputs: list[InputFile]) -> list[str]:
    """The doc_id stem of each file, unique within the batch: the relative path without suffix,
    then with it, then numbered."""
    bases = [item.base_id() for item in inputs]
    seen: dict[str, int] = {}
    for base in bases:
        seen[base] = seen.get(base, 0) + 1
    taken: set[str] = set()
    unique = []
    for item, base in zip(inputs, bases):
        if seen[base] > 1:
            base = base + item.path.suffix
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}~{n}"
        taken.add(candidate)
        unique.append(candidate)
    return unique


def _is_loop(path: Path) -> bool:
    try:
        target = path.resolve()
        return path.is_symlink() and (target == path.parent.resolve() or target in path.parent.resolve().parents)
    except (OSError, RuntimeError):
        return True


def refuse_reported(suffix: str, name: str) -> None:
    if suffix in REPORTED_SUFFIXES:
        raise UnsupportedFormatError(f"{suffix} files are not supported; save the summary as .docx or .txt", name)


def _stat(path: Path, name: str) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError as error:
        if os.path.islink(path):
            raise MissingPathError("a symbolic link to a file that does not exist", name) from error
        raise MissingPathError("no such file or directory", name) from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotRegularFileError("a symbolic link loop; it points back to itself", name) from error
        raise InputError(f"cannot read the file ({error.strerror or error.__class__.__name__})", name) from error


def _check_mode(mode: int, path: Path, name: str) -> None:
    if stat.S_ISDIR(mode):
        if _is_loop(path):
            raise NotRegularFileError("a symbolic link loop; it points to a folder that holds it", name)
        raise UnsupportedFormatError("is a directory; pass it to a batch command", name)
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(f"is {_kind(mode) or 'not a regular file'}; only regular files are read", name)


def _too_large(size: int, limits: Limits, name: str) -> TooLargeError:
    return TooLargeError(f"{size / 2**20:,.1f} MB is more than the limit of {limits.max_file_mb:g} MB per file; "
                         "split the file or raise max_file_mb", name)


def read_input(path: Path, limits: Limits | None = None, name: str | None = None) -> bytes:
    """The bytes of one input file; raises a coded InputError for anything but a regular file
    within the size limit. A FIFO is never opened for reading (it would block for ever)."""
    limits = limits or current_limits()
    name = name or display_name(str(path))
    info = _stat(path, name)
    _check_mode(info.st_mode, path, name)
    refuse_reported(path.suffix.lower(), name)
    if info.st_size > limits.max_file_bytes:
        raise _too_large(info.st_size, limits, name)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror or error.__class__.__name__})", name) from error
    with os.fdopen(fd, "rb") as handle:
        _check_mode(os.fstat(fd).st_mode, path, name)  # the same file as the one checked
        chunks, size = [], 0
        while size <= limits.max_file_bytes:
            chunk = handle.read(min(READ_CHUNK, limits.max_file_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    if size > limits.max_file_bytes:
        raise _too_large(size, limits, name)
    return b"".join(chunks)
