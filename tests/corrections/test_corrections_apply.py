"""The corrections stage: figures, units, township, period and dismissals applied, stale entries found."""

from __future__ import annotations

import pytest

from corrections_corpus import EN_FILE, ZH_FILE
from pipeline.corrections.apply import CORRECTED, Outcome, correct_file
from pipeline.corrections.files import validate_entries


def _fix(processed, name: str, entries: list[dict]):
    done, digest = processed[name]
    for entry in entries:
        entry.setdefault("file", digest)
    corrections = validate_entries(entries, EN_FILE)
    outcome = Outcome()
    return done, correct_file(done.records, done.text, digest, corrections, outcome=outcome), outcome


def _fact(records, start: int, end: int):
    return next(f for r in records for f in r.facts if (f.start, f.end) == (start, end))


@pytest.mark.parametrize("name, start, end, surface, changes", [
    (EN_FILE.name, 849, 870, "84 letters and visits", {"indicator": "letters", "value": 85}),
    (EN_FILE.name, 4710, 4718, "30 cases", {"indicator": "cases_settled"}),
    (ZH_FILE.name, 202, 204, "7件", {"indicator": "visits", "kind": "count"}),
    (ZH_FILE.name, 247, 249, "97", {"indicator": None}),
])
def test_set_fact_changes_the_figure_and_marks_it(processed, name, start, end, surface, changes):
    done, records, outcome = _fix(processed, name, [{"action": "set_fact", "start": start, "end": end,
                                                      "surface": surface, "set": dict(changes)}])
    fact = _fact(records, start, end)
    assert {k: getattr(fact, k) for k in changes} == changes
    assert CORRECTED in fact.flags and done.text[fact.start:fact.end] == fact.surface
    record = next(r for r in records if fact in r.facts)
    assert [m.id for m in record.corrections] == [fact.id] and outcome.used == {0} and not outcome.stale


def test_uncorrected_records_stay_as_they_were(processed):
    done, records, _ = _fix(processed, EN_FILE.name, [{"action": "set_fact", "start": 849, "end": 870,
                                                        "set": {"value": 85}}])
    assert records[0] != done.records[0] and records[1] == done.records[1]
    assert records[1].to_json() == done.records[1].to_json() and "corrections" not in records[1].to_json()


def test_a_corrected_rate_changes_the_checks(processed):
    done, records, _ = _fix(processed, EN_FILE.name, [{"action": "set_fact", "start": 4797, "end": 4801,
                                                        "set": {"value": 130}}])
    rules = lambda rs: {f.rule for r in rs for f in r.findings}  # noqa: E731
    assert "rate-over-100" not in rules(done.records) and "rate-over-100" in rules(records)


@pytest.mark.parametrize("name, rule, start, end", [
    (EN_FILE.name, "placeholder", 3503, 3507),
    (ZH_FILE.name, "placeholder", 24, 26),
])
def test_a_dismissed_finding_is_gone_and_named(processed, name, rule, start, end):
    done, records, outcome = _fix(processed, name, [{"action": "dismiss", "rule": rule, "start": start, "end": end,
                                                      "reason": "the template marker is the title's"}])
    before = [(f.rule, f.start) for r in done.records for f in r.findings]
    after = [(f.rule, f.start) for r in records for f in r.findings]
    assert (rule, start) in before and (rule, start) not in after and len(after) == len(before) - 1
    marks = [m for r in records for m in r.corrections]
    assert [(m.action, m.rule, m.reason) for m in marks] == [("dismiss", rule, "the template marker is the title's")]


def test_add_remove_units_and_record(processed):
    problem = processed[ZH_FILE.name][0].records[0].problems[0]  # the unit as today's extraction cuts it
    done, records, outcome = _fix(processed, ZH_FILE.name, [
        {"action": "add_fact", "start": 158, "end": 161, "surface": "117", "value": 117, "indicator": "villages",
         "kind": "profile"},
        {"action": "remove_fact", "start": 207, "end": 211, "reason": "not a figure"},
        {"action": "set_unit", "unit": "problem", "start": problem.start, "end": problem.end,
         "categories": ["funding_facilities"]},
        {"action": "set_record", "township": "水口乡", "period": {"year": 2021, "half": 2, "raw": "2021年下半年"}},
    ])
    record = records[0]
    added = _fact(records, 158, 161)
    assert added.surface == "117" and added.id not in {f.id for f in done.records[0].facts}
    assert not any((f.start, f.end) == (207, 211) for f in record.facts)
    assert record.problems[0].categories == ("funding_facilities",)
    assert record.township == "水口乡" and record.period.year == 2021 and record.period.half == 2
    assert outcome.used == {0, 1, 2, 3} and len(record.corrections) == 4
    for fact in record.facts:
        assert done.text[fact.start:fact.end] == fact.surface


def test_corrections_are_idempotent(processed):
    done, digest = processed[ZH_FILE.name]
    corrections = validate_entries([
        {"action": "set_fact", "file": digest, "start": 202, "end": 204, "set": {"indicator": "visits"}},
        {"action": "add_fact", "file": digest, "start": 158, "end": 161, "value": 117, "indicator": "villages"},
        {"action": "dismiss", "file": digest, "rule": "placeholder", "start": 24, "end": 26, "reason": "title"},
    ], ZH_FILE)
    once = correct_file(done.records, done.text, digest, corrections)
    twice = correct_file(once, done.text, digest, corrections)
    assert once == twice


@pytest.mark.parametrize("entry, why", [
    ({"action": "set_fact", "start": 849, "end": 870, "surface": "85 letters and visits", "set": {"value": 1}},
     "no longer its surface"),
    ({"action": "set_fact", "start": 850, "end": 870, "set": {"value": 1}}, "no figure"),
    ({"action": "dismiss", "rule": "rate-over-100", "start": 849, "end": 870, "reason": "x"}, "no finding"),
    ({"action": "set_unit", "unit": "measure", "start": 1, "end": 9, "categories": []}, "no unit"),
    ({"action": "set_record", "part": 3, "township": "x"}, "no summary part"),
])
def test_stale_entries_are_found_not_applied(processed, entry, why):
    done, records, outcome = _fix(processed, EN_FILE.name, [entry])
    assert records == done.records and why in outcome.stale[0] and not outcome.used


def test_entries_of_another_file_are_ignored(processed):
    done, records, outcome = _fix(processed, EN_FILE.name, [{"action": "set_fact", "file": "0" * 64, "start": 849,
                                                              "end": 870, "set": {"value": 1}}])
    assert records == done.records and not outcome.stale and not outcome.used
