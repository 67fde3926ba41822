"""A trained classifier's weights exported to plain arrays, and the scorer that labels with them:
the probabilities of the scikit-learn pipeline without importing scikit-learn or skops."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from pipeline.atomic import atomic_path
from pipeline.classifiers.cues import cue_hits, hit_matrix
from pipeline.classifiers.features import char_wb_ngrams, en_only, routed, word_features, words_in, zh_only
from pipeline.classifiers.gram_index import GramIndex, char_wb_counts, term_counts
from pipeline.classifiers.models_dir import MODELS_DIR
from pipeline.language import detect_languages

FORMAT = 1
ROUTES = {"zh": zh_only, "en": en_only}


def model_file(models_dir: Path, task: str) -> Path:
    """`<models_dir>/<task>.skops`, the model of record (task: 'measures' or 'problems')."""
    return Path(models_dir) / f"{task}.skops"


def scorer_file(models_dir: Path, task: str) -> Path:
    """`<models_dir>/<task>.scorer.npz`, the weights exported from the model of record."""
    return Path(models_dir) / f"{task}.scorer.npz"


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@dataclass(frozen=True)
class Block:
    """One block of the feature union: TF-IDF of char_wb n-grams or of words, or cue shares."""

    name: str
    kind: str                       # "char_wb", "words" or "cues"
    offset: int                     # first column of the block in the union
    size: int
    route: str | None = None        # char_wb: the language whose texts feed it ("zh", "en")
    ngrams: tuple[int, int] = (1, 1)
    vocabulary: dict[str, int] = field(default_factory=dict)
    idf: np.ndarray | None = None
    weight: float = 1.0             # cues: the shares are multiplied by it
    stop_words: frozenset[str] = frozenset()

    def matrix(self, texts: Sequence[str], task: str, languages: Sequence[str] | None = None):
        """The block's columns for a batch of texts (a CSR matrix, texts x size), computed for the
        whole batch at once; equal, bit for bit, to reference_matrix. `languages`: each text's
        (detect_languages), when the caller has them."""
        if self.kind == "cues":
            return _cue_shares(hit_matrix(texts, task), self.weight)
        languages = detect_languages(texts) if languages is None else languages
        if self.kind == "char_wb":
            texts = [routed(text, language, self.route) for text, language in zip(texts, languages)]
            counts = char_wb_counts(texts, self.index, *self.ngrams, self.size)
        else:
            words = [words_in(text, language, self.stop_words) for text, language in zip(texts, languages)]
            counts = term_counts(words, self.vocabulary, self.size)
        return _tfidf(counts, self.idf)

    @cached_property
    def index(self) -> GramIndex:
        """The vocabulary as a trie of code points (built once per loaded scorer, on first use)."""
        return GramIndex(self.vocabulary)

    def reference_matrix(self, texts: Sequence[str], task: str):
        """The block's columns one text and one term at a time: the obviously-correct form that
        `matrix` must equal (kept as the oracle of the tests)."""
        from scipy import sparse

        if self.kind == "cues":
            hits = np.array([list(cue_hits(text, task).values()) for text in texts], dtype=np.float64)
            return _cue_shares(hits.reshape(len(texts), self.size), self.weight)
        rows: list[int] = []
        columns: list[int] = []
        tallies: list[int] = []
        lookup = self.vocabulary.get
        for row, text in enumerate(texts):
            counts = Counter(map(lookup, self._grams(text)))
            counts.pop(None, None)
            rows += [row] * len(counts)
            columns += counts.keys()
            tallies += counts.values()
        counts = sparse.csr_matrix((np.array(tallies, dtype=np.float64), (np.array(rows, dtype=np.int64),
                                    np.array(columns, dtype=np.int64))), shape=(len(texts), self.size))
        counts.sort_indices()
        return _tfidf(counts, self.idf)

    def _grams(self, text: str) -> list[str] | tuple[str, ...]:
        if self.kind == "char_wb":
            return char_wb_ngrams(ROUTES[self.route](text), *self.ngrams)
        return word_features(text, self.stop_words)


def _cue_shares(hits: np.ndarray, weight: float):
    """Each row's share of its cue hits (zero rows for none), times weight, as a CSR matrix."""
    from scipy import sparse

    hits = np.asarray(hits, dtype=np.float64)
    totals = hits.sum(axis=1, keepdims=True)
    shares = np.divide(hits, totals, out=np.zeros_like(hits), where=totals > 0)
    return sparse.csr_matrix(shares * weight)


