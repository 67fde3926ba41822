"""Comparing configurations on the real set: scores per summary and per gold unit, the choice on dev."""

from __future__ import annotations

from pipeline.classifiers.compare import RealDocument, best_on_dev, comparison_table, score_on_real


class Fixed:
    """A stand-in model that labels a text by the categories named in it."""

    def predict(self, texts):
        return [tuple(c for c in ("reception", "dispute_screening") if c in t) for t in texts]


def _documents():
    return [
        RealDocument("dev", {"measures": {"reception"}, "problems": set()},
                     {"measures": ["reception here", "dispute_screening here"], "problems": []},
                     [("measure", "reception here", frozenset({"reception"}))]),
        RealDocument("test", {"measures": {"dispute_screening"}, "problems": set()},
                     {"measures": ["dispute_screening"], "problems": []}, []),
    ]


def test_compare_scores_summaries_and_gold_units_per_split() -> None:
    dev = score_on_real(Fixed(), "measures", _documents(), "dev")
    assert dev["documents"] == 1
    assert dev["summary"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}
    assert dev["gold_units"]["f1"] == 1.0 and dev["n_gold_units"] == 1
    assert score_on_real(Fixed(), "measures", _documents(), "test")["summary"]["f1"] == 1.0


def test_compare_best_on_dev_ignores_test_and_breaks_ties_by_cross_validation() -> None:
    row = lambda dev, test, cv: {"cv_macro_f1": cv, "dev": {"summary": {"f1": dev}, "gold_units": {"f1": 0}},  # noqa: E731
                                 "test": {"summary": {"f1": test}, "gold_units": {"f1": 0}}}
    results = {"measures": {"a": row(0.7, 0.9, 0.8), "b": row(0.8, 0.1, 0.7), "c": row(0.8, 0.2, 0.9)}}
    assert best_on_dev(results) == {"measures": "c"}
    assert len(comparison_table(results)) == 2 + 3
