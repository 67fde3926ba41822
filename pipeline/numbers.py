"""Finds and parses quantities in raw text; all language data lives in resources/<lang>/numbers.yaml."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from pydantic import model_validator

from pipeline.lexicon import ResourceModel, load_resource
from pipeline.numerals import Reading, Style, Token, read, trailing_scale
from pipeline.regex_cache import compile_cached
from pipeline.scanner import PatternScanner, Spans, scanner_for

__all__ = ["NumberMention", "NumberResource", "PatternScanner", "Quantity", "find_numbers", "find_quantities",
           "parse_numeral"]

Role = Literal["figure", "year", "date", "month_range", "list_marker", "doc_number", "phone",
               "slogan", "ordinal", "debris", "placeholder_fragment"]
LANGUAGES = ("zh", "en")
_FRAGMENT_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_TENTHS_TO_PERCENT = 10
PERCENT = Decimal(100)


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
    approximate_pairs: list[tuple[int, int]] = []  # neighbouring digits read as 'this or that': 二三十
    abbreviated_tail: bool = False  # a bare last digit is a tenth of the multiplier before it: 两千四百五
    # words that are a number only on their own, in the patterns that name them (半 in 半年: 0.5)
    fractions: dict[str, float] = {}


class PatternEntry(ResourceModel):
    """One prioritised pattern: a figure shape or a kind of number that is not a figure."""
    name: str
    role: Role
    pattern: str
    example: str
    unit: str | None = None  # the unit the shape itself gives a figure with no unit word (an age: Chen Li, 38,)


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
        try:  # the scanner of every pattern, which the grammar then takes from the cache
            scanner_for(tuple(expand(entry.pattern, fragments) for entry in self.patterns), self.flags)
        except (re.error, ValueError, KeyError, RecursionError):
            for entry in self.patterns:  # one at a time, to name the first that fails
                try:
                    PatternScanner([expand(entry.pattern, fragments)], self.flags)
                except (re.error, ValueError, KeyError, RecursionError) as exc:
                    raise ValueError(f"pattern {entry.name!r} is invalid: {exc}") from exc
            raise
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


class _Grammar:
    """The compiled data of one language: the scanner, the numeral parser and the lookups."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
        self.lang, self.resource = lang, load_resource(lang, "numbers", NumberResource)
        resource, fragments, flags = self.resource, _fragments(self.resource), self.resource.flags
        self.fold = str.lower if resource.ignore_case else str
        self.roles = [entry.role for entry in resource.patterns]
        self.shape_units = [entry.unit for entry in resource.patterns]
        self.scanner = scanner_for(tuple(expand(e.pattern, fragments) for e in resource.patterns), flags)
        prefix = r"\s*(?:" + alternation(resource.numerals.percent_prefixes) + ")"
        self.numeral = compile_cached(prefix + "?" + expand("{numeral}", fragments) + r"\s*", flags)
        self.percent_prefix = compile_cached(prefix, flags)
        numerals = resource.numerals
        words = {w: ("value", v) for group in numerals.values.values() for w, v in group.items()}
        words |= {w: ("small", v) for w, v in numerals.small_multipliers.items()}
        words |= {w: ("large", v) for w, v in numerals.large_multipliers.items()}
        words |= {w: ("point", 0) for w in numerals.decimal_points} | {w: ("skip", 0) for w in numerals.connectors}
        self.tokens = re.compile(r"[0-9]+(?:[,\u00a0\u2009\u202f ][0-9]{3})*(?:\.[0-9]+|[·•・][0-9](?: ?[0-9])*)?|"
                                 + alternation(list(words)), flags)
        self.words = {self.fold(w): kind for w, kind in words.items()}
        ordered = sorted(resource.units, key=lambda e: e.followed_by is None)  # conditional entries first
        self.units = {self.fold(w): [e for e in ordered if w in e.words] for u in ordered for w in u.words}
        self.followers = {e.followed_by: re.compile(e.followed_by, flags) for e in resource.units if e.followed_by}
        self.qualifiers = {(q.position, self.fold(w)): q for q in resource.qualifiers for w in q.words}
        self.style = Style(frozenset(numerals.approximate_pairs), numerals.abbreviated_tail)

    def key(self, surface: str) -> str:
        """Lookup form of a unit or qualifier surface: single spaces, case folded if the language says so."""
        return self.fold(" ".join(surface.split()))


_grammar = lru_cache(maxsize=None)(_Grammar)
_GROUPING = re.compile("[,\u00a0\u2009\u202f ]")  # thousands separators inside a numeral
_DOTS = str.maketrans("·•・", "...")  # a decimal point set as a middle dot (99·59%)


def _tokens(body: str, grammar: _Grammar) -> list[Token]:
    tokens: list[Token] = []
    for match in grammar.tokens.finditer(body):
        raw = match.group()
        kind, value = ("value", 0) if raw[0].isdigit() else grammar.words[grammar.key(raw)]
        if kind != "skip":
            tokens.append((kind, Decimal(_GROUPING.sub("", raw).translate(_DOTS)) if raw[0].isdigit()
                           else Decimal(value), raw))
    return tokens


@lru_cache(maxsize=8192)
def _reading(body: str, lang: str) -> Reading | None:
    """Value (or both ends of an approximate range) of a numeral known to be well formed."""
    if body.isascii() and body.isdigit():
        return Decimal(body), None
    grammar = _grammar(lang)
    if body in grammar.resource.numerals.fractions:
        return Decimal(str(grammar.resource.numerals.fractions[body])), None
    try:
        return read(_tokens(body, grammar), grammar.style)
    except (InvalidOperation, KeyError):
        return None


