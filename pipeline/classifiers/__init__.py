"""Measure and problem classifiers: a keyword baseline and a learned model with the same contract.

The names below load on first use, so that labelling with exported weights (scorer.py) never
imports scikit-learn."""

from __future__ import annotations

_LAZY = {
    "KeywordClassifier": "pipeline.classifiers.keyword",
    "LearnedClassifier": "pipeline.classifiers.learned",
    "load_classifier": "pipeline.classifiers.model_io",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'pipeline.classifiers' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_LAZY[name]), name)
