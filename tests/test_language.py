"""Language of a summary from its script mix: one text at a time and a whole batch at once agree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.language import SAMPLE, detect_language, detect_languages


@pytest.mark.parametrize(("text", "expected"), [
    ("开展矛盾纠纷排查化解。", "zh"),
    ("We held monthly joint meetings on petitions.", "en"),
    ("", "zh"),                                   # no letters at all
    ("2024 。，😀", "zh"),
    ("a" * 10 + "信", "zh"),                      # one Han character weighs as much as ten letters
    ("a" * 11 + "信", "en"),
    ("網格化管理", "zh"),                          # traditional characters are Han
    ("x" * SAMPLE + "信访" * 100, "en"),           # only the start is read
])
def test_detect_language_cases(text: str, expected: str) -> None:
    assert detect_language(text) == expected
    assert detect_languages([text]) == [expected]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="信访網格aZz09 \u3400\u4dbf\u4e00\u9fff\uf900\ufaff\u3399\ufb00@[`{😀\ud800", max_size=40),
                max_size=8))
def test_detect_languages_is_detect_language_of_each_text(texts: list[str]) -> None:
    assert detect_languages(texts) == [detect_language(text) for text in texts]
