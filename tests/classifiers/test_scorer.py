"""The exported scorer: the model's probabilities without scikit-learn; stale or unsafe files are refused."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.classifiers import apply
from pipeline.classifiers.data import load_units
from pipeline.classifiers.features import char_wb_ngrams, decide
from pipeline.classifiers.model_io import load_classifier
from pipeline.classifiers.scorer import (MODELS_DIR, load_scorer, matching_scorer, model_file, save_scorer,
                                         scorer_file)

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "corpus" / "labels"
TASKS = ("measures", "problems")


@pytest.mark.parametrize("task", TASKS)
def test_committed_scorer_matches_its_committed_model(task: str) -> None:
    scorer = matching_scorer(task)
    assert scorer is not None, "models/*.scorer.npz is missing or stale: run `petition-miner train`"
    assert scorer.task == task


@pytest.mark.parametrize("task", TASKS)
def test_scorer_gives_the_probabilities_of_the_model_on_every_labelled_unit(task: str) -> None:
    texts = [unit.text for unit in load_units(LABELS, task)] + ["", "   ", "x", "信访", "Petitions."]
    scorer, model = matching_scorer(task), load_classifier(task)
    ours, theirs = scorer.probabilities(texts), model.predict_proba(texts)
    assert np.abs(ours - theirs).max() < 1e-12
    assert (decide(ours, scorer.thresholds) == decide(theirs, model.thresholds_)).all()
    assert scorer.classes == tuple(map(str, model.classes_))


def test_labelling_imports_neither_scikit_learn_nor_skops() -> None:
    code = ("import sys; from pipeline.classifiers.apply import label; "
            "print(label(['开展矛盾纠纷排查化解。'], 'measures')[0][0]); "
            "assert 'sklearn' not in sys.modules and 'skops' not in sys.modules, 'heavy import'")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def _copy_models(target: Path) -> Path:
    for task in TASKS:
        shutil.copy2(model_file(MODELS_DIR, task), model_file(target, task))
        shutil.copy2(scorer_file(MODELS_DIR, task), scorer_file(target, task))
    return target


def test_a_scorer_exported_from_another_model_file_is_stale(tmp_path: Path) -> None:
    models = _copy_models(tmp_path)
    assert matching_scorer("problems", models) is not None
    model_file(models, "problems").write_bytes(model_file(models, "problems").read_bytes() + b"\0")
    matching_scorer.cache_clear()
    assert matching_scorer("problems", models) is None  # labelling then falls back to the model


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_an_unreadable_scorer_is_refused(tmp_path: Path, content: bytes) -> None:
    models = _copy_models(tmp_path)
    scorer_file(models, "measures").write_bytes(content)
    matching_scorer.cache_clear()
    assert matching_scorer("measures", models) is None


def test_a_scorer_holding_pickled_objects_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "measures.scorer.npz"
    np.savez(path, meta=np.array([{"format": 1}], dtype=object))
    with pytest.raises(ValueError):
        load_scorer(path)


def test_save_scorer_round_trips(tmp_path: Path) -> None:
    models = _copy_models(tmp_path)
    model = load_classifier("problems")
    save_scorer(model, models)
    texts = ["信访工作经费不足。", "Some petitioners make unreasonable demands."]
    np.testing.assert_array_equal(load_scorer(scorer_file(models, "problems")).probabilities(texts),
                                  matching_scorer("problems").probabilities(texts))


def test_label_falls_back_to_the_model_when_no_scorer_matches(monkeypatch) -> None:
    texts = ["开展矛盾纠纷排查化解。", "We held monthly joint meetings on petitions."]
    with_scorer = apply.label(texts, "measures")
    monkeypatch.setattr(apply, "_scorer", lambda task: None)
    assert apply.label(texts, "measures") == with_scorer


WORDS = st.text(alphabet="ab 信访\t\u3000,.", max_size=12)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.sampled_from([(1, 1), (1, 2), (2, 4), (3, 3)]))
def test_char_wb_ngrams_are_scikit_learns(text: str, ngram_range: tuple[int, int]) -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    analyzer = CountVectorizer(analyzer="char_wb", ngram_range=ngram_range, lowercase=False).build_analyzer()
    assert char_wb_ngrams(text, *ngram_range) == analyzer(text)


def test_a_scorer_whose_terms_collapse_is_refused(tmp_path: Path) -> None:
    # numpy string arrays drop trailing NULs: two terms that differ only there become one
    path = tmp_path / "measures.scorer.npz"
    with np.load(scorer_file(MODELS_DIR, "measures"), allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    terms = arrays["words.terms"].copy()
    terms[1] = terms[0]
    arrays["words.terms"] = terms
    np.savez(path, **arrays)
    with pytest.raises(ValueError, match="vocabulary"):
        load_scorer(path)


# ---- the batch featuriser equals the reference, for any configuration ---------------------------

MIXED = st.text(alphabet="信访件办结率矛盾纠紛調處網格aAbBeEsStT09 \t\n\u3000。，,.-'😀", max_size=60)
CONFIGS = [  # (zh_ngram_range, en_ngram_range, use_chars, use_words, min_df)
    ((1, 1), (1, 1), True, False, 1),
    ((1, 3), (3, 5), True, True, 2),
    ((2, 2), (5, 7), True, True, 1),
    ((1, 2), (2, 4), False, True, 2),
]


@pytest.fixture(scope="module", params=CONFIGS, ids=lambda c: f"zh{c[0]}-en{c[1]}-chars{c[2]}-words{c[3]}")
def configured_scorer(request, tmp_path_factory):
    """A scorer exported from a model fitted with one configuration (a small sample of the labels)."""
    from pipeline.classifiers.data import label_matrix, task_spec
    from pipeline.classifiers.learned import LearnedClassifier
    from pipeline.classifiers.scorer import export_arrays

    zh_range, en_range, use_chars, use_words, min_df = request.param
    units = load_units(LABELS, "problems")[::3]
    texts = [unit.text for unit in units]
    model = LearnedClassifier(task="problems", zh_ngram_range=zh_range, en_ngram_range=en_range, use_chars=use_chars,
                              use_words=use_words, min_df=min_df, n_folds=2)
    model.fit(texts, label_matrix(units, task_spec("problems")[1]))
    path = tmp_path_factory.mktemp("scorer") / "problems.scorer.npz"
    np.savez(path, **export_arrays(model, "0" * 64))
    return load_scorer(path), model, texts


def _same_csr(fast, reference) -> None:
    assert fast.shape == reference.shape
    for part in ("indptr", "indices", "data"):
        np.testing.assert_array_equal(getattr(fast, part), getattr(reference, part))


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(MIXED, max_size=8))
def test_every_block_equals_its_reference_on_random_texts(configured_scorer, texts: list[str]) -> None:
    scorer, _model, _ = configured_scorer
    for block in scorer.blocks:
        _same_csr(block.matrix(texts, scorer.task), block.reference_matrix(texts, scorer.task))


def test_configured_scorer_equals_its_reference_and_its_model(configured_scorer) -> None:
    scorer, model, texts = configured_scorer
    texts = texts + ["", "😀", "信访 信访", "Petitions. PETITIONS"]
    fast = scorer.probabilities(texts)
    np.testing.assert_array_equal(fast, scorer.probabilities(texts, reference=True))
    assert np.abs(fast - model.predict_proba(texts)).max() < 1e-12


@pytest.mark.parametrize("task", TASKS)
def test_labels_and_scores_of_the_saved_models_are_the_references_on_the_corpus_units(task: str) -> None:
    from pipeline.classifiers.apply import SCORE_DIGITS

    texts = [unit.text for unit in load_units(LABELS, task)]
    texts = texts + texts[:50] + ["", "   ", "信访", "Petitions."]  # repeated texts are scored once
    scorer = matching_scorer(task)
    reference = scorer.probabilities(texts, reference=True)
    np.testing.assert_array_equal(scorer.probabilities(texts), reference)
    decisions = decide(reference, scorer.thresholds, apply.FALLBACK_FLOOR[task])
    expected = [(tuple(name for name, chosen in zip(scorer.classes, row) if chosen),
                 {name: round(float(value), SCORE_DIGITS) for name, value in zip(scorer.classes, scores)})
                for row, scores in zip(decisions, reference)]
    assert apply.label(texts, task) == expected
