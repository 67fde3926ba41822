"""Unit kind model: whether a piece of text states a problem or a measure, learned from the labels.

The labelled measures and problems (corpus/labels) train a logistic regression over TF-IDF
character n-grams of the folded text (traditional characters read as simplified; Chinese without
word boundaries; English lower-cased by the same analyzer). `petition-miner train` fits it and
exports its terms, idf and weights to models/kinds.npz; unit extraction reads that file without
scikit-learn (KindScorer) and asks it, for a piece whose place does not decide its kind, how
likely it states a problem."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from pipeline.atomic import atomic_path
from pipeline.classifiers.models_dir import MODELS_DIR
from pipeline.fold import fold

KIND_FILE = "kinds.npz"
KIND_FORMAT = 1
NGRAMS = (1, 3)
C = 10.0


def kind_text(text: str) -> str:
    """What the kind model reads: the text without pinyin glosses, folded and lower-cased."""
    from pipeline.glosses import without_glosses

    return fold(without_glosses(text)).lower()


@dataclass(frozen=True)
class KindScorer:
    """P(problem) of a logistic regression over sublinear, l2-normalised TF-IDF char_wb n-grams."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray
    intercept: float
    ngrams: tuple[int, int]

    @cached_property
    def index(self):
        """The vocabulary as a code-point trie (gram_index), built on first use."""
        from pipeline.classifiers.gram_index import GramIndex

        return GramIndex(self.vocabulary)

    def problem_probability(self, texts: list[str]) -> np.ndarray:
        """P(problem) of each text, the batch's n-grams counted at once (gram_index.char_wb_counts)."""
        from pipeline.classifiers.gram_index import char_wb_occurrences

        if not texts:
            return np.empty(0)
        found_rows, found_columns = char_wb_occurrences([kind_text(text) for text in texts], self.index, *self.ngrams)
        size = len(self.idf)
        pairs, counts = np.unique(found_rows * size + found_columns, return_counts=True)
        rows, columns = pairs // size, pairs % size
        values = (np.log(counts) + 1.0) * self.idf[columns]
        squares = np.bincount(rows, weights=values ** 2, minlength=len(texts))
        dots = np.bincount(rows, weights=values * self.weights[columns], minlength=len(texts))
        scores = np.divide(dots, np.sqrt(squares), out=np.zeros(len(texts)), where=squares > 0) + self.intercept
        return 1.0 / (1.0 + np.exp(-scores))

    def reference_probability(self, texts: list[str]) -> np.ndarray:
        """problem_probability one text at a time with Python counters: the oracle of the tests."""
        from pipeline.classifiers.features import char_wb_ngrams

        scores = np.empty(len(texts))
        for row, text in enumerate(texts):
            counts = Counter(j for g in char_wb_ngrams(kind_text(text), *self.ngrams)
                             if (j := self.vocabulary.get(g)) is not None)
            if not counts:
                scores[row] = self.intercept
                continue
            columns = np.fromiter(counts.keys(), dtype=np.int64)
            values = (np.log(np.fromiter(counts.values(), dtype=np.float64)) + 1.0) * self.idf[columns]
            values /= np.sqrt((values ** 2).sum())
            scores[row] = float(values @ self.weights[columns]) + self.intercept
        return 1.0 / (1.0 + np.exp(-scores))


