"""Models round-trip through .skops; bad files raise ModelError; committed models match retraining."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from cli.train import train_command
from pipeline.classifiers.data import labels_hash, load_units
from pipeline.classifiers.model_io import MODELS_DIR, load_classifier, load_model, model_path, save_model
from pipeline.classifiers.train import CARD_NAME, train_all
from pipeline.errors import ModelError

LABELS = Path(__file__).resolve().parents[2] / "corpus" / "labels"


@pytest.fixture(scope="module")
def retrained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    models = tmp_path_factory.mktemp("models")
    return models, train_all(LABELS, models, seed=0)


def _subset_labels(target: Path, lines: int) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in LABELS.glob("*.jsonl"):
        kept = path.read_text(encoding="utf-8").splitlines()[:lines]
        (target / path.name).write_text("\n".join(kept) + "\n", encoding="utf-8")
    return target


def test_train_all_writes_models_and_card(retrained: tuple[Path, dict]) -> None:
    models, card = retrained
    assert model_path(models, "measures").is_file() and model_path(models, "problems").is_file()
    assert json.loads((models / CARD_NAME).read_text(encoding="utf-8")) == card
    assert card["labels_sha256"] == labels_hash(LABELS)
    assert {"scikit-learn", "skops", "numpy", "scipy", "python"} <= set(card["versions"])
    assert card["models"]["measures"]["n_units"]["zh"] > 0


@pytest.mark.parametrize("task", ["measures", "problems"])
def test_committed_models_are_what_train_all_produces(retrained: tuple[Path, dict], task: str) -> None:
    models, card = retrained
    committed_card = json.loads((MODELS_DIR / CARD_NAME).read_text(encoding="utf-8"))
    assert committed_card["labels_sha256"] == card["labels_sha256"]
    assert committed_card["cues_sha256"] == card["cues_sha256"]
    assert committed_card["models"][task] == card["models"][task]
    texts = [unit.text for unit in load_units(LABELS, task)]
    committed, fresh = load_classifier(task), load_classifier(task, models)
    assert committed.predict(texts) == fresh.predict(texts)
    assert committed.predict_scores(texts) == fresh.predict_scores(texts)


def test_model_round_trips_through_skops(retrained: tuple[Path, dict], tmp_path: Path) -> None:
    models, _card = retrained
    model = load_model(model_path(models, "problems"))
    copy = tmp_path / "copy.skops"
    save_model(model, copy)
    texts = ["信访工作经费不足。", "Some petitioners make unreasonable demands."]
    assert load_model(copy).predict_scores(texts) == model.predict_scores(texts)


def test_missing_model_raises_model_error_naming_train(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="petition-miner train") as info:
        load_classifier("measures", tmp_path)
    assert "measures.skops" in str(info.value)


@pytest.mark.parametrize("content", [b"not a zip file", b"PK\x03\x04 truncated", b""])
def test_corrupt_model_raises_model_error_naming_train(tmp_path: Path, content: bytes) -> None:
    path = model_path(tmp_path, "problems")
    path.write_bytes(content)
    with pytest.raises(ModelError, match="petition-miner train") as info:
        load_model(path)
    assert str(path) in str(info.value)


def test_truncated_model_raises_model_error(retrained: tuple[Path, dict], tmp_path: Path) -> None:
    models, _card = retrained
    data = model_path(models, "problems").read_bytes()
    path = tmp_path / "problems.skops"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="corrupt"):
        load_model(path)


def test_train_command_prints_the_card_table(tmp_path: Path) -> None:
    app = typer.Typer()
    app.command()(train_command)
    labels = _subset_labels(tmp_path / "labels", 150)
    result = CliRunner().invoke(app, ["--labels", str(labels), "--models", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "reception" in result.output and "macro" in result.output
    assert (tmp_path / "out" / CARD_NAME).is_file()


def test_train_command_reports_missing_labels(tmp_path: Path) -> None:
    app = typer.Typer()
    app.command()(train_command)
    result = CliRunner().invoke(app, ["--labels", str(tmp_path / "nowhere"), "--models", str(tmp_path)])
    assert result.exit_code == 2


@pytest.mark.parametrize("task", ["measures", "problems"])
def test_train_all_exports_the_scorer_of_each_model(retrained: tuple[Path, dict], task: str) -> None:
    from pipeline.classifiers.scorer import load_scorer, matching_scorer, scorer_file

    models, _card = retrained
    fresh = matching_scorer(task, models)
    assert fresh is not None  # exported from the very .skops file written beside it
    committed = load_scorer(scorer_file(MODELS_DIR, task))
    np.testing.assert_array_equal(fresh.weights, committed.weights)
    np.testing.assert_array_equal(fresh.intercepts, committed.intercepts)
    np.testing.assert_array_equal(fresh.thresholds, committed.thresholds)
    assert [block.vocabulary for block in fresh.blocks] == [block.vocabulary for block in committed.blocks]
