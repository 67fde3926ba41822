"""Finds and parses quantities in raw text; all language data lives in resources/<lang>/numbers.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Literal

from pydantic import model_validator

from pipeline.lexicon import ResourceModel, load_resource

Role = Literal["figure", "year", "date", "month_range", "list_marker", "doc_number", "phone",
               "slogan", "ordinal", "debris", "placeholder_fragment"]
LANGUAGES = ("zh", "en")
_FRAGMENT_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_NAMED_GROUP = re.compile(r"\(\?P<([A-Za-z_]\w*)>")
_TENTHS_TO_PERCENT = 10
Spans = dict[str, tuple[int, int]]
Token = tuple[str, Decimal, str]  # (value | small | large | point, value, surface)
Dispatch = tuple[re.Pattern[str], dict[int, tuple[int, dict[str, int]]]]  # regex, marker -> (entry, groups)


class UnitEntry(ResourceModel):
    """Words that map to one canonical unit id; `followed_by`/`not_followed_by` are lookaheads."""
    unit: str
    words: list[str]
    followed_by: str | None = None
    not_followed_by: str | None = None
    example: str


class QualifierEntry(ResourceModel):
    """Words bounding a figure at one position: before the number, between number and unit, after."""
    qualifier: Literal["more_than", "at_least", "less_than", "about", "within"]
    position: Literal["prefix", "middle", "suffix"]
    words: list[str]
    only_units: list[str] = []
    not_units: list[str] = []
    not_preceded_by: list[str] = []  # fixed-width patterns, e.g. '[预邀]' or 'jurisdiction '
    not_followed_by: str | None = None
    example: str


class NumeralData(ResourceModel):
    """How numerals are written: value words by group, multipliers, decimal points, percent prefixes."""
    values: dict[str, dict[str, int]]
    small_multipliers: dict[str, int] = {}
    large_multipliers: dict[str, int] = {}
    decimal_points: list[str] = []
    percent_prefixes: list[str] = []
    connectors: list[str] = []


class PatternEntry(ResourceModel):
    """One prioritised pattern: a figure shape or a kind of number that is not a figure."""
    name: str
    role: Role
    pattern: str
    example: str


class NumberResource(ResourceModel):
    """The whole numbers.yaml of one language; every pattern must compile and start definitely."""
    ignore_case: bool = False
    numerals: NumeralData
    units: list[UnitEntry]
    qualifiers: list[QualifierEntry]
    fragments: dict[str, str]
    patterns: list[PatternEntry]

    @property
    def flags(self) -> int:
        return re.IGNORECASE if self.ignore_case else 0

    @model_validator(mode="after")
    def _patterns_compile(self) -> NumberResource:
        fragments = _fragments(self)
        if "numeral" not in fragments:
            raise ValueError("fragment 'numeral' (the shape of one numeral span) is missing")
        for entry in self.patterns:
            try:
                PatternScanner([expand(entry.pattern, fragments)], self.flags)
            except (re.error, ValueError, KeyError, RecursionError) as exc:
                raise ValueError(f"pattern {entry.name!r} is invalid: {exc}") from exc
        return self


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    number_start: int
    number_end: int
    value: float | int
    unit: str | None
    unit_surface: str | None
    qualifier: str | None
    is_percent: bool
    percent_points: bool
    value_high: float | int | None = None


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    surface: str
    role: str
    quantity: Quantity | None


def _branches(entries: Sequence[tuple[str, Sequence[str], str | None, str | None]]) -> str:
    """Longest-first (word, not preceded by, followed by, not followed by); lookbehinds go after the word."""
    out = []
    for word, before, after, not_after in sorted(entries, key=lambda entry: (-len(entry[0]), entry[0])):
        guards = "".join(f"(?<!{b}{re.escape(word)})" for b in before)
        guards += (f"(?={after})" if after else "") + (f"(?!{not_after})" if not_after else "")
        out.append(re.escape(word).replace("\\ ", r"\s+") + guards)
    return "(?:" + "|".join(out) + ")" if out else "(?!)"


def alternation(words: Sequence[str]) -> str:
    """Longest-first alternation of literal words."""
    return _branches([(word, (), None, None) for word in set(words)])


def _fragments(resource: NumberResource) -> dict[str, str]:
    """YAML fragments plus the ones generated from numerals, units and qualifiers."""
    numerals, qualifiers = resource.numerals, resource.qualifiers
    value_words = [w for words in numerals.values.values() for w in words]
    return resource.fragments | {f"values_{g}": alternation(list(w)) for g, w in numerals.values.items()} | {
        "value_word": alternation(value_words),
        "numeral_word": alternation(value_words + [*numerals.small_multipliers, *numerals.large_multipliers]),
        "small_multiplier": alternation(list(numerals.small_multipliers)),
        "large_multiplier": alternation(list(numerals.large_multipliers)),
        "decimal_point": alternation(numerals.decimal_points),
        "percent_prefix": alternation(numerals.percent_prefixes),
        "units": _branches([(w, (), u.followed_by, u.not_followed_by) for u in resource.units for w in u.words]),
        **{f"qualifier_{p}": _branches([(w, q.not_preceded_by, None, q.not_followed_by) for q in qualifiers
                                        if q.position == p for w in q.words]) for p in ("prefix", "middle", "suffix")},
    }


def expand(pattern: str, fragments: dict[str, str]) -> str:
    """Replace every {name} by its fragment, recursively, each wrapped in a non-capturing group."""
    return _FRAGMENT_REF.sub(lambda m: "(?:" + expand(fragments[m.group(1)], fragments) + ")", pattern)


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


def first_chars(pattern: str, flags: int) -> set[str]:
    """Characters a match of `pattern` can start with; ValueError when it could start anywhere."""
    chars, empty = _first_chars(sre_parser.parse(pattern, flags))
    if chars is None or empty:
        raise ValueError("pattern may start with any character; begin it with a literal or a class")
    return chars | {c.swapcase() for c in chars} if flags & re.IGNORECASE else chars


MAX_PREFIXES = 4096
# prefixes are listed with every whitespace as " " and every ASCII digit as "0": far fewer to list
CANONICAL = str.maketrans({**{c: " " for c in WHITESPACE}, **{d: "0" for d in "0123456789"}})
MAX_JOIN = 100_000
PREFIX_LENGTH = 4  # characters of a word start compared with the patterns' before a regex is tried


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


def letter_followers(prefixes: set[str] | None, ignore_case: bool) -> dict[str, set[str] | None] | None:
    """From a pattern's two-character prefixes: for each ASCII letter a match can start with, the
    characters that can follow it (None: any, or the match may be that letter alone); None when
    the prefixes are too many to list. The trigger leaves further case folding of the follower to re."""
    if prefixes is None:
        return None
    fold = (lambda c: {c, c.swapcase()}) if ignore_case else (lambda c: {c})
    followers: dict[str, set[str] | None] = {}
    for prefix in prefixes:
        if not prefix or not (prefix[0].isascii() and prefix[0].isalpha()):
            continue
        for first in fold(prefix[0]):
            if len(prefix) < 2 or followers.get(first, set()) is None:
                followers[first] = None
            else:
                followers.setdefault(first, set()).update(_uncanonical(prefix[1], fold))
    return followers


def _uncanonical(char: str, fold) -> set[str]:
    """Every character a canonical one stands for (" ": any whitespace, "0": any ASCII digit)."""
    if char == " ":
        return set(WHITESPACE)
    if char == "0":
        return set("0123456789")
    return fold(char)


class PatternScanner:
    """One pass with prioritised patterns: at each position those that can start with its character are
    tried in order as one alternation; the first match wins. ASCII letters trigger at word starts only."""

    def __init__(self, patterns: Sequence[str], flags: int = 0) -> None:
        names = [re.compile(p, flags).groupindex for p in patterns]
        starts = [first_chars(p, flags) for p in patterns]
        renamed = [_NAMED_GROUP.sub(lambda m, i=i: f"(?P<{m.group(1)}__{i}>", p) for i, p in enumerate(patterns)]
        combined: dict[tuple[int, ...], Dispatch] = {}
        self._dispatch: dict[str, Dispatch] = {}
        for char in set().union(*starts):
            key = tuple(i for i, chars in enumerate(starts) if char in chars)
            if key not in combined:
                regex = re.compile("|".join(f"(?:{renamed[i]})(?P<_{i}>)" for i in key), flags)
                combined[key] = (regex, {regex.groupindex[f"_{i}"]: (i, {
                    name: regex.groupindex[f"{name}__{i}"] for name in names[i]}) for i in key})
            self._dispatch[char] = combined[key]
        parsed = [sre_parser.parse(p, flags) for p in patterns]
        longer = [_prefixes(tree, PREFIX_LENGTH) for tree in parsed]
        self._word_starts = self._prefix_sets(patterns, flags, longer)
        # two-character prefixes: those above cut short, or listed anew where those were too many
        shorter = [{p[:2] for p in found} if found is not None else _prefixes(tree, 2)
                   for found, tree in zip(longer, parsed)]
        letters = "".join(sorted(c for c in self._dispatch if c.isascii() and c.isalpha()))
        others = "".join(re.escape(c) for c in sorted(self._dispatch) if c not in letters)
        branches = ([f"[{others}]"] if others else []) + self._letter_triggers(shorter, starts, flags, letters)
        self._trigger = re.compile("|".join(branches) or "(?!)")

    @staticmethod
    def _prefix_sets(patterns: Sequence[str], flags: int,
                     prefixes: Sequence[set[str] | None] | None = None) -> dict[str, frozenset[str]]:
        """For each ASCII letter, the canonical lower-cased starts (up to PREFIX_LENGTH characters,
        fewer when a match is that short) of every match that can begin with it; a letter is left
        out when the starts are too many to list (then every word start with it is tried)."""
        listed: dict[str, set[str]] = {}
        unlisted: set[str] = set()
        if prefixes is None:
            prefixes = [_prefixes(sre_parser.parse(pattern, flags), PREFIX_LENGTH) for pattern in patterns]
        for pattern, found in zip(patterns, prefixes):
            if found is None:
                unlisted |= {c.lower() for c in first_chars(pattern, flags) if c.isascii() and c.isalpha()}
                continue
            for prefix in found:
                if prefix and prefix[0].isascii() and prefix[0].isalpha():
                    listed.setdefault(prefix[0].lower(), set()).add(prefix.lower())
        return {letter: frozenset(found) for letter, found in listed.items() if letter not in unlisted}

    @staticmethod
    def _starts_a_match(text: str, start: int, allowed: frozenset[str]) -> bool:
        """Whether the word start at `start` begins one of the listed match starts."""
        key = text[start : start + PREFIX_LENGTH]
        if not key.isascii():
            return True  # letters such as ſ match s only inside re: leave the word to the regex
        key = key.lower().translate(CANONICAL)
        return any(key[:size] in allowed for size in range(1, len(key) + 1))

    @staticmethod
    def _letter_triggers(prefixes: Sequence[set[str] | None], starts: Sequence[set[str]], flags: int,
                         letters: str) -> list[str]:
        """Word starts where a pattern can begin: a letter, and the letter after it when every
        pattern starting with that letter allows only some (a|about|approximately -> a + [ bp])."""
        followers: dict[str, set[str] | None] = {letter: set() for letter in letters}
        for found, first in zip(prefixes, starts):
            known = letter_followers(found, bool(flags & re.IGNORECASE))
            if known is None:
                known = {letter: None for letter in first if letter in followers}
            for letter, chars in known.items():
                if followers.get(letter, None) is not None:
                    followers[letter] = None if chars is None else followers[letter] | chars
        anywhere = "".join(letter for letter, chars in followers.items() if chars is None)
        branches = [f"[{anywhere}]"] if anywhere else []
        fold = "(?i:" if flags & re.IGNORECASE else "(?:"  # re's own case folding for the follower
        branches += [f"{letter}(?={fold}[{''.join(re.escape(c) for c in sorted(chars))}]))"
                     for letter, chars in sorted(followers.items()) if chars]
        return [f"(?<![A-Za-z])(?:{'|'.join(branches)})"] if branches else []

    def scan(self, text: str) -> Iterator[tuple[int, int, int, Spans]]:
        """Yield (pattern index, start, end, spans of its named groups that matched), in order, disjoint."""
        pos, search, dispatch, word_starts = 0, self._trigger.search, self._dispatch, self._word_starts
        while (hit := search(text, pos)) is not None:
            start = hit.start()
            char = text[start]
            allowed = word_starts.get(char.lower()) if char.isascii() else None
            if allowed is not None and not self._starts_a_match(text, start, allowed):
                pos = start + 1  # no pattern starts with this word (the, village, ...)
                continue
            regex, by_marker = dispatch[char]
            found = regex.match(text, start)
            if found is None or found.end() == start:
                pos = start + 1
                continue
            index, groups = by_marker[found.lastindex]  # type: ignore[index]
            regs, pos = found.regs, found.end()
            yield index, start, pos, {name: regs[j] for name, j in groups.items() if regs[j][0] >= 0}


class _Grammar:
    """The compiled data of one language: the scanner, the numeral parser and the lookups."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
        self.lang, self.resource = lang, load_resource(lang, "numbers", NumberResource)
        resource, fragments, flags = self.resource, _fragments(self.resource), self.resource.flags
        self.fold = str.lower if resource.ignore_case else str
        self.roles = [entry.role for entry in resource.patterns]
        self.scanner = PatternScanner([expand(e.pattern, fragments) for e in resource.patterns], flags)
        prefix = r"\s*(?:" + alternation(resource.numerals.percent_prefixes) + ")"
        self.numeral = re.compile(prefix + "?" + expand("{numeral}", fragments) + r"\s*", flags)
        self.percent_prefix = re.compile(prefix, flags)
        numerals = resource.numerals
        words = {w: ("value", v) for group in numerals.values.values() for w, v in group.items()}
        words |= {w: ("small", v) for w, v in numerals.small_multipliers.items()}
        words |= {w: ("large", v) for w, v in numerals.large_multipliers.items()}
        words |= {w: ("point", 0) for w in numerals.decimal_points} | {w: ("skip", 0) for w in numerals.connectors}
        self.tokens = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|" + alternation(list(words)), flags)
        self.words = {self.fold(w): kind for w, kind in words.items()}
        ordered = sorted(resource.units, key=lambda e: e.followed_by is None)  # conditional entries first
        self.units = {self.fold(w): [e for e in ordered if w in e.words] for u in ordered for w in u.words}
        self.followers = {e.followed_by: re.compile(e.followed_by, flags) for e in resource.units if e.followed_by}
        self.qualifiers = {(q.position, self.fold(w)): q for q in resource.qualifiers for w in q.words}

    def key(self, surface: str) -> str:
        """Lookup form of a unit or qualifier surface: single spaces, case folded if the language says so."""
        return self.fold(" ".join(surface.split()))


