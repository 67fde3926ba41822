"""Literal screens: the literal every match needs, and a screen that never rules out a pattern that matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.classifiers.cues import compiled_cues
from pipeline.extractors.indicator_cues import indicator_cues
from pipeline.ingest import load_source
from pipeline.prefilter import LiteralIndex, fold_case, required_literals

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        ("办结率", 0, ("办结率",)),
        ("(?:信访)(?:件|批)", 0, ("信访",)),               # the group of plain literals continues the run
        ("来(?:信|访)", 0, ("来",)),
        ("a(b)c", 0, ("abc",)),
        (r"\bCases?\b", re.IGNORECASE, ("case",)),         # lower-cased when the pattern ignores case
        (r"\bCases?\b", 0, ("Case",)),
        ("办结(?!率)", 0, ("办结",)),                       # lookarounds consume nothing
        (r"petitions?|letters? and visits", re.IGNORECASE, ("petition", " and visits")),  # one per branch, the longest
        (r"(?:上级交办|转交)的", 0, ("上级交办", "转交")),  # an alternation each of whose branches needs a literal
        (r"(?:leaders?|mayor).{0,30}(?:received|met)", re.IGNORECASE, ("leader", "mayor")),  # the longer shortest
        (r"(?:full-time )?(?:officers?|liaisons?)\b", 0, ("officer", "liaison")),  # an optional part needs nothing
        (r"(?:ab|cd)+x", 0, ("ab", "cd")),                 # a repeat taken at least once
        (r"(?:a|b)c", 0, ("c",)),                          # a class made of an alternation needs no literal

        (r"x(?=y)z", 0, ("xz",)),                          # never matches, so any literal is true
        ("(人员|力量)(不足|偏少)", 0, ("人员", "力量")),      # no run: the first group of alternatives
        (r"\b(Few|lack of)\b.{0,30}", re.IGNORECASE, ("few", "lack of")),
        ("(?:(?:信访|来访)件|批示)[0-9]", 0, ("信访", "来访", "批示")),  # one literal of each branch
        ("[0-9](?:(?:信访|来访)|批示)", 0, ("信访", "来访", "批示")),  # nested alternatives
        (r"(?:ab|cd)|(?:ef|gh)i", 0, ("ab", "cd", "ef", "gh")),
        # negatives: no literal that every match contains
        (r"\d+", 0, None),
        (r"[件起]", 0, None),
        (r"a|b*", 0, None),
        (r"(?:信访)?件?", 0, None),
        ("(?:信访|[件起])[0-9]", 0, None),                 # one branch needs no literal
        (r"(?:petition|\d+)s?", re.IGNORECASE, None),
        (r"(?:ab|c*)x?", 0, None),                          # one branch needs nothing
        (r"(?:ab|cd)*", 0, None),                          # a repeat that may be skipped
    ],
)
def test_required_literals(pattern: str, flags: int, expected) -> None:
    assert required_literals(re.compile(pattern, flags)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年共受理信访件120件", {"visits", "any"}),
        ("LETTERS AND VISITS were handled", {"letters", "any"}),   # case folded
        ("Nothing here", {"any"}),
        ("", {"any"}),
        ("ſettled petitionſ", {"visits", "any"}),                  # ſ is s for re.IGNORECASE
        ("İNCIDENTS", {"incident", "any"}),                           # İ is i for re, two characters for lower()
        ("ΜG per litre", {"micro", "any"}),                           # µ (micro sign) and μ are one for re
        ("total CASES", {"inline", "any"}),                           # (?i:...) inside a case-sensitive pattern
        ("TOTAL CASES", {"inline", "any"}),  # let through although re would not match: screens may over-keep
    ],
)
def test_literal_index_candidates(text: str, expected: set) -> None:
    index = LiteralIndex([
        ("visits", (re.compile("信访|petitions?", re.IGNORECASE),)),
        ("letters", (re.compile(r"\bletters and visits\b", re.IGNORECASE),)),
        ("any", (re.compile(r"\d*"),)),
        ("incident", (re.compile("incidents?", re.IGNORECASE),)),
        ("micro", (re.compile("\u00b5g", re.IGNORECASE),)),
        ("inline", (re.compile("total (?i:cases)"),)),
    ])
    assert index.candidates(text) == expected


# ---- the screen never rules out a pattern that matches ---------------------------------------

PIECES = ["办结", "信访", "件", "率", "a", "b", "B", "ab", "s", "K", "i", "σ", "µ"]
ALPHABET = "办结信访件率的了abcBKsSiIk0 1.ſıİKσςΣµμΜ"


@st.composite
def patterns(draw) -> re.Pattern[str]:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        piece = re.escape(draw(st.sampled_from(PIECES)))
        shape = draw(st.sampled_from(["plain", "optional", "alternation", "class", "boundary", "lookahead",
                                      "group", "repeat", "inline_case"]))
        if shape == "optional":
            piece = f"(?:{piece})?"
        elif shape == "alternation":
            piece = f"(?:{piece}|{re.escape(draw(st.sampled_from(PIECES)))})"
        elif shape == "class":
            piece = "[0-9]"
        elif shape == "boundary":
            piece = rf"\b{piece}"
        elif shape == "lookahead":
            piece = f"{piece}(?!{re.escape(draw(st.sampled_from(PIECES)))})"
        elif shape == "group":
            piece = f"({piece})"
        elif shape == "repeat":
            piece = f"(?:{piece})+"
        elif shape == "inline_case":
            piece = f"(?i:{piece})"
        parts.append(piece)
    source = "".join(parts)
    if draw(st.booleans()):
        source = f"{source}|{re.escape(draw(st.sampled_from(PIECES)))}"
    return re.compile(source, re.IGNORECASE if draw(st.booleans()) else 0)


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_literal_index_never_rules_out_a_match(data) -> None:
    compiled = data.draw(st.lists(patterns(), min_size=1, max_size=4))
    chosen = data.draw(st.sampled_from(compiled))
    # a text made to match one of the patterns (from_regex adds text around the match), or any text
    text = data.draw(st.from_regex(chosen) | st.text(alphabet=ALPHABET, max_size=30))
    index = LiteralIndex(enumerate((pattern,) for pattern in compiled))
    matching = {key for key, pattern in enumerate(compiled) if pattern.search(text)}
    assert matching <= index.candidates(text)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_literal_index_candidates_are_the_keys_of_the_literals_a_text_contains(data) -> None:
    compiled = data.draw(st.lists(patterns(), min_size=1, max_size=5))
    text = data.draw(st.text(alphabet=ALPHABET, max_size=40))
    index = LiteralIndex(enumerate((pattern,) for pattern in compiled))
    expected = set()
    for key, pattern in enumerate(compiled):
        literals = required_literals(pattern)
        if literals is None or any(literal in text or literal in fold_case(text) for literal in literals):
            expected.add(key)
    assert index.candidates(text) >= {key for key, pattern in enumerate(compiled) if pattern.search(text)}
    assert index.candidates(text) <= expected  # nothing kept without a literal of it in the text


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_literal_hits_within_a_stretch_equal_the_candidates_of_the_stretch(data) -> None:
    compiled = data.draw(st.lists(patterns(), min_size=1, max_size=5))
    text = data.draw(st.text(alphabet=ALPHABET, max_size=60))
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    index = LiteralIndex(enumerate((pattern,) for pattern in compiled))
    assert index.scan(text).keys_within(lo, hi) == index.candidates(text[lo:hi])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_candidate_pairs_of_a_batch_are_the_candidates_of_each_text(data) -> None:
    compiled = data.draw(st.lists(patterns(), min_size=1, max_size=5))
    texts = data.draw(st.lists(st.text(alphabet=ALPHABET + "\0", max_size=30), max_size=5))
    index = LiteralIndex(enumerate((pattern,) for pattern in compiled))
    expected = {(number, key) for number, text in enumerate(texts) for key in index.candidates(text)}
    pairs = index.candidate_pairs(texts)
    assert set(pairs) == expected and len(pairs) == len(expected)


def test_candidate_pairs_never_join_two_texts() -> None:
    index = LiteralIndex([("visits", (re.compile("信访"),)), ("case", (re.compile("cases?", re.IGNORECASE),))])
    assert index.candidate_pairs(["信", "访", "CA", "SE", "信访 Cases"]) == [(4, "case"), (4, "visits")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30) | st.text(max_size=30))
def test_fold_case_applies_its_tables_in_turn(text: str) -> None:
    from pipeline.prefilter import _AFTER_LOWER, _BEFORE_LOWER

    assert fold_case(text) == text.translate(_BEFORE_LOWER).lower().translate(_AFTER_LOWER)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_plain_literal_matches_of_a_window_equal_finditer_over_the_window(data) -> None:
    """A pattern that is one literal is answered from the document's literal occurrences: the same
    matches as finditer over the window's slice (overlapping occurrences skipped, case folded ones
    confirmed), and the same keys as keys_within."""
    compiled = data.draw(st.lists(patterns() | st.sampled_from(PLAIN), min_size=1, max_size=5))
    text = data.draw(st.text(alphabet=ALPHABET + "aa", max_size=60))
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    found = LiteralIndex(enumerate((pattern,) for pattern in compiled)).scan(text)
    keys, spans = found.window(lo, hi)
    assert keys == found.keys_within(lo, hi)
    for key, pattern in enumerate(compiled):
        plain = found.plain_matches(key, spans, pattern)
        if plain is not None:
            assert plain == [(lo + m.start(), lo + m.end()) for m in pattern.finditer(text[lo:hi])]


PLAIN = [re.compile(source, flags) for source, flags in [
    ("aa", 0), ("aa", re.IGNORECASE), ("(?:办结)(?:率)", 0), ("(?i:KS)", 0), ("σς", re.IGNORECASE), ("(?:ab)", 0)]]


@pytest.mark.parametrize(
    ("source", "flags", "plain"),
    [
        ("办结率", 0, True), ("(?:信访)(?:件)", re.IGNORECASE, True), ("a(b)c", 0, True), ("(?i:Cases)", 0, True),
        # negatives: anything but literals changes where a match may be
        ("办结(?!率)", 0, False), ("来(?:信|访)", 0, False), (r"\bcase", 0, False), ("cases?", 0, False),
        ("^村", 0, False), ("a|b", 0, False), ("[件起]", 0, False),
    ],
)
def test_plain_matches_only_for_a_pattern_that_is_one_literal(source: str, flags: int, plain: bool) -> None:
    pattern = re.compile(source, flags)
    found = LiteralIndex([("key", (pattern,))]).scan("")
    assert (found.plain_matches("key", {}, pattern) is not None) is plain


def test_plain_matches_none_for_a_key_given_twice() -> None:
    """A key with two entries has two patterns: neither answers for it alone, and both screen."""
    first, second = re.compile("办结"), re.compile("结案率?")
    found = LiteralIndex([("key", (first,)), ("key", (second,))]).scan("本年结案12件")
    keys, spans = found.window(0, 7)
    assert keys == {"key"} and found.plain_matches("key", spans, first) is None


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            texts.append(load_source(path).text)
        except Exception:  # noqa: BLE001 - unreadable inputs are tested in test_ingest
            continue
    return texts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_indicator_screen_keeps_every_indicator_whose_cue_occurs_in_a_corpus_line(lang: str) -> None:
    cues = indicator_cues(lang)
    lines = [line for text in _corpus_texts() for line in text.splitlines() if line.strip()]
    assert len(lines) > 500
    for line in lines:
        found = cues.literals.candidates(line)
        for indicator in cues.indicators:
            for number, cue in enumerate(indicator.cues):
                if cue.search(line):
                    assert (indicator.rank, number) in found, (indicator.entry.id, cue.pattern, line)


@pytest.mark.parametrize("task", ["measures", "problems"])
def test_keyword_screen_keeps_every_cue_that_occurs_in_a_corpus_line(task: str) -> None:
    cues = [pattern for patterns in compiled_cues(task).values() for pattern in patterns]
    index = LiteralIndex(enumerate((pattern,) for pattern in cues))
    for text in _corpus_texts():
        for line in text.splitlines():
            found = index.candidates(line)
            assert {n for n, pattern in enumerate(cues) if pattern.search(line)} <= found, line
