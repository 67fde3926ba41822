"""`petition-miner extract`: records of the contract on stdout (jsonl) or a readable table."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cli.common import Engine, EXIT_ERROR, EXIT_OK, err_console, report_error, write_stdout
from pipeline.batch import ParkedBatch
from pipeline.corrections.batch import CorrectedBatch, CorrectedResults
from pipeline.corrections.files import load_corrections
from pipeline.engine import process_many
from pipeline.errors import PetitionMinerError
from pipeline.schema import Record


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


def _fact_table(record: Record) -> Table:
    period = record.period.raw or "?"
    table = Table(title=escape(f"{record.doc_id} · {record.township or '?'} · {period} · {record.language}"),
                  title_justify="left")
    for column in ("id", "surface", "value", "unit", "kind", "indicator", "qualifier", "relation", "subject"):
        table.add_column(column, overflow="fold")
    for fact in record.facts:
        relation = (f"part of {fact.part_of}" if fact.part_of else "") + \
                   (f"about {fact.refers_to}" if fact.refers_to else "")
        extras = " ".join(filter(None, [fact.per and f"per {fact.per}", fact.scope, *fact.flags]))
        cells = (fact.id, fact.surface, f"{fact.value:g}", fact.unit or "", fact.kind, fact.indicator or "",
                 fact.qualifier or "", relation or extras, (fact.subject or "")[:30])
        table.add_row(*(escape(cell) for cell in cells))
    return table


def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of summaries.")],
    format: Annotated[ExtractFormat, typer.Option("--format", help="jsonl (the contract) or table.")] = ExtractFormat.jsonl,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes (1: in this process).")] = 1,
    engine: Annotated[Engine, typer.Option("--engine", help="local process pool or a Dask cluster.")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 "
                                                  "(default: a LocalCluster of --workers processes).")] = None,
    corrections: Annotated[Path | None, typer.Option("--corrections", help="Corrections file (default: corrections.yaml"
                                                     " or .csv beside the inputs, or petition-miner.toml's).")] = None,
) -> None:
    """Extract every summary into records of the contract (one JSON object per line)."""
    if scheduler and engine is not Engine.dask:
        raise typer.BadParameter("a scheduler address needs --engine dask", param_hint="--scheduler")
    try:
        fixer = CorrectedResults(load_corrections(paths, corrections))
    except PetitionMinerError as error:
        report_error(error)
        raise typer.Exit(EXIT_ERROR)
    console = Console()
    status = EXIT_OK
    with ParkedBatch() as batch:  # the records wait on disk while the batch findings are computed
        try:
            for result in process_many(paths, workers=workers, engine=engine.value, scheduler=scheduler):
                if result.error is not None:
                    report_error(result.error)
                    status = EXIT_ERROR
                else:
                    batch.add(result)
        except PetitionMinerError as error:  # the engine itself cannot start (Dask missing or unreachable)
            err_console.print(f"error: {error.format()}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_ERROR)
        batch.finish()
        for result in CorrectedBatch(batch, fixer).results():
            for record in result.records:
                if format is ExtractFormat.jsonl:
                    write_stdout(record.to_json())
                else:
                    console.print(_fact_table(record))
                    if record.placeholders:
                        console.print(escape(f"placeholders: {', '.join(p.surface for p in record.placeholders)}"))
    for warning in fixer.warnings():
        err_console.print(f"warning: {warning}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(status)