_grammar = lru_cache(maxsize=None)(_Grammar)


def _digit_string(tokens: list[Token]) -> str | None:
    """二〇一九 / 二00七 / the decimals of 九十七点四: digits one after another, no multipliers."""
    if any(kind != "value" or not (raw.isdigit() or value < 10) for kind, value, raw in tokens):
        return None
    return "".join(raw if raw.isdigit() else str(int(value)) for _, value, raw in tokens)


def _combine(tokens: list[Token]) -> Decimal | None:
    """Additive-multiplicative value: 三万二千 = 3*10000 + 2*1000; two thousand and five."""
    if len(tokens) > 1 and all(kind == "value" and value < 10 for kind, value, _ in tokens):
        digits = _digit_string(tokens)  # 二〇一九, 二00七; but 三五 (three or five) is no number
        return Decimal(digits) if digits and (len(digits) > 2 or "0" in digits) else None
    total = section = number = Decimal(0)
    last_small: Decimal | None = None
    for kind, value, _ in tokens:
        if kind == "value":
            number += value
        elif kind == "small":
            if last_small is not None and value >= last_small:
                return None
            section, number, last_small = section + (number or 1) * value, Decimal(0), value
        else:
            chunk = section + number
            total = total * value if chunk == 0 and total else total + (chunk or 1) * value
            section, number, last_small = Decimal(0), Decimal(0), None
    return total + section + number


