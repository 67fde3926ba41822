"""The corrections stage: a pure function from one file's records (and its text) to the corrected records."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.checks import CheckConfig, run_checks
from pipeline.corrections.model import AddFact, CorrectionsFile, Dismiss, RemoveFact, SetFact, SetRecord, SetUnit
from pipeline.schema import CorrectionMark, Fact, Record

CORRECTED = "corrected"  # the flag of a figure a correction set or added


@dataclass
class Outcome:
    """Which entries (by index in the corrections file) changed something, and which are stale."""

    used: set[int] = field(default_factory=set)
    stale: dict[int, str] = field(default_factory=dict)  # entry index -> why


def _batch_rules() -> frozenset[str]:
    from pipeline.checks.rules import BATCH_RULES

    return frozenset(BATCH_RULES)


def _next_fact_id(facts) -> str:
    numbers = [int(m.group(1)) for f in facts if (m := re.fullmatch(r"f(\d+)", f.id))]
    return f"f{max(numbers, default=0) + 1}"


def _fact_edits(record: Record, entries: list, marks: list, used: set[int], text: str) -> tuple[Fact, ...]:
    facts = list(record.facts)
    for index, entry in entries:
        at = next((n for n, f in enumerate(facts) if (f.start, f.end) == (entry.start, entry.end)), None)
        if isinstance(entry, RemoveFact) and at is not None:
            gone = facts.pop(at)
            facts = [f.model_copy(update={"part_of": None if f.part_of == gone.id else f.part_of,
                                          "refers_to": None if f.refers_to == gone.id else f.refers_to})
                     for f in facts]
            marks.append(CorrectionMark(target="fact", id=gone.id, start=gone.start, end=gone.end, action="remove",
                                        reason=entry.reason))
        elif isinstance(entry, (SetFact, AddFact)) and (at is not None or isinstance(entry, AddFact)):
            if isinstance(entry, SetFact):
                changes = entry.set.given()
            else:
                changes = entry.model_dump(include={"value", "indicator", "kind", "unit", "qualifier", "subject"})
            if at is None:
                fact = Fact(id=_next_fact_id(facts), start=entry.start, end=entry.end, surface=text[entry.start:entry.end], **changes)
                facts.append(fact)
                at = len(facts) - 1
            action = "add" if isinstance(entry, AddFact) else "set"  # the same again, once it is there
            old = facts[at]
            flags = old.flags if CORRECTED in old.flags else old.flags + (CORRECTED,)
            facts[at] = old.model_copy(update={**changes, "flags": flags})
            marks.append(CorrectionMark(target="fact", id=old.id, start=old.start, end=old.end, action=action,
                                        fields=tuple(sorted(changes)), reason=entry.reason))
        else:
            continue
        used.add(index)
    return tuple(sorted(facts, key=lambda f: (f.start, f.end)))


def _unit_edits(units, kind: str, entries: list, marks: list, used: set[int]):
    units = list(units)
    for index, entry in entries:
        if entry.unit != kind:
            continue
        at = next((n for n, u in enumerate(units) if (u.start, u.end) == (entry.start, entry.end)), None)
        if at is None:
            continue
        units[at] = units[at].model_copy(update={"categories": tuple(entry.categories)})
        marks.append(CorrectionMark(target=kind, id=units[at].id, start=entry.start, end=entry.end,
                                    fields=("categories",), reason=entry.reason))
        used.add(index)
    return tuple(units)


def _record_edits(record: Record, entries: list, marks: list, used: set[int]) -> dict:
    update: dict = {}
    for index, entry in entries:
        if entry.part != record.part:
            continue
        given = {name: getattr(entry, name) for name in ("township", "period") if name in entry.model_fields_set}
        if "period" in given and given["period"] is None:
            given["period"] = record.period.model_copy(update={"year": None, "half": None, "quarter": None,
                                                               "raw": None, "kind": None})
        update.update(given)
        marks.append(CorrectionMark(target="record", start=record.start, end=record.end, fields=tuple(sorted(given)),
                                    reason=entry.reason))
        used.add(index)
    return update


def correct_record(record: Record, text: str, entries: list, config: CheckConfig | None = None,
                   outcome: Outcome | None = None) -> Record:
    """The record with the entries (index, entry) of its file applied: figures, units, township and
    period first, then the single-record checks again when anything they read changed, then the
    dismissed findings taken out. Idempotent: a corrected record corrected again is unchanged."""
    outcome = outcome if outcome is not None else Outcome()
    marks: list[CorrectionMark] = []
    inside = [(i, e) for i, e in entries if not hasattr(e, "start") or record.start <= e.start < record.end]
    by_kind = lambda kind: [(i, e) for i, e in inside if isinstance(e, kind)]  # noqa: E731
    update = _record_edits(record, by_kind(SetRecord), marks, outcome.used)
    fact_entries = by_kind(SetFact) + by_kind(AddFact) + by_kind(RemoveFact)
    facts = _fact_edits(record, sorted(fact_entries, key=lambda pair: pair[0]), marks, outcome.used, text)
    if facts != record.facts:
        update["facts"] = facts
    unit_entries = by_kind(SetUnit)
    update["measures"] = _unit_edits(record.measures, "measure", unit_entries, marks, outcome.used)
    update["problems"] = _unit_edits(record.problems, "problem", unit_entries, marks, outcome.used)
    corrected = record.model_copy(update=update)
    if marks:  # the checks read the corrected figures, township and period
        kept = tuple(f for f in record.findings if f.rule in _batch_rules())
        fresh = run_checks(corrected.model_copy(update={"findings": ()}), text, config)
        findings = tuple(sorted((*fresh, *kept), key=lambda f: (f.start, f.end, f.rule)))
        corrected = corrected.model_copy(update={"findings": findings})
    findings = list(corrected.findings)
    for index, entry in by_kind(Dismiss):
        hit = [f for f in findings if f.rule == entry.rule and (f.start, f.end) == (entry.start, entry.end)]
        if hit:
            findings = [f for f in findings if f not in hit]
            marks.append(CorrectionMark(target="finding", start=entry.start, end=entry.end, action="dismiss",
                                        rule=entry.rule, reason=entry.reason))
            outcome.used.add(index)
    return corrected.model_copy(update={"findings": tuple(findings), "corrections": tuple(marks)})


def correct_file(records, text: str, digest: str | None, corrections: CorrectionsFile,
                 config: CheckConfig | None = None, outcome: Outcome | None = None) -> tuple[Record, ...]:
    """Every record of one file with the entries keyed by its content hash applied; an entry whose
    surface is no longer the text at its span is stale (recorded in `outcome`) and not applied."""
    outcome = outcome if outcome is not None else Outcome()
    entries = []
    for index, entry in enumerate(corrections.entries):
        if entry.file != digest:
            continue
        span = (getattr(entry, "start", 0), getattr(entry, "end", 0))
        if span[1] > len(text) or (getattr(entry, "surface", None) is not None
                                   and text[span[0]:span[1]] != entry.surface):
            outcome.stale[index] = "the text at its span is no longer its surface"
            continue
        entries.append((index, entry))
    corrected = tuple(correct_record(record, text, entries, config, outcome) for record in records)
    for index, entry in entries:
        if index not in outcome.used:
            what = "finding" if isinstance(entry, Dismiss) else "summary part" if isinstance(entry, SetRecord) \
                else "unit" if isinstance(entry, SetUnit) else "figure" if not isinstance(entry, AddFact) \
                else "summary"
            outcome.stale[index] = f"no {what} at its span any more"
    return corrected
