"""Scores measure, problem and plan units against gold units: boundary match and structural soundness.

Boundary match: a gold unit is matched when a predicted unit of the same kind overlaps it with a
character IoU (intersection over union of the two half-open spans) of at least IOU_THRESHOLD.
The figure is the share of gold units matched (gold units are a sample of a text's units, so a
predicted unit without a gold one is not counted against it).

Structure: a predicted unit is unsound when it spans two sections (a section of the record starts
strictly inside it) or holds the overview (it covers half or more of the overview's opening
sentence, the lead: the first sentence of the first body line, where the gold says the text opens
with an overview)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from pipeline.gold import GoldDocument, GoldUnit
from pipeline.extractors.unit_blocks import body_line
from pipeline.paragraphs import sentence_ends
from pipeline.schema import Record
from pipeline.section_cues import section_cues

IOU_THRESHOLD = 0.5
UNIT_KINDS = ("measure", "problem", "plan")
RECORD_FIELDS = {"measure": "measures", "problem": "problems", "plan": "plans"}


def span_iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Intersection over union of two half-open character spans (0.0 when either is empty)."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 and inter > 0 else 0.0


@dataclass
class UnitTally:
    """Gold units matched per kind, predicted units, and unsound units with where they stand."""

    documents: int = 0
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(UNIT_KINDS, 0))
    matched: dict[str, int] = field(default_factory=lambda: dict.fromkeys(UNIT_KINDS, 0))
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(UNIT_KINDS, 0))
    iou_sum: dict[str, float] = field(default_factory=lambda: dict.fromkeys(UNIT_KINDS, 0.0))
    spanning: int = 0
    overview: int = 0
    unmatched: list[str] = field(default_factory=list)
    unsound: list[str] = field(default_factory=list)

    def share(self, kinds: Sequence[str] = UNIT_KINDS) -> float:
        gold = sum(self.gold[k] for k in kinds)
        return sum(self.matched[k] for k in kinds) / gold if gold else 1.0


def best_iou(gold: GoldUnit, spans: Sequence[tuple[int, int]]) -> float:
    return max((span_iou((gold.start, gold.end), span) for span in spans), default=0.0)


def _spans(record: Record, kind: str) -> list[tuple[int, int]]:
    return [(u.start, u.end) for u in getattr(record, RECORD_FIELDS[kind])]


def score_unit_boundaries(records: Sequence[Record], gold: GoldDocument, text: str, tally: UnitTally,
                          name: str) -> None:
    """Count the gold units of one document matched by a predicted unit of its kind."""
    tally.documents += 1
    for kind in UNIT_KINDS:
        spans = [span for record in records for span in _spans(record, kind)]
        tally.predicted[kind] += len(spans)
        for unit in (u for u in gold.units if u.kind == kind):
            tally.gold[kind] += 1
            iou = best_iou(unit, spans)
            tally.iou_sum[kind] += iou
            if iou >= IOU_THRESHOLD:
                tally.matched[kind] += 1
            else:
                tally.unmatched.append(f"{name}: {kind} [{unit.start}:{unit.end}] best IoU {iou:.2f}: "
                                       f"{text[unit.start:unit.end][:60]!r}")


def lead_span(text: str, gold: GoldDocument, language: str) -> tuple[int, int] | None:
    """The overview's opening sentence: the first sentence of the first body line of the document (a
    line with a sentence end, or longer than two headings: titles, datelines and captions are
    skipped); None when the gold says the text has no overview (no introducing opening) or holds
    a unit there (an essay that opens with a problem: that sentence is a unit, not the overview)."""
    if "overview" not in gold.section_kinds:
        return None
    lead = _first_sentence(text, gold, language)
    if lead is None or any(span_iou(lead, (u.start, u.end)) >= IOU_THRESHOLD or u.start <= lead[0] < lead[1] <= u.end
                           for u in gold.units):
        return None
    return lead


def _first_sentence(text: str, gold: GoldDocument, language: str) -> tuple[int, int] | None:
    cues = section_cues(language)
    start, stop = gold.start or 0, gold.end if gold.end is not None else len(text)
    offset = start
    for line in text[start:stop].split("\n"):
        if body_line(line, cues):
            previous = 0
            for end in sentence_ends(line, cues):  # the first sentence with words (not a ??? of debris)
                piece = line[previous:end]
                if re.search(r"\w\w", piece):
                    lead = len(piece) - len(piece.lstrip())
                    return offset + previous + lead, offset + previous + len(piece.rstrip())
                previous = end
        offset += len(line) + 1
    return None


def unsound_reason(start: int, end: int, record: Record, lead: tuple[int, int] | None) -> str | None:
    """'spans two sections', 'holds the overview' or None for one unit of a record: a section of the
    record starts strictly inside it, or it covers half of the overview's opening sentence or more."""
    if any(start < section.start < end for section in record.sections):
        return "spans two sections"
    if lead is not None and min(end, lead[1]) - max(start, lead[0]) >= (lead[1] - lead[0]) / 2:
        return "holds the overview"
    return None


def score_unit_structure(record: Record, lead: tuple[int, int] | None, tally: UnitTally, name: str) -> None:
    """Count the units of one record that span two sections or hold the overview."""
    for kind in UNIT_KINDS:
        for unit in getattr(record, RECORD_FIELDS[kind]):
            reason = unsound_reason(unit.start, unit.end, record, lead)
            if reason is None:
                continue
            if reason == "spans two sections":
                tally.spanning += 1
            else:
                tally.overview += 1
            tally.unsound.append(f"{name}: {kind} {unit.id} {reason}: {unit.text[:60]!r}")


def units_table(rows: list[tuple[str, UnitTally]]) -> list[str]:
    """Markdown: gold units matched (IoU >= threshold) per kind and in all, and unsound units."""
    lines = [f"| set | docs | gold measures matched | gold problems matched | gold plans matched | all matched | "
             f"mean best IoU | predicted units | spanning two sections | holding the overview |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for label, t in rows:
        cells = [f"{t.matched[k]}/{t.gold[k]}" for k in UNIT_KINDS]
        gold = sum(t.gold.values())
        mean = sum(t.iou_sum.values()) / gold if gold else 0.0
        lines.append(f"| {label} | {t.documents} | {' | '.join(cells)} | {t.share():.3f} | {mean:.3f} | "
                     f"{sum(t.predicted.values())} | {t.spanning} | {t.overview} |")
    return lines
