"""The zero-width screen before an alternation: when it is added, and that it never changes a match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.lexicon import any_of, any_of_source
from pipeline.regex_screen import _build, screened

# (alternatives, flags, the screen expected: None for none, else whether it requires a word boundary)
CASES = [
    (("establish", "improv(?:e|ed)", "carr(?:y|ied) out", "held"), re.IGNORECASE, False),
    ((r"\bestablish", r"\bimprov(?:e|ed)\b", r"(?<!been )\badopted\b", r"\bheld\b"), re.IGNORECASE, True),
    ((r"\bestablish", r"\bimprov(?:e|ed)\b", "held", r"\bhold"), re.IGNORECASE, False),  # one without \b
    (("(?:进一步|继续)加强", "(?:矛盾|纠纷)突出", "(?:难以|无法)化解", "(?:积案|难案)较多"), re.IGNORECASE, False),
    ((r"(?:^\s*from\s+(?:the\s+)?$)", "last year", "previous year", "the year before"), re.IGNORECASE, False),
    # negative cases: no screen
    (("加强", "开展", "建立", "落实"), re.IGNORECASE, None),  # literals re already skips at a glance
    (("[0-9]件", "[一二]人", "[0-9]次", "[三四]起"), 0, None),  # classes re already skips at a glance
    (("[0-9]+件", "[0-9]+人", "[0-9]+次", "[0-9]+起"), 0, False),  # a repeat: re tries it everywhere
    (("establish", "improve"), re.IGNORECASE, None),  # too few alternatives to pay
    ((r"\w+ing", "held", "hold", "took"), re.IGNORECASE, None),  # may start anywhere
    (("x?", "held", "hold", "took"), re.IGNORECASE, None),  # may match nothing
]


def test_a_pattern_with_a_global_flag_is_left_as_it_is():
    source = "(?x)  held | hold | took | made"  # a global flag must open the pattern: a screen cannot go first
    assert _build(source, re.IGNORECASE) == "" and screened(source, re.IGNORECASE) == source
    assert re.compile(screened(source, re.IGNORECASE), re.IGNORECASE).search("we TOOK it").span() == (3, 7)


@pytest.mark.parametrize("alternatives, flags, boundary", CASES)
def test_screen_added_only_where_it_pays(alternatives, flags, boundary):
    source = any_of_source(alternatives)
    built = _build(source, flags)
    if boundary is None:
        assert built == ""
        assert screened(source, flags) == source
    else:
        assert built.startswith(r"(?=\b(?i:[" if boundary else "(?=(?i:[")
        assert built.endswith(f"(?:{source})")


TEXTS = ["We established 3 centres and improved the hotline.", "Cases held over; they were carried out.",
         "It has been adopted. We adopted it.", "From the 2020 figure, last year's cases", "FROM ",
         "ESTABLISHED, Improving", "\u212aept, ſettled", "进一步加强调解，矛盾突出，难以化解的积案较多。", ""]


@pytest.mark.parametrize("alternatives, flags, boundary", CASES)
@pytest.mark.parametrize("text", TEXTS)
def test_screened_pattern_finds_the_same_matches(alternatives, flags, boundary, text):
    plain = re.compile(any_of_source(alternatives), flags)
    screened_pattern = any_of(list(alternatives), flags)
    assert [m.span() for m in screened_pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for pos in range(len(text) + 1):
        first, second = plain.search(text, pos), screened_pattern.search(text, pos)
        assert (first and first.span()) == (second and second.span())
        first, second = plain.match(text, pos), screened_pattern.match(text, pos)
        assert (first and first.span()) == (second and second.span())


WORDS = ["establish", "held", "hold", "Held", "HOLD", "improved", "been adopted", "adopted", "year", "from",
         "the", " ", "\n", ",", "加强", "矛盾", "突出", "难以", "化解", "ſ", "\u212a", "İ", "3"]
ALTERNATIVES = [r"\bheld\b", r"\bhold", "improv(?:e|ed)", r"(?<!been )\badopted\b", r"(?:^\s*from\s+$)",
                "(?:矛盾|纠纷)突出", "(?:难以|无法)化解", "(?-i:Held)", r"\bk", "s"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12),
       st.lists(st.sampled_from(ALTERNATIVES), min_size=4, max_size=8, unique=True),
       st.sampled_from([0, re.IGNORECASE]))
def test_screen_never_changes_a_match(words, alternatives, flags):
    text = "".join(words)
    source = any_of_source(alternatives)
    plain = re.compile(source, flags)
    screened_pattern = re.compile(_build(source, flags) or source, flags)  # _build: no cache entry per example
    assert [m.span() for m in screened_pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
