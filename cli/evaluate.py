"""`petition-miner evaluate`: scores extraction (and the classifiers) against the corpus gold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import EXIT_OK, write_stdout
from pipeline.evaluation import evaluate_corpus, markdown_report


def evaluate_command(
    corpus: Annotated[Path, typer.Argument(help="Corpus folder holding gold/.")] = Path("corpus"),
    details: Annotated[bool, typer.Option("--details", help="List misses, spurious figures and wrong indicators.")] = False,
) -> None:
    """Figure precision/recall/F1, indicator and relation accuracy per language, as markdown."""
    evaluation = evaluate_corpus(corpus)
    write_stdout(markdown_report(evaluation))
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
