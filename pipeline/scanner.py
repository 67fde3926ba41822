"""The prioritised pattern scanner: one pass over a text, at each position the first pattern that matches wins."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]

from pipeline.build_cache import cached_build, source_digest
from pipeline.regex_cache import compile_cached

_NAMED_GROUP = re.compile(r"\(\?P<([A-Za-z_]\w*)>")
Spans = dict[str, tuple[int, int]]
Dispatch = tuple[re.Pattern[str], dict[int, tuple[int, dict[str, int]]]]  # regex, marker -> (entry, groups)


# \s matches what str.isspace() accepts; every such character lies below U+3001 (tested)
WHITESPACE = frozenset(chr(code) for code in range(0x3001) if chr(code).isspace())


def _charset(items) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] <= 1024:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            chars |= WHITESPACE
        else:
            return None
    return chars


def _first_chars(items) -> tuple[set[str] | None, bool]:
    """(the characters a parsed sequence can start with, or None if any; whether it can be empty)."""
    chars: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL or op is sre.IN:
            sub = {chr(av)} if op is sre.LITERAL else _charset(av)
            return (None if sub is None else chars | sub), False
        if op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
            sub, empty = _first_chars(av[-1] if op is sre.SUBPATTERN else av)
        elif op is sre.BRANCH:
            results = [_first_chars(branch) for branch in av[1]]
            sub = None if any(r[0] is None for r in results) else set().union(*(r[0] for r in results))
            empty = any(r[1] for r in results)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            sub, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        else:
            return None, False
        if sub is None:
            return None, False
        chars |= sub
        if not empty:
            return chars, False
    return chars, True


def first_chars(pattern: str, flags: int, parsed=None) -> set[str]:
    """Characters a match of `pattern` can start with; ValueError when it could start anywhere.
    `parsed` is the pattern already parsed with these flags (it is parsed here otherwise)."""
    chars, empty = _first_chars(sre_parser.parse(pattern, flags) if parsed is None else parsed)
    if chars is None or empty:
        raise ValueError("pattern may start with any character; begin it with a literal or a class")
    return chars | {c.swapcase() for c in chars} if flags & re.IGNORECASE else chars


MAX_EXTRA = 8  # patterns a shared regex may try in vain at a character (none of them can start there)


def _groups(starts: Sequence[set[str]], sizes: Sequence[int]) -> list[tuple[frozenset[int], set[str]]]:
    """The characters that can start a match, in groups that share one regex: first those starting
    the same patterns, then groups merged while the merge saves pattern text to compile and adds
    at most MAX_EXTRA patterns to either side. A pattern cannot match at a character it cannot
    start with, so trying it there in vain changes no match; merging only saves compiling."""
    by_key: dict[frozenset[int], set[str]] = {}
    for char in sorted(set().union(*starts)):
        by_key.setdefault(frozenset(i for i, chars in enumerate(starts) if char in chars), set()).add(char)
    groups = list(by_key.items())
    weight = lambda key: sum(sizes[i] for i in key)  # noqa: E731
    while True:
        best = None
        for a, (first, _) in enumerate(groups):
            for b in range(a + 1, len(groups)):
                second = groups[b][0]
                union = first | second
                if len(union) - len(first) > MAX_EXTRA or len(union) - len(second) > MAX_EXTRA:
                    continue
                saved = weight(first & second)
                if saved > 0 and (best is None or saved > best[0]):
                    best = (saved, a, b)
        if best is None:
            return groups
        _, a, b = best
        merged = (groups[a][0] | groups[b][0], groups[a][1] | groups[b][1])
        groups = [group for n, group in enumerate(groups) if n not in (a, b)] + [merged]


MAX_PREFIXES = 4096
# prefixes are listed with every whitespace as " " and every ASCII digit as "0": far fewer to list
CANONICAL = str.maketrans({**{c: " " for c in WHITESPACE}, **{d: "0" for d in "0123456789"}})
MAX_JOIN = 100_000
PREFIX_LENGTH = 5  # characters of a word start compared with the patterns' before a regex is tried


def _join(heads: set[str] | None, tails: set[str] | None, k: int) -> set[str] | None:
    """Every head followed by every tail, cut to k characters; None when too many to list."""
    if heads is None or tails is None:
        return None
    done = {head for head in heads if len(head) >= k}
    open_heads = heads - done
    if len(open_heads) * len(tails) > MAX_JOIN:
        return None
    joined = done | {(head + tail)[:k] for head in open_heads for tail in tails}
    return joined if len(joined) <= MAX_PREFIXES else None


def _prefixes(items, k: int) -> set[str] | None:
    """The first k characters of every string a parsed sequence can match (shorter ones when the
    match can be shorter), canonical (see CANONICAL), or None when they are too many to list.
    Zero-width items add nothing, so the set is a superset of what the pattern really allows."""
    found = {""}
    for op, av in items:
        need = k - min(len(prefix) for prefix in found)  # characters still to list
        if need <= 0:
            break
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        strings = _item_prefixes(op, av, need)
        if strings is None:
            return None
        found = _join(found, strings, k)
        if found is None:
            return None
    return found


def _item_prefixes(op, av, k: int) -> set[str] | None:
    if op is sre.LITERAL:
        return {chr(av).translate(CANONICAL)}
    if op is sre.IN:
        chars = _charset(av)
        return None if chars is None else {c.translate(CANONICAL) for c in chars}
    if op is sre.SUBPATTERN and av[1] & re.IGNORECASE:
        return None  # a group that ignores case inside a pattern that does not: not listed
    if op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
        return _prefixes(av[-1] if op is sre.SUBPATTERN else av, k)
    if op is sre.BRANCH:
        branches = [_prefixes(branch, k) for branch in av[1]]
        return None if any(b is None for b in branches) else set().union(*branches)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        once = _prefixes(av[2], k)
        strings, power = set(), {""}
        for count in range(min(av[1], k) + 1):
            if power is None:
                return None
            if count >= min(av[0], k):
                strings |= power
            power = _join(power, once, k)
        return strings
    return None


def _uncanonical(char: str, fold) -> set[str]:
    """Every character a canonical one stands for (" ": any whitespace, "0": any ASCII digit)."""
    if char == " ":
        return set(WHITESPACE)
    if char == "0":
        return set("0123456789")
    return fold(char)


def _followers(prefixes: Sequence[set[str] | None], starts: Sequence[set[str]], chars: Iterable[str],
               ignore_case: bool) -> dict[str, set[str] | None]:
    """From the patterns' two-character prefixes: for each character a match can start with, the
    characters that can follow it (None: any, as when a match may be that character alone or a
    pattern's prefixes are too many to list). The trigger leaves case folding of a follower to re."""
    fold = (lambda c: {c, c.swapcase()}) if ignore_case else (lambda c: {c})
    followers: dict[str, set[str] | None] = {char: set() for char in chars}
    for found, first in zip(prefixes, starts):
        if found is None:
            followers.update(dict.fromkeys(first & followers.keys()))
            continue
        for prefix in found:
            for head in _uncanonical(prefix[0], fold) & first:
                if followers.get(head, None) is None:
                    continue
                if len(prefix) < 2:
                    followers[head] = None
                else:
                    followers[head] |= _uncanonical(prefix[1], fold)  # type: ignore[operator]
    return followers


ASCII_SPACE = "".join(sorted(c for c in WHITESPACE if c.isascii()))


def _canonical_class(char: str) -> str:
    """The ASCII characters a lower-cased canonical one stands for, as a regex."""
    if char == " ":
        return "[" + re.escape(ASCII_SPACE) + "]"
    if char == "0":
        return "[0-9]"
    return f"[{char}{char.upper()}]" if char.isalpha() else re.escape(char)


def _trie(strings: Iterable[str]) -> str:
    """A regex matching where one of the strings (lower-cased canonical, see CANONICAL) starts."""
    root: dict = {}
    for string in strings:
        node = root
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}

    def regex(node: dict) -> str:
        if "" in node:
            return ""  # a listed start ends here: longer ones add nothing
        return "(?:" + "|".join(_canonical_class(char) + regex(child) for char, child in sorted(node.items())) + ")"

    return regex(root) if root else "(?!)"


