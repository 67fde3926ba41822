"""Shared helpers of the commands: reading inputs, reporting bad files, exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator

from rich.console import Console

from pipeline.errors import PetitionMinerError
from pipeline.ingest import iter_paths
from pipeline.process import process_file
from pipeline.schema import Record

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

err_console = Console(stderr=True, highlight=False)


def report_error(error: PetitionMinerError) -> None:
    """One line on stderr naming the file and the reason."""
    err_console.print(f"[red]error[/red]: {error.format()}", markup=True, soft_wrap=True)


def iter_records(paths: Iterable[Path]) -> Iterator[tuple[Path, list[Record] | PetitionMinerError]]:
    """(path, records) for each input file, or (path, error) for one that cannot be read."""
    for path in iter_paths(paths):
        try:
            yield path, process_file(path)
        except PetitionMinerError as error:
            yield path, error


def write_stdout(line: str) -> None:
    sys.stdout.write(line + "\n")
