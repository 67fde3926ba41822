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
