"""The UI strings of the report and the column headers of the tables, loaded from resources."""

from __future__ import annotations

from pydantic import field_validator

from pipeline.lexicon import ResourceModel, load_resource
from pipeline.schema import MEASURE_CATEGORIES

SEVERITIES = ("error", "warning", "info")


class Family(ResourceModel):
    """Indicators highlighted in one colour."""

    id: str
    name: str
    indicators: tuple[str, ...] = ()


class ReportLabels(ResourceModel):
    """pipeline/resources/<lang>/report.yaml."""

    html_lang: str
    title: str
    subtitle: str
    generator: str
    nav: dict[str, str]
    headings: dict[str, str]
    columns: dict[str, str]
    severity: dict[str, str]
    families: tuple[Family, ...]
    categories: dict[str, str]
    marks: dict[str, str]
    fields: dict[str, str]
    kinds: dict[str, str]
    qualifiers: dict[str, str]
    scopes: dict[str, str]

    @field_validator("categories", "severity")
    @classmethod
    def _every_id_named(cls, value: dict[str, str], info) -> dict[str, str]:
        wanted = MEASURE_CATEGORIES if info.field_name == "categories" else SEVERITIES
        missing = [key for key in wanted if key not in value]
        if missing:
            raise ValueError(f"add names for the {info.field_name} {missing}")
        return value

    @field_validator("families")
    @classmethod
    def _other_family_last(cls, value: tuple[Family, ...]) -> tuple[Family, ...]:
        if not value or value[-1].id != "other":
            raise ValueError("the last family must be 'other' (figures bound to no family)")
        return value


class ColumnFile(ResourceModel):
    """pipeline/resources/<lang>/columns.yaml: column id -> header."""

    columns: dict[str, str]


def report_labels(lang: str) -> ReportLabels:
    """The UI strings of the HTML report in `lang` (en or zh)."""
    return load_resource(lang, "report", ReportLabels)


def column_labels(lang: str) -> dict[str, str]:
    """Column id -> header in `lang`; columns missing from the mapping keep their id."""
    return dict(load_resource(lang, "columns", ColumnFile).columns)


SERIES_SUFFIXES = ("_previous_reported", "_change")  # pipeline.checks.series_values columns


def header(column: str, labels: dict[str, str]) -> str:
    """The header of a column: its label, a series column's from its indicator's, else its id."""
    if column in labels:
        return labels[column]
    for suffix in SERIES_SUFFIXES:
        base = column.removesuffix(suffix)
        if base != column and base in labels and suffix in labels:
            return labels[suffix].format(base=labels[base])
    return column
