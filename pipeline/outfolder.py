"""The output folder of a run as a transaction: one run at a time (a lock), outputs staged and moved in together."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from pipeline.errors import OutputError, OutputLockedError

LOCK_NAME = ".petition-miner.lock"  # where a folder cannot be locked itself (Windows)
STAGING_PREFIX = ".staging-"
# temporary files the writers make beside their outputs (atomic_path: ".NAME.xxxx"; parking:
# ".records-", ".rows-"; the workbook's ".xlsx-"): left by a run that was killed, removed by the next
STALE_PREFIXES = (STAGING_PREFIX, ".records-", ".rows-", ".xlsx-", ".records.jsonl.", ".findings.jsonl.",
                  ".facts.csv.", ".errors.jsonl.", ".table.csv.", ".table.xlsx.", ".report.html.")


def os_error_message(error: OSError) -> str:
    return error.strerror or error.__class__.__name__


class OutputFolder:
    """Holds an exclusive lock on `out` itself (flock on the folder, whatever --db is) from `open()`
    to `close()`; the lock goes with the process, even on kill -9. Outputs are
    written in a staging folder inside `out` and moved in by `commit()`, or dropped by `close()`."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.staging: Path | None = None
        self._lock = None

    def open(self) -> OutputFolder:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            self._lock = _lock_handle(self.out)
        except OSError as error:
            raise OutputError(f"cannot write to the output folder ({os_error_message(error)}); "
                              "pass a writable folder with --out", self.out) from error
        if not _try_lock(self._lock):
            os.close(self._lock)
            self._lock = None
            raise OutputLockedError("another run is writing to this output folder; wait for it to finish "
                                    "or pass another folder with --out", self.out)
        self.remove_stale()
        try:
            self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out))
        except OSError as error:
            self.close()
            raise OutputError(f"cannot write to the output folder ({os_error_message(error)})", self.out) from error
        return self

    def __enter__(self) -> OutputFolder:
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    def remove_stale(self) -> list[Path]:
        """Temporary files and staging folders of runs that were killed (the lock says none is running)."""
        removed = []
        for entry in self.out.iterdir():
            if entry.name != LOCK_NAME and entry.name.startswith(STALE_PREFIXES):
                try:
                    shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
                    removed.append(entry)
                except OSError:
                    pass
        return removed

    def commit(self) -> None:
        """Move every staged output into the folder, replacing the old ones."""
        try:
            for staged in sorted(self.staging.iterdir()):
                os.replace(staged, self.out / staged.name)
        except OSError as error:
            raise OutputError(f"cannot move the outputs into place ({os_error_message(error)})", self.out) from error

    def close(self) -> None:
        """Drop what is still staged (nothing after a commit) and release the lock."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def _lock_handle(out: Path) -> int:
    """A descriptor to lock: the folder itself where flock exists, else a lock file in it."""
    try:
        import fcntl  # noqa: F401
    except ImportError:
        return os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    return os.open(out, os.O_RDONLY)


def _try_lock(handle: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: msvcrt locks a byte range of the lock file
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
