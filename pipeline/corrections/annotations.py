"""Records as neutral annotations (labelled spans per layer) and corrected annotations back into corrections."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.corrections.model import CorrectionsFile
from pipeline.corrections.files import validate_entries
from pipeline.errors import CorrectionsError
from pipeline.schema import Period, Record

LAYERS = ("figures", "measures", "problems", "findings")
NO_LABEL = "NONE"  # a figure bound to no indicator, a unit with no category
IMPORT_REASON = "corrected in annotation"


@dataclass(frozen=True)
class Annotation:
    """One summary for an annotation tool: its text (the record's slice of the file), its spans
    relative to that text, and what it was exported from (to diff the corrected spans against)."""

    text: str
    spans: tuple[tuple[str, int, int, str], ...]  # (layer, start, end, label)
    meta: dict = field(default_factory=dict)  # file, source, offset, record (its JSON dict), township, period


def _unit_spans(layer: str, units, offset: int):
    for unit in units:
        for label in unit.categories or (NO_LABEL,):
            yield layer, unit.start - offset, unit.end - offset, label


def annotation_of(record: Record, file_text: str, digest: str) -> Annotation:
    """The record's figures, units and findings as labelled spans over its text."""
    offset = record.start
    spans = [("figures", f.start - offset, f.end - offset, f.indicator or NO_LABEL) for f in record.facts]
    spans += _unit_spans("measures", record.measures, offset)
    spans += _unit_spans("problems", record.problems, offset)
    spans += [("findings", f.start - offset, f.end - offset, f.rule) for f in record.findings
              if record.start <= f.start and f.end <= record.end]
    meta = {"file": digest, "source": record.source, "offset": offset, "record": record.model_dump(mode="json"),
            "township": record.township, "period": record.period.model_dump(mode="json")}
    return Annotation(file_text[record.start:record.end], tuple(spans), meta)


def _by_span(spans, layer: str) -> dict[tuple[int, int], set[str]]:
    found: dict[tuple[int, int], set[str]] = {}
    for name, start, end, label in spans:
        if name == layer:
            found.setdefault((start, end), set()).add(label)
    return found


def _value(surface: str, language: str, where: str):
    from pipeline.numbers import find_quantities

    quantities = find_quantities(surface, language)
    if not quantities:
        raise CorrectionsError(f"{where}: the new figure {surface!r} holds no number this release reads; "
                               "widen the span to the whole figure")
    return quantities[0]


def _figure_entries(annotation: Annotation, record: Record, base: dict, where: str) -> list[dict]:
    offset, entries = record.start, []
    old = {(f.start - offset, f.end - offset): f for f in record.facts}
    new = _by_span(annotation.spans, "figures")
    for span, fact in old.items():
        labels = new.get(span)
        spanned = {**base, "start": span[0] + offset, "end": span[1] + offset, "surface": fact.surface}
        if labels is None:
            entries.append({**spanned, "action": "remove_fact"})
            continue
        label = sorted(labels)[0]
        indicator = None if label == NO_LABEL else label
        if indicator != fact.indicator:
            entries.append({**spanned, "action": "set_fact", "set": {"indicator": indicator}})
    for span, labels in new.items():
        if span in old:
            continue
        surface = annotation.text[span[0]:span[1]]
        quantity = _value(surface, record.language, f"{where} span {span[0]}-{span[1]}")
        label = sorted(labels)[0]
        kind = "rate" if quantity.is_percent else "count"
        entries.append({**base, "action": "add_fact", "start": span[0] + offset, "end": span[1] + offset,
                        "surface": surface, "value": quantity.value, "unit": quantity.unit,
                        "qualifier": quantity.qualifier, "kind": kind,
                        "indicator": None if label == NO_LABEL else label})
    return entries


def _unit_entries(annotation: Annotation, record: Record, base: dict) -> list[dict]:
    entries = []
    for layer, unit, units in (("measures", "measure", record.measures), ("problems", "problem", record.problems)):
        new = _by_span(annotation.spans, layer)
        for item in units:
            span = (item.start - record.start, item.end - record.start)
            labels = tuple(sorted(new.get(span, {NO_LABEL}) - {NO_LABEL}))
            if set(labels) != set(item.categories):
                entries.append({**base, "action": "set_unit", "unit": unit, "start": item.start, "end": item.end,
                                "surface": item.text, "categories": list(labels)})
    return entries


def _finding_entries(annotation: Annotation, record: Record, base: dict) -> list[dict]:
    kept = {(start, end, label) for layer, start, end, label in annotation.spans if layer == "findings"}
    return [{**base, "action": "dismiss", "rule": f.rule, "start": f.start, "end": f.end, "reason": IMPORT_REASON}
            for f in record.findings if record.start <= f.start and f.end <= record.end
            and (f.start - record.start, f.end - record.start, f.rule) not in kept]


def corrections_of(annotations, origin) -> CorrectionsFile:
    """The corrections that turn each exported record into its corrected annotation; `origin`
    (the annotation file) names errors."""
    raw = []
    for number, annotation in enumerate(annotations, 1):
        where = f"summary {number}"
        try:
            record = Record.model_validate(annotation.meta["record"])
            base = {"file": annotation.meta["file"], "source": annotation.meta.get("source")}
        except (KeyError, TypeError, ValueError) as error:
            raise CorrectionsError(f"{where}: no exported record in its metadata; annotate files that "
                                   "`petition-miner export` wrote", origin) from error
        try:
            raw += _figure_entries(annotation, record, base, where)
        except CorrectionsError as error:
            raise CorrectionsError(error.message, origin) from error
        raw += _unit_entries(annotation, record, base)
        raw += _finding_entries(annotation, record, base)
        changed = {}
        if annotation.meta.get("township", record.township) != record.township:
            changed["township"] = annotation.meta["township"]
        period = annotation.meta.get("period")
        if period is not None and Period.model_validate(period) != record.period:
            changed["period"] = period
        if changed:
            raw.append({**base, "action": "set_record", "part": record.part, "reason": IMPORT_REASON, **changed})
    return validate_entries([{k: v for k, v in e.items() if v is not None or k in ("indicator",)} for e in raw],
                            origin)


def merge(old: CorrectionsFile, new: CorrectionsFile) -> CorrectionsFile:
    """The old entries, each replaced by a new entry about the same thing, then the other new ones."""
    def key(entry) -> tuple:
        return (entry.file, entry.action, getattr(entry, "start", None), getattr(entry, "end", None),
                getattr(entry, "rule", None), getattr(entry, "unit", None), getattr(entry, "part", None))

    fresh = {key(entry): entry for entry in new.entries}
    kept = [fresh.pop(key(entry), entry) for entry in old.entries]
    return CorrectionsFile(entries=tuple(kept + list(fresh.values())))
