"""The corrections file as validated pydantic models: one entry per change, keyed by file hash and span."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pipeline.schema import FactKind, MEASURE_CATEGORIES, PROBLEM_CATEGORIES, Period, Qualifier

SHA256 = r"^[0-9a-f]{64}$"


class _Entry(BaseModel):
    """What every entry names: the source file's content hash (sha256 of its bytes) and, for the
    reader, the name it had when the entry was written."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str = Field(pattern=SHA256)
    source: str | None = None
    reason: str | None = None


class _Spanned(_Entry):
    """An entry about one span of the file text; `surface` is the text there, so that an entry
    whose text changed is known to be stale instead of changing another item."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    surface: str | None = None

    @model_validator(mode="after")
    def _ordered(self):
        if self.end <= self.start:
            raise ValueError("end must be greater than start")
        if self.surface is not None and len(self.surface) != self.end - self.start:
            raise ValueError(f"surface has {len(self.surface)} characters but the span {self.start}-{self.end} "
                             f"has {self.end - self.start}")
        return self


class FactFields(BaseModel):
    """The fields of a figure an entry sets; a field given as null is cleared."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    indicator: str | None = None
    kind: FactKind | None = None
    value: float | int | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    subject: str | None = None

    def given(self) -> dict:
        return {name: getattr(self, name) for name in self.model_fields_set}


class SetFact(_Spanned):
    """Set or clear fields of the figure at the span."""

    action: Literal["set_fact"]
    set: FactFields

    @model_validator(mode="after")
    def _some(self):
        if not self.set.model_fields_set:
            raise ValueError("set names no field (indicator, kind, value, unit, qualifier, subject)")
        if "value" in self.set.model_fields_set and self.set.value is None:
            raise ValueError("a figure's value cannot be cleared; remove the figure with remove_fact")
        if "kind" in self.set.model_fields_set and self.set.kind is None:
            raise ValueError("a figure's kind cannot be cleared; set it to other")
        return self


class AddFact(_Spanned):
    """A figure the extractors missed (the span must hold its surface)."""

    action: Literal["add_fact"]
    value: float | int
    indicator: str | None = None
    kind: FactKind = "other"
    unit: str | None = None
    qualifier: Qualifier | None = None
    subject: str | None = None


class RemoveFact(_Spanned):
    """The number at the span is no figure."""

    action: Literal["remove_fact"]


class SetUnit(_Spanned):
    """The categories of the measure or problem unit at the span."""

    action: Literal["set_unit"]
    unit: Literal["measure", "problem"]
    categories: tuple[str, ...]

    @model_validator(mode="after")
    def _known(self):
        known = MEASURE_CATEGORIES if self.unit == "measure" else PROBLEM_CATEGORIES
        unknown = [c for c in self.categories if c not in known]
        if unknown:
            raise ValueError(f"unknown {self.unit} categories {', '.join(unknown)}; known: {', '.join(known)}")
        return self


class SetRecord(_Entry):
    """The township or period of the part-th summary of the file."""

    action: Literal["set_record"]
    part: int = Field(ge=1, default=1)
    township: str | None = None
    period: Period | None = None

    @model_validator(mode="after")
    def _some(self):
        if not {"township", "period"} & self.model_fields_set:
            raise ValueError("set_record names neither township nor period")
        return self


class Dismiss(_Spanned):
    """A finding the reviewer judged false: it disappears from every output. `reason` is required."""

    action: Literal["dismiss"]
    rule: str
    reason: str = Field(min_length=1)


Entry = Annotated[Union[SetFact, AddFact, RemoveFact, SetUnit, SetRecord, Dismiss], Field(discriminator="action")]


class CorrectionsFile(BaseModel):
    """A corrections file: `version` 1 and its entries."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: Literal[1] = 1
    entries: tuple[Entry, ...] = ()


def entry_label(index: int, entry) -> str:
    """How messages name an entry: its number (1-based), its action and where it points."""
    where = getattr(entry, "source", None) or entry.file[:12]
    span = f" {entry.start}-{entry.end}" if hasattr(entry, "start") else f" part {entry.part}"
    return f"entry {index + 1} ({entry.action} {where}{span})"