def _tfidf(counts, idf: np.ndarray):
    """Sublinear tf times idf, each row to unit length (l2; rows without terms stay empty), in place
    on a CSR count matrix with sorted indices."""
    counts.data = (np.log(counts.data) + 1.0) * idf[counts.indices]
    row_of = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    norms = np.sqrt(np.bincount(row_of, weights=counts.data ** 2, minlength=counts.shape[0]))
    counts.data /= norms[row_of]
    return counts


@dataclass(frozen=True)
class Scorer:
    """Per-category probabilities of a one-vs-rest logistic model over a feature union."""

    task: str
    classes: tuple[str, ...]
    thresholds: np.ndarray
    blocks: tuple[Block, ...]
    weights: np.ndarray             # categories x features
    intercepts: np.ndarray
    model_sha256: str               # the .skops file these weights came from

    def probabilities(self, texts: Sequence[str], reference: bool = False) -> np.ndarray:
        """Units x categories, as expit(features @ weights.T + intercepts); with `reference`, the
        features of Block.reference_matrix (the same numbers, slowly)."""
        from scipy import sparse
        from scipy.special import expit

        if reference:
            blocks = [block.reference_matrix(texts, self.task) for block in self.blocks]
        else:
            languages = detect_languages(texts)
            blocks = [block.matrix(texts, self.task, languages) for block in self.blocks]
        return expit(sparse.hstack(blocks).tocsr() @ self.weights.T + self.intercepts)


# ---- export (at training time) and loading -----------------------------------------------------


def _block_meta(name: str, transformer, offset: int) -> tuple[dict, dict[str, np.ndarray]]:
    """The description and arrays of one fitted transformer; ValueError for anything unexpected."""
    from pipeline.classifiers import features

    if type(transformer).__name__ == "CueShares":
        size = len(transformer.categories_)
        return {"name": name, "kind": "cues", "offset": offset, "size": size,
                "weight": float(transformer.weight)}, {}
    expected = {"sublinear_tf": True, "use_idf": True, "norm": "l2", "binary": False}
    for key, value in expected.items():
        if getattr(transformer, key, None) != value:
            raise ValueError(f"{name}: {key} is {getattr(transformer, key, None)!r}, the scorer expects {value!r}")
    terms = sorted(transformer.vocabulary_, key=transformer.vocabulary_.get)
    arrays = {f"{name}.terms": np.array(terms, dtype=str), f"{name}.idf": np.asarray(transformer.idf_, dtype=np.float64)}
    meta = {"name": name, "offset": offset, "size": len(terms)}
    if transformer.analyzer == "char_wb":
        route = {features.zh_only: "zh", features.en_only: "en"}.get(transformer.preprocessor)
        if route is None:
            raise ValueError(f"{name}: unknown preprocessor {transformer.preprocessor!r}")
        return meta | {"kind": "char_wb", "route": route, "ngrams": list(transformer.ngram_range)}, arrays
    if transformer.analyzer is features.analyze_words:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        arrays[f"{name}.stop_words"] = np.array(sorted(ENGLISH_STOP_WORDS), dtype=str)
        return meta | {"kind": "words"}, arrays
    raise ValueError(f"{name}: unknown analyzer {transformer.analyzer!r}")


