"""Batch term counts: the numpy char_wb counts and word counts equal counting the reference n-grams one by one."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.classifiers.features import char_wb_ngrams
from pipeline.classifiers.gram_index import GramIndex, char_wb_counts, code_points, term_counts

# Chinese (simplified and traditional), English, digits, emoji (outside the BMP), whitespace of
# several kinds (str.split splits on all of them), punctuation and a lone surrogate
ALPHABET = "信访件办结率矛盾纠紛調處aAbBeEsSz09 \t\n\u3000\u00a0\u2028。，,.-'😀🀄\ud800"
TEXTS = st.text(alphabet=ALPHABET, max_size=40)
RANGES = st.integers(1, 6).flatmap(lambda low: st.tuples(st.just(low), st.integers(low, low + 3)))


def reference_counts(texts: list[str], vocabulary: dict[str, int], low: int, high: int) -> np.ndarray:
    dense = np.zeros((len(texts), max(vocabulary.values(), default=-1) + 2))
    for row, text in enumerate(texts):
        for gram, count in Counter(char_wb_ngrams(text, low, high)).items():
            if gram in vocabulary:
                dense[row, vocabulary[gram]] = count
    return dense


@st.composite
def vocabularies(draw, low: int, high: int) -> dict[str, int]:
    """Terms the analyzer makes from some texts, plus arbitrary strings, on shuffled columns."""
    terms = {gram for text in draw(st.lists(TEXTS, max_size=4)) for gram in char_wb_ngrams(text, low, high)}
    terms |= set(draw(st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=high + 2), max_size=6)))
    terms = sorted(terms)
    columns = draw(st.permutations(range(len(terms)))) if terms else []
    return dict(zip(terms, columns))


def _canonical_equal(fast, dense: np.ndarray) -> None:
    assert fast.has_canonical_format  # sorted indices, no duplicates: the one CSR of these numbers
    assert not (fast.data == 0).any()
    np.testing.assert_array_equal(fast.toarray(), dense)


def _drawn(data, low: int, high: int) -> tuple[dict[str, int], list[str], int]:
    """A vocabulary of n-grams in the range, texts to count them in, and a column count above it."""
    vocabulary = data.draw(vocabularies(low, high))
    texts = data.draw(st.lists(TEXTS, max_size=6))
    return vocabulary, texts, max(vocabulary.values(), default=-1) + 2


@settings(max_examples=400, deadline=None)
@given(st.data(), RANGES)
def test_char_wb_counts_equal_counting_the_reference_ngrams(data, ngram_range: tuple[int, int]) -> None:
    low, high = ngram_range
    vocabulary, texts, size = _drawn(data, low, high)
    fast = char_wb_counts(texts, GramIndex(vocabulary), low, high, size)
    _canonical_equal(fast, reference_counts(texts, vocabulary, low, high))


@pytest.mark.parametrize(("texts", "low", "high", "expected"), [
    (["信访 信访"], 1, 2, {" 信": 2, "信访": 2, "信": 2}),
    (["ab"], 4, 5, {" ab ": 1}),               # a padded word shorter than low: itself once
    (["ab abcd"], 4, 4, {" ab ": 1, " abc": 1}),
    (["", " \u3000\t"], 1, 3, {}),              # no words, no grams
    (["x😀 😀"], 2, 2, {"x😀": 1, " 😀": 1}),       # characters outside the BMP are one code point
])
def test_char_wb_counts_cases(texts: list[str], low: int, high: int, expected: dict[str, int]) -> None:
    vocabulary = {term: j for j, term in enumerate(sorted({" 信", "信访", "信", " ab ", " abc", "x😀", " 😀", "zz"}))}
    counts = char_wb_counts(texts, GramIndex(vocabulary), low, high, len(vocabulary))
    found = {term: counts[0, j] for term, j in vocabulary.items() if counts[0, j]}
    assert found == expected
    assert counts.sum() == sum(expected.values())


def test_gram_index_of_an_empty_vocabulary_finds_nothing() -> None:
    counts = char_wb_counts(["信访 petitions"], GramIndex({}), 1, 3, 0)
    assert counts.shape == (1, 0) and counts.nnz == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["信访", "办结", "a", "a b", "", "😀"]), max_size=8), max_size=5),
       st.sets(st.sampled_from(["信访", "办结", "a", "a b", "😀", "zz"])))
def test_term_counts_equal_counting_each_list(terms: list[list[str]], known: set[str]) -> None:
    vocabulary = {term: j for j, term in enumerate(sorted(known))}
    dense = np.zeros((len(terms), len(vocabulary)))
    for row, listed in enumerate(terms):
        for term, count in Counter(listed).items():
            if term in vocabulary:
                dense[row, vocabulary[term]] = count
    _canonical_equal(term_counts(terms, vocabulary, len(vocabulary)), dense)


def test_code_points_keep_astral_characters_and_lone_surrogates_whole() -> None:
    assert code_points("a😀\ud800信").tolist() == [0x61, 0x1F600, 0xD800, 0x4FE1]


@settings(max_examples=150, deadline=None)
@given(st.data(), RANGES)
def test_dense_first_level_counts_as_the_binary_search_does(data, ngram_range: tuple[int, int]) -> None:
    low, high = ngram_range
    vocabulary, texts, size = _drawn(data, low, high)
    dense, searched = GramIndex(vocabulary), GramIndex(vocabulary)
    searched.first = None  # level 0 by binary search, as every other level
    np.testing.assert_array_equal(char_wb_counts(texts, dense, low, high, size).toarray(),
                                  char_wb_counts(texts, searched, low, high, size).toarray())


@pytest.mark.parametrize(("vocabulary", "dense"), [
    ({"信": 0, "访": 1, "😀": 2}, True),
    ({"信": 0, "\U000e0100": 1}, False),  # a code point above the dense limit: binary search throughout
])
def test_gram_index_reads_level_zero_densely_below_the_limit(vocabulary: dict[str, int], dense: bool) -> None:
    index = GramIndex(vocabulary)
    assert (index.first is not None) == dense
    counts = char_wb_counts(["信 访\U000e0100 信"], index, 1, 1, len(vocabulary))
    expected = {"信": 2, "访": 1, "😀": 0, "\U000e0100": 1}
    assert [counts[0, j] for j in vocabulary.values()] == [expected[term] for term in vocabulary]


@settings(max_examples=60, deadline=None)
@given(st.data(), RANGES)
def test_index_rebuilt_from_its_levels_counts_as_the_original(data, ngram_range: tuple[int, int]) -> None:
    """The build cache stores an index by its levels: rebuilt, it reads level 0 densely as well."""
    low, high = ngram_range
    vocabulary, texts, size = _drawn(data, low, high)
    built = GramIndex(vocabulary)
    rebuilt = GramIndex.from_levels(built.keys, built.columns)
    assert (rebuilt.first is None) == (built.first is None)
    np.testing.assert_array_equal(char_wb_counts(texts, rebuilt, low, high, size).toarray(),
                                  char_wb_counts(texts, built, low, high, size).toarray())
