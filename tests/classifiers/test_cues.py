"""Every cue entry's example triggers its own category; cue files are validated."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from pipeline.classifiers.cues import CueFile, cue_entries, cue_hits
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
