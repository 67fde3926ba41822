"""Shared helpers of the commands: the language, reading inputs, reporting bad files, exit codes, --version."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterable, Iterator, Optional

import typer
from rich.console import Console
from rich.markup import escape

from pipeline.checks.config import configured_lang
from pipeline.errors import ConfigError, InputError, MissingPathError, NoInputError, PetitionMinerError
from pipeline.i18n import error_message, locale_lang, resolve_lang, text
from pipeline.ingest import iter_paths
from pipeline.process import ProcessedFile, process_path
from pipeline.reading import iter_inputs

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Engine(str, Enum):
    """Where the files are processed: local worker processes or a Dask cluster."""

    local = "local"
    dask = "dask"


class Lang(str, Enum):
    """The language of messages and labels."""

    zh = "zh"
    en = "en"


LangOption = Annotated[Optional[Lang], typer.Option(
    "--lang", case_sensitive=False,
    help="Language of messages and labels (default: `lang` of petition-miner.toml, else the locale).")]

# Options several commands share, declared once.
TownshipsOption = Annotated[Optional[Path], typer.Option(
    "--townships", help="Township alias table, CSV with the columns name,alias (default: townships.csv in each "
                        "folder given).")]
CorrectionsOption = Annotated[Optional[Path], typer.Option(
    "--corrections", help="Corrections file (default: corrections.yaml or .csv beside the inputs, or "
                          "petition-miner.toml's).")]

err_console = Console(stderr=True, highlight=False)
UNWRAPPED_WIDTH = 10_000  # cells of a line printed to a file or a pipe: no line is cut at 80 columns


def stdout_console() -> Console:
    """The console of stdout: as wide as the terminal, or, piped to a file, as wide as each line
    needs (tables and trees are not squeezed to 80 columns nor words broken)."""
    probe = Console(highlight=False)
    return probe if probe.is_terminal else Console(highlight=False, width=UNWRAPPED_WIDTH)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("petition-miner")
    except PackageNotFoundError:  # run from a checkout that is not installed
        import tomllib

        pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"petition-miner {_version()}\n")
        raise typer.Exit(EXIT_OK)


VersionOption = Annotated[bool, typer.Option(
    "--version", callback=_print_version, is_eager=True, help="Show the version and exit.")]


def chosen_lang(option: Lang | None, config: Path | None = None) -> str:
    """--lang, else `lang` of the configuration file (--config or the working directory's), else
    the locale; a broken configuration file is reported (exit 2)."""
    if option is not None:
        return option.value
    try:
        return resolve_lang(None, configured_lang(config, Path.cwd()))
    except ConfigError as error:
        report_error(error)
        raise typer.Exit(EXIT_ERROR)


def report_error(error: PetitionMinerError, lang: str | None = None) -> None:
    """One line on stderr naming the file and the reason, in `lang` (default: the locale's)."""
    lang = lang or locale_lang()
    err_console.print(f"[red]{escape(text('error_prefix', lang))}[/red]{escape(error_message(error, lang))}",
                      markup=True, soft_wrap=True, highlight=False)


def input_problems(paths: Iterable[Path]) -> list[PetitionMinerError]:
    """What makes a batch unreadable as a whole: each path that does not exist, or no summary
    file (.txt, .docx) under any of them. `check`, `run`, `extract` and `segment` refuse it alike."""
    paths = list(paths)
    missing = [MissingPathError("no such file or directory", path) for path in paths
               if not (path.exists() or path.is_symlink())]
    if len(missing) == len(paths):
        return missing
    if not any(not item.unsupported for item in iter_inputs(paths, unsupported=True)):
        return [*missing, NoInputError("no summary files (.txt, .docx) found in the given paths")]
    return []


def refuse_unreadable_batch(paths: Iterable[Path], lang: str) -> None:
    """Exit 2 with check's messages when no path exists or none holds a summary file."""
    problems = input_problems(paths)
    for problem in problems:
        report_error(problem, lang)
    if problems:
        raise typer.Exit(EXIT_ERROR)


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


def show_flags_as_flags() -> None:
    """Typer's rich help prints a type after every option, `--json <bool>` for a flag, which then
    refuses a value: a flag (and a counter) shows none."""
    try:
        from typer.core import TyperOption
    except ImportError:  # pragma: no cover - an older typer prints flags right
        return
    original = getattr(TyperOption, "display_type_rich", None)
    if original is None or getattr(original, "_flags_as_flags", False):
        return

    def display_type_rich(self, ctx):
        return None if self.is_flag or self.count else original(self, ctx)

    display_type_rich._flags_as_flags = True
    TyperOption.display_type_rich = display_type_rich


show_flags_as_flags()
