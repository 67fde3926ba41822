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


# The English cues follow the GUIDE's conventions as the Chinese ones do: settling or mediating a dispute is
# dispute_screening; one kind of mediation alone links nothing (coordination needs two, as 人民调解…行政调解);
# the citizen line's work orders are online_digital; 'according to laws' handles by law. Negatives beside.
@pytest.mark.parametrize(("lang", "text", "category", "hit"), [
    ("en", "The mediators of the town settled the quarrel over the fence", "dispute_screening", True),
    ("en", "The two neighbours' dispute was resolved by the village committee", "dispute_screening", True),
    ("en", "The mediators of the town settled the quarrel over the fence", "coordination", False),
    ("en", "People's mediation and administrative mediation were linked at the centre", "coordination", True),
    ("en", "A people's mediation room was opened in the old school", "coordination", False),
    ("en", "The 12345 work orders were signed for within two hours", "online_digital", True),
    ("en", "The work of the office was put in order before the inspection", "online_digital", False),
    ("en", "Each case was dealt with according to laws and regulations", "law_based_handling", True),
    ("en", "The lawns of the square were watered", "law_based_handling", False),
    ("zh", "人民调解与行政调解相互衔接", "coordination", True),
    ("zh", "镇里新设一间人民调解室", "coordination", False),
], ids=["en-mediators", "en-dispute-resolved", "en-one-mediator-no-link", "en-two-mediations", "en-one-mediation",
        "en-work-orders", "en-in-order", "en-according-to-laws", "en-lawns", "zh-two-mediations", "zh-one-mediation"])
def test_cue_hits_follow_the_guide(lang: str, text: str, category: str, hit: bool) -> None:
    assert (cue_hits(text, "measures")[category] > 0) is hit
