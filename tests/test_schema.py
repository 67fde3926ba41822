"""The record contract: JSON round trip, frozen models, no unknown keys, DESIGN.md key order."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from pipeline.schema import (
    Fact,
    Finding,
    Measure,
    Period,
    Placeholder,
    Plan,
    Problem,
    Record,
    Section,
)

RECORD_KEYS = [
    "doc_id", "source", "part", "start", "end", "language", "title", "township", "period",
    "sections", "facts", "placeholders", "measures", "problems", "plans", "findings",
]


def full_record() -> Record:
    return Record(
        doc_id="000_e0e5e41776e59551#2",
        source="path/as/given.txt",
        part=2,
        start=7420,
        end=14669,
        language="en",
        title="Summary of the petition work",
        township="Zishi Township",
        period=Period(year=2020, half=1, quarter=None, raw="20XX"),
        sections=(Section(kind="measures", heading="2. Integrate forces ...", level=1, start=10, end=90),),
        facts=(
            Fact(id="f3", indicator="petitions_total", subject="letters and visits from the masses",
                 value=31, unit="case", kind="count", start=20, end=41, surface="31 letters and visits"),
            Fact(id="f4", value=95.6, unit="%", kind="rate", qualifier="about", refers_to="f3",
                 start=50, end=55, surface="95.6%", flags=("derived",)),
        ),
        placeholders=(Placeholder(start=0, end=2, surface="XX"),),
        measures=(Measure(id="m1", text="...", start=1, end=4, categories=("leadership_responsibility",),
                          scores={"leadership_responsibility": 0.91}),),
        problems=(Problem(id="p1", text="...", start=5, end=8, categories=("staffing_shortage",)),),
        plans=(Plan(id="n1", text="...", start=9, end=12),),
        findings=(Finding(rule="rate-over-100", severity="error", message="rate above 100%",
                          start=50, end=55, facts=("f4",)),),
    )


def test_schema_record_round_trips_through_json() -> None:
    record = full_record()
    assert Record.model_validate_json(record.to_json()) == record
    assert Record.model_validate(json.loads(record.to_json())) == record


def test_schema_minimal_record_round_trips_with_nulls() -> None:
    record = Record(doc_id="a#1", source="a.txt", part=1, start=0, end=10, language="zh")
    data = json.loads(record.to_json())
    assert data["title"] is None and data["township"] is None
    assert data["period"] == {"year": None, "half": None, "quarter": None, "raw": None, "kind": None}
    assert Record.model_validate_json(record.to_json()) == record


def test_schema_record_json_keys_follow_design_order() -> None:
    assert list(json.loads(full_record().to_json())) == RECORD_KEYS


def test_schema_record_json_keeps_chinese_and_float_values() -> None:
    record = full_record().model_copy(update={"township": "清河镇"})
    data = json.loads(record.to_json())
    assert data["township"] == "清河镇"
    assert data["facts"][1]["value"] == 95.6


NESTED_KEYS = {
    "section": (lambda r: r.sections[0], ["kind", "heading", "level", "start", "end"]),
    "fact": (lambda r: r.facts[0], ["id", "indicator", "subject", "value", "unit", "kind", "qualifier",
                                     "part_of", "refers_to", "start", "end", "surface"]),
    "placeholder": (lambda r: r.placeholders[0], ["start", "end", "surface"]),
    "measure": (lambda r: r.measures[0], ["id", "text", "start", "end", "categories", "scores"]),
    "problem": (lambda r: r.problems[0], ["id", "text", "start", "end", "categories"]),
    "plan": (lambda r: r.plans[0], ["id", "text", "start", "end"]),
    "finding": (lambda r: r.findings[0], ["rule", "severity", "message", "start", "end", "facts"]),
    "period": (lambda r: r.period, ["year", "half", "quarter", "raw"]),
}


@pytest.mark.parametrize(("pick", "keys"), NESTED_KEYS.values(), ids=NESTED_KEYS.keys())
def test_schema_nested_json_keys_start_in_design_order(pick, keys: list[str]) -> None:
    data = json.loads(pick(full_record()).model_dump_json())
    assert list(data)[: len(keys)] == keys


@pytest.mark.parametrize(
    ("obj", "field", "value"),
    [
        (full_record(), "township", "Other Township"),
        (full_record().sections[0], "kind", "plans"),
        (full_record().facts[0], "value", 32),
        (full_record().period, "year", 2021),
        (full_record().findings[0], "severity", "info"),
    ],
    ids=["record", "section", "fact", "period", "finding"],
)
def test_schema_models_are_frozen(obj, field: str, value) -> None:
    with pytest.raises(ValidationError):
        setattr(obj, field, value)


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Record, {"doc_id": "a#1", "source": "a", "part": 1, "start": 0, "end": 1, "language": "zh",
                  "extra": 1}),
        (Section, {"kind": "measures", "level": 1, "start": 0, "end": 1, "confidence": 0.5}),
        (Fact, {"id": "f1", "value": 1, "start": 0, "end": 1, "surface": "1件", "note": "x"}),
        (Period, {"year": 2020, "month": 6}),
        (Placeholder, {"start": 0, "end": 2, "surface": "XX", "kind": "x"}),
    ],
    ids=["record", "section", "fact", "period", "placeholder"],
)
def test_schema_models_forbid_extra_keys(model, data: dict) -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        model.model_validate(data)


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Record, {"doc_id": "a#1", "source": "a", "part": 0, "start": 0, "end": 1, "language": "zh"}),
        (Record, {"doc_id": "a#1", "source": "a", "part": 1, "start": 0, "end": 1, "language": "fr"}),
        (Section, {"kind": "summary", "level": 1, "start": 0, "end": 1}),
        (Section, {"kind": "plans", "level": 1, "start": -1, "end": 1}),
        (Fact, {"id": "f1", "value": 1, "start": 0, "end": 1, "surface": "1", "kind": "ratio"}),
        (Fact, {"id": "f1", "value": 1, "start": 0, "end": 1, "surface": "1", "qualifier": "over"}),
        (Period, {"half": 3}),
        (Finding, {"rule": "x", "severity": "fatal", "message": "m", "start": 0, "end": 1}),
    ],
    ids=["part-zero", "language-fr", "section-kind", "negative-start", "fact-kind", "qualifier",
         "half-3", "severity"],
)
def test_schema_rejects_values_outside_the_vocabularies(model, data: dict) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(data)


@pytest.mark.parametrize(("value_max", "kept"), [(None, False), (20, True), (0, True), (2.5, True)])
def test_schema_fact_leaves_out_value_max_only_when_no_range(value_max, kept: bool) -> None:
    fact = Fact(id="f1", value=10, value_max=value_max, unit="case", kind="count", start=0, end=3, surface="10件")
    for data in (json.loads(fact.model_dump_json()), fact.model_dump(), fact.model_dump(mode="json")):
        assert ("value_max" in data) is kept
        assert list(data)[:4] == ["id", "indicator", "subject", "value"]
    assert Fact.model_validate_json(fact.model_dump_json()) == fact


def test_schema_record_leaves_out_empty_tables_and_corrections_only() -> None:
    record = full_record()
    for data in (json.loads(record.to_json()), record.model_dump()):
        assert list(data) == RECORD_KEYS  # no tables, no corrections: left out
    assert Record.model_validate_json(record.to_json()) == record