def _value_of(surface: str, grammar: _Grammar) -> Decimal | None:
    tokens: list[Token] = []
    for match in grammar.tokens.finditer(surface):
        raw = match.group()
        kind, value = ("value", 0) if raw[0].isdigit() else grammar.words[grammar.key(raw)]
        if kind != "skip":
            tokens.append((kind, Decimal(raw.replace(",", "")) if raw[0].isdigit() else Decimal(value), raw))
    points = [i for i, token in enumerate(tokens) if token[0] == "point"]
    whole, fraction = (tokens[: points[0]], tokens[points[0] + 1 :]) if points else (tokens, [])
    integer = _combine(whole) if whole else (Decimal(0) if fraction else None)
    decimals = _digit_string(fraction) if fraction else ""
    if integer is None or decimals is None:
        return None
    return integer + Decimal(f"0.{decimals}") if decimals else integer


@lru_cache(maxsize=8192)
def _numeral_value(body: str, lang: str) -> float | int | None:
    """Value of a numeral already known to be well formed (plain digits take a fast path)."""
    if body.isascii() and body.isdigit():
        return int(body)
    try:
        value = _value_of(body, _grammar(lang))
    except (InvalidOperation, KeyError):
        return None
    return None if value is None else int(value) if value == value.to_integral_value() else float(value)


