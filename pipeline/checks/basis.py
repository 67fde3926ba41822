"""The comparison basis a text names for a change or a previous-period figure, and the period it points to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.errors import ResourceError
from pipeline.lexicon import ResourceModel, any_of, load_resource, resource_path
from pipeline.series import Slot

YOY, SEQUENTIAL, LAST_YEAR = "same_period_last_year", "previous_period", "last_year"


class BasisExample(ResourceModel):
    text: str
    basis: str


class BasisCues(ResourceModel):
    """pipeline/resources/<lang>/series.yaml."""

    same_period_last_year: tuple[str, ...]
    previous_period: tuple[str, ...]
    last_year: tuple[str, ...]
    year_patterns: tuple[str, ...]
    clause_boundary: str
    examples: tuple[BasisExample, ...] = ()


@dataclass(frozen=True)
class CompiledCues:
    named: tuple[tuple[str, re.Pattern[str]], ...]
    year: re.Pattern[str]
    boundary: re.Pattern[str]


@lru_cache(maxsize=None)
def basis_cues(lang: str) -> CompiledCues:
    """The compiled series.yaml of a language; a broken pattern or example raises ResourceError."""
    raw = load_resource(lang, "series", BasisCues)
    try:
        cues = CompiledCues(tuple((name, any_of(getattr(raw, name))) for name in (YOY, SEQUENTIAL, LAST_YEAR)),
                            any_of(raw.year_patterns), re.compile(raw.clause_boundary))
    except re.error as exc:
        raise ResourceError(f"a pattern does not compile ({exc})", resource_path(lang, "series")) from exc
    for number, example in enumerate(raw.examples):
        if bases_in(example.text, cues) != {example.basis}:
            raise ResourceError(f"entry examples.{number}: {example.text!r} is not read as {example.basis}",
                                resource_path(lang, "series"))
    return cues


def bases_in(text: str, cues: CompiledCues) -> set[str]:
    """The bases a piece of text names: cue names and named years (as digits); "last year" only
    when nothing more precise is named."""
    found = {name for name, pattern in cues.named if name != LAST_YEAR and pattern.search(text)}
    found |= {m.group("year") for m in cues.year.finditer(text) if m.group("year")}
    if not found and dict(cues.named)[LAST_YEAR].search(text):
        found.add(LAST_YEAR)
    return found


def clause_around(text: str, start: int, end: int, boundary: re.Pattern[str], low: int = 0,
                  high: int | None = None) -> tuple[int, int]:
    """The clause holding text[start:end]: from the last boundary before it to the next one after."""
    high = len(text) if high is None else high
    left = low
    for match in boundary.finditer(text, low, start):
        left = match.end()
    after = boundary.search(text, end, high)
    return left, after.start() if after else high


def target_slot(slot: Slot | None, bases: set[str]) -> Slot | None:
    """The comparable earlier period the bases point to; None when unclear (none, several, or
    one that the period's kind does not support)."""
    if slot is None:
        return None
    targets = {_one(slot, basis) for basis in bases}
    if len(targets) != 1:
        return None
    return targets.pop()


def _one(slot: Slot, basis: str) -> Slot | None:
    if basis == YOY:
        return slot.shifted(years=1)
    if basis == LAST_YEAR:
        return slot.shifted(years=1) if slot.kind == "year" else None
    if basis == SEQUENTIAL:
        return slot.shifted(steps=1) if slot.kind in ("half", "quarter") else None
    year = int(basis)
    return Slot(slot.kind, year, slot.index) if year < slot.year else None


def basis_target(text: str, start: int, end: int, slot: Slot | None, lang: str,
                 low: int = 0, high: int | None = None) -> tuple[Slot | None, str]:
    """The earlier period a figure at text[start:end] is compared with, and the words that say so:
    the clause's bases, else those of its sentence up to the figure; (None, "") when unclear."""
    cues = basis_cues(lang)
    left, right = clause_around(text, start, end, cues.boundary, low, high)
    bases = bases_in(text[left:right], cues)
    if not bases:
        sentence = re.compile(r"[。！？!?\n]|\.(?=\s|$)")
        left = clause_around(text, start, end, sentence, low, high)[0]
        bases = bases_in(text[left:start], cues)
    if not bases:
        return None, ""
    return target_slot(slot, bases), ", ".join(sorted(bases))
