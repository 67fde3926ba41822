"""The keyword baseline follows the fit/predict contract and scores by normalised cue hits."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

from pipeline.classifiers.keyword import KeywordClassifier
from pipeline.schema import MEASURE_CATEGORIES, PROBLEM_CATEGORIES

TEXTS = [
    "落实领导接访日制度，每周一由班子成员坐班接访。",
    "发放《信访条例》宣传资料3000余份，引导群众依法信访。",
    "The town's legal adviser took part in handling difficult cases according to law.",
    "Some petition cadres lack legal knowledge and handle matters in a simple and crude way.",
    "今天天气很好。",
]


def test_keyword_predict_before_fit_raises_not_fitted() -> None:
    with pytest.raises(NotFittedError):
        KeywordClassifier().predict(TEXTS)


def test_keyword_fit_returns_self_and_keeps_parameters() -> None:
    model = KeywordClassifier(task="measures", ratio=0.7)
    assert model.fit(TEXTS) is model
    assert model.get_params() == {"task": "measures", "ratio": 0.7, "fallback": None}
    assert list(model.classes_) == list(MEASURE_CATEGORIES)


def test_keyword_scores_are_normalised_cue_hits() -> None:
    proba = KeywordClassifier().fit(TEXTS).predict_proba(TEXTS)
    assert proba.shape == (len(TEXTS), len(MEASURE_CATEGORIES))
    assert np.all((proba >= 0) & (proba <= 1))
    assert np.allclose(proba[:4].sum(axis=1), 1.0)
    assert proba[4].sum() == 0.0


@pytest.mark.parametrize(("text", "category"), [
    (TEXTS[0], "reception"),
    (TEXTS[1], "publicity_legal_education"),
    (TEXTS[2], "law_based_handling"),
])
def test_keyword_measure_cues_pick_the_category(text: str, category: str) -> None:
    assert category in KeywordClassifier().fit(TEXTS).predict([text])[0]


def test_keyword_problem_cues_pick_staff_capability() -> None:
    model = KeywordClassifier(task="problems").fit(TEXTS)
    assert "staff_capability" in model.predict([TEXTS[3]])[0]


def test_keyword_text_without_cues_gets_the_most_frequent_fitted_category() -> None:
    Y = np.zeros((3, len(PROBLEM_CATEGORIES)), dtype=int)
    Y[:, PROBLEM_CATEGORIES.index("other")] = 1
    model = KeywordClassifier(task="problems").fit(["a", "b", "c"], Y)
    assert model.predict(["今天天气很好。"]) == [("other",)]


def test_keyword_scores_are_dicts_over_all_categories() -> None:
    scores = KeywordClassifier().fit(TEXTS).predict_scores(TEXTS[:1])[0]
    assert list(scores) == list(MEASURE_CATEGORIES)
    assert max(scores, key=scores.get) == "reception"