def _starts_a_match(allowed: frozenset[str]) -> str:
    """A lookahead just after a letter at a word start that holds when the word begins one of the
    listed match starts (lower-cased, canonical, each beginning with that letter), or when one of
    the next characters is not ASCII (letters such as ſ match s only inside re: such a word is
    left to the regex)."""
    listed = _trie(prefix[1:] for prefix in allowed if prefix.isascii())
    return f"(?=(?s:.{{0,{PREFIX_LENGTH - 2}}})[^\\x00-\\x7f]|{listed})"


def _trigger(followers: dict[str, set[str] | None], word_starts: dict[str, frozenset[str]],
             ignore_case: bool) -> str:
    """The regex of where the scanner tries its patterns: a character some pattern can start with, followed by
    one that can come second; an ASCII letter only at a word start, and there only when the word
    begins a listed match start (a|about|approximately -> a + [ bp] + 'a ', 'abou', 'appr')."""
    fold = "(?i:" if ignore_case else "(?:"  # re's own case folding for the follower

    def ahead(chars: set[str] | None) -> str:
        return "" if chars is None else f"(?={fold}[{''.join(re.escape(c) for c in sorted(chars))}]))"

    grouped: dict[frozenset[str] | None, list[str]] = {}
    letters = []
    for char, chars in sorted(followers.items()):
        if char.isascii() and char.isalpha():
            if chars is None or chars:  # a letter that nothing can follow starts no match
                allowed = word_starts.get(char.lower())
                letters.append(re.escape(char) + ahead(chars) + (_starts_a_match(allowed) if allowed else ""))
        else:
            grouped.setdefault(frozenset(chars) if chars else None, []).append(char)
    branches = []
    if grouped:  # one class first (re skips to its characters fast), then the follower of each
        others = _class(char for chars in grouped.values() for char in chars)
        checks = [f"(?<={_class(chars)}){ahead(None if key is None else set(key))}" for key, chars in grouped.items()]
        branches.append(others if list(grouped) == [None] else f"{others}(?:{'|'.join(checks)})")
    if letters:
        initials = _class(letter[0] for letter in followers if letter.isascii() and letter.isalpha())
        branches.append(f"(?={initials})(?<![A-Za-z])(?:{'|'.join(letters)})")
    return "|".join(branches) or "(?!)"


