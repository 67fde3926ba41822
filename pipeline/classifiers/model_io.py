"""Saves and loads trained classifiers as compressed .skops files (never pickle)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import skops.io as sio

from pipeline.atomic import atomic_path
from pipeline.classifiers.learned import LearnedClassifier
from pipeline.classifiers.scorer import MODELS_DIR, model_file  # noqa: F401  (MODELS_DIR: re-exported)
from pipeline.errors import ModelError

RETRAIN = "run `petition-miner train` to (re)build it"

# The non-default types a saved LearnedClassifier contains, found once with
# skops.io.get_untrusted_types(file=...) and reviewed; loading trusts exactly these.
TRUSTED_TYPES: list[str] = [
    "pipeline.classifiers.learned.CueShares",
    "pipeline.classifiers.learned.LearnedClassifier",
    "pipeline.classifiers.features.analyze_words",
    "pipeline.classifiers.features.en_only",
    "pipeline.classifiers.features.zh_only",
]


def model_path(models_dir: Path, task: str) -> Path:
    """`<models_dir>/<task>.skops` (task: 'measures' or 'problems')."""
    return model_file(models_dir, task)


def save_model(model: LearnedClassifier, path: Path) -> None:
    """Write a fitted model to `path` (ZIP_DEFLATED), atomically."""
    with atomic_path(Path(path)) as temporary:
        sio.dump(model, temporary, compression=zipfile.ZIP_DEFLATED)


def load_model(path: Path) -> LearnedClassifier:
    """Read a model saved by `save_model`; a missing, corrupt or unexpected file raises ModelError."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"model file is missing; {RETRAIN}", path)
    try:
        untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
    except Exception as exc:  # skops raises zip, JSON and key errors on damaged files
        raise ModelError(f"model file is corrupt ({exc.__class__.__name__}); {RETRAIN}", path) from exc
    if untrusted:
        raise ModelError(f"model file holds unexpected types {sorted(untrusted)}; {RETRAIN}", path)
    try:
        model = sio.load(path, trusted=TRUSTED_TYPES)
    except Exception as exc:
        raise ModelError(f"model file is corrupt ({exc.__class__.__name__}); {RETRAIN}", path) from exc
    if not isinstance(model, LearnedClassifier):
        raise ModelError(f"model file holds a {type(model).__name__}, not a classifier; {RETRAIN}", path)
    return model


def load_classifier(task: str, models_dir: Path = MODELS_DIR) -> LearnedClassifier:
    """The trained classifier of a task from `models_dir` (default: the repository's models/)."""
    return load_model(model_path(models_dir, task))
