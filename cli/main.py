"""The typer application: registers one command per module (only the one named on the command line when run)."""

from __future__ import annotations

import ctypes
import os
import sys
from importlib import import_module

import typer

from cli.common import VersionOption

# each command's name, module and function, in the order --help lists them; `gold` is a group of commands
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("cli.run", "run_command"),
    "extract": ("cli.extract", "extract_command"),
    "check": ("cli.check", "check_command"),
    "rules": ("cli.check", "rules_command"),
    "segment": ("cli.segment", "segment_command"),
    "evaluate": ("cli.evaluate", "evaluate_command"),
    "train": ("cli.train", "train_command"),
    "export": ("cli.annotate", "export_command"),
    "import": ("cli.annotate", "import_command"),
}
GROUPS: dict[str, tuple[str, str]] = {"gold": ("cli.gold", "gold_app")}


def _options(version: VersionOption = False) -> None:
    """Structured, source-grounded records from petition work summaries (信访工作总结).

    Every command takes --lang zh|en (default: `lang` of petition-miner.toml, else the locale),
    -h and --version."""


def build_app(names: frozenset[str] | None = None) -> typer.Typer:
    """The application with the named commands (every command when None): a command's module,
    and what it imports, is loaded only when the command is registered."""
    application = typer.Typer(
        name="petition-miner",
        help="Structured, source-grounded records from petition work summaries (信访工作总结).",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},  # the commands and `gold`'s inherit them
    )
    application.callback()(_options)
    for name, (module, function) in COMMANDS.items():
        if names is None or name in names:
            application.command(name)(getattr(import_module(module), function))
    for name, (module, attribute) in GROUPS.items():
        if names is None or name in names:
            application.add_typer(getattr(import_module(module), attribute), name=name)
    return application


def named_command(argv: list[str]) -> str | None:
    """The command the arguments name (the first that is no option, as the root takes only flags),
    or None when they name none that exists (then every command is registered, for help and errors)."""
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    return first if first in COMMANDS or first in GROUPS else None


def __getattr__(name: str):
    """`app`: the application with every command, built on first use (tests invoke it)."""
    if name == "app":
        application = globals()["app"] = build_app()
        return application
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# commands whose numpy work is element-wise and sparse (the kind model), never a BLAS product:
# the threads OpenBLAS starts when numpy loads would only spin on CPUs the process needs
ONE_BLAS_THREAD = frozenset({"check"})
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def _one_blas_thread(command: str | None) -> None:
    """One OpenBLAS thread for the commands that need no more, unless the user chose a number."""
    if command in ONE_BLAS_THREAD and not any(os.environ.get(name) for name in BLAS_THREAD_VARIABLES):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"


M_ARENA_MAX = -8  # glibc mallopt parameter
MALLOC_ARENAS = 2


def _fewer_malloc_arenas() -> None:
    """glibc reserves 64 MB of address space per thread for its malloc arenas (DuckDB alone starts
    nine threads): cap them, so that a run fits in a modest address-space limit (ulimit -v)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).mallopt(M_ARENA_MAX, MALLOC_ARENAS)
        except (OSError, AttributeError):  # not glibc
            pass


def main() -> None:
    _fewer_malloc_arenas()
    command = named_command(sys.argv[1:])
    _one_blas_thread(command)  # before anything imports numpy
    build_app(frozenset({command}) if command is not None else None)()


if __name__ == "__main__":
    main()
