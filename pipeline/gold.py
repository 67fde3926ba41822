"""The hand-checked gold of the corpus (corpus/gold/*.json), loaded into validated models."""

from __future__ import annotations

from typing import Literal

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from pipeline.errors import InputError
from pipeline.schema import MEASURE_CATEGORIES, PROBLEM_CATEGORIES, Period


class GoldModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GoldFact(GoldModel):
    id: str
    surface: str
    start: int
    end: int
    value: float | int
    unit: str | None = None
    kind: str
    indicator: str | None = None
    qualifier: str | None = None
    part_of: str | None = None
    refers_to: str | None = None
    per: str | None = None
    scope: Literal["previous_period", "target"] | None = None
    flags: tuple[str, ...] = ()


class GoldSpan(GoldModel):
    surface: str
    start: int
    end: int


class PlantedError(GoldModel):
    rule: str
    facts: tuple[str, ...] = ()
    note: str = ""
    # certain: the text states every figure of the computation and the relation explicitly (a rate
    # beside its own counts, a share of a stated total, a 其中 breakdown); an uncertain one (a rate
    # over a base the text does not state) should be flagged, as a warning at least
    certain: bool = True


class GoldUnit(GoldModel):
    """A measure, problem or plan unit of the real set: offsets and labels only (no text)."""

    kind: Literal["measure", "problem", "plan"]
    start: int
    end: int
    categories: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _span_and_vocabulary(self) -> "GoldUnit":
        if not 0 <= self.start < self.end:
            raise ValueError(f"{self.kind} unit {self.start}-{self.end}: not a span")
        vocabulary = PROBLEM_CATEGORIES if self.kind == "problem" else MEASURE_CATEGORIES  # plans plan measures
        unknown = sorted(set(self.categories) - set(vocabulary))
        if unknown:
            raise ValueError(f"{self.kind} unit {self.start}-{self.end}: unknown categories {unknown}")
        return self


class GoldDocument(GoldModel):
    part: int
    start: int | None = None  # the summary's span in the file (real set: matched to records by overlap)
    end: int | None = None
    language: str
    township: str | None = None
    period: Period = Period()
    section_kinds: tuple[str, ...] = ()
    facts: tuple[GoldFact, ...] = ()
    placeholders: tuple[GoldSpan, ...] = ()
    planted_errors: tuple[PlantedError, ...] = ()
    arithmetic_errors: tuple[PlantedError, ...] = ()  # real set: the errors the text itself holds
    units: tuple[GoldUnit, ...] = ()
    template_of: str | None = None
    translation_of: str | None = None
    measure_categories: tuple[str, ...] = ()
    problem_categories: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _units_inside(self) -> "GoldDocument":
        low, high = self.start or 0, self.end
        for unit in self.units:
            if unit.start < low or (high is not None and unit.end > high):
                raise ValueError(f"{unit.kind} unit {unit.start}-{unit.end} lies outside the document "
                                 f"({low}-{high})")
        return self


class GoldFile(GoldModel):
    file: str
    documents: tuple[GoldDocument, ...]


def load_gold_file(path: Path) -> GoldFile:
    try:
        return GoldFile.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, ValidationError) as exc:
        raise InputError(f"invalid gold file ({exc.__class__.__name__}: {str(exc)[:200]})", path) from exc


def load_gold(corpus: Path) -> list[tuple[Path, GoldFile]]:
    """(source file, gold) for every gold file under corpus/gold, sorted by name."""
    pairs = []
    for path in sorted((corpus / "gold").glob("*.json")):
        gold = load_gold_file(path)
        pairs.append((corpus / gold.file, gold))
    return pairs
