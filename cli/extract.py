"""`petition-miner extract`: records of the contract on stdout (jsonl) or a readable table."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cli.common import (Engine, EXIT_ERROR, EXIT_OK, CorrectionsOption, LangOption, VersionOption, chosen_lang,
                        err_console, refuse_unreadable_batch, report_error, stdout_console, write_stdout)
from pipeline.batch import ParkedBatch
from pipeline.corrections.batch import CorrectedBatch, CorrectedResults
from pipeline.corrections.files import load_corrections
from pipeline.engine import process_many
from pipeline.errors import PetitionMinerError
from pipeline.i18n import (column_label, flag_label, indicator_label, join_labels, kind_label, language_label,
                           per_label, qualifier_label, scope_label, text, unit_label)
from pipeline.schema import Fact, Record

FACT_COLUMNS = ("id", "surface", "value", "unit", "kind", "indicator", "qualifier", "relation", "subject")
SUBJECT_CHARS = 30


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


def _relation(fact: Fact, lang: str) -> str:
    """part of / about the fact it names (by id, as the id column shows it), else its per, scope and flags."""
    relation = join_labels(filter(None, (
        text("relation_part_of", lang, id=fact.part_of) if fact.part_of else "",
        text("relation_refers_to", lang, id=fact.refers_to) if fact.refers_to else "")), lang)
    extras = join_labels(filter(None, [per_label(fact.per, lang), scope_label(fact.scope, lang),
                                       *(flag_label(flag, lang) for flag in fact.flags)]), lang)
    return relation or extras


def fact_table(record: Record, lang: str = "en") -> Table:
    """The figures of one record, one row each, labels in `lang`."""
    period = record.period.raw or "?"
    title = " · ".join((record.doc_id, record.township or "?", period, language_label(record.language, lang)))
    table = Table(title=escape(title), title_justify="left")
    for column in FACT_COLUMNS:
        table.add_column(escape(column_label(column, lang)), overflow="fold")
    for fact in record.facts:
        cells = (fact.id, fact.surface, f"{fact.value:g}", unit_label(fact.unit, lang), kind_label(fact.kind, lang),
                 indicator_label(fact.indicator, lang) if fact.indicator else "", qualifier_label(fact.qualifier, lang),
                 _relation(fact, lang), (fact.subject or "")[:SUBJECT_CHARS])
        table.add_row(*(escape(cell) for cell in cells))
    return table




def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of summaries.", metavar="PATH")],
    format: Annotated[ExtractFormat, typer.Option("--format", help="jsonl (the contract) or table.")] = ExtractFormat.jsonl,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes (1: in this process).")] = 1,
    engine: Annotated[Engine, typer.Option("--engine", help="local process pool or a Dask cluster.")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 "
                                                  "(default: a LocalCluster of --workers processes).")] = None,
    corrections: CorrectionsOption = None,
    lang: LangOption = None,
    version: VersionOption = False,
) -> None:
    """Extract every summary into records of the contract (one JSON object per line)."""
    language = chosen_lang(lang)
    if scheduler and engine is not Engine.dask:
        raise typer.BadParameter("a scheduler address needs --engine dask", param_hint="--scheduler")
    refuse_unreadable_batch(paths, language)
    try:
        fixer = CorrectedResults(load_corrections(paths, corrections))
    except PetitionMinerError as error:
        report_error(error, language)
        raise typer.Exit(EXIT_ERROR)
    console = stdout_console()  # piped to a file: as wide as the table needs
    status = EXIT_OK
    with ParkedBatch() as batch:  # the records wait on disk while the batch findings are computed
        try:
            for result in process_many(paths, workers=workers, engine=engine.value, scheduler=scheduler):
                if result.error is not None:
                    report_error(result.error, language)
                    status = EXIT_ERROR
                else:
                    batch.add(result)
        except PetitionMinerError as error:  # the engine itself cannot start (Dask missing or unreachable)
            report_error(error, language)
            raise typer.Exit(EXIT_ERROR)
        batch.finish()
        for result in CorrectedBatch(batch, fixer).results():
            for record in result.records:
                if format is ExtractFormat.jsonl:
                    write_stdout(record.to_json())
                else:
                    console.print(fact_table(record, language))
                    if record.placeholders:
                        console.print(escape(text("placeholders_line", language, markers=join_labels(
                            (p.surface for p in record.placeholders), language))), soft_wrap=True)
    for warning in fixer.warnings():
        err_console.print(f"warning: {warning}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(status)