def _number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def parse_numeral(surface: str, lang: str) -> float | int | None:
    """Value of one numeral span ("2,316", "三十一", "百分之百", "thirty-one", "1.5万"); None if not
    one, or if it names a range (二三十: twenty or thirty)."""
    grammar = _grammar(lang)
    if grammar.numeral.fullmatch(surface) is None:
        return None
    prefix = grammar.percent_prefix.match(surface)
    reading = _reading((surface[prefix.end() :] if prefix else surface).strip(), lang)
    return None if reading is None or reading[1] is not None else _number(reading[0])


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


def _span_reading(text: str, spans: Spans, group: str, lang: str) -> Reading | None:
    span = spans.get(group)
    return _reading(text[span[0] : span[1]].strip(), lang) if span else None


def _range_ends(text: str, spans: Spans, grammar: _Grammar) -> tuple[Decimal, Decimal | None] | None:
    """Both ends of the number: one numeral (二三十 -> 20, 30), or two joined by a range separator,
    where a bare lower end takes the scale of the upper one (2-3万 -> 20000, 30000; two to three hundred)."""
    low = _span_reading(text, spans, "num", grammar.lang)
    if low is None or "high" not in spans:
        return low
    high = _span_reading(text, spans, "high", grammar.lang)
    if high is None or low[1] is not None or high[1] is not None:
        return None
    number, upper = spans["num"], spans["high"]
    scale = trailing_scale(_tokens(text[upper[0] : upper[1]], grammar))
    if trailing_scale(_tokens(text[number[0] : number[1]], grammar)) == 1 and low[0] * scale <= high[0]:
        return low[0] * scale, high[0]
    return low[0], high[0]


def _scaled(text: str, spans: Spans, ends: tuple[Decimal, Decimal | None], lang: str) -> Reading | None:
    """Ends times a scale after a qualifier (十余万 = more than 10 * 10^4), or as a share of a
    denominator (三分之一 = 100/3 percent), or in tenths (九成 = 90 percent)."""
    factor = Decimal(1)
    if "scale" in spans:
        scale = _span_reading(text, spans, "scale", lang)
        if scale is None:
            return None
        factor = scale[0]
    if "den" in spans:
        den = _span_reading(text, spans, "den", lang)
        if den is None or den[1] is not None or not den[0]:
            return None
        factor = PERCENT / den[0]
    if "tenths" in spans:
        factor = Decimal(_TENTHS_TO_PERCENT)
    low, high = ends[0] * factor, None if ends[1] is None else ends[1] * factor
    if "hundredths" in spans:  # 九成五 = 95 percent
        extra = _span_reading(text, spans, "hundredths", lang)
        if extra is None or high is not None:
            return None
        low += extra[0]
    return low, high


def _quantity(text: str, spans: Spans, bounds: tuple[int, int], grammar: _Grammar) -> Quantity | None:
    number, high_span = spans.get("num"), spans.get("high")
    ends = _range_ends(text, spans, grammar) if number else None
    ends = _scaled(text, spans, ends, grammar.lang) if ends else None
    if ends is None or number is None:
        return None
    value, high = _number(ends[0]), None if ends[1] is None or ends[1] <= ends[0] else _number(ends[1])
    unit, unit_surface, span = None, None, spans.get("unit")
    if span is not None:
        unit_surface = text[span[0] : span[1]].strip()
        unit = next((e.unit for e in grammar.units.get(grammar.key(unit_surface), [])
                     if e.followed_by is None or grammar.followers[e.followed_by].match(text, span[1])), None)
    marker = spans.get("pct") or spans.get("tenths") or spans.get("pts") or spans.get("frac")
    if marker:
        unit, unit_surface = ("pp" if "pts" in spans else "percent"), text[marker[0] : marker[1]].strip()
    qualifier, (start, end) = None, bounds
    if "pre" in spans or "mid" in spans or "suf" in spans:
        qualifier, start, end = _qualifier_of(text, spans, grammar, unit, bounds)
    if qualifier is None and high is not None and high_span is None:
        qualifier = "about"  # 二三十名: twenty or thirty, said loosely
    while end > start and text[end - 1].isspace():  # a space the pattern allowed before a unit it did not find
        end -= 1
    return Quantity(start, end, number[0], (high_span or number)[1], value, unit, unit_surface, qualifier,
                    "pct" in spans or "tenths" in spans or "den" in spans, "pts" in spans, high)


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Every numeral in `text` with its role; figures carry their Quantity. Sorted, non-overlapping."""
    grammar = _grammar(lang)
    mentions: list[NumberMention] = []
    for index, start, end, spans in grammar.scanner.scan(text):
        role = grammar.roles[index]
        quantity = _quantity(text, spans, (start, end), grammar) if role == "figure" else None
        if quantity is not None and quantity.unit is None and grammar.shape_units[index]:
            quantity = replace(quantity, unit=grammar.shape_units[index])
        role = "debris" if role == "figure" and quantity is None else role  # its numeral does not parse
        start, end = (quantity.start, quantity.end) if quantity else spans.get("num", (start, end))
        mentions.append(NumberMention(start, end, text[start:end], role, quantity))
    return mentions


def find_quantities(text: str, lang: str) -> list[Quantity]:
    """Only the figures of `text`."""
    return [m.quantity for m in find_numbers(text, lang) if m.quantity is not None]
