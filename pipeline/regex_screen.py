"""A zero-width screen put before a regex's alternatives so re tries them only where one can start."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]

from pipeline import scanner
from pipeline.build_cache import cached_build, source_digest

MIN_BRANCHES = 4  # fewer alternatives cost re little to try at each position: left as they are


def _plain_group(op, av) -> bool:
    """A group that only groups: no capture, no flags (re compiles it inline)."""
    return op is sre.SUBPATTERN and av[0] is None and not av[1] and not av[2]


def _branches(items) -> list | None:
    """The alternatives of a pattern that is one alternation (through groups that only group)."""
    while len(items) == 1 and _plain_group(*items[0]):
        items = items[0][1][3]
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        return list(items[0][1][1])
    return None


def _fast(branch, ignore_case: bool) -> bool:
    """Whether re skips the alternative at a glance where it cannot start: it opens with a literal
    character that case does not change, or a class (re compares either before trying the rest)."""
    while branch and _plain_group(*branch[0]):
        branch = branch[0][1][3]
    if not branch:
        return False
    op, av = branch[0]
    if op is sre.IN:
        return True
    return op is sre.LITERAL and not (ignore_case and chr(av).lower() != chr(av).upper())


def _at_word_start(items) -> bool:
    """Whether every match begins at a word boundary (\\b among the zero-width items that open it)."""
    for op, av in items:
        if op is sre.AT:
            if av is sre.AT_BOUNDARY:
                return True
            continue
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue
        if _plain_group(op, av):
            return _at_word_start(av[3])
        if op is sre.BRANCH:
            return all(_at_word_start(branch) for branch in av[1])
        return False
    return False


def _build(pattern: str, flags: int) -> str:
    """The screened source, or "" when a screen would not pay or cannot be made."""
    try:
        parsed = sre_parser.parse(pattern, flags)
        branches = _branches(list(parsed))
        if branches is None or len(branches) < MIN_BRANCHES:
            return ""
        ignore_case = bool(flags & re.IGNORECASE)
        if all(_fast(branch, ignore_case) for branch in branches):
            return ""
        chars = scanner.first_chars(pattern, flags, parsed)
    except (ValueError, re.error, RecursionError):
        return ""  # it may start anywhere (or be empty): no screen
    boundary = r"\b" if all(_at_word_start(branch) for branch in branches) else ""
    # (?i:...) holds wherever the case-sensitive class would, so the screen never rejects a start
    cls = "".join(re.escape(char) for char in sorted(chars))
    built = f"(?={boundary}(?i:[{cls}]))(?:{pattern})"
    try:
        sre_parser.parse(built, flags)  # e.g. a global flag (?x) must open the pattern: left as it is
    except (re.error, RecursionError):
        return ""
    return built


def screened(pattern: str, flags: int = 0) -> str:
    """`pattern` with a lookahead before it that holds wherever a match of it can start (a word
    boundary when every alternative begins at one, then a character some alternative can begin
    with): the same matches, found faster when the pattern is an alternation of alternatives re
    cannot skip at a glance (words under IGNORECASE, alternatives opening with \\b or a group).
    The pattern itself when no screen applies; worked out once per machine (the build cache)."""
    identity = ("regex-screen", pattern, int(flags), _code_digest())
    built = cached_build("regex-screen", identity, lambda: _build(pattern, int(flags)),
                         lambda value: isinstance(value, str))
    return built or pattern


@lru_cache(maxsize=1)
def _code_digest() -> tuple[str, str]:
    """The digests of the code a screen is worked out by (this module and the scanner's first characters)."""
    return source_digest(__file__), source_digest(Path(scanner.__file__))
