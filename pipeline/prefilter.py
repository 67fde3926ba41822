"""Literal screens: rule regex cues out with a substring test on a literal every match contains."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple
from re import _parser  # the parser behind the standard library's own compiler

import ahocorasick

from pipeline.build_cache import cached_build, source_digest

_ZERO_WIDTH = {_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT}


def _extra_folds() -> dict[int, str]:
    """Lower-case characters that re.IGNORECASE also takes as equal (σ ς, µ μ, s ſ, i ı, ...),
    each mapped to one character of its group."""
    try:
        from re._casefix import _EXTRA_CASES  # the table the standard library's compiler uses
    except ImportError:  # pragma: no cover - another Python: the pairs that matter for our data
        _EXTRA_CASES = {ord("i"): (ord("\u0131"),), ord("s"): (ord("\u017f"),), ord("\u00b5"): (ord("\u03bc"),),
                        ord("\u03c3"): (ord("\u03c2"),)}
    table: dict[int, str] = {}
    for code, others in _EXTRA_CASES.items():
        group = {code, *others}
        for member in group:
            table[member] = chr(min(group | {ord(table.get(member, chr(member)))}))
    return table


_BEFORE_LOWER = str.maketrans({"\u0130": "i"})  # İ: str.lower() makes two characters of it, re one
_AFTER_LOWER = str.maketrans(_extra_folds())


_EXTRA_CASES = re.compile("[" + "".join(map(re.escape, map(chr, _AFTER_LOWER))) + "]")


def fold_case(text: str) -> str:
    """A form in which two texts are equal whenever re.IGNORECASE takes them as equal (and maybe
    more often): İ as i, then lower case, then each group of re's extra case pairs as one (each
    table applied only to a text that holds one of its characters: the same result, sooner)."""
    if "\u0130" in text:
        text = text.translate(_BEFORE_LOWER)
    lowered = text.lower()
    return lowered.translate(_AFTER_LOWER) if _EXTRA_CASES.search(lowered) else lowered


def ignores_case(pattern: re.Pattern[str] | Source, parsed=None) -> bool:
    """Whether some part of the pattern ignores case (its flags, or an inline (?i:...) group);
    `parsed` is the pattern's parse tree when the caller has it already."""
    if pattern.flags & re.IGNORECASE:
        return True

    def inline(items) -> bool:
        for op, arg in items:
            if op is _parser.SUBPATTERN and arg[1] & re.IGNORECASE:
                return True
            for value in arg if isinstance(arg, (tuple, list)) else (arg,):
                nested = value if isinstance(value, (tuple, list)) else (value,)
                if any(isinstance(v, _parser.SubPattern) and inline(v) for v in nested):
                    return True
        return False

    return inline(parsed if parsed is not None else _parser.parse(pattern.pattern, pattern.flags))


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


def _plain_literal(items) -> str | None:
    """The one string a parsed sequence matches when it is literals only (groups of literals
    included; no class, repeat, alternation or lookaround), else None."""
    chars = []
    for op, arg in items:
        if op is _parser.LITERAL:
            chars.append(chr(arg))
        elif op is _parser.SUBPATTERN and (inner := _plain_literal(arg[-1])) is not None:
            chars.append(inner)
        else:
            return None
    return "".join(chars)


def _only_literals(items) -> bool:
    return all(op is _parser.LITERAL or op in _ZERO_WIDTH or
               (op is _parser.SUBPATTERN and _only_literals(arg[-1])) for op, arg in items)


_REPEATS = (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT)


def _required(items) -> tuple[str, ...] | None:
    """Literals of which every match of a parsed sequence contains one, or None: the choice among
    its literal runs and its parts that need one of several (an alternation each of whose
    branches needs a literal, a group, a repeat taken at least once) whose shortest literal is
    longest, then the one with fewer literals."""
    options = [(run,) for run in _runs(items)]
    for op, arg in items:
        if op is _parser.SUBPATTERN:
            found = _required(arg[-1])
        elif op is _parser.ATOMIC_GROUP:
            found = _required(arg)
        elif op in _REPEATS and arg[0] >= 1:
            found = _required(arg[2])
        elif op is _parser.BRANCH:
            branches = [_required(branch) for branch in arg[1]]
            found = None if any(b is None for b in branches) else tuple(dict.fromkeys(x for b in branches for x in b))
        else:
            continue
        if found:
            options.append(found)
    return max(options, key=lambda option: (min(map(len, option)), -len(option))) if options else None


