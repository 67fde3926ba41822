"""The typer application: registers one command per module."""

from __future__ import annotations

import ctypes
import sys

import typer

from cli.annotate import export_command, import_command
from cli.check import check_command, rules_command
from cli.common import VersionOption
from cli.evaluate import evaluate_command
from cli.extract import extract_command
from cli.gold import gold_app
from cli.run import run_command
from cli.segment import segment_command
from cli.train import train_command

app = typer.Typer(
    name="petition-miner",
    help="Structured, source-grounded records from petition work summaries (信访工作总结).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},  # the commands and `gold`'s inherit them
)


@app.callback()
def _options(version: VersionOption = False) -> None:
    """Structured, source-grounded records from petition work summaries (信访工作总结).

    Every command takes --lang zh|en (default: `lang` of petition-miner.toml, else the locale),
    -h and --version."""


app.command("run")(run_command)
app.command("extract")(extract_command)
app.command("check")(check_command)
app.command("rules")(rules_command)
app.command("segment")(segment_command)
app.command("evaluate")(evaluate_command)
app.command("train")(train_command)
app.command("export")(export_command)
app.command("import")(import_command)
app.add_typer(gold_app, name="gold")


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
    app()


if __name__ == "__main__":
    main()