def _class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"


class PatternScanner:
    """One pass with prioritised patterns: at each position those that can start with its character are
    tried in order as one alternation; the first match wins. ASCII letters trigger at word starts only."""

    def __init__(self, patterns: Sequence[str], flags: int = 0) -> None:
        groups, names, word_starts, trigger = _cached_plan(tuple(patterns), int(flags))
        self._dispatch: dict[str, Dispatch] = {}
        for ordered, source, chars in groups:
            regex = compile_cached(source, flags)
            index = regex.groupindex  # (a new mapping proxy at each access)
            dispatch = (regex, {index[f"_{i}"]: (i, {name: index[f"{name}__{i}"] for name in names[i]})
                                for i in ordered})
            self._dispatch.update(dict.fromkeys(chars, dispatch))
        self._word_starts = dict(word_starts)
        self._trigger = compile_cached(trigger)

    @staticmethod
    def _prefix_sets(patterns: Sequence[str], flags: int, prefixes: Sequence[set[str] | None] | None = None,
                     starts: Sequence[set[str]] | None = None) -> dict[str, frozenset[str]]:
        """For each ASCII letter, the canonical lower-cased starts (up to PREFIX_LENGTH characters,
        fewer when a match is that short) of every match that can begin with it; a letter is left
        out when the starts are too many to list (then every word start with it is tried).
        `prefixes` and `starts` (each pattern's first characters) are computed when not given."""
        listed: dict[str, set[str]] = {}
        unlisted: set[str] = set()
        if prefixes is None:
            prefixes = [_prefixes(sre_parser.parse(pattern, flags), PREFIX_LENGTH) for pattern in patterns]
        if starts is None:
            starts = [first_chars(pattern, flags) for pattern in patterns]
        for found, first in zip(prefixes, starts):
            if found is None:
                unlisted |= {c.lower() for c in first if c.isascii() and c.isalpha()}
                continue
            for prefix in found:
                if prefix and prefix[0].isascii() and prefix[0].isalpha():
                    listed.setdefault(prefix[0].lower(), set()).add(prefix.lower())
        return {letter: frozenset(found) for letter, found in listed.items() if letter not in unlisted}

    def scan(self, text: str) -> Iterator[tuple[int, int, int, Spans]]:
        """Yield (pattern index, start, end, spans of its named groups that matched), in order, disjoint."""
        pos, search, dispatch = 0, self._trigger.search, self._dispatch
        while (hit := search(text, pos)) is not None:
            start = hit.start()
            regex, by_marker = dispatch[text[start]]
            found = regex.match(text, start)
            if found is None or found.end() == start:
                pos = start + 1
                continue
            index, groups = by_marker[found.lastindex]  # type: ignore[index]
            regs, pos = found.regs, found.end()
            yield index, start, pos, {name: regs[j] for name, j in groups.items() if regs[j][0] >= 0}