def parse_numeral(surface: str, lang: str) -> float | int | None:
    """Value of one numeral span ("2,316", "三十一", "百分之百", "thirty-one", "1.5万"); None if not one."""
    grammar = _grammar(lang)
    if grammar.numeral.fullmatch(surface) is None:
        return None
    prefix = grammar.percent_prefix.match(surface)
    return _numeral_value((surface[prefix.end() :] if prefix else surface).strip(), lang)


def _qualifier_of(text: str, spans: Spans, grammar: _Grammar, unit: str | None,
                  bounds: tuple[int, int]) -> tuple[str | None, int, int]:
    """The first admissible qualifier; a prefix or suffix not admissible for the unit leaves the span."""
    (start, end), chosen = bounds, None
    for group, position in (("pre", "prefix"), ("mid", "middle"), ("suf", "suffix")):
        span = spans.get(group)
        if span is None:
            continue
        entry = grammar.qualifiers.get((position, grammar.key(text[span[0] : span[1]])))
        if entry is not None and (not entry.only_units or unit in entry.only_units) and unit not in entry.not_units:
            chosen = chosen or entry.qualifier
        elif group == "pre":
            start = min(spans[g][0] for g in ("pct", "num") if g in spans)
        elif group == "suf":
            end = span[0]
            while end > start and text[end - 1].isspace():
                end -= 1
    return chosen, start, end


