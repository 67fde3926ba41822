"""Compares classifier configurations on the real set: categories per summary and per gold unit.

Each configuration is fitted on corpus/labels (never on the real set) and labels the units that
extraction finds in every real text: a summary reports the union of its units' categories, scored
against the gold's `measure_categories` / `problem_categories`. Gold units (their text, their
labels) give a second, extraction-free score. Dev and test are scored apart; only dev may be
looked at when choosing, and the choice is recorded in the model card with both."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.classifiers.data import label_matrix, load_units, task_spec
from pipeline.classifiers.learned import LearnedClassifier
from pipeline.fold import fold
from pipeline.glosses import without_glosses

TASK_KIND = {"measures": "measure", "problems": "problem"}
# name -> parameters of LearnedClassifier, beside the task's own C and cue weight
CONFIGURATIONS: dict[str, dict] = {
    "chars12+words+cues": {},
    "chars13+words+cues": {"zh_ngram_range": (1, 3)},
    "chars13+cues": {"zh_ngram_range": (1, 3), "use_words": False},
    "words+cues": {"use_chars": False},
    "chars13+words+cues, balanced": {"zh_ngram_range": (1, 3), "class_weight": "balanced"},
}


def reading(text: str) -> str:
    """A unit as the classifiers read it: without pinyin glosses, folded."""
    return fold(without_glosses(text))


@dataclass
class RealDocument:
    """One gold document of the real set: its split, gold categories, the texts of the units
    extraction found in it, and its gold units (kind, text, categories)."""

    split: str
    gold: dict[str, set[str]]
    found: dict[str, list[str]]
    gold_units: list[tuple[str, str, frozenset[str]]] = field(default_factory=list)


def real_documents(real: Path, texts: Path) -> list[RealDocument]:
    """Every gold document of the real set whose text is present, with the units found in it."""
    from pipeline.evaluation_real import merge_records, records_per_document
    from pipeline.process import process_path
    from pipeline.realset import check_texts, load_manifest, load_real_gold

    found = []
    for status in check_texts(load_manifest(real), texts):
        gold = load_real_gold(real, status.entry.id) if status.state == "ok" else None
        if gold is None:
            continue
        processed = process_path(status.path, status.path.name, classify=False)
        for document, group in zip(gold.documents, records_per_document(list(processed.records), gold)):
            record = merge_records(group)
            if record is None:
                continue
            found.append(RealDocument(
                status.entry.split,
                {"measures": set(document.measure_categories), "problems": set(document.problem_categories)},
                {"measures": [reading(u.text) for u in record.measures],
                 "problems": [reading(u.text) for u in record.problems]},
                [(u.kind, reading(processed.text[u.start:u.end]), frozenset(u.categories)) for u in document.units]))
    return found


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score_on_real(model, task: str, documents: list[RealDocument], split: str) -> dict:
    """Categories per summary (units found) and per gold unit (micro P/R/F1) of one split."""
    chosen = [d for d in documents if d.split == split]
    texts = [t for d in chosen for t in d.found[task]]
    predicted = iter(model.predict(texts) if texts else [])
    tp = fp = fn = 0
    for document in chosen:
        reported = {c for _ in document.found[task] for c in next(predicted)}
        gold = document.gold[task]
        tp, fp, fn = tp + len(reported & gold), fp + len(reported - gold), fn + len(gold - reported)
    units = [(t, c) for d in chosen for kind, t, c in d.gold_units if kind == TASK_KIND[task] and c]
    utp = ufp = ufn = 0
    for (_, gold), labels in zip(units, model.predict([t for t, _ in units]) if units else []):
        labels = set(labels)
        utp, ufp, ufn = utp + len(labels & gold), ufp + len(labels - gold), ufn + len(gold - labels)
    return {"documents": len(chosen), "summary": _prf(tp, fp, fn), "gold_units": _prf(utp, ufp, ufn),
            "n_gold_units": len(units)}


def compare(labels_dir: Path, documents: list[RealDocument], task_params: dict[str, dict],
            seed: int = 0) -> dict:
    """Per task and configuration: own-corpus cross-validated macro-F1 and dev/test real-set scores."""
    results: dict = {}
    for task in ("measures", "problems"):
        units = load_units(Path(labels_dir), task)
        matrix = label_matrix(units, task_spec(task)[1])
        results[task] = {}
        for name, options in CONFIGURATIONS.items():
            model = LearnedClassifier(task=task, random_state=seed, **{**task_params[task], **options})
            model.fit([u.text for u in units], matrix)
            results[task][name] = {"params": {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()},
                                   "cv_macro_f1": model.cv_report_["macro"]["f1"],
                                   **{split: score_on_real(model, task, documents, split) for split in ("dev", "test")}}
    return results


def best_on_dev(results: dict) -> dict[str, str]:
    """Per task, the configuration with the highest dev F1 of categories per summary (ties: the
    higher own-corpus cross-validated macro-F1)."""
    return {task: max(rows, key=lambda n: (rows[n]["dev"]["summary"]["f1"], rows[n]["cv_macro_f1"]))
            for task, rows in results.items()}


def comparison_table(results: dict) -> list[str]:
    """Markdown rows: task, configuration, own-corpus CV macro-F1, dev and test F1 per summary and per gold unit."""
    lines = ["| task | configuration | own-corpus CV macro-F1 | dev summary F1 | dev gold-unit F1 | "
             "test summary F1 | test gold-unit F1 |", "|---|---|---:|---:|---:|---:|---:|"]
    for task, rows in results.items():
        for name, row in rows.items():
            lines.append(f"| {task} | {name} | {row['cv_macro_f1']:.3f} | {row['dev']['summary']['f1']:.3f} | "
                         f"{row['dev']['gold_units']['f1']:.3f} | {row['test']['summary']['f1']:.3f} | "
                         f"{row['test']['gold_units']['f1']:.3f} |")
    return lines

