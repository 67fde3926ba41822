"""`petition-miner evaluate`: scores extraction (and the classifiers) against the corpus gold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from datetime import date

from cli.common import EXIT_ERROR, EXIT_OK, LangOption, VersionOption, chosen_lang, report_error, write_stdout
from pipeline.errors import InputError
from pipeline.evaluation import evaluate_corpus, markdown_report
from pipeline.i18n import text
from pipeline.realset import DEFAULT_TEXTS


def evaluate_command(
    corpus: Annotated[Path, typer.Argument(help="Corpus folder holding gold/.")] = Path("corpus"),
    details: Annotated[bool, typer.Option("--details", help="List misses, spurious figures and wrong indicators.")] = False,
    classifiers: Annotated[bool, typer.Option("--classifiers", help="Also score the classifiers on held-out labels.")] = False,
    labels: Annotated[Path, typer.Option("--labels", help="Folder of labelled units.")] = Path("corpus/labels"),
    texts: Annotated[Optional[Path], typer.Option(
        "--texts", help="Real set only: folder of the gathered texts (default: real-texts/).")] = None,
    corrections: Annotated[Optional[Path], typer.Option(
        "--corrections", help="Score against the corrected records of the batch CORPUS (a corrections file).")] = None,
    lang: LangOption = None,
    version: VersionOption = False,
) -> None:
    """Figure precision/recall/F1, indicator and relation accuracy per language, as markdown.

    Given the real set (a folder with manifest.jsonl, e.g. corpus/real), scores each split of it
    (figures, categories per summary, units against the gold units); --classifiers adds the
    held-out classifier report; --details lists the mistakes of the dev split only (the test split
    stays untouched). With --corrections, CORPUS is a batch and the corrected records of its
    reviewed files are the gold."""
    language = chosen_lang(lang)
    if corrections is not None:
        _evaluate_corrections(corpus, corrections)
    if (corpus / "manifest.jsonl").is_file():
        _evaluate_real(corpus, texts or DEFAULT_TEXTS, details, classifiers, labels, language)
    if not (corpus / "gold").is_dir():
        report_error(InputError("no gold/ folder here; pass the corpus folder", corpus), language)
        raise typer.Exit(EXIT_ERROR)
    evaluation = evaluate_corpus(corpus)
    write_stdout(text("eval_heading", language, corpus=corpus, date=date.today().isoformat()) + "\n")
    write_stdout(markdown_report(evaluation, language))
    if classifiers:
        from cli.evaluate_classifiers import classifier_report

        write_stdout("\n" + classifier_report(labels))
    if details:
        _write_details([(name, tally) for name, tally in sorted(evaluation.tallies.items())
                        if name != "all"], language)
    raise typer.Exit(EXIT_OK)


def _evaluate_corrections(batch: Path, corrections: Path) -> None:
    from cli.evaluate_corrections import correction_report
    from pipeline.errors import PetitionMinerError

    try:
        report, failed = correction_report([batch], corrections)
    except PetitionMinerError as error:
        report_error(error)
        raise typer.Exit(EXIT_ERROR)
    write_stdout(report)
    raise typer.Exit(EXIT_ERROR if failed else EXIT_OK)


def _write_details(tallies, lang: str = "en") -> None:
    for label, tally in tallies:
        for key, items in (("missed", tally.misses), ("spurious", tally.spurious),
                           ("wrong_indicator", tally.wrong_indicator), ("findings", tally.finding_notes)):
            write_stdout("\n" + text("eval_details", lang, set=label, title=text(f"eval_{key}", lang), n=len(items)))
            for item in items:
                write_stdout(f"- {item}")


def _evaluate_real(real: Path, texts: Path, details: bool, classifiers: bool, labels: Path,
                   lang: str = "en") -> None:
    from pipeline.evaluation_real import evaluate_real, real_report

    try:
        evaluation = evaluate_real(real, texts)
    except InputError as error:
        report_error(error, lang)
        raise typer.Exit(EXIT_ERROR)
    write_stdout(text("eval_heading_real", lang, real=real, texts=texts, date=date.today().isoformat()) + "\n")
    write_stdout(real_report(evaluation, lang))
    if classifiers:
        from cli.evaluate_classifiers import classifier_report

        write_stdout("\n" + classifier_report(labels))
    if details and "dev" in evaluation.tallies:
        _write_details([("dev", evaluation.tallies["dev"])], lang)
        units = evaluation.units["dev"]
        for title, items in (("gold units unmatched", units.unmatched), ("unsound units", units.unsound)):
            write_stdout(f"\n### dev: {title} ({len(items)})")
            for item in items:
                write_stdout(f"- {item}")
    raise typer.Exit(EXIT_OK)
