"""`petition-miner run`: the batch job over folders of summaries, writing every output."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from cli.common import EXIT_OK, err_console, iter_processed, report_error
from pipeline.atomic import write_lines
from pipeline.errors import PetitionMinerError
from pipeline.process import with_batch_findings


def run_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of summaries.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("out"),
) -> None:
    """Run every stage on every summary; write records, findings, facts, the table and errors."""
    started = time.perf_counter()
    files, errors = [], []
    for path, result in iter_processed(paths):
        if isinstance(result, PetitionMinerError):
            errors.append({"source": str(path), "code": result.code, "message": result.message})
            report_error(result)
        else:
            files.append(result)
    records = [record for item in with_batch_findings(files) for record in item.records]
    from pipeline.table import write_facts, write_table

    write_lines(out / "records.jsonl", [record.to_json() for record in records])
    write_lines(out / "findings.jsonl", [
        json.dumps({"doc_id": r.doc_id, "source": r.source, **f.model_dump()}, ensure_ascii=False)
        for r in records for f in r.findings
    ])
    write_lines(out / "errors.jsonl", [json.dumps(error, ensure_ascii=False) for error in errors])
    write_table(records, out / "table.csv")
    write_facts(records, out / "facts.csv")
    by_severity = {s: sum(f.severity == s for r in records for f in r.findings) for s in ("error", "warning", "info")}
    err_console.print(
        f"{len(files) + len(errors)} files, {len(records)} records, findings: "
        + ", ".join(f"{n} {s}" for s, n in by_severity.items())
        + f", {len(errors)} unreadable files, in {time.perf_counter() - started:.1f}s\n"
        f"table: {out / 'table.csv'}\nrecords: {out / 'records.jsonl'}"
    )
    raise typer.Exit(EXIT_OK)
