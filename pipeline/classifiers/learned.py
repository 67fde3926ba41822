"""Learned multi-label classifier: char + word TF-IDF, one-vs-rest logistic regression, CV thresholds."""

from __future__ import annotations

import warnings

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted

from pipeline.classifiers.data import task_spec
from pipeline.classifiers.cues import compiled_cues, cue_hits
from pipeline.classifiers.features import analyze_words, decide, en_only, language_of, zh_only  # noqa: F401

THRESHOLD_GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)


class CueShares(TransformerMixin, BaseEstimator):
    """The keyword baseline's scores (each category's share of cue hits) times `weight`."""

    def __init__(self, task: str = "measures", weight: float = 1.0) -> None:
        self.task = task
        self.weight = weight

    def fit(self, texts: list[str], y: np.ndarray | None = None) -> "CueShares":
        """Learns nothing: records the categories whose shares `transform` returns."""
        self.categories_ = tuple(compiled_cues(self.task))
        return self

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        """Rows of cue-hit shares (zero rows for texts without any hit), times `weight`."""
        check_is_fitted(self, "categories_")
        hits = np.array([list(cue_hits(text, self.task).values()) for text in texts], dtype=np.float64)
        hits = hits.reshape(len(texts), -1)
        totals = hits.sum(axis=1, keepdims=True)
        shares = np.divide(hits, totals, out=np.zeros_like(hits), where=totals > 0)
        return sparse.csr_matrix(shares * self.weight)


def stratify_keys(Y: np.ndarray) -> np.ndarray:
    """Each unit's rarest category (by column total; ties to the first column): a stratum for folds."""
    totals = Y.sum(axis=0)
    rarity = np.where(Y > 0, totals[None, :], np.iinfo(np.int64).max)
    return np.argmin(rarity, axis=1)


def fold_ids(Y: np.ndarray, n_folds: int, seed: int) -> np.ndarray:
    """Fold number of every unit, stratified by its rarest category, shuffled with a fixed seed."""
    folds = np.zeros(len(Y), dtype=np.int64)
    splitter = StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The least populated class", category=UserWarning)
        for number, (_train, test) in enumerate(splitter.split(np.zeros(len(Y)), stratify_keys(Y))):
            folds[test] = number
    return folds


