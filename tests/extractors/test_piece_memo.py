"""The piece memo answers as the test it wraps, once per (piece, cues, arguments), for that very cues object only."""

from __future__ import annotations

import pytest

from pipeline.extractors import piece_memo
from pipeline.extractors.piece_memo import remembered
from pipeline.extractors.unit_kinds import action, is_measure, is_problem, is_result, unit_cues


class _Cues:
    def __init__(self, word: str) -> None:
        self.word = word


def _counting():
    calls = []

    @remembered
    def contains(piece: str, cues: _Cues, start: int = 0) -> bool:
        calls.append((piece, start))
        return cues.word in piece[start:]

    return contains, calls


def test_an_answer_is_computed_once_per_piece_and_arguments() -> None:
    contains, calls = _counting()
    cues = _Cues("访")
    assert [contains("信访", cues), contains("信访", cues), contains("信访", cues, 2), contains("来信", cues)] == \
        [True, True, False, False]
    assert calls == [("信访", 0), ("信访", 2), ("来信", 0)]


def test_other_cues_are_never_answered_from_the_memo() -> None:
    contains, calls = _counting()
    assert contains("petition", _Cues("pet")) is True
    assert contains("petition", _Cues("xyz")) is False  # equal piece, another cues object
    assert len(calls) == 2


def test_a_full_memo_starts_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(piece_memo, "MEMO_SIZE", 2)
    contains, calls = _counting()
    cues = _Cues("a")
    for piece in ("a", "b", "c", "a"):
        contains(piece, cues)
    assert [piece for piece, _ in calls] == ["a", "b", "c", "a"]  # "a" was dropped when the memo filled


@pytest.mark.parametrize(("lang", "piece"), [
    ("zh", "镇里排查纠纷，化解12件"),
    ("zh", "老问题较难化解"),
    ("zh", "截至目前，共接待来访86人次"),
    ("en", "The town set up a mediation room and resolved 12 disputes"),
    ("en", "Some long-standing cases remain hard to resolve"),
    ("en", "no action"),
])
def test_the_unit_tests_answer_as_their_uncached_selves(lang: str, piece: str) -> None:
    cues = unit_cues(lang)
    for test in (is_result, is_measure, is_problem):
        assert test(piece, cues) == test.uncached(piece, cues) == test(piece, cues)
    found, plain = action(piece, cues), action.uncached(piece, cues)
    assert (found and found.span()) == (plain and plain.span())
