"""Shared helpers of the commands: reading inputs, reporting bad files, exit codes."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Iterable, Iterator

from rich.console import Console
from rich.markup import escape

from pipeline.errors import InputError, PetitionMinerError
from pipeline.ingest import iter_paths
from pipeline.process import ProcessedFile, process_path

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Engine(str, Enum):
    """Where the files are processed: local worker processes or a Dask cluster."""

    local = "local"
    dask = "dask"

err_console = Console(stderr=True, highlight=False)


def report_error(error: PetitionMinerError) -> None:
    """One line on stderr naming the file and the reason."""
    err_console.print(f"[red]error[/red]: {escape(error.format())}", markup=True, soft_wrap=True, highlight=False)


def process_one(path: Path, classify: bool = True, config=None) -> ProcessedFile | PetitionMinerError:
    """A processed file, or the error that names why it could not be read."""
    try:
        return process_path(path, config=config, classify=classify)
    except PetitionMinerError as error:
        return error
    except OSError as error:
        return InputError(f"cannot read the file ({error.strerror or error.__class__.__name__})", path)


def iter_processed(paths: Iterable[Path], classify: bool = True,
                   config=None) -> Iterator[tuple[Path, ProcessedFile | PetitionMinerError]]:
    """(path, processed file) for each input file, or (path, error) for one that cannot be read."""
    for path in iter_paths(paths):
        yield path, process_one(path, classify, config)


def write_stdout(line: str) -> None:
    sys.stdout.write(line + "\n")
