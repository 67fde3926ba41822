"""`petition-miner segment`: each document's section tree, or records with sections as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from cli.common import EXIT_ERROR, EXIT_OK, iter_processed, report_error, write_stdout
from pipeline.errors import PetitionMinerError
from pipeline.schema import Record

KIND_STYLE = {"overview": "cyan", "measures": "green", "results": "magenta",
              "problems": "red", "plans": "yellow", "other": "white"}


def _tree(record: Record) -> Tree:
    root = Tree(f"[bold]{escape(record.doc_id)}[/bold] ({record.language}) {escape(record.title or '')}")
    branches: dict[int, Tree] = {-1: root}
    for section in record.sections:
        parent = next(branches[lv] for lv in sorted(branches, reverse=True) if lv < section.level)
        label = section.heading or "(no heading)"
        style = KIND_STYLE[section.kind]
        node = parent.add(f"[{style}]{section.kind}[/{style}] [dim]({section.kind_by})[/dim] {escape(label[:90])}")
        branches = {lv: b for lv, b in branches.items() if lv < section.level}
        branches[section.level] = node
    return root


def _sections_only(record: Record) -> Record:
    """The contract with sections filled and empty lists for the later stages."""
    return record.model_copy(update={"facts": (), "placeholders": (), "measures": (), "problems": (),
                                     "plans": (), "findings": ()})


def segment_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of summaries.")],
    json: Annotated[bool, typer.Option("--json", help="One record per line (the contract).")] = False,
) -> None:
    """Print each summary's section tree (or records as JSON with --json)."""
    console = Console()
    status = EXIT_OK
    for _path, result in iter_processed(paths, classify=False):
        if isinstance(result, PetitionMinerError):
            report_error(result)
            status = EXIT_ERROR
            continue
        for record in result.records:
            if json:
                write_stdout(_sections_only(record).to_json())
            else:
                console.print(_tree(record))
    raise typer.Exit(status)
