"""`petition-miner evaluate`: scores extraction (and the classifiers) against the corpus gold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from datetime import date

from cli.common import EXIT_ERROR, EXIT_OK, report_error, write_stdout
from pipeline.errors import InputError
from pipeline.evaluation import evaluate_corpus, markdown_report


def evaluate_command(
    corpus: Annotated[Path, typer.Argument(help="Corpus folder holding gold/.")] = Path("corpus"),
    details: Annotated[bool, typer.Option("--details", help="List misses, spurious figures and wrong indicators.")] = False,
    classifiers: Annotated[bool, typer.Option("--classifiers", help="Also score the classifiers on held-out labels.")] = False,
    labels: Annotated[Path, typer.Option("--labels", help="Folder of labelled units.")] = Path("corpus/labels"),
) -> None:
    """Figure precision/recall/F1, indicator and relation accuracy per language, as markdown."""
    if not (corpus / "gold").is_dir():
        report_error(InputError("no gold/ folder here; pass the corpus folder", corpus))
        raise typer.Exit(EXIT_ERROR)
    evaluation = evaluate_corpus(corpus)
    write_stdout(f"## Extraction against the gold of {corpus} ({date.today().isoformat()})\n")
    write_stdout(markdown_report(evaluation))
    if classifiers:
        from cli.evaluate_classifiers import classifier_report

        write_stdout("\n" + classifier_report(labels))
    if details:
        for language, tally in sorted(evaluation.tallies.items()):
            if language == "all":
                continue
            for title, items in (("missed", tally.misses), ("spurious", tally.spurious),
                                 ("wrong indicator", tally.wrong_indicator)):
                write_stdout(f"\n### {language}: {title} ({len(items)})")
                for item in items:
                    write_stdout(f"- {item}")
    raise typer.Exit(EXIT_OK)
