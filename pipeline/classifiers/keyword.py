"""Keyword baseline: scores categories by cue hits from resources/<lang>/{measure,problem}_cues.yaml."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
from pydantic import field_validator
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from pipeline.classifiers.data import task_spec
from pipeline.errors import ResourceError
from pipeline.lexicon import LANGUAGES, ResourceModel, load_resource, resource_path
from pipeline.prefilter import LiteralIndex

# texts memoised per function: enough for training (folds repeat the ~1,000 labelled units),
# small enough that labelling a large batch keeps a bounded memory
TEXT_MEMO_SIZE = 4096
CUE_FILES = {"measures": "measure_cues", "problems": "problem_cues"}


class CueEntry(ResourceModel):
    """One category's cue patterns and an example sentence that must trigger it."""

    category: str
    cues: tuple[str, ...]
    example: str

    @field_validator("cues")
    @classmethod
    def _patterns_compile(cls, cues: tuple[str, ...]) -> tuple[str, ...]:
        if not cues:
            raise ValueError("no cues")
        for cue in cues:
            try:
                re.compile(cue)
            except re.error as exc:
                raise ValueError(f"cue {cue!r} is not a valid regular expression: {exc}") from exc
        return cues


class CueFile(ResourceModel):
    entries: tuple[CueEntry, ...]


def cue_entries(task: str, lang: str) -> tuple[CueEntry, ...]:
    """The validated cue entries of one task and language; unknown or repeated categories raise."""
    _files, vocabulary = task_spec(task)
    name = CUE_FILES[task]
    entries = load_resource(lang, name, CueFile).entries
    seen: set[str] = set()
    for position, entry in enumerate(entries):
        if entry.category not in vocabulary or entry.category in seen:
            raise ResourceError(f"entry entries.{position}: category {entry.category!r} is unknown or "
                                f"repeated; use each of {list(vocabulary)} once", resource_path(lang, name))
        seen.add(entry.category)
    return entries


@lru_cache(maxsize=None)
def compiled_cues(task: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    """Category -> compiled patterns of every language (case-insensitive), in vocabulary order."""
    _files, vocabulary = task_spec(task)
    patterns: dict[str, list[re.Pattern[str]]] = {category: [] for category in vocabulary}
    for lang in LANGUAGES:
        for entry in cue_entries(task, lang):
            patterns[entry.category].extend(re.compile(cue, re.IGNORECASE) for cue in entry.cues)
    return {category: tuple(found) for category, found in patterns.items()}


def cues_hash() -> str:
    """SHA-256 over every cue file (the learned model uses cue shares as features)."""
    digest = hashlib.sha256()
    for task in sorted(CUE_FILES):
        for lang in LANGUAGES:
            path = resource_path(lang, CUE_FILES[task])
            digest.update(f"{lang}/{path.name}\0".encode("utf-8") + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cue_hits(text: str, task: str) -> dict[str, int]:
    """Number of distinct cue patterns of each category that occur in the text."""
    return dict(zip(compiled_cues(task), _hit_counts(text, task)))


@lru_cache(maxsize=None)
def _indexed_cues(task: str) -> tuple[list[tuple[int, re.Pattern[str]]], LiteralIndex]:
    """Every cue as (category position, pattern), and the literal index that rules cues out."""
    cues = [(position, pattern) for position, patterns in enumerate(compiled_cues(task).values())
            for pattern in patterns]
    return cues, LiteralIndex((number, (pattern,)) for number, (_, pattern) in enumerate(cues))


@lru_cache(maxsize=TEXT_MEMO_SIZE)
def _hit_counts(text: str, task: str) -> tuple[int, ...]:
    cues, index = _indexed_cues(task)
    counts = [0] * len(compiled_cues(task))
    for number in index.candidates(text):
        position, pattern = cues[number]
        if pattern.search(text):
            counts[position] += 1
    return tuple(counts)


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