class Source(NamedTuple):
    """A pattern not compiled yet: what the screens read of a compiled one (its source and flags)."""

    pattern: str
    flags: int


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literals of which every match of the pattern contains one (see _required: a literal run,
    or one literal per branch of an alternation; case-folded by fold_case when any part of the
    pattern ignores case), or None."""
    return _screen(pattern)[0]


def _screen(pattern: re.Pattern[str] | Source) -> tuple[tuple[str, ...] | None, bool, bool]:
    """(required_literals, ignores_case, whether the pattern is that one literal and nothing
    else: its matches are then exactly the literal's occurrences), from one parse."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    folded = ignores_case(pattern, parsed)
    found = _required(list(parsed))
    if found is None:
        return None, folded, False
    plain = (_plain_literal(list(parsed)),) == found
    return tuple(fold_case(literal) if folded else literal for literal in found), folded, plain


Screen = tuple[tuple[str, ...] | None, bool, bool]


def _is_screens(count: int):
    def valid(value: object) -> bool:
        return isinstance(value, list) and len(value) == count and all(
            isinstance(s, tuple) and len(s) == 3 and (s[0] is None or isinstance(s[0], tuple)) and
            isinstance(s[1], bool) and isinstance(s[2], bool) for s in value)
    return valid


@lru_cache(maxsize=1)
def _code_digest() -> str:
    return source_digest(__file__)


def _screens(patterns: Sequence[re.Pattern[str] | Source]) -> list[Screen]:
    """_screen of each pattern, read from the build cache when a process screened the same
    patterns (sources and flags) with the same code before: a cold start parses none of them."""
    sources = tuple((pattern.pattern, int(pattern.flags)) for pattern in patterns)
    return cached_build("screens", (_code_digest(), sources), lambda: [_screen(p) for p in patterns],
                        _is_screens(len(sources)))


class LiteralIndex:
    """Which of many keyed patterns may match a text, found with one Aho-Corasick pass over it for
    the literals every match contains (built once per index), instead of running each pattern. A
    key left out is certain not to match; a key returned still needs its pattern run."""

    def __init__(self, keyed_patterns) -> None:
        """`keyed_patterns`: (key, patterns) pairs, each pattern compiled or a Source; a key may match
        when any of its patterns may."""
        always: dict = {}  # keys in order of first appearance (a dict keeps them unique)
        by_literal: dict[tuple[str, bool], dict] = {}
        plain: dict = {}  # key -> (literal, ignore_case) of a key whose one pattern is a plain literal
        seen: set = set()
        repeated: set = set()  # keys given twice: more than one pattern, so none is plain
        entries = [(key, tuple(patterns)) for key, patterns in keyed_patterns]
        screens = iter(_screens([pattern for _, patterns in entries for pattern in patterns]))
        for key, patterns in entries:
            if key in seen:
                repeated.add(key)
            seen.add(key)
            for _ in patterns:
                literals, ignore_case, is_plain = next(screens)
                if literals is None:
                    always[key] = None
                    continue
                for literal in literals:
                    by_literal.setdefault((literal, ignore_case), {})[key] = None
                if is_plain and len(patterns) == 1:
                    plain[key] = (literals[0], ignore_case)
        self._always = frozenset(always)
        numbers = {literal: number for number, literal in enumerate(by_literal)}
        # key -> (its literal's number, whether an occurrence needs its pattern to confirm it: a
        # folded occurrence may be one re.IGNORECASE would not take)
        self._plain = {key: (numbers[found], found[1]) for key, found in plain.items() if key not in repeated}
        self._keys = [tuple(keys) for keys in by_literal.values()]  # literal number -> its keys
        self._lengths = [len(literal) for literal, _ in by_literal]
        self._exact = _automaton((literal, n) for n, (literal, folded) in enumerate(by_literal) if not folded)
        self._folded = _automaton((literal, n) for n, (literal, folded) in enumerate(by_literal) if folded)

    def _found(self, text: str) -> Iterator[tuple[int, int]]:
        """(end, literal number) of every occurrence of a literal (folded ones in the folded text)."""
        if self._exact is not None:
            yield from self._exact.iter(text)
        if self._folded is not None:
            yield from self._folded.iter(fold_case(text))  # one character for one: offsets agree

    def candidates(self, text: str) -> set:
        """The keys whose patterns may match somewhere in `text`."""
        found = set(self._always)
        for number in {number for _, number in self._found(text)}:
            found.update(self._keys[number])
        return found

    def candidate_pairs(self, texts: Sequence[str]) -> list[tuple[int, object]]:
        """(text number, key) for every key whose patterns may match somewhere in texts[number], as
        candidates() of each text says, from one Aho-Corasick pass per automaton over the whole
        batch; sorted by text number, then by first appearance of the key's literal."""
        import numpy as np

        sizes = np.fromiter(map(len, texts), np.int64, len(texts))
        starts = np.concatenate(([0], np.cumsum(sizes + 1)[:-1])).astype(np.int64)
        found = [np.zeros((0, 2), dtype=np.int64)]
        for automaton, view in ((self._exact, texts), (self._folded, None)):
            if automaton is None:
                continue
            joined = "\0".join(view if view is not None else [fold_case(text) for text in texts])
            hits = np.array(list(automaton.iter(joined)), dtype=np.int64).reshape(-1, 2)
            first = hits[:, 0] + 1 - np.array(self._lengths, dtype=np.int64)[hits[:, 1]]
            number = np.searchsorted(starts, hits[:, 0], side="right") - 1
            inside = (first >= starts[number]) & (hits[:, 0] < starts[number] + sizes[number])
            found.append(np.column_stack((number[inside], hits[inside, 1])))
        pairs = np.unique(np.concatenate(found), axis=0)
        always = [(number, key) for number in range(len(texts)) for key in self._always]
        keys = self._keys
        return sorted(set(always).union((number, key) for number, literal in pairs.tolist()
                                        for key in keys[literal]))

    def scan(self, text: str) -> LiteralHits:
        """Where each literal occurs in `text`, to ask afterwards which keys may match inside a
        stretch of it (one pass for a whole document instead of one per sentence or window)."""
        lengths = self._lengths
        hits = sorted((end + 1 - lengths[number], end + 1, number) for end, number in self._found(text))
        return LiteralHits(self, [hit[0] for hit in hits], hits, text)


class LiteralHits:
    """The literals of an index found in one text, by start offset."""

    def __init__(self, index: LiteralIndex, starts: list[int], hits: list[tuple[int, int, int]],
                 text: str = "") -> None:
        self._index, self._starts, self._hits, self._text = index, starts, hits, text
        self._confirmed: dict[tuple, bool] = {}  # (key, start) -> whether its pattern matches there

    def window(self, lo: int, hi: int) -> tuple[set, dict[int, list[tuple[int, int]]]]:
        """(keys_within(lo, hi), the (start, end) of each literal occurring inside text[lo:hi], by
        literal number, in order of start), from one pass."""
        found = set(self._index._always)
        spans: dict[int, list[tuple[int, int]]] = {}
        keys = self._index._keys
        for start, end, number in self._hits_within(lo, hi):
            found.update(keys[number])
            spans.setdefault(number, []).append((start, end))
        return found, spans

    def _hits_within(self, lo: int, hi: int):
        """The (start, end, literal number) of each literal occurring inside text[lo:hi], by start."""
        hits = self._hits
        for position in range(bisect_left(self._starts, lo), len(hits)):
            hit = hits[position]
            if hit[0] >= hi:
                return
            if hit[1] <= hi:
                yield hit

    def plain_matches(self, key, spans: dict[int, list[tuple[int, int]]], pattern: re.Pattern[str]):
        """The (start, end) of each match of a plain-literal key's pattern, as `pattern.finditer`
        over the window `spans` came from (see window) gives them, or None when the key's pattern
        is no plain literal. `pattern` is the key's pattern compiled."""
        plain = self._index._plain.get(key)
        if plain is None:
            return None
        number, confirm = plain
        matches, reached = [], -1
        for start, end in spans.get(number, ()):
            if start < reached:
                continue  # overlaps the previous match: finditer goes on after it
            if confirm:
                known = self._confirmed.get((key, start))
                if known is None:
                    known = self._confirmed[key, start] = pattern.fullmatch(self._text, start, end) is not None
                if not known:
                    continue
            matches.append((start, end))
            reached = end
        return matches

    def keys_within(self, lo: int, hi: int) -> set:
        """The keys whose patterns may match inside text[lo:hi] (as candidates(text[lo:hi]) says)."""
        found = set(self._index._always)
        keys = self._index._keys
        for _, _, number in self._hits_within(lo, hi):
            found.update(keys[number])
        return found


def _automaton(literals):
    """An Aho-Corasick automaton of (literal, number) pairs whose values are the numbers; None when empty."""
    automaton = ahocorasick.Automaton()
    for literal, number in literals:
        automaton.add_word(literal, number)
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton
