"""A bounded memo for the pure tests of a unit piece (action, is_result, ...), which one piece meets several times."""

from __future__ import annotations

from functools import wraps
from typing import Callable, TypeVar

T = TypeVar("T")
MEMO_SIZE = 4096  # answers kept per test; the memo starts afresh when full (a document's pieces fit)


def remembered(test: Callable[..., T]) -> Callable[..., T]:
    """`test(piece, cues, *args)` answered once per (piece, cues, args) while the memo holds it.
    The test must be pure: its answer depends on those arguments alone. An entry keeps its cues
    object, so an answer is only reused for that very object."""
    memo: dict[tuple, tuple[object, T]] = {}

    @wraps(test)
    def answer(piece: str, cues, *args) -> T:
        key = (id(cues), piece, *args)
        kept = memo.get(key)
        if kept is not None and kept[0] is cues:
            return kept[1]
        value = test(piece, cues, *args)
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[key] = (cues, value)
        return value

    answer.uncached = test  # type: ignore[attr-defined]
    return answer