def best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """The grid threshold with the highest F1 for one category (middle of ties)."""
    predicted = scores[:, None] >= THRESHOLD_GRID[None, :]
    positives = truth.astype(bool)[:, None]
    tp = (predicted & positives).sum(axis=0)
    denominator = predicted.sum(axis=0) + positives.sum()
    f1 = np.divide(2 * tp, denominator, out=np.zeros(len(THRESHOLD_GRID)), where=denominator > 0)
    tied = np.flatnonzero(f1 >= f1.max() - 1e-12)
    return float(THRESHOLD_GRID[tied[len(tied) // 2]])


def category_metrics(truth: np.ndarray, decisions: np.ndarray,
                     categories: tuple[str, ...]) -> dict[str, dict[str, float]]:
    """Per-category precision, recall, F1 and support, plus a 'macro' row (means of the three)."""
    raw: dict[str, tuple[float, float, float, int]] = {}
    for j, category in enumerate(categories):
        tp = int(((truth[:, j] == 1) & (decisions[:, j] == 1)).sum())
        predicted, actual = int(decisions[:, j].sum()), int(truth[:, j].sum())
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        raw[category] = (precision, recall, f1, actual)
    means = np.mean([raw[c][:3] for c in categories], axis=0)
    raw["macro"] = (*map(float, means), int(truth.sum()))
    return {name: {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": n}
            for name, (p, r, f, n) in raw.items()}


def _drop_pruned_terms(pipeline: Pipeline) -> Pipeline:
    """Forget the vectorizers' `stop_words_` (terms cut by min_df): large, unused by transform."""
    for _name, transformer in pipeline.named_steps["features"].transformer_list:
        if hasattr(transformer, "stop_words_"):
            del transformer.stop_words_
    return pipeline


class LearnedClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label text classifier with per-category decision thresholds chosen by cross-validation.

    Features (a FeatureUnion): TF-IDF of char_wb n-grams of Chinese and of English texts (separate
    vocabularies and ranges), TF-IDF of word uni/bigrams (`analyze_words`), and the keyword
    baseline's cue shares (`CueShares`). Model: one-vs-rest logistic regression (unweighted, so its
    per-category probabilities stay calibrated); they are the scores. Thresholds maximise each
    category's F1 on out-of-fold scores (`n_folds` stratified folds, fixed seed).
    """

    def __init__(self, task: str = "measures", zh_ngram_range: tuple[int, int] = (1, 2),
                 en_ngram_range: tuple[int, int] = (2, 4), cue_weight: float = 0.25, C: float = 30.0,
                 class_weight: str | None = None, min_df: int = 2, n_folds: int = 5,
                 random_state: int = 0, use_chars: bool = True, use_words: bool = True) -> None:
        self.task = task
        self.zh_ngram_range = zh_ngram_range
        self.en_ngram_range = en_ngram_range
        self.cue_weight = cue_weight
        self.C = C
        self.class_weight = class_weight
        self.min_df = min_df
        self.n_folds = n_folds
        self.random_state = random_state
        self.use_chars = use_chars
        self.use_words = use_words

    def _pipeline(self, texts: list[str]) -> Pipeline:
        """The unfitted pipeline; character n-grams only for the languages present in `texts`."""
        def tfidf(**options) -> TfidfVectorizer:
            return TfidfVectorizer(sublinear_tf=True, min_df=self.min_df, dtype=np.float64, **options)

        languages = {language_of(text) for text in texts} if self.use_chars else set()
        routes = (("zh", zh_only, self.zh_ngram_range), ("en", en_only, self.en_ngram_range))
        chars = [(f"{lang}_chars", tfidf(analyzer="char_wb", preprocessor=only, ngram_range=tuple(ngrams)))
                 for lang, only, ngrams in routes if lang in languages]
        words = [("words", tfidf(analyzer=analyze_words))] if self.use_words else []
        features = FeatureUnion([*chars, *words, ("cues", CueShares(self.task, self.cue_weight))])
        model = LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear",
                                   dual=True, max_iter=1000, random_state=self.random_state)
        return Pipeline([("features", features), ("model", OneVsRestClassifier(model))])

    def _check_targets(self, texts: list[str], Y: np.ndarray) -> np.ndarray:
        _files, categories = task_spec(self.task)
        Y = np.asarray(Y, dtype=np.int64)
        if Y.ndim != 2 or Y.shape[0] != len(texts) or Y.shape[1] != len(categories):
            raise ValueError(f"Y must be a (n_texts, {len(categories)}) 0/1 matrix; got {Y.shape}")
        return Y

    def _out_of_fold(self, texts: list[str], Y: np.ndarray, folds: np.ndarray) -> np.ndarray:
        scores = np.zeros(Y.shape, dtype=np.float64)
        for fold in range(self.n_folds):
            train, test = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
            train_texts = [texts[i] for i in train]
            fitted = self._pipeline(train_texts).fit(train_texts, Y[train])
            scores[test] = fitted.predict_proba([texts[i] for i in test])
        return scores

    def _cv_decisions(self, oof: np.ndarray, Y: np.ndarray, folds: np.ndarray) -> np.ndarray:
        """Decisions on each fold with thresholds chosen on the other folds only."""
        decisions = np.zeros_like(Y)
        for fold in range(self.n_folds):
            rest, here = folds != fold, folds == fold
            thresholds = np.array([best_threshold(oof[rest, j], Y[rest, j]) for j in range(Y.shape[1])])
            decisions[here] = decide(oof[here], thresholds)
        return decisions

    def fit(self, texts: list[str], Y: np.ndarray) -> "LearnedClassifier":
        """Choose thresholds by cross-validation, then fit the final model on all texts."""
        texts = list(texts)
        Y = self._check_targets(texts, Y)
        folds = fold_ids(Y, self.n_folds, self.random_state)
        oof = self._out_of_fold(texts, Y, folds)
        self.classes_ = np.array(task_spec(self.task)[1])
        self.thresholds_ = np.array([best_threshold(oof[:, j], Y[:, j]) for j in range(Y.shape[1])])
        names = tuple(map(str, self.classes_))
        self.cv_report_ = category_metrics(Y, self._cv_decisions(oof, Y, folds), names)
        self.pipeline_ = _drop_pruned_terms(self._pipeline(texts).fit(texts, Y))
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Per-category probabilities in [0, 1] (units x categories)."""
        check_is_fitted(self, "pipeline_")
        return self.pipeline_.predict_proba(list(texts))

    def predict_scores(self, texts: list[str]) -> list[dict[str, float]]:
        """One {category: probability} dict per text."""
        names = [str(c) for c in self.classes_]
        return [dict(zip(names, map(float, row))) for row in self.predict_proba(texts)]

    def predict(self, texts: list[str]) -> list[tuple[str, ...]]:
        """Categories whose score passes its threshold; the top category when none does."""
        decisions = decide(self.predict_proba(texts), self.thresholds_)
        return [tuple(str(c) for c, d in zip(self.classes_, row) if d) for row in decisions]
