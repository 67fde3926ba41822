"""Shared mechanism of the rules: date data, the Hit a rule returns, the context it reads (rule book: rulebook.py)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import Callable, Iterable, Literal, TypeVar

from pipeline.checks.config import CheckConfig
from pipeline.checks.rulebook import RateSpec, RuleBook, RuleSpec, rule_book  # noqa: F401  (re-exported)
from pipeline.errors import ResourceError
from pipeline.lexicon import ResourceModel, load_resource, resource_path
from pipeline.regex_cache import compile_cached
from pipeline.schema import REMAINING, Fact, Record, Severity

T = TypeVar("T")
EPSILON = 1e-9
APPROXIMATE = frozenset({"more_than", "at_least", "less_than", "about"})
_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


class DatePattern(ResourceModel):
    type: Literal["range", "date"]
    pattern: str
    example: str


class DateCues(ResourceModel):
    year_shape: str
    month_shape: str
    digits: dict[str, int]
    months: dict[str, int]
    patterns: tuple[DatePattern, ...]
    future_cues: tuple[str, ...]
    sentence_boundary: str
    clause_boundary: str


@dataclass(frozen=True)
class LanguageData:
    """Compiled date patterns, cues and sentence bounds of one language."""

    raw: DateCues
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    future: re.Pattern[str]
    sentence: re.Pattern[str]
    clause: re.Pattern[str]



@lru_cache(maxsize=None)
def language_data(lang: str) -> LanguageData:
    """The compiled dates.yaml of a language; a broken pattern raises ResourceError naming it."""
    raw = load_resource(lang, "dates", DateCues)

    def compiled(pattern: str, entry: str) -> re.Pattern[str]:
        expanded = pattern.replace("{Y}", f"(?:{raw.year_shape})").replace("{M}", f"(?:{raw.month_shape})")
        try:
            return compile_cached(expanded)
        except re.error as exc:
            raise ResourceError(f"entry {entry}: not a valid pattern ({exc})", resource_path(lang, "dates")) from exc

    patterns = []
    for number, entry in enumerate(raw.patterns):
        pattern = compiled(entry.pattern, f"patterns.{number}")
        if not pattern.search(entry.example):
            raise ResourceError(f"entry patterns.{number}: does not match its example", resource_path(lang, "dates"))
        patterns.append((entry.type, pattern))
    return LanguageData(
        raw=raw,
        patterns=tuple(patterns),
        future=compiled("|".join(f"(?:{c})" for c in raw.future_cues), "future_cues"),
        sentence=compiled(raw.sentence_boundary, "sentence_boundary"),
        clause=compiled(raw.clause_boundary, "clause_boundary"),
    )


@dataclass(frozen=True)
class Hit:
    """What a rule found, before the rule book gives it a severity and a message."""

    rule: str
    start: int
    end: int
    fields: dict[str, object] = field(default_factory=dict)
    facts: tuple[str, ...] = ()
    variant: str | None = None
    max_severity: Severity | None = None


@dataclass
class CheckContext:
    """One record with the file text its offsets point into, and lookups the rules share."""

    record: Record
    text: str
    config: CheckConfig
    _memo: dict = field(default_factory=dict, init=False, repr=False)

    def once(self, key: tuple, compute: Callable[[], T]) -> T:
        """What `compute` gives, computed once per record for a key naming what it depends on, so
        that a rule asking the same question for every fact costs one pass, not one per fact."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        return {fact.id: fact for fact in self.record.facts}

    @cached_property
    def lang(self) -> LanguageData:
        return language_data(self.record.language)

    @cached_property
    def _sentence_ends(self) -> list[int]:
        body = self.text[self.record.start : self.record.end]
        return [self.record.start + m.end() for m in self.lang.sentence.finditer(body)]

    @cached_property
    def breakdown_cue(self) -> re.Pattern[str]:
        """The cue that opens a breakdown (其中, of which): the extractors' own, from indicators.yaml."""
        from pipeline.extractors.indicator_cues import indicator_cues

        return indicator_cues(self.record.language).part_of

    def fact(self, fact_id: str | None) -> Fact | None:
        return self.facts_by_id.get(fact_id) if fact_id else None

    def sentence_index(self, pos: int) -> int:
        return bisect.bisect_right(self._sentence_ends, pos)

    def sentence_span(self, pos: int) -> tuple[int, int]:
        index = self.sentence_index(pos)
        ends = self._sentence_ends
        start = ends[index - 1] if index > 0 else self.record.start
        end = ends[index] if index < len(ends) else self.record.end
        return start, end

    @cached_property
    def _plans(self) -> tuple[list[int], list[int]]:
        """Starts of the plans sections in order, and the furthest end up to each."""
        spans = sorted((s.start, s.end) for s in self.record.sections if s.kind == "plans")
        return [start for start, _ in spans], list(accumulate((end for _, end in spans), max))

    @cached_property
    def facts_by_indicator(self) -> dict[str | None, tuple[Fact, ...]]:
        """The facts of each indicator, in record order."""
        found: dict[str | None, list[Fact]] = {}
        for fact in self.record.facts:
            found.setdefault(fact.indicator, []).append(fact)
        return {indicator: tuple(facts) for indicator, facts in found.items()}

    def in_plans(self, pos: int) -> bool:
        starts, reach = self._plans
        last = bisect.bisect_right(starts, pos) - 1  # the last plans section starting at or before pos
        return last >= 0 and reach[last] > pos

    def counts(self, indicator: str, scope: str | None, family: str | None = None) -> tuple[Fact, ...]:
        """Count facts of one indicator in one scope, optionally of one unit family."""
        return (self.once(("counts", indicator, scope, family), lambda: tuple(
            f for f in self.facts_by_indicator.get(indicator, ())
            if f.indicator == indicator and f.kind == "count" and f.scope == scope
            and REMAINING not in f.flags and (family is None or compatible(f.unit, family)))))

    def unique_count(self, indicator: str, scope: str | None, family: str | None = None) -> Fact | None:
        """The count of an indicator when the summary states it once (or repeats one value)."""
        def compute() -> Fact | None:
            found = self.counts(indicator, scope, family)
            if not found or len({(f.value, f.unit) for f in found}) != 1:
                return None
            return found[0]

        return self.once(("unique_count", indicator, scope, family), compute)

    def anchor(self) -> tuple[int, int]:
        """The record's first line (its title or opening words), at most 80 characters."""
        start = self.record.start
        newline = self.text.find("\n", start, self.record.end)
        end = min(newline if newline > start else self.record.end, start + 80)
        return start, max(end, min(start + 1, self.record.end))


