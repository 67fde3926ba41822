"""Every cue entry's example triggers its own category; cue files are validated; batch hits equal per-text hits."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pipeline.classifiers.cues import CueFile, compiled_cues, cue_entries, cue_hits, hit_matrix
from pipeline.classifiers.keyword import KeywordClassifier
from pipeline.schema import MEASURE_CATEGORIES, PROBLEM_CATEGORIES

CASES = [(task, lang, entry.category, entry.example)
         for task in ("measures", "problems") for lang in ("zh", "en")
         for entry in cue_entries(task, lang)]


@pytest.mark.parametrize(("task", "lang", "category", "example"), CASES,
                         ids=[f"{t}-{lang}-{c}" for t, lang, c, _ in CASES])
def test_cue_example_triggers_its_category(task: str, lang: str, category: str, example: str) -> None:
    assert cue_hits(example, task)[category] > 0
    assert category in KeywordClassifier(task=task).fit([example]).predict([example])[0]


@pytest.mark.parametrize(("task", "vocabulary"), [("measures", MEASURE_CATEGORIES),
                                                  ("problems", PROBLEM_CATEGORIES)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cue_files_cover_every_category_once(task: str, vocabulary: tuple[str, ...], lang: str) -> None:
    assert sorted(entry.category for entry in cue_entries(task, lang)) == sorted(vocabulary)


def test_cue_file_rejects_invalid_regular_expression() -> None:
    bad = {"entries": [{"category": "reception", "cues": ["接访("], "example": "接访"}]}
    with pytest.raises(ValidationError, match="not a valid regular expression"):
        CueFile.model_validate(bad)


def test_cue_file_rejects_unknown_keys() -> None:
    bad = {"entries": [{"category": "reception", "cues": ["接访"], "example": "接访", "weight": 2}]}
    with pytest.raises(ValidationError):
        CueFile.model_validate(bad)


def _labelled_texts(task: str) -> list[str]:
    from pathlib import Path

    from pipeline.classifiers.data import load_units

    labels = Path(__file__).resolve().parents[2] / "corpus" / "labels"
    return [unit.text for unit in load_units(labels, task)]


@pytest.mark.parametrize("task", ["measures", "problems"])
def test_hit_matrix_is_cue_hits_of_every_text(task: str) -> None:
    texts = _labelled_texts(task) + [entry.example for lang in ("zh", "en") for entry in cue_entries(task, lang)]
    texts += ["", "\0", "ΣΥΣΤΗΜΑ İNCIDENTS", "领导小组\0领导小组"]  # the batch is joined with NUL: no hit across it
    expected = np.array([list(cue_hits(text, task).values()) for text in texts])
    np.testing.assert_array_equal(hit_matrix(texts, task), expected)
    assert hit_matrix([], task).shape == (0, expected.shape[1])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="领导小组接访信访排查矛盾纠纷 \0abcLEADINGgroupsetup", max_size=30), max_size=6))
def test_hit_matrix_is_cue_hits_on_random_texts(texts: list[str]) -> None:
    for task in ("measures", "problems"):
        expected = np.array([list(cue_hits(text, task).values()) for text in texts], dtype=np.int64)
        expected = expected.reshape(len(texts), len(compiled_cues(task)))
        np.testing.assert_array_equal(hit_matrix(texts, task), expected)
