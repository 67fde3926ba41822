"""`petition-miner export` and `import`: summaries out to an annotation tool, the corrected annotations back as corrections."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cli.common import EXIT_ERROR, EXIT_OK, err_console, report_error
from pipeline.batch import ParkedBatch
from pipeline.corrections.annotations import annotation_of, corrections_of, merge
from pipeline.corrections.batch import CorrectedBatch, CorrectedResults
from pipeline.corrections.files import load_corrections, read_corrections, write_corrections
from pipeline.engine import process_many
from pipeline.errors import PetitionMinerError


class ExportFormat(str, Enum):
    spacy = "spacy"
    jsonl = "jsonl"


def _say(message: str) -> None:
    err_console.print(message, markup=False, highlight=False, soft_wrap=True)


def _annotations(paths: list[Path], corrections: Path | None, workers: int):
    """(annotation, language) of every summary, its corrections applied; unreadable files reported."""
    fixer = CorrectedResults(load_corrections(paths, corrections))
    found, failed = [], 0
    with ParkedBatch() as batch:
        for result in process_many(paths, workers=workers):
            if result.error is not None:
                report_error(result.error)
                failed += 1
            else:
                batch.add(result)
        batch.finish()
        for result in CorrectedBatch(batch, fixer).results():
            found += [(annotation_of(r, result.file.text, result.content_hash), r.language)
                      for r in result.records]
    for warning in fixer.warnings():
        _say(f"warning: {warning}")
    return found, failed


def export_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of summaries.")],
    out: Annotated[Path, typer.Option("--out", help="File to write (.spacy or .jsonl).")],
    format: Annotated[ExportFormat, typer.Option("--format", help="spacy (a DocBin) or jsonl (doccano; Label "
                                                 "Studio imports it too).")] = ExportFormat.jsonl,
    corrections: Annotated[Path | None, typer.Option("--corrections", help="Corrections file to apply first.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes.")] = 1,
) -> None:
    """Write every summary for annotation: figures, measures, problems and findings as labelled spans."""
    try:
        found, failed = _annotations(paths, corrections, workers)
        if format is ExportFormat.spacy:
            from pipeline.corrections.spacy_io import write_docbin

            count = write_docbin(found, out)
        else:
            from pipeline.corrections.jsonl_io import write_jsonl

            count = write_jsonl((annotation for annotation, _ in found), out)
    except PetitionMinerError as error:
        report_error(error)
        raise typer.Exit(EXIT_ERROR)
    _say(f"exported {count} summaries to {out}")
    raise typer.Exit(EXIT_ERROR if failed else EXIT_OK)


def import_command(
    file: Annotated[Path, typer.Argument(help="Corrected annotations: a .spacy DocBin, doccano JSONL or a Label "
                                         "Studio JSON export.")],
    out: Annotated[Path, typer.Option("--out", help="Corrections file to write or update.")] = Path("corrections.yaml"),
) -> None:
    """Turn corrected annotations into corrections (merged into --out, an entry about the same item replaced)."""
    try:
        if file.suffix.lower() in (".spacy", ".docbin"):
            from pipeline.corrections.spacy_io import read_docbin

            annotations = read_docbin(file)
        else:
            from pipeline.corrections.jsonl_io import read_tasks

            annotations = read_tasks(file)
        new = corrections_of(annotations, file)
        if out.suffix.lower() == ".csv":
            raise PetitionMinerError("import writes YAML; name a .yaml file with --out", out)
        merged = merge(read_corrections(out), new) if out.exists() else new
        write_corrections(merged, out)
    except PetitionMinerError as error:
        report_error(error)
        raise typer.Exit(EXIT_ERROR)
    _say(f"{len(new.entries)} corrections from {file} written to {out} ({len(merged.entries)} in all)")
    raise typer.Exit(EXIT_OK)
