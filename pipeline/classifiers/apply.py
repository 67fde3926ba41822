"""Labels extracted units with the trained classifiers (loaded once per process), in batches: with
the weights exported next to each model (scorer.py) when they match it, else with the model itself."""

from __future__ import annotations

from functools import lru_cache
from itertools import islice, repeat
from typing import Sequence

from pipeline.schema import Record

SCORE_DIGITS = 3
TASK_FIELDS = {"measures": "measures", "problems": "problems"}


@lru_cache(maxsize=None)
def _model(task: str):
    from pipeline.classifiers.model_io import load_classifier

    return load_classifier(task)


@lru_cache(maxsize=None)
def _linear(task: str):
    """(features, weights, intercepts) of a one-vs-rest logistic model, for one matrix product
    instead of one call per category; None when an estimator is not linear."""
    import numpy as np

    model = _model(task)
    estimators = model.pipeline_.named_steps["model"].estimators_
    if not all(hasattr(e, "coef_") for e in estimators):
        return None
    weights = np.vstack([e.coef_.ravel() for e in estimators])
    intercepts = np.array([float(np.ravel(e.intercept_)[0]) for e in estimators])
    return model.pipeline_.named_steps["features"], weights, intercepts


# An extracted unit below every threshold takes its top category only from this score on: below
# it the model has no idea. Chosen on the real set's dev split: measures among 0.1/0.2/0.3 (measure
# categories per summary .803 -> .805; the own corpus's morning documents .929 -> .930); problems
# among 0.1-0.3 (problem categories per summary .765 at 0.1-0.14, .788 at 0.15-0.19, .750 from 0.2;
# own corpus .879 -> .881, c51 .917 unchanged at 0.16): a problem stated in passing in a news item
# or an essay often fits no category well, and its weak top category is then mostly wrong.
FALLBACK_FLOOR = {"measures": 0.1, "problems": 0.16}

def warm_up() -> None:
    """Load both models and the word segmenter by labelling each cue file's examples, so that
    processes forked afterwards start ready instead of loading them again."""
    from pipeline.classifiers.cues import cue_entries
    from pipeline.lexicon import LANGUAGES

    for task in TASK_FIELDS:
        label([entry.example for lang in LANGUAGES for entry in cue_entries(task, lang)], task)


def forget_texts() -> None:
    """Drop the per-text memos of the classifiers' features (a benchmark clears them between
    passes over the same texts, so that it times work and not lookups)."""
    from pipeline.classifiers.cues import _hit_counts
    from pipeline.classifiers.features import language_of, word_features

    for memo in (_hit_counts, word_features, language_of):
        memo.cache_clear()


def _scorer(task: str):
    from pipeline.classifiers.scorer import matching_scorer

    return matching_scorer(task)


def _probabilities(texts: list[str], task: str):
    scorer = _scorer(task)
    if scorer is not None:
        return scorer.probabilities(texts)
    linear = _linear(task)
    if linear is None:
        return _model(task).predict_proba(texts)
    from scipy.special import expit

    features, weights, intercepts = linear
    return expit(_union(features, texts) @ weights.T + intercepts)


def _union(features, texts: list[str]):
    """FeatureUnion.transform without its per-call job dispatch (the same matrix)."""
    from scipy import sparse

    blocks = []
    for name, transformer in features.transformer_list:
        if transformer in (None, "drop"):
            continue
        block = transformer.transform(texts)
        weight = (features.transformer_weights or {}).get(name)
        blocks.append(block * weight if weight is not None else block)
    return sparse.hstack(blocks).tocsr()


def label(texts: Sequence[str], task: str) -> list[tuple[tuple[str, ...], dict[str, float]]]:
    """(categories, per-category scores) for each text; task is 'measures' or 'problems'. Each
    distinct text is scored once (rows are independent: a repeated text gets the same numbers)."""
    distinct = list(dict.fromkeys(texts))
    categories, scores = _label_distinct(distinct, task)
    row = {text: n for n, text in enumerate(distinct)}
    return [(categories[row[text]], dict(scores[row[text]])) for text in texts]


def _label_distinct(texts: list[str], task: str) -> tuple[list[tuple[str, ...]], list[dict[str, float]]]:
    """The categories and the scores (rounded to SCORE_DIGITS) of each of texts, in two lists."""
    if not texts:
        return [], []
    from pipeline.classifiers.features import decide

    scorer = _scorer(task)
    classes, thresholds = (scorer.classes, scorer.thresholds) if scorer is not None else \
        (_model(task).classes_, _model(task).thresholds_)
    names = [str(c) for c in classes]
    probabilities = _probabilities(texts, task)
    categories = [tuple(name for name, chosen in zip(names, row) if chosen)
                  for row in decide(probabilities, thresholds, FALLBACK_FLOOR[task]).tolist()]
    return categories, [dict(zip(names, map(round, row, repeat(SCORE_DIGITS)))) for row in probabilities.tolist()]


def label_records(records: Sequence[Record]) -> list[Record]:
    """The records with every measure and problem labelled, in one model call per task; a unit is
    read without pinyin glosses and folded (traditional characters as simplified), as the models
    were trained. Each distinct text is labelled once; few objects are made per unit (a batch is
    large, and the garbage collector's full passes grow with what it allocates)."""
    from pipeline.fold import fold
    from pipeline.glosses import without_glosses

    updates: list[dict] = [{} for _ in records]
    read: dict[str, str] = {}
    for task, field in TASK_FIELDS.items():
        texts = [read[unit.text] if unit.text in read else read.setdefault(unit.text, fold(without_glosses(unit.text)))
                 for record in records for unit in getattr(record, field)]
        distinct = list(dict.fromkeys(texts))
        categories, scores = _label_distinct(distinct, task)
        row = {text: n for n, text in enumerate(distinct)}
        rows = map(row.__getitem__, texts)
        for update, record in zip(updates, records):
            units = getattr(record, field)
            if units:
                update[field] = tuple(unit.model_copy(update={"categories": categories[n], "scores": dict(scores[n])})
                                      for unit, n in zip(units, islice(rows, len(units))))
    return [record.model_copy(update=update) if update else record for record, update in zip(records, updates)]
