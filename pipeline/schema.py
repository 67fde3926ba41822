"""The record contract: frozen pydantic models of every object Petition Miner emits."""

from __future__ import annotations

from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field

Language = Literal["zh", "en"]
SectionKind = Literal["overview", "measures", "results", "problems", "plans", "other"]
FactKind = Literal["count", "rate", "share", "change", "frequency", "duration", "amount", "profile", "other"]
Qualifier = Literal["more_than", "at_least", "less_than", "about", "within"]
Severity = Literal["error", "warning", "info"]

MEASURE_CATEGORIES: tuple[str, ...] = (
    "leadership_responsibility",
    "reception",
    "network_infrastructure",
    "publicity_legal_education",
    "dispute_screening",
    "supervision_case_handling",
    "assessment_accountability",
    "training_staff",
    "root_cause_livelihood",
    "coordination",
    "online_digital",
    "law_based_handling",
)
PROBLEM_CATEGORIES: tuple[str, ...] = (
    "staffing_shortage",
    "staff_capability",
    "organization_mechanism",
    "funding_facilities",
    "backlog_repeat_cases",
    "grassroots_weakness",
    "petitioner_behaviour",
    "other",
)


def _is_none(value) -> bool:
    return value is None


def _is_empty(value) -> bool:
    return not value


class Contract(BaseModel):
    """Base of every contract model: immutable, no unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Contract):
    """Half-open character offsets into the decoded, normalised file text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


# What span of the year a summary reports on: a whole year, a half, a quarter, the first nine
# months (前三季度, 1-9月: `quarter` 3 says up to which quarter), or another span of months
# (January to October). None when the summary states no period.
PeriodKind = Literal["year", "half", "quarter", "nine_months", "months"]


class Period(Contract):
    year: int | None = None
    half: Literal[1, 2] | None = None
    quarter: Literal[1, 2, 3, 4] | None = None
    raw: str | None = None
    kind: PeriodKind | None = None


class Section(Contract):
    kind: SectionKind
    heading: str | None = None
    level: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind_by: Literal["heading", "content", "position", "parent"] = "heading"


# A plans section's count of what is left to do (剩余2件, the 4 cases not yet concluded): it keeps
# its indicator, but it is no result of the period (the table and the single-value checks skip it).
REMAINING = "remaining"


class Fact(Contract):
    """One figure. A range (10-20件, 2-3万人, 二三十名) has `value` its lower end and `value_max` its
    upper end; `value_max` is left out of the JSON when the figure is no range. A bound stays in
    `qualifier` (十余万人: value 100000, more_than), so `value` is never more precise than the text."""

    id: str
    indicator: str | None = None
    subject: str | None = None
    value: float | int
    value_max: float | int | None = Field(None, exclude_if=_is_none)  # left out of the JSON when no range
    unit: str | None = None
    kind: FactKind = "other"
    qualifier: Qualifier | None = None
    part_of: str | None = None
    refers_to: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    surface: str
    per: Literal["day", "week", "month", "quarter", "year"] | None = None
    scope: Literal["previous_period", "target"] | None = None
    flags: tuple[str, ...] = ()


class Placeholder(Span):
    surface: str


class Measure(Contract):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    categories: tuple[str, ...] = ()
    scores: dict[str, float] = Field(default_factory=dict)


class Problem(Contract):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    categories: tuple[str, ...] = ()
    scores: dict[str, float] = Field(default_factory=dict)


class Plan(Contract):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


FindingArg = Union[str, int, float, tuple[str, ...], tuple[tuple[str, ...], ...]]


class Finding(Contract):
    """A check's finding: `message` is English; `variant` and `args` (ids and values, never
    words of a language) let pipeline.i18n write the message in any language."""

    rule: str
    severity: Severity
    message: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    facts: tuple[str, ...] = ()
    variant: str | None = None
    args: dict[str, FindingArg] = Field(default_factory=dict)


class TableCell(Contract):
    """One cell of a table: its row and column (from 0), the span of its text (empty at its place
    when blank), whether it is a header, and the ids of the figures read from it."""

    row: int = Field(ge=0)
    column: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    row_span: int = Field(default=1, ge=1)
    column_span: int = Field(default=1, ge=1)
    header: bool = False
    facts: tuple[str, ...] = ()


TableRole = Literal["category", "total", "part", "measure", "period", "change", "share"]


class TableLine(Contract):
    """A row or a column of a table as its header reads: the header text, its role, the indicator
    its header names and the scope it gives (a previous year's column: previous_period)."""

    axis: Literal["row", "column"]
    index: int = Field(ge=0)
    header: str | None = None
    role: TableRole | None = None
    indicator: str | None = None
    scope: Literal["previous_period", "target"] | None = None


class Table(Contract):
    """A table of a summary (a .docx or PDF table, or tab or pipe rows of a text): its span, its
    caption, its shape, its header rows and columns, its lines and every cell."""

    id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    caption: str | None = None
    rows: int = Field(ge=0)
    columns: int = Field(ge=0)
    header_rows: int = Field(default=0, ge=0)
    header_columns: int = Field(default=0, ge=0)
    lines: tuple[TableLine, ...] = ()
    cells: tuple[TableCell, ...] = ()


CorrectionTarget = Literal["fact", "measure", "problem", "record", "finding"]


class CorrectionMark(Contract):
    """An item a reviewer's correction changed (pipeline.corrections): which item, which fields,
    why; a dismissed finding is gone from `findings` and named here."""

    target: CorrectionTarget
    id: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    fields: tuple[str, ...] = ()
    action: Literal["set", "add", "remove", "dismiss"] = "set"
    rule: str | None = None
    reason: str | None = None


class Record(Contract):
    """One summary: what every command emits, one JSON object per line. `corrections` (left out
    of the JSON when empty) marks what a corrections file changed."""

    doc_id: str
    source: str
    part: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    language: Language
    title: str | None = None
    township: str | None = None
    period: Period = Field(default_factory=Period)
    sections: tuple[Section, ...] = ()
    facts: tuple[Fact, ...] = ()
    placeholders: tuple[Placeholder, ...] = ()
    measures: tuple[Measure, ...] = ()
    problems: tuple[Problem, ...] = ()
    plans: tuple[Plan, ...] = ()
    findings: tuple[Finding, ...] = ()
    tables: tuple[Table, ...] = Field((), exclude_if=_is_empty)  # left out of the JSON when the summary holds no table
    corrections: tuple[CorrectionMark, ...] = Field((), exclude_if=_is_empty)  # left out when nothing was corrected

    def to_json(self) -> str:
        return self.model_dump_json()
