"""`petition-miner run`: the batch job over folders of summaries, writing every output."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from cli.common import EXIT_OK, err_console, iter_records
from pipeline.atomic import write_lines
from pipeline.errors import PetitionMinerError
from pipeline.schema import Record


def run_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of summaries.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("out"),
) -> None:
    """Run every stage on every summary; write records.jsonl, table.csv and errors.jsonl."""
    started = time.perf_counter()
    records: list[Record] = []
    errors: list[dict] = []
    files = 0
    for path, result in iter_records(paths):
        files += 1
        if isinstance(result, PetitionMinerError):
            errors.append({"source": str(path), "code": result.code, "message": result.message})
            err_console.print(f"[red]error[/red]: {result.format()}", soft_wrap=True)
            continue
        records.extend(result)
    from pipeline.table import write_table

    write_lines(out / "records.jsonl", [record.to_json() for record in records])
    write_lines(out / "errors.jsonl", [json.dumps(error, ensure_ascii=False) for error in errors])
    write_table(records, out / "table.csv")
    elapsed = time.perf_counter() - started
    err_console.print(
        f"{files} files, {len(records)} records, {len(errors)} errors in {elapsed:.1f}s -> "
        f"{out / 'table.csv'}, {out / 'records.jsonl'}"
    )
    raise typer.Exit(EXIT_OK)