def export_arrays(model, model_sha256: str) -> dict[str, np.ndarray]:
    """The arrays of a fitted LearnedClassifier's scorer (see save_scorer)."""
    union = model.pipeline_.named_steps["features"]
    if union.transformer_weights:
        raise ValueError("transformer weights are not supported by the scorer")
    estimators = model.pipeline_.named_steps["model"].estimators_
    blocks, arrays, offset = [], {}, 0
    for name, transformer in union.transformer_list:
        meta, block_arrays = _block_meta(name, transformer, offset)
        blocks.append(meta)
        arrays |= block_arrays
        offset += meta["size"]
    weights = np.vstack([np.asarray(e.coef_, dtype=np.float64).ravel() for e in estimators])
    if weights.shape[1] != offset:
        raise ValueError(f"the model has {weights.shape[1]} weights per category, the features {offset}")
    meta = {"format": FORMAT, "task": model.task, "classes": [str(c) for c in model.classes_],
            "model_sha256": model_sha256, "blocks": blocks}
    return arrays | {
        "meta": np.array(json.dumps(meta, ensure_ascii=False)),
        "thresholds": np.asarray(model.thresholds_, dtype=np.float64),
        "weights": weights,
        "intercepts": np.array([float(np.ravel(e.intercept_)[0]) for e in estimators]),
    }


def save_scorer(model, models_dir: Path) -> Path:
    """Export the weights of a model already saved in models_dir next to it, atomically."""
    source = model_file(models_dir, model.task)
    target = scorer_file(models_dir, model.task)
    with atomic_path(target) as temporary:
        with open(temporary, "wb") as handle:
            np.savez_compressed(handle, **export_arrays(model, file_sha256(source)))
    return target


def load_scorer(path: Path) -> Scorer:
    """Read an exported scorer (never with pickle); ValueError or OSError when it is unusable."""
    with np.load(Path(path), allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    meta = json.loads(str(arrays["meta"][()]))
    if meta.get("format") != FORMAT:
        raise ValueError(f"scorer format {meta.get('format')!r}, expected {FORMAT}")
    blocks = []
    for entry in meta["blocks"]:
        name = entry["name"]
        terms = arrays.get(f"{name}.terms")
        blocks.append(Block(
            name=name, kind=entry["kind"], offset=entry["offset"], size=entry["size"], route=entry.get("route"),
            ngrams=tuple(entry.get("ngrams", (1, 1))),
            vocabulary={str(term): j for j, term in enumerate(terms)} if terms is not None else {},
            idf=arrays.get(f"{name}.idf"), weight=entry.get("weight", 1.0),
            stop_words=frozenset(map(str, arrays.get(f"{name}.stop_words", ()))),
        ))
    scorer = Scorer(task=meta["task"], classes=tuple(meta["classes"]), thresholds=arrays["thresholds"],
                    blocks=tuple(blocks), weights=arrays["weights"], intercepts=arrays["intercepts"],
                    model_sha256=meta["model_sha256"])
    _check_shapes(scorer)
    return scorer


def _check_shapes(scorer: Scorer) -> None:
    """ValueError unless every array has the size the description gives (terms that numpy's
    string arrays could not keep apart would show here)."""
    categories, features = scorer.weights.shape
    if not (len(scorer.classes) == categories == len(scorer.thresholds) == len(scorer.intercepts)):
        raise ValueError("categories, thresholds, weights and intercepts disagree")
    if sum(block.size for block in scorer.blocks) != features:
        raise ValueError("the blocks do not add up to the weights")
    for block in scorer.blocks:
        if block.kind != "cues" and not (len(block.vocabulary) == block.size == len(block.idf)):
            raise ValueError(f"{block.name}: vocabulary, size and idf disagree")


@lru_cache(maxsize=None)
def matching_scorer(task: str, models_dir: Path = MODELS_DIR) -> Scorer | None:
    """The exported scorer of a task when it was exported from the .skops file now in models_dir;
    None when it is missing, unreadable or stale (the caller then labels with scikit-learn)."""
    try:
        scorer = load_scorer(scorer_file(models_dir, task))
        current = file_sha256(model_file(models_dir, task))
    except (OSError, EOFError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
        return None  # a damaged export costs speed, never labels
    return scorer if scorer.model_sha256 == current and scorer.task == task else None