Plan = tuple[tuple[tuple[tuple[int, ...], str, str], ...], tuple[tuple[str, ...], ...], dict[str, frozenset[str]], str]


def _plan(patterns: Sequence[str], flags: int) -> Plan:
    """What a scanner is made of, as plain data: per group of start characters the patterns it
    tries (in order), their shared regex and the characters; each pattern's group names; the
    word starts of each ASCII letter; the trigger's regex. ValueError or re.error on a bad pattern."""
    parsed = [sre_parser.parse(p, flags) for p in patterns]
    names = tuple(tuple(tree.state.groupdict) for tree in parsed)
    starts = [first_chars(p, flags, tree) for p, tree in zip(patterns, parsed)]
    renamed = [_NAMED_GROUP.sub(lambda m, i=i: f"(?P<{m.group(1)}__{i}>", p) for i, p in enumerate(patterns)]
    groups = []
    for key, chars in _groups(starts, [len(p) for p in patterns]):
        ordered = tuple(sorted(key))
        groups.append((ordered, "|".join(f"(?:{renamed[i]})(?P<_{i}>)" for i in ordered), "".join(sorted(chars))))
    # longer prefixes only where a pattern can start with an ASCII letter (word starts)
    lettered = [any(c.isascii() and c.isalpha() for c in chars) for chars in starts]
    longer = [_prefixes(tree, PREFIX_LENGTH) if use else None for tree, use in zip(parsed, lettered)]
    word_starts = PatternScanner._prefix_sets(patterns, flags, longer, starts)
    # two-character prefixes: those above cut short, or listed anew where those were too many
    shorter = [{p[:2] for p in found} if found is not None else _prefixes(tree, 2)
               for found, tree in zip(longer, parsed)]
    dispatched = {char for _, _, chars in groups for char in chars}
    followers = _followers(shorter, starts, dispatched, bool(flags & re.IGNORECASE))
    return tuple(groups), names, word_starts, _trigger(followers, word_starts, bool(flags & re.IGNORECASE))


def _is_plan(value: object) -> bool:
    """The shape of a Plan (a cached one is checked before use)."""
    if not (isinstance(value, tuple) and len(value) == 4):
        return False
    groups, names, word_starts, trigger = value
    return isinstance(groups, tuple) and isinstance(names, tuple) and isinstance(word_starts, dict) and \
        isinstance(trigger, str) and all(
            isinstance(g, tuple) and len(g) == 3 and isinstance(g[0], tuple) and isinstance(g[1], str) and
            isinstance(g[2], str) and all(isinstance(i, int) and 0 <= i < len(names) for i in g[0]) for g in groups)


def _cached_plan(patterns: tuple[str, ...], flags: int) -> Plan:
    """_plan, read from the disk cache when a process built it from the same patterns, flags and
    scanner code before (a pattern that fails is never stored, so it fails again here)."""
    return cached_build("scanner", (_code_digest(), patterns, flags), lambda: _plan(patterns, flags), _is_plan)


@lru_cache(maxsize=1)
def _code_digest() -> str:
    return source_digest(__file__)


@lru_cache(maxsize=8)
def scanner_for(patterns: tuple[str, ...], flags: int = 0) -> PatternScanner:
    """The scanner of these patterns, built once per process (a resource validates it, the grammar uses it)."""
    return PatternScanner(patterns, flags)