def _quantity(text: str, spans: Spans, bounds: tuple[int, int], grammar: _Grammar) -> Quantity | None:
    number, high_span = spans.get("num"), spans.get("high")
    value = _numeral_value(text[number[0] : number[1]], grammar.lang) if number else None
    high = _numeral_value(text[high_span[0] : high_span[1]], grammar.lang) if high_span else None
    if value is None or number is None:
        return None
    unit, unit_surface, span = None, None, spans.get("unit")
    if span is not None:
        unit_surface = text[span[0] : span[1]].strip()
        unit = next((e.unit for e in grammar.units.get(grammar.key(unit_surface), [])
                     if e.followed_by is None or grammar.followers[e.followed_by].match(text, span[1])), None)
    marker = spans.get("pct") or spans.get("tenths") or spans.get("pts")
    if "tenths" in spans:
        value, high = value * _TENTHS_TO_PERCENT, high * _TENTHS_TO_PERCENT if high is not None else None
    if marker:
        unit, unit_surface = ("pp" if "pts" in spans else "percent"), text[marker[0] : marker[1]].strip()
    qualifier, (start, end) = None, bounds
    if "pre" in spans or "mid" in spans or "suf" in spans:
        qualifier, start, end = _qualifier_of(text, spans, grammar, unit, bounds)
    return Quantity(start, end, number[0], (high_span or number)[1], value, unit, unit_surface, qualifier,
                    "pct" in spans or "tenths" in spans, "pts" in spans, high)


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Every numeral in `text` with its role; figures carry their Quantity. Sorted, non-overlapping."""
    grammar = _grammar(lang)
    mentions: list[NumberMention] = []
    for index, start, end, spans in grammar.scanner.scan(text):
        role = grammar.roles[index]
        quantity = _quantity(text, spans, (start, end), grammar) if role == "figure" else None
        role = "debris" if role == "figure" and quantity is None else role  # its numeral does not parse
        start, end = (quantity.start, quantity.end) if quantity else spans.get("num", (start, end))
        mentions.append(NumberMention(start, end, text[start:end], role, quantity))
    return mentions


def find_quantities(text: str, lang: str) -> list[Quantity]:
    """Only the figures of `text`."""
    return [m.quantity for m in find_numbers(text, lang) if m.quantity is not None]
