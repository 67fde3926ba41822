"""The learned classifier follows the scikit-learn contract and is deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from cli.evaluate_classifiers import classifier_report
from pipeline.classifiers.data import label_matrix, load_units
from pipeline.classifiers.learned import THRESHOLD_GRID, LearnedClassifier
from pipeline.classifiers.model_io import MODELS_DIR, load_classifier
from pipeline.schema import MEASURE_CATEGORIES

LABELS = Path(__file__).resolve().parents[2] / "corpus" / "labels"
NEW_TEXTS = ["镇党委书记亲自接待来访群众。",
             "Brochures on the Regulations were handed out at the fair.", "。"]


@pytest.fixture(scope="module")
def sample() -> tuple[list[str], np.ndarray]:
    units = load_units(LABELS, "measures")
    units = units[:200] + [unit for unit in units if unit.lang == "en"][:100]
    return [unit.text for unit in units], label_matrix(units, MEASURE_CATEGORIES)


@pytest.fixture(scope="module")
def fitted(sample: tuple[list[str], np.ndarray]) -> LearnedClassifier:
    texts, Y = sample
    return LearnedClassifier(task="measures", n_folds=3).fit(texts, Y)


def test_learned_init_only_stores_parameters() -> None:
    model = LearnedClassifier(task="problems", C=5.0, n_folds=4)
    assert model.get_params()["C"] == 5.0 and model.get_params()["n_folds"] == 4
    assert not [name for name in vars(model) if name.endswith("_")]
    assert clone(model).get_params() == model.get_params()


def test_learned_predict_before_fit_raises_not_fitted() -> None:
    with pytest.raises(NotFittedError):
        LearnedClassifier().predict(NEW_TEXTS)


def test_learned_fit_returns_self(sample: tuple[list[str], np.ndarray]) -> None:
    texts, Y = sample
    model = LearnedClassifier(task="measures", n_folds=3)
    assert model.fit(texts[:120], Y[:120]) is model
    assert list(model.classes_) == list(MEASURE_CATEGORIES)


def test_learned_fit_rejects_wrong_label_matrix(sample: tuple[list[str], np.ndarray]) -> None:
    texts, Y = sample
    with pytest.raises(ValueError, match="0/1 matrix"):
        LearnedClassifier(task="problems").fit(texts, Y)


def test_learned_is_deterministic(fitted: LearnedClassifier, sample: tuple[list[str], np.ndarray]) -> None:
    texts, Y = sample
    again = LearnedClassifier(task="measures", n_folds=3).fit(texts, Y)
    assert again.predict(texts + NEW_TEXTS) == fitted.predict(texts + NEW_TEXTS)
    assert again.predict_scores(NEW_TEXTS) == fitted.predict_scores(NEW_TEXTS)
    assert np.array_equal(again.thresholds_, fitted.thresholds_)
    assert again.cv_report_ == fitted.cv_report_


def test_learned_gives_at_least_one_label(fitted: LearnedClassifier) -> None:
    for labels in fitted.predict(NEW_TEXTS):
        assert labels and set(labels) <= set(MEASURE_CATEGORIES)


def test_learned_scores_are_probabilities(fitted: LearnedClassifier) -> None:
    for scores in fitted.predict_scores(NEW_TEXTS):
        assert list(scores) == list(MEASURE_CATEGORIES)
        assert all(0.0 <= value <= 1.0 for value in scores.values())


def test_learned_thresholds_come_from_the_grid(fitted: LearnedClassifier) -> None:
    assert fitted.thresholds_.shape == (len(MEASURE_CATEGORIES),)
    assert set(fitted.thresholds_) <= set(THRESHOLD_GRID.tolist())
    assert set(fitted.cv_report_) == {*MEASURE_CATEGORIES, "macro"}


@pytest.mark.parametrize("task", ["measures", "problems"])
def test_committed_card_holds_the_models_thresholds(task: str) -> None:
    card = json.loads((MODELS_DIR / "model_card.json").read_text(encoding="utf-8"))
    model = load_classifier(task)
    thresholds = {name: row["threshold"] for name, row in card["models"][task]["categories"].items()}
    assert thresholds == dict(zip(map(str, model.classes_), model.thresholds_.tolist()))


@pytest.mark.parametrize(("task", "text", "expected"), [
    ("measures", "Increase the publicity of the Regulations on Letters and Calls",
     {"publicity_legal_education"}),
    ("measures", "Implement a reception day system for town leaders' letters and calls", {"reception"}),
    ("measures", "Further refine the conflict and dispute investigation system", {"dispute_screening"}),
    ("problems", "the organizational structure is not perfect and the petition service team has "
                 "relatively few personnel", {"staffing_shortage", "organization_mechanism"}),
    ("problems", "There are few petition cadres and low quality of petition staff in villages and groups",
     {"staffing_shortage", "staff_capability"}),
])
def test_committed_models_label_seed_sentences(task: str, text: str, expected: set[str]) -> None:
    assert set(load_classifier(task).predict([text])[0]) == expected


def test_classifier_report_is_a_markdown_table_per_task(tmp_path: Path) -> None:
    for path in LABELS.glob("*.jsonl"):
        kept = path.read_text(encoding="utf-8").splitlines()[:150]
        (tmp_path / path.name).write_text("\n".join(kept) + "\n", encoding="utf-8")
    report = classifier_report(tmp_path)
    assert "### measures" in report and "### problems" in report
    assert report.count("| **macro** |") == 2
    assert "| reception |" in report and "| staffing_shortage |" in report
