"""`petition-miner train`: fit the measure and problem classifiers and show the model card."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from cli.common import EXIT_ERROR, VersionOption, report_error
from pipeline.errors import PetitionMinerError


def card_table(card: dict) -> Table:
    """One row per task and category: cross-validated P/R/F1, support and threshold."""
    table = Table(title=f"Model card (labels {card['labels_sha256'][:12]}, seed {card['seed']})")
    for column in ("task", "category", "precision", "recall", "F1", "n", "threshold"):
        text_column = column in ("task", "category")
        table.add_column(column, justify="left" if text_column else "right", no_wrap=text_column)
    for task, entry in card["models"].items():
        for name, row in entry["categories"].items():
            table.add_row(task, name, f"{row['precision']:.3f}", f"{row['recall']:.3f}",
                          f"{row['f1']:.3f}", str(row["support"]), f"{row['threshold']:.2f}")
        macro = entry["cv_macro"]
        table.add_row(task, "[bold]macro[/bold]", f"{macro['precision']:.3f}", f"{macro['recall']:.3f}",
                      f"[bold]{macro['f1']:.3f}[/bold]", str(macro["support"]), "", end_section=True)
    return table


def train_command(
    labels: Annotated[Path, typer.Option(help="Folder of measures_zh/en.jsonl and problems.jsonl.")]
    = Path("corpus/labels"),
    models: Annotated[Path, typer.Option(help="Folder for measures.skops, problems.skops, the card.")]
    = Path("models"),
    seed: Annotated[int, typer.Option(help="Random seed of folds and solvers.")] = 0,
    corrections: Annotated[Path | None, typer.Option(help="Corrections file whose corrected units (set_unit "
                                                      "entries with their text) join the training data.")] = None,
    version: VersionOption = False,
    real: Annotated[Optional[Path], typer.Option(
        "--compare-on", help="Also compare the configurations on this real set (corpus/real); writes "
                             "models/comparison.json.")] = None,
    texts: Annotated[Path, typer.Option("--texts", help="With --compare-on: the gathered real texts.")]
    = Path("real-texts"),
) -> None:
    """Train both classifiers from the labels; print the cross-validated figures of the model card."""
    from pipeline.classifiers.train import CARD_NAME, train_all  # scikit-learn only when training

    try:
        extra, note = _corrected(corrections) if corrections is not None else (None, None)
        card = train_all(labels, models, seed=seed, extra=extra, extra_note=note)
    except PetitionMinerError as error:
        report_error(error)
        raise typer.Exit(EXIT_ERROR) from error
    console = Console()
    console.print(card_table(card))
    written = [models / f"{task}{suffix}" for task in ("measures", "problems") for suffix in (".skops", ".scorer.npz")]
    console.print(f"wrote {', '.join(map(str, written))}, {models / 'kinds.npz'}, {models / CARD_NAME}")
    if real is not None:
        _compare(labels, models, real, texts, seed, console)


def _compare(labels: Path, models: Path, real: Path, texts: Path, seed: int, console: Console) -> None:
    """The configurations of the comparison scored on the real set's splits, as models/comparison.json."""
    import json

    from pipeline.atomic import write_text
    from pipeline.classifiers.compare import best_on_dev, compare, comparison_table, real_documents
    from pipeline.classifiers.train import TASK_PARAMS

    try:
        results = compare(labels, real_documents(real, texts), TASK_PARAMS, seed)
    except PetitionMinerError as error:
        report_error(error)
        raise typer.Exit(EXIT_ERROR) from error
    write_text(models / "comparison.json", json.dumps({"results": results, "best_on_dev": best_on_dev(results)},
                                                      ensure_ascii=False, indent=2) + "\n")
    console.print("\n".join(comparison_table(results)))
    console.print(f"best on dev: {best_on_dev(results)}; wrote {models / 'comparison.json'}")


def _corrected(path: Path):
    """The corrected units of a corrections file, and the model card's note about them."""
    from pipeline.corrections.files import read_corrections
    from pipeline.corrections.training import corrected_units

    units, skipped = corrected_units(read_corrections(path))
    note = (f"trained with the corrected units of {path.name} besides the labels"
            + (f"; {skipped} set_unit entries without text or category left out" if skipped else ""))
    return units, note
