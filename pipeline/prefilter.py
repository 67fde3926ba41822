"""Literal screens: rule regex cues out with a substring test on a literal every match contains."""

from __future__ import annotations

import re
from re import _parser  # the parser behind the standard library's own compiler

_ZERO_WIDTH = {_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT}
# Characters that re.IGNORECASE matches with an ASCII letter although str.lower() does not map
# them to it (İ ı ſ K): their presence makes an ASCII needle unsafe, so the screen lets the text through.
_ASCII_FOLD_EXTRAS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _runs(items) -> list[str]:
    """Runs of literal characters that every match of a parsed sequence contains."""
    runs, current = [], []
    for op, arg in items:
        if op is _parser.LITERAL:
            current.append(chr(arg))
        elif op in _ZERO_WIDTH:
            continue  # consumes nothing: the literals on either side stay adjacent
        elif op is _parser.SUBPATTERN and _only_literals(arg[-1]):
            current.extend(_runs(arg[-1]))  # a group of plain literals continues the run
        elif op is _parser.SUBPATTERN:
            runs.append("".join(current))
            runs.extend(_runs(arg[-1]))
            current = []
        else:
            runs.append("".join(current))
            current = []
    runs.append("".join(current))
    return [run for run in runs if run]


def _only_literals(items) -> bool:
    return all(op is _parser.LITERAL or op in _ZERO_WIDTH or
               (op is _parser.SUBPATTERN and _only_literals(arg[-1])) for op, arg in items)


def _longest(items) -> str | None:
    runs = _runs(items)
    return max(runs, key=len) if runs else None


def _alternatives(items) -> list | None:
    """The branches of a sequence that is one alternation (a|b, (?:a|b)), else None."""
    if len(items) != 1:
        return None
    op, arg = items[0]
    if op is _parser.BRANCH:
        return list(arg[1])
    if op is _parser.SUBPATTERN:
        return _alternatives(arg[-1])
    return None


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literals of which every match of the pattern contains one (one per branch of a top-level
    alternation; lower-cased when the pattern ignores case), or None when there are none."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    branches = _alternatives(list(parsed)) or [parsed]
    found = [_longest(branch) for branch in branches]
    if any(literal is None for literal in found):
        return None
    return tuple(literal.lower() if pattern.flags & re.IGNORECASE else literal for literal in found)


_BIGRAMS = re.compile(r"(?=(..))", re.DOTALL)


class LiteralIndex:
    """Which of many keyed patterns may match a text, found with substring tests on the literals
    every match contains, looked up by their first two characters, instead of running each
    pattern. A key left out is certain not to match; a key returned still needs its pattern run.
    """

    def __init__(self, keyed_patterns) -> None:
        """`keyed_patterns`: (key, patterns) pairs; a key may match when any of its patterns may."""
        self._always: set = set()
        self._by_gram: dict[str, list[tuple[str, bool, object]]] = {}
        for key, patterns in keyed_patterns:
            for pattern in patterns:
                literals = required_literals(pattern)
                if literals is None:
                    self._always.add(key)
                    continue
                ignore_case = bool(pattern.flags & re.IGNORECASE)
                for literal in literals:
                    self._by_gram.setdefault(literal[:2], []).append((literal, ignore_case, key))
        self._every = self._always | {key for entries in self._by_gram.values() for *_, key in entries}
        self._grams = frozenset(self._by_gram)

    def candidates(self, text: str) -> set:
        """The keys whose patterns may match somewhere in `text`."""
        lowered = text.lower()
        if any(extra in text for extra in _ASCII_FOLD_EXTRAS):
            return set(self._every)  # letters that fold to ASCII only inside re: run everything
        found = set(self._always)
        grams = set(_BIGRAMS.findall(lowered)) | set(lowered)
        if lowered != text:
            grams |= set(_BIGRAMS.findall(text)) | set(text)
        for gram in self._grams & grams:
            for literal, ignore_case, key in self._by_gram[gram]:
                if key not in found and literal in (lowered if ignore_case else text):
                    found.add(key)
        return found
