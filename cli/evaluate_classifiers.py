"""Markdown report of the classifiers on held-out labels: learned model against the keyword baseline."""

from __future__ import annotations

from pathlib import Path

from pipeline.classifiers.train import evaluate_classifiers

HEADER = ("| category | learned P | learned R | learned F1 | baseline P | baseline R | baseline F1 | n |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|")


def _row(name: str, learned: dict, baseline: dict) -> str:
    figures = [f"{side[key]:.3f}" for side in (learned, baseline) for key in ("precision", "recall", "f1")]
    return f"| {name} | {' | '.join(figures)} | {learned['support']} |"


def task_table(task: str, result: dict) -> str:
    """One markdown table of a task: a row per category, then the macro row in bold."""
    learned, baseline = result["learned"], result["baseline"]
    rows = [_row(name, learned[name], baseline[name]) for name in learned if name != "macro"]
    rows.append(_row("**macro**", learned["macro"], baseline["macro"]))
    title = (f"### {task} (train {result['n_train']}, held out {result['n_held_out']}; "
             f"macro-F1 learned {learned['macro']['f1']:.3f} vs baseline {baseline['macro']['f1']:.3f})")
    return "\n".join([title, "", HEADER, *rows])


def classifier_report(labels_dir: Path, seed: int = 0) -> str:
    """Held-out P/R/F1 per category of the learned model and the keyword baseline, as markdown."""
    results = evaluate_classifiers(Path(labels_dir), seed=seed)
    tables = [task_table(task, result) for task, result in results.items()]
    return "## Classifiers on held-out labels (20%, seed " + str(seed) + ")\n\n" + "\n\n".join(tables) + "\n"
