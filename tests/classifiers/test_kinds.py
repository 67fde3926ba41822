"""The unit kind model: fitted from labels, exported to arrays, read back without scikit-learn."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.classifiers.kinds import KIND_FILE, fit_kinds, kind_scorer, kind_text, load_kinds, save_kinds

MEASURES = ["成立信访工作领导小组，实行领导包案", "每月开展一次矛盾纠纷排查", "设立信访接待室，配齐办公设备",
            "The town set up a leading group for petition work", "Leaders receive visitors every Monday"] * 3
PROBLEMS = ["信访干部力量不足，专职人员少", "部分群众法律意识淡薄，缠访闹访", "历史遗留问题多，化解难度大",
            "The petition staff is insufficient", "Some petitioners make unreasonable demands"] * 3


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kinds")
    vectorizer, model = fit_kinds(MEASURES, PROBLEMS)
    save_kinds(vectorizer, model, folder)
    return vectorizer, model, folder


def test_kinds_exported_scorer_gives_the_models_probabilities(exported) -> None:
    vectorizer, model, folder = exported
    texts = ["镇里实行领导包案制度", "信访工作人员不足", "The staff is insufficient", "鎮(zhèn)裏成立領導小組"]
    expected = model.predict_proba(vectorizer.transform([kind_text(t) for t in texts]))[:, 1]
    assert np.allclose(load_kinds(folder / KIND_FILE).problem_probability(texts), expected)


def test_kinds_tell_problems_from_measures(exported) -> None:
    _, _, folder = exported
    scores = load_kinds(folder / KIND_FILE).problem_probability(["专职人员少，力量不足", "开展矛盾纠纷排查"])
    assert scores[0] > 0.5 > scores[1]


def test_kinds_text_is_read_without_glosses_and_folded() -> None:
    assert kind_text("鎮(zhèn)黨委") == kind_text("镇党委")


def test_kinds_missing_model_gives_no_scorer(tmp_path) -> None:
    assert kind_scorer(tmp_path) is None
    (tmp_path / KIND_FILE).write_bytes(b"not an npz")
    kind_scorer.cache_clear()
    assert kind_scorer(tmp_path) is None


def test_kind_batch_scores_equal_the_one_text_reference() -> None:
    """The batch path (gram_index counts, bincount sums) equals the Python one within rounding."""
    import numpy as np

    from pipeline.classifiers.data import load_units
    from pipeline.classifiers.kinds import kind_scorer

    scorer = kind_scorer()
    assert scorer is not None
    texts = [u.text for u in load_units(Path(__file__).resolve().parents[2] / "corpus" / "labels", "problems")]
    texts += ["", "   ", "信访", "Petitions.", "乾隆 瞭解", "群眾來訪 (qún zhòng)", "x" * 500]
    np.testing.assert_allclose(scorer.problem_probability(texts), scorer.reference_probability(texts),
                               rtol=0, atol=1e-12)
    assert scorer.problem_probability([]).shape == (0,)
