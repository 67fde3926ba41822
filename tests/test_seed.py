"""The user's sample file: two English summaries under a website title (skipped when absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from pipeline.ingest import load_source
from pipeline.process import ProcessedFile, process_path, with_batch_findings
from pipeline.schema import Fact, Record
from pipeline.segment import segment

# The template markers of the seed, found by this test's own pattern: XX, xx, X, ??XX (standing
# alone, not inside a word) and 20XX, ***.
MARKERS = re.compile(r"\?\?XX|20XX|\*\*\*|(?<![A-Za-z0-9?])(?:XX|xx|X)(?![A-Za-z0-9])")


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> ProcessedFile:
    [processed] = with_batch_findings([process_path(seed_path)])
    return processed


@pytest.fixture(scope="module")
def doc1(seed: ProcessedFile) -> Record:
    return seed.records[0]


@pytest.fixture(scope="module")
def doc2(seed: ProcessedFile) -> Record:
    return seed.records[1]


def _only(record: Record, indicator: str) -> Fact:
    facts = [fact for fact in record.facts if fact.indicator == indicator]
    assert len(facts) == 1, [(f.surface, f.indicator) for f in record.facts]
    return facts[0]


def _rules(record: Record) -> set[str]:
    return {finding.rule for finding in record.findings}


def test_seed_holds_two_english_summaries(seed: ProcessedFile) -> None:
    assert [(r.part, r.language) for r in seed.records] == [(1, "en"), (2, "en")]
    first, second = seed.records
    assert first.end <= second.start
    assert seed.text[first.start : first.start + len("Article 1:")] == "Article 1:"
    assert "Joke Collection Website" not in seed.text[first.start : first.end]


def test_seed_doc2_total_and_its_two_parts(doc2: Record) -> None:
    total = _only(doc2, "petitions_total")
    assert (total.value, total.kind, total.scope) == (31, "count", None)
    for indicator in ("cases_assigned", "cases_local"):
        part = _only(doc2, indicator)
        assert (part.value, part.kind, part.part_of) == (11, "count", total.id)


def test_seed_doc2_on_schedule_rate_more_than_100_without_percent_sign(doc2: Record) -> None:
    rates = [fact for fact in doc2.facts if fact.indicator == "on_time_settlement_rate"]
    bounded = [fact for fact in rates if fact.qualifier == "more_than"]
    assert len(bounded) == 1
    rate = bounded[0]
    assert (rate.value, rate.kind, rate.unit) == (100, "rate", "percent")
    assert "percent_sign_missing" in rate.flags
    assert rate.surface == "more than 100"


def test_seed_doc1_reception_days_per_month(doc1: Record) -> None:
    days = _only(doc1, "leader_reception_days")
    assert (days.value, days.kind, days.per, days.surface) == (3, "frequency", "month", "three")


def test_seed_doc1_trainings_per_year(doc1: Record) -> None:
    trainings = _only(doc1, "trainings")
    assert (trainings.value, trainings.kind, trainings.per) == (2, "frequency", "year")


@pytest.mark.parametrize("index", [0, 1], ids=["doc1", "doc2"])
def test_seed_every_template_marker_is_a_placeholder(seed: ProcessedFile, index: int) -> None:
    record = seed.records[index]
    markers = [m.span() for m in MARKERS.finditer(seed.text, record.start, record.end)]
    assert markers
    spans = [(p.start, p.end) for p in record.placeholders]
    assert len(spans) == len(markers)
    for start, end in markers:
        assert any(s <= start and end <= e for s, e in spans), seed.text[start:end]
    for placeholder in record.placeholders:
        assert seed.text[placeholder.start : placeholder.end] == placeholder.surface


def test_seed_counts_of_the_markers_the_user_named(seed: ProcessedFile) -> None:
    surfaces = [p.surface for record in seed.records for p in record.placeholders]
    named = [s for s in surfaces if s in ("XX", "xx", "X", "??XX")]
    expected = [m.group() for m in MARKERS.finditer(seed.text) if m.group() in ("XX", "xx", "X", "??XX")]
    assert sorted(named) == sorted(expected)
    assert surfaces.count("??XX") == 1


def test_seed_doc2_findings(doc2: Record) -> None:
    assert {"rate-over-100", "percent-sign-missing"} <= _rules(doc2)
    over = [f for f in doc2.findings if f.rule == "rate-over-100"]
    assert all(f.severity == "error" for f in over)


def test_seed_doc1_placeholder_findings(doc1: Record) -> None:
    placeholder_findings = [f for f in doc1.findings if f.rule == "placeholder"]
    assert len(placeholder_findings) == len(doc1.placeholders) > 0
    assert all(f.severity in ("error", "warning") for f in placeholder_findings)


def test_seed_no_template_copy_between_the_two_summaries(seed: ProcessedFile) -> None:
    assert not any("template-copy" in _rules(record) for record in seed.records)


def test_seed_check_cli_exits_1(seed_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(seed_path)])
    assert result.exit_code == 1, result.output
    assert "rate-over-100" in result.output and "placeholder" in result.output


def _numbered_paragraphs(seed_path: Path):
    """(record index, item start, end, line) of every list-marked paragraph of a measures or plans
    section: the item reaches to the next section at its level or above (its body and sub-items)."""
    for index, doc in enumerate(load_source(seed_path).documents):
        seg = segment(doc)
        for number, paragraph in enumerate(seg.paragraphs):
            owner = seg.paragraph_section[number]
            section = seg.sections[owner]
            if paragraph.style not in (None, "bare") and section.kind in ("measures", "plans"):
                line = doc.file_text[paragraph.start : paragraph.end].split("\n")[0]
                end = next((s.start for s in seg.sections[owner + 1 :] if s.level <= section.level), doc.end)
                yield index, paragraph.start, end if section.start == paragraph.start else paragraph.end, line


def test_seed_every_numbered_item_yields_a_measure_in_it_or_below_it(seed: ProcessedFile, seed_path: Path) -> None:
    items = list(_numbered_paragraphs(seed_path))
    assert len(items) >= 20
    for index, start, end, line in items:
        measures = seed.records[index].measures
        assert any(start <= m.start < end for m in measures), f"doc {index + 1}: no measure at {line[:60]!r}"


@pytest.mark.parametrize("opening, category", [
    ("convene a town-wide meeting of cadres, workers and village cadres", "publicity_legal_education"),
    ("Implement a reception day system for town leaders", "reception"),
    ("Further refine the conflict and dispute investigation system", "dispute_screening"),
])
def test_seed_measure_categories(doc1: Record, opening: str, category: str) -> None:
    measures = [m for m in doc1.measures if m.text.startswith(opening)]
    assert len(measures) == 1, opening
    assert category in measures[0].categories, measures[0].categories


def test_seed_doc2_last_paragraph_yields_problems_and_a_plan(seed: ProcessedFile, doc2: Record) -> None:
    start = seed.text.rindex("\n", doc2.start, doc2.end) + 1
    assert seed.text[start:].startswith("In 20XX, the petition work in our township has been smoothly promoted")
    problems = [p for p in doc2.problems if start <= p.start < doc2.end]
    plans = [n for n in doc2.plans if start <= n.start < doc2.end]
    assert {"staffing_shortage", "staff_capability"} <= {c for p in problems for c in p.categories}
    assert plans


def test_seed_units_are_grounded(seed: ProcessedFile) -> None:
    for record in seed.records:
        for unit in (*record.measures, *record.problems, *record.plans):
            assert seed.text[unit.start : unit.end] == unit.text
            assert record.start <= unit.start < unit.end <= record.end


def test_seed_doc2_township_is_zishi(doc2: Record) -> None:
    assert doc2.township == "Zishi Township"
