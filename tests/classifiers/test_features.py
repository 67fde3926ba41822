"""The decision rule over category scores (pipeline/classifiers/features.py decide): thresholds,
the top-category fallback and its floor."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.classifiers.features import decide

THRESHOLDS = np.array([0.5, 0.4, 0.6])


@pytest.mark.parametrize("scores, floor, expected", [
    ([0.7, 0.45, 0.1], 0.0, [1, 1, 0]),   # every score at or above its threshold
    ([0.3, 0.2, 0.1], 0.0, [1, 0, 0]),    # none: the top category alone
    ([0.3, 0.2, 0.1], 0.1, [1, 0, 0]),    # the top clears the floor
    ([0.05, 0.08, 0.02], 0.1, [0, 0, 0]),  # negative: below the floor no category at all
    ([0.7, 0.1, 0.1], 0.9, [1, 0, 0]),    # a threshold decision ignores the floor
])
def test_decide_thresholds_fallback_and_floor(scores: list[float], floor: float, expected: list[int]) -> None:
    assert decide(np.array([scores]), THRESHOLDS, floor).tolist() == [expected]


def test_decide_on_no_rows() -> None:
    assert decide(np.zeros((0, 3)), THRESHOLDS, 0.1).shape == (0, 3)
