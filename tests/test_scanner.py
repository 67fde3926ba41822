"""The pattern scanner: its word-start filter and prefix lists change nothing against an unfiltered reference."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

LANGS = ("zh", "en")


# ---- the scanner's word-start filter changes nothing ------------------------------------------

def _reference_scan(scanner, text: str) -> list[tuple[int, int, int]]:
    """The scanner without its filters: every character that can start a pattern is tried
    (ASCII letters at word starts only), in order."""
    found, pos = [], 0
    while pos < len(text):
        char = text[pos]
        entry = scanner._dispatch.get(char)
        at_word_start = not (char.isascii() and char.isalpha()) or pos == 0 or not (
            text[pos - 1].isascii() and text[pos - 1].isalpha())
        match = entry[0].match(text, pos) if entry is not None and at_word_start else None
        if match is None or match.end() == pos:
            pos += 1
            continue
        found.append((entry[1][match.lastindex][0], pos, match.end()))
        pos = match.end()
    return found


WORDS = ["the", "a", "about", "approximately", "over", "one", "two", "ten", "twenty-one", "third", "thirty",
         "Three", "Guarantees", "March", "Article", "No.", "page", "views:", "cases", "percent", "%", "times",
         "village", "of", "1", "12", "2023", "3.5", "45,000", "0871-1234567", "X", "XX", "\u00a0", "\t", "\n",
         "(", ")", "“", "”", ",", ".", "Q1", "G318", "一", "十二", "件", "访", "百分之", "个百分点", "第",
         "ſecond", "sſ", "\u212aey", "İn", "twenty\u00a0one", "\u3000"]  # letters that fold to ASCII only inside re


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_scanner_equals_the_unfiltered_reference_on_the_corpus(lang: str) -> None:
    from pipeline.ingest import load_source
    from pipeline.numbers import _grammar

    scanner = _grammar(lang).scanner
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    texts = [load_source(path).text for path in sorted(corpus.glob(f"{lang}_*.txt"))]
    assert texts
    for text in texts:
        assert [(i, s, e) for i, s, e, _ in scanner.scan(text)] == _reference_scan(scanner, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.lists(st.sampled_from(["", " ", "  "]), max_size=25),
       st.sampled_from(LANGS))
def test_numbers_scanner_equals_the_unfiltered_reference(words: list[str], gaps: list[str], lang: str) -> None:
    from pipeline.numbers import _grammar

    text = "".join(word + (gaps[i] if i < len(gaps) else " ") for i, word in enumerate(words))
    scanner = _grammar(lang).scanner
    assert [(i, s, e) for i, s, e, _ in scanner.scan(text)] == _reference_scan(scanner, text)


@pytest.mark.parametrize(
    ("pattern", "flags", "letter", "expected"),
    [
        # PREFIX_LENGTH (5) characters of each match start
        (r"\babout\s+[0-9]+", re.IGNORECASE, "a", {"about"}),
        (r"\b(?:one|two)\b", re.IGNORECASE, "t", {"two"}),                  # a match may be shorter
        (r"(?-i:\bThree(?:[\s-]+[A-Z][a-z]+)+)", 0, "t", {"three"}),
        (r"\ba\s+(?:total|few)", re.IGNORECASE, "a",                         # whitespace as " "
         {"a tot", "a few", "a  to", "a  fe", "a   t", "a   f", "a    "}),
        (r"[a-z]+[0-9]", re.IGNORECASE, "a", None),                            # too many to list
    ],
)
def test_numbers_word_starts_of_a_pattern(pattern: str, flags: int, letter: str, expected) -> None:
    from pipeline.scanner import PatternScanner

    starts = PatternScanner._prefix_sets([pattern], flags)
    assert starts.get(letter) == (frozenset(expected) if expected is not None else None)


@pytest.mark.parametrize(("pattern", "text"), [
    ("a\u03c3", "a\u03c2"),   # σ and ς are one for re.IGNORECASE
    ("a\u00b5", "a\u03bc"),   # micro sign and mu
    ("a\u00df", "a\u1e9e"),   # ß and ẞ
    ("as", "a\u017f"),        # s and ſ
    ("about", "ABOUT"),
])
def test_numbers_scanner_keeps_re_case_folding_after_a_letter(pattern: str, text: str) -> None:
    from pipeline.scanner import PatternScanner

    scanner = PatternScanner([pattern], re.IGNORECASE)
    assert [(i, s, e) for i, s, e, _ in scanner.scan(text)] == _reference_scan(scanner, text) == [(0, 0, len(text))]


# ---- characters that share one regex change nothing --------------------------------------------

def _one_by_one_scan(lang: str, text: str) -> list[tuple[int, int, int, dict]]:
    """Each pattern compiled alone and tried in order where it can start (ASCII letters at word
    starts only): what the scanner's shared regexes must give."""
    compiled, starts = _number_patterns(lang)
    found, pos = [], 0
    while pos < len(text):
        char = text[pos]
        at_word_start = not (char.isascii() and char.isalpha()) or pos == 0 or not (
            text[pos - 1].isascii() and text[pos - 1].isalpha())
        hit = None
        if at_word_start:
            hit = next(((i, m) for i, m in ((i, compiled[i].match(text, pos)) for i in range(len(compiled))
                                            if char in starts[i]) if m is not None), None)
        if hit is None or hit[1].end() == pos:
            pos += 1
            continue
        index, match = hit
        spans = {name: match.span(name) for name in compiled[index].groupindex if match.start(name) >= 0}
        found.append((index, pos, match.end(), spans))
        pos = match.end()
    return found


@lru_cache(maxsize=None)
def _number_patterns(lang: str) -> tuple[list[re.Pattern[str]], list[set[str]]]:
    """The number patterns of a language, each compiled alone, and the characters each can start with."""
    from pipeline.numbers import _fragments, _grammar, expand
    from pipeline.scanner import first_chars

    resource = _grammar(lang).resource
    fragments = _fragments(resource)
    patterns = [expand(entry.pattern, fragments) for entry in resource.patterns]
    return [re.compile(p, resource.flags) for p in patterns], [first_chars(p, resource.flags) for p in patterns]


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_scanner_shared_regexes_equal_one_pattern_at_a_time_on_the_corpus(lang: str) -> None:
    from pipeline.ingest import load_source
    from pipeline.numbers import _grammar

    scanner = _grammar(lang).scanner
    starts = _number_patterns(lang)[1]
    exact = {frozenset(i for i, chars in enumerate(starts) if char in chars) for char in scanner._dispatch}
    assert len({id(entry[0]) for entry in scanner._dispatch.values()}) < len(exact)  # some regexes are shared
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    for path in sorted(corpus.glob(f"{lang}_*.txt"))[:12]:
        text = load_source(path).text
        assert list(scanner.scan(text)) == _one_by_one_scan(lang, text), path.name


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=20), st.sampled_from(LANGS))
def test_numbers_scanner_shared_regexes_equal_one_pattern_at_a_time(words: list[str], lang: str) -> None:
    from pipeline.numbers import _grammar

    text = " ".join(words)
    assert list(_grammar(lang).scanner.scan(text)) == _one_by_one_scan(lang, text)