def unit_family(unit: str | None) -> str | None:
    """The family of a unit (case and batch count alike); None for a fact without a unit."""
    if unit is None:
        return None
    for family, units in rule_book().unit_families.items():
        if unit in units:
            return family
    return unit


def compatible(unit: str | None, family_or_unit: str | None) -> bool:
    """Whether a unit fits a family (or another unit's family); an unknown unit fits any."""
    if unit is None or family_or_unit is None:
        return True
    other = family_or_unit if family_or_unit in rule_book().unit_families else unit_family(family_or_unit)
    return unit_family(unit) == other


def decimals(fact: Fact) -> int:
    """Decimal places the surface states (98.5% -> 1); from the value when no digits are written."""
    match = _NUMBER.search(fact.surface)
    if match:
        return len(match.group(1) or "")
    text = repr(float(fact.value))
    return 0 if float(fact.value).is_integer() else len(text.split(".")[1])


def half_unit(fact: Fact) -> float:
    """Half a unit of the stated precision, in the fact's value scale (1.02万 -> 50)."""
    match = _NUMBER.search(fact.surface)
    scale = 1.0
    if match:
        literal = float(match.group(0).replace(",", ""))
        if literal and fact.value and abs(fact.value / literal - 1) > EPSILON:
            scale = fact.value / literal
    return abs(0.5 * 10 ** -decimals(fact) * scale)


def fmt(value: float | int, places: int | None = None) -> str:
    """A number as a reader writes it: 126, 95.2, -10.6; `places` fixes the decimals."""
    if places is not None:
        return f"{value:.{places}f}"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def approximate(facts: Iterable[Fact]) -> bool:
    return any(f.qualifier in APPROXIMATE for f in facts)
