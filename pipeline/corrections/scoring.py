"""The pipeline scored against a reviewer's corrected records: figures, indicators, units, findings, township and period."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from pipeline.schema import Record


@dataclass
class CorrectionScore:
    """Counts over the reviewed summaries (those of files the corrections file names)."""

    counts: Counter = field(default_factory=Counter)

    def add(self, predicted: Record, corrected: Record) -> None:
        c = self.counts
        c["summaries"] += 1
        mine = {(f.start, f.end): f for f in predicted.facts}
        gold = {(f.start, f.end): f for f in corrected.facts}
        both = mine.keys() & gold.keys()
        c["figures_predicted"] += len(mine)
        c["figures_gold"] += len(gold)
        c["figures_matched"] += len(both)
        c["indicator_right"] += sum(mine[s].indicator == gold[s].indicator for s in both)
        c["value_right"] += sum(mine[s].value == gold[s].value and mine[s].kind == gold[s].kind for s in both)
        for kind in ("measures", "problems"):
            theirs = {(u.start, u.end): set(u.categories) for u in getattr(corrected, kind)}
            for unit in getattr(predicted, kind):
                if (unit.start, unit.end) in theirs:
                    c[f"{kind}_units"] += 1
                    c[f"{kind}_right"] += set(unit.categories) == theirs[(unit.start, unit.end)]
        found = {(f.rule, f.start, f.end) for f in predicted.findings}
        kept = {(f.rule, f.start, f.end) for f in corrected.findings}
        c["findings_predicted"] += len(found)
        c["findings_gold"] += len(kept)
        c["findings_kept"] += len(found & kept)
        c["township_right"] += predicted.township == corrected.township
        c["period_right"] += predicted.period == corrected.period


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"


def markdown_score(score: CorrectionScore) -> str:
    """The score as a markdown table."""
    c = score.counts
    precision = c["figures_matched"] / c["figures_predicted"] if c["figures_predicted"] else 0.0
    recall = c["figures_matched"] / c["figures_gold"] if c["figures_gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    rows = [
        ("summaries reviewed", str(c["summaries"])),
        ("figure precision", _ratio(c["figures_matched"], c["figures_predicted"])),
        ("figure recall", _ratio(c["figures_matched"], c["figures_gold"])),
        ("figure F1", f"{f1:.3f}" if c["figures_predicted"] and c["figures_gold"] else "n/a"),
        ("indicator accuracy (matched figures)", _ratio(c["indicator_right"], c["figures_matched"])),
        ("value and kind accuracy (matched figures)", _ratio(c["value_right"], c["figures_matched"])),
        ("measure categories exact", _ratio(c["measures_right"], c["measures_units"])),
        ("problem categories exact", _ratio(c["problems_right"], c["problems_units"])),
        ("finding precision (not dismissed)", _ratio(c["findings_kept"], c["findings_predicted"])),
        ("finding recall", _ratio(c["findings_kept"], c["findings_gold"])),
        ("township accuracy", _ratio(c["township_right"], c["summaries"])),
        ("period accuracy", _ratio(c["period_right"], c["summaries"])),
    ]
    return "\n".join(["| measure | value |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)])


def score_pairs(pairs: Iterable[tuple[Record, Record]]) -> CorrectionScore:
    score = CorrectionScore()
    for predicted, corrected in pairs:
        score.add(predicted, corrected)
    return score