def fit_kinds(measures: list[str], problems: list[str], seed: int = 0):
    """The fitted (vectorizer, logistic regression) of measures (0) against problems (1)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [kind_text(t) for t in [*measures, *problems]]
    labels = np.array([0] * len(measures) + [1] * len(problems))
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True, min_df=2,
                                 dtype=np.float64, lowercase=False)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, random_state=seed)
    model.fit(vectorizer.fit_transform(texts), labels)
    return vectorizer, model


def save_kinds(vectorizer, model, models_dir: Path) -> Path:
    """Write the terms, idf and weights of a fitted kind model to models_dir/kinds.npz, atomically."""
    terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    meta = {"format": KIND_FORMAT, "ngrams": list(NGRAMS)}
    target = Path(models_dir) / KIND_FILE
    with atomic_path(target) as temporary:
        with open(temporary, "wb") as handle:
            np.savez_compressed(handle, meta=np.array(json.dumps(meta)), terms=np.array(terms, dtype=str),
                                idf=np.asarray(vectorizer.idf_, dtype=np.float64),
                                weights=np.asarray(model.coef_, dtype=np.float64).ravel(),
                                intercept=np.asarray(model.intercept_, dtype=np.float64))
    return target


def load_kinds(path: Path) -> KindScorer:
    """Read an exported kind model (never with pickle); ValueError or OSError when unusable."""
    with np.load(Path(path), allow_pickle=False) as data:
        meta = json.loads(str(data["meta"][()]))
        if meta.get("format") != KIND_FORMAT:
            raise ValueError(f"kind model format {meta.get('format')!r}, expected {KIND_FORMAT}")
        terms = data["terms"].tolist()  # Python strings, as str(t) of each gives
        scorer = KindScorer({t: j for j, t in enumerate(terms)}, data["idf"], data["weights"],
                            float(data["intercept"][0]), tuple(meta["ngrams"]))
    if not (len(scorer.vocabulary) == len(scorer.idf) == len(scorer.weights)):
        raise ValueError("terms, idf and weights disagree")
    return scorer


Packed = tuple[list[str], bytes, bytes, float, tuple[int, int], list[bytes], list[bytes]]


def _packed(path: Path) -> Packed:
    """A kind model and its vocabulary trie (gram_index) as plain data: terms, idf, weights,
    intercept, n-gram range and the trie's keys and columns per level (float64 and int64 bytes)."""
    scorer = load_kinds(path)
    index = scorer.index
    return (list(scorer.vocabulary), scorer.idf.astype(np.float64).tobytes(),
            scorer.weights.astype(np.float64).tobytes(), scorer.intercept, tuple(scorer.ngrams), [keys.astype(np.int64).tobytes() for keys in index.keys],
            [columns.astype(np.int64).tobytes() for columns in index.columns])


def _is_packed(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 7 and isinstance(value[0], list) and \
        all(isinstance(part, bytes) for part in value[1:3]) and isinstance(value[3], float) and \
        isinstance(value[4], tuple) and all(isinstance(level, list) and all(isinstance(b, bytes) for b in level)
                                            for level in value[5:]) and len(value[5]) == len(value[6])


def _unpacked(packed: Packed) -> KindScorer:
    """The KindScorer of _packed's data, its trie already in place (arrays copied: writable, as loaded)."""
    from pipeline.classifiers.gram_index import GramIndex

    terms, idf, weights, intercept, ngrams, keys, columns = packed
    scorer = KindScorer({t: j for j, t in enumerate(terms)}, np.frombuffer(idf, np.float64).copy(),
                        np.frombuffer(weights, np.float64).copy(), intercept, ngrams)
    if not (len(scorer.vocabulary) == len(scorer.idf) == len(scorer.weights)):
        raise ValueError("terms, idf and weights disagree")
    vars(scorer)["index"] = GramIndex.from_levels([np.frombuffer(k, np.int64).copy() for k in keys],
                                                  [np.frombuffer(c, np.int64).copy() for c in columns])
    return scorer


@lru_cache(maxsize=1)
def _code_digest() -> tuple[str, str]:
    from pipeline.build_cache import source_digest
    from pipeline.classifiers import gram_index

    return source_digest(__file__), source_digest(gram_index.__file__)


@lru_cache(maxsize=None)
def kind_scorer(models_dir: Path | None = None) -> KindScorer | None:
    """The kind model of the repository's models/ (or models_dir); None when it is missing or
    unreadable (extraction then decides by cues alone). Read, with its trie, from the build cache
    when a process built it from the same file, code and numpy before."""
    from pipeline.build_cache import cached_build

    path = Path(models_dir or MODELS_DIR) / KIND_FILE
    try:
        identity = (hashlib.sha256(path.read_bytes()).hexdigest(), _code_digest(), np.__version__)
        return _unpacked(cached_build("kinds", identity, lambda: _packed(path), _is_packed))
    except (OSError, ValueError, KeyError):
        return None
