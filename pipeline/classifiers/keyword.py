"""Keyword baseline: scores categories by cue hits from resources/<lang>/{measure,problem}_cues.yaml."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from pipeline.classifiers.cues import compiled_cues, cue_hits
from pipeline.classifiers.data import task_spec


class KeywordClassifier(ClassifierMixin, BaseEstimator):
    """Baseline with the fit/predict contract: categories whose cue hits reach `ratio` of the best.

    Scores are the cue hits of each category divided by all hits of the text (0 when none hit).
    A text without any hit gets `fallback`, or the most frequent category seen in `fit`.
    """

    def __init__(self, task: str = "measures", ratio: float = 0.5, fallback: str | None = None) -> None:
        self.task = task
        self.ratio = ratio
        self.fallback = fallback

    def fit(self, texts: list[str], Y: np.ndarray | None = None) -> "KeywordClassifier":
        """Learns nothing from the texts: records the categories and the fallback category."""
        _files, vocabulary = task_spec(self.task)
        self.classes_ = np.array(vocabulary)
        compiled_cues(self.task)
        if self.fallback is not None:
            self.fallback_ = self.fallback
        elif Y is not None and len(Y):
            self.fallback_ = str(self.classes_[int(np.argmax(np.asarray(Y).sum(axis=0)))])
        else:
            self.fallback_ = str(self.classes_[-1])
        return self

    def _hit_matrix(self, texts: list[str]) -> np.ndarray:
        check_is_fitted(self, "classes_")
        rows = [cue_hits(text, self.task) for text in texts]
        return np.array([[row[str(c)] for c in self.classes_] for row in rows], dtype=float)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Normalised cue hits (units x categories); rows with no hit are all zero."""
        hits = self._hit_matrix(texts)
        totals = hits.sum(axis=1, keepdims=True)
        return np.divide(hits, totals, out=np.zeros_like(hits), where=totals > 0)

    def predict_scores(self, texts: list[str]) -> list[dict[str, float]]:
        """One {category: score} dict per text."""
        return [dict(zip(map(str, self.classes_), map(float, row))) for row in self.predict_proba(texts)]

    def predict(self, texts: list[str]) -> list[tuple[str, ...]]:
        """Categories per text: those with hits >= ratio * the best hit count, else the fallback."""
        labels: list[tuple[str, ...]] = []
        for row in self._hit_matrix(texts):
            best = row.max()
            if best == 0:
                labels.append((self.fallback_,))
                continue
            labels.append(tuple(str(c) for c, hits in zip(self.classes_, row) if hits >= self.ratio * best))
        return labels
