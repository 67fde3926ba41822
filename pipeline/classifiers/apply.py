"""Labels extracted units with the trained classifiers (loaded once per process)."""

from __future__ import annotations

from functools import lru_cache

from pipeline.classifiers.learned import decide
from pipeline.classifiers.model_io import load_classifier

SCORE_DIGITS = 3


@lru_cache(maxsize=None)
def _model(task: str):
    return load_classifier(task)


def label(texts: list[str], task: str) -> list[tuple[tuple[str, ...], dict[str, float]]]:
    """(categories, per-category scores) for each text; task is 'measures' or 'problems'."""
    if not texts:
        return []
    model = _model(task)
    names = [str(c) for c in model.classes_]
    probabilities = model.predict_proba(texts)
    decisions = decide(probabilities, model.thresholds_)
    return [
        (tuple(name for name, chosen in zip(names, row) if chosen),
         {name: round(float(value), SCORE_DIGITS) for name, value in zip(names, scores)})
        for row, scores in zip(decisions, probabilities)
    ]
