"""Scores the cross-summary findings (each township's series) against the corpus gold's planted errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.checks.history import SERIES_RULES
from pipeline.gold import load_gold
from pipeline.process import process_path, with_batch_findings


@dataclass
class SeriesScore:
    """Planted cross-summary errors found, and cross-summary findings the gold does not plant."""

    planted: dict[str, int] = field(default_factory=dict)  # rule -> planted in the gold
    found: dict[str, int] = field(default_factory=dict)  # rule -> of those, found
    raised: dict[str, int] = field(default_factory=dict)  # rule -> findings raised
    false: dict[str, int] = field(default_factory=dict)  # rule -> of those, on a summary with none planted
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


def evaluate_series(corpus: Path) -> SeriesScore:
    """Every gold file of a corpus as one batch: its series findings against the planted ones."""
    golds = load_gold(corpus)
    processed = [process_path(source, gold.file, classify=False) for source, gold in golds]
    merged = with_batch_findings(processed)
    score = SeriesScore()
    for (_, gold), item in zip(golds, merged):
        records = {record.part: record for record in item.records}
        for document in gold.documents:
            record = records.get(document.part)
            planted = {error.rule for error in document.planted_errors if error.rule in SERIES_RULES}
            findings = [f for f in (record.findings if record else ()) if f.rule in SERIES_RULES]
            raised = {f.rule for f in findings}
            name = f"{gold.file}#{document.part}"
            for rule in planted:
                score.planted[rule] = score.planted.get(rule, 0) + 1
                if rule in raised:
                    score.found[rule] = score.found.get(rule, 0) + 1
                else:
                    score.misses.append(f"{name}: {rule} not found")
            for finding in findings:
                score.raised[finding.rule] = score.raised.get(finding.rule, 0) + 1
                if finding.rule not in planted:
                    score.false[finding.rule] = score.false.get(finding.rule, 0) + 1
                    score.spurious.append(f"{name}: {finding.rule} {finding.message}")
    return score


def series_table(score: SeriesScore) -> list[str]:
    """One markdown row per series rule: planted, found, raised, on summaries without a planted one."""
    lines = ["| rule | planted | found | findings | on honest summaries |", "|---|---|---|---|---|"]
    for rule in SERIES_RULES:
        lines.append(f"| {rule} | {score.planted.get(rule, 0)} | {score.found.get(rule, 0)} | "
                     f"{score.raised.get(rule, 0)} | {score.false.get(rule, 0)} |")
    return lines
